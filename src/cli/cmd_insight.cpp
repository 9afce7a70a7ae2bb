// The `insight` command: what a contact of an employer may see on a date (the
// overview for the administrator and the second contact, otherwise the
// dossiers that authorised the contact), as a table, JSON, CSV or a
// self-contained HTML page, with an audit line per access decision.
// Decisions come from include/edurules/insight; this file reads and prints.
//
//   edurules insight INPUT.json --contact ID [--date D] [--format table|json|csv|html]
//                    [--participant SEU [--from D] [--to D]] [--dossiers] [--audit FILE]
//                    [--explain] [--output FILE] [--rulebook FILE] [--set NAME=VALUE]
// INPUT.json is an insight document (schemas/insight.request.schema.json,
// $defs/document) with the PE dossier embedded ("dossier") or named by a path
// relative to it ("dossier_file"). Without --participant: the administrator
// and the second contact get the overview of every participant who gave the
// organisation insight; any other contact (or --dossiers) gets the dossiers
// that authorised it. With --participant: that individual dossier (progress
// and completed activities, --from/--to on completion dates), if a consent to
// this contact is in force. CSV is the overview columns (or, with
// --participant, the activities); html is the employer report: a
// self-contained page, in Dutch unless --lang en, ranked by urgency with
// summary counts and a progress bar per participant (io::progress_html). --audit appends one JSON line per access
// decision (when, who, organisation, action, whom, allowed, reason,
// consent_id, why, logged_at). Exit 0 when shown, 1 when access is denied
// (unknown contact, or --participant refused), otherwise as every command.
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common.hpp"
#include "edurules/io/insight_json.hpp"
#include "edurules/io/pe_json.hpp"

namespace edurules::cli {

namespace {

std::optional<date> date_option(const std::optional<std::string>& v, const char* name) {
    if (!v) return std::nullopt;
    auto d = parse_iso_date(*v);
    if (!d) throw usage_error(std::string("--") + name + ": not a date (YYYY-MM-DD): '" + *v + "'");
    return d;
}

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// Appends one JSON line per decision to the audit file, stamped with the
/// wall-clock time it was logged (the decision's own date is "when").
/// "-" writes the lines to standard output, before the report.
void append_audit(const std::string& file, const std::vector<insight::audit_record>& records) {
    const std::string now = utc_now();
    if (file == "-") {
        for (const auto& r : records) std::cout << io::audit_json_line(r, now) << "\n";
        check_stdout();
        return;
    }
    std::ofstream out(file, std::ios::binary | std::ios::app);
    if (!out) throw error(errc::io, file, "cannot open audit file for appending; nothing was shown");
    for (const auto& r : records) out << io::audit_json_line(r, now) << "\n";
    out.flush();
    const bool ok = static_cast<bool>(out);
    out.close();
    if (!ok || out.fail()) throw error(errc::io, file, "writing the audit record failed; nothing was shown");
}

/// Refuses --audit and --output naming one file: the report would replace the
/// audit log (its earlier records too) after the audit lines were appended.
void refuse_audit_as_output(const std::optional<std::string>& audit, const std::optional<std::string>& output) {
    if (!audit || !output || *audit == "-" || *output == "-" || !same_file(*audit, *output)) return;
    throw usage_error("--audit '" + *audit + "' and --output '" + *output +
                      "' are the same file: the report would replace the audit log; give --audit and --output "
                      "different files");
}

/// The file `dossier_file` names, relative to the document's folder, which it
/// must stay inside (after following links) unless `anywhere`.
std::filesystem::path dossier_path(const std::string& file, const std::string& input, bool anywhere) {
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(input).parent_path();
    fs::path p(file);
    if (p.is_relative()) p = folder / p;
    if (anywhere) return p;
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ec);
    const fs::path target = ec ? fs::path() : fs::weakly_canonical(p, ec);
    const auto [b, t] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
    if (ec || b != base.end() || t == target.end())
        throw error(errc::invalid_input, "dossier_file",
                    "\"" + file + "\" is outside the document's folder " + base.string() +
                        " (pass --allow-dossier-outside to read it anyway)");
    return p;
}

/// The PE dossier of an insight document: embedded, or the file it names
/// (relative to the document's folder).
pe::dossier load_dossier(const io::insight_document& doc, const std::string& input, bool anywhere) {
    if (doc.dossier) return *doc.dossier;
    if (doc.dossier_file.empty())
        throw error(errc::invalid_input, "dossier", "missing: give \"dossier\" or \"dossier_file\"");
    const std::filesystem::path p = dossier_path(doc.dossier_file, input, anywhere);
    const std::string text = read_file(p.string());
    try {
        return io::parse_dossier(text);
    } catch (const error& e) {
        throw error(e.code(), p.string() + ": " + e.field(), e.message(), e.record(), e.offset());
    }
}

std::vector<std::string> table_row(const insight::progress_row& r) {
    const auto& g = r.st.reg;
    return {r.who->seu_number,
            r.who->name,
            g.current ? to_iso(g.current->first) : "",
            g.current ? to_iso(g.current->last) : "",
            g.current ? g.earned.to_string() : "",
            g.current ? g.required.to_string() : "",
            g.current ? r.st.short_by.to_string() : "",
            g.renewal_requested ? "yes" : "no",
            io::status_label(r.st),
            r.st.days_left ? std::to_string(*r.st.days_left) : ""};
}

/// --explain in table mode: every access decision with its reasons.
void print_decisions(std::ostream& out, const std::vector<const insight::access_decision*>& ds) {
    out << "\nAccess decisions:\n";
    for (const auto* d : ds) {
        out << "- " << (d->allowed ? "allowed" : "denied") << " [" << insight::to_string(d->action) << "]"
            << (d->seu_number ? " " + printable(*d->seu_number) : std::string()) << ": "
            << insight::to_string(d->reason) << "\n";
        for (const auto& st : d->why.steps())
            out << "    [" << printable(st.rule) << "] " << printable(st.text()) << "\n";
    }
}

// The narrow (80-column) table: SEU number, name, points, short, status and
// days left (--wide: every column).
const std::vector<column> table_header{{"SEU number"},
                                       {"name", true, true},
                                       {"period start", false},
                                       {"period end", false},
                                       {"points"},
                                       {"required", false},
                                       {"short"},
                                       {"renewal dossier", false},
                                       {"status"},
                                       {"days left"}};

std::string contact_text(const insight::directory_index& dir, const std::string& id) {
    const auto who = dir.find_contact(id);
    if (!who.org) return id;
    return (who.who->name.empty() ? id : who.who->name) + " (" + insight::to_string(who.who->role) + ", " +
           (who.org->name.empty() ? who.org->id : who.org->name) + ")";
}

/// What one `insight` run shares between its outputs.
/// The report is built here and released only after the audit record is
/// written (issue 13: no report without its audit line).
struct report_buffer {
    std::ostringstream text;
    std::ostream& stream() { return text; }
};

struct insight_run {
    const options& o;
    bool html;
    report_buffer& out;
    const engine& eng;
    date on;
    const insight::directory_index& dir;
    const insight::report_builder& b;
    std::string contact, who_text, rb_text;
    std::optional<date> from, to;
    std::vector<insight::audit_record> audit;
    bool denied = false;
    std::string denial;
    io::report_lang lang = io::report_lang::nl;  ///< --lang: the HTML report's language
};

void print_one_dossier(insight_run& r, const std::string& participant) {
    // One individual dossier.
    const insight::dossier_view v = r.b.dossier(r.contact, participant, r.from, r.to);
    r.audit.push_back(insight::audit_of(v.access));
    r.denied = !v.access.allowed;
    r.denial = v.access.message;
    const std::vector<insight::dossier_view> views{v};
    if (r.html) {
        const std::string name = v.who ? v.who->name + " (" + v.who->seu_number + ")" : participant;
        io::report_page page{io::report_kind::dossier, r.lang, r.on, r.contact, name, std::nullopt};
        if (r.denied) page.denied = v.access.reason;
        r.out.stream() << io::progress_html(r.eng, r.dir, page, io::progress_rows(views), views);
    } else if (r.o.fmt == format::json) {
        write_envelope(r.out.stream(), "insight.dossier",
                       io::dossiers_json(r.eng, r.dir, r.contact, r.on, views, r.o.explain));
    } else if (r.o.fmt == format::csv) {
        r.out.stream() << io::activities_csv(views);
    } else if (!r.denied) {
        r.out.stream() << "PE dossier of " << printable(v.who->name) << " (" << printable(v.who->seu_number) << ") on "
                       << to_iso(r.on) << " for " << printable(r.who_text) << "\n"
                       << printable(v.access.message) << "\n\n";
        print_table(r.out.stream(), table_header, {table_row(insight::progress_row{v.who, *v.st, v.access})}, r.o.wide);
        std::vector<std::vector<std::string>> acts;
        for (const auto& a : v.activities)
            acts.push_back({to_iso(a.completed), a.act ? a.act->id : "", a.act ? a.act->title : "", a.pts.to_string(),
                            a.rec ? a.rec->id : ""});
        r.out.stream() << "\nCompleted activities";
        if (r.from || r.to)
            r.out.stream() << " " << (r.from ? to_iso(*r.from) : "") << ".." << (r.to ? to_iso(*r.to) : "");
        r.out.stream() << ":\n";
        print_table(r.out.stream(), {{"completed"}, {"activity"}, {"title", true, true}, {"points"}, {"recognition"}},
                    acts, r.o.wide);
        r.out.stream() << "total " << v.total.to_string() << " points in " << v.activities.size() << " activities\n";
        if (r.o.explain) print_decisions(r.out.stream(), {&v.access});
    }
}

void print_overview(insight_run& r, const insight::overview_report& ov) {
    for (const auto& a : ov.audit()) r.audit.push_back(a);
    const std::string org = ov.org->name.empty() ? ov.org->id : ov.org->name;
    if (r.html) {
        const io::report_page page{io::report_kind::overview, r.lang, r.on, r.contact, org, std::nullopt};
        r.out.stream() << io::progress_html(r.eng, r.dir, page, ov.rows);
    } else if (r.o.fmt == format::json) {
        write_envelope(r.out.stream(), "insight.overview", io::overview_json(r.eng, r.dir, ov, r.o.explain));
    } else if (r.o.fmt == format::csv) {
        r.out.stream() << io::progress_csv(ov.rows);
    } else {
        r.out.stream() << "PE overview of " << printable(org) << " on " << to_iso(r.on) << " for "
                       << printable(r.who_text) << "\n\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : ov.rows) rows.push_back(table_row(r));
        print_table(r.out.stream(), table_header, rows, r.o.wide);
        std::size_t left_out = ov.entries.size() - ov.rows.size();
        r.out.stream() << "\n" << ov.rows.size() << " participants with a consent in force";
        if (left_out)
            r.out.stream() << "; " << left_out
                           << " left out (consent expired, revoked or not yet given; see --format json)";
        r.out.stream() << ".\n";
        if (r.o.explain) {
            std::vector<const insight::access_decision*> ds{&ov.access};
            for (const auto& e : ov.entries) ds.push_back(&e);
            print_decisions(r.out.stream(), ds);
        }
    }
}

void print_visible_dossiers(insight_run& r, const insight::overview_report& ov) {
    // The dossiers that authorised this contact ("professionals").
    r.audit.push_back(insight::audit_of(ov.access));
    const std::vector<insight::dossier_view> views = r.b.dossiers(r.contact, r.from, r.to);
    for (const auto& v : views) r.audit.push_back(insight::audit_of(v.access));
    if (ov.access.reason == insight::access_reason::unknown_contact) {
        r.denied = true;
        r.denial = ov.access.message;
    }
    const std::vector<insight::progress_row> rows = io::progress_rows(views);
    if (r.html) {
        io::report_page page{io::report_kind::visible, r.lang, r.on, r.contact, r.who_text, std::nullopt};
        if (r.denied) page.denied = ov.access.reason;
        r.out.stream() << io::progress_html(r.eng, r.dir, page, rows);
    } else if (r.o.fmt == format::json) {
        write_envelope(r.out.stream(), "insight.dossier",
                       io::dossiers_json(r.eng, r.dir, r.contact, r.on, views, r.o.explain));
    } else if (r.o.fmt == format::csv) {
        r.out.stream() << io::progress_csv(rows);
    } else if (!r.denied) {
        r.out.stream() << "PE dossiers visible to " << printable(r.who_text) << " on " << to_iso(r.on) << "\n";
        if (!ov.access.allowed) r.out.stream() << "(" << printable(ov.access.message) << ")\n";
        r.out.stream() << "\n";
        std::vector<std::vector<std::string>> table;
        for (const auto& r : rows) table.push_back(table_row(r));
        print_table(r.out.stream(), table_header, table, r.o.wide);
        for (const auto& v : views)
            if (!v.access.allowed)
                r.out.stream() << "not visible: " << printable(*v.access.seu_number) << ": "
                               << printable(v.access.message) << "\n";
        if (r.o.explain) {
            std::vector<const insight::access_decision*> ds{&ov.access};
            for (const auto& v : views) ds.push_back(&v.access);
            print_decisions(r.out.stream(), ds);
        }
    }
}

struct insight_args {
    options o;
    std::string file;
    std::string contact;
    std::optional<std::string> participant, from, to, audit, lang;
    bool dossiers = false, anywhere = false;
};

/// The options of --from and --to given, with their verb (for a message), "" for neither.
std::string period_option(const insight_args& a) {
    return a.from && a.to ? "--from and --to choose" : a.from ? "--from chooses" : a.to ? "--to chooses" : "";
}

/// Refuses an option that would change nothing in this combination: --from
/// and --to choose the completed activities shown, which only --participant's
/// dossier (any format) and the JSON of the dossiers listed contain; --lang is
/// the HTML report's; --participant shows one dossier, --dossiers a list.
void refuse_idle_options(const insight_args& a) {
    const std::string period = period_option(a);
    if (!period.empty() && !a.participant && a.o.fmt != format::json)
        throw usage_error(period +
                          " the completed activities shown, and without --participant this output shows none: "
                          "give --participant SEU (or --format json for the activities of the dossiers listed)");
    if (a.dossiers && a.participant)
        throw usage_error(
            "--dossiers lists the dossiers that authorised the contact, --participant shows one: give "
            "one of them");
    if (a.lang && a.o.fmt != format::html)
        throw usage_error("--lang is the language of the HTML report: give --format html, or leave --lang out");
}

int run_insight(const insight_args& a) {
    const options& o = a.o;
    if (a.contact.empty()) throw usage_error("insight needs --contact ID (who is looking)");
    const std::optional<date> from = date_option(a.from, "from");
    const std::optional<date> to = date_option(a.to, "to");
    if (from && to && *to < *from) throw usage_error("--to is before --from");
    const std::optional<io::report_lang> lang = io::parse_report_lang(a.lang.value_or("nl"));
    if (!lang) throw usage_error("--lang must be nl or en, not '" + *a.lang + "'");
    refuse_idle_options(a);
    refuse_audit_as_output(a.audit, o.output);

    const auto eng = make_engine(o, {a.file});
    const date on = eval_date(o);
    const input in = read_input(a.file);
    const io::insight_document doc = parse_input(in, io::parse_insight);
    // A document read from standard input names its dossier_file relative to
    // the current folder.
    const pe::dossier dossier = load_dossier(doc, a.file == "-" ? std::string("./-") : a.file, a.anywhere);
    const pe::dossier_index idx(dossier);
    const insight::directory_index dir(doc.dir);
    try {
        io::check_consents(doc.dir, idx);
    } catch (const error& e) {
        rethrow_located(e, in);  // the consents are the document's: their line and column
    }
    const insight::report_builder b(eng->pe(), idx, dir, on, o.explain);

    output out(o);
    report_buffer report;
    insight_run run{o,
                    o.fmt == format::html,
                    report,
                    *eng,
                    on,
                    dir,
                    b,
                    a.contact,
                    contact_text(dir, a.contact),
                    eng->rulebook_label(),
                    from,
                    to,
                    {},
                    false,
                    {}};
    run.lang = *lang;
    if (a.participant) {
        print_one_dossier(run, *a.participant);
    } else {
        const insight::overview_report ov = b.overview(a.contact);
        if (ov.access.allowed && !a.dossiers) {
            if (!period_option(a).empty())  // the overview lists no activities
                throw usage_error(period_option(a) + " the completed activities shown, and the overview of " +
                                  a.contact +
                                  " shows none: give --participant SEU, or --dossiers for the dossiers that "
                                  "authorised the contact");
            print_overview(run, ov);
        } else
            print_visible_dossiers(run, ov);
    }
    // The audit record first, flushed and closed: if it cannot be written,
    // nothing is released (exit 5).
    if (a.audit) append_audit(*a.audit, run.audit);
    out.stream() << report.text.str();
    out.close();
    if (run.denied) {
        std::cerr << "edurules: access " << printable(run.denial) << "\n";
        return exit_rejected;
    }
    return exit_ok;
}

}  // namespace

command add_insight(CLI::App& root) {
    auto a = std::make_shared<insight_args>();
    CLI::App* cmd = new_command(
        root, "insight",
        "Employer insight: the overview report (administrator and second contact), or the dossiers that authorised "
        "the contact; --participant shows one dossier's activities. Exit 1 when access is denied.");
    cmd->add_option("INPUT", a->file, "an insight document (schemas/insight.request.schema.json; - for standard input)")
        ->required();
    cmd->add_option("--contact", a->contact, "who is looking (a contact id; required)")->option_text("ID");
    cmd->add_option("--participant", a->participant, "one dossier: its progress and completed activities")
        ->option_text("SEU");
    cmd->add_option("--from", a->from, "--participant: activities completed from this date")->option_text("D");
    cmd->add_option("--to", a->to, "--participant: activities completed until this date")->option_text("D");
    cmd->add_flag("--dossiers", a->dossiers, "the dossiers that authorised the contact, not the overview");
    cmd->add_option("--audit", a->audit,
                    "append one JSON line per access decision, written before the report (- for standard output)")
        ->option_text("FILE");
    cmd->add_option("--lang", a->lang, "the HTML report's language: nl (default) or en")->option_text("nl|en");
    cmd->add_flag("--allow-dossier-outside", a->anywhere, "read a dossier_file outside the document's folder");
    // --explain: the access decisions below the table, the JSON's explanations (not the CSV, not the HTML report)
    add_common(
        *cmd, a->o,
        {opt_all & ~opt_quiet, {"table", "json", "csv", "html"}, fmt_bit(format::table) | fmt_bit(format::json)});
    return {cmd, [a] { return run_insight(*a); }, &a->o};
}

}  // namespace edurules::cli
