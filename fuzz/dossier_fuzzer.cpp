// Fuzz target: a PE dossier document (`edurules status DOSSIER.json`,
// io::parse_dossier) decoded and evaluated on a date taken from the input's
// first two bytes (days after 2000-01-01), so status, booking, reminders and
// the report encoder all see hostile dossiers.
#include <nlohmann/json.hpp>

#include "edurules/engine.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/pe/dossier.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const engine e;
    if (size < 2) return 0;
    const int offset = data[0] | (data[1] << 8);  // 0..65535 days: 2000 .. 2179
    const date on = date(2000, 1, 1) + day_count(offset);
    const std::string_view text = fuzz::as_text(data + 2, size - 2);
    fuzz::expect_clean([&] {
        const pe::dossier d = io::parse_dossier(text);
        const pe::dossier_index idx(d);
        const pe::dossier_report r = pe::evaluate_dossier(e.pe(), idx, on, (offset & 1) != 0);
        const std::string out = io::dossier_report_json(e, d, r, (offset & 1) != 0);
        EDR_FUZZ_CHECK(nlohmann::json::accept(out), out.substr(0, 200));
        EDR_FUZZ_CHECK(r.participants.size() == d.participants.size(), "a participant was lost");
        EDR_FUZZ_CHECK(r.completions.size() == d.completions.size(), "a completion was lost");
    });
    return 0;
}
