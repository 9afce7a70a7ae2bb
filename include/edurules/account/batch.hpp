// The columnar batch of the individual training right: one row is one
// worker's one calendar year, with the FTE of the employer's reference period
// already summed, one job (a work regime over a stretch of time) and the joint
// committee. Every row goes through the same year_credit_with as the JSON
// path (account/credit.hpp); nothing is decided here. No allocation per row:
// the job list is reused, explanations are off, the joint committee is
// formatted into a stack buffer.
#pragma once

#include <charconv>
#include <span>

#include "edurules/account/credit.hpp"

namespace edurules::account {

/// Per-row status (edr_account_row_status); values pinned.
enum class batch_row_status : std::int32_t {
    ok = 0,
    bad_year = -1,       ///< year outside 1901..9998
    bad_dates = -2,      ///< from not a day, or to before from
    bad_regime = -3,     ///< contract or full-time week not in 1..10080 minutes, or contract above full time
    bad_fte = -4,        ///< negative FTE, quarters outside 0..8, or FTE unknown with quarters > 0
    bad_committee = -5,  ///< negative joint committee
    rulebook = -6,       ///< the rulebook lacks a value this row needs on its dates
};

struct batch_input {
    std::size_t rows = 0;
    std::span<const std::int32_t> year;
    std::span<const std::int64_t> reference_fte;       ///< in 1/10000 FTE: the sum over the quarters, or the fallback
    std::span<const std::int32_t> reference_quarters;  ///< declared quarters summed; 0: fallback; -1: unknown
    std::span<const std::int32_t> from_day, to_day;    ///< days since 1970-01-01; to_day: no_day = open
    std::span<const std::int64_t> contract_minutes, full_time_minutes;  ///< per week
    std::span<const std::int32_t> joint_committee;                      ///< optional; 0 = none
    std::span<const std::int64_t> employer_full_time_minutes;           ///< optional; 0 = the rulebook's day
};

struct batch_output {
    std::span<std::int32_t> status, size_class, months;
    std::span<std::int64_t> credit_minutes, credit_days_num, credit_days_den;
    std::span<std::uint32_t> reasons;
};

inline constexpr std::int32_t no_day = INT32_MIN;
inline constexpr std::int64_t fte_units = 10000;  ///< reference_fte is in 1/10000 FTE (a unit, not a law)

/// Decides one row; throws edurules::error for a rulebook gap.
inline batch_row_status batch_row(const rules& R, const batch_input& in, std::size_t i, std::vector<job>& jobs,
                                  year_result& y) {
    const std::int32_t year = in.year[i];
    if (year < 1901 || year > 9998) return batch_row_status::bad_year;
    const std::int32_t from = in.from_day[i], to = in.to_day[i];
    if (from == no_day || from < -200000 || from > 2900000 || (to != no_day && (to < from || to > 2900000)))
        return batch_row_status::bad_dates;
    const std::int64_t c = in.contract_minutes[i], f = in.full_time_minutes[i];
    const std::int64_t ef = in.employer_full_time_minutes.empty() ? 0 : in.employer_full_time_minutes[i];
    if (c < 1 || f < 1 || c > f || f > 10080 || ef < 0 || ef > 10080) return batch_row_status::bad_regime;
    const std::int32_t q = in.reference_quarters[i];
    const std::int64_t fte = in.reference_fte[i];
    if (q < -1 || q > 8 || fte < 0 || fte > fte_units * 100000000) return batch_row_status::bad_fte;
    const std::int32_t pc = in.joint_committee.empty() ? 0 : in.joint_committee[i];
    if (pc < 0) return batch_row_status::bad_committee;
    char buf[16];
    std::size_t pc_len = 0;
    if (pc > 0) pc_len = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, pc).ptr - buf);
    jobs.resize(1);
    jobs[0] = job{epoch_day(from), to == no_day ? std::nullopt : std::optional<date>(epoch_day(to)), c, f};
    explanation off(recording::nothing);
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    employer day_only;  // the day length needs only a full-time week: the job's (always given here) comes first
    if (ef > 0) day_only.full_time_minutes_per_week = ef;
    const fraction day_len = day_length(R, day_only, jobs, jan1, off);
    y = year_credit_with(R, std::string_view(buf, pc_len), jobs, year, day_len, off, [&] {
        const reference_window w = window_of(R, year);
        std::optional<decimal> fallback;
        if (q == 0) fallback = decimal{fte, 4};
        return size_from_reference(R, year, w, fraction::of(fte, fte_units), q < 0 ? 0 : q, fallback, off);
    });
    return batch_row_status::ok;
}

/// Decides every row of `in` into `out`; returns the number of rows rejected.
inline std::size_t right_batch(const rules& R, const batch_input& in, const batch_output& out) {
    std::vector<job> jobs;
    jobs.reserve(1);
    std::size_t rejected = 0;
    for (std::size_t i = 0; i < in.rows; ++i) {
        year_result y;
        batch_row_status st;
        try {
            st = batch_row(R, in, i, jobs, y);
        } catch (const error&) {
            st = batch_row_status::rulebook;
        }
        out.status[i] = static_cast<std::int32_t>(st);
        if (st != batch_row_status::ok) {
            ++rejected;
            y = year_result{};
        }
        out.size_class[i] = static_cast<std::int32_t>(y.size.cls);
        out.months[i] = y.months;
        out.credit_minutes[i] = y.credit_minutes;
        out.credit_days_num[i] = static_cast<std::int64_t>(y.credit_days.num);
        out.credit_days_den[i] = static_cast<std::int64_t>(y.credit_days.den);
        out.reasons[i] = y.reasons;
    }
    return rejected;
}

}  // namespace edurules::account
