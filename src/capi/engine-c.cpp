// The C shim for rulebooks, engines and the JSON request path.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "capi_internal.hpp"
#include "edurules/core/calendar.hpp"
#include "edurules/io/file.hpp"
#include "edurules/io/request.hpp"

using namespace edurules;
using namespace edurules::capi;

namespace {

std::unique_ptr<edr_rulebook> wrap(rulebook rb) {
    return std::make_unique<edr_rulebook>(edr_rulebook{std::make_shared<const rulebook>(std::move(rb))});
}

/// The file's text: a directory, FIFO or device, a file over the input limit
/// (EDURULES_MAX_INPUT_BYTES) or an unreadable file is EDR_E_IO naming "path".
std::string read_whole_file(const std::string& path) {
    try {
        return io::read_input_file(path);
    } catch (const error& e) {
        if (e.code() != errc::io) throw;
        throw error(errc::io, "path", "\"" + path + "\" " + e.message());
    }
}

std::optional<date> date_arg(const char* text, const char* name) {
    if (!text) return std::nullopt;
    const std::string_view s = cstr_arg(text, name);
    auto d = parse_iso_date(s);
    if (!d) throw error(errc::invalid_input, name, "not a date (YYYY-MM-DD): \"" + std::string(s) + "\"");
    return d;
}

}  // namespace

extern "C" {

int edr_rulebook_builtin(edr_rulebook** out) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        *out = new edr_rulebook{rulebook::builtin()};
        return EDR_OK;
    });
}

int edr_rulebook_parse(edr_rulebook** out, const char* json, size_t len) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        const std::string_view text = text_arg(json, len, "json", "len");
        *out = wrap(rulebook::from_json(text, "json")).release();
        return EDR_OK;
    });
}

int edr_rulebook_load(edr_rulebook** out, const char* path) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        const std::string p(cstr_arg(path, "path"));
        if (p.empty()) throw_invalid_argument("path", "is empty");
        const std::string text = read_whole_file(p);
        require_utf8(text, p);
        *out = wrap(rulebook::from_json(text, p)).release();
        return EDR_OK;
    });
}

int edr_rulebook_overlay(edr_rulebook** out, const edr_rulebook* base, const edr_rulebook* overlay) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        const edr_rulebook& b = require_handle(base, "base");
        const edr_rulebook& o = require_handle(overlay, "overlay");
        *out = wrap(rulebook::overlaid(*b.book, *o.book)).release();
        return EDR_OK;
    });
}

int edr_rulebook_with_value(edr_rulebook** out, const edr_rulebook* base, const char* name, const char* value,
                            const char* from, const char* to) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        const edr_rulebook& b = require_handle(base, "base");
        const std::string_view n = cstr_arg(name, "name");
        const std::string_view v = cstr_arg(value, "value");
        const auto f = date_arg(from, "from");
        const auto t = date_arg(to, "to");
        *out = wrap(rulebook::with_value(*b.book, n, v, f, t)).release();
        return EDR_OK;
    });
}

int edr_rulebook_to_json(edr_buf* out, const edr_rulebook* rb) {
    return guard([&] {
        reset_buf(require_out(out, "out"));
        const edr_rulebook& r = require_handle(rb, "rulebook");
        fill_buf(out, r.book->to_json());
        return EDR_OK;
    });
}

void edr_rulebook_free(edr_rulebook* rb) {
    guard_void([&] { delete rb; });
}

int edr_engine_new(edr_engine** out, const edr_rulebook* rb) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        auto book = rb ? rb->book : rulebook::builtin();
        *out = new edr_engine{engine(std::move(book))};
        return EDR_OK;
    });
}

int edr_engine_new_json(edr_engine** out, const char* rulebook_json, size_t rulebook_len, const char* overlay_json,
                        size_t overlay_len) {
    return guard([&] {
        *require_out(out, "out") = nullptr;
        std::shared_ptr<const rulebook> book;
        if (rulebook_json) {
            book = std::make_shared<const rulebook>(rulebook::from_json(
                text_arg(rulebook_json, rulebook_len, "rulebook_json", "rulebook_len"), "rulebook_json"));
        } else if (rulebook_len != 0) {
            throw_invalid_argument("rulebook_json", "is NULL but rulebook_len is " + std::to_string(rulebook_len));
        } else {
            book = rulebook::builtin();
        }
        if (overlay_json) {
            const rulebook top =
                rulebook::from_json(text_arg(overlay_json, overlay_len, "overlay_json", "overlay_len"), "overlay_json");
            book = std::make_shared<const rulebook>(rulebook::overlaid(*book, top));
        } else if (overlay_len != 0) {
            throw_invalid_argument("overlay_json", "is NULL but overlay_len is " + std::to_string(overlay_len));
        }
        *out = new edr_engine{engine(std::move(book))};
        return EDR_OK;
    });
}

void edr_engine_free(edr_engine* e) {
    guard_void([&] { delete e; });
}

int edr_evaluate_json(edr_buf* out, const edr_engine* e, const char* request_json, size_t request_len) {
    const int rc = guard([&] {
        require_out(out, "out");  // its room is kept for the answer; a failure empties it (below)
        const edr_engine& eng = require_handle(e, "engine");
        const std::string_view req = text_arg(request_json, request_len, "request_json", "request_len");
        // the answer is written straight into the caller's buffer, into the room it kept
        buf_out o(out);
        o.done(io::evaluate_json(eng.engine, req, o));
        return EDR_OK;
    });
    if (rc != EDR_OK && out) reset_buf(out);
    return rc;
}

}  // extern "C"
