// PE status over columns: the same registration and status rules as the
// single path (status.hpp), run over plain arrays for whole populations.
// No heap allocation per row; explanations off; exactly one result or one
// rejection per input row, in input order.
#pragma once

#include <climits>
#include <cstdint>
#include <span>

#include "edurules/core/offsets.hpp"
#include "edurules/pe/status.hpp"

namespace edurules::pe {

/// Column dates: the one day encoding of every batch (core/calendar.hpp).
using edurules::epoch_date;
using edurules::epoch_day;
using edurules::epoch_day_number;
using edurules::no_day;
using edurules::to_epoch_day;

/// Row-level rejection codes (0 = decided). Values pinned (the C ABI's
/// EDR_PE_ROW_* equal them); never reused.
enum class batch_row_error : std::int32_t {
    none = 0,
    bad_offsets = 1,  ///< reserved: offsets decreasing or out of range now refuse the whole call (check_input_columns)
    date_out_of_range = 2,  ///< a day outside 1900-01-01..9999-12-31, or date arithmetic reaching past it
    negative_points = 3,    ///< a completion with negative points
    activation_before_diploma = 4,
    activation_without_diploma = 5,           ///< an activation day but no diploma day
    dispensation_decided_before_request = 6,  ///< a dispensation decided before it was requested
    dispensation_granted_undecided = 7,       ///< a dispensation granted without a decision day
    bad_flag = 8,                             ///< dispensation_granted neither 0 nor 1
    too_many_points = 9,  ///< a completion with more than max_points_per_completion points (the JSON path's bound)
};
/// The number of batch_row_error codes (for name tables).
inline constexpr int batch_row_error_count = 10;
inline const char* to_string(batch_row_error e) {
    switch (e) {
        case batch_row_error::none:
            return "none";
        case batch_row_error::bad_offsets:
            return "bad_offsets";
        case batch_row_error::date_out_of_range:
            return "date_out_of_range";
        case batch_row_error::negative_points:
            return "negative_points";
        case batch_row_error::activation_before_diploma:
            return "activation_before_diploma";
        case batch_row_error::activation_without_diploma:
            return "activation_without_diploma";
        case batch_row_error::dispensation_decided_before_request:
            return "dispensation_decided_before_request";
        case batch_row_error::dispensation_granted_undecided:
            return "dispensation_granted_undecided";
        case batch_row_error::bad_flag:
            return "bad_flag";
        case batch_row_error::too_many_points:
            return "too_many_points";
    }
    return "?";
}

/// The row error for contradictory facts (check_facts, registration.hpp).
inline batch_row_error row_error_of(facts_defect d) {
    switch (d) {
        case facts_defect::none:
            return batch_row_error::none;
        case facts_defect::activation_without_diploma:
            return batch_row_error::activation_without_diploma;
        case facts_defect::activation_before_diploma:
            return batch_row_error::activation_before_diploma;
        case facts_defect::dispensation_decided_before_request:
            return batch_row_error::dispensation_decided_before_request;
        case facts_defect::dispensation_granted_undecided:
            return batch_row_error::dispensation_granted_undecided;
    }
    return batch_row_error::none;
}

/// Input columns, n rows. Completions are the points that count (already
/// booked: see booking.hpp), stored for all rows back to back: those of row i
/// are at [completion_offsets[i], completion_offsets[i+1]). Renewal requests
/// and dispensations likewise (their offsets may be empty: none at all).
/// There is no limit on the number of sub-records of a row.
struct status_columns {
    std::span<const std::int32_t> diploma_day;         ///< n; no_day = no diploma
    std::span<const std::int32_t> activation_day;      ///< n or empty; no_day = not activated
    std::span<const std::int64_t> completion_offsets;  ///< n + 1
    std::span<const std::int32_t> completion_day;      ///< completion_offsets[n]
    std::span<const std::int64_t> completion_points;   ///< hundredths of a point, same length
    std::span<const std::int64_t> renewal_offsets;     ///< n + 1, or empty
    std::span<const std::int32_t> renewal_day;
    std::span<const std::int64_t> dispensation_offsets;    ///< n + 1, or empty
    std::span<const std::int32_t> dispensation_requested;  ///< the day it was requested
    std::span<const std::int32_t> dispensation_decided;    ///< same length; no_day = not decided yet
    std::span<const std::uint8_t> dispensation_granted;    ///< same length; 0 = refused (or undecided), 1 = granted
    /// An activation without a diploma is a contradiction every face refuses
    /// (activation_without_diploma). Only the first C entry point
    /// (edr_pe_status_batch, ABI promise) sets this false: it predates the
    /// check and decides such a row as no_diploma, ignoring the activation.
    bool refuse_activation_without_diploma = true;
};

/// Output columns, n rows each (caller-owned).
struct status_results {
    std::span<std::uint8_t> state;         ///< reg_state; 255 on a rejected row
    std::span<std::uint8_t> reason;        ///< not_registered_reason
    std::span<std::int32_t> period_first;  ///< no_day if no period
    std::span<std::int32_t> period_last;
    std::span<std::int64_t> earned;            ///< hundredths of a point in the period
    std::span<std::int64_t> short_by;          ///< hundredths of a point
    std::span<std::int32_t> days_left;         ///< -1 unless registered
    std::span<std::uint8_t> renewal_possible;  ///< 0/1
    std::span<std::int32_t> error;             ///< batch_row_error
    /// n or empty (not wanted): on a rejected row, the position in its
    /// sub-record column (completion, renewal or dispensation) of the record
    /// at fault, -1 if the fault is in the row's own columns or its offsets.
    std::span<std::int64_t> error_item = {};
};

namespace detail {
struct booked_columns {
    const std::int32_t* days = nullptr;
    const std::int64_t* pts_ = nullptr;
    std::size_t n = 0;
    std::size_t size() const noexcept { return n; }
    std::int64_t day(std::size_t i) const noexcept { return epoch_day_number + days[i]; }
    points pts(std::size_t i) const noexcept { return points{pts_[i]}; }
};
/// The calendar's days, 1900-01-01 .. 9999-12-31 as epoch days (-25567 ..
/// 2932896), offset to start at 0: [0, calendar_most] from calendar_from on.
inline constexpr std::uint32_t calendar_from = 25567u, calendar_most = 2932896u + 25567u;
inline bool day_ok(std::int32_t d) {
    return static_cast<std::uint32_t>(d) + calendar_from <= calendar_most;  // one unsigned compare
}

/// Whether a completion in [c0, c1) may have a day outside the calendar, or
/// points below 0 or above max_hundredths_per_completion: false only when
/// none has. One pass without a branch per completion (which one is at
/// fault is looked for only on a suspect row).
///
/// Each bound is checked on the OR of the values, offset to start at 0: no
/// value exceeds their OR, so an OR within the bound clears them all (a
/// value below the start wraps to a huge one and fails it). An OR beyond the
/// bound only makes the completions suspect: read_row then checks each one
/// (so values near the bound, whose OR may pass it, are merely checked
/// twice). One OR a value, which GCC vectorizes with SSE2; callgrind: about
/// 2.5 instructions a completion in block_clean's long loop (5 with a bound
/// check of each value, 12 with compares in a loop per row).
inline bool completions_suspect(const status_columns& in, std::int64_t c0, std::int64_t c1) {
    const std::int32_t* day = in.completion_day.data();
    const std::int64_t* pts = in.completion_points.data();
    constexpr auto most = static_cast<std::uint64_t>(max_hundredths_per_completion);
    std::uint32_t day_bits = 0;
    std::uint64_t pts_bits = 0;
    for (std::int64_t k = c0; k < c1; ++k) {
        day_bits |= static_cast<std::uint32_t>(day[k]) + calendar_from;
        pts_bits |= static_cast<std::uint64_t>(pts[k]);
    }
    return day_bits > calendar_most || pts_bits > most;
}

/// Whether a day in [k0, k1) of `day` may lie outside the calendar: false
/// only when none does (the OR of the days, as completions_suspect).
inline bool days_suspect(const std::int32_t* day, std::int64_t k0, std::int64_t k1) {
    std::uint32_t bits = 0;
    for (std::int64_t k = k0; k < k1; ++k) bits |= static_cast<std::uint32_t>(day[k]) + calendar_from;
    return bits > calendar_most;
}

/// The rows whose completions each_status checks in one pass
/// (block_clean) before it reads them row by row.
inline constexpr std::size_t check_block_rows = 256;
/// Asks for the completions of row i (those the next block's block_clean
/// reads): its first completion's day and the two 64-byte lines of points
/// from its first completion on. Rows follow each other in the columns (40
/// bytes of days and 80 of points apart at 10 completions), so asking for
/// each row's start brings in every line of a block. Measured: without it,
/// block_clean stalled on memory for a fifth of the batch's time (the
/// hardware prefetcher stops at every 4 KiB page of these short streams).
inline void prefetch_row(const status_columns& in, std::size_t i) {
    const auto c = static_cast<std::uintptr_t>(in.completion_offsets[i]);
    // addresses, not pointers: they may lie past a column's end (a prefetch never faults)
    const auto day = reinterpret_cast<std::uintptr_t>(in.completion_day.data()) + 4 * c;
    const auto pts = reinterpret_cast<std::uintptr_t>(in.completion_points.data()) + 8 * c;
    __builtin_prefetch(reinterpret_cast<const void*>(day));
    __builtin_prefetch(reinterpret_cast<const void*>(pts));
    __builtin_prefetch(reinterpret_cast<const void*>(pts + 64));
}

/// The sub-records of a block of rows known good: completions in
/// [completions_from, completions_to), renewal requests in [renewals_from,
/// renewals_to) (block_clean).
struct clean_ranges {
    std::int64_t completions_from = 0, completions_to = 0;
    std::int64_t renewals_from = 0, renewals_to = 0;
};

/// The completions and the renewal requests of rows [b, e), each as a whole
/// range when none of them is suspect (completions_suspect, days_suspect),
/// else as an empty one. read_row checks a row's sub-records only when they
/// are not within it: one long loop over a block (which GCC vectorizes
/// without a tail per row, and which brings the block's completions into
/// the cache for the rows) in place of one short loop per row (measured:
/// the check of the completions took about a fifth of the batch's time per
/// row, its first reads stalling on memory, and about 100 instructions of
/// the row's 640; the loop over a row's renewal requests, none or one at
/// random, branched on their number: perf put about 2% of the time there).
inline clean_ranges block_clean(const status_columns& in, std::size_t b, std::size_t e) {
    clean_ranges c;
    const std::int64_t c0 = in.completion_offsets[b], c1 = in.completion_offsets[e];
    if (c0 >= 0 && c1 >= c0 && static_cast<std::size_t>(c1) <= in.completion_day.size() &&
        in.completion_points.size() == in.completion_day.size() && !completions_suspect(in, c0, c1)) {
        c.completions_from = c0;
        c.completions_to = c1;
    }
    if (in.renewal_offsets.empty()) return c;
    const std::int64_t r0 = in.renewal_offsets[b], r1 = in.renewal_offsets[e];
    if (r0 >= 0 && r1 >= r0 && static_cast<std::size_t>(r1) <= in.renewal_day.size() &&
        !days_suspect(in.renewal_day.data(), r0, r1)) {
        c.renewals_from = r0;
        c.renewals_to = r1;
    }
    return c;
}

/// One row's registration facts read straight from the columns: the
/// registration_facts shape (registration.hpp) without copying anything.
struct column_facts {
    std::optional<date> diploma;
    std::optional<date> activation;
    const std::int32_t* renewals = nullptr;
    std::size_t renewals_n = 0;
    const std::int32_t* requested = nullptr;
    const std::int32_t* decided = nullptr;
    const std::uint8_t* granted = nullptr;
    std::size_t dispensations_n = 0;

    std::size_t renewal_count() const noexcept { return renewals_n; }
    date renewal_at(std::size_t i) const { return epoch_day(renewals[i]); }
    std::size_t dispensation_count() const noexcept { return dispensations_n; }
    dispensation dispensation_at(std::size_t i) const {
        dispensation x;
        x.requested = epoch_day(requested[i]);
        if (decided[i] != no_day) x.decided = epoch_day(decided[i]);
        x.granted = granted[i] != 0;
        return x;
    }
};

/// [first, last) of row i in a sub-record column of `size` values; false
/// when the offsets are decreasing or out of range. Empty offsets: none.
inline bool row_range(std::span<const std::int64_t> off, std::size_t i, std::size_t size, std::int64_t& first,
                      std::int64_t& last) {
    first = last = 0;
    if (off.empty()) return true;
    first = off[i];
    last = off[i + 1];
    return first >= 0 && last >= first && static_cast<std::size_t>(last) <= size;
}

/// Day of a row column: optional (no_day = none) and within the calendar.
inline bool optional_day(std::int32_t d, std::optional<date>& out) {
    if (d == no_day) return true;
    if (!day_ok(d)) return false;
    out = epoch_day(d);
    return true;
}

/// Reads and checks row i: its facts, its booked points, or the rejection
/// (with the sub-record at fault in `item`).
inline batch_row_error read_row(const status_columns& in, std::size_t i, column_facts& f, booked_columns& booked,
                                std::int64_t& item, const clean_ranges& clean = {}) {
    using E = batch_row_error;
    item = -1;
    std::int64_t c0, c1, r0, r1, d0, d1;
    if (!row_range(in.completion_offsets, i, in.completion_day.size(), c0, c1) ||
        !row_range(in.renewal_offsets, i, in.renewal_day.size(), r0, r1) ||
        !row_range(in.dispensation_offsets, i, in.dispensation_requested.size(), d0, d1))
        return E::bad_offsets;
    if (!optional_day(in.diploma_day[i], f.diploma)) return E::date_out_of_range;
    if (!in.activation_day.empty() && !optional_day(in.activation_day[i], f.activation)) return E::date_out_of_range;
    // sub-records within the clean ranges are known good (block_clean)
    if ((c0 < clean.completions_from || c1 > clean.completions_to) && completions_suspect(in, c0, c1))
        for (std::int64_t k = c0; k < c1; ++k) {
            item = k;
            if (!day_ok(in.completion_day[k])) return E::date_out_of_range;
            if (in.completion_points[k] < 0) return E::negative_points;
            if (in.completion_points[k] > max_hundredths_per_completion) return E::too_many_points;
        }
    if (r0 < clean.renewals_from || r1 > clean.renewals_to)
        for (std::int64_t k = r0; k < r1; ++k) {
            item = k;
            if (!day_ok(in.renewal_day[k])) return E::date_out_of_range;
        }
    for (std::int64_t k = d0; k < d1; ++k) {
        item = k;
        const std::int32_t dec = in.dispensation_decided[k];
        if (!day_ok(in.dispensation_requested[k]) || (dec != no_day && !day_ok(dec))) return E::date_out_of_range;
        if (in.dispensation_granted[k] > 1) return E::bad_flag;
    }
    item = -1;
    f.renewals = in.renewal_day.data() + r0;
    f.renewals_n = static_cast<std::size_t>(r1 - r0);
    if (d1 > d0) {
        f.requested = in.dispensation_requested.data() + d0;
        f.decided = in.dispensation_decided.data() + d0;
        f.granted = in.dispensation_granted.data() + d0;
        f.dispensations_n = static_cast<std::size_t>(d1 - d0);
    }
    booked = booked_columns{in.completion_day.data() + c0, in.completion_points.data() + c0,
                            static_cast<std::size_t>(c1 - c0)};
    if (!in.refuse_activation_without_diploma && !f.diploma) f.activation.reset();
    std::size_t which = 0;
    const facts_defect defect = check_facts(f, &which);
    if (defect == facts_defect::dispensation_decided_before_request ||
        defect == facts_defect::dispensation_granted_undecided)
        item = d0 + static_cast<std::int64_t>(which);
    return row_error_of(defect);
}

inline void reject_row(const status_results& out, std::size_t i, batch_row_error e, std::int64_t item) {
    out.state[i] = 255;
    out.reason[i] = 0;
    out.period_first[i] = out.period_last[i] = no_day;
    out.earned[i] = out.short_by[i] = 0;
    out.days_left[i] = -1;
    out.renewal_possible[i] = 0;
    out.error[i] = static_cast<std::int32_t>(e);
    if (!out.error_item.empty()) out.error_item[i] = item;
}

/// Writes a decided row.
inline void write_row(const status_results& out, std::size_t i, const status_core& s) {
    out.state[i] = static_cast<std::uint8_t>(s.reg.state);
    out.reason[i] = static_cast<std::uint8_t>(s.reg.reason);
    out.period_first[i] = s.reg.current ? to_epoch_day(s.reg.current->first) : no_day;
    out.period_last[i] = s.reg.current ? to_epoch_day(s.reg.current->last) : no_day;
    out.earned[i] = s.reg.earned.hundredths;
    out.short_by[i] = s.short_by.hundredths;
    out.days_left[i] = s.days_left ? static_cast<std::int32_t>(*s.days_left) : -1;
    out.renewal_possible[i] = s.renewal_possible ? 1 : 0;
    out.error[i] = 0;
    if (!out.error_item.empty()) out.error_item[i] = -1;
}

/// Decides row i with status_core_into, the single path's own first step
/// (status_at runs it, then adds the title, reminders and explanation a row
/// does not carry), and hands the result to `put(i, s, batch_row_error::none,
/// -1)`; a row whose dates reach past the calendar is date_out_of_range and
/// not handed. `why` records nothing (a batch row carries no explanation nor
/// uses_provisional). `put` must not throw.
template <class Put>
inline batch_row_error decide_row(const rules& r, date at, const column_facts& f, const booked_columns& booked,
                                  std::size_t i, explanation& why, Put& put) {
    try {
        // a diploma or activation so late that a period from it passes the calendar's end is refused
        // whatever the evaluation date, as the JSON path's ledger refuses it (pe::rules::start_fits_calendar)
        const auto too_late = [&r](const std::optional<date>& d) {
            return d && static_cast<std::int64_t>(d->day_number()) >= r.late_start_day() && !r.start_fits_calendar(*d);
        };
        if (too_late(f.diploma) || too_late(f.activation)) return batch_row_error::date_out_of_range;
        status_core s;
        status_core_into(r, f, booked, at, why, s);
        put(i, s, batch_row_error::none, std::int64_t{-1});
    } catch (const error& e) {
        if (e.code() != errc::invalid_input) throw;  // a rulebook problem fails the call, as it should
        return batch_row_error::date_out_of_range;   // the row's dates reach past 9999-12-31
    } catch (const std::out_of_range&) {
        return batch_row_error::date_out_of_range;
    }
    return batch_row_error::none;
}
}  // namespace detail

/// Checks that the input columns have consistent lengths and offsets (each
/// sub-record in exactly one row: check_offsets); throws
/// errc::invalid_argument naming the column. Returns the number of rows.
inline std::size_t check_input_columns(const status_columns& in) {
    const std::size_t n = in.diploma_day.size();
    auto need = [&](bool ok, const char* col, const char* what) {  // no std::string unless it fails
        if (!ok) throw error(errc::invalid_argument, col, what);
    };
    need(in.activation_day.empty() || in.activation_day.size() == n, "activation_day",
         "length must be 0 or the number of rows");
    need(in.completion_offsets.size() == n + 1, "completion_offsets", "length must be rows + 1");
    need(in.completion_points.size() == in.completion_day.size(), "completion_points",
         "length must equal completion_day");
    need(in.renewal_offsets.empty() || in.renewal_offsets.size() == n + 1, "renewal_offsets",
         "length must be 0 or rows + 1");
    need(in.dispensation_offsets.empty() || in.dispensation_offsets.size() == n + 1, "dispensation_offsets",
         "length must be 0 or rows + 1");
    need(in.dispensation_decided.size() == in.dispensation_requested.size(), "dispensation_decided",
         "length must equal dispensation_requested");
    need(in.dispensation_granted.size() == in.dispensation_requested.size(), "dispensation_granted",
         "length must equal dispensation_requested");
    // Every sub-record belongs to exactly one row (core/offsets.hpp): offsets
    // from 0, never decreasing, to the column's end; none left to no row.
    check_offsets(in.completion_offsets, n, in.completion_day.size(), "completion_offsets", true);
    check_offsets(in.renewal_offsets, n, in.renewal_day.size(), "renewal_offsets", false);
    check_offsets(in.dispensation_offsets, n, in.dispensation_requested.size(), "dispensation_offsets", false);
    need(!in.renewal_offsets.empty() || in.renewal_day.empty(), "renewal_offsets",
         "is empty, but renewal_day has values that belong to no row");
    need(!in.dispensation_offsets.empty() || in.dispensation_requested.empty(), "dispensation_offsets",
         "is empty, but dispensation_requested has values that belong to no row");
    return n;
}

/// Checks the input columns (check_input_columns) and that the output
/// columns have their lengths; throws errc::invalid_argument naming the column.
inline std::size_t check_columns(const status_columns& in, const status_results& out) {
    const std::size_t n = check_input_columns(in);
    auto need = [&](bool ok, const char* col, const char* what) {
        if (!ok) throw error(errc::invalid_argument, col, what);
    };
    for (auto [sz, col] : {std::pair{out.state.size(), "state"},
                           {out.reason.size(), "reason"},
                           {out.period_first.size(), "period_first"},
                           {out.period_last.size(), "period_last"},
                           {out.earned.size(), "earned"},
                           {out.short_by.size(), "short_by"},
                           {out.days_left.size(), "days_left"},
                           {out.renewal_possible.size(), "renewal_possible"},
                           {out.error.size(), "error"}})
        need(sz == n, col, "output length must equal the number of rows");
    need(out.error_item.empty() || out.error_item.size() == n, "error_item",
         "output length must be 0 or the number of rows");
    return n;
}

/// Decides rows [begin, end) of the input columns (checked by the caller
/// with check_input_columns) and hands each to `put(i, s, e, item)`, which
/// must not throw: `s` the row's status (a status_core: no title, reminders
/// nor explanation) when `e` is batch_row_error::none, else the rejection
/// with the sub-record at fault in `item` (-1: the row's own columns) and an
/// empty status. Each row's facts are read from the columns
/// (detail::column_facts) and decided by status_core_into, the single path's
/// function (status_at's first step); nothing is copied or allocated per
/// row. The adapters' own output layouts are `put`s; status_batch is one.
/// Returns the number of rejected rows in that range. Thread-safe: distinct
/// ranges of the same columns may be decided concurrently. Flattened: every
/// call inside is inlined into the loop, as status_batch's own loop was
/// before it became a `put` (measured: without it GCC kept the status rules
/// out of line and the batch ran 5-25% slower).
template <class Put>
[[gnu::flatten]] inline std::size_t each_status(const rules& r, date at, const status_columns& in, std::size_t begin,
                                                std::size_t end, Put&& put) {
    static const status_core no_status = status_core();  // what a rejected row is handed
    explanation why(recording::nothing);                 // records nothing: one for every row
    std::size_t rejected = 0;
    for (std::size_t b = begin; b < end; b += detail::check_block_rows) {
        const std::size_t e_block = end - b < detail::check_block_rows ? end : b + detail::check_block_rows;
        const detail::clean_ranges clean = detail::block_clean(in, b, e_block);
        for (std::size_t i = b; i < e_block; ++i) {
            if (end - i > detail::check_block_rows) detail::prefetch_row(in, i + detail::check_block_rows);
            detail::column_facts f;
            detail::booked_columns booked;
            std::int64_t item = -1;
            batch_row_error e = detail::read_row(in, i, f, booked, item, clean);
            if (e == batch_row_error::none) e = detail::decide_row(r, at, f, booked, i, why, put);
            if (e != batch_row_error::none) {
                ++rejected;
                put(i, no_status, e, item);
            }
        }
    }
    return rejected;
}

/// Evaluates PE status on `at` for rows [begin, end) (all rows by default)
/// into the output columns (each_status, written by detail::write_row and
/// detail::reject_row). Returns the number of rejected rows in that range.
/// Thread-safe: distinct ranges of the same columns may be evaluated
/// concurrently.
inline std::size_t status_batch(const rules& r, date at, const status_columns& in, const status_results& out,
                                std::size_t begin = 0, std::size_t end = SIZE_MAX) {
    const std::size_t n = check_columns(in, out);
    if (end > n) end = n;
    // `out` by value: its column pointers are then the loop's own, not read
    // again after every byte written (a uint8_t store may alias anything)
    return each_status(r, at, in, begin, end,
                       [out](std::size_t i, const status_core& s, batch_row_error e, std::int64_t item) {
                           if (e == batch_row_error::none)
                               detail::write_row(out, i, s);
                           else
                               detail::reject_row(out, i, e, item);
                       });
}

}  // namespace edurules::pe
