// Tests for include/edurules/leave/batch.hpp: the columnar path gives the
// single path's answers (same rule functions) and one code per row.
#include <gtest/gtest.h>

#include <vector>

#include "edurules/leave/batch.hpp"
#include "helpers.hpp"

using namespace leave_test;

namespace {
struct table {
    std::vector<std::uint8_t> region, type, coinciding, raised, variable, periods;
    std::vector<std::int32_t> sy, start;
    std::vector<std::int64_t> contract, full, given, attended, unjust;
    void row(std::uint8_t r, std::int32_t y, std::int32_t s, std::uint8_t t, std::int64_t c, std::int64_t f,
             std::int64_t g, std::int64_t a, std::int64_t u = 0, std::uint8_t co = 0) {
        region.push_back(r), sy.push_back(y), start.push_back(s), type.push_back(t), contract.push_back(c);
        full.push_back(f), given.push_back(g), attended.push_back(a), unjust.push_back(u), coinciding.push_back(co);
    }
    batch_input input() const {
        batch_input in;
        in.rows = region.size();
        in.region = region;
        in.school_year = sy;
        in.training_start = start;
        in.training_type = type;
        in.contract_minutes = contract;
        in.full_time_minutes = full;
        in.given_minutes = given;
        in.attended_minutes = attended;
        in.unjustified_minutes = unjust;
        in.coinciding = coinciding;
        return in;
    }
};
}  // namespace

// docs/rules.md 2.2 (20/38 -> 53) and 2.3 (VOV 60% -> 75 h), the 10% boundary and rejections, row by row.
TEST(LeaveBatch, RowsMatchTheRules) {
    table t;
    t.row(3, 2020, 20200907, 0, 20 * 60, 38 * 60, hours(100).count, hours(100).count, 0, 1);  // 0: 53 h
    t.row(1, 2020, 20200914, 0, 24 * 60, 40 * 60, hours(120).count, hours(120).count);        // 1: VOV 60% -> 75 h
    t.row(3, 2020, 20200907, 1, 19 * 60, 38 * 60, hours(60).count, hours(60).count);  // 2: half-time general: no
    t.row(3, 2020, 20200907, 0, 38 * 60, 38 * 60, 6000, 5400, 600);                   // 3: exactly 10%: fine
    t.row(3, 2020, 20200907, 0, 38 * 60, 38 * 60, 6000, 5399, 601);                   // 4: 10% + 1 minute
    t.row(9, 2020, 20200907, 0, 38 * 60, 38 * 60, 6000, 6000);                        // 5: bad region
    t.row(3, 2020, 20200230, 0, 38 * 60, 38 * 60, 6000, 6000);                        // 6: bad date
    t.row(3, 2020, 20200907, 0, 38 * 60, 38 * 60, 6000, 6001);                        // 7: attended > given
    t.row(1, 2021, 20181001, 0, 38 * 60, 38 * 60, hours(50).count, hours(50).count);  // 8: transition cap 33 h
    t.row(3, 2020, 20200907, 0, 38 * 60, 0, 6000, 6000);                              // 9: full time 0
    t.row(1, 2020, 20200907, 0, 38 * 60, 38 * 60, hours(20).count, hours(20).count);  // 10: 20 h < 32: no
    t.row(3, 2020, 20200907, 0, 38 * 60, 7 * 24 * 60 + 1, 6000, 6000);                // 11: more than a week
    t.row(3, 2020, 20200907, 0, 38 * 60, 38 * 60, INT64_MAX, INT64_MAX);              // 12: absurd minutes
    t.row(3, 2020, 20210901, 0, 38 * 60, 38 * 60, 6000, 6000);  // 13: starts after its school year (was bad_minutes)
    const auto in = t.input();
    std::vector<std::int64_t> granted(in.rows, -1);
    std::vector<std::int32_t> status(in.rows, 99);
    std::vector<std::uint32_t> reasons(in.rows);
    std::vector<std::uint8_t> reg(in.rows);
    leave_hours_batch(R(), in, batch_output{granted, status, reasons, reg});
    EXPECT_EQ(status[0], batch_granted);
    EXPECT_EQ(granted[0], hours(53).count);
    EXPECT_EQ(reg[0], static_cast<std::uint8_t>(regime::wallonia_bev));
    EXPECT_EQ(status[1], batch_granted);
    EXPECT_EQ(granted[1], hours(75).count);
    EXPECT_EQ(reg[1], static_cast<std::uint8_t>(regime::vov));
    EXPECT_EQ(status[2], batch_not_eligible);
    EXPECT_EQ(reasons[2], reason_halftime_needs_professional_during_work);
    EXPECT_EQ(granted[2], 0);
    EXPECT_EQ(status[3], batch_granted);
    EXPECT_EQ(reasons[3] & reason_suspension_triggered, 0u);
    EXPECT_EQ(status[4], batch_granted);
    EXPECT_NE(reasons[4] & reason_suspension_triggered, 0u);
    EXPECT_EQ(status[5], batch_bad_region);
    EXPECT_EQ(status[6], batch_bad_date);
    EXPECT_EQ(status[7], batch_bad_minutes);
    EXPECT_EQ(granted[8], hours(33).count);
    EXPECT_EQ(status[9], batch_bad_full_time);
    EXPECT_EQ(status[10], batch_not_eligible);
    EXPECT_EQ(reasons[10], reason_below_min_contact_hours);
    EXPECT_EQ(status[11], batch_bad_minutes);
    EXPECT_EQ(status[12], batch_bad_minutes);
    EXPECT_EQ(status[13], batch_bad_date);
}

// The single path and the batch agree on the same worker (same rule functions).
TEST(LeaveBatch, AgreesWithTheSinglePath) {
    worker w = make_worker(region::brussels, {employ(date(2015, 1, 1), 31, 38)});
    training tr = make_training("t", training_type::language);
    add_weekly(tr, date(2021, 9, 6), 35, 150);  // 87.5 h
    w.trainings.push_back(tr);
    const auto single = evaluate(R(), w, school_year(2021));
    table t;
    t.row(2, 2021, 20210906, 4, 31 * 60, 38 * 60, 35 * 150, 35 * 150);
    std::vector<std::int64_t> granted(1);
    std::vector<std::int32_t> status(1);
    leave_hours_batch(R(), t.input(), batch_output{granted, status, {}, {}});
    EXPECT_EQ(status[0], batch_granted);
    EXPECT_EQ(granted[0], single.trainings[0].granted.count);
    // and below 4/5 on a fixed schedule both refuse a language training
    w.jobs = {employ(date(2015, 1, 1), 30, 38)};
    t.contract[0] = 30 * 60;
    std::vector<std::uint32_t> reasons(1);
    leave_hours_batch(R(), t.input(), batch_output{granted, status, reasons, {}});
    const auto refused = evaluate(R(), w, school_year(2021));
    EXPECT_EQ(status[0], batch_not_eligible);
    EXPECT_FALSE(refused.trainings[0].eligible);
    EXPECT_EQ(reasons[0], refused.trainings[0].reasons);
    t.contract[0] = 31 * 60;
    leave_hours_batch(R(), t.input(), batch_output{granted, status, {}, {}});
    EXPECT_EQ(granted[0], hours(65).count);  // 4/5 or more: min(87.5, 80) x 31/38 = 65.26 -> 65
}

TEST(LeaveBatch, MisSizedColumnsAreRefused) {
    table t;
    t.row(3, 2020, 20200907, 0, 60, 60, 60, 60);
    auto in = t.input();
    std::vector<std::int64_t> granted(2);
    std::vector<std::int32_t> status(1);
    EXPECT_THROW(leave_hours_batch(R(), in, batch_output{granted, status, {}, {}}), error);
    in.given_minutes = {};
    std::vector<std::int64_t> g1(1);
    EXPECT_THROW(leave_hours_batch(R(), in, batch_output{g1, status, {}, {}}), error);
}
