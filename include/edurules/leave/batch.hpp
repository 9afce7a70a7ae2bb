// Leave over columns (rules.md 2.2-2.4): adapters that read columns into the
// leave model and call the one evaluation (evaluate.hpp `evaluate_into`), the
// same as a JSON request; they decide nothing themselves. No heap allocation
// per worker once the reused buffers have grown; explanations off.
//
// v2, `leave_facts_batch` (below): every fact as columns (workers, jobs,
// trainings, lessons, absences, leave taken); several trainings of a worker
// share one cap, suspensions reach later trainings, VOV sanctions,
// employer-proposed hours and BEV hours deducted from VOV apply.
//
// v1, `leave_hours_batch` (kept for the C ABI's edr_leave_hours_batch): a row
// is one worker's one training described by totals. `row_facts` says how the
// totals become facts (one job, lessons one a day from the later of the
// training start and the school year's start, absences on them); the facts
// are then decided like any worker's. Every column is a std::span whose size
// is either `rows` or 0 (absent: the stated default). A required column of
// the wrong size, or an output of the wrong size, throws
// error(errc::invalid_argument) before any row is computed.
//
//   region            uint8  required  1 flanders, 2 brussels, 3 wallonia (establishment unit)
//   school_year       int32  required  start year of the school year (2021 = 2021-2022)
//   training_start    int32  required  training start date as yyyymmdd (20190901)
//   training_type     uint8  required  training_type code: 0 professional, 1 general,
//                                      2 professional_general, 3 academic, 4 language,
//                                      5 language_professional, 6 exam_board, 7 competence_exam
//   contract_minutes  int64  required  contract minutes per week (sum over employers), 0..10080
//   full_time_minutes int64  required  full-time minutes per week of the reference worker, 1..10080
//   given_minutes     int64  required  lesson minutes given in the school year
//   attended_minutes  int64  required  lesson minutes attended (<= given)
//   unjustified_minutes int64 optional unjustified absence minutes (<= given); default 0
//   contact_minutes   int64  optional  contact minutes for the minimum; default given_minutes
//   coinciding        uint8  optional  1 if followed during working hours; default 0
//   raised            uint8  optional  1 if a raised cap applies; default 0
//   variable_schedule uint8  optional  1 if on a variable schedule; default 0 (fixed)
//   lesson_periods    uint8  optional  1 if counted in lesson periods (50 min = 1 h); default 0
//
// Outputs (caller-supplied, size `rows`; reasons and regime may be empty):
//   granted_minutes   int64  leave granted for the row, pro-rated and rounded once
//   status            int32  batch_status: >= 0 decided, < 0 row rejected (granted 0)
//   reasons           uint32 reason bits (model.hpp `reason`), 0 when none
//   regime            uint8  regime code (model.hpp `regime`)
#pragma once

#include <span>

#include "edurules/core/offsets.hpp"
#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"
#include "edurules/leave/evaluate.hpp"
#include "edurules/leave/facts.hpp"
#include "edurules/leave/hours.hpp"
#include "edurules/leave/regime.hpp"
#include "edurules/leave/rules.hpp"

namespace edurules::leave {

/// Per-row status codes (pinned).
enum batch_status : std::int32_t {
    batch_granted = 0,       ///< decided: the worker has a right (granted may still be 0 h)
    batch_not_eligible = 1,  ///< decided: no right; `reasons` says why
    batch_bad_region = -1,   ///< region code not 1..3
    batch_bad_minutes = -2,  ///< a negative or impossible duration (more than a week per week, more than 2^40 minutes),
                             ///< attended or unjustified above given
    batch_bad_date = -3,     ///< training_start not a yyyymmdd date, or school_year out of range
    batch_bad_code = -4,     ///< training_type or a flag out of range
    batch_no_rule = -5,      ///< the rulebook has no value for the row's date
    batch_bad_full_time = -6,  ///< full_time_minutes <= 0
    batch_bad_offsets = -7,    ///< v2: reserved (inconsistent offsets refuse the whole call)
    batch_bad_facts = -8,      ///< v2: the facts contradict themselves (facts_problem says how)
};

/// The name of a batch_status code: "granted", "not_eligible", "bad_region",
/// ..., "bad_facts"; "unknown" for any other value.
inline constexpr std::string_view batch_status_name(std::int32_t status) {
    switch (status) {
        case batch_granted:
            return "granted";
        case batch_not_eligible:
            return "not_eligible";
        case batch_bad_region:
            return "bad_region";
        case batch_bad_minutes:
            return "bad_minutes";
        case batch_bad_date:
            return "bad_date";
        case batch_bad_code:
            return "bad_code";
        case batch_no_rule:
            return "no_rule";
        case batch_bad_full_time:
            return "bad_full_time";
        case batch_bad_offsets:
            return "bad_offsets";
        case batch_bad_facts:
            return "bad_facts";
        default:
            return "unknown";
    }
}

struct batch_input {
    std::size_t rows = 0;
    std::span<const std::uint8_t> region;
    std::span<const std::int32_t> school_year;
    std::span<const std::int32_t> training_start;
    std::span<const std::uint8_t> training_type;
    std::span<const std::int64_t> contract_minutes;
    std::span<const std::int64_t> full_time_minutes;
    std::span<const std::int64_t> given_minutes;
    std::span<const std::int64_t> attended_minutes;
    std::span<const std::int64_t> unjustified_minutes;
    std::span<const std::int64_t> contact_minutes;
    std::span<const std::uint8_t> coinciding;
    std::span<const std::uint8_t> raised;
    std::span<const std::uint8_t> variable_schedule;
    std::span<const std::uint8_t> lesson_periods;
};

struct batch_output {
    std::span<std::int64_t> granted_minutes;
    std::span<std::int32_t> status;
    std::span<std::uint32_t> reasons;
    std::span<std::uint8_t> regime;
};

namespace batch_impl {

inline std::optional<date> yyyymmdd(std::int32_t v) {
    if (v < 19000101 || v > 99991231) return std::nullopt;
    constexpr std::int32_t two_digits = 10 * 10;  // yyyymmdd: two decimal digits for month and day
    const int y = v / (two_digits * two_digits), m = v / two_digits % two_digits, d = v % two_digits;
    if (m < 1 || m > 12 || d < 1) return std::nullopt;
    if (d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                   static_cast<unsigned short>(m)))
        return std::nullopt;
    return from_day_number(day_number_of(y, m, d));  // checked above: no second check in Boost's constructor
}
template <class T>
void check_column(std::span<const T> c, std::size_t rows, const char* name, bool required) {
    if (c.size() == rows || (!required && c.empty())) return;
    throw error(errc::invalid_argument, name,
                "column has " + std::to_string(c.size()) + " values for " + std::to_string(rows) + " rows");
}
template <class T>
T at_or(std::span<const T> c, std::size_t i, T def) {
    return c.empty() ? def : c[i];
}

/// Reusable state of a v1 call: the row's worker and training, and the evaluation's buffers.
struct row_scratch {
    worker w;
    training t;
    workspace ws;
    worker_result result;
};

/// Appends `total` minutes of lessons in `mode` from `day` on, at most a day's
/// minutes per day (one lesson a day, so they never overlap); moves `day`.
inline void add_lessons(training& t, date& day, std::int64_t total, lesson_mode mode, bool cancelled, bool coinciding) {
    while (total > 0) {
        const std::int64_t m = std::min(total, minutes_per_day);
        t.lessons.push_back(lesson{day, 0, static_cast<int>(m), mode, cancelled, coinciding});
        total -= m;
        day = next_day(day);
    }
}

/// Absences of `total` minutes with `reason` on the given lessons, first
/// lessons first, never more than a lesson's length on its day (`used` holds
/// what earlier absences took of each lesson). They are written over
/// `t.absences` from index `n` on (the entries of an earlier row keep their
/// reason's buffer: no string is built per absence), `n` counts them; the
/// caller cuts the list to `n`.
inline void add_absences(training& t, std::size_t& n, std::int64_t total, std::string_view reason,
                         std::span<std::int64_t> used) {
    for (std::size_t k = 0; k < t.lessons.size() && total > 0; ++k) {
        const lesson& l = t.lessons[k];
        if (l.cancelled) continue;
        const std::int64_t m = std::min(total, l.length().count - used[k]);
        if (m <= 0) continue;
        used[k] += m;
        total -= m;
        if (n == t.absences.size()) t.absences.emplace_back();
        absence& a = t.absences[n++];
        a.day = l.day;
        a.length = minutes{m};
        a.reason.assign(reason);
        a.employer_declared_on.reset();
        a.holiday.reset();
    }
}

/// A v1 row as facts: one open-ended job with the row's contract and full
/// time; one training with lessons from the later of its start and the
/// school year's first day, one a day: `given_minutes` given contact lessons
/// (of which `contact_minutes` count for the minimum: below given, the rest
/// are distance lessons; above, the rest are cancelled contact lessons),
/// absences on those lessons (unjustified_minutes unjustified, the rest of
/// given - attended justified by the first reason the rulebook lists), a
/// competence_exam row has one exam. The rules decide as for any worker.
inline std::int32_t row_facts(const rules& R, const batch_input& in, std::size_t i, row_scratch& s) {
    const std::uint8_t rc = in.region[i];
    if (rc < 1 || rc > 3) return batch_bad_region;
    const std::uint8_t tc = in.training_type[i];
    if (tc > static_cast<std::uint8_t>(training_type::competence_exam)) return batch_bad_code;
    for (auto flags : {in.coinciding, in.raised, in.variable_schedule, in.lesson_periods})
        if (!flags.empty() && flags[i] > 1) return batch_bad_code;
    const auto start = yyyymmdd(in.training_start[i]);
    const std::int32_t syv = in.school_year[i];
    if (!start || syv < 1900 || syv > 9998) return batch_bad_date;
    const std::int64_t full = in.full_time_minutes[i];
    if (full <= 0) return batch_bad_full_time;
    const std::int64_t contract = in.contract_minutes[i], given = in.given_minutes[i], att = in.attended_minutes[i];
    const std::int64_t unj = at_or<std::int64_t>(in.unjustified_minutes, i, 0);
    const std::int64_t contact = at_or<std::int64_t>(in.contact_minutes, i, given);
    if (contract < 0 || given < 0 || att < 0 || unj < 0 || contact < 0 || att > given || unj > given)
        return batch_bad_minutes;
    const school_year sy(syv);
    if (sy.days().last < *start) return batch_bad_date;  // a training starting after its school year (not minutes)
    date day = std::max(*start, sy.first_day());
    // one lesson a day within the school year
    const std::int64_t days_left = (sy.days().last - day).days() + 1;
    if (contract > minutes_per_week || full > minutes_per_week ||
        std::max(given, contact) > days_left * minutes_per_day)
        return batch_bad_minutes;
    worker& w = s.w;
    w.reg = static_cast<region>(rc);
    w.jobs.clear();
    static const date since_always(1900, 1, 1);
    w.jobs.push_back(job{since_always, std::nullopt, contract, full,
                         at_or<std::uint8_t>(in.variable_schedule, i, 0) ? schedule::variable : schedule::fixed});
    training& t = s.t;
    t.type = static_cast<training_type>(tc);
    t.coinciding = at_or<std::uint8_t>(in.coinciding, i, 0) != 0;
    t.raised = at_or<std::uint8_t>(in.raised, i, 0) ? raise_reason::basic_education : raise_reason::none;
    t.lesson_periods = at_or<std::uint8_t>(in.lesson_periods, i, 0) != 0;
    t.start = *start;
    t.exams = t.type == training_type::competence_exam ? 1 : 0;
    t.lessons.clear();
    add_lessons(t, day, std::min(given, contact), lesson_mode::contact, false, t.coinciding);
    add_lessons(t, day, given - std::min(given, contact), lesson_mode::distance, false, t.coinciding);
    add_lessons(t, day, contact - std::min(given, contact), lesson_mode::contact, true, t.coinciding);
    std::array<std::int64_t, 512> used_buf;  // only the lessons' entries are zeroed (4 KB per row otherwise)
    if (t.lessons.size() > used_buf.size()) return batch_bad_minutes;
    const std::span<std::int64_t> used(used_buf.data(), t.lessons.size());
    std::fill(used.begin(), used.end(), std::int64_t{0});
    std::size_t absences = 0;
    add_absences(t, absences, unj, "unjustified", used);
    param_use u;
    const auto& justified = ref<std::vector<std::string>>(*R.justified_reasons, sy.first_day(), u);
    if (given - att > unj && justified.empty()) return batch_no_rule;
    if (given - att > unj) add_absences(t, absences, given - att - unj, justified.front(), used);
    t.absences.resize(absences);
    return batch_granted;
}

/// One v1 row through the one evaluation; returns the status.
inline std::int32_t leave_row(const rules& R, const batch_input& in, std::size_t i, row_scratch& s,
                              std::int64_t& granted, std::uint32_t& reasons, leave::regime& reg_out) {
    granted = 0;
    reasons = reason_none;
    reg_out = leave::regime::none;
    const std::int32_t status = row_facts(R, in, i, s);
    if (status != batch_granted) return status;
    evaluate_into(R, s.w, std::span<const training>(&s.t, 1), school_year(in.school_year[i]), false, s.ws, s.result);
    const training_result& r = s.result.trainings.front();
    reg_out = r.reg;
    reasons = r.reasons;
    granted = r.granted.count;
    return r.eligible ? batch_granted : batch_not_eligible;
}
}  // namespace batch_impl

/// Computes `in.rows` rows into `out`, one result or one rejection code per
/// row, in order. Thread-safe (the rules are immutable); no heap allocation
/// per row. Throws error(errc::invalid_argument) for mis-sized columns.
inline void leave_hours_batch(const rules& R, const batch_input& in, const batch_output& out) {
    const std::size_t n = in.rows;
    batch_impl::check_column(in.region, n, "region", true);
    batch_impl::check_column(in.school_year, n, "school_year", true);
    batch_impl::check_column(in.training_start, n, "training_start", true);
    batch_impl::check_column(in.training_type, n, "training_type", true);
    batch_impl::check_column(in.contract_minutes, n, "contract_minutes", true);
    batch_impl::check_column(in.full_time_minutes, n, "full_time_minutes", true);
    batch_impl::check_column(in.given_minutes, n, "given_minutes", true);
    batch_impl::check_column(in.attended_minutes, n, "attended_minutes", true);
    batch_impl::check_column(in.unjustified_minutes, n, "unjustified_minutes", false);
    batch_impl::check_column(in.contact_minutes, n, "contact_minutes", false);
    batch_impl::check_column(in.coinciding, n, "coinciding", false);
    batch_impl::check_column(in.raised, n, "raised", false);
    batch_impl::check_column(in.variable_schedule, n, "variable_schedule", false);
    batch_impl::check_column(in.lesson_periods, n, "lesson_periods", false);
    batch_impl::check_column(std::span<const std::int64_t>(out.granted_minutes), n, "granted_minutes", true);
    batch_impl::check_column(std::span<const std::int32_t>(out.status), n, "status", true);
    batch_impl::check_column(std::span<const std::uint32_t>(out.reasons), n, "reasons", false);
    batch_impl::check_column(std::span<const std::uint8_t>(out.regime), n, "regime", false);
    batch_impl::row_scratch scratch;
    for (std::size_t i = 0; i < n; ++i) {
        std::int64_t granted = 0;
        std::uint32_t reasons = 0;
        regime reg = regime::none;
        std::int32_t status;
        try {
            status = batch_impl::leave_row(R, in, i, scratch, granted, reasons, reg);
        } catch (const error& e) {
            status = e.code() == errc::rulebook ? batch_no_rule : batch_bad_date;
        } catch (const std::exception&) {
            status = batch_bad_date;  // a date out of the calendar's range
        }
        if (status < 0) granted = 0;
        out.granted_minutes[i] = granted;
        out.status[i] = status;
        if (!out.reasons.empty()) out.reasons[i] = reasons;
        if (!out.regime.empty()) out.regime[i] = static_cast<std::uint8_t>(reg);
    }
}

// ---- v2: every fact as columns, decided by the one evaluation -------------
//
// A worker's facts arrive as columns in CSR form: one row per worker, and
// for jobs, trainings, lessons, absences and leave taken one row each with
// offsets telling whose it is (worker w owns trainings
// [training_offsets[w], training_offsets[w+1]); training t owns lessons
// [lesson_offsets[t], lesson_offsets[t+1]); and so on). Dates are days since
// 1970-01-01 (`no_day` = none: core/calendar.hpp). Texts are codes into a
// table of names, like a pandas Categorical (-1 = none). Each worker is
// checked by `check_facts` and decided by `evaluate`, exactly as a JSON
// request of the same worker: several trainings share one cap, suspensions
// reach later trainings, VOV sanctions, employer-proposed hours and BEV hours
// deducted from VOV all apply. Nothing is simplified.

/// A text column as codes into `names` (a pandas Categorical); -1 = none.
struct text_column {
    std::span<const std::int32_t> codes;
    std::span<const std::string_view> names;
};

struct facts_columns {
    // workers [workers]
    std::size_t workers = 0;
    std::span<const std::uint8_t> region;                   ///< required: region code 1..3 (establishment unit)
    std::span<const std::int32_t> school_year;              ///< required: start year (2021 = 2021-2022)
    text_column sector;                                     ///< optional: default "private"
    std::span<const std::uint8_t> at_most_upper_secondary;  ///< optional 0/1
    std::span<const std::uint8_t> vov_sanctioned;           ///< optional 0/1
    std::span<const std::int64_t> bev_reimbursed_elsewhere_minutes;  ///< optional, default 0
    std::span<const std::int64_t> monthly_wage_cents;                ///< optional, -1 = unknown
    std::span<const std::int32_t> new_job_on;                        ///< optional day, no_day = none
    std::span<const std::int64_t> passed_offsets;                    ///< optional [workers + 1]
    text_column passed_modules;                                      ///< codes [passed_offsets[workers]]
    // jobs: required offsets [workers + 1]
    std::span<const std::int64_t> job_offsets;
    std::span<const std::int32_t> job_from;               ///< required day
    std::span<const std::int32_t> job_to;                 ///< optional day, no_day = open
    std::span<const std::int64_t> job_contract_minutes;   ///< required, per week
    std::span<const std::int64_t> job_full_time_minutes;  ///< required, per week
    std::span<const std::uint8_t> job_variable_schedule;  ///< optional 0/1
    // trainings: required offsets [workers + 1]; outputs are per training
    std::span<const std::int64_t> training_offsets;
    std::span<const std::uint8_t> training_type;      ///< required, training_type code
    std::span<const std::int32_t> training_start;     ///< optional day, no_day = first lesson
    std::span<const std::uint8_t> coinciding;         ///< optional 0/1
    std::span<const std::uint8_t> raised;             ///< optional raise_reason code (0 none)
    text_column language_kind;                        ///< optional
    std::span<const std::uint8_t> organisation;       ///< optional: 0 modular (default), 1 school_year
    std::span<const std::uint8_t> lesson_periods;     ///< optional 0/1
    text_column module_code;                          ///< optional
    text_column provider;                             ///< optional: the training provider (module combination)
    std::span<const std::uint8_t> recognised;         ///< optional 0/1, default 1
    std::span<const std::int64_t> exams;              ///< optional, default 0
    std::span<const std::uint8_t> counting;           ///< optional vov_counting code, default attended_hours
    std::span<const std::int64_t> credits;            ///< optional
    std::span<const std::uint8_t> graduate;           ///< optional 0/1
    std::span<const std::uint8_t> exam_contract;      ///< optional 0/1
    std::span<const std::int64_t> competences;        ///< optional
    std::span<const std::uint8_t> employer_proposed;  ///< optional 0/1
    std::span<const std::uint8_t> career_oriented;    ///< optional 0/1
    std::span<const std::int32_t> career_attest_day;  ///< optional day
    std::span<const std::uint8_t> assessment;         ///< optional final_assessment code
    std::span<const std::int32_t> enrolled_on;        ///< optional day
    // lessons: optional offsets [trainings + 1] (empty = no lessons at all)
    std::span<const std::int64_t> lesson_offsets;
    std::span<const std::int32_t> lesson_day;         ///< required with lessons
    std::span<const std::int32_t> lesson_start;       ///< minutes after midnight
    std::span<const std::int32_t> lesson_end;         ///< minutes after midnight
    std::span<const std::uint8_t> lesson_mode;        ///< optional lesson_mode code, default contact
    std::span<const std::uint8_t> lesson_cancelled;   ///< optional 0/1
    std::span<const std::uint8_t> lesson_coinciding;  ///< optional 0/1, 2 = as the training (default)
    // absences: optional offsets [trainings + 1]
    std::span<const std::int64_t> absence_offsets;
    std::span<const std::int32_t> absence_day;
    std::span<const std::int64_t> absence_minutes;               ///< -1 = all lessons of that day
    text_column absence_reason;                                  ///< -1 = no reason given
    std::span<const std::int32_t> absence_employer_declared_on;  ///< optional day
    std::span<const std::int32_t> absence_holiday_from;          ///< optional day
    std::span<const std::int32_t> absence_holiday_to;            ///< optional day
    // leave taken: optional offsets [trainings + 1]
    std::span<const std::int64_t> taken_offsets;
    std::span<const std::int32_t> taken_day;
    std::span<const std::int64_t> taken_minutes;
};

/// Results per worker [workers] (every span optional: empty = not wanted).
struct worker_columns_out {
    std::span<std::int32_t> status;            ///< batch_status of the worker (all its trainings share it when < 0)
    std::span<std::uint8_t> problem;           ///< facts_problem when status is batch_bad_facts
    std::span<std::int32_t> problem_training;  ///< training index within the worker, -1 for the worker itself
    std::span<std::int32_t> problem_item;      ///< item index within the collection
    std::span<std::int64_t> cap_minutes;       ///< the shared BEV cap (full time), 0 when none
    std::span<std::int64_t> granted_minutes;   ///< sum over trainings
    std::span<std::int64_t> taken_minutes;
    std::span<std::int64_t> left_minutes;
    std::span<std::int64_t> reimbursement_cents;  ///< -1 = unknown: a training's amount is unknown (see the trainings)
    std::span<std::int32_t> suspensions;          ///< number of suspensions
};

/// Results per training [training_offsets[workers]] (every span optional).
struct training_columns_out {
    std::span<std::int32_t> status;  ///< batch_status
    std::span<std::uint8_t> regime;
    std::span<std::uint32_t> reasons;
    std::span<std::int64_t> attended_minutes;
    std::span<std::int64_t> excluded_suspended_minutes;
    std::span<std::int64_t> granted_minutes;
    std::span<std::int64_t> taken_minutes;
    std::span<std::int64_t> taken_refused_minutes;
    std::span<std::int64_t> reimbursement_cents;  ///< -1 = unknown: no rate for the date (reason no_rate_for_date)
};

namespace facts_batch {

inline const std::int32_t first_column_day = to_epoch_day(date(1900, 1, 1));
inline const std::int32_t last_column_day = to_epoch_day(date(9999, 12, 31));

/// A day column value as a date; false for a day outside 1900..9999.
inline bool day_of(std::int32_t v, date& out) {
    if (v < first_column_day || v > last_column_day) return false;
    out = epoch_day(v);
    return true;
}
inline bool opt_day_of(std::span<const std::int32_t> c, std::size_t i, std::optional<date>& out) {
    out.reset();
    if (c.empty() || c[i] == no_day) return true;
    date d;
    if (!day_of(c[i], d)) return false;
    out = d;
    return true;
}
/// A text cell; false for a code outside the names: only -1 means none (a
/// code of -2 or INT32_MIN is as wrong as one past the names, never the
/// column's default).
inline bool text_of(const text_column& c, std::size_t i, std::string& out, bool& present) {
    present = false;
    if (c.codes.empty() || c.codes[i] == -1) return true;
    if (c.codes[i] < 0 || static_cast<std::size_t>(c.codes[i]) >= c.names.size()) return false;
    out.assign(c.names[static_cast<std::size_t>(c.codes[i])]);
    present = true;
    return true;
}
inline bool flag_of(std::span<const std::uint8_t> c, std::size_t i, bool def, bool& out) {
    out = c.empty() ? def : c[i] == 1;
    return c.empty() || c[i] <= 1;
}

using edurules::check_offsets;  // core/offsets.hpp: the PE batch checks its offsets with it too
template <class T>
void sized(std::span<T> c, std::size_t n, const char* name, bool required) {
    batch_impl::check_column(std::span<const std::remove_const_t<T>>(c.data(), c.size()), n, name, required);
}
inline void sized(const text_column& c, std::size_t n, const char* name) {
    batch_impl::check_column(c.codes, n, name, false);
}

/// Refuses mis-sized columns and inconsistent offsets before any row runs.
inline void check_shape(const facts_columns& c, const worker_columns_out& wo, const training_columns_out& to) {
    const std::size_t W = c.workers;
    sized(c.region, W, "region", true);
    sized(c.school_year, W, "school_year", true);
    sized(c.sector, W, "sector");
    sized(c.at_most_upper_secondary, W, "at_most_upper_secondary", false);
    sized(c.vov_sanctioned, W, "vov_sanctioned", false);
    sized(c.bev_reimbursed_elsewhere_minutes, W, "bev_reimbursed_elsewhere_minutes", false);
    sized(c.monthly_wage_cents, W, "monthly_wage_cents", false);
    sized(c.new_job_on, W, "new_job_on", false);
    check_offsets(c.passed_offsets, W, c.passed_modules.codes.size(), "passed_offsets", false);
    const std::size_t J = c.job_from.size();
    check_offsets(c.job_offsets, W, J, "job_offsets", true);
    sized(c.job_to, J, "job_to", false);
    sized(c.job_contract_minutes, J, "job_contract_minutes", true);
    sized(c.job_full_time_minutes, J, "job_full_time_minutes", true);
    sized(c.job_variable_schedule, J, "job_variable_schedule", false);
    const std::size_t T = c.training_type.size();
    check_offsets(c.training_offsets, W, T, "training_offsets", true);
    for (auto col : {c.training_start, c.career_attest_day, c.enrolled_on}) sized(col, T, "training dates", false);
    for (auto col : {c.coinciding, c.raised, c.organisation, c.lesson_periods, c.recognised, c.counting, c.graduate,
                     c.exam_contract, c.employer_proposed, c.career_oriented, c.assessment})
        sized(col, T, "training codes", false);
    for (auto col : {c.exams, c.credits, c.competences}) sized(col, T, "training counts", false);
    sized(c.language_kind, T, "language_kind");
    sized(c.module_code, T, "module_code");
    sized(c.provider, T, "provider");
    const std::size_t L = c.lesson_day.size();
    check_offsets(c.lesson_offsets, T, L, "lesson_offsets", false);
    sized(c.lesson_start, L, "lesson_start", true);
    sized(c.lesson_end, L, "lesson_end", true);
    for (auto col : {c.lesson_mode, c.lesson_cancelled, c.lesson_coinciding}) sized(col, L, "lesson codes", false);
    const std::size_t A = c.absence_day.size();
    check_offsets(c.absence_offsets, T, A, "absence_offsets", false);
    sized(c.absence_minutes, A, "absence_minutes", true);
    sized(c.absence_reason, A, "absence_reason");
    for (auto col : {c.absence_employer_declared_on, c.absence_holiday_from, c.absence_holiday_to})
        sized(col, A, "absence dates", false);
    const std::size_t K = c.taken_day.size();
    check_offsets(c.taken_offsets, T, K, "taken_offsets", false);
    sized(c.taken_minutes, K, "taken_minutes", true);
    if (c.lesson_offsets.empty() && L) throw error(errc::invalid_argument, "lesson_offsets", "missing");
    if (c.absence_offsets.empty() && A) throw error(errc::invalid_argument, "absence_offsets", "missing");
    if (c.taken_offsets.empty() && K) throw error(errc::invalid_argument, "taken_offsets", "missing");
    for (auto s : {wo.status, wo.problem_training, wo.problem_item, wo.suspensions})
        sized(s, W, "worker output", false);
    for (auto s : {wo.cap_minutes, wo.granted_minutes, wo.taken_minutes, wo.left_minutes, wo.reimbursement_cents})
        sized(s, W, "worker output", false);
    sized(wo.problem, W, "worker output", false);
    sized(to.status, T, "training output", false);
    sized(to.regime, T, "training output", false);
    sized(to.reasons, T, "training output", false);
    for (auto s : {to.attended_minutes, to.excluded_suspended_minutes, to.granted_minutes, to.taken_minutes,
                   to.taken_refused_minutes, to.reimbursement_cents})
        sized(s, T, "training output", false);
}

/// Where a worker's facts could not be read.
struct fill_error {
    std::int32_t status = batch_granted;
    std::int32_t training = -1;
    std::int32_t item = -1;
};

inline fill_error fill_header(const facts_columns& c, std::size_t wi, worker& w) {
    if (c.region[wi] < 1 || c.region[wi] > 3) return {batch_bad_region};
    w.reg = static_cast<region>(c.region[wi]);
    bool present = false, ok = true;
    w.sector.assign("private");
    if (!text_of(c.sector, wi, w.sector, present)) return {batch_bad_code};
    ok &= flag_of(c.at_most_upper_secondary, wi, false, w.at_most_upper_secondary);
    ok &= flag_of(c.vov_sanctioned, wi, false, w.vov_sanctioned);
    if (!ok) return {batch_bad_code};
    w.bev_reimbursed_elsewhere =
        minutes{c.bev_reimbursed_elsewhere_minutes.empty() ? 0 : c.bev_reimbursed_elsewhere_minutes[wi]};
    w.monthly_wage_cents.reset();
    if (!c.monthly_wage_cents.empty() && c.monthly_wage_cents[wi] != -1)
        w.monthly_wage_cents = c.monthly_wage_cents[wi];
    if (!opt_day_of(c.new_job_on, wi, w.new_job_on)) return {batch_bad_date};
    w.passed_modules.clear();
    if (!c.passed_offsets.empty()) {
        for (auto k = c.passed_offsets[wi]; k < c.passed_offsets[wi + 1]; ++k) {
            std::string s;
            if (!text_of(c.passed_modules, static_cast<std::size_t>(k), s, present)) return {batch_bad_code};
            if (present) w.passed_modules.push_back(std::move(s));
        }
    }
    w.jobs.clear();
    for (auto k = static_cast<std::size_t>(c.job_offsets[wi]); k < static_cast<std::size_t>(c.job_offsets[wi + 1]);
         ++k) {
        job j;
        if (!day_of(c.job_from[k], j.from) || !opt_day_of(c.job_to, k, j.to)) return {batch_bad_date};
        j.contract_minutes_per_week = c.job_contract_minutes[k];
        j.full_time_minutes_per_week = c.job_full_time_minutes[k];
        bool variable = false;
        if (!flag_of(c.job_variable_schedule, k, false, variable)) return {batch_bad_code};
        j.sched = variable ? schedule::variable : schedule::fixed;
        w.jobs.push_back(j);
    }
    return {};
}

template <class E>
bool code_of(std::span<const std::uint8_t> c, std::size_t i, E def, E last, E& out) {
    if (c.empty()) return out = def, true;
    if (c[i] > static_cast<std::uint8_t>(last)) return false;
    out = static_cast<E>(c[i]);
    return true;
}
inline std::int64_t count_of(std::span<const std::int64_t> c, std::size_t i) { return c.empty() ? 0 : c[i]; }

inline std::int32_t fill_training_fields(const facts_columns& c, std::size_t k, training& t) {
    bool ok = code_of(c.training_type, k, training_type::professional, training_type::competence_exam, t.type);
    ok &= code_of(c.raised, k, raise_reason::none, raise_reason::first_upper_secondary, t.raised);
    ok &= code_of(c.counting, k, vov_counting::attended_hours, vov_counting::competences, t.counting);
    ok &= code_of(c.assessment, k, final_assessment::not_yet, final_assessment::missed, t.assessment);
    // organisation column: 0 modular (the default), 1 school_year
    ok &= c.organisation.empty() || c.organisation[k] <= 1;
    t.org = !c.organisation.empty() && c.organisation[k] == 1 ? organisation::school_year : organisation::modular;
    ok &= flag_of(c.coinciding, k, false, t.coinciding) && flag_of(c.lesson_periods, k, false, t.lesson_periods);
    ok &= flag_of(c.recognised, k, true, t.recognised) && flag_of(c.graduate, k, false, t.graduate);
    ok &= flag_of(c.exam_contract, k, false, t.exam_contract) &&
          flag_of(c.employer_proposed, k, false, t.employer_proposed);
    ok &= flag_of(c.career_oriented, k, false, t.career_oriented);
    bool present = false;
    t.language_kind.clear();
    ok &= text_of(c.language_kind, k, t.language_kind, present);
    std::string code;
    ok &= text_of(c.module_code, k, code, present);
    if (present)
        t.module_code = std::move(code);
    else
        t.module_code.reset();
    if (!t.provider) t.provider.emplace();  // written in place: the pooled training keeps its buffer
    ok &= text_of(c.provider, k, *t.provider, present);
    if (!present) t.provider.reset();  // NULL column or code -1: not given
    if (!ok) return batch_bad_code;
    t.exams = count_of(c.exams, k);
    t.credits = count_of(c.credits, k);
    t.competences = count_of(c.competences, k);
    if (!opt_day_of(c.training_start, k, t.start) || !opt_day_of(c.career_attest_day, k, t.career_attest_date) ||
        !opt_day_of(c.enrolled_on, k, t.enrolled_on))
        return batch_bad_date;
    return batch_granted;
}

inline std::int32_t fill_lessons(const facts_columns& c, std::size_t k, training& t, std::int32_t& item) {
    t.lessons.clear();
    if (c.lesson_offsets.empty()) return batch_granted;
    const auto first = static_cast<std::size_t>(c.lesson_offsets[k]);
    for (std::size_t i = first; i < static_cast<std::size_t>(c.lesson_offsets[k + 1]); ++i) {
        item = static_cast<std::int32_t>(i - first);
        lesson l;
        if (!day_of(c.lesson_day[i], l.day)) return batch_bad_date;
        l.start = c.lesson_start[i];
        l.end = c.lesson_end[i];
        if (!code_of(c.lesson_mode, i, lesson_mode::contact, lesson_mode::coaching, l.mode) ||
            !flag_of(c.lesson_cancelled, i, false, l.cancelled))
            return batch_bad_code;
        const std::uint8_t co = c.lesson_coinciding.empty() ? 2 : c.lesson_coinciding[i];
        if (co > 2) return batch_bad_code;
        l.coinciding = co == 2 ? t.coinciding : co == 1;
        t.lessons.push_back(l);
    }
    return batch_granted;
}

inline std::int32_t fill_absences(const facts_columns& c, std::size_t k, training& t, std::int32_t& item) {
    t.absences.clear();
    if (c.absence_offsets.empty()) return batch_granted;
    const auto first = static_cast<std::size_t>(c.absence_offsets[k]);
    for (std::size_t i = first; i < static_cast<std::size_t>(c.absence_offsets[k + 1]); ++i) {
        item = static_cast<std::int32_t>(i - first);
        absence a;
        if (!day_of(c.absence_day[i], a.day)) return batch_bad_date;
        const std::int64_t m = c.absence_minutes[i];
        if (m < -1 || m > max_minutes) return batch_bad_minutes;
        a.length = m == -1 ? facts_detail::given_on(t, a.day) : minutes{m};
        bool present = false;
        if (!text_of(c.absence_reason, i, a.reason, present)) return batch_bad_code;
        std::optional<date> from, to;
        if (!opt_day_of(c.absence_employer_declared_on, i, a.employer_declared_on) ||
            !opt_day_of(c.absence_holiday_from, i, from) || !opt_day_of(c.absence_holiday_to, i, to))
            return batch_bad_date;
        if (from.has_value() != to.has_value()) return batch_bad_date;
        if (from) a.holiday = period{*from, *to};
        t.absences.push_back(std::move(a));
    }
    return batch_granted;
}

inline std::int32_t fill_taken(const facts_columns& c, std::size_t k, training& t, std::int32_t& item) {
    t.taken.clear();
    if (c.taken_offsets.empty()) return batch_granted;
    const auto first = static_cast<std::size_t>(c.taken_offsets[k]);
    for (std::size_t i = first; i < static_cast<std::size_t>(c.taken_offsets[k + 1]); ++i) {
        item = static_cast<std::int32_t>(i - first);
        leave_taken x;
        if (!day_of(c.taken_day[i], x.day)) return batch_bad_date;
        x.length = minutes{c.taken_minutes[i]};
        t.taken.push_back(x);
    }
    return batch_granted;
}

/// Reads worker `wi`'s facts into `w` and its trainings into the first
/// entries of `pool` (containers are reused; the pool only grows).
inline fill_error fill_worker(const facts_columns& c, std::size_t wi, worker& w, std::vector<training>& pool) {
    if (auto e = fill_header(c, wi, w); e.status != batch_granted) return e;
    const auto t0 = static_cast<std::size_t>(c.training_offsets[wi]);
    const auto t1 = static_cast<std::size_t>(c.training_offsets[wi + 1]);
    if (pool.size() < t1 - t0) pool.resize(t1 - t0);
    for (std::size_t k = t0; k < t1; ++k) {
        training& t = pool[k - t0];
        t.id.clear();
        std::int32_t item = -1;
        std::int32_t s = fill_training_fields(c, k, t);
        if (s == batch_granted) s = fill_lessons(c, k, t, item);
        if (s == batch_granted) s = fill_absences(c, k, t, item);
        if (s == batch_granted) s = fill_taken(c, k, t, item);
        if (s != batch_granted) return {s, static_cast<std::int32_t>(k - t0), item};
    }
    return {};
}

template <class T>
void put(std::span<T> c, std::size_t i, T v) {
    if (!c.empty()) c[i] = v;
}

inline void reject_worker(const facts_columns& c, std::size_t wi, const worker_columns_out& wo,
                          const training_columns_out& to, std::int32_t status, facts_problem problem,
                          std::int32_t training, std::int32_t item) {
    put(wo.status, wi, status);
    put(wo.problem, wi, static_cast<std::uint8_t>(problem));
    put(wo.problem_training, wi, training);
    put(wo.problem_item, wi, item);
    for (auto s : {wo.cap_minutes, wo.granted_minutes, wo.taken_minutes, wo.left_minutes, wo.reimbursement_cents})
        put<std::int64_t>(s, wi, 0);
    put<std::int32_t>(wo.suspensions, wi, 0);
    for (auto k = static_cast<std::size_t>(c.training_offsets[wi]);
         k < static_cast<std::size_t>(c.training_offsets[wi + 1]); ++k) {
        put(to.status, k, status);
        put<std::uint8_t>(to.regime, k, 0);
        put<std::uint32_t>(to.reasons, k, 0);
        for (auto s : {to.attended_minutes, to.excluded_suspended_minutes, to.granted_minutes, to.taken_minutes,
                       to.taken_refused_minutes, to.reimbursement_cents})
            put<std::int64_t>(s, k, 0);
    }
}

inline void write_worker(const facts_columns& c, std::size_t wi, const worker_result& r, const worker_columns_out& wo,
                         const training_columns_out& to) {
    put(wo.status, wi, static_cast<std::int32_t>(batch_granted));
    put(wo.problem, wi, static_cast<std::uint8_t>(facts_problem::none));
    put(wo.problem_training, wi, -1);
    put(wo.problem_item, wi, -1);
    put(wo.cap_minutes, wi, r.cap.found ? r.cap.cap.count : std::int64_t{0});
    put(wo.granted_minutes, wi, r.granted_total.count);
    put(wo.taken_minutes, wi, r.taken_total.count);
    put(wo.left_minutes, wi, r.left.count);
    put(wo.reimbursement_cents, wi, r.reimbursement_total_known() ? r.reimbursement_total_cents : std::int64_t{-1});
    put(wo.suspensions, wi, static_cast<std::int32_t>(r.suspensions.size()));
    const auto t0 = static_cast<std::size_t>(c.training_offsets[wi]);
    for (std::size_t k = 0; k < r.trainings.size(); ++k) {
        const training_result& t = r.trainings[k];
        const std::size_t i = t0 + k;
        put(to.status, i, static_cast<std::int32_t>(t.eligible ? batch_granted : batch_not_eligible));
        put(to.regime, i, static_cast<std::uint8_t>(t.reg));
        put(to.reasons, i, t.reasons);
        put(to.attended_minutes, i, t.attended.count);
        put(to.excluded_suspended_minutes, i, t.excluded_suspended.count);
        put(to.granted_minutes, i, t.granted.count);
        put(to.taken_minutes, i, t.taken.count);
        put(to.taken_refused_minutes, i, t.taken_refused.count);
        put(to.reimbursement_cents, i, t.money.known() ? t.money.amount_cents : std::int64_t{-1});
    }
}

/// Reusable per-call state: a worker, a pool of trainings, the evaluation's
/// workspace and result, whose containers keep their capacity, so that a
/// worker costs no allocation once they have grown.
struct scratch {
    worker w;
    std::vector<training> pool;
    workspace ws;
    worker_result result;
};

/// Decides workers [first, end) of `c` into the outputs.
inline void run(const rules& R, const facts_columns& c, std::size_t first, std::size_t end,
                const worker_columns_out& wo, const training_columns_out& to, scratch& s) {
    for (std::size_t wi = first; wi < end; ++wi) {
        const std::int32_t syv = c.school_year[wi];
        if (syv < 1900 || syv > 9998) {
            reject_worker(c, wi, wo, to, batch_bad_date, facts_problem::none, -1, -1);
            continue;
        }
        const fill_error fe = fill_worker(c, wi, s.w, s.pool);
        if (fe.status != batch_granted) {
            reject_worker(c, wi, wo, to, fe.status, facts_problem::none, fe.training, fe.item);
            continue;
        }
        const auto n = static_cast<std::size_t>(c.training_offsets[wi + 1] - c.training_offsets[wi]);
        const std::span<const training> trainings(s.pool.data(), n);
        try {
            facts_error e = check_facts(s.w, trainings);
            if (!e) e = check_words(R, s.w, trainings);
            if (e) {
                reject_worker(c, wi, wo, to, batch_bad_facts, e.problem,
                              e.training == facts_error::no_training ? -1 : static_cast<std::int32_t>(e.training),
                              static_cast<std::int32_t>(e.item));
                continue;
            }
            evaluate_into(R, s.w, trainings, school_year(syv), false, s.ws, s.result);
            write_worker(c, wi, s.result, wo, to);
        } catch (const error& e) {
            if (e.code() == errc::invalid_input && e.field() == "jobs")  // the only facts refused while deciding
                reject_worker(c, wi, wo, to, batch_bad_facts, facts_problem::employment_too_fine, -1, -1);
            else
                reject_worker(c, wi, wo, to, e.code() == errc::rulebook ? batch_no_rule : batch_bad_date,
                              facts_problem::none, -1, -1);
        } catch (const std::exception&) {
            reject_worker(c, wi, wo, to, batch_bad_date, facts_problem::none, -1, -1);
        }
    }
}
}  // namespace facts_batch

/// Decides every worker of `c` (see facts_columns). Throws
/// error(errc::invalid_argument) for mis-sized columns or inconsistent
/// offsets before any worker runs; afterwards every worker and every training
/// row comes back decided or rejected with its status. Thread-safe.
inline void leave_facts_batch(const rules& R, const facts_columns& c, const worker_columns_out& wo,
                              const training_columns_out& to) {
    facts_batch::check_shape(c, wo, to);
    facts_batch::scratch s;
    facts_batch::run(R, c, 0, c.workers, wo, to, s);
}

}  // namespace edurules::leave
