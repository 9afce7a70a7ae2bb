// The individual training right (Belgium, law of 3 October 2022, "arbeidsdeal",
// art. 48 ff.) and the development account (Netherlands, SER advice 17/04,
// seed 003): plain input and result values. The rules that fill the results
// live one legal topic per header beside this one; every legal number lives in
// rulebook/account.json (sources: docs/sources.md section 4, research:
// docs/research/account.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/explain.hpp"

namespace edurules::account {

/// An exact non-negative fraction (days are thirds and twelfths: 5 x 0.8 x
/// 10/12 = 10/3). Kept reduced; 128-bit so sums of twelve monthly regimes
/// with different full-time weeks cannot overflow.
struct fraction {
    detail::i128 num = 0;
    detail::i128 den = 1;

    static fraction of(detail::i128 n, detail::i128 d) {
        fraction f{n, d};
        f.reduce();
        return f;
    }
    static fraction of(const decimal& d) { return of(d.mantissa, d.denominator()); }
    void reduce() {
        detail::i128 a = num < 0 ? -num : num, b = den;
        while (b != 0) {
            const detail::i128 t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            num /= a;
            den /= a;
        }
    }
    friend fraction operator+(const fraction& a, const fraction& b) {
        return of(a.num * b.den + b.num * a.den, a.den * b.den);
    }
    friend fraction operator*(const fraction& a, const fraction& b) { return of(a.num * b.num, a.den * b.den); }
    friend bool operator<(const fraction& a, const fraction& b) { return a.num * b.den < b.num * a.den; }
    bool is_zero() const { return num == 0; }
    /// Rounded once, by `mode`, to a whole number.
    std::int64_t rounded(rounding mode) const { return div_round(num, den, mode); }
    /// Exact text: a decimal when the fraction has one ("2.5"), else "10/3".
    std::string text() const {
        detail::i128 d = den;
        int twos = 0, fives = 0;
        while (d % 2 == 0) d /= 2, ++twos;
        while (d % 5 == 0) d /= 5, ++fives;
        auto str = [](detail::i128 v) {
            std::string s;
            const bool neg = v < 0;
            if (neg) v = -v;
            do {
                s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
                v /= 10;
            } while (v != 0);
            return neg ? "-" + s : s;
        };
        if (d != 1) return str(num) + "/" + str(den);
        const int scale = twos > fives ? twos : fives;
        if (scale > decimal::max_scale) return str(num) + "/" + str(den);
        const detail::i128 units = num * detail::pow10(scale) / den;
        return decimal{static_cast<std::int64_t>(units), scale}.to_string();
    }
};

/// The employer's size class (research 1.2): fewer than 10 FTE (outside the
/// statutory right), 10 to 19, at least 20. Values pinned: the batch column.
enum class size_class : std::uint8_t { unknown = 0, lt10 = 1, from10to19 = 2, ge20 = 3 };
inline const char* to_string(size_class c) {
    switch (c) {
        case size_class::lt10:
            return "lt10";
        case size_class::from10to19:
            return "10_19";
        case size_class::ge20:
            return "ge20";
        case size_class::unknown:
            break;
    }
    return "unknown";
}

/// How a contract ended (research 1.7). The rulebook lists which endings make
/// the open balance lapse and which put it in the indemnity.
inline constexpr std::array<std::string_view, 6> ending_names{"resignation",      "dismissal_serious_cause",
                                                              "dismissal_notice", "dismissal_indemnity",
                                                              "mutual_agreement", "fixed_term_end"};

/// Training kinds a request may name (research 1.5); which of them count is
/// the rulebook's choice (account.be.training.*).
inline constexpr std::array<std::string_view, 9> training_kind_names{
    "formal", "informal", "on_the_job", "e_learning", "wellbeing", "bev", "vov", "outside_work", "pe_activity"};

/// Why a right or a balance is what it is; bits, several at once. Values pinned.
enum reason : std::uint32_t {
    reason_none = 0,
    reason_before_first_year = 1u << 0,        ///< no statutory individual days before account.be.first_year
    reason_outside_right = 1u << 1,            ///< employer below 10 FTE and no sector days
    reason_size_unknown = 1u << 2,             ///< no FTE declared for the reference period, no fallback
    reason_days_unknown = 1u << 3,             ///< the rulebook has no days per FTE in force that year
    reason_sector_below_floor = 1u << 4,       ///< a sector overlay sets fewer days than the legal floor
    reason_not_employed = 1u << 5,             ///< no job in the year
    reason_below_min_months = 1u << 6,         ///< sector condition of months worked not met
    reason_training_not_counting = 1u << 7,    ///< a training of a kind that does not count
    reason_training_beyond_balance = 1u << 8,  ///< more training than the balance: the excess is not a debt
    reason_lapsed_window_end = 1u << 9,        ///< balance reset at the end of an averaging window
    reason_lapsed_contract_end = 1u << 10,     ///< balance lapsed at the contract end
    reason_in_indemnity = 1u << 11,            ///< open balance counted in the indemnity in lieu of notice
    reason_lapsed_no_carry_over = 1u << 12,    ///< carry-over off: the balance lapsed at year end
    reason_window_end = 1u << 13,              ///< end of an averaging window (information only)
    reason_sector_agreement = 1u << 14,        ///< the days come from a sector overlay
    reason_outside_employment = 1u << 15,      ///< a training on a day of no job of the worker: not taken
    reason_month_in_other_row = 1u << 16,      ///< batch: a month this row's job covers counts in another row
};
inline constexpr std::array<std::string_view, 17> reason_codes{
    "before_first_year",       "outside_right",     "size_unknown",        "days_unknown",
    "sector_below_floor",      "not_employed",      "below_min_months",    "training_not_counting",
    "training_beyond_balance", "lapsed_window_end", "lapsed_contract_end", "in_indemnity",
    "lapsed_no_carry_over",    "window_end",        "sector_agreement",    "outside_employment",
    "month_in_other_row"};

// ---- inputs ----------------------------------------------------------------

/// FTE the employer declared to the RSZ/ONSS for one quarter (waso.faq, art. 50 §2).
struct quarter_fte {
    int year = 0;
    int quarter = 1;  ///< 1..4
    decimal fte;
};

struct employer {
    std::vector<quarter_fte> quarters;
    /// Employed on the last day of the quarter of the first employment after
    /// the reference period, used when no quarter of it was declared (waso.faq).
    std::optional<decimal> fallback_fte;
    std::string joint_committee;  ///< "200", "124", ...; empty: no sector agreement
    /// The full-time week of the employer; a training day is a fifth of it (horeca).
    std::optional<std::int64_t> full_time_minutes_per_week;
};

/// A stretch of employment under one work regime (contract hours of full time).
struct job {
    date from;
    std::optional<date> to;
    std::int64_t contract_minutes_per_week = 0;
    std::int64_t full_time_minutes_per_week = 0;
    /// The days of the job (open-ended: to the calendar's end).
    period span() const { return period{from, to.value_or(date(9999, 12, 31))}; }
};

struct training {
    std::string id;
    date day;
    std::string kind;  ///< one of training_kind_names
    std::int64_t minutes = 0;
};

struct contract_end {
    date last_day;
    std::string ending;  ///< one of ending_names
};

struct worker {
    std::string id;
    std::vector<job> jobs;
    std::vector<training> trainings;
    std::optional<contract_end> end;
};

// ---- results ---------------------------------------------------------------

/// The size class of the employer for a calendar year (account/size.hpp).
struct size_decision {
    size_class cls = size_class::unknown;
    int period_first_year = 0;  ///< first year of the two-year period
    fraction average;           ///< average FTE of the reference period
    int quarters_used = 0;      ///< 0: the fallback was used (or nothing was known)
};

/// The days per FTE that apply (account/credit.hpp).
struct days_decision {
    bool known = false;
    decimal days;
    bool sector = false;
    std::int64_t min_months = 0;
    param_use use;
    param_use min_months_use;  ///< empty unless a sector sets a minimum
};

/// One calendar year of a worker's right.
struct year_result {
    int year = 0;
    size_decision size;
    days_decision days;
    int months = 0;                   ///< months (started) employed in the year
    fraction regime_months;           ///< sum over those months of the work regime
    fraction credit_days;             ///< exact days
    std::int64_t credit_minutes = 0;  ///< rounded once
    std::int64_t carried_in_minutes = 0;
    std::int64_t taken_minutes = 0;   ///< trainings that counted, up to the balance
    std::int64_t excess_minutes = 0;  ///< counted training beyond the balance
    std::int64_t lapsed_minutes = 0;
    std::int64_t indemnity_minutes = 0;
    std::int64_t balance_minutes = 0;  ///< at the end of the year (or at the date, for its year)
    std::uint32_t reasons = reason_none;
};

/// A training as counted (account/trainings.hpp).
struct training_result {
    std::string id;
    bool counts = false;       ///< taken from the balance (a counting kind, on a day of a job, in a year of the right)
    std::int64_t minutes = 0;  ///< the minutes taken (0 when it does not count)
    bool after_date = false;
    std::uint32_t reasons = reason_none;
};

struct worker_result {
    std::string id;
    fraction day_minutes;  ///< length of one training day, in minutes (exact)
    std::vector<year_result> years;
    std::vector<training_result> trainings;
    std::int64_t balance_minutes = 0;  ///< at the date asked
    fraction balance_days;
    std::uint32_t reasons = reason_none;
    explanation why;
};

}  // namespace edurules::account
