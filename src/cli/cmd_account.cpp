// The `account` command: the Belgian individual training right (account.right)
// or the SER development account (account.ledger) of an input file (see
// schemas/account.request.schema.json). The document goes through the JSON
// request path (io::evaluate_json) once; this file prints its response as
// JSON, a table or CSV. Nothing here decides, sums or rounds.
#include <iostream>
#include <nlohmann/json.hpp>

#include "../core/json_guard.hpp"
#include "common.hpp"
#include "edurules/io/request.hpp"

namespace edurules::cli {

namespace {
using json = nlohmann::json;

/// A cell's text; a list joins with `sep` (the CSV contract: codes `;`-separated).
std::string text_of(const json& j, const char* sep = ", ") {
    if (j.is_null()) return "";
    if (j.is_string()) return j.get<std::string>();
    if (j.is_array()) {
        std::string s;
        for (const auto& x : j) s += (s.empty() ? "" : sep) + text_of(x, sep);
        return s;
    }
    return j.dump();
}

// The table's headers are for people; the CSV's are snake_case names (the CSV contract).
void right_rows(const json& result, bool csv, std::vector<std::string>& header,
                std::vector<std::vector<std::string>>& rows) {
    if (csv)
        header = {"worker",        "year",           "size_class",      "days_per_fte",
                  "months",        "credit_days",    "credit_minutes",  "carried_minutes",
                  "taken_minutes", "lapsed_minutes", "balance_minutes", "reasons"};
    else
        header = {"worker",       "year",          "size class",  "days/FTE",     "months",        "credit (days)",
                  "credit (min)", "carried (min)", "taken (min)", "lapsed (min)", "balance (min)", "reasons"};
    const char* sep = csv ? ";" : ", ";
    for (const auto& w : result["workers"])
        for (const auto& y : w["years"])
            rows.push_back({text_of(w["id"]), text_of(y["year"]), text_of(y["size_class"]), text_of(y["days_per_fte"]),
                            text_of(y["months"]), text_of(y["credit"]["days"]), text_of(y["credit"]["minutes"]),
                            text_of(y["carried_in_minutes"]), text_of(y["taken_minutes"]), text_of(y["lapsed_minutes"]),
                            text_of(y["balance_minutes"]), text_of(y["reasons"], sep)});
}

void ledger_rows(const json& result, bool csv, std::vector<std::string>& header,
                 std::vector<std::vector<std::string>>& rows) {
    header = {"event", "status", csv ? "paid_from" : "paid from", "reasons"};
    const char* sep = csv ? ";" : ", ";
    for (const auto& e : result["events"]) {
        std::string paid;
        for (const auto& a : e["paid_from"])
            paid += (paid.empty() ? "" : sep) + text_of(a["source"]) + " " + text_of(a["amount"]);
        rows.push_back({text_of(e["id"]), text_of(e["status"]), paid, text_of(e["reasons"], sep)});
    }
}

void print_explanation(std::ostream& out, const json& expl, const std::string& indent) {
    for (const auto& st : expl) {
        out << indent << "- [" << printable(text_of(st["rule"])) << "] " << printable(text_of(st["text"])) << "\n";
        for (const auto& p : st["parameters"])
            out << indent << "    " << printable(text_of(p["name"])) << " = " << printable(text_of(p["value"])) << " ("
                << printable(text_of(p["confidence"])) << ", " << printable(text_of(p["source"])) << ")\n";
    }
}
/// Refuses a document that is not an account request: this command prints
/// account.right and account.ledger answers only (`edurules request` answers
/// any kind). A missing kind is refused as `request` refuses it.
void require_account_kind(const json& req, const input& in) {
    const json* k = req.contains("kind") ? &req["kind"] : nullptr;
    if (k && k->is_string() && (*k == "account.right" || *k == "account.ledger")) return;
    std::string shown = k ? k->dump(-1, ' ', false, json::error_handler_t::replace) : "";
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    const std::string what = k ? "is " + shown + ", not an account kind" : "missing";
    rethrow_located(error(errc::invalid_input, "kind",
                          what + ": the account command reads account.right or account.ledger (edurules request "
                                 "answers the other kinds)"),
                    in);
}

struct account_args {
    options o;
    std::string file;
};

int run_account(const account_args& a) {
    const options& o = a.o;
    if (o.date) (void)eval_date(o);  // a bad --date is the command line's fault, not the document's
    const auto eng = make_engine(o, {a.file});
    // parsed with the request path's guards (depth, NUL bytes, UTF-8; errors with a byte offset)
    const input in = read_input(a.file);
    json req = parse_input(in, [&](const std::string& text) { return edurules::detail::parse_checked(text, in.name); });
    if (!req.is_object()) throw error(errc::invalid_input, in.name, "expected a JSON object");
    require_account_kind(req, in);
    if (o.date) req["date"] = *o.date;
    // the caller's --explain/--no-explain, else the document's "explain" (it was always overridden)
    const json* member = req.contains("explain") ? &req["explain"] : nullptr;
    const bool explain =
        explain_of(o, member && member->is_boolean() ? std::optional<bool>(member->get<bool>()) : std::nullopt);
    if (!member || member->is_boolean()) req["explain"] = explain;  // a member not true or false is refused as input
    const json resp =
        parse_input(in, [&](const std::string&) { return json::parse(io::evaluate_json(*eng, req.dump())); });
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << resp.dump(2) << "\n";
        out.close();
        return exit_ok;
    }
    const json& result = resp["result"];
    const bool ledger = resp["kind"] == "account.ledger";
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    (ledger ? ledger_rows : right_rows)(result, o.fmt == format::csv, header, rows);
    if (o.fmt == format::csv) {
        print_csv(out.stream(), header, rows);
        out.close();
        return exit_ok;
    }
    out.stream() << (ledger ? "Development account on " : "Individual training right on ")
                 << printable(text_of(result["date"])) << " (" << printable(eng->book().name()) << ")\n\n";
    // the narrow table (80 columns): who, year, credit and balance, reasons; --wide shows every column
    std::vector<column> cols;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const bool narrow = ledger || c == 0 || c == 1 || c == 5 || c == 10 || c == 11;
        cols.push_back({header[c], narrow, !ledger && (c == 0 || c == 11)});
    }
    print_table(out.stream(), cols, rows, o.wide, out.color());
    if (ledger) {
        out.stream() << "\nbalance " << printable(text_of(result["balance"]["total"])) << " EUR (free "
                     << printable(text_of(result["balance"]["free"])) << "); deposited "
                     << printable(text_of(result["totals"]["deposited"])) << ", spent "
                     << printable(text_of(result["totals"]["spent"])) << ", lapsed "
                     << printable(text_of(result["totals"]["lapsed"])) << "\n";
        if (explain) print_explanation(out.stream(), result["explanation"], "  ");
    } else {
        out.stream() << "\n";
        for (const auto& w : result["workers"]) {
            out.stream() << printable(text_of(w["id"])) << ": balance " << printable(text_of(w["balance"]["days"]))
                         << " day(s) (" << printable(text_of(w["balance"]["minutes"])) << " minutes)";
            // no year in the table (all before the first year of the right): the worker's reasons say why
            if (w["years"].empty() && !w["reasons"].empty())
                out.stream() << ": " << printable(text_of(w["reasons"], ", "));
            out.stream() << "\n";
            if (explain) print_explanation(out.stream(), w["explanation"], "  ");
        }
    }
    out.close();
    return exit_ok;
}

}  // namespace

command add_account(CLI::App& root) {
    auto a = std::make_shared<account_args>();
    CLI::App* cmd = new_command(root, "account",
                                "Belgian individual training right (account.right: size class, days per FTE, pro rata, "
                                "carry-over, balance) or the development account (account.ledger: deposits, vouchers, "
                                "spending, balance) of an input document.");
    cmd->add_option("INPUT", a->file,
                    "an account.right or account.ledger document (schemas/account.request.schema.json; - for "
                    "standard input)")
        ->required();
    // --explain: the rules below the table, the JSON's explanations (the CSV has the reason codes only)
    add_common(*cmd, a->o,
               {opt_all & ~opt_quiet,
                {"table", "json", "csv"},
                fmt_bit(format::table) | fmt_bit(format::json),
                fmt_bit(format::table),
                true});
    return {cmd, [a] { return run_account(*a); }, &a->o};
}

}  // namespace edurules::cli
