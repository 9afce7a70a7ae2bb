// Tests for the flat lookup tables of the per-request indexes
// (core/flat_index.hpp): first position wins, misses say npos, and the
// tables keep every entry when they grow past the size they were made for.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "edurules/core/flat_index.hpp"

using edurules::detail::flat_set;
using edurules::detail::string_index;

TEST(StringIndex, KeepsTheFirstPositionOfAKey) {
    string_index idx(2);
    EXPECT_EQ(idx.emplace("A1", 0), 0u);
    EXPECT_EQ(idx.emplace("A2", 1), 1u);
    EXPECT_EQ(idx.emplace("A1", 2), 0u);  // a duplicate: the first stays, the caller refuses the second
    EXPECT_EQ(idx.size(), 2u);
    EXPECT_EQ(idx.find("A1"), 0u);
    EXPECT_EQ(idx.find("A2"), 1u);
    EXPECT_EQ(idx.find("A3"), string_index::npos);
    EXPECT_EQ(idx.find(""), string_index::npos);
    EXPECT_EQ(idx.find("A"), string_index::npos);  // a prefix is another key
}

TEST(StringIndex, GrowsPastItsSizeAndKeepsEveryKey) {
    std::vector<std::string> keys;
    for (int i = 0; i < 5000; ++i) keys.push_back("K" + std::to_string(i * 7919));
    string_index idx;  // made for none
    for (std::size_t i = 0; i < keys.size(); ++i) ASSERT_EQ(idx.emplace(keys[i], i), i);
    EXPECT_EQ(idx.size(), keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(idx.find(keys[i]), i);
    EXPECT_EQ(idx.find("K1"), string_index::npos);
}

namespace {
struct key3 {
    std::uint32_t a, b, c;
    bool operator==(const key3&) const = default;
};
struct key3_hash {
    std::size_t operator()(const key3& k) const noexcept { return k.a * 31u + k.b * 7u + k.c; }
};
}  // namespace

TEST(FlatSet, InsertsOnceAndGrows) {
    flat_set<key3, key3_hash> s(key3{UINT32_MAX, UINT32_MAX, UINT32_MAX});
    EXPECT_FALSE(s.contains({0, 0, 0}));
    EXPECT_TRUE(s.insert({0, 0, 0}));
    EXPECT_FALSE(s.insert({0, 0, 0}));
    for (std::uint32_t i = 1; i < 3000; ++i) EXPECT_TRUE(s.insert({i % 13, i % 17, i}));
    EXPECT_EQ(s.size(), 3000u);
    for (std::uint32_t i = 0; i < 3000; ++i) EXPECT_TRUE(s.contains({i % 13, i % 17, i}));
    EXPECT_FALSE(s.contains({1, 0, 0}));
    EXPECT_FALSE(s.insert({2999 % 13, 2999 % 17, 2999}));  // inserted above
}
