// Private to the C shim: the handle definitions, the per-thread error record,
// the exception guard every entry point runs in, and argument checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <span>
#include <string_view>

// The library implements the experimental entry points of edurules.h too.
#ifndef EDR_EXPERIMENTAL
#define EDR_EXPERIMENTAL
#endif

#include "edurules/core/error.hpp"
#include "edurules/core/rulebook.hpp"
#include "edurules/edurules.h"
#include "edurules/engine.hpp"
#include "edurules/io/out_buffer.hpp"

// The opaque handles of edurules.h. They live at global scope because the C
// header declares them there.
struct edr_rulebook {
    std::shared_ptr<const edurules::rulebook> book;
};

struct edr_engine {
    edurules::engine engine;
};

namespace edurules::capi {

// errc and edr_code are two spellings of one pinned list.
static_assert(EDR_E_INVALID_ARGUMENT == -static_cast<int>(errc::invalid_argument));
static_assert(EDR_E_PARSE == -static_cast<int>(errc::parse));
static_assert(EDR_E_INVALID_INPUT == -static_cast<int>(errc::invalid_input));
static_assert(EDR_E_RULEBOOK == -static_cast<int>(errc::rulebook));
static_assert(EDR_E_IO == -static_cast<int>(errc::io));
static_assert(EDR_E_INTERNAL == -static_cast<int>(errc::internal));

/// Resets the calling thread's error record to EDR_OK.
void clear_error() noexcept;

/// Fills the calling thread's error record. Never allocates: the message and
/// field are copied (truncated at a UTF-8 boundary if very long) into fixed
/// per-thread storage, so reporting out-of-memory cannot itself fail.
/// The message is `prefix` followed by `text`.
void set_error(int code, std::string_view field, std::string_view prefix, std::string_view text,
               std::int64_t record = -1, std::int64_t offset = -1) noexcept;

/// The C code for a C++ error code; codes this shim does not know map to
/// EDR_E_INTERNAL rather than leak an unpinned value.
inline int to_code(errc c) noexcept {
    const int v = static_cast<int>(c);
    return (v >= 1 && v <= 6) ? -v : EDR_E_INTERNAL;
}

/// Runs `body` (returning an edr_code) with the error record reset first and
/// every exception turned into a code and a message: nothing C++ crosses the
/// C boundary. `body` reports failure by throwing edurules::error.
template <class F>
int guard(F&& body) noexcept {
    clear_error();
    try {
        return body();
    } catch (const error& e) {
        const int code = to_code(e.code());
        set_error(code, e.field(), {}, e.what(), e.record(), e.offset());
        return code;
    } catch (const std::bad_alloc&) {
        set_error(EDR_E_NOMEM, {}, {}, "out of memory");
        return EDR_E_NOMEM;
    } catch (const std::exception& e) {
        set_error(EDR_E_INTERNAL, {}, "internal error (please report): ", e.what());
        return EDR_E_INTERNAL;
    } catch (...) {
        set_error(EDR_E_INTERNAL, {}, {}, "internal error (please report): unknown exception");
        return EDR_E_INTERNAL;
    }
}

/// Same as guard, for functions returning void (release functions).
template <class F>
void guard_void(F&& body) noexcept {
    try {
        body();
    } catch (...) {
        // Releasing cannot meaningfully fail; swallowing keeps exceptions out of C.
    }
}

[[noreturn]] void throw_invalid_argument(std::string_view field, std::string_view message);

/// A required output pointer.
template <class T>
T* require_out(T* p, const char* name) {
    if (!p) throw_invalid_argument(name, "must not be NULL");
    return p;
}

/// A required handle.
template <class T>
const T& require_handle(const T* p, const char* name) {
    if (!p) throw_invalid_argument(name, "must not be NULL");
    return *p;
}

/// Checks a (pointer, length) text argument and returns it as a view: not
/// NULL, a plausible length, no NUL byte inside an explicit length, valid
/// UTF-8. `name` and `len_name` are the parameter names used in messages.
std::string_view text_arg(const char* p, std::size_t len, const char* name, const char* len_name);

/// A required NUL-terminated UTF-8 argument.
std::string_view cstr_arg(const char* p, const char* name);

/// Refuses text that is not valid UTF-8 (errc::parse naming `name` and the
/// byte offset of the first bad byte).
void require_utf8(std::string_view text, std::string_view name);

/// Releases what `out` holds and leaves it empty (EDR_BUF_INIT).
void reset_buf(edr_buf* out) noexcept;

/// Copies `text` into `out` as malloc'd memory (released by edr_buf_dispose),
/// into the room `out` kept from an earlier answer (its `reserved` field:
/// the bytes its memory holds) when the text fits and the room is not far
/// larger; otherwise into new memory, releasing what `out` held and keeping
/// the new memory's size as its room. A caller that hands the same buffer
/// back (edr_evaluate_json keeps it; the other functions reset it first)
/// allocates only when an answer outgrows the ones before. Throws
/// std::bad_alloc.
void fill_buf(edr_buf* out, std::string_view text);

/// `out`'s memory as an io::out_buffer, so that an answer is written into it
/// with no copy (edr_evaluate_json): the room `out` kept from an earlier
/// answer (less a byte for the NUL), grown as fill_buf would allocate it.
/// done(n) ends the n bytes written with a NUL and gives back room fill_buf
/// would not keep. On an error the caller resets `out` (reset_buf).
class buf_out final : public io::out_buffer {
public:
    explicit buf_out(edr_buf* out) : out_(out) {
        ptr = out->ptr;
        cap = out->ptr && out->reserved > 0 ? out->reserved - 1 : 0;
    }
    void grow(std::size_t keep, std::size_t need) override;
    void done(std::size_t n);

private:
    edr_buf* out_;
};

/// The struct version a caller passes: 1..current. A newer version than this
/// library knows means the caller was built against a newer header.
inline void check_version(unsigned version, unsigned current, const char* field) {
    if (version < 1 || version > current)
        throw_invalid_argument(field, "is " + std::to_string(version) + "; this library knows versions 1 to " +
                                          std::to_string(current) + " (initialise the struct with its _INIT macro)");
}

/// A column of `n` values: required columns must not be NULL unless n is 0;
/// optional ones that are NULL become empty spans (the default).
template <class T>
std::span<T> column(T* p, std::size_t n, const char* field, bool required) {
    if (!p) {
        if (required && n > 0) throw_invalid_argument(field, "must not be NULL (" + std::to_string(n) + " values)");
        return {};
    }
    return std::span<T>(p, n);
}

/// Guards against sizes that wrap when a caller passes a negative count.
inline void check_count(std::size_t n, const char* field) {
    if (n > static_cast<std::size_t>(PTRDIFF_MAX) / 16)
        throw_invalid_argument(field,
                               "is " + std::to_string(n) + ", too large (a negative value converted to size_t?)");
}

}  // namespace edurules::capi
