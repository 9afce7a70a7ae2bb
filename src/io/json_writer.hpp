// Private: a streaming JSON writer into a reused std::string or straight into
// memory its owner grows (io::out_buffer: the C ABI's edr_buf), for responses
// written without building a document tree. Pieces are placed in the memory
// directly (a fixed-size copy per key or value, one room check, instead of a
// string append with its capacity check): call finish() once the document is
// written, before the string is read. Its output is byte for byte what
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
#include "edurules/core/decimal.hpp"
#include "edurules/core/short_text.hpp"
#include "edurules/io/out_buffer.hpp"

namespace edurules::io {

namespace detail_writer {
/// Whether every byte of the word `x` stands in a JSON string as is: none is
/// a control character, `"`, `\` or a byte of a multi-byte UTF-8 sequence
/// (>= 0x80, which string_body checks for validity). Branch-free: a byte
/// below 0x20, or equal to `"` or `\` after the xor, borrows in the
/// subtraction and sets its high bit; no byte borrows unless one of them is
/// there (the usual test for a zero byte), so there is no false alarm.
template <class Word>
constexpr bool plain_word(Word x) noexcept {
    constexpr Word ones = static_cast<Word>(~Word{0} / 255), high = static_cast<Word>(ones * 0x80);
    const Word low = static_cast<Word>(x - ones * 0x20);
    const Word quote = static_cast<Word>((x ^ static_cast<Word>(ones * '"')) - ones);
    const Word backslash = static_cast<Word>((x ^ static_cast<Word>(ones * '\\')) - ones);
    return ((((low | quote | backslash) & ~x) | x) & high) == 0;
}

/// Copies the short text `s` (at most 16 bytes) quoted to `p` when it holds
/// nothing to escape (plain_word) and returns the end; nullptr, having
/// written nothing, when it does. Reads only the bytes of `s`.
inline char* quoted_short(char* p, std::string_view s) noexcept {
    const char* q = s.data();
    const std::size_t n = s.size();
    if (n >= 8) {
        const edurules::detail::end_words<std::uint64_t> w(q, n);
        if (!plain_word(w.first) || !plain_word(w.last)) return nullptr;
        w.store(p + 1, n);
    } else if (n >= 4) {
        const edurules::detail::end_words<std::uint32_t> w(q, n);
        if (!plain_word(w.first) || !plain_word(w.last)) return nullptr;
        w.store(p + 1, n);
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(q[i]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return nullptr;
            p[i + 1] = q[i];
        }
    }
    p[0] = '"';
    p[n + 1] = '"';
    return p + n + 2;
}

/// Copies `s` to `p` and says whether it holds nothing to escape or check
/// (plain_text), each word loaded once for both (up to 16 bytes inline).
bool copy_plain_long(char* p, std::string_view s) noexcept;
inline bool copy_plain(char* p, std::string_view s) noexcept {
    const char* q = s.data();
    const std::size_t n = s.size();
    if (n > 16) return copy_plain_long(p, s);
    if (n >= 8) {
        const edurules::detail::end_words<std::uint64_t> w(q, n);
        w.store(p, n);
        return plain_word(w.first) & plain_word(w.last);
    }
    if (n >= 4) {
        const edurules::detail::end_words<std::uint32_t> w(q, n);
        w.store(p, n);
        return plain_word(w.first) & plain_word(w.last);
    }
    bool plain = true;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(q[i]);
        plain &= c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
        p[i] = q[i];
    }
    return plain;
}

/// Whether `s` holds nothing to escape or check (plain_word's bytes): up to
/// 16 bytes by words inline, longer ones by json_writer.cpp's scan.
bool plain_long(std::string_view s) noexcept;
inline bool plain_text(std::string_view s) noexcept {
    const char* q = s.data();
    const std::size_t n = s.size();
    if (n > 16) return plain_long(s);
    if (n >= 8) {
        const edurules::detail::end_words<std::uint64_t> w(q, n);
        return plain_word(w.first) && plain_word(w.last);
    }
    if (n >= 4) {
        const edurules::detail::end_words<std::uint32_t> w(q, n);
        return plain_word(w.first) && plain_word(w.last);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(q[i]);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return false;
    }
    return true;
}
}  // namespace detail_writer

class json_writer {
    /// What goes before a member or an element (next_gap).
    struct gap {
        bool comma = false, line = false;
    };

public:
    /// Appends to `out`; `indent` < 0 writes compact JSON, else one member per
    /// line indented by `indent` spaces per level (nlohmann's dump(indent)).
    explicit json_writer(std::string& out, int indent = -1) : n_(out.size()), start_(n_), indent_(indent) {
        own_.emplace(out);  // the string's size is its capacity while written
        out_ = &*own_;
        str_ = &out;
        buf_ = out_->ptr;
        cap_ = out_->cap;
    }
    /// Writes into `out` from byte `at` on; size() is where it ends.
    json_writer(out_buffer& out, std::size_t at, int indent = -1)
        : n_(at), buf_(out.ptr), cap_(out.cap), out_(&out), start_(at), indent_(indent) {}
    json_writer(const json_writer&) = delete;
    json_writer& operator=(const json_writer&) = delete;
    /// A string written to and not finished (an exception) is left as it was.
    ~json_writer() {
        if (str_ && !finished_) str_->resize(start_ < str_->size() ? start_ : str_->size());
    }

    /// Sets the string's size to what was written: call it when the document
    /// is written (the destructor does not, so that a writer left by an
    /// exception adds nothing to the string).
    void finish() {
        finished_ = true;
        if (own_) own_->done(n_);
    }
    /// Where the writing ends (in the string or the out_buffer).
    std::size_t size() const noexcept { return n_; }

    json_writer& begin_object() { return open('{'); }
    json_writer& end_object() { return close('}'); }
    json_writer& begin_array() { return open('['); }
    json_writer& end_array() { return close(']'); }

    /// The name of the next member; the next call writes its value.
    /// `name` is a member name of the formats: plain ASCII, nothing to escape.
    json_writer& key(std::string_view name) { return key_n(name.data(), name.size()); }
    /// A member name spelt in the code (a string literal: never a char buffer,
    /// whose length would be taken whole): its length is known when
    /// compiling, so the copy is a few moves instead of a call to memcpy.
    template <std::size_t N>
    json_writer& key(const char (&name)[N]) {
        static_assert(N - 1 + 4 <= room);
        return key_n(name, N - 1);
    }
    /// key(name) then value(v). Compact, the comma, the name and a short
    /// value are placed at once (one room check, no key-then-value state).
    template <std::size_t N, class T>
    json_writer& member(const char (&name)[N], const T& v) {
        static_assert(N - 1 + 4 <= room / 2);
        if (indent_ < 0 && depth_ > 0 && !after_key_) {
            if (const std::size_t vb = inline_bound(v); vb != 0) {
                const bool first = empty_;
                char* p = place(N + 3 + vb);
                *p = ',';
                p += first ? 0 : 1;
                *p++ = '"';
                std::memcpy(p, name, N - 1);
                p += N - 1;
                *p++ = '"';
                *p++ = ':';
                if (char* end = inline_value(p, v)) {
                    empty_ = false;
                    n_ = static_cast<std::size_t>(end - buf_);
                    return *this;
                }  // a text to escape: written below, nothing placed yet
            }
        }
        key(name);
        return value(v);
    }

    /// A C text (an enum's name) measured once, not by both the room check and the copy.
    template <std::size_t N>
    json_writer& member(const char (&name)[N], const char* v) {
        return member(name, std::string_view(v));
    }

private:
    /// key()'s one body, inlined so that a literal's length is a constant.
    [[gnu::always_inline]] json_writer& key_n(const char* name, std::size_t len) {
        const gap g = next_gap();
        if (!g.line && len + 4 <= room) {  // compact: comma, quoted name and colon in one place
            char* p = place(len + 4);
            *p = ',';
            p += g.comma ? 1 : 0;
            *p++ = '"';
            std::memcpy(p, name, len);
            p[len] = '"';
            p[len + 1] = ':';
            n_ = static_cast<std::size_t>(p + len + 2 - buf_);
        } else {
            key_gap(g, std::string_view(name, len));
        }
        after_key_ = true;
        return *this;
    }
    /// A key after a new line (indented output) or too long for one place.
    void key_gap(gap g, std::string_view name) {
        write_gap(g);
        put('"');
        put(name);
        put(indent_ < 0 ? std::string_view("\":") : std::string_view("\": "));
    }

public:
    json_writer& value(std::string_view s) {
        separate();
        string_body(s);
        return *this;
    }
    json_writer& value(const std::string& s) { return value(std::string_view(s)); }
    json_writer& value(const char* s) { return value(std::string_view(s)); }
    json_writer& value(bool b) {
        separate();
        put(b ? std::string_view("true") : std::string_view("false"));
        return *this;
    }
    template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) json_writer& value(Int v) {
        separate();
        char* p = place(24);
        n_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - buf_);
        return *this;
    }
    json_writer& null() {
        separate();
        put(std::string_view("null"));
        return *this;
    }
    /// A date as ISO text (YYYY-MM-DD), as to_iso writes it.
    json_writer& value(date d) {
        if (d.is_special()) return value(std::string_view("not-a-date"));
        separate();
        char* p = place(12);
        p[0] = p[11] = '"';
        write_iso(d, p + 1);
        n_ += 12;
        return *this;
    }
    /// A decimal as its canonical text (decimal::to_string), quoted.
    json_writer& value(const decimal& d) {
        const std::size_t need = 25 + static_cast<std::size_t>(d.scale > 0 ? d.scale : 0);  // write_to's room, quoted
        if (need > room) return value(d.to_string());
        separate();
        char* p = place(need);
        *p = '"';
        const std::size_t n = d.write_to(p + 1);
        p[n + 1] = '"';
        n_ += n + 2;
        return *this;
    }
    /// An optional value: null when absent.
    template <class T>
    json_writer& value(const std::optional<T>& v) {
        return v ? value(*v) : null();
    }

    /// A text value written piece by piece (`<< text`, `<< date` as ISO text,
    /// `<< decimal` as its canonical text) straight into the writer, as
    /// value() of the whole text would write it: pieces with nothing to
    /// escape (the usual) are copied as they come; when one has, the text is
    /// taken back at end() and written again by value(). Call end() once the
    /// last piece is written, before anything else is written.
    class text_value {
    public:
        explicit text_value(json_writer& w) : w_(w) {
            w.separate();
            start_ = w.n_;
            w.put('"');
        }
        text_value(const text_value&) = delete;
        text_value& operator=(const text_value&) = delete;
        text_value& operator<<(std::string_view x) {
            plain_ &= detail_writer::copy_plain(w_.place(x.size()), x);
            w_.n_ += x.size();
            return *this;
        }
        /// A piece spelt in the code: copied by its known length, its
        /// plainness known when compiling (nothing checked here).
        [[gnu::always_inline]] text_value& operator<<(edurules::detail::fixed_text x) {
            edurules::detail::copy_short(w_.place(x.size), x);
            w_.n_ += x.size;
            plain_ &= x.plain;
            return *this;
        }
        text_value& operator<<(date d) {
            write_iso(d, w_.place(10));
            w_.n_ += 10;
            return *this;
        }
        text_value& operator<<(const decimal& d) {
            w_.n_ += d.write_to(w_.place(23 + static_cast<std::size_t>(d.scale > 0 ? d.scale : 0)));
            return *this;
        }
        void end() {
            if (plain_) return w_.put('"');
            const std::string text(w_.buf_ + start_ + 1, w_.n_ - start_ - 1);
            w_.n_ = start_;
            w_.string_body(text);
        }

    private:
        json_writer& w_;
        std::size_t start_ = 0;
        bool plain_ = true;
    };

    /// Whether the writer writes compact JSON (value_room may be used).
    bool compact() const noexcept { return indent_ < 0; }
    /// Compact only: room for a value of at most `k` bytes written in place
    /// by the caller from the returned pointer, after its gap (the comma is
    /// placed before it when one is due). Nothing counts as written until
    /// commit(end); a value not committed leaves the writer as it was. The
    /// pointer holds until the writer is next called.
    char* value_room(std::size_t k) {
        const bool comma = !after_key_ && depth_ > 0 && !empty_;
        char* p = place(k + 1);
        *p = ',';
        return p + (comma ? 1 : 0);
    }
    /// The value begun at value_room ends at `end`.
    void commit(char* end) {
        if (after_key_)
            after_key_ = false;
        else if (depth_ > 0)
            empty_ = false;
        n_ = static_cast<std::size_t>(end - buf_);
    }

    /// A value already written as JSON text in this writer's layout (compact only).
    json_writer& raw(std::string_view json_text) {
        separate();
        put(json_text);
        return *this;
    }

    /// key(name) then value(v).
    template <class T>
    json_writer& member(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

private:
    /// The room a value needs when member() writes it in place (0: it does
    /// not; value() writes it). Texts up to 16 bytes; longer ones, special
    /// dates and very long decimals go to value().
    static std::size_t inline_bound(bool) { return 5; }
    template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) static std::size_t inline_bound(Int) { return 24; }
    static std::size_t inline_bound(date d) { return d.is_special() ? 0 : 12; }
    static std::size_t inline_bound(const decimal& d) {
        const std::size_t need = 25 + static_cast<std::size_t>(d.scale > 0 ? d.scale : 0);
        return need <= room / 2 ? need : 0;
    }
    static std::size_t inline_bound(std::string_view s) { return s.size() <= 16 ? s.size() + 2 : 0; }
    static std::size_t inline_bound(const std::string& s) { return inline_bound(std::string_view(s)); }
    static std::size_t inline_bound(const char* s) { return inline_bound(std::string_view(s)); }
    template <class T>
    static std::size_t inline_bound(const std::optional<T>& v) {
        return v ? inline_bound(*v) : 4;
    }

    /// Writes `v` at `p` (inline_bound(v) bytes of room) and returns the end;
    /// nullptr when a text holds something to escape (nothing written).
    static char* inline_value(char* p, bool b) {
        if (b) {
            std::memcpy(p, "true", 4);
            return p + 4;
        }
        std::memcpy(p, "false", 5);
        return p + 5;
    }
    template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) static char* inline_value(char* p, Int v) {
        return std::to_chars(p, p + 24, v).ptr;
    }
    static char* inline_value(char* p, date d) {
        p[0] = p[11] = '"';
        write_iso(d, p + 1);
        return p + 12;
    }
    static char* inline_value(char* p, const decimal& d) {
        *p = '"';
        const std::size_t n = d.write_to(p + 1);
        p[n + 1] = '"';
        return p + n + 2;
    }
    static char* inline_value(char* p, std::string_view s) { return detail_writer::quoted_short(p, s); }
    static char* inline_value(char* p, const std::string& s) { return detail_writer::quoted_short(p, s); }
    static char* inline_value(char* p, const char* s) { return detail_writer::quoted_short(p, s); }
    template <class T>
    static char* inline_value(char* p, const std::optional<T>& v) {
        if (v) return inline_value(p, *v);
        std::memcpy(p, "null", 4);
        return p + 4;
    }

    json_writer& open(char c) {
        separate();
        put(c);
        ++depth_;
        empty_ = true;
        return *this;
    }
    json_writer& close(char c) {
        --depth_;
        if (!empty_ && indent_ >= 0) newline();
        put(c);
        empty_ = false;
        return *this;
    }
    /// What goes before a member or an element: a comma (not the first in
    /// its container) and, indented, a new line; nothing after a key or at the
    /// top. Marks the container as no longer empty.
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
        if (g.comma) put(',');
        if (g.line) newline();
    }
    /// The gap before a value: nothing after a key (the usual case, inline),
    /// else next_gap's.
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        write_gap(next_gap());
    }
    void newline() {
        put('\n');
        for (std::size_t k = static_cast<std::size_t>(depth_) * static_cast<std::size_t>(indent_); k > 0;) {
            const std::size_t m = k < room ? k : room;
            std::memset(place(m), ' ', m);
            n_ += m;
            k -= m;
        }
    }
    void string_body(std::string_view s);

    static constexpr std::size_t room = 4096;  ///< the most a piece placed at once takes
    /// Where the next `k` bytes go, the memory grown first when they would
    /// not fit. The caller advances n_.
    char* place(std::size_t k) {
        if (k > cap_ - n_) more(k);
        return buf_ + n_;
    }
    [[gnu::noinline]] void more(std::size_t k) {
        out_->grow(n_, n_ + k);
        buf_ = out_->ptr;
        cap_ = out_->cap;
    }
    void put(char c) {
        *place(1) = c;
        ++n_;
    }
    void put(std::string_view s) {
        edurules::detail::copy_short(place(s.size()), s);
        n_ += s.size();
    }

    std::size_t n_;    ///< bytes written at buf_
    char* buf_;        ///< out_'s memory
    std::size_t cap_;  ///< out_'s room
    out_buffer* out_ = nullptr;
    std::optional<string_out> own_;  ///< writing a string: the string as an out_buffer
    std::string* str_ = nullptr;
    std::size_t start_;
    bool finished_ = false;
    int indent_;
    int depth_ = 0;
    bool empty_ = true;       ///< the innermost container has nothing written yet
    bool after_key_ = false;  ///< a key was written, its value comes next
};

}  // namespace edurules::io
