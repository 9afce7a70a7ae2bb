// The `leave` command: Belgian paid educational leave for every worker and
// training of an input file (a leave.evaluate request document, see
// schemas/leave.request.schema.json). The file is decoded once
// (io::parse_leave_request), decided by leave::evaluate, and printed: as the
// JSON request path's response, or as a table or CSV read from the results.
// Nothing here decides, sums or rounds.
#include <iostream>
#include <stdexcept>

#include "common.hpp"
#include "edurules/io/csv.hpp"
#include "edurules/io/leave_json.hpp"
#include "edurules/leave/labels.hpp"

namespace edurules::cli {

namespace {
using namespace edurules::leave;

std::string reason_list(std::uint32_t bits, const char* sep) {
    std::string out;
    for (std::size_t b = 0; b < reason_codes.size(); ++b)
        if (bits & (1u << b)) out += (out.empty() ? "" : sep) + std::string(reason_codes[b]);
    return out;
}

std::string suspension_list(const worker_result& w) {
    std::string out;
    for (const auto& s : w.suspensions)
        out += (out.empty() ? "" : "; ") + to_iso(s.window.first) + ".." + to_iso(s.window.last);
    return out;
}

/// One worker x training row; `csv` gives the CSV contract (true/false,
/// numbers without units, an empty cell for an unknown amount), otherwise the
/// table's text.
std::vector<std::string> row_of(const worker_result& w, const training_result& t, bool csv) {
    std::string cap;
    if (t.reg == regime::vov)
        cap = w.vov ? w.vov->own.hours_text() : "";
    else if (w.cap.found)
        cap = hours_text(w.cap.cap);
    std::string share = w.share.percent();  // "52.63%"
    if (csv && !share.empty() && share.back() == '%') share.pop_back();
    const std::string money = t.money.known() ? format_scaled(t.money.amount_cents, 2) : csv ? "" : "unknown";
    return {w.id,
            w.year.name(),
            t.id,
            std::string(to_string(t.reg)),
            csv          ? io::csv_bool(t.eligible)
            : t.eligible ? "yes"
                         : "no",
            share,
            cap,
            hours_text(t.attended),
            hours_text(t.granted),
            suspension_list(w),
            money,
            t.reg != regime::none && t.dates.claim_until ? to_iso(*t.dates.claim_until) : "",
            reason_list(t.reasons, csv ? ";" : ", ")};
}

// The narrow (80-column) table: worker, training, regime, eligible, granted
// hours and reasons; --wide adds the rest.
const std::vector<column> leave_columns{{"worker"},
                                        {"school year", false},
                                        {"training", true, true},
                                        {"regime", true, true},
                                        {"eligible"},
                                        {"employment", false},
                                        {"cap (h)", false},
                                        {"attended (h)", false},
                                        {"granted (h)"},
                                        {"suspension", false},
                                        {"reimbursement (EUR)", false},
                                        {"claim until", false},
                                        {"reasons", true, true}};

void print_leave_table(const options& o, const engine& eng, const std::vector<worker_result>& results, bool explain,
                       output& out) {
    std::vector<std::vector<std::string>> rows;
    std::size_t eligible = 0, total = 0;
    for (const auto& w : results) {
        for (const auto& t : w.trainings) {
            rows.push_back(row_of(w, t, false));
            eligible += t.eligible;
            ++total;
        }
    }
    out.stream() << "Paid educational leave (" << printable(eng.book().name()) << " " << printable(eng.book().version())
                 << ")\n\n";
    print_table(out.stream(), leave_columns, rows, o.wide, out.color());
    out.stream() << "\n"
                 << total << " worker x training rows; " << eligible << " eligible, " << (total - eligible)
                 << " not (reasons in the last column; --wide for every column; --format json --explain for the "
                    "rules and sources).\n";
    if (!explain) return;
    for (const auto& w : results) {
        out.stream() << "\n" << printable(w.id) << ":\n";
        print_steps(out.stream(), w.why, "  ");
        for (const auto& t : w.trainings) {
            out.stream() << "  " << printable(t.id) << ":\n";
            print_steps(out.stream(), t.why, "    ");
        }
    }
}

struct leave_args {
    options o;
    std::string file;
    std::optional<std::string> school_year;
};

int run_leave(const leave_args& a) {
    const options& o = a.o;
    if (a.school_year && !edurules::school_year::parse(*a.school_year))  // the option's fault, not the document's
        throw usage_error("--school-year: expected a school year like 2020-2021, got '" + *a.school_year + "'");
    const auto eng = make_engine(o, {a.file});
    const input in = read_input(a.file);
    std::vector<worker_result> results;
    io::leave_request req;
    try {
        req = parse_input(in, [&](const std::string& text) {
            return io::parse_leave_request(*eng, text, "leave.evaluate", a.school_year);
        });
        // the caller's --explain/--no-explain, else the document's "explain" (it was always overridden)
        req.explain = explain_of(o, req.explain_given ? std::optional<bool>(req.explain) : std::nullopt);
        results = io::evaluate_leave(*eng, req, req.explain);
    } catch (const std::out_of_range&) {
        // Boost's calendar ends at 9999-12-31 and the leave domain names no
        // field for a date computed past it: name the input and its workers.
        throw error(errc::invalid_input, in.name + ": workers",
                    "a date computed from these dates falls outside the calendar (1400-01-01 to 9999-12-31): a date "
                    "near 9999-12-31 is too late");
    } catch (const error& err) {  // date arithmetic in the core (add_months past 9999) names no field either
        if (!err.field().empty() || err.code() != errc::invalid_input) throw;
        throw error(err.code(), in.name + ": workers", err.message(), err.record(), err.offset());
    }
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << io::leave_response_json(*eng, req, results) << "\n";
    } else if (o.fmt == format::csv) {
        io::write_csv_row(out.stream(), {"worker", "school_year", "training", "regime", "regime_label", "eligible",
                                         "employment_percent", "cap_hours", "attended_hours", "granted_hours",
                                         "suspension", "reimbursement_eur", "claim_until", "reasons"});
        for (const auto& w : results)
            for (const auto& t : w.trainings) {
                std::vector<std::string> row = row_of(w, t, true);
                row.insert(row.begin() + 4, std::string(label(t.reg)));  // the code, then its label
                io::write_csv_row(out.stream(), row);
            }
    } else {
        print_leave_table(o, *eng, results, req.explain, out);
    }
    out.close();
    return exit_ok;
}
}  // namespace

command add_leave(CLI::App& root) {
    auto a = std::make_shared<leave_args>();
    CLI::App* cmd = new_command(root, "leave",
                                "Belgian paid educational leave: regime, eligibility, hours, absence (10% rule), "
                                "reimbursement and deadlines for each worker and training.");
    cmd->add_option("INPUT", a->file,
                    "a leave.evaluate document (schemas/leave.request.schema.json; - for "
                    "standard input)")
        ->required();
    cmd->add_option("--school-year", a->school_year,
                    "the school year of workers that name none (default: the document's)")
        ->option_text("YYYY-YYYY");
    // --explain: the rules below the table, the JSON's explanations (the CSV has the reason codes only)
    add_common(*cmd, a->o,
               {opt_all & ~opt_date & ~opt_quiet,
                {"table", "json", "csv"},
                fmt_bit(format::table) | fmt_bit(format::json),
                fmt_bit(format::table),
                true});
    return {cmd, [a] { return run_leave(*a); }, &a->o};
}

}  // namespace edurules::cli
