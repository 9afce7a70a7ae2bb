// The PE commands: `status` (a dossier's statuses on a date) and `book` (a
// provider's bulk upload against a dossier). Decisions come from the core;
// this file decodes files and prints.
#include <iostream>

#include "common.hpp"
#include "edurules/io/pe_json.hpp"

namespace edurules::cli {

namespace {

std::string last_reason(const pe::status& s) {
    // The decisive sentence: the last step of the explanation.
    return s.why.steps().empty() ? std::string() : s.why.steps().back().text;
}

}  // namespace

int cmd_status(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    if (o.positional.size() != 1) throw usage_error("status needs exactly one DOSSIER.json");
    const auto eng = make_engine(o);
    const date on = eval_date(o);
    const pe::dossier d = io::parse_dossier(read_file(o.positional[0]));
    const pe::dossier_index idx(d);
    // The reasons are always computed for the table's "why" column; --explain
    // adds the full chain with parameters and sources to JSON.
    const pe::dossier_report r = pe::evaluate_dossier(eng->pe(), idx, on, true);
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << io::dossier_report_json(*eng, d, r, o.explain) << "\n";
        out.close();
        return exit_ok;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& pr : r.participants) {
        const pe::status& s = pr.st;
        const auto& g = s.reg;
        rows.push_back({pr.who->seu_number, pr.who->name, pe::label(s), g.current ? to_iso(g.current->first) : "",
                        g.current ? to_iso(g.current->last) : "", g.current ? g.earned.to_string() : "",
                        g.current ? g.required.to_string() : "", g.current ? s.short_by.to_string() : "",
                        s.days_left ? std::to_string(*s.days_left) : "", s.renewal_possible ? "yes" : "no",
                        s.title.value_or(""), last_reason(s)});
    }
    if (o.fmt == format::csv) {
        print_csv(out.stream(),
                  {"seu_number", "name", "status", "period_start", "period_end", "points_earned", "points_required",
                   "points_short", "days_left", "renewal_possible", "title", "why"},
                  rows);
    } else {
        for (auto& row : rows) row.pop_back();  // the table stays readable; use --format csv/json for the reasons
        out.stream() << "PE status on " << to_iso(on) << " (" << eng->book().name() << " " << eng->book().version()
                     << ")\n\n";
        print_table(out.stream(),
                    {"SEU number", "name", "status", "period start", "period end", "points", "required", "short",
                     "days left", "may renew", "title"},
                    rows);
        std::size_t counted = 0, not_counted = 0;
        for (const auto& b : r.completions) (b.booked() ? counted : not_counted)++;
        out.stream() << "\n"
                     << r.participants.size() << " participants; " << counted << " completions counted, " << not_counted
                     << " not counted";
        if (not_counted) out.stream() << " (see --format json for the reasons)";
        out.stream() << ".\n";
        if (o.explain) {
            for (const auto& pr : r.participants) {
                out.stream() << "\n" << pr.who->seu_number << ":\n";
                for (const auto& st : pr.st.why.steps()) {
                    out.stream() << "  - [" << st.rule << "] " << st.text << "\n";
                    for (const auto& u : st.params)
                        out.stream() << "      " << u.param->name << " = " << u.param->format(u.version->value) << " ("
                                     << to_code(u.version->conf) << ", " << u.version->source_id << ")\n";
                }
            }
        }
    }
    out.close();
    return exit_ok;
}

int cmd_book(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    if (o.positional.size() != 2) throw usage_error("book needs DOSSIER.json and UPLOAD.csv");
    const auto eng = make_engine(o);
    const date on = eval_date(o);
    const pe::dossier d = io::parse_dossier(read_file(o.positional[0]));
    const pe::dossier_index idx(d);
    const std::vector<pe::upload_row> rows = io::parse_upload_csv(read_file(o.positional[1]));
    const bool show_progress = !o.quiet && stderr_is_tty() && rows.size() >= 20000;
    auto progress = [&](std::size_t done, std::size_t total) {
        if (!show_progress) return;
        std::cerr << "\rbooking " << done << "/" << total << " rows (" << (done * 100 / total) << "%)" << std::flush;
        if (done == total) std::cerr << "\n";
    };
    const pe::upload_report r = pe::book_upload(eng->pe(), idx, rows, on, o.explain, progress);
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << io::upload_report_json(*eng, rows, r, o.explain) << "\n";
    } else {
        std::vector<std::vector<std::string>> table;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& b = r.rows[i];
            const auto& u = rows[i];
            auto raw = [&](std::size_t k) { return k < u.raw.size() ? u.raw[k] : std::string(); };
            table.push_back({std::to_string(u.line), u.row ? u.row->seu_number : raw(0),
                             u.row ? u.row->activity_id : raw(1), u.row ? to_iso(u.row->completed) : raw(2),
                             b.booked() ? "booked" : "rejected", pe::to_string(b.reason),
                             b.booked() ? b.pts.to_string() : "", b.message});
        }
        const std::vector<std::string> header{"line",   "seu_number", "activity_id", "completion_date",
                                              "status", "reason",     "points",      "message"};
        if (o.fmt == format::csv) {
            print_csv(out.stream(), header, table);
        } else {
            print_table(out.stream(), header, table);
            out.stream() << "\n";
        }
    }
    // The balance always goes to stderr too, so a pipeline sees it.
    std::cerr << "rows in: " << r.rows_in << ", booked: " << r.booked << ", rejected: " << r.rejected << "\n";
    out.close();
    return r.rejected ? exit_rejected : exit_ok;
}

}  // namespace edurules::cli
