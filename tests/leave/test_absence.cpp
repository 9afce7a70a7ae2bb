// Tests for include/edurules/leave/absence.hpp (docs/rules.md 2.2 'The 10% rule', 2.3 attendance).
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace leave_test;

namespace {
std::vector<period> periods(organisation org, date first, date last) {
    explanation why;
    std::vector<period> out{period{first, first}};  // a reused buffer is cleared first
    certificate_periods(R(), org, first, last, out, why);
    return out;
}
period susp(date last_of_period) {
    explanation why;
    return suspension_after(R(), period{last_of_period - boost::gregorian::days(30), last_of_period}, why);
}
}  // namespace

// docs/rules.md 2.2; KB 23 July 1985: "more than 10%" is strict; exactly 10% is not a suspension.
TEST(LeaveAbsence, ExactlyTenPercentIsNotMore) {
    EXPECT_FALSE(more_than_share(R(), minutes{600}, minutes{6000}, date(2020, 1, 1)));
    EXPECT_TRUE(more_than_share(R(), minutes{601}, minutes{6000}, date(2020, 1, 1)));  // 10% + 1 minute
    EXPECT_FALSE(more_than_share(R(), minutes{0}, minutes{0}, date(2020, 1, 1)));
}

// docs/rules.md 2.2; seed 004: modular training, periods of 3 months from the first lesson day; a period crosses 31
// August.
TEST(LeaveAbsence, ModularPeriodsCrossASchoolYear) {
    const auto p = periods(organisation::modular, date(2022, 6, 15), date(2022, 11, 20));
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0], (period{date(2022, 6, 15), date(2022, 9, 14)}));
    EXPECT_EQ(p[1], (period{date(2022, 9, 15), date(2022, 11, 20)}));  // the last period ends with the training
}

// docs/rules.md 2.2: a training of at most 3 months has one period; exactly 3 months is one period.
TEST(LeaveAbsence, TrainingOfExactlyThreeMonths) {
    EXPECT_EQ(periods(organisation::modular, date(2021, 1, 15), date(2021, 4, 14)).size(), 1u);
    const auto two = periods(organisation::modular, date(2021, 1, 15), date(2021, 4, 15));
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1], (period{date(2021, 4, 15), date(2021, 4, 15)}));
}

// docs/rules.md 2.2: periods from a day missing in a later month; leap day 29 February.
TEST(LeaveAbsence, LeapDayPeriods) {
    const auto p = periods(organisation::modular, date(2023, 11, 29), date(2024, 6, 30));
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0], (period{date(2023, 11, 29), date(2024, 2, 28)}));
    EXPECT_EQ(p[1], (period{date(2024, 2, 29), date(2024, 5, 28)}));
    EXPECT_EQ(p[2], (period{date(2024, 5, 29), date(2024, 6, 30)}));
    // 30 November + 3 months: 30 February does not exist; roll_forward ends the period on 29 February 2024.
    const auto q = periods(organisation::modular, date(2023, 11, 30), date(2024, 4, 1));
    EXPECT_EQ(q[0], (period{date(2023, 11, 30), date(2024, 2, 29)}));
}

// docs/rules.md 2.2: a training organised per school year has one period per school trimester.
TEST(LeaveAbsence, TrimestersOfASchoolYear) {
    const auto p = periods(organisation::school_year, date(2021, 9, 6), date(2022, 6, 20));
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0], (period{date(2021, 9, 6), date(2021, 12, 31)}));
    EXPECT_EQ(p[1], (period{date(2022, 1, 1), date(2022, 3, 31)}));
    EXPECT_EQ(p[2], (period{date(2022, 4, 1), date(2022, 6, 20)}));
}

// docs/rules.md 2.2 (H/M): the suspension starts the day after the period and lasts 6 months; leap days.
TEST(LeaveAbsence, SuspensionWindow) {
    EXPECT_EQ(susp(date(2022, 5, 31)), (period{date(2022, 6, 1), date(2022, 11, 30)}));
    EXPECT_EQ(susp(date(2024, 2, 28)), (period{date(2024, 2, 29), date(2024, 8, 28)}));
    // from 31 August: 31 February does not exist; roll_forward ends the window on 29 February 2024
    EXPECT_EQ(susp(date(2023, 8, 30)), (period{date(2023, 8, 31), date(2024, 2, 29)}));
}

// docs/rules.md 2.2 (H): a holiday is justified only if declared in writing before it and at least one week long.
TEST(LeaveAbsence, HolidayRule) {
    explanation why;
    absence a{date(2022, 3, 8), minutes{180}, "holiday", date(2022, 2, 1), period{date(2022, 3, 5), date(2022, 3, 11)}};
    EXPECT_TRUE(is_justified(R(), a, why));  // 7 days, declared before
    a.holiday = period{date(2022, 3, 5), date(2022, 3, 10)};
    EXPECT_FALSE(is_justified(R(), a, why));  // 6 days
    a.holiday = period{date(2022, 3, 5), date(2022, 3, 11)};
    a.employer_declared_on = date(2022, 3, 5);
    EXPECT_FALSE(is_justified(R(), a, why));  // declared on the first day, not before
    a.employer_declared_on.reset();
    EXPECT_FALSE(is_justified(R(), a, why));
    EXPECT_TRUE(is_justified(R(), absence{date(2022, 3, 8), minutes{180}, "illness", {}, {}}, why));
    EXPECT_FALSE(is_justified(R(), absence{date(2022, 3, 8), minutes{180}, "unjustified", {}, {}}, why));
}
