// UTF-8 validation (include/edurules/io/utf8.hpp): simdjson's vectorised
// validator answers for valid text, the common case; only invalid text is
// walked byte by byte to find where it goes wrong.
#include "edurules/io/utf8.hpp"

#include <simdjson.h>

#include <cstdint>
#include <cstring>

namespace edurules::io {

namespace {

/// The byte-by-byte walk: the lead byte fixes the length and the allowed
/// range of the second byte, which rules out overlong forms, surrogates and
/// code points above U+10FFFF (RFC 3629; table 3-7 of the Unicode standard).
std::size_t first_invalid(const unsigned char* s, std::size_t n) noexcept {
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {  // mostly ASCII: eight bytes at a time
            std::uint64_t word;
            std::memcpy(&word, s + i, sizeof word);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view s) noexcept {
    if (simdjson::validate_utf8(s.data(), s.size())) return std::string_view::npos;
    return first_invalid(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

}  // namespace edurules::io
