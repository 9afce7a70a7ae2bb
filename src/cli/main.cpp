// edurules: the command-line face of the engine. Every decision comes from
// the same C++ core the C ABI and Python use; this file only dispatches.
#include <cstring>
#include <iostream>

#include "common.hpp"
#include "edurules/io/request.hpp"

namespace edurules::cli {

namespace {
const char* const help_text =
    R"(edurules - rules engine for continuing education (SEU PE) and Belgian paid educational leave

Usage:
  edurules status DOSSIER.json [--date D] [--format table|json|csv] [--explain]
        PE status of every participant in a dossier on date D: period, points
        counted, points short, days left, renewal possible, lapsed, title.
  edurules book DOSSIER.json UPLOAD.csv [--date D] [--format table|json|csv]
        Books a provider's bulk upload (CSV: seu_number,activity_id,completion_date)
        against a dossier; reports every row booked or rejected with its reason.
  edurules leave INPUT.json [--format table|json|csv] [--explain] [--school-year YYYY-YYYY]
        Belgian paid educational leave: regime, eligibility, hours, absence
        (10% rule), reimbursement and deadlines for each worker and training.
  edurules insight INPUT.json --contact ID [--date D] [--format table|json|csv|html]
                 [--participant SEU [--from D] [--to D]] [--dossiers] [--audit FILE]
                 [--allow-dossier-outside]
        Employer insight: the overview report (administrator and second contact),
        or the dossiers that authorised the contact; --participant shows one
        dossier's activities (filtered by completion date); --audit appends one
        JSON line per access decision, written before the report is released
        (exit 5 and no report if it cannot be). A "dossier_file" must stay in the
        document's folder unless --allow-dossier-outside. Exit 1 when access is denied.
  edurules account INPUT.json [--date D] [--format table|json|csv] [--explain]
        Belgian individual training right (account.right: size class, days per FTE,
        pro rata, carry-over, balance) or the development account (account.ledger:
        deposits, vouchers, spending, balance) of an input document.
  edurules request REQUEST.json
        Evaluates one JSON request (any kind) and prints the JSON response.
  edurules rulebook show|export|validate [FILE]
        Lists the parameters in force, exports the rulebook as JSON, or checks a rulebook file.

Options for every command:
  --date YYYY-MM-DD       evaluation date (default: today)
  --rulebook FILE         overlay a rulebook file on the built-in one (repeatable)
  --set NAME=VALUE[@D]    override one parameter, from date D if given (repeatable),
                          e.g. --set pe.points.required=16
  --format F              table (default), json or csv
  --explain               include the rules applied, values used and their sources
  --output FILE           write there instead of standard output (a failed write: exit 5)
  --max-input-bytes N     refuse input files larger than N bytes (K, M, G suffixes;
                          default 1G, or EDURULES_MAX_INPUT_BYTES); directories,
                          FIFOs and devices are refused as inputs (exit 5)
  --quiet                 no progress display
  --help, --version

Exit codes:
  0 done, everything decided (book: every row booked)
  1 done, some rows rejected (each is reported with its reason)
  2 bad command line   3 bad input file (the message names record and field)
  4 bad rulebook       5 file not readable/writable   70 internal error
)";

std::string param_value_at(const parameter& p, date d) {
    const auto* v = p.at(d);
    return v ? p.format(v->value) : std::string("(none)");
}
}  // namespace

int cmd_rulebook(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    const std::string sub = o.positional.empty() ? "show" : o.positional[0];
    if (sub == "validate") {
        if (o.positional.size() < 2) throw usage_error("rulebook validate needs a FILE");
        const rulebook rb = rulebook::from_json(read_file(o.positional[1]), o.positional[1]);
        const rulebook merged = rulebook::overlaid(*rulebook::builtin(), rb);
        const engine e(std::make_shared<const rulebook>(merged));  // checks every parameter the rules need
        std::cout << o.positional[1] << ": ok, " << rb.parameters().size() << " parameters\n";
        check_stdout();
        return exit_ok;
    }
    const auto eng = make_engine(o);
    output out(o);
    if (sub == "export") {
        out.stream() << eng->book().to_json() << "\n";
        out.close();
        return exit_ok;
    }
    if (sub != "show") throw usage_error("rulebook takes show, export or validate, not '" + sub + "'");
    const date d = eval_date(o);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [name, p] : eng->book().parameters()) {
        const auto* v = p.at(d);
        rows.push_back({name, param_value_at(p, d), v ? to_code(v->conf) : "", v ? v->source_id : ""});
    }
    const std::vector<std::string> header{"parameter", "value on " + to_iso(d), "confidence", "source"};
    if (o.fmt == format::csv)
        print_csv(out.stream(), header, rows);
    else
        print_table(out.stream(), header, rows);
    out.close();
    return exit_ok;
}

int cmd_request(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    if (o.positional.size() != 1) throw usage_error("request needs exactly one REQUEST.json (or - for standard input)");
    std::string text;
    if (o.positional[0] == "-") {
        text = read_stdin();
    } else {
        text = read_file(o.positional[0]);
    }
    const auto eng = make_engine(o);
    output out(o);
    out.stream() << io::evaluate_json(*eng, text) << "\n";
    out.close();
    return exit_ok;
}

}  // namespace edurules::cli

int main(int argc, char** argv) {
    using namespace edurules::cli;
    try {
        if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
            !std::strcmp(argv[1], "help")) {
            std::cout << help_text;
            return argc < 2 ? exit_usage : exit_ok;
        }
        const std::string cmd = argv[1];
        if (cmd == "--version") {
            std::cout << "edurules " << EDURULES_VERSION << "\n";
            return exit_ok;
        }
        for (int i = 2; i < argc; ++i)
            if (!std::strcmp(argv[i], "--help")) {
                std::cout << help_text;
                return exit_ok;
            }
        int rc = -1;
        if (cmd == "status")
            rc = cmd_status(argc, argv, 2);
        else if (cmd == "book")
            rc = cmd_book(argc, argv, 2);
        else if (cmd == "leave")
            rc = cmd_leave(argc, argv, 2);
        else if (cmd == "insight")
            rc = cmd_insight(argc, argv, 2);
        else if (cmd == "account")
            rc = cmd_account(argc, argv, 2);
        else if (cmd == "request")
            rc = cmd_request(argc, argv, 2);
        else if (cmd == "rulebook")
            rc = cmd_rulebook(argc, argv, 2);
        else
            throw usage_error("unknown command '" + cmd + "'");
        check_stdout();  // whatever went to standard output must have arrived
        return rc;
    } catch (const std::exception& e) {
        return report_error(std::cerr, e);
    }
}
