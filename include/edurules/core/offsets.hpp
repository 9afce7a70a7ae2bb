// Offsets of sub-records stored back to back (CSR): those of owner i are
// [off[i], off[i + 1]). One check for every batch that takes such columns
// (the PE status batch, the leave facts batch), so each face refuses the
// same layouts with the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "edurules/core/error.hpp"

namespace edurules {

/// Refuses offsets that would leave an item to no owner, or to two: `off`
/// must have `owners` + 1 values, start at 0, never decrease and end at
/// `items`. Empty offsets are allowed when not `required` (no items at all:
/// the caller checks that). Throws errc::invalid_argument naming `name` (at
/// the owner where it decreases).
inline void check_offsets(std::span<const std::int64_t> off, std::size_t owners, std::size_t items, const char* name,
                          bool required) {
    if (off.empty() && !required) return;
    if (off.size() != owners + 1)
        throw error(errc::invalid_argument, name,
                    "has " + std::to_string(off.size()) + " values, expected " + std::to_string(owners + 1));
    if (off[0] != 0) throw error(errc::invalid_argument, name, "must start at 0");
    for (std::size_t i = 0; i < owners; ++i)
        if (off[i + 1] < off[i])
            throw error(errc::invalid_argument, name, "must not decrease (at " + std::to_string(i) + ")",
                        static_cast<std::int64_t>(i));
    if (static_cast<std::uint64_t>(off[owners]) != items)
        throw error(
            errc::invalid_argument, name,
            "ends at " + std::to_string(off[owners]) + ", but the items have " + std::to_string(items) + " values");
}

}  // namespace edurules
