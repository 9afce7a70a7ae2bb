// Private: checks on JSON text before nlohmann parses it, shared by the
// rulebook parser and the request codecs, and a non-recursive way to quote a
// value in an error message.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/error.hpp"

namespace edurules::detail {

/// Deepest nesting of arrays and objects accepted. Real documents nest a
/// handful of levels; the limit keeps recursive code (error quoting, callers'
/// walks) far from the stack's end. Not a legal number: a resource bound.
inline constexpr std::size_t max_json_depth = 64;

/// Refuses a NUL byte (nlohmann would take it for the end of the input and
/// ignore the rest) and nesting deeper than max_json_depth, with the byte
/// offset. One linear pass that skips over strings.
inline void check_json_text(std::string_view text, std::string_view what) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0')
            throw error(errc::parse, std::string(what), "a NUL byte inside the JSON text", -1,
                        static_cast<std::int64_t>(i));
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max_json_depth)
                throw error(errc::parse, std::string(what),
                            "nested more than " + std::to_string(max_json_depth) + " levels deep", -1,
                            static_cast<std::int64_t>(i));
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

/// Parses JSON text after check_json_text; every nlohmann failure (syntax,
/// invalid UTF-8, a number beyond a double) becomes errc::parse with a byte offset.
inline nlohmann::json parse_checked(std::string_view text, std::string_view what) {
    check_json_text(text, what);
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw error(errc::parse, std::string(what), std::string("malformed JSON: ") + e.what(), -1,
                    static_cast<std::int64_t>(e.byte));
    } catch (const nlohmann::json::exception& e) {
        throw error(errc::parse, std::string(what), std::string("unreadable JSON: ") + e.what());
    }
}

/// A short quote of a value for an error message: scalars as JSON text,
/// containers by their kind and size (never walked, so never deep).
inline std::string quote_value(const nlohmann::json& j) {
    if (j.is_array()) return "a list of " + std::to_string(j.size()) + " item(s)";
    if (j.is_object()) return "an object with " + std::to_string(j.size()) + " member(s)";
    std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

/// Edit distance (insertions, deletions, substitutions and transpositions of
/// neighbours) between two short names, for "did you mean" hints. Names longer
/// than 64 bytes are not compared (distance = the longer length).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > 64 || b.size() > 64) return std::max(a.size(), b.size());
    const std::size_t w = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t v = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1,
                                      d[(i - 1) * w + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            d[i * w + j] = v;
        }
    return d[a.size() * w + b.size()];
}

/// The known name nearest to `name`.
inline std::string_view nearest_name(std::string_view name, std::initializer_list<std::string_view> known) {
    std::string_view best;
    std::size_t best_d = SIZE_MAX;
    for (auto k : known) {
        const std::size_t d = edit_distance(name, k);
        if (d < best_d) best_d = d, best = k;
    }
    return best;
}

/// Refuses a member of `obj` that is not in `known`, as errc `code` at
/// `field`.<member>, naming the nearest known name.
inline void check_members(const nlohmann::json& obj, std::initializer_list<std::string_view> known,
                          const std::string& field, errc code) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string& key = it.key();
        if (std::find(known.begin(), known.end(), std::string_view(key)) != known.end()) continue;
        std::string shown = quote_value(nlohmann::json(key));
        throw error(code, field + "." + key,
                    "unknown member " + shown + "; the nearest known name is \"" +
                        std::string(nearest_name(key, known)) + "\"");
    }
}

}  // namespace edurules::detail
