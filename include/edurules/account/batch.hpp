// The columnar batch of the individual training right: one row is one job of
// one worker in one calendar year, with the FTE of the employer's reference
// period already summed, the work regime over the job's stretch of time and
// the joint committee. Every worker-year goes through the same
// year_credit_with and month_holder as the JSON path (account/credit.hpp);
// nothing is decided here.
//
// Several jobs of one worker in one year (a change of regime in June): give
// the optional worker column (any non-zero id, the same on each of the
// worker's rows, rows in any order). The rows of one (worker, year) are then
// decided together, as the JSON path decides the worker's jobs list: a month
// counts once, for the job holding it (month_holder: the job starting last
// among those covering a day of it), so each row's months and exact days are
// its share of the worker-year and the rows' days add up to the JSON
// credit; the minutes are rounded once on the worker-year and split by
// rounding the running sum, so they add up to the JSON minutes too. A row
// whose job covers a month counted in another row has reason
// month_in_other_row. Overlapping jobs of one worker-year are refused
// (overlapping_jobs), as the JSON path refuses concurrent jobs; rows of one
// worker-year that disagree on the employer's columns are refused
// (worker_mismatch); when one row of a worker-year is rejected, the others
// are too (worker_row_rejected). Without the worker column (or with id 0) a
// row stands alone: the batch cannot see the worker's other jobs, so a month
// shared by two such rows counts in both.
//
// No allocation per row: the job list is reused, explanations are off, the
// joint committee is formatted into a stack buffer; grouping by worker sorts
// one index vector per batch.
#pragma once

#include <algorithm>
#include <charconv>
#include <numeric>
#include <span>

#include "edurules/account/credit.hpp"

namespace edurules::account {

/// Per-row status (edr_account_row_status); values pinned.
enum class batch_row_status : std::int32_t {
    ok = 0,
    bad_year = -1,             ///< year outside 1901..9998
    bad_dates = -2,            ///< from not a day, or to before from
    bad_regime = -3,           ///< contract or full-time week not in 1..10080 minutes, or contract above full time
    bad_fte = -4,              ///< negative FTE, quarters outside 0..8, or FTE unknown with quarters > 0
    bad_committee = -5,        ///< negative joint committee
    rulebook = -6,             ///< the rulebook lacks a value this row needs on its dates
    overlapping_jobs = -7,     ///< the jobs of one worker-year overlap (concurrent jobs are not modelled)
    worker_mismatch = -8,      ///< rows of one worker-year differ in an employer column
    worker_row_rejected = -9,  ///< another row of the same worker-year was rejected
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
    std::span<const std::int64_t> worker;  ///< optional; rows with one non-zero id and year are one worker-year
};

struct batch_output {
    std::span<std::int32_t> status, size_class, months;
    std::span<std::int64_t> credit_minutes, credit_days_num, credit_days_den;
    std::span<std::uint32_t> reasons;
};

inline constexpr std::int32_t no_day = INT32_MIN;
inline constexpr std::int64_t fte_units = 10000;  ///< reference_fte is in 1/10000 FTE (a unit, not a law)
/// The last day a job may give: 9999-12-31 (days since 1970-01-01), the last
/// date the JSON path reads (the usual open end of a job, "to": "9999-12-31").
inline constexpr std::int32_t last_job_day = 2932896;

/// Checks row `i` and reads its job; ok or the row's status.
inline batch_row_status batch_check(const batch_input& in, std::size_t i, job& out) {
    const std::int32_t year = in.year[i];
    if (year < 1901 || year > 9998) return batch_row_status::bad_year;
    const std::int32_t from = in.from_day[i], to = in.to_day[i];
    if (from == no_day || from < -200000 || from > last_job_day || (to != no_day && (to < from || to > last_job_day)))
        return batch_row_status::bad_dates;
    const std::int64_t c = in.contract_minutes[i], f = in.full_time_minutes[i];
    const std::int64_t ef = in.employer_full_time_minutes.empty() ? 0 : in.employer_full_time_minutes[i];
    if (c < 1 || f < 1 || c > f || f > 10080 || ef < 0 || ef > 10080) return batch_row_status::bad_regime;
    const std::int32_t q = in.reference_quarters[i];
    const std::int64_t fte = in.reference_fte[i];
    if (q < -1 || q > 8 || fte < 0 || fte > fte_units * 100000000) return batch_row_status::bad_fte;
    const std::int32_t pc = in.joint_committee.empty() ? 0 : in.joint_committee[i];
    if (pc < 0) return batch_row_status::bad_committee;
    out = job{epoch_day(from), to == no_day ? std::nullopt : std::optional<date>(epoch_day(to)), c, f};
    return batch_row_status::ok;
}

/// Decides the worker-year of `jobs` with the employer columns of row `i`
/// (checked); throws edurules::error for a rulebook gap.
inline year_result batch_decide(const rules& R, const batch_input& in, std::size_t i, const std::vector<job>& jobs,
                                fraction& day_len) {
    const std::int32_t year = in.year[i];
    const std::int32_t q = in.reference_quarters[i];
    const std::int64_t fte = in.reference_fte[i];
    const std::int32_t pc = in.joint_committee.empty() ? 0 : in.joint_committee[i];
    const std::int64_t ef = in.employer_full_time_minutes.empty() ? 0 : in.employer_full_time_minutes[i];
    char buf[16];
    std::size_t pc_len = 0;
    if (pc > 0) pc_len = static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, pc).ptr - buf);
    explanation off(recording::nothing);
    // the training day of the job in force at the year's end, as the JSON path evaluated on 31 December
    const date dec31(static_cast<unsigned short>(year), 12, 31);
    employer day_only;  // the day length needs only a full-time week: the job's (always given here) comes first
    if (ef > 0) day_only.full_time_minutes_per_week = ef;
    day_len = day_length(R, day_only, jobs, dec31, off);
    return year_credit_with(R, std::string_view(buf, pc_len), jobs, year, day_len, off, [&] {
        const reference_window w = window_of(R, year);
        std::optional<decimal> fallback;
        if (q == 0) fallback = decimal{fte, 4};
        return size_from_reference(R, year, w, fraction::of(fte, fte_units), q < 0 ? 0 : q, fallback, off);
    });
}

/// Decides one row standing alone; throws edurules::error for a rulebook gap.
inline batch_row_status batch_row(const rules& R, const batch_input& in, std::size_t i, std::vector<job>& jobs,
                                  year_result& y) {
    jobs.resize(1);
    const batch_row_status st = batch_check(in, i, jobs[0]);
    if (st != batch_row_status::ok) return st;
    fraction day_len;
    y = batch_decide(R, in, i, jobs, day_len);
    return batch_row_status::ok;
}

inline void batch_write(const batch_output& out, std::size_t i, batch_row_status st, const year_result& y) {
    out.status[i] = static_cast<std::int32_t>(st);
    out.size_class[i] = static_cast<std::int32_t>(y.size.cls);
    out.months[i] = y.months;
    out.credit_minutes[i] = y.credit_minutes;
    out.credit_days_num[i] = static_cast<std::int64_t>(y.credit_days.num);
    out.credit_days_den[i] = static_cast<std::int64_t>(y.credit_days.den);
    out.reasons[i] = y.reasons;
}

/// Decides the rows `idx` of one (worker, year) together; returns the number
/// of rows rejected.
inline std::size_t batch_worker_year(const rules& R, const batch_input& in, std::span<const std::size_t> idx,
                                     std::vector<job>& jobs, const batch_output& out) {
    const year_result none;
    auto reject_all = [&](std::size_t bad, batch_row_status st) {
        for (std::size_t i : idx)
            batch_write(out, i, i == bad || bad == SIZE_MAX ? st : batch_row_status::worker_row_rejected, none);
        return idx.size();
    };
    jobs.resize(idx.size());
    const std::size_t i0 = idx[0];
    auto col = [](const auto& span, std::size_t i) { return span.empty() ? 0 : span[i]; };
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const std::size_t i = idx[k];
        const batch_row_status st = batch_check(in, i, jobs[k]);
        if (st != batch_row_status::ok) return reject_all(i, st);
    }
    for (std::size_t k = 1; k < idx.size(); ++k) {
        const std::size_t i = idx[k];
        if (in.reference_fte[i] != in.reference_fte[i0] || in.reference_quarters[i] != in.reference_quarters[i0] ||
            col(in.joint_committee, i) != col(in.joint_committee, i0) ||
            col(in.employer_full_time_minutes, i) != col(in.employer_full_time_minutes, i0))
            return reject_all(SIZE_MAX, batch_row_status::worker_mismatch);
    }
    for (std::size_t a = 0; a < jobs.size(); ++a)
        for (std::size_t b = a + 1; b < jobs.size(); ++b)
            if (jobs[a].span().overlaps(jobs[b].span()))
                return reject_all(SIZE_MAX, batch_row_status::overlapping_jobs);
    year_result y;
    fraction day_len;
    try {
        y = batch_decide(R, in, i0, jobs, day_len);
    } catch (const error&) {
        return reject_all(SIZE_MAX, batch_row_status::rulebook);
    }
    // each row's share: the months its job holds, their exact days, and the
    // minutes of the running sum rounded once per step (they add up to y's)
    const date jan1(static_cast<unsigned short>(y.year), 1, 1);
    const rounding mode = y.credit_days.num == 0 ? rounding{} : R.rounding_at.at(jan1).value;
    fraction running;
    std::int64_t given = 0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        year_result r;
        r.year = y.year;
        r.size = y.size;
        r.reasons = y.reasons;
        fraction regime;
        months_and_regime(jobs, y.year, r.months, regime, &jobs[k]);
        for (int m = 1; m <= 12; ++m) {
            const date first(static_cast<unsigned short>(y.year), static_cast<unsigned short>(m), 1);
            const period month{first, first.end_of_month()};
            if (month.overlaps(jobs[k].span()) && month_holder(jobs, month) != &jobs[k])
                r.reasons |= reason_month_in_other_row;
        }
        if (y.credit_days.num != 0) {
            r.credit_days = fraction::of(y.days.days) * regime * fraction::of(1, 12);
            running = running + r.credit_days * day_len;
            const std::int64_t to_here = running.rounded(mode);
            r.credit_minutes = to_here - given;
            given = to_here;
        }
        batch_write(out, idx[k], batch_row_status::ok, r);
    }
    return 0;
}

/// Decides every row of `in` into `out`; returns the number of rows rejected.
inline std::size_t right_batch(const rules& R, const batch_input& in, const batch_output& out) {
    std::vector<job> jobs;
    jobs.reserve(1);
    std::size_t rejected = 0;
    std::vector<std::size_t> grouped;  // rows with a worker id, by (worker, year)
    for (std::size_t i = 0; i < in.rows; ++i) {
        if (!in.worker.empty() && in.worker[i] != 0) {
            grouped.push_back(i);
            continue;
        }
        year_result y;
        batch_row_status st;
        try {
            st = batch_row(R, in, i, jobs, y);
        } catch (const error&) {
            st = batch_row_status::rulebook;
        }
        if (st != batch_row_status::ok) {
            ++rejected;
            y = year_result{};
        }
        batch_write(out, i, st, y);
    }
    std::stable_sort(grouped.begin(), grouped.end(), [&](std::size_t a, std::size_t b) {
        return in.worker[a] != in.worker[b] ? in.worker[a] < in.worker[b] : in.year[a] < in.year[b];
    });
    for (std::size_t s = 0; s < grouped.size();) {
        std::size_t e = s + 1;
        while (e < grouped.size() && in.worker[grouped[e]] == in.worker[grouped[s]] &&
               in.year[grouped[e]] == in.year[grouped[s]])
            ++e;
        rejected += batch_worker_year(R, in, std::span<const std::size_t>(grouped).subspan(s, e - s), jobs, out);
        s = e;
    }
    return rejected;
}

}  // namespace edurules::account
