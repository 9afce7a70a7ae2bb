// Differential fuzz target: io::evaluate_json (the fast request reader,
// src/io/fast_request.cpp, whenever it accepts) against the same request
// through the document reader alone. Property: both give the same response
// bytes, or the same error (code, field, record, offset, message); and when
// the fast reader declines, evaluate_json is the document reader's answer.
#include <optional>
#include <string>

#include "../src/io/fast_request.hpp"
#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

namespace {
/// The response, or the error as text.
std::string answer(void (*run)(const engine&, std::string_view, std::string&), const engine& e, std::string_view text) {
    std::string out;
    try {
        run(e, text, out);
    } catch (const error& err) {
        return "error " + std::to_string(static_cast<int>(err.code())) + " " + err.field() + " " +
               std::to_string(err.record()) + " " + std::to_string(err.offset()) + " " + err.message();
    } catch (const std::bad_alloc&) {
        return "bad_alloc";
    }
    return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const engine e;
    const std::string_view text = fuzz::as_text(data, size);
    const std::string fast =
        answer(static_cast<void (*)(const engine&, std::string_view, std::string&)>(io::evaluate_json), e, text);
    const std::string document = answer(io::detail::evaluate_json_document, e, text);
    EDR_FUZZ_CHECK(fast == document,
                   "fast reader: " + fast.substr(0, 300) + "\ndocument reader: " + document.substr(0, 300));
    return 0;
}
