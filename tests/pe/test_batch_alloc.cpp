// The columnar PE path allocates nothing per row (batch.hpp contract), also
// for rows with renewal requests and dispensations (pending, granted,
// refused), lapsed, ended and rejected rows: counts global allocations
// around a run of the batch over 3 rows and over 3000.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#include "../alloc_count.hpp"
#include "pe_fixture.hpp"

using namespace pe_test;

TEST(PeBatch, NoHeapAllocationPerRow) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const pe::rules& rr = R();  // the engine is built (and allocates) before counting
    auto run = [&](std::size_t n) {
        std::vector<std::int32_t> diploma(n), activation(n), cday, rday, dreq, ddec;
        std::vector<std::int64_t> coff{0}, cpts, roff{0}, doff{0};
        std::vector<std::uint8_t> dgr;
        for (std::size_t i = 0; i < n; ++i) {
            const int k = static_cast<int>(i % 7);
            const date dip = date(k == 3 ? 2023 : 2019 + k, 1 + static_cast<int>(i % 12), 15);
            diploma[i] = k == 6 ? no_day : to_epoch_day(dip);  // k == 6: no diploma
            activation[i] = k < 3 ? to_epoch_day(dip + day_count(30)) : no_day;
            if (k == 5) activation[i] = to_epoch_day(dip - day_count(3));  // rejected row
            for (int j = 0; j < k; ++j) {
                cday.push_back(to_epoch_day(dip + day_count(100 * j)));
                cpts.push_back(300 + 300 * j);
            }
            coff.push_back(static_cast<std::int64_t>(cday.size()));
            if (k % 2 == 0) rday.push_back(to_epoch_day(dip + day_count(720)));
            roff.push_back(static_cast<std::int64_t>(rday.size()));
            if (k % 3 != 2) {
                dreq.push_back(to_epoch_day(dip + day_count(700)));
                ddec.push_back(k % 3 == 0 ? no_day : to_epoch_day(dip + day_count(740)));
                dgr.push_back(k % 3 == 1 ? 1 : 0);
            }
            doff.push_back(static_cast<std::int64_t>(dreq.size()));
        }
        std::vector<std::uint8_t> state(n), reason(n), renew(n);
        std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
        std::vector<std::int64_t> earned(n), shrt(n), item(n);
        const status_columns in{diploma, activation, coff, cday, cpts, roff, rday, doff, dreq, ddec, dgr};
        const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err, item};
        const long before = allocations.load();
        status_batch(rr, date(2025, 6, 1), in, out);
        const long used = allocations.load() - before;
        std::size_t states[4] = {0, 0, 0, 0};
        for (auto s : state)
            if (s < 4) ++states[s];
        if (n > 100)
            for (auto c : states) EXPECT_GT(c, 0u);  // every state is exercised
        std::size_t rejected_rows = 0;
        for (auto e : err) rejected_rows += e != 0;
        if (n > 100) EXPECT_GT(rejected_rows, 0u);
        std::printf("rows %zu: states %zu %zu %zu %zu, rejected %zu, allocations %ld\n", n, states[0], states[1],
                    states[2], states[3], rejected_rows, used);
        return used;
    };
    const long few = run(3);
    const long many = run(3000);
    EXPECT_EQ(many, few);
    EXPECT_EQ(many, 0);
}
