// Small open-addressing tables for the per-request lookups (a dossier's ids,
// the bookings made): one allocation per table instead of one per entry,
// which is most of what a JSON request of a few dozen records allocates.
// Linear probing over a power-of-two table kept at most half full.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <string_view>
#include <vector>

namespace edurules::detail {

/// The table size (a power of two, at least 8) that keeps `n` entries at
/// most half full.
inline std::size_t half_full_capacity(std::size_t n) { return std::bit_ceil(std::max<std::size_t>(8, 2 * n)); }

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

/// Positions by text key. The keys are views: what they view must outlive
/// the index unchanged. Made with room for its entries (a dossier's ids are
/// counted first), it doubles only when given more.
class string_index {
public:
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    /// Room for `n` entries.
    explicit string_index(std::size_t n = 0) : slots_(half_full_capacity(n)) {}

    /// Adds key -> pos unless the key is there; returns the position now
    /// stored for the key (`pos` when added). Adding beyond the `n` given at
    /// construction doubles the table.
    std::size_t emplace(std::string_view key, std::size_t pos) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        const std::size_t h = text_hash(key);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            slot& s = slots_[i];
            if (s.pos == npos) {
                s = {h, key, pos};
                ++size_;
                return pos;
            }
            if (s.hash == h && same_text(s.key, key)) return s.pos;
        }
    }
    /// The position stored for `key`, or npos.
    std::size_t find(std::string_view key) const {
        const std::size_t h = text_hash(key);
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            const slot& s = slots_[i];
            if (s.pos == npos) return npos;
            if (s.hash == h && same_text(s.key, key)) return s.pos;
        }
    }
    std::size_t size() const noexcept { return size_; }

private:
    struct slot {
        std::size_t hash = 0;
        std::string_view key;
        std::size_t pos = npos;
    };
    std::size_t mask() const noexcept { return slots_.size() - 1; }
    void grow() {
        std::vector<slot> old(2 * slots_.size());
        old.swap(slots_);
        size_ = 0;
        for (const slot& s : old)
            if (s.pos != npos) emplace(s.key, s.pos);
    }
    std::vector<slot> slots_;
    std::size_t size_ = 0;
};

/// A set of small fixed-size keys (`Key` with ==), `Hash` mixing them; one
/// key value, `empty`, marks a free slot and may not be inserted.
template <class Key, class Hash>
class flat_set {
public:
    /// Room for `n` entries; with none, the table is made on the first insert
    /// (a request that books nothing allocates nothing here).
    explicit flat_set(Key empty, std::size_t n = 0) : empty_(empty), slots_(n > 0 ? half_full_capacity(n) : 0, empty) {}

    bool contains(const Key& k) const {
        if (slots_.empty()) return false;
        for (std::size_t i = Hash{}(k)&mask();; i = (i + 1) & mask()) {
            if (slots_[i] == k) return true;
            if (slots_[i] == empty_) return false;
        }
    }
    /// Adds `k`; false when it was there.
    bool insert(const Key& k) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        for (std::size_t i = Hash{}(k)&mask();; i = (i + 1) & mask()) {
            if (slots_[i] == k) return false;
            if (slots_[i] == empty_) {
                slots_[i] = k;
                ++size_;
                return true;
            }
        }
    }
    std::size_t size() const noexcept { return size_; }
    /// Room for `n` entries in all without growing (none made for n = 0).
    void reserve(std::size_t n) {
        if (n > 0 && half_full_capacity(n) > slots_.size()) rehash(half_full_capacity(n));
    }

private:
    std::size_t mask() const noexcept { return slots_.size() - 1; }
    void grow() { rehash(slots_.empty() ? half_full_capacity(0) : 2 * slots_.size()); }
    void rehash(std::size_t capacity) {
        std::vector<Key> old(capacity, empty_);
        old.swap(slots_);
        size_ = 0;
        for (const Key& k : old)
            if (!(k == empty_)) insert(k);
    }
    Key empty_;
    std::vector<Key> slots_;
    std::size_t size_ = 0;
};

}  // namespace edurules::detail
