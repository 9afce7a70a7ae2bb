// Human-readable labels for the leave codes that outputs show beside the code
// (the CSV contract of issue 15: a code column and a label column). Labels
// are text for people; programs read the code.
#pragma once

#include <string_view>

#include "edurules/leave/model.hpp"

namespace edurules::leave {

/// The label of a leave regime (docs/rules.md 2.1), in English like the other
/// CSV labels of the command line.
inline constexpr std::string_view label(regime r) {
    switch (r) {
        case regime::none:
            return "no leave regime";
        case regime::flanders_bev:
            return "Flemish paid educational leave (BEV)";
        case regime::vov:
            return "Flemish training leave (VOV)";
        case regime::brussels_bev:
            return "Brussels paid educational leave (BEV)";
        case regime::brussels_reformed:
            return "Brussels paid educational leave, reformed 2023-2024";
        case regime::wallonia_bev:
            return "Walloon paid educational leave (CEP)";
    }
    return "unknown regime";
}

}  // namespace edurules::leave
