// Fuzz target: rulebook values set by a user (`--set name=value@from`,
// edr_rulebook_with_value, edr_engine_new_json's overlay, Python's
// Engine(overrides=...)), through the C header alone. The input is lines:
//
//   name=value              the parameter set for all time
//   name=value@from         ... from a date
//   name=value@from~to      ... over a date range
//   {...}                   a one-line overlay document
//
// applied in turn on the built-in rulebook. When every line is accepted and
// an engine is built, every request kind (PE, leave, insight) and both batches
// run on a small fixed input. Findings: EDR_E_INTERNAL anywhere, a crash, a
// hang (-timeout) or memory without bound (-rss_limit_mb). A value outside
// the parameter's declaration must be refused at load (EDR_E_RULEBOOK).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "edurules/edurules.h"

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail) {
    const edr_error* e = edr_error_last();
    std::fprintf(stderr, "FUZZ FINDING: %s: %s (last error %s, field \"%s\": %s)\n", what, detail.c_str(),
                 edr_error_name(e->code), e->field, e->message);
    std::abort();
}

/// A return code callers can handle: success or an error other than internal.
void check_rc(int rc, const char* call, const std::string& detail) {
    if (rc == EDR_E_INTERNAL) finding(call, detail);
    if (rc != EDR_OK && edr_error_last()->message[0] == '\0') finding("error without a message", call);
}

const char* const dossier = R"("dossier":{"schema_version":1,
  "participants":[{"seu_number":"S1","track":"uitzendprofessional","diploma_date":"2023-03-01","renewal_requests":["2025-01-15"]},
                  {"seu_number":"S2","track":"backofficeprofessional","diploma_date":"2019-05-01","activation_date":"2023-02-01"},
                  {"seu_number":"S3","diploma_date":"2020-02-29"}],
  "activities":[{"id":"A1","form":"classroom","net_minutes":240,"test":{"questions":10,"required_correct":7}},
                {"id":"A2","form":"e_learning","net_minutes":50,"test":{"questions":5,"required_correct":3}}],
  "recognitions":[{"id":"R1","activity_id":"A1","decided":"2023-01-10","points":"4"},
                  {"id":"R2","activity_id":"A2","decided":"2024-02-29","paid":"2024-01-02"}],
  "completions":[{"seu_number":"S1","activity_id":"A1","completed":"2024-02-01"},
                 {"seu_number":"S2","activity_id":"A2","completed":"2024-03-01"}]})";

const char* const activity =
    R"("activity":{"id":"A2","form":"e_learning","net_minutes":50,"test":{"questions":5,"required_correct":3}})";

const char* const workers = R"("workers":[{"id":"W1","establishment_unit":{"region":"flanders"},
    "jobs":[{"from":"2010-01-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}],
    "trainings":[{"id":"T1","type":"professional","start":"2023-09-04","organisation":"modular","lessons":[
      {"date":"2023-09-04","start":"18:00","end":"21:00"},{"date":"2023-09-11","start":"18:00","end":"21:00"},
      {"date":"2024-01-15","start":"18:00","end":"21:00"}],
      "absences":[{"date":"2023-09-11","absent_minutes":120,"reason":"ilness"}]}]},
  {"id":"W2","establishment_unit":{"region":"brussels"},"at_most_upper_secondary":true,
    "jobs":[{"from":"2015-01-01","contract_per_week_hours":"19","full_time_per_week_hours":"38"}],
    "trainings":[{"id":"T2","type":"language","language_kind":"national","start":"2023-09-04","lessons":[{"date":"2023-09-05","start":"09:00","end":"12:00"}]}]},
  {"id":"W3","establishment_unit":{"region":"wallonia"},
    "jobs":[{"from":"2015-01-01","contract_per_week_hours":"30","full_time_per_week_hours":"38"}],
    "trainings":[{"id":"T3","type":"competence_exam","start":"2023-09-04","lessons":[{"date":"2023-09-05","start":"09:00","end":"17:00"}]}]},
  {"id":"W4","school_year":"2019-2020","establishment_unit":{"region":"flanders"},
    "jobs":[{"from":"2015-01-01","contract_per_week_hours":"20","full_time_per_week_hours":"38"}],
    "trainings":[{"id":"T4","type":"academic","start":"2019-09-16","lessons":[{"date":"2019-09-17","start":"18:00","end":"22:00"}]}]}])";

const char* const insight_doc = R"("organisations":[{"id":"O1","name":"Org","contacts":[
    {"id":"C1","name":"HR","role":"administrator"},{"id":"C2","name":"Boss","role":"contact"}]}],
  "consents":[{"id":"K1","seu_number":"S1","contact":"C2","from":"2024-01-01"},
              {"id":"K2","seu_number":"S2","contact":"C1","from":"2024-01-01","until":"2025-01-01"},
              {"id":"K3","seu_number":"S3","contact":"C1","from":"2024-01-01"}])";

std::string request(const char* kind, const std::string& body) {
    return std::string(R"({"schema_version":1,"kind":")") + kind + R"(","explain":true,)" + body + "}";
}

/// EDR_FUZZ_VERBOSE=1 prints each request's outcome (to check the fixed inputs still decide something).
const bool verbose = std::getenv("EDR_FUZZ_VERBOSE") != nullptr;

void evaluate(const edr_engine* e, const std::string& req) {
    edr_buf out = EDR_BUF_INIT;
    const int rc = edr_evaluate_json(&out, e, req.data(), req.size());
    check_rc(rc, "edr_evaluate_json", req.substr(0, 120));
    if (verbose)
        std::fprintf(stderr, "%s -> %d %s\n", req.substr(0, 60).c_str(), rc, rc ? edr_error_last()->message : "");
    edr_buf_dispose(&out);
}

void requests(const edr_engine* e) {
    const std::string d = dossier;
    for (const char* kind : {"pe.status", "pe.reminders"})
        for (const char* date : {"2024-02-29", "2025-06-01", "2027-03-01"})
            evaluate(e, request(kind, std::string(R"("date":")") + date + "\"," + d));
    evaluate(e, request("pe.book", R"("date":"2025-06-01",)" + d +
                                       R"(,"rows":[{"seu_number":"S3","activity_id":"A1","completed":"2025-05-01"}])"));
    evaluate(e, request("pe.activity", R"("date":"2025-06-01",)" + std::string(activity)));
    evaluate(
        e, request("pe.recognition",
                   std::string(activity) +
                       R"(,"recognition":{"id":"R2","activity_id":"A2","decided":"2024-02-29","paid":"2024-01-02"})"));
    evaluate(e, request("pe.collective", R"("date":"2025-06-01","seu_numbers":["S1","S2","S3"],)" + d));
    evaluate(e, request("rulebook.describe", R"("date":"2025-06-01")"));
    for (const char* kind : {"leave.evaluate", "leave.regime", "leave.eligibility", "leave.entitlement",
                             "leave.absence", "leave.reimbursement", "leave.deadlines"})
        for (const char* sy : {"2019-2020", "2021-2022", "2023-2024", "2025-2026"})
            evaluate(e, request(kind, std::string(R"("school_year":")") + sy + "\"," + workers));
    for (const char* kind : {"insight.access", "insight.overview", "insight.dossier"})
        for (const char* contact : {"C1", "C2"})
            evaluate(e, request(kind, std::string(R"("date":"2025-06-01","contact":")") + contact + "\"," +
                                          insight_doc + "," + d));
}

void pe_batch(const edr_engine* e) {
    const std::int32_t dip[] = {19000, 19500, EDR_NO_DAY, 17000, 18321};
    const std::int32_t act[] = {EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY, 19400, EDR_NO_DAY};
    const std::int64_t off[] = {0, 2, 3, 3, 4, 4};
    const std::int32_t cday[] = {19100, 19200, 19600, 19450};
    const std::int64_t cpts[] = {400, 150, 1200, 800};
    const std::int64_t roff[] = {0, 1, 1, 1, 2, 2};
    const std::int32_t rday[] = {19700, 19800};
    edr_pe_status_columns c = EDR_PE_STATUS_COLUMNS_INIT;
    c.rows = 5;
    c.diploma_day = dip;
    c.activation_day = act;
    c.completion_offsets = off;
    c.completions = 4;
    c.completion_day = cday;
    c.completion_points = cpts;
    c.renewal_offsets = roff;
    c.renewals = 2;
    c.renewal_day = rday;
    std::uint8_t state[5], reason[5], renew[5];
    std::int32_t first[5], last[5], left[5], status[5];
    std::int64_t earned[5], short_by[5];
    const edr_pe_status_results r{
        EDR_PE_STATUS_RESULTS_VERSION, state, reason, first, last, earned, short_by, left, renew, status};
    std::size_t rejected = 0;
    for (std::int32_t at : {19000, 19800, 20500}) {
        const int rc = edr_pe_status_batch(&r, &rejected, e, at, &c, nullptr);
        check_rc(rc, "edr_pe_status_batch", std::to_string(at));
        if (verbose) std::fprintf(stderr, "pe batch -> %d, %zu rejected\n", rc, rejected);
    }
}

void leave_batch(const edr_engine* e) {
    constexpr std::size_t n = 6;
    const std::uint8_t region[n] = {1, 1, 2, 2, 3, 1};
    const std::int32_t sy[n] = {2019, 2023, 2022, 2023, 2023, 2021};
    const std::int32_t start[n] = {20190916, 20230904, 20220905, 20230904, 20230904, 20180910};
    const std::uint8_t type[n] = {0, 3, 4, 5, 7, 6};
    const std::int64_t contract[n] = {2280, 1140, 1140, 2280, 1800, 2280};
    const std::int64_t full[n] = {2280, 2280, 2280, 2280, 2280, 2280};
    const std::int64_t given[n] = {6000, 3000, 2400, 9000, 480, 6000};
    const std::int64_t att[n] = {5000, 3000, 2000, 9000, 480, 5500};
    const std::int64_t unj[n] = {700, 0, 300, 0, 0, 100};
    const std::uint8_t flag[n] = {0, 1, 0, 1, 1, 0};
    const std::uint8_t lp[n] = {1, 0, 1, 0, 0, 1};
    edr_leave_columns c = EDR_LEAVE_COLUMNS_INIT;
    c.rows = n;
    c.region = region;
    c.school_year = sy;
    c.training_start = start;
    c.training_type = type;
    c.contract_minutes = contract;
    c.full_time_minutes = full;
    c.given_minutes = given;
    c.attended_minutes = att;
    c.unjustified_minutes = unj;
    c.coinciding = flag;
    c.raised = lp;
    c.variable_schedule = flag;
    c.lesson_periods = lp;
    std::int64_t granted[n];
    std::int32_t status[n];
    std::uint32_t reasons[n];
    std::uint8_t regime[n];
    const edr_leave_results r{EDR_LEAVE_RESULTS_VERSION, granted, status, reasons, regime};
    const int rc = edr_leave_hours_batch(&r, e, &c);
    check_rc(rc, "edr_leave_hours_batch", "");
    if (verbose)
        for (std::size_t i = 0; i < n; ++i)
            std::fprintf(stderr, "leave batch row %zu -> %d status %d granted %lld\n", i, rc, status[i],
                         static_cast<long long>(granted[i]));
}

/// Applies one input line to *rb (replacing it on success); false if refused.
bool apply(edr_rulebook** rb, std::string_view line) {
    edr_rulebook* next = nullptr;
    int rc;
    if (!line.empty() && line.front() == '{') {
        edr_rulebook* top = nullptr;
        rc = edr_rulebook_parse(&top, line.data(), line.size());
        check_rc(rc, "edr_rulebook_parse", std::string(line.substr(0, 120)));
        if (rc != EDR_OK) return false;
        rc = edr_rulebook_overlay(&next, *rb, top);
        edr_rulebook_free(top);
        check_rc(rc, "edr_rulebook_overlay", std::string(line.substr(0, 120)));
    } else {
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) return false;
        std::string name(line.substr(0, eq)), value(line.substr(eq + 1)), from, to;
        if (const std::size_t at = value.find('@'); at != std::string::npos) {
            from = value.substr(at + 1);
            value.resize(at);
            if (const std::size_t t = from.find('~'); t != std::string::npos) {
                to = from.substr(t + 1);
                from.resize(t);
            }
        }
        // NUL-terminated strings: an embedded NUL just ends the text early.
        rc = edr_rulebook_with_value(&next, *rb, name.c_str(), value.c_str(), from.empty() ? nullptr : from.c_str(),
                                     to.empty() ? nullptr : to.c_str());
        check_rc(rc, "edr_rulebook_with_value", std::string(line.substr(0, 120)));
    }
    if (rc != EDR_OK) return false;
    edr_rulebook_free(*rb);
    *rb = next;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;  // a handful of lines is the whole space
    std::string_view text(reinterpret_cast<const char*>(data), size);
    edr_rulebook* rb = nullptr;
    check_rc(edr_rulebook_builtin(&rb), "edr_rulebook_builtin", "");
    bool accepted = true;
    for (int lines = 0; accepted && !text.empty() && lines < 8; ++lines) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (!line.empty()) accepted = apply(&rb, line);
    }
    edr_engine* e = nullptr;
    if (accepted) {
        const int rc = edr_engine_new(&e, rb);
        check_rc(rc, "edr_engine_new", "");
        if (rc == EDR_OK) {
            requests(e);
            pe_batch(e);
            leave_batch(e);
        }
    }
    edr_engine_free(e);
    edr_rulebook_free(rb);
    edr_error_clear();
    return 0;
}
