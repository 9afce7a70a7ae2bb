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
