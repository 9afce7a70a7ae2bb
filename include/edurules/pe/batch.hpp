// PE status over columns: the same registration and status rules as the
// single path (status.hpp), run over plain arrays for whole populations.
// No heap allocation per row; explanations off; exactly one result or one
// rejection per input row, in input order.
#pragma once

#include <climits>
#include <cstdint>
#include <span>

#include "edurules/pe/status.hpp"

namespace edurules::pe {

/// Column dates: the one day encoding of every batch (core/calendar.hpp).
using edurules::epoch_date;
using edurules::epoch_day;
using edurules::epoch_day_number;
using edurules::no_day;
using edurules::to_epoch_day;

/// Row-level rejection codes (0 = decided).
enum class batch_row_error : std::int32_t {
    none = 0,
    bad_offsets = 1,        ///< completion/renewal offsets not non-decreasing or out of range
    date_out_of_range = 2,  ///< a day outside 1900-01-01..9999-12-31
    negative_points = 3,    ///< a completion with negative points
    activation_before_diploma = 4,
};
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
    }
    return "?";
}

/// Input columns, n rows. Completions are the points that count (already
/// booked: see booking.hpp), stored for all rows back to back: those of row i
/// are at [completion_offsets[i], completion_offsets[i+1]). Renewal requests
/// likewise (renewal_offsets may be empty: no requests at all).
struct status_columns {
    std::span<const std::int32_t> diploma_day;         ///< n; no_day = no diploma
    std::span<const std::int32_t> activation_day;      ///< n or empty; no_day = not activated
    std::span<const std::int64_t> completion_offsets;  ///< n + 1
    std::span<const std::int32_t> completion_day;      ///< completion_offsets[n]
    std::span<const std::int64_t> completion_points;   ///< hundredths of a point, same length
    std::span<const std::int64_t> renewal_offsets;     ///< n + 1, or empty
    std::span<const std::int32_t> renewal_day;
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
};

namespace detail {
struct booked_columns {
    const std::int32_t* days;
    const std::int64_t* pts_;
    std::size_t n;
    std::size_t size() const noexcept { return n; }
    std::int64_t day(std::size_t i) const noexcept { return epoch_day_number + days[i]; }
    points pts(std::size_t i) const noexcept { return points{pts_[i]}; }
};
inline bool day_ok(std::int32_t d) {
    // 1900-01-01 .. 9999-12-31 as epoch days
    return d >= -25567 && d <= 2932896;
}
}  // namespace detail

/// Checks that the columns have consistent lengths; throws errc::invalid_argument naming the column.
inline std::size_t check_columns(const status_columns& in, const status_results& out) {
    const std::size_t n = in.diploma_day.size();
    auto need = [&](bool ok, const char* col, const std::string& what) {
        if (!ok) throw error(errc::invalid_argument, col, what);
    };
    need(in.activation_day.empty() || in.activation_day.size() == n, "activation_day",
         "length must be 0 or the number of rows");
    need(in.completion_offsets.size() == n + 1, "completion_offsets", "length must be rows + 1");
    need(in.completion_points.size() == in.completion_day.size(), "completion_points",
         "length must equal completion_day");
    need(in.renewal_offsets.empty() || in.renewal_offsets.size() == n + 1, "renewal_offsets",
         "length must be 0 or rows + 1");
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
    return n;
}

/// Evaluates PE status on `at` for rows [begin, end) (all rows by default).
/// Returns the number of rejected rows in that range. Thread-safe: distinct
/// ranges of the same columns may be evaluated concurrently.
inline std::size_t status_batch(const rules& r, date at, const status_columns& in, const status_results& out,
                                std::size_t begin = 0, std::size_t end = SIZE_MAX) {
    const std::size_t n = check_columns(in, out);
    if (end > n) end = n;
    std::size_t rejected = 0;
    // Scratch for renewal dates: bounded, reused, no allocation per row.
    constexpr std::size_t max_renewals = 64;
    date renewals[max_renewals];
    for (std::size_t i = begin; i < end; ++i) {
        auto reject = [&](batch_row_error e) {
            out.state[i] = 255;
            out.reason[i] = 0;
            out.period_first[i] = out.period_last[i] = no_day;
            out.earned[i] = out.short_by[i] = 0;
            out.days_left[i] = -1;
            out.renewal_possible[i] = 0;
            out.error[i] = static_cast<std::int32_t>(e);
            ++rejected;
        };
        const std::int64_t c0 = in.completion_offsets[i], c1 = in.completion_offsets[i + 1];
        if (c0 < 0 || c1 < c0 || static_cast<std::size_t>(c1) > in.completion_day.size()) {
            reject(batch_row_error::bad_offsets);
            continue;
        }
        registration_facts f;
        const std::int32_t dd = in.diploma_day[i];
        if (dd != no_day) {
            if (!detail::day_ok(dd)) {
                reject(batch_row_error::date_out_of_range);
                continue;
            }
            f.diploma = epoch_day(dd);
        }
        if (!in.activation_day.empty() && in.activation_day[i] != no_day) {
            if (!detail::day_ok(in.activation_day[i])) {
                reject(batch_row_error::date_out_of_range);
                continue;
            }
            if (dd != no_day && in.activation_day[i] < dd) {
                reject(batch_row_error::activation_before_diploma);
                continue;
            }
            f.activation = epoch_day(in.activation_day[i]);
        }
        bool bad = false;
        for (std::int64_t k = c0; k < c1 && !bad; ++k) {
            if (!detail::day_ok(in.completion_day[k])) {
                reject(batch_row_error::date_out_of_range);
                bad = true;
            } else if (in.completion_points[k] < 0) {
                reject(batch_row_error::negative_points);
                bad = true;
            }
        }
        if (bad) continue;
        if (!in.renewal_offsets.empty()) {
            const std::int64_t r0 = in.renewal_offsets[i], r1 = in.renewal_offsets[i + 1];
            if (r0 < 0 || r1 < r0 || static_cast<std::size_t>(r1) > in.renewal_day.size() ||
                static_cast<std::size_t>(r1 - r0) > max_renewals) {
                reject(batch_row_error::bad_offsets);
                continue;
            }
            std::size_t m = 0;
            for (std::int64_t k = r0; k < r1 && !bad; ++k) {
                if (!detail::day_ok(in.renewal_day[k])) {
                    reject(batch_row_error::date_out_of_range);
                    bad = true;
                } else
                    renewals[m++] = epoch_day(in.renewal_day[k]);
            }
            if (bad) continue;
            f.renewal_requests = std::span<const date>(renewals, m);
        }
        const detail::booked_columns booked{in.completion_day.data() + c0, in.completion_points.data() + c0,
                                            static_cast<std::size_t>(c1 - c0)};
        status s;
        try {
            s = status_at(r, f, std::nullopt, booked, at, /*explain=*/false, /*with_reminders=*/false);
        } catch (const error& e) {
            if (e.code() != errc::invalid_input) throw;  // a rulebook problem fails the call, as it should
            reject(batch_row_error::date_out_of_range);  // the row's dates reach past 9999-12-31
            continue;
        } catch (const std::out_of_range&) {
            reject(batch_row_error::date_out_of_range);
            continue;
        }
        out.state[i] = static_cast<std::uint8_t>(s.reg.state);
        out.reason[i] = static_cast<std::uint8_t>(s.reg.reason);
        out.period_first[i] = s.reg.current ? to_epoch_day(s.reg.current->first) : no_day;
        out.period_last[i] = s.reg.current ? to_epoch_day(s.reg.current->last) : no_day;
        out.earned[i] = s.reg.earned.hundredths;
        out.short_by[i] = s.short_by.hundredths;
        out.days_left[i] = s.days_left ? static_cast<std::int32_t>(*s.days_left) : -1;
        out.renewal_possible[i] = s.renewal_possible ? 1 : 0;
        out.error[i] = 0;
    }
    return rejected;
}

}  // namespace edurules::pe
