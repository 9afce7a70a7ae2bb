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

/// The first and the last word of `n` bytes at `p` (sizeof(Word) <= n <=
/// 2 sizeof(Word)): between them they hold every byte, overlapping when n
/// is less than two words.
template <class Word>
struct end_words {
    Word first, last;
    end_words(const char* p, std::size_t n) noexcept {
        std::memcpy(&first, p, sizeof(Word));
        std::memcpy(&last, p + n - sizeof(Word), sizeof(Word));
    }
    void store(char* p, std::size_t n) const noexcept {
        std::memcpy(p, &first, sizeof(Word));
        std::memcpy(p + n - sizeof(Word), &last, sizeof(Word));
    }
    bool operator==(const end_words& o) const noexcept { return ((first ^ o.first) | (last ^ o.last)) == 0; }
};

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
        const end_words<std::uint64_t> w(p, n);
        a = w.first, b = w.last;
    } else if (n >= 4) {
        const end_words<std::uint32_t> w(p, n);
        a = w.first, b = w.last;
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

/// Whether two key texts are equal: up to 16 bytes inline (by two
/// overlapping words each from 4 bytes on), where operator== calls memcmp
/// for every found key.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n > 16) return a == b;
    if (n < 4)  // bytes 0, n / 2 and n - 1 are every byte of 0 to 3
        return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
    if (n >= 8) return end_words<std::uint64_t>(a.data(), n) == end_words<std::uint64_t>(b.data(), n);
    return end_words<std::uint32_t>(a.data(), n) == end_words<std::uint32_t>(b.data(), n);
}

/// Copies `s` to `p`. Up to 16 bytes by two overlapping moves, with no call
/// to memcpy (most pieces of a response or a sentence are that short).
inline void copy_short(char* p, std::string_view s) noexcept {
    const char* q = s.data();
    const std::size_t n = s.size();
    if (n >= 8 && n <= 16) {
        end_words<std::uint64_t>(q, n).store(p, n);
    } else if (n >= 4 && n < 8) {
        end_words<std::uint32_t>(q, n).store(p, n);
    } else if (n < 4) {
        for (std::size_t i = 0; i < n; ++i) p[i] = q[i];
    } else {
        std::memcpy(p, q, n);
    }
}

/// A piece of text spelt in the code ("booked "_fixed): its bytes, its
/// length and whether it is plain (printable ASCII without a quote or a backslash:
/// nothing a JSON string escapes), all known when compiling, so that a
/// writer copies it in a few moves and checks nothing. constexpr, not
/// consteval: clang 14 (the fuzz and sanitizer builds) emitted calls to the
/// consteval operator from the unity build and failed to link.
struct fixed_text {
    const char* data;
    std::size_t size;
    bool plain;
    constexpr operator std::string_view() const noexcept { return {data, size}; }
};

namespace text_literals {
constexpr fixed_text operator""_fixed(const char* s, std::size_t n) {
    bool plain = true;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }
    return {s, n, plain};
}
}  // namespace text_literals

}  // namespace edurules::detail
