// core/huge_pages.hpp: large buffers mapped on their own at a 2 MiB
// boundary (where huge pages can back them), small ones from operator new;
// the contents behave as any vector's.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <string_view>

#include "edurules/core/huge_pages.hpp"

using edurules::detail::big_vector;
using edurules::detail::huge_page_allocator;
using edurules::detail::huge_page_bytes;

namespace {
std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
}  // namespace

TEST(HugePages, LargeBuffersStartOnAHugePageBoundary) {
    big_vector<std::int32_t> v(3'000'000, 7);  // 12 MB
    EXPECT_EQ(address(v.data()) % huge_page_bytes, 0u);
    EXPECT_EQ(v.front(), 7);
    EXPECT_EQ(v.back(), 7);
    std::iota(v.begin(), v.end(), 0);
    EXPECT_EQ(v[2'999'999], 2'999'999);
}

TEST(HugePages, SmallBuffersComeFromOperatorNew) {
    EXPECT_FALSE(huge_page_allocator<std::int64_t>::is_huge(huge_page_bytes / 8 - 1));
    EXPECT_TRUE(huge_page_allocator<std::int64_t>::is_huge(huge_page_bytes / 8));
    big_vector<std::int64_t> v{1, 2, 3};
    EXPECT_EQ(v.size(), 3u);
    EXPECT_EQ(v[2], 3);
}

TEST(HugePages, GrowingAcrossTheThresholdKeepsTheContents) {
    big_vector<std::uint8_t> v;
    for (std::size_t i = 0; i < 5 * huge_page_bytes; ++i) v.push_back(static_cast<std::uint8_t>(i % 251));
    EXPECT_EQ(address(v.data()) % huge_page_bytes, 0u);
    for (std::size_t i = 0; i < v.size(); i += 4093) ASSERT_EQ(v[i], i % 251) << i;
    v.resize(10);  // shrinking keeps the buffer; releasing it returns what was mapped
    v.shrink_to_fit();
    EXPECT_EQ(v.size(), 10u);
    EXPECT_EQ(v[9], 9);
}

TEST(HugePages, CopiesAndViewsAreOrdinary) {
    big_vector<std::string_view> a(huge_page_bytes / sizeof(std::string_view) + 1, "x");
    const big_vector<std::string_view> b = a;
    EXPECT_NE(a.data(), b.data());
    EXPECT_EQ(b.back(), "x");
    EXPECT_EQ(address(b.data()) % huge_page_bytes, 0u);
}

TEST(HugePages, ImpossibleSizesAreRefusedNotWrapped) {
    huge_page_allocator<std::int64_t> a;
    EXPECT_THROW((void)a.allocate(std::size_t{1} << 62), std::bad_array_new_length);
}
