// Tests for include/edurules/leave/regime.hpp (docs/rules.md 2.1).
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace leave_test;

namespace {
regime_decision decide(region r, date start, int sy, std::string_view sector = "private") {
    explanation why;
    return decide_regime(R(), r, sector, start, school_year(sy), why);
}
}  // namespace

// docs/rules.md 2.1; seed 004: VOV for trainings starting on or after 2019-09-01.
TEST(LeaveRegime, FlandersVovFromFirstSeptember2019) {
    EXPECT_EQ(decide(region::flanders, date(2019, 9, 1), 2019).reg, regime::vov);
    EXPECT_EQ(decide(region::flanders, date(2019, 8, 31), 2019).reg, regime::flanders_bev);
}

// docs/rules.md 2.1; seed 004: BEV trainings started by 2018-2019 continue until 2021-12-31.
TEST(LeaveRegime, FlemishBevContinuesUntilEnd2021) {
    EXPECT_EQ(decide(region::flanders, date(2018, 10, 1), 2021).reg, regime::flanders_bev);
    const auto late = decide(region::flanders, date(2018, 10, 1), 2022);
    EXPECT_EQ(late.reg, regime::none);
    EXPECT_EQ(late.reasons, reason_bev_ended);
}

// docs/rules.md 2.1 and 2.4: Brussels BEV, reformed from school year 2023-2024; Walloon BEV.
TEST(LeaveRegime, BrusselsBeforeAndAfterReformAndWallonia) {
    EXPECT_EQ(decide(region::brussels, date(2022, 9, 15), 2022).reg, regime::brussels_bev);
    EXPECT_EQ(decide(region::brussels, date(2022, 9, 15), 2023).reg, regime::brussels_reformed);
    EXPECT_EQ(decide(region::wallonia, date(2024, 9, 15), 2024).reg, regime::wallonia_bev);
}

// docs/rules.md 2.1: private sector only (Herstelwet 22 January 1985 section 6).
TEST(LeaveRegime, PublicSectorHasNoRight) {
    explanation why;
    const auto d = decide_regime(R(), region::flanders, "public", date(2020, 9, 1), school_year(2020), why);
    EXPECT_EQ(d.reg, regime::none);
    EXPECT_EQ(d.reasons, reason_not_private_sector);
    ASSERT_FALSE(why.empty());
    EXPECT_EQ(why.steps().back().rule, "leave.regime.sector");
}
