// The columnar PE status path gives the same answers as the single path and
// one result or one rejection per row, in order.
#include "pe_fixture.hpp"

#include <random>

using namespace pe_test;

TEST(PeBatch, MatchesSinglePathOnGeneratedPopulation) {
    std::mt19937 rng(42);
    const std::size_t n = 2000;
    std::vector<std::int32_t> diploma(n), activation(n), cday;
    std::vector<std::int64_t> off{0}, cpts, roff{0};
    std::vector<std::int32_t> rday;
    std::vector<participant> people;
    std::vector<std::vector<booked_points>> booked(n);
    const date at(2025, 6, 1);
    for (std::size_t i = 0; i < n; ++i) {
        const date dip = date(2020, 1, 1) + day_count(static_cast<int>(rng() % 2000));
        participant p = person("P" + std::to_string(i), dip);
        diploma[i] = to_epoch_day(dip);
        activation[i] = no_day;
        if (dip < date(2023, 1, 1) && rng() % 2) {
            p.activation_date = dip + day_count(static_cast<int>(rng() % 400));
            activation[i] = to_epoch_day(*p.activation_date);
        }
        const int k = static_cast<int>(rng() % 15);
        for (int j = 0; j < k; ++j) {
            const date c = dip + day_count(static_cast<int>(rng() % 1500));
            const std::int64_t h = 50 + static_cast<std::int64_t>(rng() % 300);
            booked[i].push_back({c, points{h}});
            cday.push_back(to_epoch_day(c));
            cpts.push_back(h);
        }
        off.push_back(static_cast<std::int64_t>(cday.size()));
        if (rng() % 3 == 0) {
            const date q = dip + day_count(700);
            p.renewal_requests.push_back(q);
            rday.push_back(to_epoch_day(q));
        }
        roff.push_back(static_cast<std::int64_t>(rday.size()));
        people.push_back(p);
    }
    std::vector<std::uint8_t> state(n), reason(n), renew(n);
    std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
    std::vector<std::int64_t> earned(n), shrt(n);
    const status_columns in{diploma, activation, off, cday, cpts, roff, rday};
    const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err};
    EXPECT_EQ(status_batch(R(), at, in, out), 0u);
    for (std::size_t i = 0; i < n; ++i) {
        const status s = status_of(people[i], booked[i], at);
        ASSERT_EQ(state[i], static_cast<std::uint8_t>(s.reg.state)) << i;
        ASSERT_EQ(earned[i], s.reg.earned.hundredths) << i;
        ASSERT_EQ(shrt[i], s.short_by.hundredths) << i;
        ASSERT_EQ(renew[i], s.renewal_possible ? 1 : 0) << i;
        ASSERT_EQ(left[i], s.days_left ? *s.days_left : -1) << i;
        ASSERT_EQ(pl[i], s.reg.current ? to_epoch_day(s.reg.current->last) : no_day) << i;
    }
}

TEST(PeBatch, BadRowsAreRejectedInPlace) {
    std::vector<std::int32_t> diploma{to_epoch_day(date(2023, 3, 15)), 99999999, to_epoch_day(date(2023, 3, 15)),
                                      to_epoch_day(date(2023, 3, 15))};
    std::vector<std::int32_t> activation{no_day, no_day, no_day, to_epoch_day(date(2023, 1, 1))};
    std::vector<std::int64_t> off{0, 1, 1, 2, 2};
    std::vector<std::int32_t> cday{to_epoch_day(date(2024, 1, 1)), to_epoch_day(date(2024, 1, 1))};
    std::vector<std::int64_t> cpts{1200, -5};
    const std::size_t n = diploma.size();
    std::vector<std::uint8_t> state(n), reason(n), renew(n);
    std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
    std::vector<std::int64_t> earned(n), shrt(n);
    const status_columns in{diploma, activation, off, cday, cpts, {}, {}};
    const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err};
    EXPECT_EQ(status_batch(R(), date(2024, 6, 1), in, out), 3u);
    EXPECT_EQ(err[0], 0);
    EXPECT_EQ(earned[0], 1200);
    EXPECT_EQ(err[1], static_cast<int>(batch_row_error::date_out_of_range));
    EXPECT_EQ(err[2], static_cast<int>(batch_row_error::negative_points));
    EXPECT_EQ(err[3], static_cast<int>(batch_row_error::activation_before_diploma));
    EXPECT_EQ(state[1], 255);
    std::vector<std::int64_t> short_off{0, 1};
    const status_columns wrong{diploma, activation, short_off, cday, cpts, {}, {}};
    EXPECT_THROW(status_batch(R(), date(2024, 6, 1), wrong, out), error);
}
