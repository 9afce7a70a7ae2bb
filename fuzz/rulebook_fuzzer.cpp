// Fuzz target: a rulebook document (`--rulebook FILE`, edr_rulebook_parse,
// Engine(rulebook=...)). It is parsed, written back and parsed again (the
// text must not change on the second round), overlaid on the built-in
// rulebook, and, if an engine accepts the result, used for a few fixed
// decisions, so odd but well-typed values (a period of 0 months, a negative
// cap) reach the rules as well as the parser.
#include <memory>

#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/pe/batch.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

namespace {

const char* const requests[] = {
    R"({"schema_version":1,"kind":"pe.status","date":"2025-06-01","explain":true,"dossier":{"schema_version":1,
      "participants":[{"seu_number":"S1","diploma_date":"2023-03-01","renewal_requests":["2025-01-15"]},
                      {"seu_number":"S2","diploma_date":"2019-05-01","activation_date":"2023-02-01"}],
      "activities":[{"id":"A1","form":"classroom","net_minutes":240}],
      "recognitions":[{"id":"R1","activity_id":"A1","decided":"2023-01-10","points":"4"}],
      "completions":[{"seu_number":"S1","activity_id":"A1","completed":"2024-02-01"},
                     {"seu_number":"S2","activity_id":"A1","completed":"2024-02-01"}]}})",
    R"({"schema_version":1,"kind":"leave.evaluate","school_year":"2023-2024","explain":true,"workers":[{"id":"W1",
      "establishment_unit":{"region":"flanders"},"jobs":[{"from":"2010-01-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}],
      "trainings":[{"id":"T1","type":"professional","start":"2023-09-04","lessons":[
        {"date":"2023-09-04","start":"18:00","end":"21:00"},{"date":"2023-09-11","start":"18:00","end":"21:00"}],
        "absences":[{"date":"2023-09-11","absent_minutes":60,"reason":"illness"}]}]},
      {"id":"W2","establishment_unit":{"region":"brussels"},"jobs":[{"from":"2015-01-01","contract_per_week_hours":"19","full_time_per_week_hours":"38"}],
      "trainings":[{"id":"T2","type":"general","start":"2023-09-04","lessons":[{"date":"2023-09-05","start":"09:00","end":"12:00"}]}]},
      {"id":"W3","establishment_unit":{"region":"wallonia"},"jobs":[{"from":"2015-01-01","contract_per_week_hours":"30","full_time_per_week_hours":"38"}],
      "trainings":[{"id":"T3","type":"language","start":"2023-09-04","lessons":[{"date":"2023-09-05","start":"09:00","end":"12:00"}]}]}]})",
};

void pe_rows(const engine& e) {
    const std::int32_t dip[] = {19000, 19500, pe::no_day, 17000};
    const std::int32_t act[] = {pe::no_day, pe::no_day, pe::no_day, 19400};
    const std::int64_t off[] = {0, 2, 3, 3, 4};
    const std::int32_t cday[] = {19100, 19200, 19600, 19450};
    const std::int64_t cpts[] = {400, 150, 1200, 800};
    std::uint8_t st[4], rs[4], rp[4];
    std::int32_t pf[4], pl[4], dl[4], er[4];
    std::int64_t ea[4], sb[4];
    pe::status_columns in{dip, act, off, cday, cpts, {}, {}};
    pe::status_results out{st, rs, pf, pl, ea, sb, dl, rp, er};
    pe::status_batch(e.pe(), pe::epoch_day(20000), in, out);
}

void leave_rows(const engine& e) {
    const std::uint8_t region[] = {1, 2, 3, 1};
    const std::int32_t sy[] = {2023, 2023, 2020, 2019};
    const std::int32_t start[] = {20230904, 20230904, 20200901, 20190901};
    const std::uint8_t type[] = {0, 1, 4, 6};
    const std::int64_t contract[] = {2280, 1140, 1800, 2280}, full[] = {2280, 2280, 2280, 2280};
    const std::int64_t given[] = {6000, 3000, 9000, 600}, att[] = {5400, 3000, 8000, 600};
    std::int64_t granted[4];
    std::int32_t status[4];
    leave::batch_input in;
    in.rows = 4;
    in.region = region;
    in.school_year = sy;
    in.training_start = start;
    in.training_type = type;
    in.contract_minutes = contract;
    in.full_time_minutes = full;
    in.given_minutes = given;
    in.attended_minutes = att;
    leave::batch_output out{granted, status, {}, {}};
    leave::leave_hours_batch(e.leave(), in, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::shared_ptr<const rulebook> builtin = rulebook::builtin();
    const std::string_view text = fuzz::as_text(data, size);
    std::optional<rulebook> rb;
    if (!fuzz::expect_clean([&] { rb.emplace(rulebook::from_json(text, "fuzz")); })) return 0;
    // Round trip: to_json of a parsed rulebook parses again, to the same text.
    std::string first, second;
    EDR_FUZZ_CHECK(fuzz::expect_clean([&] { first = rb->to_json(); }), "to_json threw");
    EDR_FUZZ_CHECK(fuzz::expect_clean([&] { second = rulebook::from_json(first, "round trip").to_json(); }),
                   first.substr(0, 300));
    EDR_FUZZ_CHECK(first == second, "rulebook JSON changes on a round trip");
    std::shared_ptr<const engine> e;
    if (!fuzz::expect_clean([&] {
            e = std::make_shared<const engine>(std::make_shared<const rulebook>(rulebook::overlaid(*builtin, *rb)));
        }))
        return 0;
    for (const char* r : requests) fuzz::expect_clean([&] { io::evaluate_json(*e, r); });
    fuzz::expect_clean([&] { pe_rows(*e); });
    fuzz::expect_clean([&] { leave_rows(*e); });
    return 0;
}
