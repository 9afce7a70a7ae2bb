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

TEST(StringIndex, EveryByteOfAShortKeyMovesItsHash) {
    // text_hash reads keys up to 16 bytes as overlapping words: a change in
    // any one byte, at any length, must change the hash (else two ids that
    // differ there would always share a probe sequence)
    using edurules::detail::text_hash;
    for (std::size_t n = 1; n <= 40; ++n) {
        std::string key(n, 'a');
        for (std::size_t i = 0; i < n; ++i) key[i] = static_cast<char>('a' + i % 26);
        const std::size_t h = text_hash(key);
        for (std::size_t i = 0; i < n; ++i) {
            std::string other = key;
            other[i] = static_cast<char>(other[i] ^ 0x01);
            EXPECT_NE(text_hash(other), h) << "length " << n << ", byte " << i;
        }
        EXPECT_NE(text_hash(key + 'a'), h) << "length " << n << " and one more";
    }
    EXPECT_NE(text_hash(""), text_hash(std::string(1, '\0')));
}

TEST(StringIndex, SequentialIdsSpreadOverTheTable) {
    // SEU numbers and ids come in runs (SEU-100000, SEU-100001, ...): their
    // hashes must not crowd a few slots of a half-full table
    using edurules::detail::text_hash;
    constexpr std::size_t n = 4096, slots = 2 * n;
    std::vector<int> used(slots, 0);
    for (std::size_t i = 0; i < n; ++i) ++used[text_hash("SEU-" + std::to_string(100000 + i)) & (slots - 1)];
    std::size_t empty = 0;
    for (const int u : used) empty += u == 0 ? 1 : 0;
    // a random hash leaves about slots * e^-0.5 = 61% of the slots empty
    EXPECT_GT(empty, slots * 55 / 100);
    EXPECT_LT(empty, slots * 67 / 100);
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

TEST(FlatSet, ReserveKeepsWhatIsThereAndMakesNothingForNone) {
    flat_set<key3, key3_hash> s(key3{UINT32_MAX, UINT32_MAX, UINT32_MAX});
    s.reserve(0);
    EXPECT_FALSE(s.contains({0, 0, 0}));  // still no table
    for (std::uint32_t i = 0; i < 5; ++i) EXPECT_TRUE(s.insert({i, i, i}));
    s.reserve(1000);  // rehashes the five into a larger table
    EXPECT_EQ(s.size(), 5u);
    for (std::uint32_t i = 0; i < 5; ++i) EXPECT_TRUE(s.contains({i, i, i}));
    for (std::uint32_t i = 5; i < 1000; ++i) EXPECT_TRUE(s.insert({i, i, i}));
    for (std::uint32_t i = 0; i < 1000; ++i) EXPECT_FALSE(s.insert({i, i, i}));
    s.reserve(10);  // smaller than what it has: nothing changes
    EXPECT_EQ(s.size(), 1000u);
    EXPECT_TRUE(s.contains({999, 999, 999}));
}

TEST(StringIndex, SameTextSeesEveryByteAndTheLength) {
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string a(n, 'x'), b(n, 'x');
        for (std::size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<char>('A' + i);
        EXPECT_TRUE(edurules::detail::same_text(a, b)) << n;  // equal, in two buffers
        for (std::size_t i = 0; i < n; ++i) {
            std::string c = b;
            c[i] ^= 0x20;
            EXPECT_FALSE(edurules::detail::same_text(a, c)) << n << " " << i;
        }
        EXPECT_FALSE(edurules::detail::same_text(a, a + "A")) << n;  // a prefix is not the text
        EXPECT_FALSE(edurules::detail::same_text(std::string_view(a).substr(0, n / 2), a.substr(0, n / 2) + '\0')) << n;
    }
}
