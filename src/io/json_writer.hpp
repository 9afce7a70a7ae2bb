// Private: a streaming JSON writer into a reused std::string, for responses
// written without building a document tree. Its output is byte for byte what
// nlohmann::json::dump gives for the same document (compact, or indented by
// 2 as dump(2)), so the writers must emit an object's members in nlohmann's
// order: sorted by name (bytewise).
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "edurules/core/calendar.hpp"

namespace edurules::io {

class json_writer {
public:
    /// Appends to `out`; `indent` < 0 writes compact JSON, else one member per
    /// line indented by `indent` spaces per level (nlohmann's dump(indent)).
    explicit json_writer(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

    json_writer& begin_object() { return open('{'); }
    json_writer& end_object() { return close('}'); }
    json_writer& begin_array() { return open('['); }
    json_writer& end_array() { return close(']'); }

    /// The name of the next member; the next call writes its value.
    /// `name` is a member name of the formats: plain ASCII, nothing to escape.
    json_writer& key(std::string_view name) {
        const gap g = next_gap();
        char buf[64];
        if (!g.line && name.size() + 4 <= sizeof buf) {  // compact: comma, quoted name and colon in one append
            std::size_t n = 0;
            if (g.comma) buf[n++] = ',';
            buf[n++] = '"';
            std::memcpy(buf + n, name.data(), name.size());
            n += name.size();
            buf[n++] = '"';
            buf[n++] = ':';
            out_.append(buf, n);
        } else {
            write_gap(g);
            out_.append(1, '"').append(name).append(indent_ < 0 ? std::string_view("\":") : std::string_view("\": "));
        }
        after_key_ = true;
        return *this;
    }

    json_writer& value(std::string_view s) {
        separate();
        string_body(s);
        return *this;
    }
    json_writer& value(const std::string& s) { return value(std::string_view(s)); }
    json_writer& value(const char* s) { return value(std::string_view(s)); }
    json_writer& value(bool b) {
        separate();
        out_ += b ? "true" : "false";
        return *this;
    }
    template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) json_writer& value(Int v) {
        separate();
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
        return *this;
    }
    json_writer& null() {
        separate();
        out_ += "null";
        return *this;
    }
    /// A date as ISO text (YYYY-MM-DD), as to_iso writes it.
    json_writer& value(date d) {
        if (d.is_special()) return value(std::string_view("not-a-date"));
        separate();
        const auto ymd = d.year_month_day();
        char buf[12] = {'"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, '"'};
        auto put = [&](std::size_t at, unsigned v, std::size_t width) {
            for (std::size_t i = width; i-- > 0; v /= 10) buf[at + i] = static_cast<char>('0' + v % 10);
        };
        put(1, static_cast<unsigned>(ymd.year), 4);
        put(6, static_cast<unsigned>(ymd.month), 2);
        put(9, static_cast<unsigned>(ymd.day), 2);
        out_.append(buf, sizeof buf);
        return *this;
    }
    /// An optional value: null when absent.
    template <class T>
    json_writer& value(const std::optional<T>& v) {
        return v ? value(*v) : null();
    }

    /// A value already written as JSON text in this writer's layout (compact only).
    json_writer& raw(std::string_view json_text) {
        separate();
        out_ += json_text;
        return *this;
    }

    /// key(name) then value(v).
    template <class T>
    json_writer& member(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

private:
    json_writer& open(char c) {
        separate();
        out_ += c;
        ++depth_;
        empty_ = true;
        return *this;
    }
    json_writer& close(char c) {
        --depth_;
        if (!empty_ && indent_ >= 0) newline();
        out_ += c;
        empty_ = false;
        return *this;
    }
    /// What goes before a member or an element: a comma (not the first in
    /// its container) and, indented, a new line; nothing after a key or at the
    /// top. Marks the container as no longer empty.
    struct gap {
        bool comma = false, line = false;
    };
    gap next_gap() {
        if (after_key_) {
            after_key_ = false;
            return {};
        }
        if (depth_ == 0) return {};
        const gap g{!empty_, indent_ >= 0};
        empty_ = false;
        return g;
    }
    void write_gap(gap g) {
        if (g.comma) out_ += ',';
        if (g.line) newline();
    }
    void separate() { write_gap(next_gap()); }
    void newline() {
        out_ += '\n';
        out_.append(static_cast<std::size_t>(depth_) * static_cast<std::size_t>(indent_), ' ');
    }
    void string_body(std::string_view s);

    std::string& out_;
    int indent_;
    int depth_ = 0;
    bool empty_ = true;       ///< the innermost container has nothing written yet
    bool after_key_ = false;  ///< a key was written, its value comes next
};

}  // namespace edurules::io
