// Placeholder: the Belgian leave domain's resolved parameters (issue 3).
#pragma once

#include "edurules/core/rulebook.hpp"

namespace edurules::leave {
struct rules {
    explicit rules(const rulebook&) {}
};
}  // namespace edurules::leave
