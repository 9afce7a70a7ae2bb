// The streaming JSON writer's string escaping (see json_writer.hpp).
#include "json_writer.hpp"

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <nlohmann/json.hpp>

#include "edurules/io/utf8.hpp"

namespace edurules::io {

/// A JSON string as nlohmann's dump writes it without ensure_ascii: `"` and
/// `\` escaped, \b \t \n \f \r short, other control characters as \u00xx,
/// everything else (UTF-8 included) as is. Text that is not valid UTF-8 (the
/// readers refuse it, so it does not occur) is handed to nlohmann, which
/// replaces the invalid bytes with U+FFFD, so that even then the bytes match.
namespace {
/// The bytes string_body must look at: control characters, `"`, `\` and the
/// bytes of multi-byte UTF-8 sequences (checked for validity).
constexpr auto special = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return t;
}();

/// The length of the longest prefix of `s` with no special byte. Sixteen
/// bytes at a time where SSE2 is there (every x86-64): a signed compare
/// below 0x20 also catches the bytes from 0x80 on, which are negative.
std::size_t plain_prefix(std::string_view s) noexcept {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t i = 0;
#if defined(__SSE2__)
    if (n >= 16) {
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
        auto specials = [&](std::size_t at) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
            const __m128i m = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
            return static_cast<unsigned>(_mm_movemask_epi8(m));
        };
        for (; i + 16 <= n; i += 16)
            if (const unsigned bits = specials(i)) return i + static_cast<std::size_t>(__builtin_ctz(bits));
        if (i == n) return n;
        // the last 16 bytes (overlapping what was scanned): no read past the end
        const unsigned bits = specials(n - 16) >> (i - (n - 16));
        return bits ? i + static_cast<std::size_t>(__builtin_ctz(bits)) : n;
    }
#endif
    while (i < n && !special[static_cast<unsigned char>(p[i])]) ++i;
    return i;
}
}  // namespace

bool detail_writer::plain_long(std::string_view s) noexcept { return plain_prefix(s) == s.size(); }
bool detail_writer::copy_plain_long(char* p, std::string_view s) noexcept {
    std::memcpy(p, s.data(), s.size());
    return plain_prefix(s) == s.size();
}

void json_writer::string_body(std::string_view s) {
    if (s.size() <= 16) {  // ids, codes, names: checked a word at a time as they are copied
        if (char* end = detail_writer::quoted_short(place(18), s)) {
            n_ = static_cast<std::size_t>(end - buf_);
            return;
        }
    } else if (plain_prefix(s) == s.size()) {  // the usual text: nothing to escape
        if (s.size() + 2 <= room) {
            char* p = place(s.size() + 2);
            *p = '"';
            edurules::detail::copy_short(p + 1, s);
            p[s.size() + 1] = '"';
            n_ += s.size() + 2;
            return;
        }
        put('"');
        put(s);
        put('"');
        return;
    }
    // a text with something to escape, a block at a time: six bytes at most for each byte
    const std::size_t start = n_;
    put('"');
    bool high = false;
    for (std::size_t at = 0; at < s.size();) {
        const std::size_t block = s.size() - at < room / 8 ? s.size() - at : room / 8;
        char* const first = place(6 * block);
        char* p = first;
        for (const char ch : s.substr(at, block)) {
            const auto c = static_cast<unsigned char>(ch);
            if (!special[c] || c >= 0x80) {
                high |= c >= 0x80;
                *p++ = ch;
                continue;
            }
            *p++ = '\\';
            switch (c) {
                case '"':
                    *p++ = '"';
                    break;
                case '\\':
                    *p++ = '\\';
                    break;
                case '\b':
                    *p++ = 'b';
                    break;
                case '\t':
                    *p++ = 't';
                    break;
                case '\n':
                    *p++ = 'n';
                    break;
                case '\f':
                    *p++ = 'f';
                    break;
                case '\r':
                    *p++ = 'r';
                    break;
                default: {
                    static constexpr char hex[] = "0123456789abcdef";
                    const char esc[5] = {'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                    std::memcpy(p, esc, sizeof esc);
                    p += sizeof esc;
                }
            }
        }
        n_ += static_cast<std::size_t>(p - first);
        at += block;
    }
    put('"');
    if (high && invalid_utf8_at(s) != std::string_view::npos) {  // taken back: nlohmann's replacement
        n_ = start;
        put(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

}  // namespace edurules::io
