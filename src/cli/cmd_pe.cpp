// The PE commands: `status` (a dossier's statuses on a date) and `book` (a
// provider's bulk upload against a dossier). Decisions come from the core;
// this file decodes files and prints. JSON, NDJSON and CSV are written as the
// rows are decided (issue 14): nothing per row is kept but what the domain
// needs (the ledger of points booked); the table keeps its rows to size its
// columns.
#include <iostream>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "edurules/io/csv.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/upload_csv.hpp"

namespace edurules::cli {

namespace {

std::string last_reason(const pe::status& s) {
    // The decisive sentence: the last step of the explanation.
    return s.why.steps().empty() ? std::string() : s.why.steps().back().text();
}

/// A JSON string as nlohmann writes it.
std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// Writes the items of a JSON array nested in a result's member (depth 2 in
/// the envelope), each compact JSON line laid out as dump(2) does, from "["
/// to "]"; a failed write stops it (error naming the output).
class array_writer {
public:
    explicit array_writer(output& out) : out_(&out) {}
    void item(std::string_view compact_json) {
        buf_.assign(n_++ ? ",\n      " : "[\n      ");
        append_indented(buf_, compact_json, 3);
        out_->stream() << buf_;
        out_->check();
    }
    void close() { out_->stream() << (n_ ? "\n    ]" : "[]"); }

private:
    output* out_;
    std::string buf_;
    std::size_t n_ = 0;
};

}  // namespace

namespace {

std::vector<std::string> status_row(const pe::participant& who, const pe::status& s) {
    const auto& g = s.reg;
    return {who.seu_number, who.name, pe::to_string(g.state), pe::label(s), g.current ? to_iso(g.current->first) : "",
            g.current ? to_iso(g.current->last) : "",
            // points earned and short are numbers in every state (0.00 when not registered), as
            // JSON, NDJSON and the frames give them; points required is none without a period
            g.earned.to_string(), g.current ? g.required.to_string() : "", s.short_by.to_string(),
            s.days_left ? std::to_string(*s.days_left) : "", io::csv_bool(s.renewal_possible), s.title.value_or(""),
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
        out.check();
    });
    out.close();
    return exit_ok;
}

/// status --format csv: the header, then one row per participant as decided.
int status_csv(const options& o, const engine& eng, const pe::dossier_index& idx, date on) {
    output out(o);
    io::write_csv_row(out.stream(), status_csv_header);
    pe::evaluate_dossier_each(
        eng.pe(), idx, on, true, [](std::vector<pe::booking>&&) {},
        [&](const pe::participant& p, pe::status&& s) {
            io::write_csv_row(out.stream(), status_row(p, s));
            out.check();
        });
    out.close();
    return exit_ok;
}

/// status --format json: the pe.status result written as decided, its
/// members in nlohmann's (sorted) order: completions, date, participants,
/// rulebook.
int status_json(const options& o, const engine& eng, const pe::dossier& d, const pe::dossier_index& idx, date on) {
    output out(o);
    std::ostream& s = out.stream();
    write_envelope_head(s, "pe.status");
    s << "{\n    \"completions\": ";
    array_writer parts(out);
    auto booked = [&](std::vector<pe::booking>&& cs) {
        array_writer comps(out);
        for (std::size_t i = 0; i < cs.size(); ++i)
            comps.item(io::completion_line_json(eng, d.completions[i], i, cs[i], o.explain));
        comps.close();
        s << ",\n    \"date\": " << json_string(to_iso(on)) << ",\n    \"participants\": ";
    };
    pe::evaluate_dossier_each(eng.pe(), idx, on, true, booked, [&](const pe::participant& p, pe::status&& st) {
        parts.item(io::status_line_json(eng, p, st, o.explain));
    });
    parts.close();
    s << ",\n    \"rulebook\": " << json_string(eng.rulebook_label()) << "\n  }";
    write_envelope_tail(s);
    out.close();
    return exit_ok;
}

void print_status_table(const options& o, const engine& eng, const pe::dossier_report& r, output& out,
                        const std::vector<std::vector<std::string>>& rows) {
    out.stream() << "PE status on " << to_iso(r.on) << " (" << printable(eng.book().name()) << " "
                 << printable(eng.book().version()) << ")\n\n";
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
        out.stream() << "\n" << printable(pr.who->seu_number) << ":\n";
        print_steps(out.stream(), pr.st.why, "  ");
    }
}

struct status_args {
    options o;
    std::string dossier;
};

int run_status(const status_args& a) {
    const options& o = a.o;
    const auto eng = make_engine(o, {a.dossier});
    const date on = eval_date(o);
    const input in = read_input(a.dossier);
    const pe::dossier d = parse_input(in, io::parse_dossier);
    const pe::dossier_index idx(d);
    // The reasons are always computed for the "why" column; --explain adds
    // the full chain with parameters and sources.
    if (o.fmt == format::ndjson) return status_ndjson(o, *eng, idx, on);
    if (o.fmt == format::csv) return status_csv(o, *eng, idx, on);
    if (o.fmt == format::json) return status_json(o, *eng, d, idx, on);
    const pe::dossier_report r = pe::evaluate_dossier(eng->pe(), idx, on, true);
    output out(o);
    std::vector<std::vector<std::string>> rows;
    for (const auto& pr : r.participants) rows.push_back(status_row(*pr.who, pr.st));
    print_status_table(o, *eng, r, out, rows);
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
            pe::booking_sentence(b, u.row ? &*u.row : nullptr)};
}

const std::vector<std::string> book_header{"line",   "seu_number", "activity_id", "completion_date",
                                           "status", "reason",     "points",      "message"};

/// "booking 12288/1000000 rows (1%)" on a terminal's stderr every 4096 rows.
struct book_progress {
    bool show = false;
    std::size_t total = 0;
    const char* what = "booking";
    void operator()(std::size_t done) const {
        if (!show || (done % 4096 != 0 && done != total)) return;
        std::cerr << "\r" << what << " " << done << "/" << total << " rows (" << (done * 100 / total) << "%)"
                  << std::flush;
        if (done == total) std::cerr << "\n";
    }
};

/// What every `book` output needs: the engine, the dossier, the date and the
/// upload, read one row at a time.
struct book_run {
    const options& o;
    const engine& eng;
    const pe::dossier_index& idx;
    date on;
    io::upload_csv_reader& reader;
    book_progress progress;

    /// Books every upload row in file order (pe::upload_booker), calling
    /// sink(row, booking&&) as each is decided; returns the counts.
    template <class Sink>
    pe::upload_report book_all(bool explain, Sink&& sink) {
        pe::upload_booker booker(eng.pe(), idx, on, explain);
        pe::upload_row u;
        reader.rewind();
        while (reader.next(u)) {
            sink(u, booker.book(u));
            progress(booker.counts().rows_in);
        }
        return booker.counts();
    }
};

/// book --format json: the pe.book result written row by row. Its members come
/// in nlohmann's (sorted) order, the counts before the rows: a first pass
/// books the upload keeping only the counts, the second writes each row.
pe::upload_report book_json(book_run& run, output& out) {
    run.progress.what = "counting";
    const pe::upload_report counted = run.book_all(false, [](const pe::upload_row&, pe::booking&&) {});
    std::ostream& s = out.stream();
    write_envelope_head(s, "pe.book");
    s << "{\n    \"booked\": " << counted.booked << ",\n    \"rejected\": " << counted.rejected << ",\n    \"rows\": ";
    array_writer rows(out);
    run.progress.what = "booking";
    const pe::upload_report r = run.book_all(run.o.explain, [&](const pe::upload_row& u, pe::booking&& b) {
        rows.item(io::booking_line_json(run.eng, u, b, run.o.explain));
    });
    if (r.booked != counted.booked || r.rejected != counted.rejected)
        throw error(errc::internal, "book", "the counting pass and the writing pass disagree");
    rows.close();
    s << ",\n    \"rows_in\": " << r.rows_in << "\n  }";
    write_envelope_tail(s);
    return r;
}

/// book --format csv or ndjson: each row written as it is decided.
pe::upload_report book_lines(book_run& run, output& out) {
    const bool csv = run.o.fmt == format::csv;
    if (csv) io::write_csv_row(out.stream(), book_header);
    const pe::upload_report r = run.book_all(run.o.explain, [&](const pe::upload_row& u, pe::booking&& b) {
        if (csv)
            io::write_csv_row(out.stream(), book_row(u, b));
        else
            write_envelope_line(out.stream(), "pe.book.row", io::booking_line_json(run.eng, u, b, run.o.explain));
        out.check();
    });
    if (!csv)
        write_envelope_line(out.stream(), "pe.book.summary",
                            "{\"rows_in\":" + std::to_string(r.rows_in) + ",\"booked\":" + std::to_string(r.booked) +
                                ",\"rejected\":" + std::to_string(r.rejected) + "}");
    return r;
}

/// book --format table: the rows are kept to size the columns.
pe::upload_report book_table(book_run& run, output& out) {
    std::vector<std::vector<std::string>> table;
    table.reserve(run.reader.rows());
    const pe::upload_report r =
        run.book_all(run.o.explain, [&](const pe::upload_row& u, pe::booking&& b) { table.push_back(book_row(u, b)); });
    std::vector<column> cols;
    for (const auto& h : book_header) cols.push_back({h, h != "activity_id" && h != "reason", h == "message"});
    print_table(out.stream(), cols, table, run.o.wide, out.color());
    out.stream() << "\n";
    return r;
}

int run_book(const book_args& a) {
    const options& o = a.o;
    const auto eng = make_engine(o, {a.dossier, a.upload});
    const date on = eval_date(o);
    const input din = read_input(a.dossier);
    const pe::dossier d = parse_input(din, io::parse_dossier);
    const pe::dossier_index idx(d);
    const input uin = read_input(a.upload);
    io::upload_csv_reader reader =
        parse_input(uin, [](const std::string& text) { return io::upload_csv_reader(text); });
    book_run run{o, *eng, idx, on, reader, {}};
    run.progress.show = !o.quiet && stderr_is_tty() && reader.rows() >= 20000;
    run.progress.total = reader.rows();
    output out(o);
    const pe::upload_report r = o.fmt == format::json    ? book_json(run, out)
                                : o.fmt == format::table ? book_table(run, out)
                                                         : book_lines(run, out);
    // The balance always goes to stderr too, so a pipeline sees it.
    std::cerr << "rows in: " << r.rows_in << ", booked: " << r.booked << ", rejected: " << r.rejected << "\n";
    if (!std::cerr)  // the balance is part of the output contract: a failed write of it is an error too
        throw error(errc::io, "standard error", "write failed (disk full or device error): the balance line is lost");
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
    // --explain: the table's reasons below it, every JSON status's explanation (not the CSV: its why column is
    // the decisive reason, given anyway); no progress display (--quiet): status is not long enough to need one
    add_common(*cmd, a->o,
               {opt_all & ~opt_quiet,
                {"table", "json", "csv", "ndjson"},
                fmt_bit(format::table) | fmt_bit(format::json) | fmt_bit(format::ndjson)});
    return {cmd, [a] { return run_status(*a); }, &a->o};
}

command add_book(CLI::App& root) {
    auto a = std::make_shared<book_args>();
    CLI::App* cmd = new_command(root, "book",
                                "Books a provider's bulk upload (CSV: seu_number,activity_id,completion_date) against "
                                "a dossier; reports every row booked or rejected with its reason (exit 1 when some "
                                "are rejected).");
    cmd->add_option("DOSSIER", a->dossier, "the dossier (- for standard input)")->required();
    cmd->add_option("UPLOAD", a->upload, "the upload CSV (- for standard input)")->required();
    // --explain: each JSON row's explanation; the table and the CSV give the row's message only
    add_common(*cmd, a->o,
               {opt_all, {"table", "json", "csv", "ndjson"}, fmt_bit(format::json) | fmt_bit(format::ndjson)});
    return {cmd, [a] { return run_book(*a); }, &a->o};
}

}  // namespace edurules::cli
