// edurules: the command-line face of the engine. Every decision comes from
// the same C++ core the C ABI and Python use; this file only dispatches.
#include <algorithm>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "edurules/core/nearest.hpp"
#include "edurules/io/file.hpp"
#include "edurules/io/request.hpp"

namespace edurules::cli {

namespace {
const char* const help_text =
    R"(edurules - rules engine for continuing education (SEU PE) and Belgian paid educational leave

Usage:
  edurules status DOSSIER.json [--date D] [--format table|json|csv|ndjson] [--explain] [--wide]
        PE status of every participant in a dossier on date D: period, points
        counted, points short, days left, renewal possible, lapsed, title.
  edurules book DOSSIER.json UPLOAD.csv [--date D] [--format table|json|csv|ndjson] [--wide]
        Books a provider's bulk upload (CSV: seu_number,activity_id,completion_date)
        against a dossier; reports every row booked or rejected with its reason.
  edurules leave INPUT.json [--format table|json|csv] [--explain] [--school-year YYYY-YYYY]
        Belgian paid educational leave: regime, eligibility, hours, absence
        (10% rule), reimbursement and deadlines for each worker and training.
  edurules insight INPUT.json --contact ID [--date D] [--format table|json|csv|html]
                 [--participant SEU [--from D] [--to D]] [--dossiers] [--audit FILE]
                 [--allow-dossier-outside] [--lang nl|en]
        Employer insight: the overview report (administrator and second contact),
        or the dossiers that authorised the contact; --participant shows one
        dossier's activities (filtered by completion date); --audit appends one
        JSON line per access decision, written before the report is released
        (exit 5 and no report if it cannot be). A "dossier_file" must stay in the
        document's folder unless --allow-dossier-outside. Exit 1 when access is denied.
        --format html: the employer report, ranked by urgency; Dutch unless --lang en.
  edurules account INPUT.json [--date D] [--format table|json|csv] [--explain]
        Belgian individual training right (account.right: size class, days per FTE,
        pro rata, carry-over, balance) or the development account (account.ledger:
        deposits, vouchers, spending, balance) of an input document.
  edurules request REQUEST.json
        Evaluates one JSON request (any kind) and prints the JSON response; exit 1
        as book when a pe.book row is rejected (an insight refusal is an answer: 0).
  edurules rulebook [show|export|validate] [FILE]
        Lists the parameters in force, exports the rulebook as JSON, or checks a rulebook file.

'edurules COMMAND --help' (or -h) lists the options of that command. Among them:
  --date YYYY-MM-DD       evaluation date (default: today)
  --rulebook FILE         overlay a rulebook file on the built-in one (repeatable)
  --set NAME=VALUE[@D]    override one parameter, from date D if given (repeatable),
                          e.g. --set pe.points.required=16
  --format F              table (default), json, csv; ndjson (status, book); html (insight)
  --explain               include the rules applied, values used and their sources
  --output FILE, -o       write there instead of standard output (a failed write: exit 5)
  --wide                  tables: every column (default: fits 80 columns)
  --max-input-bytes N     refuse input files larger than N bytes (K, M, G suffixes;
                          default 1G, or EDURULES_MAX_INPUT_BYTES); directories,
                          FIFOs and devices are refused as inputs (exit 5)
  --color WHEN            auto (default: a terminal, unless NO_COLOR is set), always, never
  --quiet, -q             no progress display
  --help, --version
A file argument of - is standard input (one per run); --output - is standard output.
JSON output is {"schema_version", "kind", "result"} (schemas/envelope.schema.json).

Exit codes:
  0 done, everything decided (book: every row booked)
  1 done, some rows rejected (each is reported with its reason; request: pe.book)
    or access denied (insight: unknown contact, a refused overview or named dossier)
  2 bad command line (or EDURULES_MAX_INPUT_BYTES)
  3 bad input file (the message names file, line and field)
  4 bad rulebook       5 file not readable/writable   70 internal error
)";

/// rulebook show: the parameters in force on a date (JSON: the
/// rulebook.describe request's response, computed by the request path).
int rulebook_show(const options& o, const engine& eng, output& out) {
    const date d = eval_date(o);
    if (o.fmt == format::json) {
        const std::string req = R"({"schema_version":1,"kind":"rulebook.describe","date":")" + to_iso(d) + "\"}";
        out.stream() << io::evaluate_json(eng, req) << "\n";
        return exit_ok;
    }
    std::vector<std::vector<std::string>> rows;
    const bool csv = o.fmt == format::csv;
    for (const auto& [name, p] : eng.book().parameters()) {
        const auto* v = p.at(d);
        std::string value = v ? p.format(v->value) : csv ? "" : "(none)";
        const std::string unit_suffix = " " + p.unit;
        const bool has_unit = !p.unit.empty() && value.size() > unit_suffix.size() &&
                              value.compare(value.size() - unit_suffix.size(), unit_suffix.size(), unit_suffix) == 0;
        if (csv && has_unit) value.resize(value.size() - unit_suffix.size());  // the CSV's number, the unit beside
        if (csv)
            rows.push_back({name, value, has_unit ? p.unit : "", v ? to_code(v->conf) : "", v ? v->source_id : ""});
        else
            rows.push_back({name, value, v ? to_code(v->conf) : "", v ? v->source_id : ""});
    }
    const std::vector<column> cols{
        {"parameter"}, {"value on " + to_iso(d), true, true}, {"confidence", false}, {"source", true, true}};
    if (o.fmt == format::csv)
        print_csv(out.stream(), {"parameter", "value", "unit", "confidence", "source"}, rows);
    else
        print_table(out.stream(), cols, rows, o.wide, out.color());
    return exit_ok;
}

struct rulebook_args {
    options o;
    std::string action = "show";
    std::optional<std::string> file;
};

int run_rulebook(const rulebook_args& a) {
    const options& o = a.o;
    // export and validate write no table and read no date; validate checks FILE over the built-in rulebook
    if (a.action == "export")
        refuse_idle_options(o, {opt_rules | opt_output}, "rulebook export",
                            "it writes the rulebook in force as a rulebook file (JSON) with every dated value; "
                            "rulebook show lists the values on a date, as a table, JSON or CSV");
    if (a.action == "validate")
        refuse_idle_options(o, {opt_output}, "rulebook validate",
                            "it checks FILE overlaid on the built-in rulebook and prints ok or why it is refused");
    if (a.action == "validate") {
        if (!a.file) throw usage_error("rulebook validate needs a FILE (or - for standard input)");
        refuse_output_as_input(o, {*a.file});
        const input in = read_input(*a.file);
        const rulebook rb = parse_input(in, [&](const std::string& t) { return rulebook_file(t, in.name); });
        const rulebook merged =
            parse_input(in, [&](const std::string&) { return rulebook::overlaid(*rulebook::builtin(), rb); });
        const engine e(std::make_shared<const rulebook>(merged));  // checks every parameter the rules need
        output out(o);
        out.stream() << printable(in.name) << ": ok, " << rb.parameters().size() << " parameters\n";
        out.close();
        return exit_ok;
    }
    if (a.file) throw usage_error("rulebook " + a.action + " takes no FILE (use --rulebook FILE to overlay one)");
    const auto eng = make_engine(o);
    output out(o);
    const int rc =
        a.action == "export" ? (out.stream() << eng->book().to_json() << "\n", exit_ok) : rulebook_show(o, *eng, out);
    out.close();
    return rc;
}

/// A JSON text read without the members named `skip` (wherever they are), so
/// that a large response's rows are not kept to read its counts.
nlohmann::json parse_without(std::string_view text, std::initializer_list<std::string_view> skip) {
    return nlohmann::json::parse(text, [skip](int, nlohmann::json::parse_event_t ev, nlohmann::json& parsed) {
        return ev != nlohmann::json::parse_event_t::key ||
               std::find(skip.begin(), skip.end(), parsed.get_ref<const std::string&>()) == skip.end();
    });
}

/// The exit code of a response, as documented: 1 when the engine rejected
/// some rows of a pe.book request (its own count, as `book` exits); any other
/// answer is 0, its decisions (an insight refusal too) being in the response.
int request_exit_code(std::string_view response) {
    // The response is {"kind":"...","result":...} (io/request.cpp writes the kind first).
    constexpr std::string_view head = R"({"kind":")";
    if (response.substr(0, head.size()) != head) return exit_ok;
    const std::string_view rest = response.substr(head.size());
    const std::string_view kind = rest.substr(0, rest.find('"'));
    const auto result = [](const nlohmann::json& r) { return r.value("result", nlohmann::json::object()); };
    if (kind == "pe.book")
        return result(parse_without(response, {"rows"})).value("rejected", 0) ? exit_rejected : exit_ok;
    return exit_ok;
}

int run_request(const options& o, const std::string& file) {
    const auto eng = make_engine(o, {file});
    const input in = read_input(file);
    output out(o);
    // an error names the file, and its line and column where the offset or field is known
    const std::string response = parse_input(in, [&](std::string_view text) { return io::evaluate_json(*eng, text); });
    out.stream() << response << "\n";
    out.close();
    return request_exit_code(response);
}
}  // namespace

command add_rulebook(CLI::App& root) {
    auto a = std::make_shared<rulebook_args>();
    CLI::App* cmd = new_command(root, "rulebook",
                                "Lists the parameters in force on a date (show, the default), exports the rulebook "
                                "as a rulebook file (export), or checks a rulebook file (validate FILE).");
    const std::vector<std::string> actions{"show", "export", "validate"};
    cmd->add_option("ACTION", a->action, "show, export or validate")
        ->check(CLI::Validator(
            [actions](std::string& v) -> std::string {
                if (std::find(actions.begin(), actions.end(), v) != actions.end()) return {};
                return "rulebook takes show, export or validate, not '" + v + "'" + did_you_mean(v, actions);
            },
            "show|export|validate"));
    cmd->add_option("FILE", a->file, "validate: the rulebook file (- for standard input)");
    // the options of show; export and validate honour fewer (run_rulebook refuses the others)
    add_common(*cmd, a->o, {opt_date | opt_rules | opt_format | opt_output | opt_wide, {"table", "json", "csv"}});
    return {cmd, [a] { return run_rulebook(*a); }, &a->o};
}

command add_request(CLI::App& root) {
    auto o = std::make_shared<options>();
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = new_command(root, "request",
                                "Evaluates one JSON request (any kind, schemas/*.request.schema.json) and prints "
                                "the JSON response {schema_version, kind, result}; exit 1 as book when a pe.book "
                                "row is rejected (an insight refusal is an answer: 0).");
    cmd->add_option("REQUEST", *file, "the request file (- for standard input)")->required();
    add_common(*cmd, *o, {opt_rules | opt_output});
    return {cmd, [o, file] { return run_request(*o, *file); }, o.get()};
}

namespace {
/// The command line's first unknown option, refused with the nearest valid one.
void refuse_extras(const CLI::App& cmd) {
    const std::vector<std::string> extra = cmd.remaining();
    if (extra.empty()) return;
    std::vector<std::string> names;
    for (const CLI::Option* opt : cmd.get_options()) {
        for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
        for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    }
    for (const auto& x : extra) {
        if (x.size() < 2 || x[0] != '-') continue;
        const std::string name = x.substr(0, x.find('='));
        throw usage_error("unknown option '" + name + "' for " + cmd.get_name() + did_you_mean(name, names) +
                          " (see 'edurules " + cmd.get_name() + " --help')");
    }
    throw usage_error("unexpected argument '" + extra.front() + "' for " + cmd.get_name() + " (see 'edurules " +
                      cmd.get_name() + " --help')");
}

/// EDURULES_MAX_INPUT_BYTES configures a run as --max-input-bytes does (which
/// wins): a bad value is the command line's kind of mistake, exit 2 (it was
/// exit 3, "bad input file", though no file was at fault), refused before
/// anything is read.
void check_input_limit() {
    try {
        (void)io::max_input_bytes();
    } catch (const error& e) {
        throw usage_error(std::string(e.what()) + " (or give --max-input-bytes N)");
    }
}

int run(int argc, char** argv) {
    CLI::App app("edurules - rules engine for continuing education (SEU PE) and Belgian paid educational leave",
                 "edurules");
    app.require_subcommand(1);
    app.set_help_flag();  // the root's help is help_text (main)
    // One function per subcommand: a new one is one more line here.
    std::vector<command> commands{add_status(app),  add_book(app),    add_leave(app),   add_insight(app),
                                  add_account(app), add_request(app), add_rulebook(app)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        const int rc = app.exit(e);
        check_stdout();  // the help must have arrived, as any output (exit 5)
        return rc;
    } catch (const CLI::ParseError& e) {
        std::vector<std::string> names;
        for (const auto& c : commands) names.push_back(c.app->get_name());
        const CLI::App* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
        if (sub) refuse_extras(*sub);  // an unknown option is the likelier mistake: name it first
        if (!sub && argc > 1)
            throw usage_error(std::string("unknown command '") + argv[1] + "'" + did_you_mean(argv[1], names));
        throw usage_error(std::string(e.what()) +
                          (sub ? " (see 'edurules " + sub->get_name() + " --help')" : std::string()));
    }
    for (const auto& c : commands) {
        if (!c.app->parsed()) continue;
        refuse_extras(*c.app);
        if (c.opts) refuse_idle_options(*c.opts, c.opts->use, "edurules " + c.app->get_name());
        check_input_limit();
        const int rc = c.run();
        check_stdout();  // whatever went to standard output must have arrived
        return rc;
    }
    throw usage_error("no command given");
}
}  // namespace

}  // namespace edurules::cli

int main(int argc, char** argv) {
    using namespace edurules::cli;
    try {
        if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
            !std::strcmp(argv[1], "help")) {
            std::cout << help_text;
            check_stdout();  // every write is checked: a full or closed standard output is exit 5
            return argc < 2 ? exit_usage : exit_ok;
        }
        if (!std::strcmp(argv[1], "--version")) {
            std::cout << "edurules " << EDURULES_VERSION << "\n";
            check_stdout();
            return exit_ok;
        }
        return run(argc, argv);
    } catch (const std::exception& e) {
        return report_error(std::cerr, e);
    }
}
