// Short texts (ids, codes, names: mostly up to 16 bytes) hashed, compared
// and copied inline, by two overlapping words where the library calls would
// loop over bytes or call memcpy/memcmp for each one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace edurules::detail {

/// The hash of a key text. Keys are mostly short ids (SEU numbers,
/// activity and recognition ids): up to 16 bytes they are read as two
/// overlapping words (every byte in one, the length mixed in) and mixed by
/// one wide multiplication, inline; std::hash calls out to a byte loop for
/// each. Longer keys keep std::hash.
inline std::size_t text_hash(std::string_view key) noexcept {
    const std::size_t n = key.size();
    if (n > 16) return std::hash<std::string_view>{}(key);
    const char* p = key.data();
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
        std::uint32_t x, y;
        std::memcpy(&x, p, 4);
        std::memcpy(&y, p + n - 4, 4);
        a = x;
        b = y;
    } else if (n > 0) {
        a = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
            std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 | static_cast<unsigned char>(p[n - 1]);
    }
    // the words' product (64 x 64 -> 128 bits) with both halves folded in: every
    // bit of each word reaches the low bits the table uses. A factor is 0 only
    // for one value of `a`; `b` added after keeps such keys apart.
    __extension__ typedef unsigned __int128 u128;
    const u128 m = static_cast<u128>(a ^ 0xa0761d6478bd642full) * static_cast<u128>(b ^ (0xe7037ed1a0b428dbull + n));
    return static_cast<std::size_t>((static_cast<std::uint64_t>(m) ^ static_cast<std::uint64_t>(m >> 64)) + b);
}

/// Whether two key texts are equal: up to 16 bytes by two overlapping words
/// each, inline, where operator== calls memcmp for every found key.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n > 16 || n < 4) return a == b;
    const char *p = a.data(), *q = b.data();
    if (n >= 8) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, p, 8);
        std::memcpy(&a1, p + n - 8, 8);
        std::memcpy(&b0, q, 8);
        std::memcpy(&b1, q + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    std::uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, p, 4);
    std::memcpy(&a1, p + n - 4, 4);
    std::memcpy(&b0, q, 4);
    std::memcpy(&b1, q + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/// Copies `s` to `p`. Up to 16 bytes by two overlapping moves, with no call
/// to memcpy (most pieces of a response or a sentence are that short).
inline void copy_short(char* p, std::string_view s) noexcept {
    const char* q = s.data();
    const std::size_t n = s.size();
    if (n >= 8 && n <= 16) {
        std::uint64_t a, b;
        std::memcpy(&a, q, 8);
        std::memcpy(&b, q + n - 8, 8);
        std::memcpy(p, &a, 8);
        std::memcpy(p + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        std::uint32_t a, b;
        std::memcpy(&a, q, 4);
        std::memcpy(&b, q + n - 4, 4);
        std::memcpy(p, &a, 4);
        std::memcpy(p + n - 4, &b, 4);
    } else if (n < 4) {
        for (std::size_t i = 0; i < n; ++i) p[i] = q[i];
    } else {
        std::memcpy(p, q, n);
    }
}

}  // namespace edurules::detail
