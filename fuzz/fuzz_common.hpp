// Shared by the fuzz targets: what counts as a finding. A target crashes
// (abort) on anything the callers of edurules could not handle: an exception
// other than edurules::error (the C ABI would turn it into EDR_E_INTERNAL,
// "a bug: please report"), an error without a field, an internal error, or a
// broken property (output that is not JSON, a round trip that changes text,
// two evaluations of one input that differ).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>

#include "edurules/core/error.hpp"

namespace edurules::fuzz {

[[noreturn]] inline void finding(const char* what, std::string_view detail = {}) {
    std::fprintf(stderr, "FUZZ FINDING: %s%s%.*s\n", what, detail.empty() ? "" : ": ", static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

#define EDR_FUZZ_CHECK(cond, detail)                                              \
    do {                                                                          \
        if (!(cond)) ::edurules::fuzz::finding("check failed: " #cond, (detail)); \
    } while (0)

/// Runs `body`; returns true if it returned normally, false if it threw an
/// acceptable edurules::error. Anything else is a finding.
template <class F>
bool expect_clean(F&& body, bool field_required = true) {
    try {
        body();
        return true;
    } catch (const edurules::error& e) {
        if (e.code() == errc::internal) finding("errc::internal", e.what());
        // Known, reported (README, F5): a document that is not an object at all
        // is refused with an empty field (the document itself is at fault).
        const bool root_not_object = e.message().rfind("expected an object", 0) == 0;
        if (field_required && e.field().empty() && !root_not_object) finding("error without a field", e.what());
        if (std::string_view(e.what()).empty()) finding("error without a message");
        return false;
    } catch (const std::bad_alloc&) {
        return false;  // the input asked for more memory than the fuzzer allows
#ifdef EDR_FUZZ_MASK_KNOWN
    } catch (const std::out_of_range&) {
        return false;  // F3 (README): a date past 9999-12-31 from Boost; F4: nlohmann's 406 is not this type
    } catch (const std::exception& e) {
        if (std::string_view(e.what()).find("out_of_range.406") != std::string_view::npos) return false;  // F4
        std::string d = typeid(e).name();
        d += ": ";
        d += e.what();
        finding("unexpected exception type", d);
#else
    } catch (const std::exception& e) {
        std::string d = typeid(e).name();
        d += ": ";
        d += e.what();
        finding("unexpected exception type", d);
#endif
    } catch (...) {
        finding("unexpected non-std exception");
    }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace edurules::fuzz
