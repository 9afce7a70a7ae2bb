// See json_locate.hpp. A small scanner over text that has already been parsed
// successfully; it never throws and gives up (nullopt) on anything unexpected.
#include "json_locate.hpp"

#include <string>
#include <vector>

namespace edurules::cli {

namespace {

struct segment {
    bool index = false;
    std::size_t n = 0;  ///< the array index
    std::string key;    ///< the member name
};

/// Splits `a.b[2]["c.d"]` into segments; nullopt when the path has another shape.
std::optional<std::vector<segment>> split_path(std::string_view p) {
    std::vector<segment> out;
    std::size_t i = 0;
    while (i < p.size()) {
        if (p[i] == '.') {
            ++i;
        } else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == '"') {
            const std::size_t end = p.find("\"]", i + 2);
            if (end == std::string_view::npos) return std::nullopt;
            out.push_back({false, 0, std::string(p.substr(i + 2, end - i - 2))});
            i = end + 2;
        } else if (p[i] == '[') {
            segment s{true, 0, {}};
            std::size_t j = i + 1;
            if (j >= p.size() || p[j] < '0' || p[j] > '9') return std::nullopt;
            for (; j < p.size() && p[j] >= '0' && p[j] <= '9'; ++j) {
                if (s.n > 100000000) return std::nullopt;
                s.n = s.n * 10 + static_cast<std::size_t>(p[j] - '0');
            }
            if (j >= p.size() || p[j] != ']') return std::nullopt;
            out.push_back(s);
            i = j + 1;
        } else {
            std::size_t j = i;
            while (j < p.size() && p[j] != '.' && p[j] != '[') ++j;
            out.push_back({false, 0, std::string(p.substr(i, j - i))});
            i = j;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

struct scanner {
    std::string_view t;
    std::size_t i = 0;

    void ws() {
        while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
    }
    /// A string at i; its text with the simple escapes undone.
    std::optional<std::string> string() {
        if (i >= t.size() || t[i] != '"') return std::nullopt;
        std::string s;
        for (++i; i < t.size(); ++i) {
            if (t[i] == '"') {
                ++i;
                return s;
            }
            if (t[i] == '\\' && i + 1 < t.size()) ++i;
            s += t[i];
        }
        return std::nullopt;
    }
    /// Skips one value at i (iteratively, strings respected).
    bool skip() {
        ws();
        if (i >= t.size()) return false;
        if (t[i] == '"') return string().has_value();
        if (t[i] != '{' && t[i] != '[') {
            while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
                   t[i] != '\r' && t[i] != '\t')
                ++i;
            return true;
        }
        std::size_t depth = 0;
        while (i < t.size()) {
            const char c = t[i];
            if (c == '"') {
                if (!string()) return false;
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++i;
                    return true;
                }
            }
            ++i;
        }
        return false;
    }
    /// Moves to the member `key` of the object at i; returns the key's offset.
    std::optional<std::size_t> member(const std::string& key) {
        ws();
        if (i >= t.size() || t[i] != '{') return std::nullopt;
        ++i;
        for (;;) {
            ws();
            const std::size_t at = i;
            const auto k = string();
            if (!k) return std::nullopt;
            ws();
            if (i >= t.size() || t[i] != ':') return std::nullopt;
            ++i;
            ws();
            if (*k == key) return at;
            if (!skip()) return std::nullopt;
            ws();
            if (i >= t.size() || t[i] != ',') return std::nullopt;
            ++i;
        }
    }
    /// Moves to element n of the array at i; returns its offset.
    std::optional<std::size_t> element(std::size_t n) {
        ws();
        if (i >= t.size() || t[i] != '[') return std::nullopt;
        ++i;
        for (std::size_t k = 0;; ++k) {
            ws();
            if (k == n) return i;
            if (!skip()) return std::nullopt;
            ws();
            if (i >= t.size() || t[i] != ',') return std::nullopt;
            ++i;
        }
    }
};

}  // namespace

std::optional<std::size_t> locate_json_path(std::string_view text, std::string_view path) {
    const auto segs = split_path(path);
    if (!segs) return std::nullopt;
    scanner s{text};
    std::optional<std::size_t> at;
    for (const auto& seg : *segs) {
        at = seg.index ? s.element(seg.n) : s.member(seg.key);
        if (!at) return std::nullopt;
    }
    return at;
}

}  // namespace edurules::cli
