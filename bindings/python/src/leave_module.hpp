// The leave part of the private `_edurules` module (leave_module.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include "edurules/engine.hpp"

namespace edurules::python {

/// Adds leave_facts_frames and the leave code tables to the module.
void add_leave(pybind11::module_& m);

}  // namespace edurules::python
