// Exact decimal values (money, points, fractions) and the one place where
// rounding happens, by a named mode taken from the rulebook.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace edurules {

namespace detail {
/// 128-bit intermediate for exact products (GCC/Clang extension).
__extension__ typedef __int128 i128;

constexpr std::int64_t pow10(int n) {
    std::int64_t r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}
constexpr std::int64_t gcd(std::int64_t a, std::int64_t b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const std::int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}
}  // namespace detail

/// How a quotient is turned into a whole number of units.
enum class rounding { half_up, half_even, down, up };

inline std::optional<rounding> parse_rounding(std::string_view s) {
    if (s == "half_up") return rounding::half_up;
    if (s == "half_even") return rounding::half_even;
    if (s == "down") return rounding::down;
    if (s == "up") return rounding::up;
    return std::nullopt;
}
inline const char* to_string(rounding r) {
    switch (r) {
        case rounding::half_up:
            return "half_up";
        case rounding::half_even:
            return "half_even";
        case rounding::down:
            return "down";
        case rounding::up:
            return "up";
    }
    return "?";
}

/// num / den rounded to an integer by `mode`. den must be > 0.
/// Uses 128-bit intermediates so products of minutes and fractions never overflow.
constexpr std::int64_t div_round(detail::i128 num, detail::i128 den, rounding mode) {
    // the same truncating quotient and remainder in 64 bits when both fit (the
    // usual case: a 128-bit division is a slow library call)
    constexpr detail::i128 lo = -static_cast<detail::i128>(INT64_MAX), hi = INT64_MAX;
    const bool narrow = num >= lo && num <= hi && den >= lo && den <= hi;
    detail::i128 q = narrow ? static_cast<std::int64_t>(num) / static_cast<std::int64_t>(den) : num / den;
    detail::i128 r = narrow ? static_cast<std::int64_t>(num) % static_cast<std::int64_t>(den) : num % den;
    if (r != 0 && ((r < 0) != (den < 0))) {  // floor semantics
        q -= 1;
        r += den;
    }
    // now num = q*den + r with 0 <= r < den (den > 0)
    if (r == 0) return static_cast<std::int64_t>(q);
    switch (mode) {
        case rounding::down:
            return static_cast<std::int64_t>(q);
        case rounding::up:
            return static_cast<std::int64_t>(q + 1);
        case rounding::half_up:
            return static_cast<std::int64_t>(2 * r >= den ? q + 1 : q);
        case rounding::half_even:
            if (2 * r > den) return static_cast<std::int64_t>(q + 1);
            if (2 * r < den) return static_cast<std::int64_t>(q);
            return static_cast<std::int64_t>(q % 2 == 0 ? q : q + 1);
    }
    return static_cast<std::int64_t>(q);
}

/// An exact decimal number: mantissa x 10^-scale, scale 0..9.
/// "12.34" is {1234, 2}; "0.5" is {5, 1}. Parsed from text, never from binary floats.
struct decimal {
    std::int64_t mantissa = 0;
    int scale = 0;

    static constexpr int max_scale = 9;

    /// Strict parse: optional '-', digits, optional '.' and 1..9 digits.
    static std::optional<decimal> parse(std::string_view s) {
        decimal d;
        bool neg = false;
        std::size_t i = 0;
        if (i < s.size() && s[i] == '-') {
            neg = true;
            ++i;
        }
        if (i >= s.size()) return std::nullopt;
        bool any = false, dot = false;
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '.') {
                if (dot || !any) return std::nullopt;
                dot = true;
                continue;
            }
            if (c < '0' || c > '9') return std::nullopt;
            any = true;
            if (dot && ++d.scale > max_scale) return std::nullopt;
            if (d.mantissa > (INT64_MAX - 9) / 10) return std::nullopt;  // at most max_digits (why_not)
            d.mantissa = d.mantissa * 10 + (c - '0');
        }
        if (!any || (dot && d.scale == 0)) return std::nullopt;
        if (neg) d.mantissa = -d.mantissa;
        return d;
    }

    /// Why parse(s) gives nothing for text shaped as a decimal number (an
    /// optional '-', digits, an optional '.' and digits): "more than 9
    /// decimals" or "too large ..."; empty when `s` parses or is not so shaped
    /// (the caller's "expected a decimal number" says it then).
    /// The largest digits parse reads (it stops a digit before a 64-bit
    /// overflow could happen): 9223372036854775799, not INT64_MAX itself.
    static constexpr std::int64_t max_digits = (INT64_MAX - 9) / 10 * 10 + 9;
    static std::string why_not(std::string_view s) {
        std::size_t i = !s.empty() && s[0] == '-' ? 1 : 0, digits = 0, decimals = 0;
        bool dot = false;
        for (; i < s.size(); ++i) {
            if (s[i] == '.' && !dot && digits > 0) {
                dot = true;
            } else if (s[i] >= '0' && s[i] <= '9') {
                ++digits;
                decimals += dot ? 1 : 0;
            } else {
                return {};
            }
        }
        if (digits == 0 || (dot && decimals == 0) || parse(s)) return {};
        if (decimals > static_cast<std::size_t>(max_scale))
            return "more than " + std::to_string(max_scale) + " decimals";
        return "too large (at most " + std::to_string(max_digits) + " in its last decimal place)";
    }

    /// The value in units of 10^-target_scale, if exactly representable in
    /// 64 bits (nullopt if it would need more decimals or overflow).
    constexpr std::optional<std::int64_t> in_scale(int target_scale) const {
        if (target_scale >= scale) {
            std::int64_t out = 0;
            if (__builtin_mul_overflow(mantissa, detail::pow10(target_scale - scale), &out)) return std::nullopt;
            return out;
        }
        const std::int64_t f = detail::pow10(scale - target_scale);
        if (mantissa % f != 0) return std::nullopt;
        return mantissa / f;
    }
    constexpr std::int64_t denominator() const { return detail::pow10(scale); }
    constexpr bool is_negative() const { return mantissa < 0; }

    /// Canonical text: no trailing zeros beyond what `scale` says.
    std::string to_string() const {
        const std::size_t need = 23 + static_cast<std::size_t>(scale > 0 ? scale : 0);
        if (need <= 80) {  // every scale the library makes: no buffer on the heap
            char buf[80];
            return std::string(buf, write_to(buf));
        }
        std::string big(need, '\0');
        big.resize(write_to(big.data()));
        return big;
    }
    /// Writes the text of to_string() to `out` (room for 23 + scale chars);
    /// returns its length.
    std::size_t write_to(char* out) const {
        // The length first, then the digits from the last one back into
        // their places: no digit buffer, no copy (a call per decimal written
        // was a tenth of the JSON writer's cost of a number).
        std::uint64_t m =
            mantissa < 0 ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
        std::size_t nd = 1;
        for (std::uint64_t v = m; v >= 10; v /= 10) ++nd;
        const auto sc = static_cast<std::size_t>(scale > 0 ? scale : 0);
        const std::size_t whole = nd > sc ? nd - sc : 1;  // 0.0ddd has one whole digit
        const std::size_t len = (mantissa < 0 ? 1 : 0) + whole + (sc > 0 ? 1 + sc : 0);
        char* p = out + len;
        for (std::size_t i = 0; i < sc; ++i, m /= 10) *--p = static_cast<char>('0' + m % 10);
        if (sc > 0) *--p = '.';
        do {
            *--p = static_cast<char>('0' + m % 10);
            m /= 10;
        } while (m != 0);
        if (mantissa < 0) *--p = '-';
        return len;
    }

    /// Exact comparison of two decimals.
    friend constexpr bool operator==(const decimal& a, const decimal& b) {
        return static_cast<detail::i128>(a.mantissa) * b.denominator() ==
               static_cast<detail::i128>(b.mantissa) * a.denominator();
    }
    friend constexpr bool operator<(const decimal& a, const decimal& b) {
        return static_cast<detail::i128>(a.mantissa) * b.denominator() <
               static_cast<detail::i128>(b.mantissa) * a.denominator();
    }
};

/// Formats an integer count of 10^-scale units as text with exactly `scale`
/// decimals (e.g. 5263 at scale 2 -> "52.63").
inline std::string format_scaled(std::int64_t units, int scale) { return decimal{units, scale}.to_string(); }

}  // namespace edurules
