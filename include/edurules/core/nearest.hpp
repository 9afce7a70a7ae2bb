// The nearest valid name to a misspelt one ("untill" -> "until"), for error
// messages that refuse an unknown member, option or code.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edurules {

/// Edit distance (insertions, deletions, substitutions, adjacent swaps),
/// case-insensitive; names longer than 64 characters count as far.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    constexpr std::size_t cap = 64;
    if (a.size() > cap || b.size() > cap) return cap;
    std::array<std::array<std::size_t, cap + 1>, cap + 1> d;  // every cell read is written first: not zeroed
    const auto low = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

/// The known name closest to `name` however far (the first of equals), and
/// its distance; empty when `known` is.
template <class Names>
std::pair<std::string_view, std::size_t> closest_name(std::string_view name, const Names& known) {
    std::string_view best;
    std::size_t best_d = SIZE_MAX;
    for (const auto& k : known) {
        const std::string_view kv(k);
        const std::size_t d = edit_distance(name, kv);
        if (d < best_d) best = kv, best_d = d;
    }
    return {best, best_d};
}

/// The known name closest to `name`, or empty when none is close (at most a
/// third of the name's length away, and at least 1 allowed).
template <class Names>
std::string_view nearest_name(std::string_view name, const Names& known) {
    const auto [best, d] = closest_name(name, known);
    return d <= std::max<std::size_t>(1, name.size() / 3) ? best : std::string_view();
}

/// " (did you mean \"x\"?)" or empty.
template <class Names>
std::string did_you_mean(std::string_view name, const Names& known) {
    const std::string_view n = nearest_name(name, known);
    return n.empty() ? std::string() : " (did you mean \"" + std::string(n) + "\"?)";
}

/// Why value `value` is refused among `known`: ` (did you mean "x"?); one of
/// a, b, c` (the suggestion only when one is close).
template <class Names>
std::string one_of(std::string_view value, const Names& known) {
    std::string names;
    for (std::string_view k : known) names.append(names.empty() ? "" : ", ").append(k);
    return did_you_mean(value, known) + "; one of " + names;
}
/// The same for a list written as one text ("a, b, c").
inline std::string one_of(std::string_view value, std::string_view allowed) {
    std::vector<std::string_view> known;
    for (std::size_t at = 0; at < allowed.size();) {
        std::size_t end = allowed.find(',', at);
        if (end == std::string_view::npos) end = allowed.size();
        std::string_view k = allowed.substr(at, end - at);
        while (!k.empty() && k.front() == ' ') k.remove_prefix(1);
        while (!k.empty() && k.back() == ' ') k.remove_suffix(1);
        if (!k.empty()) known.push_back(k);
        at = end + 1;
    }
    return one_of(value, known);
}

/// Why member `name` of an object is refused: `unknown member (did you mean
/// "x"?); known members: a, b, c` (the suggestion only when one is close).
/// One wording for every reader (requests, dossiers, rulebooks); `of` names
/// whose members they are when the object is a request of one kind
/// (`unknown member of a pe.status request (did you mean ...`).
template <class Names>
std::string unknown_member(std::string_view name, const Names& known, std::string_view of = {}) {
    std::string names;
    for (std::string_view k : known) names.append(names.empty() ? "" : ", ").append(k);
    return "unknown member" + (of.empty() ? std::string() : " of a " + std::string(of)) + did_you_mean(name, known) +
           "; known members: " + names;
}

}  // namespace edurules
