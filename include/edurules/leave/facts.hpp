// Which facts about a worker the leave rules can decide on. Every face (the
// JSON codec, the columnar batch, the C ABI, Python) hands its input to
// `check_facts` before `evaluate`: one place refuses lessons that overlap or
// end before they start, absences on days without lessons or longer than the
// lessons given, leave taken beyond a day, durations that do not fit the
// exact arithmetic, and a training with neither lessons nor a start date.
// A refusal names the training, the item and the field, so that each face
// can point at its own record (a JSON path, a batch row, a DataFrame label).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "edurules/leave/model.hpp"

namespace edurules::leave {

/// Bounds that keep every exact product within 128 bits and every clock time
/// within a day. Not legal numbers: a day has 24 x 60 minutes, a week 7 days,
/// and 2^40 minutes are two million years.
inline constexpr std::int64_t minutes_per_day = 24 * minutes_per_hour;
inline constexpr std::int64_t minutes_per_week = 7 * minutes_per_day;
inline constexpr std::int64_t max_minutes = std::int64_t{1} << 40;

/// Bound of a count (credits, exams, competences): a million is far beyond any training.
inline constexpr std::int64_t max_count = std::int64_t{1} << 20;

/// A monthly wage as whole cents: a non-negative amount with at most 2
/// decimals and no larger than max_minutes; nullopt otherwise (both JSON
/// readers refuse it).
inline std::optional<std::int64_t> wage_in_cents(const decimal& d) {
    const auto cents = d.in_scale(2);
    if (!cents || d.is_negative() || *cents > max_minutes) return std::nullopt;
    return cents;
}

/// What is wrong with a worker's facts (pinned codes: the batch reports them).
enum class facts_problem : std::uint8_t {
    none = 0,
    lesson_times = 1,             ///< a clock time outside the day, or the end not after the start
    lesson_overlap = 2,           ///< two lessons of one training overlap on a day
    absence_no_lesson = 3,        ///< an absence on a day without a given lesson
    absence_too_long = 4,         ///< absences on a day longer than the lessons given that day
    holiday_span = 5,             ///< a holiday that ends before it starts or does not contain the absence
    taken_too_long = 6,           ///< leave taken on a day longer than a day
    no_start = 7,                 ///< a training without lessons and without a start date
    job_minutes = 8,              ///< contract or full-time minutes per week outside 0..a week (full time > 0)
    job_dates = 9,                ///< a job that ends before it starts
    duration_too_large = 10,      ///< a duration beyond the exact-arithmetic bound
    count_out_of_range = 11,      ///< credits, exams or competences negative or beyond the bound
    unknown_absence_reason = 12,  ///< an absence reason outside the rulebook's list (or none)
    date_too_late = 13,           ///< a date after latest_input_date: the rules would count past the calendar
    unknown_sector = 14,          ///< a sector outside the words leave.regime.sectors allows (private, public)
    unknown_language_kind = 15,   ///< a language kind outside the words leave.brussels.raised_languages allows
    /// the jobs' employment shares too fine to add (employment_at) or weigh
    /// over the school year (weigh_alternating_employment) exactly in 64 bits
    /// (many jobs with coprime full-time minutes): found while deciding
    employment_too_fine = 16,
    /// a job's contract minutes per week above its full-time minutes: an
    /// employment share above 1 is no employment the rules know (the
    /// account domain refuses it alike)
    job_above_full_time = 17,
};
/// The last problem code (the C and Python faces list the names up to it).
inline constexpr facts_problem last_facts_problem = facts_problem::job_above_full_time;
inline constexpr std::string_view to_string(facts_problem p) {
    switch (p) {
        case facts_problem::none:
            return "none";
        case facts_problem::lesson_times:
            return "lesson_times";
        case facts_problem::lesson_overlap:
            return "lesson_overlap";
        case facts_problem::absence_no_lesson:
            return "absence_no_lesson";
        case facts_problem::absence_too_long:
            return "absence_too_long";
        case facts_problem::holiday_span:
            return "holiday_span";
        case facts_problem::taken_too_long:
            return "taken_too_long";
        case facts_problem::no_start:
            return "no_start";
        case facts_problem::job_minutes:
            return "job_minutes";
        case facts_problem::job_dates:
            return "job_dates";
        case facts_problem::duration_too_large:
            return "duration_too_large";
        case facts_problem::count_out_of_range:
            return "count_out_of_range";
        case facts_problem::unknown_absence_reason:
            return "unknown_absence_reason";
        case facts_problem::date_too_late:
            return "date_too_late";
        case facts_problem::unknown_sector:
            return "unknown_sector";
        case facts_problem::unknown_language_kind:
            return "unknown_language_kind";
        case facts_problem::employment_too_fine:
            return "employment_too_fine";
        case facts_problem::job_above_full_time:
            return "job_above_full_time";
    }
    return "?";
}

/// The latest date a leave input may hold. The rules count forward from the
/// dates they are given: certificate periods and the suspension after one
/// (leave.bev.certificate_period_months, leave.bev.suspension_months), the
/// career attest's age (leave.vov.career_attest_max_age_years), the VOV claim
/// window (leave.vov.claim_months_*) and the enrolment-certificate deadline,
/// each at most its declared `max` in rulebook/leave.json, from the input date
/// or the day after a period that ends on it, and school-year dates up to the
/// year after. Boost's calendar ends on 9999-12-31, so an input date must leave
/// room for the longest of these spans. Not a legal number: the calendar's end
/// less the longest span the rulebook's declarations allow (a user rulebook may
/// narrow them, never widen them); tests/leave/test_facts_dates.cpp checks
/// latest_input_span_months against those declarations.
inline const date latest_input_date{9898, 12, 31};
/// The span (in months) that latest_input_date leaves before the calendar's end.
inline constexpr std::int64_t latest_input_span_months = 1200;
/// Where a problem is: the collection (`jobs`, `lessons`, `absences`,
/// `leave_taken`, or empty for the training itself), the training index, the
/// item index in the collection, and the field.
struct facts_error {
    static constexpr std::size_t no_training = SIZE_MAX;  ///< a problem of the worker or a job
    facts_problem problem = facts_problem::none;
    const char* collection = "";
    std::size_t training = 0;
    std::size_t item = 0;
    const char* field = "";
    std::size_t other = 0;  ///< lesson_overlap: the index of the other lesson
    explicit operator bool() const noexcept { return problem != facts_problem::none; }
};

namespace facts_detail {
inline facts_error at(facts_problem p, const char* coll, std::size_t t, std::size_t i, const char* field,
                      std::size_t other = 0) {
    return facts_error{p, coll, t, i, field, other};
}

/// Whether the lessons' days strictly increase (the usual listing: one
/// lesson a day, in date order): then no two lessons share a day.
inline bool one_lesson_a_day_in_order(const training& t) {
    for (std::size_t i = 1; i < t.lessons.size(); ++i)
        if (!(t.lessons[i - 1].day < t.lessons[i].day)) return false;
    return true;
}

inline facts_error check_lessons(const training& t, std::size_t ti) {
    // lessons on different days cannot overlap: the quadratic scan below
    // (which allocates nothing) is needed only when two may share a day
    const bool distinct_days = one_lesson_a_day_in_order(t);
    for (std::size_t i = 0; i < t.lessons.size(); ++i) {
        const lesson& l = t.lessons[i];
        if (l.start < 0 || l.start >= minutes_per_day)
            return at(facts_problem::lesson_times, "lessons", ti, i, "start");
        if (l.end <= l.start || l.end > minutes_per_day)
            return at(facts_problem::lesson_times, "lessons", ti, i, "end");
        for (std::size_t k = 0; k < i && !distinct_days; ++k) {
            const lesson& o = t.lessons[k];
            if (o.day == l.day && l.start < o.end && o.start < l.end)
                return at(facts_problem::lesson_overlap, "lessons", ti, i, "start", k);
        }
    }
    return {};
}

inline minutes given_on(const training& t, date d) {
    minutes m{};
    for (const auto& l : t.lessons)
        if (!l.cancelled && l.day == d) m += l.length();
    return m;
}
/// The same when the lessons' days strictly increase: the one lesson of day
/// `d`, found by binary search.
inline minutes given_on_sorted(const training& t, date d) {
    const auto it =
        std::lower_bound(t.lessons.begin(), t.lessons.end(), d, [](const lesson& l, date v) { return l.day < v; });
    return it != t.lessons.end() && it->day == d && !it->cancelled ? it->length() : minutes{};
}

inline facts_error check_absences(const training& t, std::size_t ti) {
    const bool sorted = t.absences.size() > 1 && one_lesson_a_day_in_order(t);
    for (std::size_t i = 0; i < t.absences.size(); ++i) {
        const absence& a = t.absences[i];
        const minutes given = sorted ? given_on_sorted(t, a.day) : given_on(t, a.day);
        if (given.count == 0) return at(facts_problem::absence_no_lesson, "absences", ti, i, "date");
        if (a.length.count < 0) return at(facts_problem::absence_too_long, "absences", ti, i, "absent_minutes");
        minutes total{};
        for (std::size_t k = 0; k <= i; ++k)
            if (t.absences[k].day == a.day) total += t.absences[k].length;
        if (given < total) return at(facts_problem::absence_too_long, "absences", ti, i, "absent_minutes");
        if (a.holiday && a.holiday->empty()) return at(facts_problem::holiday_span, "absences", ti, i, "holiday.to");
        if (a.holiday && !a.holiday->contains(a.day))
            return at(facts_problem::holiday_span, "absences", ti, i, "holiday");
    }
    return {};
}

/// The first input date of a training after latest_input_date (issue 13:
/// every error names its field, down to the lesson or absence).
inline facts_error check_training_dates(const training& t, std::size_t ti) {
    const auto late = [](const std::optional<date>& d) { return d && latest_input_date < *d; };
    constexpr facts_problem p = facts_problem::date_too_late;
    if (late(t.start)) return at(p, "", ti, 0, "start");
    if (late(t.enrolled_on)) return at(p, "", ti, 0, "enrolled_on");
    if (late(t.career_attest_date)) return at(p, "", ti, 0, "vov.career_attest_date");
    for (std::size_t i = 0; i < t.lessons.size(); ++i)
        if (latest_input_date < t.lessons[i].day) return at(p, "lessons", ti, i, "date");
    for (std::size_t i = 0; i < t.absences.size(); ++i) {
        const absence& a = t.absences[i];
        if (latest_input_date < a.day) return at(p, "absences", ti, i, "date");
        if (late(a.employer_declared_on)) return at(p, "absences", ti, i, "employer_declared_on");
        if (a.holiday && latest_input_date < a.holiday->first) return at(p, "absences", ti, i, "holiday.from");
        if (a.holiday && latest_input_date < a.holiday->last) return at(p, "absences", ti, i, "holiday.to");
    }
    for (std::size_t i = 0; i < t.taken.size(); ++i)
        if (latest_input_date < t.taken[i].day) return at(p, "leave_taken", ti, i, "date");
    return {};
}

inline facts_error check_training(const training& t, std::size_t ti) {
    if (auto e = check_training_dates(t, ti)) return e;
    if (auto e = check_lessons(t, ti)) return e;
    if (auto e = check_absences(t, ti)) return e;
    for (std::size_t i = 0; i < t.taken.size(); ++i)
        if (t.taken[i].length.count < 0 || t.taken[i].length.count > minutes_per_day)
            return at(facts_problem::taken_too_long, "leave_taken", ti, i, "leave_minutes");
    if (t.lessons.empty() && !t.start) return at(facts_problem::no_start, "", ti, 0, "start");
    for (const auto* c : {&t.credits, &t.exams, &t.competences})
        if (*c < 0 || *c > max_count)
            return at(facts_problem::count_out_of_range, "", ti, 0,
                      c == &t.credits ? "credits"
                      : c == &t.exams ? "exams"
                                      : "competences");
    return {};
}
}  // namespace facts_detail

/// The first problem in `w`'s facts (with the trainings `trainings`), or an
/// empty error. Allocates nothing.
inline facts_error check_facts(const worker& w, std::span<const training> trainings) {
    for (std::size_t i = 0; i < w.jobs.size(); ++i) {
        const job& j = w.jobs[i];
        if (j.contract_minutes_per_week < 0 || j.contract_minutes_per_week > minutes_per_week)
            return facts_detail::at(facts_problem::job_minutes, "jobs", facts_error::no_training, i,
                                    "contract_minutes_per_week");
        if (j.full_time_minutes_per_week <= 0 || j.full_time_minutes_per_week > minutes_per_week)
            return facts_detail::at(facts_problem::job_minutes, "jobs", facts_error::no_training, i,
                                    "full_time_minutes_per_week");
        if (j.contract_minutes_per_week > j.full_time_minutes_per_week)
            return facts_detail::at(facts_problem::job_above_full_time, "jobs", facts_error::no_training, i,
                                    "contract_minutes_per_week");
        if (j.to && *j.to < j.from)
            return facts_detail::at(facts_problem::job_dates, "jobs", facts_error::no_training, i, "to");
        if (latest_input_date < j.from)
            return facts_detail::at(facts_problem::date_too_late, "jobs", facts_error::no_training, i, "from");
        if (j.to && latest_input_date < *j.to)
            return facts_detail::at(facts_problem::date_too_late, "jobs", facts_error::no_training, i, "to");
    }
    if (w.new_job_on && latest_input_date < *w.new_job_on)
        return facts_detail::at(facts_problem::date_too_late, "", facts_error::no_training, 0, "new_job_on");
    if (w.bev_reimbursed_elsewhere.count < 0 || w.bev_reimbursed_elsewhere.count > max_minutes)
        return facts_detail::at(facts_problem::duration_too_large, "", facts_error::no_training, 0,
                                "bev_reimbursed_elsewhere_minutes");
    if (w.monthly_wage_cents && (*w.monthly_wage_cents < 0 || *w.monthly_wage_cents > max_minutes))
        return facts_detail::at(facts_problem::duration_too_large, "", facts_error::no_training, 0, "monthly_wage");
    for (std::size_t t = 0; t < trainings.size(); ++t)
        if (auto e = facts_detail::check_training(trainings[t], t)) return e;
    return {};
}
inline facts_error check_facts(const worker& w) { return check_facts(w, w.trainings); }

/// A sentence for a problem, naming the values involved (formatted only when
/// a face reports the problem).
inline std::string describe(std::span<const training> trainings, const facts_error& e) {
    const auto clock = [](int m) {
        const int h = m / static_cast<int>(minutes_per_hour), mm = m % static_cast<int>(minutes_per_hour);
        return std::string{static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                           static_cast<char>('0' + mm / 10), static_cast<char>('0' + mm % 10)};
    };
    const training* t = e.training < trainings.size() ? &trainings[e.training] : nullptr;
    switch (e.problem) {
        case facts_problem::none:
            return {};
        case facts_problem::lesson_times: {
            const lesson& l = t->lessons[e.item];
            if (l.start < 0 || l.start >= minutes_per_day || l.end > minutes_per_day || l.end < 0)
                return "a clock time outside the day (start " + std::to_string(l.start) + ", end " +
                       std::to_string(l.end) + " minutes after midnight)";
            return "ends at " + clock(l.end) + ", not after its start " + clock(l.start);
        }
        case facts_problem::lesson_overlap: {
            const lesson& a = t->lessons[e.other];
            const lesson& b = t->lessons[e.item];
            return "overlaps lessons[" + std::to_string(e.other) + "] on " + to_iso(a.day) + " (" + clock(a.start) +
                   "-" + clock(a.end) + " and " + clock(b.start) + "-" + clock(b.end) + ")";
        }
        case facts_problem::absence_no_lesson: {
            std::string span;
            if (!t->lessons.empty()) {
                date f = t->lessons.front().day, l = f;
                for (const auto& x : t->lessons) f = std::min(f, x.day), l = std::max(l, x.day);
                span = " (lessons run " + to_iso(f) + " to " + to_iso(l) + ")";
            }
            return to_iso(t->absences[e.item].day) + " is outside the training: no lesson is given that day" + span;
        }
        case facts_problem::absence_too_long: {
            const date d = t->absences[e.item].day;
            minutes total{};
            for (std::size_t k = 0; k <= e.item; ++k)
                if (t->absences[k].day == d) total += t->absences[k].length;
            return "absences on " + to_iso(d) + " total " + hours_text(total) + " h, more than the " +
                   hours_text(facts_detail::given_on(*t, d)) + " h of lessons given";
        }
        case facts_problem::holiday_span:
            return "the holiday ends before it starts or does not contain the absence date";
        case facts_problem::taken_too_long:
            return "more than the hours in a day";
        case facts_problem::no_start:
            return "missing: a training without lessons needs its start date";
        case facts_problem::job_minutes:
            return "minutes per week must be within 0..10080 (full time above 0)";
        case facts_problem::job_dates:
            return "the job ends before it starts";
        case facts_problem::duration_too_large:
            return "too large";
        case facts_problem::count_out_of_range:
            return "must be a whole number from 0 to " + std::to_string(max_count);
        case facts_problem::unknown_absence_reason:
            return "unknown absence reason \"" + t->absences[e.item].reason + "\"";
        case facts_problem::date_too_late:
            return "a date after " + to_iso(latest_input_date) +
                   " is too late: the rules count up to 100 years forward from it (periods, suspensions, "
                   "deadlines), past the calendar's end on 9999-12-31";
        case facts_problem::unknown_sector:
            return "unknown sector";  // the worker's word: the face adds it (describe sees the trainings only)
        case facts_problem::unknown_language_kind:
            return "unknown value \"" + t->language_kind + "\"";
        case facts_problem::employment_too_fine:
            return "the employment shares of the jobs are too fine to add or weigh exactly";
        case facts_problem::job_above_full_time:
            return "more than full time: the contract's minutes per week exceed the full-time minutes";
    }
    return "?";
}

}  // namespace edurules::leave
