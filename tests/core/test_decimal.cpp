// Tests for exact decimals and the single rounding step.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "edurules/core/decimal.hpp"

using namespace edurules;

TEST(Decimal, ParsesExactly) {
    EXPECT_EQ(decimal::parse("21.30")->mantissa, 2130);
    EXPECT_EQ(decimal::parse("21.30")->scale, 2);
    EXPECT_EQ(*decimal::parse("0.8"), (decimal{80, 2}));
    EXPECT_EQ(decimal::parse("-1.5")->mantissa, -15);
    EXPECT_FALSE(decimal::parse("1."));
    EXPECT_FALSE(decimal::parse(".5"));
    EXPECT_FALSE(decimal::parse("1e3"));
    EXPECT_FALSE(decimal::parse("99999999999999999999"));
    EXPECT_EQ(decimal::parse("93.75")->in_scale(2), 9375);
    EXPECT_FALSE(decimal::parse("0.125")->in_scale(2));
    EXPECT_EQ(decimal::parse("0.05")->to_string(), "0.05");
}

TEST(Decimal, WritesItsCanonicalText) {
    EXPECT_EQ((decimal{0, 0}).to_string(), "0");
    EXPECT_EQ((decimal{5263, 2}).to_string(), "52.63");
    EXPECT_EQ((decimal{-5263, 2}).to_string(), "-52.63");
    EXPECT_EQ((decimal{5, 4}).to_string(), "0.0005");
    EXPECT_EQ((decimal{-5, 1}).to_string(), "-0.5");
    EXPECT_EQ((decimal{1234, 4}).to_string(), "0.1234");
    EXPECT_EQ((decimal{120, 2}).to_string(), "1.20");  // the scale says how many decimals
    EXPECT_EQ((decimal{INT64_MAX, 0}).to_string(), "9223372036854775807");
    EXPECT_EQ((decimal{INT64_MIN, 3}).to_string(), "-9223372036854775.808");
    EXPECT_EQ((decimal{7, 45}).to_string(), "0." + std::string(44, '0') + "7");  // not a scale made here
    EXPECT_EQ(format_scaled(-7, 2), "-0.07");
}

TEST(Decimal, WritesTheTextItsDigitsSpell) {
    // every digit count and scale against the digits' own text (the writer
    // places each digit from the last back; no to_chars)
    const auto expected = [](std::int64_t m, int scale) {
        const std::uint64_t u = m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
        std::string digits = std::to_string(u);
        const auto sc = static_cast<std::size_t>(scale);
        if (digits.size() <= sc) digits.insert(0, sc + 1 - digits.size(), '0');
        if (sc > 0) digits.insert(digits.size() - sc, ".");
        return (m < 0 ? "-" : "") + digits;
    };
    std::uint64_t x = 88172645463325252ULL;  // xorshift: magnitudes of every length
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const auto m = static_cast<std::int64_t>(x >> (x % 64));
        const int scale = static_cast<int>(x % 23);
        for (const std::int64_t v : {m, -m, m % 1000, -(m % 1000)})
            ASSERT_EQ((decimal{v, scale}).to_string(), expected(v, scale)) << v << " scale " << scale;
    }
    EXPECT_EQ((decimal{0, 2}).to_string(), "0.00");
    EXPECT_EQ((decimal{-100, 2}).to_string(), "-1.00");
    EXPECT_EQ((decimal{10, 1}).to_string(), "1.0");
}

TEST(Decimal, RoundingModes) {
    // 100 h x 20/38 = 52.63 h (docs/rules.md 2.2, part-time example): 53 whole hours half-up.
    EXPECT_EQ(div_round(100 * 20, 38, rounding::half_up), 53);
    EXPECT_EQ(div_round(5, 2, rounding::half_up), 3);
    EXPECT_EQ(div_round(5, 2, rounding::half_even), 2);
    EXPECT_EQ(div_round(7, 2, rounding::half_even), 4);
    EXPECT_EQ(div_round(5, 2, rounding::down), 2);
    EXPECT_EQ(div_round(5, 2, rounding::up), 3);
    EXPECT_EQ(div_round(-5, 2, rounding::down), -3);
    EXPECT_EQ(div_round(4, 2, rounding::up), 2);
}

// A decimal the engine cannot hold is refused with the reason, not as "not a
// decimal number" (hostile probe of issue 14: "92233720368547758.07" and
// "11.9999999999999999" were both called no decimal number).
TEST(Decimal, WhyNotSaysWhatIsWrongWithADecimal) {
    EXPECT_EQ(decimal::why_not("11.9999999999999999"), "more than 9 decimals");
    EXPECT_EQ(decimal::why_not("92233720368547758.07"),
              "too large (at most 9223372036854775799 in its last decimal place)");
    EXPECT_EQ(decimal::why_not("-99999999999999999999"),
              "too large (at most 9223372036854775799 in its last decimal place)");
    // the bound it names is the largest that parses (it named INT64_MAX, which does not: probe f5)
    EXPECT_EQ(decimal::why_not("9223372036854775807"),
              "too large (at most 9223372036854775799 in its last decimal place)");
    EXPECT_TRUE(decimal::parse("9223372036854775799"));
    for (const char* fine : {"1.5", "0", "-2.25", "92233720368547758.07x", "abc", "1.", ".5", "", "-", "1e5"})
        EXPECT_EQ(decimal::why_not(fine), "") << fine;  // parses, or is not shaped as a decimal at all
}
