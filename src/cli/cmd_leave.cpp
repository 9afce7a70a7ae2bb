// The `leave` command: Belgian paid educational leave for every worker and
// training of an input file (a leave.evaluate request document, see
// schemas/leave.request.schema.json). Decisions come from the JSON request
// path (io::evaluate_json); this file only prints them.
#include "common.hpp"
#include "../core/json_guard.hpp"
#include "edurules/io/request.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace edurules::cli {

namespace {
using json = nlohmann::json;

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    return it->is_string() ? it->get<std::string>() : it->dump();
}
std::string hours_of(const json& j, const char* a, const char* b) {
    auto it = j.find(a);
    if (it == j.end()) return "";
    auto jt = it->find(b);
    if (jt == it->end()) return "";
    return text_of(*jt, "hours");
}
}  // namespace

int cmd_leave(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    if (o.positional.size() != 1) throw usage_error("leave needs exactly one INPUT.json");
    const auto eng = make_engine(o);
    // The same guards as every JSON input (NUL bytes, nesting depth, numbers beyond a double).
    json req = edurules::detail::parse_checked(read_file(o.positional[0]), o.positional[0]);
    if (!req.is_object()) throw error(errc::invalid_input, o.positional[0], "expected a JSON object (a leave.evaluate request)");
    if (!req.contains("kind")) req["kind"] = "leave.evaluate";
    if (auto sy = o.extra.find("school-year"); sy != o.extra.end()) req["school_year"] = sy->second;
    req["explain"] = o.explain;
    const json resp = json::parse(io::evaluate_json(*eng, req.dump()));
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << resp.dump(2) << "\n";
        return exit_ok;
    }
    std::vector<std::vector<std::string>> rows;
    std::size_t eligible = 0, total = 0;
    for (const auto& w : resp["result"]["workers"]) {
        std::string suspended;
        for (const auto& s : w.value("suspensions", json::array()))
            suspended += (suspended.empty() ? "" : "; ") + text_of(s, "from") + ".." + text_of(s, "to");
        for (const auto& t : w["trainings"]) {
            std::string reasons;
            for (const auto& r : t["reasons"]) reasons += (reasons.empty() ? "" : ", ") + text_of(r, "code");
            const bool ok = t.value("eligible", false);
            eligible += ok;
            ++total;
            const json cap = w.value("cap", json::object());
            rows.push_back({text_of(w, "id"), text_of(w, "school_year"), text_of(t, "id"), text_of(t, "regime"),
                            ok ? "yes" : "no", text_of(w, "employment_percent"),
                            text_of(t, "regime") == "vov"
                                ? (w.contains("vov_maximum") ? text_of(w["vov_maximum"], "own_hours") : "")
                                : (cap.empty() ? "" : text_of(cap["full_time"], "hours")),
                            hours_of(t, "hours", "attended"), hours_of(t, "hours", "granted"), suspended,
                            text_of(t["reimbursement"], "amount"),
                            t.contains("deadlines") ? text_of(t["deadlines"], "claim_until") : "", reasons});
        }
    }
    const std::vector<std::string> header{"worker", "school year", "training", "regime", "eligible", "employment",
                                          "cap (h)", "attended (h)", "granted (h)", "suspension", "reimbursement (EUR)",
                                          "claim until", "reasons"};
    if (o.fmt == format::csv) {
        print_csv(out.stream(), {"worker", "school_year", "training", "regime", "eligible", "employment_percent", "cap_hours",
                                 "attended_hours", "granted_hours", "suspension", "reimbursement_eur", "claim_until", "reasons"},
                  rows);
        return exit_ok;
    }
    out.stream() << "Paid educational leave (" << eng->book().name() << " " << eng->book().version() << ")\n\n";
    print_table(out.stream(), header, rows);
    out.stream() << "\n" << total << " worker x training rows; " << eligible << " eligible, " << (total - eligible)
                 << " not (reasons in the last column; --format json --explain for the rules and sources).\n";
    if (o.explain) {
        for (const auto& w : resp["result"]["workers"]) {
            out.stream() << "\n" << text_of(w, "id") << ":\n";
            auto steps = [&](const json& ex, const std::string& indent) {
                for (const auto& st : ex) {
                    out.stream() << indent << "- [" << text_of(st, "rule") << "] " << text_of(st, "text") << "\n";
                    for (const auto& p : st["parameters"])
                        out.stream() << indent << "    " << text_of(p, "name") << " = " << text_of(p, "value") << " ("
                                     << text_of(p, "confidence") << ", " << text_of(p, "source") << ")\n";
                }
            };
            steps(w.value("explanation", json::array()), "  ");
            for (const auto& t : w["trainings"]) {
                out.stream() << "  " << text_of(t, "id") << ":\n";
                steps(t.value("explanation", json::array()), "    ");
            }
        }
    }
    return exit_ok;
}

}  // namespace edurules::cli
