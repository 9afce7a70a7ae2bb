// Column kernels of the Python frames (frame_kernels.cpp): the per-row work of
// turning DataFrame columns into engine columns (matching keys between
// frames, grouping child rows by owner, dates to epoch days), done in C++
// over numpy buffers. They decide nothing: bad cells come back as masks and
// codes, and the package words them.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <type_traits>

#include "edurules/core/error.hpp"
#include "number_cells.hpp"

namespace edurules::python {

/// An epoch day as a datetime64[ns] value; INT64_MIN (NaT) past pandas'
/// nanosecond range (after 2262-04-11 or before 1677-09-21), which the
/// engine's calendar (to 9999-12-31) exceeds.
inline std::int64_t datetime64_ns_of_day(std::int64_t day) {
    constexpr std::int64_t ns_per_day = 86'400'000'000'000;
    constexpr std::int64_t last = INT64_MAX / ns_per_day;
    return day > last || day < -last ? INT64_MIN : day * ns_per_day;
}

/// The day of a datetime64 value counted in `per` units a day, rounded
/// down as numpy casts it.
template <std::int64_t Per>
inline std::int64_t floor_day(std::int64_t x) {
    const std::int64_t q = x / Per;
    return x % Per < 0 ? q - 1 : q;
}
/// Whether `per` is the count a day of a datetime64 unit from days to ns.
constexpr bool known_units_per_day(std::int64_t per) {
    return per == 1 || per == 86'400 || per == 86'400'000 || per == 86'400'000'000 || per == 86'400'000'000'000;
}
/// Calls `f` with a known_units_per_day count as a compile-time constant
/// (a division by a constant is a multiplication).
template <class F>
decltype(auto) with_units_per_day(std::int64_t per, F&& f) {
    switch (per) {
        case 86'400'000'000'000:
            return f(std::integral_constant<std::int64_t, 86'400'000'000'000>{});
        case 86'400'000'000:
            return f(std::integral_constant<std::int64_t, 86'400'000'000>{});
        case 86'400'000:
            return f(std::integral_constant<std::int64_t, 86'400'000>{});
        case 86'400:
            return f(std::integral_constant<std::int64_t, 86'400>{});
        default:
            return f(std::integral_constant<std::int64_t, 1>{});
    }
}

/// Completion cells as the PE batch reads them: `n` datetime64 values in
/// `per_day` units a day (known_units_per_day) to epoch days in `day`, and
/// float64 points to hundredths in `hundredths` (hundredths_ok, at most
/// `most` points). False when a day falls outside [first, last] (NaT far
/// below) or a points value is refused: the caller then takes the general
/// path, which words what is wrong. One pass, no branch per row.
inline bool completion_cells(const std::int64_t* when, const double* points, std::size_t n, std::int64_t per_day,
                             std::int32_t first, std::int32_t last, double most, std::int32_t* day,
                             std::int64_t* hundredths) {
    bool good = true;
    with_units_per_day(per_day, [&](auto per) {
        for (std::size_t i = 0; i < n; ++i) {
            if (i % 8 == 0) {  // a line of each 2 KiB ahead: the hardware prefetcher stops at every 4 KiB page
                // (addresses, not pointers: they may lie past the end, and a prefetch never faults)
                __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(when + i) + 2048));
                __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(points + i) + 2048));
            }
            const std::int64_t d = floor_day<decltype(per)::value>(when[i]);
            good &= (d >= first) & (d <= last);
            day[i] = static_cast<std::int32_t>(d);
            good &= hundredths_fast(points[i], most, hundredths[i]);
        }
    });
    return good;
}

/// How many units of a datetime64 column make a day (ns .. D); refuses any
/// other unit naming `col`.
inline std::int64_t units_per_day(const pybind11::array& a, const char* col) {
    const std::string s = pybind11::str(a.dtype()).cast<std::string>();  // e.g. datetime64[ns]
    if (s.find("[ns]") != std::string::npos) return 86'400'000'000'000;
    if (s.find("[us]") != std::string::npos) return 86'400'000'000;
    if (s.find("[ms]") != std::string::npos) return 86'400'000;
    if (s.find("[s]") != std::string::npos) return 86'400;
    if (s.find("[D]") != std::string::npos) return 1;
    throw error(errc::invalid_argument, col, "expected datetime64 in days, seconds, ms, us or ns, got " + s);
}

/// Adds KeyTable, group_rows, epoch_days and the other column kernels to the module.
void add_kernels(pybind11::module_& m);

}  // namespace edurules::python
