// The columnar path allocates nothing per row (batch.hpp contract): counts
// global allocations around a run of 1 row and of 2000 rows.
#include "edurules/leave/batch.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define EDURULES_COUNT_ALLOCATIONS 0  // sanitizers own operator new; counting is for ordinary builds
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define EDURULES_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef EDURULES_COUNT_ALLOCATIONS
#define EDURULES_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<long> allocations{0};
}

#if EDURULES_COUNT_ALLOCATIONS
void* operator new(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

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
            given[i] = 3000 + static_cast<std::int64_t>(i % 5000);
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
    const long one = run(1);
    const long many = run(2000);
    EXPECT_EQ(many, one);
    EXPECT_EQ(many, 0);
}
