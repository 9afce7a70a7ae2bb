// The insight formats: decoding with errors naming the field, the insight.*
// requests end to end (the path the C ABI and Python take), CSV, HTML and
// audit lines.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "edurules/io/insight_json.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/request.hpp"

using namespace edurules;
using json = nlohmann::json;

namespace {

std::string slurp(const std::string& rel) {
    std::ifstream in(std::string(EDURULES_SOURCE_DIR) + "/" + rel);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The sample insight document with the sample dossier embedded.
json sample_request(const std::string& kind, const std::string& contact, const std::string& day = "2025-06-01") {
    json doc = json::parse(slurp("examples/data/insight.json"));
    doc.erase("dossier_file");
    doc.erase("description");
    doc["dossier"] = json::parse(slurp("examples/data/dossier.json"));
    doc["kind"] = kind;
    doc["contact"] = contact;
    doc["date"] = day;
    return doc;
}

json run(const json& req) {
    static const engine e;
    return json::parse(io::evaluate_json(e, req.dump()))["result"];
}

error request_error(const json& req) {
    static const engine e;
    try {
        io::evaluate_json(e, req.dump());
    } catch (const error& x) {
        return x;
    }
    ADD_FAILURE() << "no error";
    return error(errc::internal, "", "");
}

std::set<std::string> row_seus(const json& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r["seu_number"].get<std::string>());
    return out;
}

}  // namespace

TEST(InsightJson, DecodesTheSampleDocument) {
    const io::insight_document d = io::parse_insight(slurp("examples/data/insight.json"));
    EXPECT_EQ(d.dir.organisations.size(), 2u);
    EXPECT_GE(d.dir.consents.size(), 10u);
    EXPECT_EQ(d.dossier_file, "dossier.json");
    EXPECT_FALSE(d.dossier.has_value());
    // Every consent names a participant of the sample dossier.
    const pe::dossier pd = io::parse_dossier(slurp("examples/data/dossier.json"));
    const pe::dossier_index idx(pd);
    EXPECT_NO_THROW(io::check_consents(d.dir, idx));
}

TEST(InsightJson, ErrorsNameTheField) {
    json req = sample_request("insight.overview", "FLEX-HR");
    req["consents"][2]["until"] = "2025-02-30";
    error e = request_error(req);
    EXPECT_EQ(e.code(), errc::invalid_input);
    EXPECT_EQ(e.field(), "consents[2].until");
    EXPECT_EQ(e.record(), 2);

    req = sample_request("insight.overview", "FLEX-HR");
    req["organisations"][0]["contacts"][1]["role"] = "boss";
    EXPECT_EQ(request_error(req).field(), "organisations[0].contacts[1].role");

    req = sample_request("insight.overview", "FLEX-HR");
    req["consents"][0]["contact"] = "NOBODY";
    EXPECT_EQ(request_error(req).field(), "consents[0].contact");

    req = sample_request("insight.overview", "FLEX-HR");
    req["consents"][0]["seu_number"] = "SEU-000000";
    e = request_error(req);
    EXPECT_EQ(e.field(), "consents[0].seu_number");
    EXPECT_NE(std::string(e.what()).find("not in the PE dossier"), std::string::npos);

    req = sample_request("insight.overview", "FLEX-HR");
    req["dossier"]["participants"][0]["diploma_date"] = "2023-02-30";
    EXPECT_EQ(request_error(req).field(), "dossier.participants[0].diploma_date");

    req = sample_request("insight.overview", "FLEX-HR");
    req.erase("dossier");
    EXPECT_EQ(request_error(req).field(), "dossier");

    req = sample_request("insight.overview", "FLEX-HR");
    req["dossier_file"] = "dossier.json";
    EXPECT_EQ(request_error(req).field(), "dossier_file");

    req = sample_request("insight.nope", "FLEX-HR");
    EXPECT_EQ(request_error(req).field(), "kind");

    req = sample_request("insight.dossier", "FLEX-HR");
    req["from"] = "2025-01-01";
    req["to"] = "2024-01-01";
    EXPECT_EQ(request_error(req).field(), "to");
}

TEST(InsightJson, OverviewRequestForAdministrator) {
    const json r = run(sample_request("insight.overview", "FLEX-HR"));
    EXPECT_TRUE(r["access"]["allowed"].get<bool>());
    EXPECT_EQ(r["access"]["reason"], "role_allows");
    EXPECT_FALSE(r["access"]["explanation"].empty());
    const std::set<std::string> seus = row_seus(r["rows"]);
    EXPECT_EQ(seus.count("SEU-100370"), 1u);  // consents to both organisations
    EXPECT_EQ(seus.count("SEU-100185"), 1u);  // authorised until the day itself
    EXPECT_EQ(seus.count("SEU-100111"), 0u);  // expired the day before
    EXPECT_EQ(seus.count("SEU-100148"), 0u);  // revoked
    EXPECT_EQ(seus.count("SEU-100703"), 0u);  // revoked on the day
    EXPECT_EQ(seus.count("SEU-100333"), 0u);  // never consented
    EXPECT_EQ(seus.count("SEU-100444"), 0u);  // consented to the other organisation only
    for (const auto& row : r["rows"]) {
        for (const char* k : {"seu_number", "name", "period_start", "period_end", "points_earned", "points_required",
                              "points_short", "renewal_submitted", "status", "days_left", "consent_id"})
            EXPECT_TRUE(row.contains(k)) << k;
    }
    // An audit record for the role decision and each participant looked at.
    ASSERT_EQ(r["audit"].size(), r["entries"].size() + 1);
    EXPECT_EQ(r["audit"][0]["action"], "overview");
    for (const auto& a : r["audit"])
        for (const char* k : {"who", "whom", "when", "allowed", "why", "reason"}) EXPECT_TRUE(a.contains(k)) << k;
    for (const auto& a : r["audit"]) EXPECT_NE(a["whom"], "SEU-100333");
}

TEST(InsightJson, OverviewDeniedForPlainContact) {
    const json r = run(sample_request("insight.overview", "FLEX-NOORD"));
    EXPECT_FALSE(r["access"]["allowed"].get<bool>());
    EXPECT_EQ(r["access"]["reason"], "role_denies");
    EXPECT_TRUE(r["rows"].empty());
    ASSERT_EQ(r["audit"].size(), 1u);
    EXPECT_FALSE(r["audit"][0]["allowed"].get<bool>());
}

TEST(InsightJson, ParticipantInTwoOrganisationsShowsInBothAndOnlyThere) {
    const json a = run(sample_request("insight.overview", "FLEX-LD"));
    const json b = run(sample_request("insight.overview", "BACK-ADMIN"));
    EXPECT_EQ(row_seus(a["rows"]).count("SEU-100370"), 1u);
    EXPECT_EQ(row_seus(b["rows"]).count("SEU-100370"), 1u);
    EXPECT_EQ(row_seus(b["rows"]), (std::set<std::string>{"SEU-100370", "SEU-100444"}));
}

TEST(InsightJson, AccessRequest) {
    json req = sample_request("insight.access", "FLEX-NOORD");
    req["participants"] = {"SEU-100370", "SEU-100037", "SEU-100333"};
    const json r = run(req);
    EXPECT_FALSE(r["overview"]["allowed"].get<bool>());
    ASSERT_EQ(r["dossiers"].size(), 3u);
    EXPECT_TRUE(r["dossiers"][0]["allowed"].get<bool>());
    EXPECT_EQ(r["dossiers"][0]["consent_id"], "C-09");
    EXPECT_FALSE(r["dossiers"][1]["allowed"].get<bool>());  // consented to FLEX-HR, not FLEX-NOORD
    EXPECT_EQ(r["dossiers"][1]["reason"], "no_consent");
    EXPECT_EQ(r["dossiers"][2]["reason"], "no_consent");
    EXPECT_EQ(r["audit"].size(), 4u);
    // The access request works without a dossier.
    req.erase("dossier");
    EXPECT_EQ(run(req)["dossiers"].size(), 3u);
    // Revoked on the date: denied on it, allowed the day before.
    json rv = sample_request("insight.access", "FLEX-ZUID");
    rv["participant"] = "SEU-100703";
    EXPECT_EQ(run(rv)["dossiers"][0]["reason"], "consent_revoked");
    rv["date"] = "2025-05-31";
    EXPECT_TRUE(run(rv)["dossiers"][0]["allowed"].get<bool>());
}

TEST(InsightJson, DossierRequestWithPeriod) {
    json req = sample_request("insight.dossier", "FLEX-NOORD");
    req["participant"] = "SEU-100370";
    const json all = run(req);
    ASSERT_EQ(all["dossiers"].size(), 1u);
    const json& v = all["dossiers"][0];
    EXPECT_TRUE(v["access"]["allowed"].get<bool>());
    EXPECT_EQ(v["participant"]["name"], "Kim Vos");
    ASSERT_FALSE(v["activities"].empty());
    for (const auto& a : v["activities"])
        for (const char* k : {"completed", "activity_id", "title", "points", "recognition_id"})
            EXPECT_TRUE(a.contains(k)) << k;
    req["from"] = "2025-01-01";
    req["to"] = "2025-12-31";
    const json part = run(req);
    EXPECT_LT(part["dossiers"][0]["activities"].size(), v["activities"].size());
    for (const auto& a : part["dossiers"][0]["activities"]) EXPECT_GE(a["completed"].get<std::string>(), "2025-01-01");
    EXPECT_EQ(part["from"], "2025-01-01");
    // A colleague of the same organisation does not get it.
    req["contact"] = "FLEX-ZUID";
    const json denied = run(req);
    EXPECT_FALSE(denied["dossiers"][0]["access"]["allowed"].get<bool>());
    EXPECT_TRUE(denied["dossiers"][0]["activities"].empty());
    EXPECT_TRUE(denied["dossiers"][0]["participant"].is_null());
}

TEST(InsightJson, CsvAndHtmlShowTheSameRows) {
    static const engine e;
    const io::insight_document doc = io::parse_insight(slurp("examples/data/insight.json"));
    const pe::dossier pd = io::parse_dossier(slurp("examples/data/dossier.json"));
    const pe::dossier_index idx(pd);
    const insight::directory_index dir(doc.dir);
    const insight::report_builder b(e.pe(), idx, dir, boost::gregorian::date(2025, 6, 1));
    const insight::overview_report r = b.overview("FLEX-HR");
    const std::string csv = io::progress_csv(r.rows);
    // The CSV contract (issue 15): the status code beside its label, true/false.
    EXPECT_EQ(csv.rfind("seu_number,name,period_start,period_end,points_earned,points_required,points_short,renewal_"
                        "submitted,status,status_label,days_left\r\n",
                        0),
              0u);
    EXPECT_EQ(csv.find(",yes,"), std::string::npos);
    EXPECT_EQ(csv.find(",no,"), std::string::npos);
    EXPECT_NE(csv.find(",false,"), std::string::npos);
    std::size_t lines = 0;
    for (char c : csv) lines += c == '\n';
    EXPECT_EQ(lines, r.rows.size() + 1);
    io::report_page page{io::report_kind::overview, io::report_lang::nl, b.on(), "FLEX-HR", "T & <t>", std::nullopt};
    const std::string html = io::progress_html(e, dir, page, r.rows);
    EXPECT_NE(html.find("<title>PE-voortgang van T &amp; &lt;t&gt;</title>"), std::string::npos);
    EXPECT_NE(html.find("<html lang=\"nl\">"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), std::string::npos);
    for (const auto& row : r.rows) EXPECT_NE(html.find("data-seu=\"" + row.who->seu_number + "\""), std::string::npos);
    page.lang = io::report_lang::en;
    const std::string en = io::progress_html(e, dir, page, r.rows);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find("3 days left, may renew, no renewal dossier"), std::string::npos);
    EXPECT_NE(html.find("3 dagen over, mag verlengen, geen verlengingsdossier"), std::string::npos);
}

// Every catalogue message has both languages with the same placeholders, and
// ids are unique: a label missing in one language would show an empty cell.
TEST(ReportMessages, BothLanguagesWithTheSamePlaceholders) {
    std::set<std::string_view> ids;
    auto holes = [](std::string_view t) {
        std::set<std::string> out;
        for (std::size_t i = t.find('{'); i != std::string_view::npos; i = t.find('{', i + 1))
            out.insert(std::string(t.substr(i, t.find('}', i) - i + 1)));
        return out;
    };
    for (const auto& m : io::report_messages) {
        EXPECT_TRUE(ids.insert(m.id).second) << m.id;
        EXPECT_FALSE(m.nl.empty()) << m.id;
        EXPECT_FALSE(m.en.empty()) << m.id;
        EXPECT_EQ(holes(m.nl), holes(m.en)) << m.id;
    }
    EXPECT_THROW(io::report_text(io::report_lang::nl, "no.such.message"), error);
    EXPECT_EQ(io::parse_report_lang("en"), io::report_lang::en);
    EXPECT_FALSE(io::parse_report_lang("EN").has_value());
}

TEST(InsightJson, AuditLineIsOneJsonObject) {
    insight::audit_record a;
    a.on = boost::gregorian::date(2025, 6, 1);
    a.action = "dossier";
    a.contact_id = "C";
    a.organisation_id = "O";
    a.seu_number = "S";
    a.allowed = false;
    a.reason = "no_consent";
    a.why = "line\nbreak";
    const std::string line = io::audit_json_line(a);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    const json j = json::parse(line);
    EXPECT_EQ(j["who"], "C");
    EXPECT_EQ(j["whom"], "S");
    EXPECT_EQ(j["when"], "2025-06-01");
    EXPECT_EQ(j["allowed"], false);
    EXPECT_EQ(j["why"], "line\nbreak");
    EXPECT_TRUE(j["consent_id"].is_null());
}

TEST(InsightJson, CsvGuardsSpreadsheetFormulas) {
    static const engine e;
    pe::dossier pd = io::parse_dossier(slurp("examples/data/dossier.json"));
    pd.participants[0].name = "=HYPERLINK(\"http://x\",\"a, b\")";
    const pe::dossier_index idx(pd);
    insight::directory d;
    d.organisations = {
        insight::organisation{"O", "Org", {insight::contact{"ADM", "Admin", insight::role::administrator, {}, {}}}}};
    d.consents = {
        insight::consent{"K", pd.participants[0].seu_number, "ADM", boost::gregorian::date(2023, 1, 1), {}, {}}};
    const insight::directory_index dir(d);
    const insight::report_builder b(e.pe(), idx, dir, boost::gregorian::date(2025, 6, 1));
    const std::string csv = io::progress_csv(b.overview("ADM").rows);
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\","), std::string::npos) << csv;
}
