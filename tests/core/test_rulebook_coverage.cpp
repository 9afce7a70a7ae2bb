// Every parameter of the default rulebook is read by some rule (issue 11):
// the decisions run on the bundled examples (examples/data) and a few extra
// requests, with explanations on, and every parameter named in an
// explanation's param_use is collected. A parameter nobody reads is either
// dead (remove it) or a rule that forgot to explain itself.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "edurules/core/rulebook.hpp"
#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"

using namespace edurules;
using json = nlohmann::json;

namespace {

std::string slurp(const std::string& rel) {
    std::ifstream in(std::string(EDURULES_SOURCE_DIR) + "/" + rel, std::ios::binary);
    EXPECT_TRUE(in.good()) << rel;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Every parameter name in an explanation of a response: the objects of a
/// "parameters" list under an "explanation".
void collect(const json& j, std::set<std::string>& out) {
    if (j.is_object()) {
        if (j.contains("name") && j.contains("source") && j.contains("confidence") && j["name"].is_string())
            out.insert(j["name"].get<std::string>());
        for (const auto& [k, v] : j.items()) collect(v, out);
    } else if (j.is_array()) {
        for (const auto& v : j) collect(v, out);
    }
}

void run(const engine& e, json req, std::set<std::string>& used) {
    req["explain"] = true;
    try {
        collect(json::parse(io::evaluate_json(e, req.dump())), used);
    } catch (const std::exception& x) {
        ADD_FAILURE() << req.value("kind", "?") << ": " << x.what();
    }
}

/// The parameters used by the decisions on the bundled examples.
std::set<std::string> used_by_examples() {
    const engine e;
    std::set<std::string> used;
    const json dossier = json::parse(slurp("examples/data/dossier.json"));
    for (const char* date : {"2025-06-01", "2024-01-15", "2026-12-31"}) {
        for (const char* kind : {"pe.status", "pe.reminders"})
            run(e, json{{"schema_version", 1}, {"kind", kind}, {"date", date}, {"dossier", dossier}}, used);
    }
    run(e,
        json{{"schema_version", 1},
             {"kind", "pe.book"},
             {"date", "2025-06-01"},
             {"dossier", dossier},
             {"csv", slurp("examples/data/upload.csv")}},
        used);
    for (const auto& a : dossier["activities"]) {
        run(e, json{{"schema_version", 1}, {"kind", "pe.activity"}, {"date", "2025-06-01"}, {"activity", a}}, used);
        for (const auto& r : dossier["recognitions"])
            if (r.value("activity_id", "") == a.value("id", ""))
                run(e, json{{"schema_version", 1}, {"kind", "pe.recognition"}, {"activity", a}, {"recognition", r}},
                    used);
    }
    json group = json::array();
    for (const auto& p : dossier["participants"]) group.push_back(p["seu_number"]);
    run(e,
        json{{"schema_version", 1},
             {"kind", "pe.collective"},
             {"date", "2025-06-01"},
             {"dossier", dossier},
             {"seu_numbers", group}},
        used);

    // Extra fixture: a reminder is explained on the day it is due (registered
    // from the diploma on 2024-01-01, no points, 12 months before the end).
    const json due =
        json::parse(R"({"schema_version":1,"participants":[{"seu_number":"X1","diploma_date":"2024-01-01"}],
                                      "activities":[],"recognitions":[],"completions":[]})");
    // (pe.status: the pe.reminders response carries no explanation.)
    for (const char* kind : {"pe.status", "pe.reminders"})
        run(e, json{{"schema_version", 1}, {"kind", kind}, {"date", "2024-12-31"}, {"dossier", due}}, used);

    json insight = json::parse(slurp("examples/data/insight.json"));
    insight.erase("dossier_file");
    insight.erase("description");
    insight["schema_version"] = 1;
    insight["dossier"] = dossier;
    insight["date"] = "2025-06-01";
    for (const auto& org : insight["organisations"])
        for (const auto& c : org["contacts"])
            for (const char* kind : {"insight.overview", "insight.dossier"}) {
                json req = insight;
                req["kind"] = kind;
                req["contact"] = c["id"];
                run(e, req, used);
            }

    run(e, json::parse(slurp("examples/data/leave.json")), used);
    return used;
}

std::vector<std::string> unused(const std::set<std::string>& used, std::string_view prefix) {
    std::vector<std::string> out;
    for (const auto& [name, p] : rulebook::builtin()->parameters())
        if (name.rfind(prefix, 0) == 0 && !used.count(name)) out.push_back(name);
    return out;
}

std::string list(const std::vector<std::string>& xs) {
    std::string s;
    for (const auto& x : xs) s += "\n  " + x;
    return s;
}

}  // namespace

TEST(RulebookCoverage, EveryPeParameterIsReadByARule) {
    const auto miss = unused(used_by_examples(), "pe.");
    EXPECT_TRUE(miss.empty()) << "PE parameters no explanation names:" << list(miss);
}

TEST(RulebookCoverage, EveryParameterBelongsToADomain) {
    // calendar.school_year_start_month was read by nothing and is gone; a
    // parameter outside pe., leave. (and insight., which reads PE's) has no rules.
    for (const auto& [name, p] : rulebook::builtin()->parameters())
        EXPECT_TRUE(name.rfind("pe.", 0) == 0 || name.rfind("leave.", 0) == 0 || name.rfind("insight.", 0) == 0 ||
                    name.rfind("account.", 0) == 0)
            << name;
}

// The leave parameters: tests/leave/test_coverage.cpp (generated workers of
// every region, regime and school year, decided with explanations on).
