// The C shim's common parts: the per-thread error record, error names,
// version queries, edr_buf, and the checks every text argument goes through.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "capi_internal.hpp"
#include "edurules/io/utf8.hpp"

namespace edurules::capi {
namespace {

// Fixed storage so recording an error never allocates (and so never fails,
// even when the error being recorded is out-of-memory), and nothing needs a
// destructor at thread exit.
constexpr std::size_t message_capacity = 1024;
constexpr std::size_t field_capacity = 256;

struct error_record {
    char message[message_capacity] = {};
    char field[field_capacity] = {};
    edr_error pub{EDR_OK, message, field, -1, -1};
};

thread_local error_record tls_error;

/// Length of the longest prefix of `s` that fits in `cap` bytes without
/// cutting a UTF-8 sequence in two.
std::size_t fit(std::string_view s, std::size_t cap) {
    if (s.size() <= cap) return s.size();
    std::size_t n = cap;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
}

/// Appends `s` to the NUL-terminated text in dst[0..cap), truncating.
void append(char* dst, std::size_t cap, std::size_t& used, std::string_view s) {
    const std::size_t n = fit(s, cap - 1 - used);
    if (n > 0) std::memcpy(dst + used, s.data(), n);  // s.data() may be NULL when empty (F8)
    used += n;
    dst[used] = '\0';
}

}  // namespace

void clear_error() noexcept {
    error_record& r = tls_error;
    r.message[0] = '\0';
    r.field[0] = '\0';
    r.pub = edr_error{EDR_OK, r.message, r.field, -1, -1};
}

void set_error(int code, std::string_view field, std::string_view prefix, std::string_view text, std::int64_t record,
               std::int64_t offset) noexcept {
    error_record& r = tls_error;
    std::size_t used = 0;
    r.message[0] = '\0';
    append(r.message, message_capacity, used, prefix);
    append(r.message, message_capacity, used, text);
    used = 0;
    r.field[0] = '\0';
    append(r.field, field_capacity, used, field);
    r.pub = edr_error{code, r.message, r.field, record < 0 ? -1 : record, offset < 0 ? -1 : offset};
}

void throw_invalid_argument(std::string_view field, std::string_view message) {
    throw error(errc::invalid_argument, std::string(field), std::string(message));
}

void require_utf8(std::string_view text, std::string_view name) {
    if (const std::size_t bad = io::invalid_utf8_at(text); bad != std::string_view::npos)
        throw error(errc::parse, std::string(name), "invalid UTF-8 at byte " + std::to_string(bad), -1,
                    static_cast<std::int64_t>(bad));
}

std::string_view text_arg(const char* p, std::size_t len, const char* name, const char* len_name) {
    if (!p) throw_invalid_argument(name, "must not be NULL");
    std::string_view text;
    if (len == EDR_NUL_TERMINATED) {
        text = std::string_view(p);
    } else {
        if (len > static_cast<std::size_t>(PTRDIFF_MAX))
            throw_invalid_argument(len_name,
                                   "is " + std::to_string(len) + ", too large (a negative value converted to size_t?)");
        text = std::string_view(p, len);
        if (const void* nul = std::memchr(p, '\0', len)) {
            const auto at = static_cast<std::int64_t>(static_cast<const char*>(nul) - p);
            throw error(errc::invalid_argument, len_name,
                        "is " + std::to_string(len) + " but " + name + " has a NUL byte at offset " +
                            std::to_string(at) + "; pass the length of the text, not of its buffer",
                        -1, at);
        }
    }
    if (text.empty()) {
        if (len == EDR_NUL_TERMINATED) throw_invalid_argument(name, "is empty");
        throw_invalid_argument(len_name, "is 0: the text is empty");
    }
    require_utf8(text, name);
    return text;
}

std::string_view cstr_arg(const char* p, const char* name) {
    if (!p) throw_invalid_argument(name, "must not be NULL");
    const std::string_view text(p);
    require_utf8(text, name);
    return text;
}

void reset_buf(edr_buf* out) noexcept {
    std::free(out->ptr);
    *out = edr_buf{nullptr, 0, 0};
}

void fill_buf(edr_buf* out, std::string_view text) {
    const std::size_t need = text.size() + 1;
    // room more than 1 MiB and 4x the text is given back rather than kept
    const bool too_large = out->reserved > (std::size_t{1} << 20) && out->reserved / 4 > need;
    if (!out->ptr || out->reserved < need || too_large) {
        const std::size_t room = std::max<std::size_t>(need, 256);
        char* mem = static_cast<char*>(std::malloc(room));
        if (!mem) throw std::bad_alloc();
        std::free(out->ptr);
        *out = edr_buf{mem, 0, room};
    }
    if (!text.empty()) std::memcpy(out->ptr, text.data(), text.size());
    out->ptr[text.size()] = '\0';
    out->size = text.size();
}

void buf_out::grow(std::size_t keep, std::size_t need) {
    std::size_t room = 2 * (cap + 1);  // doubling, the NUL's byte included
    if (room < need + 1) room = need + 1;
    if (room < 4096) room = 4096;
    char* mem = static_cast<char*>(std::malloc(room));
    if (!mem) throw std::bad_alloc();
    if (keep) std::memcpy(mem, ptr, keep);
    std::free(out_->ptr);
    *out_ = edr_buf{mem, 0, room};
    ptr = mem;
    cap = room - 1;
}

void buf_out::done(std::size_t n) {
    if (!out_->ptr) grow(0, n);  // nothing written into no memory: an empty text
    // room more than 1 MiB and 4x the text is given back rather than kept (as fill_buf)
    if (out_->reserved > (std::size_t{1} << 20) && out_->reserved / 4 > n + 1) {
        const std::size_t room = std::max<std::size_t>(n + 1, 256);
        char* mem = static_cast<char*>(std::malloc(room));
        if (!mem) throw std::bad_alloc();
        std::memcpy(mem, out_->ptr, n);
        std::free(out_->ptr);
        *out_ = edr_buf{mem, 0, room};
        ptr = mem;
        cap = room - 1;
    }
    out_->ptr[n] = '\0';
    out_->size = n;
}

}  // namespace edurules::capi

using namespace edurules::capi;

#ifdef EDURULES_PROJECT_VERSION_MAJOR  // set by src/capi/CMakeLists.txt from project(edurules VERSION ...)
static_assert(EDR_VERSION_MAJOR == EDURULES_PROJECT_VERSION_MAJOR &&
                  EDR_VERSION_MINOR == EDURULES_PROJECT_VERSION_MINOR &&
                  EDR_VERSION_PATCH == EDURULES_PROJECT_VERSION_PATCH,
              "the EDR_VERSION_* macros of edurules.h must equal project(edurules VERSION ...)");
#endif

extern "C" {

const edr_error* edr_error_last(void) { return &tls_error.pub; }

void edr_error_clear(void) { clear_error(); }

const char* edr_error_name(int code) {
    switch (code) {
        case EDR_OK:
            return "EDR_OK";
        case EDR_E_INVALID_ARGUMENT:
            return "EDR_E_INVALID_ARGUMENT";
        case EDR_E_PARSE:
            return "EDR_E_PARSE";
        case EDR_E_INVALID_INPUT:
            return "EDR_E_INVALID_INPUT";
        case EDR_E_RULEBOOK:
            return "EDR_E_RULEBOOK";
        case EDR_E_IO:
            return "EDR_E_IO";
        case EDR_E_INTERNAL:
            return "EDR_E_INTERNAL";
        case EDR_E_NOMEM:
            return "EDR_E_NOMEM";
    }
    return "EDR_E_UNKNOWN";
}

unsigned edr_version_number(void) { return EDR_VERSION_NUMBER; }

const char* edr_version_string(void) { return EDR_VERSION_STRING; }

void edr_buf_dispose(edr_buf* buf) {
    if (!buf) return;
    std::free(buf->ptr);
    buf->ptr = nullptr;
    buf->size = 0;
    buf->reserved = 0;
}

}  // extern "C"
