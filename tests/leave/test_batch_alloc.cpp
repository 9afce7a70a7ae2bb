// The columnar path allocates nothing per row (batch.hpp contract): counts
// global allocations around a run of 2000 rows and of 4000 rows of the same shapes.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "../alloc_count.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/leave/columns.hpp"
#include "generate.hpp"
#include "helpers.hpp"

using namespace leave_test;

TEST(LeaveBatch, NoHeapAllocationPerRow) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const rules& rr = R();  // the engine is built (and allocates) before counting
    auto run = [&](std::size_t n) {
        std::vector<std::uint8_t> region(n), type(n), coinciding(n);
        std::vector<std::int32_t> sy(n), start(n);
        std::vector<std::int64_t> contract(n), full(n), given(n), attended(n), unjust(n), granted(n);
        std::vector<std::int32_t> status(n);
        std::vector<std::uint32_t> reasons(n);
        for (std::size_t i = 0; i < n; ++i) {
            // alternate Wallonia BEV, Flanders VOV and Brussels reformed rows
            const int k = static_cast<int>(i % 3);
            region[i] = static_cast<std::uint8_t>(k == 0 ? 3 : k == 1 ? 1 : 2);
            sy[i] = k == 2 ? 2023 : 2020;
            start[i] = k == 2 ? 20230911 : 20200914;
            type[i] = static_cast<std::uint8_t>(i % 6);
            coinciding[i] = static_cast<std::uint8_t>(i % 2);
            contract[i] = static_cast<std::int64_t>(15 + i % 24) * 60;
            full[i] = 38 * 60;
            given[i] = 3000 + static_cast<std::int64_t>(i % 1000);
            attended[i] = given[i] - static_cast<std::int64_t>(i % 400);
            unjust[i] = static_cast<std::int64_t>(i % 400);
        }
        batch_input in;
        in.rows = n;
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
        const long before = allocations.load();
        leave_hours_batch(rr, in, batch_output{granted, status, reasons, {}});
        const long used = allocations.load() - before;
        for (auto s : status) EXPECT_GE(s, 0);
        return used;
    };
    // A call sets up its buffers once (a few allocations, the same for any
    // number of rows of one shape); rows themselves allocate nothing.
    const long some = run(2000);
    const long twice = run(4000);
    EXPECT_EQ(twice, some);
    EXPECT_LT(some, 64);
}

// The v2 facts batch: decided workers of any shape allocate nothing once the
// reused buffers have grown; the same 50 generated workers, 40 and 80 times over.
TEST(LeaveFactsBatch, NoHeapAllocationPerWorker) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const rules& rr = R();
    worker_generator gen(7);
    std::vector<worker> shapes;
    std::vector<int> years;
    while (shapes.size() < 50) {  // workers that are decided (a refusal may format its message)
        const int sy = gen.uniform(2019, 2025);
        worker w = gen.make(sy);
        if (check_facts(w)) continue;
        try {
            (void)evaluate(rr, w, school_year(sy), false);
        } catch (const error&) {
            continue;
        }
        years.push_back(sy);
        shapes.push_back(std::move(w));
    }
    auto run = [&](int repeat) {
        facts_table table;
        for (int r = 0; r < repeat; ++r)
            for (std::size_t i = 0; i < shapes.size(); ++i) table.add(shapes[i], school_year(years[i]));
        const auto cols = table.columns();
        const std::size_t W = cols.workers, T = cols.training_type.size();
        std::vector<std::int32_t> ws(W);
        std::vector<std::int64_t> granted(T);
        std::vector<std::uint32_t> reasons(T);
        worker_columns_out wo;
        wo.status = ws;
        training_columns_out to;
        to.granted_minutes = granted;
        to.reasons = reasons;
        const long before = allocations.load();
        leave_facts_batch(rr, cols, wo, to);
        return allocations.load() - before;
    };
    const long some = run(40);
    const long twice = run(80);
    EXPECT_EQ(twice, some);
    EXPECT_LT(some, 1000);
}
