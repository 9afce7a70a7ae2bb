// Tests for the calendar core: dates, periods, school years, month arithmetic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "edurules/core/calendar.hpp"

using namespace edurules;
using boost::gregorian::date;

TEST(Calendar, ParsesStrictIsoDates) {
    EXPECT_EQ(parse_iso_date("2024-02-29"), date(2024, 2, 29));
    EXPECT_FALSE(parse_iso_date("2023-02-29"));  // not a leap year
    EXPECT_FALSE(parse_iso_date("2023-02-30"));
    EXPECT_FALSE(parse_iso_date("2023-13-01"));
    EXPECT_FALSE(parse_iso_date("2023-1-01"));
    EXPECT_FALSE(parse_iso_date("1899-12-31"));
    EXPECT_FALSE(parse_iso_date(""));
    EXPECT_FALSE(parse_iso_date("2023-01-01T00:00"));
    EXPECT_EQ(parse_iso_date("9999-12-31"), date(9999, 12, 31));
}

TEST(Calendar, AddMonthsHasAnExplicitEndOfMonthPolicy) {
    EXPECT_EQ(add_months(date(2023, 1, 31), 1, month_overflow::clamp), date(2023, 2, 28));
    EXPECT_EQ(add_months(date(2023, 1, 31), 1, month_overflow::roll_forward), date(2023, 3, 1));
    EXPECT_EQ(add_months(date(2024, 2, 29), 24, month_overflow::clamp), date(2026, 2, 28));
    EXPECT_EQ(add_months(date(2024, 2, 29), 24, month_overflow::roll_forward), date(2026, 3, 1));
    EXPECT_EQ(add_months(date(2024, 2, 29), 48, month_overflow::roll_forward), date(2028, 2, 29));
    EXPECT_EQ(add_months(date(2025, 3, 31), -1, month_overflow::clamp), date(2025, 2, 28));
    EXPECT_EQ(add_months(date(2025, 12, 15), 1, month_overflow::clamp), date(2026, 1, 15));
    EXPECT_EQ(add_months(date(2025, 1, 15), -13, month_overflow::clamp), date(2023, 12, 15));
}

TEST(Calendar, CivilOfEqualsBoostOnEveryDay) {
    // civil_of is plain arithmetic in place of Boost's checked
    // year_month_day(): the same fields on every day of Boost's calendar.
    int checked = 0;
    for (date d(1400, 1, 1), end(9999, 12, 31); d <= end; d = next_day(d), ++checked) {
        const auto want = d.year_month_day();
        const civil_day got = civil_of(d);
        ASSERT_EQ(got.year, static_cast<int>(want.year)) << to_iso(d);
        ASSERT_EQ(got.month, static_cast<int>(want.month)) << "day number " << d.day_number();
        ASSERT_EQ(got.day, static_cast<int>(want.day)) << "day number " << d.day_number();
        // school_year::containing reads civil_of: Boost's year, less one before September
        ASSERT_EQ(school_year::containing(d).start_year(),
                  static_cast<int>(want.year) - (static_cast<int>(want.month) >= 9 ? 0 : 1))
            << to_iso(d);
        char iso[16];  // and write_iso spells Boost's fields
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", static_cast<int>(want.year), static_cast<int>(want.month),
                      static_cast<int>(want.day));
        ASSERT_EQ(to_iso(d), iso) << "day number " << d.day_number();
    }
    EXPECT_EQ(checked, 3141085);
    EXPECT_EQ(to_iso(date(2024, 2, 29)), "2024-02-29");
    EXPECT_EQ(to_iso(date(1400, 1, 1)), "1400-01-01");
}

TEST(Calendar, AddMonthsEqualsBoostsCheckedFields) {
    // add_months builds the result from its day number; Boost's checked
    // year-month-day constructor gives the same day for every start day of
    // 1996..2031 and every shift of -30..30 months, under both policies.
    for (date d(1996, 1, 1), end(2031, 12, 31); d <= end; d = next_day(d)) {
        const auto ymd = d.year_month_day();
        for (int n = -30; n <= 30; ++n) {
            const int ym = static_cast<int>(ymd.year) * 12 + static_cast<int>(ymd.month) - 1 + n;
            const auto y = static_cast<unsigned short>(ym / 12), m = static_cast<unsigned short>(ym % 12 + 1);
            const unsigned short last = boost::gregorian::gregorian_calendar::end_of_month_day(y, m);
            const date clamped(y, m, std::min<unsigned short>(ymd.day, last));
            const date rolled = ymd.day <= last ? clamped : date(y, m, last) + boost::gregorian::days(1);
            ASSERT_EQ(add_months(d, n, month_overflow::clamp), clamped) << to_iso(d) << " + " << n;
            ASSERT_EQ(add_months(d, n, month_overflow::roll_forward), rolled) << to_iso(d) << " + " << n;
        }
    }
}

TEST(Calendar, PeriodsIncludeBothEnds) {
    const period p = period::of_months(date(2023, 3, 15), 24, month_overflow::roll_forward);
    EXPECT_EQ(p.first, date(2023, 3, 15));
    EXPECT_EQ(p.last, date(2025, 3, 14));
    EXPECT_TRUE(p.contains(date(2023, 3, 15)));
    EXPECT_TRUE(p.contains(date(2025, 3, 14)));
    EXPECT_FALSE(p.contains(date(2025, 3, 15)));
    EXPECT_EQ(p.days(), 731);  // includes 29 February 2024
    EXPECT_EQ((period{date(2024, 1, 1), date(2023, 12, 31)}).days(), 0);
}

TEST(Calendar, SchoolYearRunsSeptemberToAugust) {
    // docs/rules.md conventions: a Belgian school year runs 1 September to 31 August.
    EXPECT_EQ(school_year::containing(date(2019, 9, 1)).name(), "2019-2020");
    EXPECT_EQ(school_year::containing(date(2020, 8, 31)).name(), "2019-2020");
    EXPECT_EQ(school_year::containing(date(2020, 9, 1)).name(), "2020-2021");
    EXPECT_EQ(school_year(2023).first_day(), date(2023, 9, 1));
    EXPECT_EQ(school_year(2023).last_day(), date(2024, 8, 31));
    EXPECT_EQ(school_year::parse("2021-2022"), school_year(2021));
    EXPECT_FALSE(school_year::parse("2021-2023"));
    EXPECT_FALSE(school_year::parse("21-22"));
}

TEST(Calendar, MinutesAreExact) {
    EXPECT_EQ(hours(2) + minutes{30}, minutes{150});
    EXPECT_LT(minutes{59}, hours(1));
}
