// Column kernels of the Python frames (frame_kernels.cpp): the per-row work of
// turning DataFrame columns into engine columns (matching keys between
// frames, grouping child rows by owner, dates to epoch days), done in C++
// over numpy buffers. They decide nothing: bad cells come back as masks and
// codes, and the package words them.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>

namespace edurules::python {

/// An epoch day as a datetime64[ns] value; INT64_MIN (NaT) past pandas'
/// nanosecond range (after 2262-04-11 or before 1677-09-21), which the
/// engine's calendar (to 9999-12-31) exceeds.
inline std::int64_t datetime64_ns_of_day(std::int64_t day) {
    constexpr std::int64_t ns_per_day = 86'400'000'000'000;
    constexpr std::int64_t last = INT64_MAX / ns_per_day;
    return day > last || day < -last ? INT64_MIN : day * ns_per_day;
}

/// Adds KeyTable, group_rows, epoch_days and the other column kernels to the module.
void add_kernels(pybind11::module_& m);

}  // namespace edurules::python
