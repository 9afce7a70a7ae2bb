// Small open-addressing tables for the per-request lookups (a dossier's ids,
// the bookings made): one allocation per table instead of one per entry,
// which is most of what a JSON request of a few dozen records allocates.
// Linear probing over a power-of-two table kept at most half full.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

#include "edurules/core/short_text.hpp"

namespace edurules::detail {

/// The table size (a power of two, at least 8) that keeps `n` entries at
/// most half full.
constexpr std::size_t half_full_capacity(std::size_t n) { return std::bit_ceil(std::max<std::size_t>(8, 2 * n)); }

/// Positions by text key. The keys are views: what they view must outlive
/// the index unchanged. Made with room for its entries (a dossier's ids are
/// counted first), it doubles only when given more. Up to four entries (the
/// table's smallest size, eight slots) it holds them in place: a request of
/// a few records allocates nothing here.
class string_index {
public:
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
    /// Room for `n` entries.
    explicit string_index(std::size_t n = 0) : cap_(half_full_capacity(n)) {
        if (cap_ > in_place) heap_ = std::make_unique<slot[]>(cap_);
    }
    string_index(string_index&&) noexcept = default;
    string_index& operator=(string_index&&) noexcept = default;
    /// Adds key -> pos unless the key is there; returns the position now
    /// stored for the key (`pos` when added). Adding beyond the `n` given at
    /// construction doubles the table.
    std::size_t emplace(std::string_view key, std::size_t pos) {
        if (2 * (size_ + 1) > cap_) grow();
        const std::size_t h = text_hash(key);
        slot* const t = table();
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            slot& s = t[i];
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
        const slot* const t = table();
        for (std::size_t i = h & mask();; i = (i + 1) & mask()) {
            const slot& s = t[i];
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
    static constexpr std::size_t in_place = 8;  ///< the smallest table
    static_assert(half_full_capacity(0) == in_place);
    slot* table() noexcept { return heap_ ? heap_.get() : place_.data(); }
    const slot* table() const noexcept { return heap_ ? heap_.get() : place_.data(); }
    std::size_t mask() const noexcept { return cap_ - 1; }
    void grow() {
        string_index bigger(cap_);  // room for cap_ entries: twice the slots
        const slot* const t = table();
        for (std::size_t i = 0; i < cap_; ++i)
            if (t[i].pos != npos) bigger.emplace(t[i].key, t[i].pos);
        *this = std::move(bigger);
    }
    std::size_t cap_;
    std::size_t size_ = 0;
    std::unique_ptr<slot[]> heap_;
    std::array<slot, in_place> place_{};
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
