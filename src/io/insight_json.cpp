// The employer insight codec (documents, decisions, audit records, overview
// as JSON/CSV/HTML, individual dossiers) and the insight.* request handlers.
#include "edurules/io/insight_json.hpp"

#include <algorithm>
#include <sstream>

#include "edurules/core/nearest.hpp"
#include "edurules/insight/attention.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/report_messages.hpp"
#include "handlers.hpp"

namespace edurules::io {

namespace {

// ---------------------------------------------------------------- decoding

insight::contact parse_contact(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "name", "role", "kind", "email"}, p);
    insight::contact c;
    c.id = get_string(j, "id", p);
    if (c.id.empty()) invalid(p / "id", "must not be empty");
    if (auto n = opt_string(j, "name", p)) c.name = *n;
    const std::string r = get_string(j, "role", p);
    auto role = insight::parse_role(r);
    if (!role)
        invalid(p / "role", "expected \"administrator\", \"second_contact\" or \"contact\", got " + show(json(r)));
    c.role = *role;
    if (auto k = opt_string(j, "kind", p)) {
        auto kind = insight::parse_contact_kind(*k);
        if (!kind) invalid(p / "kind", "expected \"person\" or \"department\", got " + show(json(*k)));
        c.kind = *kind;
    }
    if (auto m = opt_string(j, "email", p)) c.email = *m;
    return c;
}

insight::directory decode_directory(const json& doc, const path& root) {
    insight::directory d;
    const json& orgs = require_array(member(doc, "organisations", root), root / "organisations");
    for (std::size_t i = 0; i < orgs.size(); ++i) {
        const path p = (root / "organisations")[i];
        try {
            const json& o = require_object(orgs[i], p);
            require_known(o, {"id", "name", "contacts"}, p);
            insight::organisation org;
            org.id = get_string(o, "id", p);
            if (auto n = opt_string(o, "name", p)) org.name = *n;
            const json& cs = require_array(member(o, "contacts", p), p / "contacts");
            for (std::size_t k = 0; k < cs.size(); ++k)
                org.contacts.push_back(parse_contact(cs[k], (p / "contacts")[k]));
            d.organisations.push_back(std::move(org));
        } catch (const error& e) {
            throw error(e.code(), e.field(), e.message(), static_cast<std::int64_t>(i));
        }
    }
    if (const json* cs = find(doc, "consents")) {
        require_array(*cs, root / "consents");
        for (std::size_t i = 0; i < cs->size(); ++i) {
            const path p = (root / "consents")[i];
            try {
                const json& c = require_object((*cs)[i], p);
                // a misspelt "revoked" or "until" would grant access the right spelling refuses
                require_known(c, {"id", "seu_number", "contact", "from", "until", "revoked"}, p);
                insight::consent k;
                k.id = opt_string(c, "id", p).value_or(p.str());
                k.seu_number = get_string(c, "seu_number", p);
                k.contact_id = get_string(c, "contact", p);
                k.from = get_date(c, "from", p);
                k.until = opt_date(c, "until", p);
                k.revoked = opt_date(c, "revoked", p);
                d.consents.push_back(std::move(k));
            } catch (const error& e) {
                throw error(e.code(), e.field(), e.message(), static_cast<std::int64_t>(i));
            }
        }
    }
    // The same checks as the C++ API, with fields under `root`.
    try {
        insight::directory_index check(d);
    } catch (const error& e) {
        throw error(e.code(), root.str().empty() ? e.field() : root.str() + "." + e.field(), e.message(), e.record());
    }
    return d;
}

/// The PE dossier embedded at `key`, with error fields under it.
pe::dossier decode_embedded_dossier(const json& j, const path& p) { return detail::decode_dossier(j, p); }

// ---------------------------------------------------------------- encoding

json opt_date_json(const std::optional<date>& d) { return d ? json(to_iso(*d)) : json(nullptr); }

json contact_json(const insight::directory_index& dir, std::string_view contact_id) {
    const insight::contact_ref who = dir.find_contact(contact_id);
    if (!who.org) return nullptr;
    return json{{"id", who.who->id},
                {"name", who.who->name},
                {"role", insight::to_string(who.who->role)},
                {"kind", insight::to_string(who.who->kind)},
                {"organisation", who.org->id},
                {"organisation_name", who.org->name}};
}

json decision_json(const engine& e, const insight::access_decision& a) {
    json j{{"action", insight::to_string(a.action)},
           {"contact", a.contact_id},
           {"organisation", a.organisation_id.empty() ? json(nullptr) : json(a.organisation_id)},
           {"role", a.role ? json(insight::to_string(*a.role)) : json(nullptr)},
           {"seu_number", a.seu_number ? json(*a.seu_number) : json(nullptr)},
           {"date", to_iso(a.on)},
           {"allowed", a.allowed},
           {"reason", insight::to_string(a.reason)},
           {"consent_id", a.deciding ? json(a.deciding->id) : json(nullptr)},
           {"consent_contact", a.deciding ? json(a.deciding->contact_id) : json(nullptr)},
           {"message", a.message}};
    j["explanation"] = explanation_to_json(a.why, e.book());
    return j;
}

json audit_json(const insight::audit_record& a) {
    return json{{"when", to_iso(a.on)},
                {"who", a.contact_id},
                {"organisation", a.organisation_id.empty() ? json(nullptr) : json(a.organisation_id)},
                {"action", a.action},
                {"whom", a.seu_number ? json(*a.seu_number) : json(nullptr)},
                {"allowed", a.allowed},
                {"reason", a.reason},
                {"consent_id", a.consent_id ? json(*a.consent_id) : json(nullptr)},
                {"why", a.why}};
}

/// The overview columns of one participant, as text (shared by JSON, CSV, HTML).
struct columns {
    std::string seu, name, start, end, earned, required, short_by, renewal, status, label, days_left;
    bool has_period = false;
};

columns columns_of(const insight::progress_row& r) {
    const pe::status& s = r.st;
    const auto& g = s.reg;
    columns c;
    c.seu = r.who->seu_number;
    c.name = r.who->name;
    c.has_period = g.current.has_value();
    if (g.current) {
        c.start = to_iso(g.current->first);
        c.end = to_iso(g.current->last);
        c.earned = g.earned.to_string();
        c.required = g.required.to_string();
        c.short_by = s.short_by.to_string();
    }
    c.renewal = g.renewal_requested ? "yes" : "no";
    c.status = pe::to_string(g.state);
    c.label = status_label(s);
    c.days_left = s.days_left ? std::to_string(*s.days_left) : "";
    return c;
}

json row_json(const engine& e, const insight::progress_row& r, bool explain) {
    const columns c = columns_of(r);
    const auto& g = r.st.reg;
    auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    json j{{"seu_number", c.seu},
           {"name", c.name},
           {"period_number", g.current ? json(g.period_number) : json(nullptr)},
           {"period_start", text_or_null(c.start)},
           {"period_end", text_or_null(c.end)},
           {"points_earned", text_or_null(c.earned)},
           {"points_required", text_or_null(c.required)},
           {"points_short", text_or_null(c.short_by)},
           {"renewal_submitted", g.renewal_requested},
           {"status", c.status},
           {"status_text", c.label},
           {"days_left", r.st.days_left ? json(*r.st.days_left) : json(nullptr)},
           {"renewal_possible", r.st.renewal_possible},
           {"will_lapse", r.st.will_lapse},
           {"consent_id", r.access.deciding ? json(r.access.deciding->id) : json(nullptr)},
           {"consent_contact", r.access.deciding ? json(r.access.deciding->contact_id) : json(nullptr)}};
    if (explain) j["explanation"] = explanation_to_json(r.st.why, e.book());
    return j;
}

json view_json(const engine& e, const insight::dossier_view& v, bool explain) {
    json j{{"access", decision_json(e, v.access)}};
    if (!v.access.allowed || !v.who) {
        j["participant"] = nullptr;
        j["progress"] = nullptr;
        j["activities"] = json::array();
        j["total_points"] = nullptr;
        return j;
    }
    j["participant"] =
        json{{"seu_number", v.who->seu_number}, {"name", v.who->name}, {"track", pe::to_string(v.who->track)}};
    j["progress"] = row_json(e, insight::progress_row{v.who, *v.st, v.access}, explain);
    json acts = json::array();
    for (const auto& a : v.activities)
        acts.push_back(json{{"completed", to_iso(a.completed)},
                            {"activity_id", a.act ? json(a.act->id) : json(nullptr)},
                            {"title", a.act ? json(a.act->title) : json(nullptr)},
                            {"form", a.act ? json(a.act->form) : json(nullptr)},
                            {"points", a.pts.to_string()},
                            {"recognition_id", a.rec ? json(a.rec->id) : json(nullptr)}});
    j["activities"] = std::move(acts);
    j["total_points"] = v.total.to_string();
    return j;
}

json overview_value(const engine& e, const insight::directory_index& dir, const insight::overview_report& r,
                    bool explain) {
    json rows = json::array();
    for (const auto& row : r.rows) rows.push_back(row_json(e, row, explain));
    json entries = json::array();
    for (const auto& x : r.entries) entries.push_back(decision_json(e, x));
    json audit = json::array();
    for (const auto& a : r.audit()) audit.push_back(audit_json(a));
    return json{{"date", to_iso(r.on)},
                {"rulebook", e.rulebook_label()},
                {"contact", contact_json(dir, r.access.contact_id)},
                {"organisation", r.org ? json{{"id", r.org->id}, {"name", r.org->name}} : json(nullptr)},
                {"access", decision_json(e, r.access)},
                {"rows", std::move(rows)},
                {"entries", std::move(entries)},
                {"audit", std::move(audit)}};
}

json dossiers_value(const engine& e, const insight::directory_index& dir, std::string_view contact_id, date on,
                    const std::vector<insight::dossier_view>& views, bool explain) {
    json out = json::array();
    json audit = json::array();
    std::optional<date> from, to;
    for (const auto& v : views) {
        out.push_back(view_json(e, v, explain));
        audit.push_back(audit_json(insight::audit_of(v.access)));
        from = v.from;
        to = v.to;
    }
    return json{
        {"date", to_iso(on)},          {"rulebook", e.rulebook_label()}, {"contact", contact_json(dir, contact_id)},
        {"from", opt_date_json(from)}, {"to", opt_date_json(to)},        {"dossiers", std::move(out)},
        {"audit", std::move(audit)}};
}

/// Every cell goes through the project's one guarded CSV writer (io/csv.hpp).
void csv_line(std::ostringstream& out, const std::vector<std::string>& cells) { write_csv_row(out, cells); }

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// Share of `part` in `whole` as a percentage with two decimals, capped at
/// 100 ("62.50"); a whole of zero counts as complete.
std::string percent(pe::points part, pe::points whole) {
    constexpr std::int64_t full = 100 * 100;  // percent, in hundredths: a unit conversion
    std::int64_t h = whole.hundredths <= 0 ? full : part.hundredths * full / whole.hundredths;
    if (h > full) h = full;
    if (h < 0) h = 0;
    return format_scaled(h, 2);
}

// Inline style sheet of the HTML page: no external resources.
const char* const page_css = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem;color:#1d2433;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:2rem 0 .5rem}
p.meta{color:#5a6275;margin:0 0 1.5rem}
#summary h2{margin-top:0}
ul.counts{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:0 0 .75rem}
li.count{border:1px solid #e3e6ee;border-left:.35rem solid #b0b6c3;border-radius:.4rem;padding:.4rem .8rem;min-width:8rem}
li.count .n{display:block;font-size:1.4rem;font-weight:700;font-variant-numeric:tabular-nums}
li.count .label{font-size:.82rem;color:#5a6275}
.lapsed{--c:#b3261e}.points_short{--c:#d9822b}.renew_without_dossier{--c:#c9a400}.on_track{--c:#2e9b57}.not_registered{--c:#8a91a1}
li.count{border-left-color:var(--c,#b0b6c3)}
.chart{display:flex;height:1rem;border-radius:.5rem;overflow:hidden;background:#e8ebf2;margin:0 0 1.5rem}
.chart .seg{height:100%;background:var(--c)}
table{border-collapse:collapse;width:100%;font-size:.88rem}
.scroll{overflow-x:auto}
th,td{padding:.4rem .5rem;border-bottom:1px solid #e3e6ee;text-align:left;vertical-align:middle}
th{background:#f4f6fa;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.seu,td.period{white-space:nowrap}
td.progress{min-width:9rem;width:18%}
td.name{min-width:7rem}
.bar{position:relative;height:.9rem;width:100%;background:#e8ebf2;border-radius:.45rem;overflow:hidden}
.fill{height:100%;background:var(--c,#d9822b);border-radius:.45rem 0 0 .45rem}
.of{display:block;font-size:.78rem;color:#5a6275;margin-top:.15rem}
.badge{display:inline-block;font-size:.78rem;font-weight:600;color:#fff;background:var(--c);border-radius:.3rem;padding:.05rem .4rem;margin-right:.4rem}
tr.lapsed td.attention .why{color:#b3261e}
p.empty{color:#5a6275;font-style:italic}
footer{margin-top:2rem;font-size:.78rem;color:#5a6275}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;font-size:10pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scroll{overflow:visible}thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}
li.count{padding:.2rem .5rem}footer{position:static}}
)";

/// The page's text in one language: catalogue look-ups, numbers and dates.
struct wording {
    report_lang lang;
    std::string t(std::string_view id) const { return std::string(report_text(lang, id)); }
    std::string f(std::string_view id, std::initializer_list<std::pair<std::string_view, std::string>> args) const {
        return report_format(lang, id, std::span(args.begin(), args.size()));
    }
    std::string num(pe::points p) const {
        std::string s = p.to_string();
        const std::string_view mark = report_text(lang, "fmt.decimal_mark");
        if (auto dot = s.find('.'); dot != std::string::npos) s.replace(dot, 1, mark);
        return s;
    }
    std::string day(date d) const {
        const std::string iso = to_iso(d);  // YYYY-MM-DD
        return f("fmt.date", {{"y", iso.substr(0, 4)}, {"m", iso.substr(5, 2)}, {"d", iso.substr(8, 2)}});
    }
    /// "3 dagen over" / "laatste dag": the count message `base`, its .one and .zero forms.
    std::string count(std::string_view base, std::int64_t n) const {
        if (n == 0) return t(std::string(base) + ".zero");
        if (n == 1) return t(std::string(base) + ".one");
        return f(base, {{"n", std::to_string(n)}});
    }
};

/// One fact behind a row's category, in words.
std::string note_text(const wording& w, const insight::note& n) {
    using k = insight::note_kind;
    switch (n.kind) {
        case k::days_left:
            return w.count("note.days_left", n.days);
        case k::renew_days_left:
            return w.count("note.renew_days_left", n.days);
        case k::points_short:
            return w.f("note.points_short", {{"points", w.num(n.pts)}});
        case k::may_renew:
            return w.t("note.may_renew");
        case k::no_renewal_dossier:
            return w.t("note.no_renewal_dossier");
        case k::renewal_dossier_submitted:
            return w.t("note.renewal_dossier_submitted");
        case k::lapsed_on:
            return w.f("note.lapsed_on", {{"date", n.on ? w.day(*n.on) : std::string()}});
        case k::dispensation_pending:
            return w.t("note.dispensation_pending");
        case k::dispensation_granted:
            return w.f("note.dispensation_granted", {{"date", n.on ? w.day(*n.on) : std::string()}});
        case k::ended_not_renewed:
            return w.f("note.ended_not_renewed", {{"date", n.on ? w.day(*n.on - day_count(1)) : std::string()}});
        case k::no_diploma:
            return w.t("note.no_diploma");
        case k::not_activated:
            return w.t("note.not_activated");
        case k::before_start:
            return w.t("note.before_start");
    }
    return {};
}

std::string notes_text(const wording& w, const std::vector<insight::note>& notes) {
    std::string out;
    for (const auto& n : notes) {
        if (!out.empty()) out += w.t("note.separator");
        out += note_text(w, n);
    }
    return out;
}

/// Categories in the order the summary shows them: most urgent first.
constexpr insight::attention summary_order[] = {insight::attention::lapsed, insight::attention::points_short,
                                                insight::attention::renew_without_dossier, insight::attention::on_track,
                                                insight::attention::not_registered};

std::string category_label(const wording& w, insight::attention a) {
    return w.t(std::string("attention.") + insight::to_string(a));
}

/// The counts per category and a stacked bar of them.
void write_summary(std::ostringstream& h, const wording& w, const insight::ranked_rows& ranked) {
    const std::size_t total = ranked.rows.size();
    h << "<section id=\"summary\">\n<h2>" << html_escape(w.t("summary.heading")) << "</h2>\n<ul class=\"counts\">\n";
    for (const insight::attention a : summary_order)
        h << "<li class=\"count " << insight::to_string(a) << "\" data-category=\"" << insight::to_string(a)
          << "\"><span class=\"n\">" << ranked.count(a) << "</span><span class=\"label\">"
          << html_escape(category_label(w, a)) << "</span></li>\n";
    h << "<li class=\"count total\" data-category=\"total\"><span class=\"n\">" << total
      << "</span><span class=\"label\">" << html_escape(w.t("summary.total")) << "</span></li>\n</ul>\n";
    h << "<div class=\"chart\" role=\"img\" aria-label=\""
      << html_escape(w.f("summary.chart", {{"n", std::to_string(total)}})) << "\">";
    for (const insight::attention a : summary_order) {
        if (!ranked.count(a)) continue;
        const pe::points part{static_cast<std::int64_t>(ranked.count(a))}, whole{static_cast<std::int64_t>(total)};
        h << "<div class=\"seg " << insight::to_string(a) << "\" style=\"width:" << percent(part, whole)
          << "%\" title=\"" << html_escape(category_label(w, a)) << ": " << ranked.count(a) << "\"></div>";
    }
    h << "</div>\n</section>\n";
}

/// One overview row: who, period, the progress bar with the points (shown
/// once), the renewal dossier, and the category with its facts in words.
void write_row(std::ostringstream& h, const wording& w, const insight::ranked_rows::entry& e) {
    const insight::progress_row& r = *e.row;
    const auto& g = r.st.reg;
    const char* cat = insight::to_string(e.att.level);
    h << "<tr class=\"participant " << cat << "\" data-seu=\"" << html_escape(r.who->seu_number)
      << "\" data-category=\"" << cat << "\" data-rank=\"" << e.att.rank << "\" data-deadline-days=\""
      << (e.att.deadline_days ? std::to_string(*e.att.deadline_days) : std::string()) << "\" data-points-short=\""
      << (g.current ? r.st.short_by.to_string() : std::string()) << "\">"
      << "<td class=\"seu\">" << html_escape(r.who->seu_number) << "</td>"
      << "<td class=\"name\">" << html_escape(r.who->name) << "</td><td class=\"period\">";
    if (g.current)
        h << html_escape(w.f("period.range", {{"start", w.day(g.current->first)}, {"end", w.day(g.current->last)}}));
    h << "</td><td class=\"progress\">";
    if (g.current) {
        const std::string pct = percent(g.earned, g.required);
        const std::string of = w.f("progress.of", {{"earned", w.num(g.earned)}, {"required", w.num(g.required)}});
        h << "<div class=\"bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"" << g.required.to_string()
          << "\" aria-valuenow=\"" << g.earned.to_string() << "\" aria-label=\"" << html_escape(of)
          << "\"><div class=\"fill\" data-percent=\"" << pct << "\" style=\"width:" << pct << "%\"></div></div>"
          << "<span class=\"of\" data-earned=\"" << g.earned.to_string() << "\" data-required=\""
          << g.required.to_string() << "\">" << html_escape(of) << "</span>";
    } else {
        h << "<span class=\"of\">" << html_escape(w.t("progress.none")) << "</span>";
    }
    h << "</td><td class=\"renewal\" data-submitted=\"" << (g.renewal_requested ? "true" : "false") << "\">"
      << html_escape(w.t(g.renewal_requested ? "value.yes" : "value.no")) << "</td>"
      << "<td class=\"attention\"><span class=\"badge\">" << html_escape(category_label(w, e.att.level))
      << "</span><span class=\"why\">" << html_escape(notes_text(w, e.att.notes)) << "</span></td></tr>\n";
}

void write_activities(std::ostringstream& h, const wording& w, const insight::dossier_view& v) {
    h << "<h2>" << html_escape(w.f("act.heading", {{"name", v.who->name}, {"seu", v.who->seu_number}}));
    if (v.from || v.to)
        h << html_escape(w.t("note.separator") +
                         w.f("act.range", {{"from", v.from ? w.day(*v.from) : w.t("act.open_from")},
                                           {"to", v.to ? w.day(*v.to) : w.t("act.open_to")}}));
    h << "</h2>\n";
    if (v.activities.empty()) {
        h << "<p class=\"empty\">" << html_escape(w.t("act.empty")) << "</p>\n";
        return;
    }
    h << "<table class=\"activities\" data-seu=\"" << html_escape(v.who->seu_number) << "\">\n<thead><tr><th>"
      << html_escape(w.t("act.col.completed")) << "</th><th>" << html_escape(w.t("act.col.activity")) << "</th><th>"
      << html_escape(w.t("act.col.title")) << "</th><th class=\"num\">" << html_escape(w.t("act.col.points"))
      << "</th><th>" << html_escape(w.t("act.col.recognition")) << "</th></tr></thead>\n<tbody>\n";
    for (const auto& a : v.activities)
        h << "<tr><td>" << w.day(a.completed) << "</td><td>" << html_escape(a.act ? a.act->id : "") << "</td><td>"
          << html_escape(a.act ? a.act->title : "") << "</td><td class=\"num points\">" << w.num(a.pts) << "</td><td>"
          << html_escape(a.rec ? a.rec->id : "") << "</td></tr>\n";
    h << "</tbody>\n<tfoot><tr><th colspan=\"3\">" << html_escape(w.t("act.total")) << "</th><th class=\"num total\">"
      << w.num(v.total) << "</th><th></th></tr></tfoot>\n</table>\n";
}

/// "HR Flexwerk (beheerder, Flexwerk Uitzendgroep B.V.)", or the id of an unknown contact.
std::string viewer_text(const wording& w, const insight::directory_index& dir, const std::string& id) {
    const insight::contact_ref who = dir.find_contact(id);
    if (!who.org) return id;
    return w.f("page.viewer", {{"name", who.who->name.empty() ? id : who.who->name},
                               {"role", w.t(std::string("role.") + insight::to_string(who.who->role))},
                               {"org", who.org->name.empty() ? who.org->id : who.org->name}});
}

/// The heading and the line under it.
std::pair<std::string, std::string> page_heading(const engine& e, const wording& w, const insight::directory_index& dir,
                                                 const report_page& p, std::size_t rows) {
    const std::string viewer = viewer_text(w, dir, p.contact_id);
    const std::string& rb = e.rulebook_label();
    const std::string n = std::to_string(rows), on = w.day(p.on);
    std::string title, meta;
    switch (p.kind) {
        case report_kind::overview:
            title = w.f("page.title.overview", {{"org", p.subject}});
            meta = w.f("page.meta.overview",
                       {{"date", on}, {"viewer", viewer}, {"n", n}, {"org", p.subject}, {"rulebook", rb}});
            break;
        case report_kind::dossier:
            title = w.f("page.title.dossier", {{"name", p.subject}});
            meta = w.f("page.meta.dossier", {{"date", on}, {"viewer", viewer}, {"rulebook", rb}});
            break;
        case report_kind::visible:
            title = w.f("page.title.visible", {{"viewer", viewer}});
            meta = w.f("page.meta.visible", {{"date", on}, {"n", n}, {"rulebook", rb}});
            break;
    }
    if (p.denied)
        meta = w.f("page.not_available", {{"reason", w.t(std::string("access.") + insight::to_string(*p.denied))}}) +
               " " + meta;
    return {title, meta};
}

}  // namespace

// ---------------------------------------------------------------- public API

insight_document parse_insight(std::string_view json_text) {
    const json doc = parse_json(json_text, "insight");
    const path root;
    check_schema_version(doc, insight_schema_version, root);
    require_known(doc, {"schema_version", "description", "organisations", "consents", "dossier", "dossier_file"}, root);
    insight_document out;
    out.dir = decode_directory(doc, root);
    if (const json* d = find(doc, "dossier")) out.dossier = decode_embedded_dossier(*d, root / "dossier");
    if (auto f = opt_string(doc, "dossier_file", root)) {
        if (out.dossier) invalid(root / "dossier_file", "give either \"dossier\" or \"dossier_file\", not both");
        out.dossier_file = *f;
    }
    return out;
}

void check_consents(const insight::directory& dir, const pe::dossier_index& idx) {
    for (std::size_t i = 0; i < dir.consents.size(); ++i)
        if (!idx.find_participant(dir.consents[i].seu_number))
            throw error(errc::invalid_input, "consents[" + std::to_string(i) + "].seu_number",
                        "SEU number \"" + dir.consents[i].seu_number + "\" is not in the PE dossier",
                        static_cast<std::int64_t>(i));
}

std::vector<insight::progress_row> progress_rows(const std::vector<insight::dossier_view>& views) {
    std::vector<insight::progress_row> out;
    for (const auto& v : views)
        if (v.access.allowed && v.who && v.st) out.push_back(insight::progress_row{v.who, *v.st, v.access});
    return out;
}

std::string status_label(const pe::status& s) { return pe::label(s); }

std::string overview_json(const engine& e, const insight::directory_index& dir, const insight::overview_report& r,
                          bool explain) {
    return overview_value(e, dir, r, explain).dump(2);
}

std::string dossiers_json(const engine& e, const insight::directory_index& dir, std::string_view contact_id, date on,
                          const std::vector<insight::dossier_view>& views, bool explain) {
    return dossiers_value(e, dir, contact_id, on, views, explain).dump(2);
}

std::string progress_csv(const std::vector<insight::progress_row>& rows) {
    std::ostringstream out;
    csv_line(out, {"seu_number", "name", "period_start", "period_end", "points_earned", "points_required",
                   "points_short", "renewal_submitted", "status", "status_label", "days_left"});
    for (const auto& r : rows) {
        const columns c = columns_of(r);
        csv_line(out, {c.seu, c.name, c.start, c.end, c.earned, c.required, c.short_by,
                       csv_bool(r.st.reg.renewal_requested), c.status, c.label, c.days_left});
    }
    return out.str();
}

std::string activities_csv(const std::vector<insight::dossier_view>& views) {
    std::ostringstream out;
    csv_line(out, {"seu_number", "name", "completed", "activity_id", "title", "points", "recognition_id"});
    for (const auto& v : views) {
        if (!v.access.allowed || !v.who) continue;
        for (const auto& a : v.activities)
            csv_line(out, {v.who->seu_number, v.who->name, to_iso(a.completed), (a.act ? a.act->id : ""),
                           (a.act ? a.act->title : ""), a.pts.to_string(), (a.rec ? a.rec->id : "")});
    }
    return out.str();
}

std::string progress_html(const engine& e, const insight::directory_index& dir, const report_page& page,
                          const std::vector<insight::progress_row>& rows,
                          const std::vector<insight::dossier_view>& details) {
    const wording w{page.lang};
    const insight::ranked_rows ranked = insight::rank_by_urgency(e.pe(), page.on, rows);
    const auto [title, meta] = page_heading(e, w, dir, page, rows.size());
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"" << to_string(page.lang) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"edurules\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>" << page_css << "</style>\n</head>\n<body>\n"
      << "<h1>" << html_escape(title) << "</h1>\n<p class=\"meta\">" << html_escape(meta) << "</p>\n";
    if (rows.empty()) {
        h << "<p class=\"empty\" id=\"no-rows\">" << html_escape(w.t("page.no_rows")) << "</p>\n";
    } else {
        if (page.kind != report_kind::dossier) write_summary(h, w, ranked);
        h << "<div class=\"scroll\"><table id=\"progress\">\n<thead><tr><th>" << html_escape(w.t("col.seu"))
          << "</th><th>" << html_escape(w.t("col.name")) << "</th><th>" << html_escape(w.t("col.period")) << "</th><th>"
          << html_escape(w.t("col.progress")) << "</th><th>" << html_escape(w.t("col.renewal")) << "</th><th>"
          << html_escape(w.t("col.attention")) << "</th></tr></thead>\n<tbody>\n";
        for (const auto& entry : ranked.rows) write_row(h, w, entry);
        h << "</tbody>\n</table></div>\n";
    }
    for (const auto& v : details)
        if (v.access.allowed && v.who) write_activities(h, w, v);
    h << "<footer>" << html_escape(w.t("page.footer")) << "</footer>\n</body>\n</html>\n";
    return h.str();
}

std::string audit_json_line(const insight::audit_record& a) { return audit_json_line(a, {}); }

std::string audit_json_line(const insight::audit_record& a, std::string_view logged_at) {
    json j = audit_json(a);
    if (!logged_at.empty()) j["logged_at"] = logged_at;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---------------------------------------------------------------- requests

namespace detail {

namespace {

date req_date(const json& req) { return get_date(req, "date", path()); }

bool req_explain(const json& req) {
    const json* x = find(req, "explain");
    return x ? as_bool(*x, path("explain")) : false;
}

struct loaded {
    insight::directory dir;
    pe::dossier dossier;
};

/// The directory (and, when `need_dossier`, the embedded PE dossier) of a request.
loaded load(const json& req, bool need_dossier) {
    const path root;
    loaded l;
    l.dir = decode_directory(req, root);
    if (const json* d = find(req, "dossier"))
        l.dossier = decode_embedded_dossier(*d, root / "dossier");
    else if (need_dossier)
        invalid(root / "dossier", "missing");
    if (find(req, "dossier_file"))
        invalid(root / "dossier_file",
                "requests embed the PE dossier as \"dossier\"; files are read only by the edurules tool");
    return l;
}

/// The members each insight kind uses (schemas/insight.request.schema.json
/// says the same): a member of another kind is refused, not ignored.
constexpr std::string_view access_members[] = {"schema_version", "kind",        "date",         "explain",
                                               "contact",        "participant", "participants", "description",
                                               "organisations",  "consents",    "dossier",      "dossier_file"};
constexpr std::string_view overview_members[] = {"schema_version", "kind",        "date",          "explain",
                                                 "contact",        "description", "organisations", "consents",
                                                 "dossier",        "dossier_file"};
constexpr std::string_view dossier_members[] = {
    "schema_version", "kind",          "date",     "explain", "contact",     "participant", "from", "to",
    "description",    "organisations", "consents", "dossier", "dossier_file"};

}  // namespace

json handle_insight(const engine& e, std::string_view kind, const json& req) {
    const path root;
    if (kind == "insight.access") require_kind_members(req, kind, access_members);
    if (kind == "insight.overview") require_kind_members(req, kind, overview_members);
    if (kind == "insight.dossier") require_kind_members(req, kind, dossier_members);
    const bool explain = req_explain(req);
    if (kind == "insight.access") {
        const date on = req_date(req);
        const std::string contact = get_string(req, "contact", root);
        const loaded l = load(req, false);
        const insight::directory_index dir(l.dir);
        std::vector<std::string> whom;
        if (auto p = opt_string(req, "participant", root)) whom.push_back(*p);
        if (const json* ps = find(req, "participants")) {
            require_array(*ps, root / "participants");
            for (std::size_t i = 0; i < ps->size(); ++i)
                whom.push_back(as_string((*ps)[i], (root / "participants")[i]));
        }
        if (!find(req, "participant") && !find(req, "participants")) {
            // Every participant who ever gave this contact a consent, first-seen order.
            for (const auto& c : l.dir.consents)
                if (c.contact_id == contact && std::find(whom.begin(), whom.end(), c.seu_number) == whom.end())
                    whom.push_back(c.seu_number);
        }
        const insight::access_decision ov = insight::may_see_overview(dir, contact, on, true);
        json decisions = json::array();
        json audit = json::array({audit_json(insight::audit_of(ov))});
        for (const auto& s : whom) {
            const insight::access_decision a = insight::may_see_dossier(dir, contact, s, on, true);
            decisions.push_back(decision_json(e, a));
            audit.push_back(audit_json(insight::audit_of(a)));
        }
        return json{{"date", to_iso(on)},
                    {"contact", contact_json(dir, contact)},
                    {"overview", decision_json(e, ov)},
                    {"dossiers", std::move(decisions)},
                    {"audit", std::move(audit)}};
    }
    if (kind == "insight.overview" || kind == "insight.dossier") {
        const date on = req_date(req);
        const std::string contact = get_string(req, "contact", root);
        const loaded l = load(req, true);
        const insight::directory_index dir(l.dir);
        const pe::dossier_index idx(l.dossier);
        check_consents(l.dir, idx);
        const insight::report_builder b(e.pe(), idx, dir, on, explain);
        if (kind == "insight.overview") return overview_value(e, dir, b.overview(contact), explain);
        const std::optional<date> from = opt_date(req, "from", root);
        const std::optional<date> to = opt_date(req, "to", root);
        if (from && to && *to < *from) invalid(root / "to", "is before \"from\" " + to_iso(*from));
        std::vector<insight::dossier_view> views;
        if (auto p = opt_string(req, "participant", root))
            views.push_back(b.dossier(contact, *p, from, to));
        else
            views = b.dossiers(contact, from, to);
        return dossiers_value(e, dir, contact, on, views, explain);
    }
    invalid(root / "kind",
            "unknown insight request kind " + show(json(std::string(kind))) +
                edurules::one_of(kind, std::string_view("insight.access, insight.overview, insight.dossier")));
}

}  // namespace detail
}  // namespace edurules::io
