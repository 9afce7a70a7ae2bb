// Fuzz target: a JSON request of any kind through io::evaluate_json, the
// entry behind edr_evaluate_json, `edurules request` and Engine.evaluate.
// The kind comes from the input ("kind" member); the seed corpus holds a
// request of every kind (rulebook.describe, pe.*, leave.*, insight.*).
// Properties: only edurules::error with a field escapes; a response is a JSON
// object with schema_version, kind and result; evaluating twice gives the
// same bytes.
#include <nlohmann/json.hpp>

#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const engine e;
    const std::string_view text = fuzz::as_text(data, size);
    std::string out;
    if (!fuzz::expect_clean([&] { out = io::evaluate_json(e, text); })) return 0;
    const auto doc = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    EDR_FUZZ_CHECK(doc.is_object(), out.substr(0, 200));
    EDR_FUZZ_CHECK(doc.contains("schema_version") && doc.contains("kind") && doc.contains("result"),
                   out.substr(0, 200));
    std::string again;
    EDR_FUZZ_CHECK(fuzz::expect_clean([&] { again = io::evaluate_json(e, text); }), "second evaluation threw");
    EDR_FUZZ_CHECK(again == out, "two evaluations of one request differ");
    return 0;
}
