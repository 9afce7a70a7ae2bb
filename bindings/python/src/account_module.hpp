// Python face of the account domain (account_module.cpp).
#pragma once

#include <pybind11/pybind11.h>

#include "edurules/engine.hpp"

namespace edurules::python {

void add_account(pybind11::module_& m);

}  // namespace edurules::python
