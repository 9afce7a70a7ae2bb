// Fuzz target: a provider's bulk upload (`edurules book DOSSIER UPLOAD.csv`,
// the "csv" member of pe.book): io::parse_upload_csv, then booking against a
// small fixed dossier. Properties: one upload_row per non-blank record, each
// either a completion or a named problem; booking reports one result per row,
// booked + rejected = rows in.
#include "edurules/engine.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/pe/dossier.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

namespace {
const char* const dossier_json = R"({"schema_version":1,
 "participants":[{"seu_number":"SEU-1","diploma_date":"2023-03-01"},{"seu_number":"SEU-2","diploma_date":"2020-01-01","activation_date":"2024-01-01"}],
 "activities":[{"id":"A1","form":"classroom","net_minutes":240,"provider":{"kind":"commercial"}},
               {"id":"A2","form":"e-learning","net_minutes":60,"test":{"questions":10,"required_correct":7}}],
 "recognitions":[{"id":"R1","activity_id":"A1","decided":"2023-01-10","points":"4"},
                 {"id":"R2","activity_id":"A2","decided":"2023-01-10","points":"1.5"}]})";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const engine e;
    static const pe::dossier d = io::parse_dossier(dossier_json);
    static const pe::dossier_index idx(d);
    const std::string_view text = fuzz::as_text(data, size);
    std::vector<pe::upload_row> rows;
    if (!fuzz::expect_clean([&] { rows = io::parse_upload_csv(text); })) return 0;
    for (const auto& r : rows) {
        EDR_FUZZ_CHECK(r.row.has_value() != !r.field.empty(), "a row is neither a completion nor a named problem");
        if (!r.row) EDR_FUZZ_CHECK(!r.problem.empty(), r.field);
    }
    fuzz::expect_clean([&] {
        const pe::upload_report rep = pe::book_upload(e.pe(), idx, rows, date(2025, 6, 1), false);
        EDR_FUZZ_CHECK(rep.rows.size() == rows.size(), "booking lost or added a row");
        EDR_FUZZ_CHECK(rep.rows_in == rows.size(), "rows_in differs from the rows read");
        EDR_FUZZ_CHECK(rep.booked + rep.rejected == rep.rows_in, "booked + rejected != rows in");
        io::upload_report_json(e, rows, rep, false);
    });
    return 0;
}
