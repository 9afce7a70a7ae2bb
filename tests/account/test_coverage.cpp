// Every account parameter of the default rulebook is named by some
// explanation (as tests/core/test_rulebook_coverage.cpp does for PE and
// tests/leave/test_coverage.cpp for leave): workers of every size class and
// sector overlay, trainings of every kind, every contract ending, the
// statutory window end, and a ledger with every event type, decided with
// explanations on through the JSON request path.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"

using namespace edurules;
using json = nlohmann::json;

namespace {

void collect(const json& j, std::set<std::string>& out) {
    if (j.is_object()) {
        if (j.contains("name") && j.contains("source") && j.contains("confidence") && j["name"].is_string())
            out.insert(j["name"].get<std::string>());
        for (const auto& [k, v] : j.items()) collect(v, out);
    } else if (j.is_array()) {
        for (const auto& v : j) collect(v, out);
    }
}

json worker(const std::string& id, const char* from, std::optional<const char*> ending = std::nullopt) {
    json w{{"id", id},
           {"jobs",
            json::array({json{{"from", from}, {"contract_per_week_hours", "38"}, {"full_time_per_week_hours", "38"}}})},
           {"trainings",
            json::array({json{{"id", "f"}, {"date", "2024-02-01"}, {"kind", "formal"}, {"minutes", 60}},
                         json{{"id", "v"}, {"date", "2024-02-02"}, {"kind", "vov"}, {"minutes", 60}},
                         json{{"id", "p"}, {"date", "2024-02-03"}, {"kind", "pe_activity"}, {"minutes", 60}}})}};
    if (ending) {
        w["jobs"][0]["to"] = "2025-06-30";
        w["end"] = json{{"date", "2025-06-30"}, {"ending", *ending}};
    }
    return w;
}

}  // namespace

TEST(AccountCoverage, EveryAccountParameterIsNamedByAnExplanation) {
    const engine e;
    std::set<std::string> used;
    for (const char* pc : {"", "116", "124", "200"})
        for (const char* fte : {"5", "15", "25"})
            for (const char* full : {"", "38"}) {
                json emp{{"fallback_fte", fte}};
                if (*pc) emp["joint_committee"] = pc;
                if (*full) emp["full_time_per_week_hours"] = full;
                json workers = json::array(
                    {worker("a", "2021-01-01"), worker("b", "2024-10-01"), worker("c", "2024-01-01", "resignation"),
                     worker("d", "2024-01-01", "dismissal_indemnity"), worker("e", "2024-01-01", "mutual_agreement"),
                     json{{"id", "nojob"}, {"jobs", json::array()}}});  // the training day without a job's week
                const json req{{"schema_version", 1}, {"kind", "account.right"}, {"date", "2029-01-01"},
                               {"explain", true},     {"employer", emp},         {"workers", workers}};
                collect(json::parse(io::evaluate_json(e, req.dump())), used);
            }
    const json ledger = json::parse(R"({"schema_version":1,"kind":"account.ledger","date":"2027-01-01","events":[
        {"id":"D","date":"2025-01-01","type":"deposit","from":[{"party":"worker","amount":"10.00"}]},
        {"id":"V","date":"2025-01-01","type":"voucher","from":[{"party":"government","amount":"10.00"}]},
        {"id":"S","date":"2025-02-01","type":"spend","kind":"evc","amount":"5.00"},
        {"id":"T","date":"2025-02-01","type":"spend","kind":"evc","amount":"500.00"}]})");
    collect(json::parse(io::evaluate_json(e, ledger.dump())), used);
    // a rulebook that does not carry the balance over
    const auto nocarry =
        std::make_shared<const rulebook>(rulebook::with_value(*rulebook::builtin(), "account.be.carry_over", "false"));
    const json one{{"schema_version", 1},
                   {"kind", "account.right"},
                   {"date", "2025-01-01"},
                   {"employer", {{"fallback_fte", "25"}}},
                   {"workers", json::array({worker("a", "2024-01-01")})}};
    collect(json::parse(io::evaluate_json(engine(nocarry), one.dump())), used);
    // a sector agreement below the floor a sector may set (sdworx: "minimaal 2 dagen per jaar")
    const auto low = std::make_shared<const rulebook>(
        rulebook::with_value(*rulebook::builtin(), "account.be.sector.124.ge20.days_per_fte", "1.5"));
    json sector = one;
    sector["employer"]["joint_committee"] = "124";
    const json low_result = json::parse(io::evaluate_json(engine(low), sector.dump()));
    EXPECT_EQ(low_result["result"]["workers"][0]["years"][0]["reasons"],
              json::array({"sector_below_floor", "sector_agreement"}));
    collect(low_result, used);
    std::string missing;
    for (const auto& [name, p] : rulebook::builtin()->parameters())
        if (name.rfind("account.", 0) == 0 && !used.count(name)) missing += "\n  " + name;
    EXPECT_TRUE(missing.empty()) << "account parameters no explanation names:" << missing;
}
