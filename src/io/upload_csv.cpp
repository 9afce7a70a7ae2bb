// Reading a provider's bulk upload (CSV as spreadsheets export it).
#include "edurules/io/pe_json.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cctype>

namespace edurules::io {

namespace {

struct record {
    std::size_t line;
    std::vector<std::string> fields;
};

std::string trim(std::string s) {
    auto sp = [](unsigned char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && sp(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

char detect_separator(std::string_view text) {
    std::size_t commas = 0, semis = 0, tabs = 0;
    bool q = false;
    for (char c : text) {
        if (c == '"') q = !q;
        else if (!q && (c == '\n' || c == '\r')) break;
        else if (!q && c == ',') ++commas;
        else if (!q && c == ';') ++semis;
        else if (!q && c == '\t') ++tabs;
    }
    if (semis > commas && semis >= tabs) return ';';
    if (tabs > commas) return '\t';
    return ',';
}

std::vector<record> split(std::string_view text, char sep) {
    std::vector<record> out;
    std::size_t line = 1, i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        record r;
        r.line = line;
        std::string field;
        bool quoted = false, was_quoted = false, end = false;
        while (i < n && !end) {
            const char c = text[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') { field += '"'; i += 2; continue; }
                    quoted = false;
                    ++i;
                    continue;
                }
                if (c == '\n') ++line;
                field += c;
                ++i;
                continue;
            }
            if (c == '"' && trim(field).empty()) { quoted = was_quoted = true; field.clear(); ++i; continue; }
            if (c == sep) { r.fields.push_back(was_quoted ? field : trim(field)); field.clear(); was_quoted = false; ++i; continue; }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
                ++i;
                ++line;
                end = true;
                break;
            }
            field += c;
            ++i;
        }
        r.fields.push_back(was_quoted ? field : trim(field));
        const bool blank = r.fields.size() == 1 && r.fields[0].empty() && !was_quoted;
        if (!blank) out.push_back(std::move(r));
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '-' || c == '_'; }), s.end());
    return s;
}

/// YYYY-MM-DD, or DD-MM-YYYY / DD/MM/YYYY as Dutch spreadsheets write dates.
std::optional<date> parse_upload_date(const std::string& s) {
    if (auto d = parse_iso_date(s)) return d;
    if (s.size() == 10 && (s[2] == '-' || s[2] == '/') && s[5] == s[2]) {
        const std::string iso = s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
        return parse_iso_date(iso);
    }
    return std::nullopt;
}

}  // namespace

std::vector<pe::upload_row> parse_upload_csv(std::string_view text) {
    if (const auto bad = invalid_utf8_at(text); bad != std::string_view::npos)
        throw error(errc::parse, "upload", "not valid UTF-8 (save the spreadsheet as CSV UTF-8)", -1, static_cast<std::int64_t>(bad));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const char sep = detect_separator(text);
    std::vector<record> recs = split(text, sep);
    // Column positions: from a header row if there is one, else 0, 1, 2.
    int col_seu = 0, col_act = 1, col_date = 2;
    std::size_t first = 0;
    if (!recs.empty()) {
        int s = -1, a = -1, d = -1;
        for (std::size_t k = 0; k < recs[0].fields.size(); ++k) {
            const std::string h = lower(recs[0].fields[k]);
            if (h == "seunumber" || h == "seunummer" || h == "seu") s = static_cast<int>(k);
            else if (h == "activityid" || h == "activity" || h == "activiteit" || h == "leeractiviteit") a = static_cast<int>(k);
            else if (h == "completiondate" || h == "completed" || h == "datum" || h == "afgerond" || h == "date") d = static_cast<int>(k);
        }
        if (s >= 0 || a >= 0 || d >= 0) {
            first = 1;
            if (s >= 0) col_seu = s;
            if (a >= 0) col_act = a;
            if (d >= 0) col_date = d;
        }
    }
    std::vector<pe::upload_row> out;
    out.reserve(recs.size() - first);
    for (std::size_t k = first; k < recs.size(); ++k) {
        const record& r = recs[k];
        pe::upload_row u;
        u.line = r.line;
        auto get = [&](int col) -> const std::string* {
            return static_cast<std::size_t>(col) < r.fields.size() ? &r.fields[static_cast<std::size_t>(col)] : nullptr;
        };
        const std::string* seu = get(col_seu);
        const std::string* act = get(col_act);
        const std::string* dt = get(col_date);
        for (const std::string* f : {seu, act, dt}) u.raw.push_back(f ? *f : std::string());
        if (!seu || seu->empty()) { u.field = "seu_number"; u.problem = "missing"; }
        else if (!act || act->empty()) { u.field = "activity_id"; u.problem = "missing"; }
        else if (!dt || dt->empty()) { u.field = "completion_date"; u.problem = "missing"; }
        else if (auto d = parse_upload_date(*dt)) { u.row = pe::completion{*seu, *act, *d}; }
        else { u.field = "completion_date"; u.problem = "not a date: \"" + *dt + "\""; }
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace edurules::io
