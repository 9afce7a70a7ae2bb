// Private: the building blocks of the fast request reader (fast_request.cpp,
// fast_leave.cpp): typed reads of simdjson On-Demand values that decline
// (throw fast::declined) on anything but the plain, expected shape.
#pragma once

#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/short_text.hpp"
#include "fast_request.hpp"

namespace edurules::io::detail::fast {

namespace od = simdjson::ondemand;

/// Thrown when the fast reader is not sure: the document reader decides.
struct declined {};
[[noreturn]] inline void doubt() { throw declined{}; }

template <class T>
T take(simdjson::simdjson_result<T>&& r) {
    T v;
    if (std::move(r).get(v)) doubt();
    return v;
}
template <class T>
T known(std::optional<T>&& v) {
    if (!v) doubt();
    return std::move(*v);
}

template <std::size_t N>
using names = std::array<std::string_view, N>;

/// The index of `key` in `known` (N when it is not there), compared inline
/// (same_text: no call to memcmp for each candidate name).
template <std::size_t N>
std::size_t index_of(const names<N>& known, std::string_view key) {
    for (std::size_t i = 0; i < N; ++i)
        if (edurules::detail::same_text(known[i], key)) return i;
    return N;
}

/// The length of the string whose text starts at `first` (just after its
/// opening quote; stage 1 has found the closing one), read in place; declines
/// a string with an escape, or, with `controls`, a control character before
/// its closing quote. Sixteen bytes at a time where SSE2 is there (every
/// x86-64): a block may run past the string, never past the buffer, as the
/// request is read from a copy padded with SIMDJSON_PADDING written bytes
/// (fast_decode), so that no block reads a byte never written.
inline std::size_t plain_length(const char* first, bool controls) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20),
                  minus_one = _mm_set1_epi8(-1);
    for (std::size_t at = 0;; at += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(first + at));
        const auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
        __m128i bad = _mm_cmpeq_epi8(v, backslash);
        if (controls)  // 0x00..0x1f: below 0x20 and not negative (the bytes of UTF-8 sequences are)
            bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmplt_epi8(v, space), _mm_cmpgt_epi8(v, minus_one)));
        const auto bads = static_cast<unsigned>(_mm_movemask_epi8(bad));
        if (quotes != 0) {
            if (bads & ((quotes & (0u - quotes)) - 1)) doubt();  // one before the first quote
            return at + static_cast<std::size_t>(__builtin_ctz(quotes));
        }
        if (bads != 0) doubt();
    }
#else
    const char* p = first;
    for (; *p != '"'; ++p)
        if (*p == '\\' || (controls && static_cast<unsigned char>(*p) < 0x20)) doubt();
    return static_cast<std::size_t>(p - first);
#endif
}

/// A member's name as it stands in the request, read in place: the names of
/// the formats are plain ASCII, so a name with an escape is declined (the
/// document reader unescapes it and names it in its error).
inline std::string_view raw_key(const od::field& f) {
    const char* const first = f.key().raw();
    return {first, plain_length(first, false)};
}

/// Calls each(k, value) for every member of the object `v`, k its index in
/// `known`; declines on a name not in `known` or given twice.
template <std::size_t N, class F>
void members(od::value v, const names<N>& known, F&& each) {
    static_assert(N <= 32);
    od::object o = take(v.get_object());
    std::uint32_t seen = 0;
    for (auto field : o) {
        od::field f = take(std::move(field));
        const std::size_t k = index_of(known, raw_key(f));
        if (k == N || (seen >> k & 1u)) doubt();
        seen |= 1u << k;
        each(k, f.value());
    }
}

/// Calls each(value) for every element of the list `v`.
template <class F>
void elements(od::value v, F&& each) {
    od::array a = take(v.get_array());
    for (auto element : a) each(take(std::move(element)));
}

/// A string value that holds no escape and no control character, read in
/// place (dates, clock times: an escape in them is declined, and the
/// document reader unescapes and decides). Stage 1 has found the closing
/// quote, so the scan stays within the string.
inline std::string_view plain(od::value v) {
    const char* const first = take(v.get_raw_json_string()).raw();
    return {first, plain_length(first, true)};
}

/// Text without control characters (raw or escaped: the rare text with them
/// goes to the document reader).
inline std::string_view text(od::value v) {
    const std::string_view s = take(v.get_string());
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20) doubt();
    return s;
}
inline std::string str(od::value v) { return std::string(text(v)); }

/// Sets the string `to` (a record's field, just made) to `s`: cleared and
/// appended, a room check and a copy, where assigning goes through the
/// string's general replace (most of the cost of reading a short id).
inline void set_text(std::string& to, std::string_view s) {
    to.clear();
    to.append(s.data(), s.size());
}

/// Text that may hold escaped control characters (a CSV upload's line ends),
/// but no raw ones (which JSON does not allow).
inline std::string_view text_with_controls(od::value v) {
    const std::string_view raw = v.raw_json_token();
    const std::size_t end = raw.rfind('"');
    if (end == std::string_view::npos) doubt();
    for (std::size_t i = 0; i < end; ++i)
        if (static_cast<unsigned char>(raw[i]) < 0x20) doubt();
    return take(v.get_string());
}

inline date day(od::value v) { return known(parse_iso_date(plain(v))); }
inline bool flag(od::value v) { return take(v.get_bool()); }

/// A plain whole number 0 .. 2^53 (no sign, fraction or exponent).
inline std::int64_t count(od::value v) {
    const std::uint64_t n = take(v.get_uint64());
    if (n > (std::uint64_t{1} << 53)) doubt();
    return static_cast<std::int64_t>(n);
}

/// An exact decimal given as text ("1.5") or as a plain whole number.
inline decimal number(od::value v) {
    if (take(v.type()) == od::json_type::string) return known(decimal::parse(text(v)));
    return decimal{count(v), 0};
}

/// The leave kinds (leave.evaluate, leave.entitlement, ...).
bool is_leave_kind(std::string_view kind);  // fast_leave.cpp
/// The workers list of a leave request; `years` gets each worker's own
/// school_year (nullopt: the request's).
std::vector<leave::worker> leave_workers(const engine& e, od::value v, std::vector<std::optional<school_year>>& years);
/// Whether the document reader accepts the decoded workers of `r` (facts
/// checks, each worker once per school year); fills r.years.
bool leave_workers_accepted(const engine& e, leave_request& r, const std::vector<std::optional<school_year>>& years);

}  // namespace edurules::io::detail::fast
