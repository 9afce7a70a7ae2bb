// The PE commands: `status` (a dossier's statuses on a date) and `book` (a
// provider's bulk upload against a dossier). Decisions come from the core;
// this file decodes files and prints.
#include <iostream>

#include "common.hpp"
#include "edurules/io/csv.hpp"
#include "edurules/io/pe_json.hpp"

namespace edurules::cli {

namespace {

std::string last_reason(const pe::status& s) {
    // The decisive sentence: the last step of the explanation.
    return s.why.steps().empty() ? std::string() : s.why.steps().back().text();
}

}  // namespace

namespace {

std::vector<std::string> status_row(const pe::participant& who, const pe::status& s) {
    const auto& g = s.reg;
    return {who.seu_number,
            who.name,
            pe::to_string(g.state),
            pe::label(s),
            g.current ? to_iso(g.current->first) : "",
            g.current ? to_iso(g.current->last) : "",
            g.current ? g.earned.to_string() : "",
            g.current ? g.required.to_string() : "",
            g.current ? s.short_by.to_string() : "",
            s.days_left ? std::to_string(*s.days_left) : "",
            io::csv_bool(s.renewal_possible),
            s.title.value_or(""),
            last_reason(s)};
}

const std::vector<std::string> status_csv_header{
    "seu_number",      "name",         "state",     "status",           "period_start", "period_end", "points_earned",
    "points_required", "points_short", "days_left", "renewal_possible", "title",        "why"};
// The table: the label, not the code. The narrow (80-column) table shows the
// SEU number, name, status, points, points short and days left (--wide: all).
const std::vector<column> status_columns{
    {"SEU number"},        {"name", true, true}, {"state", false},    {"status"}, {"period start", false},
    {"period end", false}, {"points"},           {"required", false}, {"short"},  {"days left"},
    {"may renew", false},  {"title", false},     {"why", false}};

/// status --format ndjson: one line per participant, written as decided.
int status_ndjson(const options& o, const engine& eng, const pe::dossier_index& idx, date on) {
    output out(o);
    pe::evaluate_dossier_each(eng.pe(), idx, on, true, [&](const pe::participant& p, pe::status&& s) {
        write_envelope_line(out.stream(), "pe.status.participant", io::status_line_json(eng, p, s, o.explain));
    });
    out.close();
    return exit_ok;
}

void print_status_table(const options& o, const engine& eng, const pe::dossier_report& r, output& out,
                        const std::vector<std::vector<std::string>>& rows) {
    out.stream() << "PE status on " << to_iso(r.on) << " (" << eng.book().name() << " " << eng.book().version()
                 << ")\n\n";
    print_table(out.stream(), status_columns, rows, o.wide, out.color());
    std::size_t counted = 0, not_counted = 0;
    for (const auto& b : r.completions) (b.booked() ? counted : not_counted)++;
    out.stream() << "\n"
                 << r.participants.size() << " participants; " << counted << " completions counted, " << not_counted
                 << " not counted";
    if (not_counted) out.stream() << " (see --format json for the reasons)";
    out.stream() << ".\n";
    if (!o.explain) return;
    for (const auto& pr : r.participants) {
        out.stream() << "\n" << pr.who->seu_number << ":\n";
        for (const auto& st : pr.st.why.steps()) {
            out.stream() << "  - [" << st.rule << "] " << st.text() << "\n";
            for (const auto& u : st.params)
                out.stream() << "      " << u.param->name << " = " << u.param->format(u.version->value) << " ("
                             << to_code(u.version->conf) << ", " << u.version->source_id << ")\n";
        }
    }
}

struct status_args {
    options o;
    std::string dossier;
};

int run_status(const status_args& a) {
    const options& o = a.o;
    const auto eng = make_engine(o);
    const date on = eval_date(o);
    const input in = read_input(a.dossier);
    const pe::dossier d = parse_input(in, io::parse_dossier);
    const pe::dossier_index idx(d);
    if (o.fmt == format::ndjson) return status_ndjson(o, *eng, idx, on);
    // The reasons are always computed for the "why" column; --explain adds
    // the full chain with parameters and sources.
    const pe::dossier_report r = pe::evaluate_dossier(eng->pe(), idx, on, true);
    output out(o);
    if (o.fmt == format::json) {
        write_envelope(out.stream(), "pe.status", io::dossier_report_json(*eng, d, r, o.explain));
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& pr : r.participants) rows.push_back(status_row(*pr.who, pr.st));
        if (o.fmt == format::csv)
            print_csv(out.stream(), status_csv_header, rows);
        else
            print_status_table(o, *eng, r, out, rows);
    }
    out.close();
    return exit_ok;
}

struct book_args {
    options o;
    std::string dossier, upload;
};

std::vector<std::string> book_row(const pe::upload_row& u, const pe::booking& b) {
    auto raw = [&](std::size_t k) { return k < u.raw.size() ? u.raw[k] : std::string(); };
    return {std::to_string(u.line),
            u.row ? u.row->seu_number : raw(0),
            u.row ? u.row->activity_id : raw(1),
            u.row ? to_iso(u.row->completed) : raw(2),
            b.booked() ? "booked" : "rejected",
            pe::to_string(b.reason),
            b.booked() ? b.pts.to_string() : "",
            b.message};
}

/// Writes the booked rows as they are decided (NDJSON lines, or the CSV that
/// needs nothing kept); the table is printed at the end.
int run_book(const book_args& a) {
    const options& o = a.o;
    if (a.dossier == "-" && a.upload == "-") throw usage_error("only one input can be - (standard input)");
    const auto eng = make_engine(o);
    const date on = eval_date(o);
    const input din = read_input(a.dossier);
    const pe::dossier d = parse_input(din, io::parse_dossier);
    const pe::dossier_index idx(d);
    const input uin = read_input(a.upload);
    const std::vector<pe::upload_row> rows = parse_input(uin, io::parse_upload_csv);
    const bool show_progress = !o.quiet && stderr_is_tty() && rows.size() >= 20000;
    auto progress = [&](std::size_t done, std::size_t total) {
        if (!show_progress) return;
        std::cerr << "\rbooking " << done << "/" << total << " rows (" << (done * 100 / total) << "%)" << std::flush;
        if (done == total) std::cerr << "\n";
    };
    output out(o);
    const std::vector<std::string> header{"line",   "seu_number", "activity_id", "completion_date",
                                          "status", "reason",     "points",      "message"};
    pe::upload_report r;
    if (o.fmt == format::json) {
        r = pe::book_upload(eng->pe(), idx, rows, on, o.explain, progress);
        write_envelope(out.stream(), "pe.book", io::upload_report_json(*eng, rows, r, o.explain));
    } else if (o.fmt == format::table) {
        r = pe::book_upload(eng->pe(), idx, rows, on, o.explain, progress);
        std::vector<std::vector<std::string>> table;
        for (std::size_t i = 0; i < rows.size(); ++i) table.push_back(book_row(rows[i], r.rows[i]));
        std::vector<column> cols;
        for (const auto& h : header) cols.push_back({h, h != "activity_id" && h != "reason", h == "message"});
        print_table(out.stream(), cols, table, o.wide, out.color());
        out.stream() << "\n";
    } else {
        if (o.fmt == format::csv) io::write_csv_row(out.stream(), header);
        auto sink = [&](std::size_t i, pe::booking&& b) {
            if (o.fmt == format::csv)
                io::write_csv_row(out.stream(), book_row(rows[i], b));
            else
                write_envelope_line(out.stream(), "pe.book.row", io::booking_line_json(*eng, rows[i], b, o.explain));
        };
        r = pe::book_upload_each(eng->pe(), idx, rows, on, o.explain, sink, progress);
        if (o.fmt == format::ndjson)
            write_envelope_line(out.stream(), "pe.book.summary",
                                "{\"rows_in\":" + std::to_string(r.rows_in) + ",\"booked\":" +
                                    std::to_string(r.booked) + ",\"rejected\":" + std::to_string(r.rejected) + "}");
    }
    // The balance always goes to stderr too, so a pipeline sees it.
    std::cerr << "rows in: " << r.rows_in << ", booked: " << r.booked << ", rejected: " << r.rejected << "\n";
    out.close();
    return r.rejected ? exit_rejected : exit_ok;
}

}  // namespace

command add_status(CLI::App& root) {
    auto a = std::make_shared<status_args>();
    CLI::App* cmd = new_command(root, "status",
                                "PE status of every participant in a dossier on a date: period, points counted, "
                                "points short, days left, renewal possible, lapsed, title.");
    cmd->add_option("DOSSIER", a->dossier, "the dossier (schemas/pe.dossier.schema.json; - for standard input)")
        ->required();
    add_common(*cmd, a->o, opt_all, {"table", "json", "csv", "ndjson"});
    return {cmd, [a] { return run_status(*a); }};
}

command add_book(CLI::App& root) {
    auto a = std::make_shared<book_args>();
    CLI::App* cmd = new_command(root, "book",
                                "Books a provider's bulk upload (CSV: seu_number,activity_id,completion_date) against "
                                "a dossier; reports every row booked or rejected with its reason (exit 1 when some "
                                "are rejected).");
    cmd->add_option("DOSSIER", a->dossier, "the dossier (- for standard input)")->required();
    cmd->add_option("UPLOAD", a->upload, "the upload CSV (- for standard input)")->required();
    add_common(*cmd, a->o, opt_all, {"table", "json", "csv", "ndjson"});
    return {cmd, [a] { return run_book(*a); }};
}

}  // namespace edurules::cli
