// A seeded generator of PE populations in columns (for benchmarks and parity tests).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "edurules/pe/batch.hpp"

namespace edurules::bench {

struct pe_population {
    std::vector<std::int32_t> diploma, activation, completion_day, renewal_day;
    std::vector<std::int64_t> offsets{0}, points, renewal_offsets{0};

    std::size_t size() const { return diploma.size(); }
    pe::status_columns columns() const {
        return {diploma, activation, offsets, completion_day, points, renewal_offsets, renewal_day};
    }
};

/// n participants with `per` completions each (diplomas 2021..2025, a third
/// activated older diplomas, a third with a renewal request), seeded.
inline pe_population make_pe_population(std::size_t n, int per, std::uint32_t seed = 7) {
    pe_population p;
    std::mt19937 rng(seed);
    const std::int32_t base = pe::to_epoch_day(boost::gregorian::date(2021, 1, 1));
    p.diploma.reserve(n);
    p.activation.reserve(n);
    p.completion_day.reserve(n * static_cast<std::size_t>(per));
    p.points.reserve(n * static_cast<std::size_t>(per));
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t dip = base + static_cast<std::int32_t>(rng() % 1600);
        p.diploma.push_back(dip);
        const bool old = dip < base + 730;
        p.activation.push_back(old && rng() % 3 ? dip + static_cast<std::int32_t>(rng() % 300) : pe::no_day);
        for (int k = 0; k < per; ++k) {
            p.completion_day.push_back(dip + static_cast<std::int32_t>(rng() % 1400));
            p.points.push_back(50 + static_cast<std::int64_t>(rng() % 250));
        }
        p.offsets.push_back(static_cast<std::int64_t>(p.completion_day.size()));
        if (rng() % 3 == 0) p.renewal_day.push_back(dip + 700);
        p.renewal_offsets.push_back(static_cast<std::int64_t>(p.renewal_day.size()));
    }
    return p;
}

struct pe_results {
    std::vector<std::uint8_t> state, reason, renew;
    std::vector<std::int32_t> first, last, left, error;
    std::vector<std::int64_t> earned, short_by;
    explicit pe_results(std::size_t n)
        : state(n), reason(n), renew(n), first(n), last(n), left(n), error(n), earned(n), short_by(n) {}
    pe::status_results spans() { return {state, reason, first, last, earned, short_by, left, renew, error}; }
};

}  // namespace edurules::bench
