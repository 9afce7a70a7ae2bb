// The C shim's exception guard, tested from C++ because C cannot make the
// core throw what it must never let through: unknown exceptions (->
// EDR_E_INTERNAL), std::bad_alloc (-> EDR_E_NOMEM), unknown error codes, and
// messages longer than the error record holds.
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "capi_internal.hpp"
#include "edurules/io/utf8.hpp"

using namespace edurules;

static int failures = 0;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)

int main() {
    const edr_error* e = edr_error_last();

    CHECK(capi::guard([] { return EDR_OK; }) == EDR_OK);
    CHECK(e->code == EDR_OK);

    CHECK(capi::guard([]() -> int { throw std::runtime_error("boom"); }) == EDR_E_INTERNAL);
    CHECK(e->code == EDR_E_INTERNAL && std::strstr(e->message, "boom") && std::strstr(e->message, "report"));

    CHECK(capi::guard([]() -> int { throw std::bad_alloc(); }) == EDR_E_NOMEM);
    CHECK(e->code == EDR_E_NOMEM && std::strstr(e->message, "memory"));

    CHECK(capi::guard([]() -> int { throw 42; }) == EDR_E_INTERNAL);
    CHECK(e->code == EDR_E_INTERNAL && e->field[0] == '\0');

    // Every pinned C++ code maps to its negation, with field, record, offset.
    for (int c = 1; c <= 6; ++c) {
        const int rc = capi::guard([c]() -> int { throw error(static_cast<errc>(c), "rows[7].hours", "bad", 7, 123); });
        CHECK(rc == -c && e->code == -c);
        CHECK(std::strcmp(e->field, "rows[7].hours") == 0);
        CHECK(std::strcmp(e->message, "rows[7].hours: bad") == 0);
        CHECK(e->record == 7 && e->offset == 123);
    }
    // A code the shim does not know never leaks as an unpinned value.
    CHECK(capi::guard([]() -> int { throw error(static_cast<errc>(42), "x", "new"); }) == EDR_E_INTERNAL);

    // Long texts are truncated at a UTF-8 boundary, never overflowing.
    std::string longmsg;
    for (int i = 0; i < 2000; ++i) longmsg += "\xE2\x82\xAC";  // euro signs, 3 bytes each
    CHECK(capi::guard([&]() -> int { throw error(errc::invalid_input, longmsg, longmsg); }) == EDR_E_INVALID_INPUT);
    const std::size_t n = std::strlen(e->message), f = std::strlen(e->field);
    CHECK(n > 900 && n < 1024 && n % 3 == 0);
    CHECK(f > 200 && f < 256 && f % 3 == 0);
    CHECK(io::invalid_utf8_at(e->message) == std::string_view::npos);

    // The first bad byte is found wherever it falls relative to the
    // eight-byte ASCII steps: lone continuation, overlong lead, truncated
    // sequence at the end, surrogate (RFC 3629).
    for (std::size_t pre = 0; pre < 20; ++pre) {
        const std::string ascii(pre, 'a');
        CHECK(io::invalid_utf8_at(ascii) == std::string_view::npos);
        CHECK(io::invalid_utf8_at(ascii + "\x80" + ascii) == pre);
        CHECK(io::invalid_utf8_at(ascii + "\xC0\xAF") == pre);
        CHECK(io::invalid_utf8_at(ascii + "\xE2\x82") == pre);
        CHECK(io::invalid_utf8_at(ascii + "\xED\xA0\x80" + ascii) == pre);
        CHECK(io::invalid_utf8_at(ascii + "\xE2\x82\xAC" + ascii + "\xFF") == pre + 3 + pre);
        CHECK(io::invalid_utf8_at(ascii + "\xF4\x8F\xBF\xBF") == std::string_view::npos);  // U+10FFFF
        CHECK(io::invalid_utf8_at(ascii + "\xF4\x90\x80\x80") == pre);                     // above U+10FFFF
    }
    // Long text (the vectorised check answers for valid text; the walk finds
    // the offset in invalid text): valid all through, then one bad byte far in.
    std::string mixed;
    for (int i = 0; i < 500; ++i) mixed += "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // 2+2+3+4 bytes
    CHECK(io::invalid_utf8_at(mixed) == std::string_view::npos);
    CHECK(io::invalid_utf8_at(mixed + "\xC3" + mixed) == mixed.size());
    CHECK(io::invalid_utf8_at(mixed.substr(0, mixed.size() - 1)) == mixed.size() - 4);  // a 4-byte sequence cut short

    CHECK(capi::guard([] { return EDR_OK; }) == EDR_OK);
    CHECK(e->code == EDR_OK && e->message[0] == '\0' && e->record == -1 && e->offset == -1);

    if (failures) {
        std::fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    std::puts("guard: all checks passed");
    return 0;
}
