// The one rule by which a binary float cell of a Python frame stands for a
// decimal value (points in hundredths, FTE in ten-thousandths, hours in
// minutes, euros in cents): text cells are read exactly (decimal::parse, as
// the JSON path reads numbers); a float has no decimals of its own, so it is
// taken for the decimal it is nearest to only when it is that decimal's
// double give or take a few ulps (the rounding of a sum such as 0.1 + 0.2).
// A float32 cell is judged at float32 precision: it stands for the shortest
// decimal that reads back as it (float32_text), read exactly as text.
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

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

/// The decimal a float32 cell stands for, as text: the shortest decimal that
/// reads back as that float32 (std::to_chars, fixed notation: "1.1" for
/// np.float32(1.1), "24.1" for np.float32(24.1), "0.0001" for
/// np.float32(1e-4)). Widened to double, a float32 shows digits no one wrote
/// (1.100000023841858); the frames read this text instead, exactly, as the
/// JSON path reads a decimal text (decimal::parse), so a float32 that is no
/// decimal of the column's place (np.float32(2.355) as points) is refused,
/// never rounded. The text lives in `buf` (64 characters hold every finite
/// float32: 40 digits before the point, 45 after); NaN and the infinities
/// are the caller's to refuse first.
inline std::string_view float32_text(float x, std::array<char, 64>& buf) {
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed);
    return {buf.data(), r.ec == std::errc() ? static_cast<std::size_t>(r.ptr - buf.data()) : 0};
}

/// Points as whole hundredths in `out` (0 unless ok): taken when `x` is
/// within `most` and stands for a two-decimal value by near_units;
/// below zero is negative however small (-0.0 is zero). No branch per row in
/// a column's loop.
inline bool hundredths_ok(double x, double most, std::int64_t& out) {
    double r = 0;
    const bool ok = near_units(x, 100.0, r) & (x >= 0) & (x <= most);  // NaN fails the compares, infinity the bound
    out = static_cast<std::int64_t>(ok ? r : 0.0);
    return ok;
}

/// hundredths_ok, most cells without its division: a cell that is exactly
/// units x 0.01 (as doubles) is within two ulps of units / 100 (two
/// roundings of at most half an ulp each, and 0.01's own error), so
/// near_units takes it; only other cells (about one in seven of uniform
/// hundredths, none of whole or half points, and every
/// refused one) go through near_units' correctly rounded division. The same
/// answer as hundredths_ok for every x (NaN and the infinities included).
inline bool hundredths_fast(double x, double most, std::int64_t& out) {
    constexpr double round_shift = 6755399441055744.0;  // as near_units
    const double units = (x * 100.0 + round_shift) - round_shift;
    if (units * 0.01 == x) [[likely]] {
        const bool ok = (x >= 0) & (x <= most);
        out = static_cast<std::int64_t>(ok ? units : 0.0);
        return ok;
    }
    return hundredths_ok(x, most, out);
}

}  // namespace edurules::python
