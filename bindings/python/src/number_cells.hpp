// The one rule by which a binary float cell of a Python frame stands for a
// decimal value (points in hundredths, FTE in ten-thousandths, hours in
// minutes, euros in cents): text cells are read exactly (decimal::parse, as
// the JSON path reads numbers); a float has no decimals of its own, so it is
// taken for the decimal it is nearest to only when it is that decimal's
// double give or take a few ulps (the rounding of a sum such as 0.1 + 0.2).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace edurules::python {

/// Whether `x` stands for `units` / `scale`, `units` (out) being the whole
/// number nearest x * scale: x must lie within four ulps of the double
/// nearest units / scale (0.1 + 0.2 is 0.30 in hundredths; 79.99999999995 is
/// not 80.0000 in ten-thousandths, nor 1.2500009 1.25), the ulp being the
/// candidate's, so a nonzero x is never taken for 0 (1e-300 is not 0.00).
/// |x * scale| must be below 2^51 for `units` to be right (callers check
/// their bound too; NaN and infinities give false). No branch: it runs in
/// the columns' loops.
inline bool near_units(double x, double scale, double& units) {
    constexpr double round_shift = 6755399441055744.0;  // 1.5 * 2^52: adding and taking it away rounds to a whole
    units = (x * scale + round_shift) - round_shift;    // number (ties to even) as nearbyint does, no libm call
    const double candidate = units / scale;             // correctly rounded: the double nearest the decimal
    const double c = std::fabs(candidate);
    const double ulp = std::bit_cast<double>(std::bit_cast<std::uint64_t>(c) + 1) - c;
    return (std::fabs(x - candidate) <= 4 * ulp) & ((units != 0) | (x == 0));
}

}  // namespace edurules::python
