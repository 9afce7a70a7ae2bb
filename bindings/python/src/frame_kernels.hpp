// Column kernels of the Python frames (frame_kernels.cpp): the per-row work of
// turning DataFrame columns into engine columns (matching keys between
// frames, grouping child rows by owner, dates to epoch days), done in C++
// over numpy buffers. They decide nothing: bad cells come back as masks and
// codes, and the package words them.
#pragma once

#include <pybind11/pybind11.h>

namespace edurules::python {

/// Adds KeyTable, group_rows and epoch_days to the module.
void add_kernels(pybind11::module_& m);

}  // namespace edurules::python
