// Plain values of the leave domain: workers, jobs, trainings, lessons,
// absences, leave taken, and the codes that results and batch columns use.
// Encodes no rule itself; docs/rules.md section 2 names every field's meaning.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/dated.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/rulebook.hpp"

namespace edurules::leave {

/// Cap rows of the BEV table (docs/rules.md 2.2); the order is the column index
/// used by `hours_params::bev_cap` and by the batch column `training_type`.
enum class cap_row : std::uint8_t {
    professional = 0,
    general = 1,
    professional_general = 2,
    academic = 3,
    language = 4,
    language_professional = 5,
};
inline constexpr std::size_t cap_row_count = 6;
inline constexpr std::array<std::string_view, cap_row_count> cap_row_names{
    "professional", "general", "professional_general", "academic", "language", "language_professional"};

/// Cap variants (columns of the BEV table).
enum class cap_variant : std::uint8_t { not_coinciding = 0, coinciding = 1, raised = 2 };
inline constexpr std::size_t cap_variant_count = 3;
inline constexpr std::array<std::string_view, cap_variant_count> cap_variant_names{"not_coinciding", "coinciding",
                                                                                   "raised"};

/// Region of the worker's establishment unit (DmfA), never the residence or
/// the head office (docs/rules.md 2.1). Codes are pinned for the batch columns.
enum class region : std::uint8_t { flanders = 1, brussels = 2, wallonia = 3 };
inline constexpr std::string_view to_string(region r) {
    switch (r) {
        case region::flanders:
            return "flanders";
        case region::brussels:
            return "brussels";
        case region::wallonia:
            return "wallonia";
    }
    return "?";
}
inline std::optional<region> parse_region(std::string_view s) {
    if (s == "flanders") return region::flanders;
    if (s == "brussels") return region::brussels;
    if (s == "wallonia") return region::wallonia;
    return std::nullopt;
}

/// The leave regime for one training in one school year (docs/rules.md 2.1).
enum class regime : std::uint8_t {
    none = 0,
    flanders_bev = 1,       ///< Flemish BEV (trainings started by 2018-2019, until 2021-12-31)
    vov = 2,                ///< Vlaams opleidingsverlof (trainings starting from 2019-09-01)
    brussels_bev = 3,       ///< Brussels BEV before the 2023-2024 reform
    brussels_reformed = 4,  ///< Brussels BEV from school year 2023-2024
    wallonia_bev = 5,       ///< Walloon congé-éducation payé
};
inline constexpr std::string_view to_string(regime r) {
    switch (r) {
        case regime::none:
            return "none";
        case regime::flanders_bev:
            return "flanders_bev";
        case regime::vov:
            return "vov";
        case regime::brussels_bev:
            return "brussels_bev";
        case regime::brussels_reformed:
            return "brussels_reformed";
        case regime::wallonia_bev:
            return "wallonia_bev";
    }
    return "?";
}
/// The regimes that follow the federal-style BEV rules of docs/rules.md 2.2.
inline constexpr bool is_classic_bev(regime r) {
    return r == regime::flanders_bev || r == regime::brussels_bev || r == regime::wallonia_bev;
}

/// The training type: a BEV cap row, or one of the BEV special cases.
/// Codes are pinned for the batch column `training_type` (cap rows 0..5).
enum class training_type : std::uint8_t {
    professional = 0,
    general = 1,
    professional_general = 2,
    academic = 3,
    language = 4,
    language_professional = 5,
    exam_board = 6,       ///< exam before a central examination board
    competence_exam = 7,  ///< exam for recognition of acquired competences
};
inline constexpr std::string_view to_string(training_type t) {
    if (static_cast<std::size_t>(t) < cap_row_count) return cap_row_names[static_cast<std::size_t>(t)];
    return t == training_type::exam_board ? "exam_board" : "competence_exam";
}
inline std::optional<training_type> parse_training_type(std::string_view s) {
    for (std::size_t i = 0; i < cap_row_count; ++i)
        if (s == cap_row_names[i]) return static_cast<training_type>(i);
    if (s == "exam_board") return training_type::exam_board;
    if (s == "competence_exam") return training_type::competence_exam;
    return std::nullopt;
}

enum class schedule : std::uint8_t { fixed = 1, variable = 2 };

/// How a lesson is followed; which modes count is a rulebook list per regime.
enum class lesson_mode : std::uint8_t { contact, live_online, distance, internship, thesis, coaching };
inline constexpr std::string_view to_string(lesson_mode m) {
    switch (m) {
        case lesson_mode::contact:
            return "contact";
        case lesson_mode::live_online:
            return "live_online";
        case lesson_mode::distance:
            return "distance";
        case lesson_mode::internship:
            return "internship";
        case lesson_mode::thesis:
            return "thesis";
        case lesson_mode::coaching:
            return "coaching";  // individual coaching (no VOV: docs/rules.md 2.3)
    }
    return "?";
}
inline std::optional<lesson_mode> parse_lesson_mode(std::string_view s) {
    for (auto m : {lesson_mode::contact, lesson_mode::live_online, lesson_mode::distance, lesson_mode::internship,
                   lesson_mode::thesis, lesson_mode::coaching})
        if (s == to_string(m)) return m;
    return std::nullopt;
}

/// BEV certificate periods: per school trimester, or every N months from the
/// first lesson day for a modular training (docs/rules.md 2.2, the 10% rule).
enum class organisation : std::uint8_t { school_year, modular };
inline constexpr std::string_view to_string(organisation o) {
    return o == organisation::school_year ? "school_year" : "modular";
}

/// How VOV counts the hours of a training (docs/rules.md 2.3).
enum class vov_counting : std::uint8_t {
    attended_hours,          ///< hour-based training: lesson hours attended
    credits,                 ///< higher education: credits x hours per credit
    planned_lesson_periods,  ///< adult education (CVO): the planned lesson periods
    exams,                   ///< central examination board: hours per exam
    competences,             ///< recognition of acquired competences: hours per competence
};
inline constexpr std::string_view to_string(vov_counting c) {
    switch (c) {
        case vov_counting::attended_hours:
            return "attended_hours";
        case vov_counting::credits:
            return "credits";
        case vov_counting::planned_lesson_periods:
            return "planned_lesson_periods";
        case vov_counting::exams:
            return "exams";
        case vov_counting::competences:
            return "competences";
    }
    return "?";
}
inline std::optional<vov_counting> parse_vov_counting(std::string_view s) {
    for (auto c : {vov_counting::attended_hours, vov_counting::credits, vov_counting::planned_lesson_periods,
                   vov_counting::exams, vov_counting::competences})
        if (s == to_string(c)) return c;
    return std::nullopt;
}

/// Why a BEV cap is raised (shortage occupation, basic education, first upper-secondary diploma).
enum class raise_reason : std::uint8_t { none, shortage_occupation, basic_education, first_upper_secondary };
inline constexpr std::string_view to_string(raise_reason r) {
    switch (r) {
        case raise_reason::none:
            return "none";
        case raise_reason::shortage_occupation:
            return "shortage_occupation";
        case raise_reason::basic_education:
            return "basic_education";
        case raise_reason::first_upper_secondary:
            return "first_upper_secondary";
    }
    return "?";
}
inline std::optional<raise_reason> parse_raise_reason(std::string_view s) {
    if (s == "none") return raise_reason::none;
    if (s == "shortage_occupation") return raise_reason::shortage_occupation;
    if (s == "basic_education") return raise_reason::basic_education;
    if (s == "first_upper_secondary") return raise_reason::first_upper_secondary;
    return std::nullopt;
}

/// VOV: whether the worker took part in the first final assessment.
enum class final_assessment : std::uint8_t { not_yet, taken, missed_justified, missed };
inline constexpr std::string_view to_string(final_assessment a) {
    switch (a) {
        case final_assessment::not_yet:
            return "not_yet";
        case final_assessment::taken:
            return "taken";
        case final_assessment::missed_justified:
            return "missed_justified";
        case final_assessment::missed:
            return "missed";
    }
    return "?";
}
inline std::optional<final_assessment> parse_final_assessment(std::string_view s) {
    for (auto a : {final_assessment::not_yet, final_assessment::taken, final_assessment::missed_justified,
                   final_assessment::missed})
        if (s == to_string(a)) return a;
    return std::nullopt;
}

/// One employment (several at once = several employers). The fraction of
/// full time is contract / full-time minutes per week (the TWP under VOV).
struct job {
    date from;
    std::optional<date> to;
    std::int64_t contract_minutes_per_week = 0;
    std::int64_t full_time_minutes_per_week = 0;
    schedule sched = schedule::fixed;
    bool active(date d) const { return from <= d && (!to || d <= *to); }
    /// Whether the worker is employed by this job on `d` (active, with a full-time week to be a share of).
    bool employs_on(date d) const { return active(d) && full_time_minutes_per_week > 0; }
};

/// One scheduled lesson: a date and its clock times in minutes after midnight.
struct lesson {
    date day;
    int start = 0;  ///< minutes after midnight
    int end = 0;    ///< minutes after midnight, > start
    lesson_mode mode = lesson_mode::contact;
    bool cancelled = false;   ///< not given (teacher ill, public holiday): no leave, not "given"
    bool coinciding = false;  ///< during working hours
    minutes length() const { return minutes{end - start}; }
};

/// An absence from lessons. `length` minutes of the lessons on `day`.
struct absence {
    date day;
    minutes length;
    std::string reason;                        ///< a justified reason, "holiday", or anything else (unjustified)
    std::optional<date> employer_declared_on;  ///< holiday rule: written declaration date
    std::optional<period> holiday;             ///< holiday rule: the whole holiday
};

/// Leave hours actually taken on a day (to check against suspensions).
struct leave_taken {
    date day;
    minutes length;
};

struct training {
    std::string id;
    training_type type = training_type::professional;
    bool coinciding = false;  ///< followed (partly) during working hours
    raise_reason raised = raise_reason::none;
    std::string language_kind;  ///< Brussels reform: national, sign, job_related, other
    /// Default modular: seed 004 (an adult-education centre) issues attendance
    /// certificates per 3 months from the course start; a training organised
    /// per school year says so and gets school trimesters (docs/rules.md 2.2).
    organisation org = organisation::modular;
    bool lesson_periods = false;  ///< counted in lesson periods (50 minutes = 1 hour) instead of clock hours
    std::optional<date> start;    ///< declared start; else the first lesson day
    std::optional<std::string> module_code;
    std::optional<std::string> provider;  ///< the training provider (VOV: its ODB provider), for module combination
    bool recognised = true;
    std::int64_t exams = 0;  ///< BEV competence exam days; VOV exams
    // VOV
    vov_counting counting = vov_counting::attended_hours;
    std::int64_t credits = 0;
    bool graduate = false;       ///< HBO5 / graduate programme
    bool exam_contract = false;  ///< credits under an exam contract do not count
    std::int64_t competences = 0;
    bool employer_proposed = false;
    bool career_oriented = false;
    std::optional<date> career_attest_date;
    final_assessment assessment = final_assessment::not_yet;
    std::optional<date> enrolled_on;

    std::vector<lesson> lessons;
    std::vector<absence> absences;
    std::vector<leave_taken> taken;
};

struct worker {
    std::string id;
    region reg = region::flanders;      ///< the establishment unit's region (DmfA)
    std::optional<region> head_office;  ///< informative only: never decides the regime (docs/rules.md 2.1)
    std::optional<region> residence;    ///< informative only: never decides the regime (docs/rules.md 2.1)
    std::string sector = "private";
    std::vector<job> jobs;
    std::vector<std::string> passed_modules;
    bool at_most_upper_secondary = false;  ///< Brussels reform raised caps
    bool vov_sanctioned = false;           ///< VOV: found not diligent last time and took more than the right
    minutes bev_reimbursed_elsewhere{};    ///< BEV hours reimbursed this year, outside this request (deducted from the
                                           ///< BEV cap and from VOV)
    std::optional<std::int64_t> monthly_wage_cents;
    std::optional<date> new_job_on;  ///< enrolment certificate due 15 days after a new job
    std::vector<training> trainings;
};

/// Euclid's greatest common divisor of a and b (gcd(a, 0) = a), in 64 bits
/// when both are non-negative and fit (the usual case: 128-bit division is slow).
inline detail::i128 gcd(detail::i128 a, detail::i128 b) {
    constexpr detail::i128 max64 = std::numeric_limits<std::uint64_t>::max();
    if (a >= 0 && b >= 0 && a <= max64 && b <= max64)
        return static_cast<detail::i128>(std::gcd(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)));
    while (b != 0) {
        const detail::i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/// a / b, truncated, in 64 bits when both are non-negative and fit (the
/// usual case: a 128-bit division is a slow library call). b > 0.
inline detail::i128 quotient(detail::i128 a, detail::i128 b) {
    constexpr detail::i128 max64 = std::numeric_limits<std::uint64_t>::max();
    if (a >= 0 && a <= max64 && b <= max64) return static_cast<std::uint64_t>(a) / static_cast<std::uint64_t>(b);
    return a / b;
}

/// lowest_terms of n/d that fit 64 bits, d > 0, r = n % d not 0: the gcd
/// is gcd(d, r) (Euclid's step); no division when it is 1.
[[gnu::noinline]] inline void lowest_terms_by_gcd64(detail::i128& num, detail::i128& den, std::uint64_t n,
                                                    std::uint64_t d, std::uint64_t r) {
    const std::uint64_t g = std::gcd(d, r);
    if (g > 1) {
        num = n / g;
        den = d / g;
    }
}

/// lowest_terms of values beyond 64 bits, or negative, or a zero denominator.
[[gnu::noinline]] inline void lowest_terms_by_gcd(detail::i128& num, detail::i128& den) {
    const detail::i128 a = gcd(num < 0 ? -num : num, den);
    if (a > 1) {
        num = quotient(num, a);
        den = quotient(den, a);
    }
}

/// num/den in lowest terms: both divided by gcd(|num|, den) when it is above 1
/// (a zero gcd, num = den = 0, leaves them). The usual values are whole
/// minutes (den 1: nothing to divide) or fit 64 bits with a denominator that
/// divides the numerator (gcd = den, one division), inline; the rest take the
/// gcd of den and num % den, which is gcd(num, den) (Euclid's step,
/// lowest_terms_by_gcd64), and a 128-bit or negative value the general way
/// (lowest_terms_by_gcd). Same result every way (test
/// LeaveHours.ExactMinutesReduceIsLowestTerms).
inline void lowest_terms(detail::i128& num, detail::i128& den) {
    if (den == 1) return;
    constexpr detail::i128 max64 = std::numeric_limits<std::uint64_t>::max();
    if (num >= 0 && num <= max64 && den > 0 && den <= max64) {
        const auto n = static_cast<std::uint64_t>(num), d = static_cast<std::uint64_t>(den);
        const std::uint64_t r = n % d;
        if (r != 0) return lowest_terms_by_gcd64(num, den, n, d, r);
        num = n / d;
        den = 1;
        return;
    }
    lowest_terms_by_gcd(num, den);
}

/// An exact non-negative fraction num/den (den > 0), e.g. a TWP 20/38.
struct fraction {
    std::int64_t num = 0;
    std::int64_t den = 1;
    friend bool operator<(const fraction& a, const fraction& b) {
        return static_cast<detail::i128>(a.num) * b.den < static_cast<detail::i128>(b.num) * a.den;
    }
    friend bool operator==(const fraction& a, const fraction& b) {
        return static_cast<detail::i128>(a.num) * b.den == static_cast<detail::i128>(b.num) * a.den;
    }
    friend bool operator>=(const fraction& a, const fraction& b) { return !(a < b); }
    bool at_least(const decimal& d) const {
        return static_cast<detail::i128>(num) * d.denominator() >= static_cast<detail::i128>(d.mantissa) * den;
    }
    bool equals(const decimal& d) const {
        return static_cast<detail::i128>(num) * d.denominator() == static_cast<detail::i128>(d.mantissa) * den;
    }
    bool at_least_one() const { return num >= den; }
    std::string to_string() const { return std::to_string(num) + "/" + std::to_string(den); }
    /// As a percentage with 2 decimals, for explanations.
    std::string percent() const {
        const auto hundredths = div_round(static_cast<detail::i128>(num) * detail::pow10(4), den, rounding::half_up);
        return format_scaled(hundredths, 2) + "%";
    }
};

/// An exact non-negative quantity of minutes num/den (den > 0): leave hours
/// stay exact through lesson-period conversion, caps and pro rata, and are
/// rounded once at the end (docs/rules.md conventions).
struct exact_minutes {
    detail::i128 num = 0;
    detail::i128 den = 1;

    static exact_minutes of(minutes m) { return exact_minutes{m.count, 1}; }
    friend bool operator<(const exact_minutes& a, const exact_minutes& b) { return a.num * b.den < b.num * a.den; }
    friend exact_minutes min(const exact_minutes& a, const exact_minutes& b) { return b < a ? b : a; }
    friend exact_minutes max(const exact_minutes& a, const exact_minutes& b) { return a < b ? b : a; }
    friend exact_minutes operator+(const exact_minutes& a, const exact_minutes& b) {
        if (a.den == b.den) return {a.num + b.num, a.den};
        return reduce({a.num * b.den + b.num * a.den, a.den * b.den});
    }
    friend exact_minutes operator-(const exact_minutes& a, const exact_minutes& b) {
        if (a.den == b.den) return {a.num - b.num, a.den};
        return reduce({a.num * b.den - b.num * a.den, a.den * b.den});
    }
    exact_minutes times(const fraction& f) const { return reduce({num * f.num, den * f.den}); }
    /// x in lowest terms (`lowest_terms`).
    static exact_minutes reduce(exact_minutes x) {
        lowest_terms(x.num, x.den);
        return x;
    }
    /// Rounded to a multiple of `unit` minutes by `mode`.
    minutes round(minutes unit, rounding mode) const {
        const std::int64_t u = unit.count > 0 ? unit.count : 1;
        return minutes{div_round(num, den * u, mode) * u};
    }
    /// Hours as text with at most 4 decimals, trailing zeros dropped ("75",
    /// "93.75", "52.6316" for 52.631578...), for explanations and display.
    std::string hours_text() const { return hours_decimal().to_string(); }
    /// The same hours as a decimal (for writers that format in place).
    decimal hours_decimal() const {
        decimal d{
            static_cast<std::int64_t>(div_round(num * detail::pow10(4), den * minutes_per_hour, rounding::half_up)), 4};
        constexpr std::int64_t ten = 10;  // drop trailing decimal zeros
        while (d.scale > 0 && d.mantissa % ten == 0) d.mantissa /= ten, --d.scale;
        return d;
    }
};

/// Hours as an exact decimal from whole minutes (52.5, 53); a fraction of an
/// hour that 4 decimals cannot hold is rounded half up to 4 decimals.
inline decimal hours_decimal(minutes m) {
    // m = whole hours + rem minutes: m x 10^s is a multiple of 60 when rem x 10^s is
    // (64-bit divisions only; the mantissa is summed in 128 bits, as before)
    const std::int64_t whole = m.count / minutes_per_hour, rem = m.count % minutes_per_hour;
    for (int s = 0; s <= 4; ++s) {
        const std::int64_t r = rem * detail::pow10(s);
        if (r % minutes_per_hour == 0)
            return decimal{
                static_cast<std::int64_t>(static_cast<detail::i128>(whole) * detail::pow10(s) + r / minutes_per_hour),
                s};
    }
    return decimal{static_cast<std::int64_t>(div_round(static_cast<detail::i128>(m.count) * detail::pow10(4),
                                                       minutes_per_hour, rounding::half_up)),
                   4};
}

/// Hours as exact decimal text from whole minutes ("52.5", "53").
inline std::string hours_text(minutes m) { return hours_decimal(m).to_string(); }

/// Reasons for a "no" (or a reduction). Bit flags so that a batch row carries
/// all of them without allocating; the values are pinned.
enum reason : std::uint32_t {
    reason_none = 0,
    reason_not_private_sector = 1u << 0,
    reason_bev_ended = 1u << 1,         ///< Flemish BEV training after 2021-12-31, or started too late for BEV
    reason_fraction_too_low = 1u << 2,  ///< part-time category without a right
    reason_halftime_needs_professional_during_work = 1u << 3,
    reason_twp_below_minimum_at_start = 1u << 4,
    reason_twp_below_minimum_reference = 1u << 5,
    reason_weekly_hours_below_minimum = 1u << 6,
    reason_below_min_contact_hours = 1u << 7,
    reason_below_min_credits = 1u << 8,
    reason_module_already_passed = 1u << 9,
    reason_not_recognised = 1u << 10,
    reason_final_assessment_missed = 1u << 11,
    reason_career_attest_too_old = 1u << 12,
    reason_suspended = 1u << 13,             ///< some hours fall in a 6-month suspension
    reason_suspension_triggered = 1u << 14,  ///< a certificate period had more than 10% unjustified absence
    reason_not_diligent = 1u << 15,          ///< VOV yearly diligence failed
    reason_no_employment = 1u << 16,
    reason_vov_sanction = 1u << 17,           ///< VOV maximum cut by the 25% sanction
    reason_only_coinciding_hours = 1u << 18,  ///< VOV exactly 50% fixed schedule
    reason_capped = 1u << 19,                 ///< hours limited by the cap
    reason_no_lessons_in_year = 1u << 20,
    reason_no_rate_for_date = 1u << 21,          ///< the rulebook has no reimbursement rate for the date
    reason_no_wage_ceiling_for_date = 1u << 22,  ///< the rulebook has no wage ceiling for part of the year
};

/// Stable code names of the reason bits, in bit order (for JSON and CSV).
inline constexpr std::array<std::string_view, 23> reason_codes{"not_private_sector",
                                                               "bev_ended",
                                                               "fraction_too_low",
                                                               "halftime_needs_professional_during_work",
                                                               "twp_below_minimum_at_start",
                                                               "twp_below_minimum_reference_month",
                                                               "weekly_hours_below_minimum",
                                                               "below_min_contact_hours",
                                                               "below_min_credits",
                                                               "module_already_passed",
                                                               "not_recognised",
                                                               "final_assessment_missed",
                                                               "career_attest_too_old",
                                                               "suspended",
                                                               "suspension_triggered",
                                                               "not_diligent",
                                                               "no_employment",
                                                               "vov_sanction",
                                                               "only_coinciding_hours",
                                                               "capped",
                                                               "no_lessons_in_school_year",
                                                               "no_rate_for_date",
                                                               "no_wage_ceiling_for_date"};

/// A sentence per reason bit, in bit order; the bev_ended sentence gets its
/// date from the rulebook (regime.hpp `reason_text`).
inline constexpr std::array<std::string_view, 23> reason_texts{
    "the worker is not in the private sector",
    "the training started under Flemish BEV, which ended on",
    "the part-time fraction gives no right",
    "a fixed-schedule part-timer below 4/5 has a right only for a professional training during working hours",
    "the employment percentage (TWP) at the training start is below the minimum",
    "the employment percentage (TWP) in the reference month (and the fallback month) is below the minimum",
    "the contractual weekly hours are below the minimum",
    "the contact time is below the minimum (distance learning and internships excluded)",
    "the training has fewer credits than the minimum",
    "the module was already passed",
    "the training is not recognised",
    "the worker did not take part in the first final assessment",
    "the career attest is missing or too old",
    "hours fall in a suspension of the right",
    "a certificate period had more than the allowed share of unjustified absence: the right is suspended",
    "more than the allowed share of unjustified absence this school year (VOV diligence)",
    "no employment at the relevant date",
    "the VOV maximum is reduced by the sanction for a lack of diligence",
    "exactly 50% on a fixed schedule: only hours coinciding with working hours count",
    "hours limited by the cap",
    "no lessons in this school year",
    "the rulebook has no reimbursement rate for this date: the amount is unknown",
    "the rulebook has no wage ceiling for this date",
};

/// Reasons that make a training give no leave at all.
inline constexpr std::uint32_t blocking_reasons =
    reason_not_private_sector | reason_bev_ended | reason_fraction_too_low |
    reason_halftime_needs_professional_during_work | reason_twp_below_minimum_at_start |
    reason_twp_below_minimum_reference | reason_weekly_hours_below_minimum | reason_below_min_contact_hours |
    reason_below_min_credits | reason_module_already_passed | reason_not_recognised | reason_final_assessment_missed |
    reason_career_attest_too_old | reason_no_employment;

/// Whether a text is in a rulebook text list.
inline bool listed(const std::vector<std::string>& list, std::string_view s) {
    for (const auto& x : list)
        if (x == s) return true;
    return false;
}

/// The lesson modes named in a rulebook list, as bits (1 << mode): bit m is
/// set exactly when `listed(modes, to_string(m))`. A rule that tests many
/// lessons against one list reads the list once instead of once a lesson.
inline unsigned mode_mask(const std::vector<std::string>& modes) {
    unsigned mask = 0;
    for (auto m : {lesson_mode::contact, lesson_mode::live_online, lesson_mode::distance, lesson_mode::internship,
                   lesson_mode::thesis, lesson_mode::coaching})
        if (listed(modes, to_string(m))) mask |= 1u << static_cast<unsigned>(m);
    return mask;
}
inline bool in_mask(unsigned mask, lesson_mode m) { return (mask >> static_cast<unsigned>(m)) & 1u; }

/// The masks of a regime's three mode lists (BEV, reformed Brussels, VOV),
/// each made once per rulebook value at engine construction.
struct mode_masks {
    dated<unsigned> bev, brussels, vov;

    static dated<unsigned> of(const parameter& p) {
        return dated<unsigned>::convert<std::vector<std::string>>(
            p, [](const std::vector<std::string>& v) { return std::optional<unsigned>(mode_mask(v)); });
    }
    mode_masks(const parameter& bev_list, const parameter& brussels_list, const parameter& vov_list)
        : bev(of(bev_list)), brussels(of(brussels_list)), vov(of(vov_list)) {}
};

}  // namespace edurules::leave
