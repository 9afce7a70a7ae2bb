// Columnar hot path: leave hours for many rows at once (rules.md 2.2-2.4).
// The same rule functions as the single path (regime.hpp, eligibility.hpp,
// hours.hpp, absence.hpp), called with explanations off; no second
// implementation and no per-row heap allocation.
//
// Column contract. A row is one worker's one training in one school year,
// with its own cap (rows never share a cap: group a worker's trainings of a
// year into one row, or use the JSON path). Every column is a std::span whose
// size is either `rows` or 0 (absent: the stated default). A required column
// of the wrong size, or an output of the wrong size, throws
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
//   given_minutes     int64  required  lesson minutes actually given (BEV: in the certificate
//                                      period; VOV: in the school year); also the contact time
//                                      for the 32-hour minimum unless contact_minutes is given
//   attended_minutes  int64  required  lesson minutes attended that give leave (<= given)
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
//
// Simplifications of a row against the JSON path: the TWP (contract /
// full time) is the same at the training start and in the VOV reference
// month; VOV hours are attended hours (hours_per_credit etc. are the JSON
// path's); the unjustified-absence test flags `reason_suspension_triggered`
// (BEV, the suspension starts after the period so this row's hours stay) or
// `reason_not_diligent` (VOV) without changing the hours; a competence_exam
// row is one exam day; the Flemish 2021-2022 window (hours until 2021-12-31)
// is the caller's to apply to attended_minutes, the reduced cap is applied.
#pragma once

#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"
#include "edurules/leave/hours.hpp"
#include "edurules/leave/regime.hpp"

#include <span>

namespace edurules::leave {

/// Per-row status codes (pinned).
enum batch_status : std::int32_t {
    batch_granted = 0,          ///< decided: the worker has a right (granted may still be 0 h)
    batch_not_eligible = 1,     ///< decided: no right; `reasons` says why
    batch_bad_region = -1,      ///< region code not 1..3
    batch_bad_minutes = -2,     ///< a negative or impossible duration (more than a week per week, more than 2^40 minutes), attended or unjustified above given
    batch_bad_date = -3,        ///< training_start not a yyyymmdd date, or school_year out of range
    batch_bad_code = -4,        ///< training_type or a flag out of range
    batch_no_rule = -5,         ///< the rulebook has no value for the row's date
    batch_bad_full_time = -6,   ///< full_time_minutes <= 0
};

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
/// Input bounds that keep every exact product within 128 bits. Not legal
/// numbers: a week has 7 x 24 x 60 minutes, and 2^40 minutes are two million years.
inline constexpr std::int64_t minutes_per_week = 7 * 24 * minutes_per_hour;
inline constexpr std::int64_t max_minutes = std::int64_t{1} << 40;

inline std::optional<date> yyyymmdd(std::int32_t v) {
    if (v < 19000101 || v > 99991231) return std::nullopt;
    constexpr std::int32_t two_digits = 10 * 10;  // yyyymmdd: two decimal digits for month and day
    const int y = v / (two_digits * two_digits), m = v / two_digits % two_digits, d = v % two_digits;
    if (m < 1 || m > 12 || d < 1) return std::nullopt;
    if (d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                   static_cast<unsigned short>(m)))
        return std::nullopt;
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}
template <class T>
void check_column(std::span<const T> c, std::size_t rows, const char* name, bool required) {
    if (c.size() == rows || (!required && c.empty())) return;
    throw error(errc::invalid_argument, name,
                "column has " + std::to_string(c.size()) + " values for " + std::to_string(rows) + " rows");
}
template <class T>
T at_or(std::span<const T> c, std::size_t i, T def) { return c.empty() ? def : c[i]; }

/// One row: every rule is the single path's; returns the status.
inline std::int32_t leave_row(const rules& R, const batch_input& in, std::size_t i, std::int64_t& granted,
                              std::uint32_t& reasons, leave::regime& reg_out) {
    granted = 0;
    reasons = reason_none;
    reg_out = leave::regime::none;
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
    if (contract > minutes_per_week || full > minutes_per_week || given > max_minutes || contact > max_minutes)
        return batch_bad_minutes;

    explanation off(false);
    const school_year sy(syv);
    const date at = sy.first_day();
    const auto type = static_cast<training_type>(tc);
    const bool coinciding = at_or<std::uint8_t>(in.coinciding, i, 0) != 0;
    const bool raised = at_or<std::uint8_t>(in.raised, i, 0) != 0;
    employment e;
    e.share = fraction{contract, full};
    e.contract_minutes_per_week = contract;
    e.sched = at_or<std::uint8_t>(in.variable_schedule, i, 0) ? schedule::variable : schedule::fixed;
    e.any = contract > 0;

    const regime_decision rd = decide_regime(R, static_cast<region>(rc), "private", *start, sy, off);
    reg_out = rd.reg;
    reasons |= rd.reasons;
    if (rd.reg == leave::regime::none) return batch_not_eligible;
    const bool exam = type == training_type::exam_board || type == training_type::competence_exam;
    const minutes unit = at_or<std::uint8_t>(in.lesson_periods, i, 0)
                             ? read<minutes>(*R.lesson_period_minutes, at).value
                             : minutes{minutes_per_hour};
    bool only_coinciding = false;
    if (rd.reg == leave::regime::vov) {
        const auto check = vov_employment_check(R, sy, *start, std::max(*start, at), [&](date) { return e; }, off);
        reasons |= check.reasons;
        only_coinciding = check.only_coinciding;
        if (only_coinciding) reasons |= reason_only_coinciding_hours;
    } else {
        reasons |= bev_category(R, rd.reg, e, type, coinciding, std::max(*start, at), off);
    }
    if (!exam && !meets_min_contact(R, minutes{contact}, unit, at, off)) reasons |= reason_below_min_contact_hours;
    if (more_than_share(R, minutes{unj}, minutes{given}, at))
        reasons |= rd.reg == leave::regime::vov ? reason_not_diligent : reason_suspension_triggered;
    if (reasons & blocking_reasons) return batch_not_eligible;

    // exactly 50% VOV fixed schedule: only coinciding hours; a row is all or nothing
    const minutes attended{only_coinciding && !coinciding ? 0 : att};
    exact_minutes cap{0, 1};
    exact_minutes counted = leave_value(attended, unit);
    fraction share = e.share;
    param_use u;
    rounding mode;
    minutes round_unit;
    if (rd.reg == leave::regime::vov) {
        cap = vov_max(R, e.share, false, sy, off).own;
        share = fraction{1, 1};
        mode = rounding_at(*R.vov_rounding, at, u);
        round_unit = read<minutes>(*R.vov_rounding_unit, at).value;
    } else {
        if (type == training_type::exam_board) {
            granted = exam_board_hours(R, contract, at, off).count;
            return batch_granted;
        }
        if (type == training_type::competence_exam) counted = competence_exam_hours(R, 1, at, off);
        const unsigned parts = parts_of(type);
        const brussels_context bx{};
        cap = exact_minutes::of(bev_cap(R, rd.reg, row_of_parts(parts), coinciding, raised, bx, sy, off).cap);
        mode = rounding_at(*R.bev_rounding, at, u);
        round_unit = read<minutes>(*R.bev_rounding_unit, at).value;
    }
    minutes g[1];
    exact_minutes used[1];
    share_cap(cap, std::span<const exact_minutes>(&counted, 1), std::span<const fraction>(&share, 1), round_unit, mode,
              g, used);
    if (used[0] < counted) reasons |= reason_capped;
    granted = g[0].count;
    return batch_granted;
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
    for (std::size_t i = 0; i < n; ++i) {
        std::int64_t granted = 0;
        std::uint32_t reasons = 0;
        regime reg = regime::none;
        std::int32_t status;
        try {
            status = batch_impl::leave_row(R, in, i, granted, reasons, reg);
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

}  // namespace edurules::leave
