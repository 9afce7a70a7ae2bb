// Reading a provider's bulk upload (CSV as spreadsheets export it).
#include <algorithm>
#include <cctype>

#include "edurules/io/pe_json.hpp"
#include "utf8.hpp"

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
        if (c == '"')
            q = !q;
        else if (!q && (c == '\n' || c == '\r'))
            break;
        else if (!q && c == ',')
            ++commas;
        else if (!q && c == ';')
            ++semis;
        else if (!q && c == '\t')
            ++tabs;
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
        std::size_t quote_line = line;
        while (i < n && !end) {
            const char c = text[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    ++i;
                    continue;
                }
                if (c == '\n') ++line;
                field += c;
                ++i;
                continue;
            }
            if (c == '"' && trim(field).empty()) {
                quoted = was_quoted = true;
                quote_line = line;
                field.clear();
                ++i;
                continue;
            }
            if (c == sep) {
                r.fields.push_back(was_quoted ? field : trim(field));
                field.clear();
                was_quoted = false;
                ++i;
                continue;
            }
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
        if (quoted)
            throw error(errc::parse, "upload",
                        "line " + std::to_string(quote_line) + ": a quote opened on this line (field " +
                            std::to_string(r.fields.size() + 1) + ") is never closed");
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

struct columns {
    int seu = 0, act = 1, date = 2;
    std::size_t first = 0;  ///< 1 when the first record is a header
};

/// The column a header name stands for: 0 seu_number, 1 activity_id, 2
/// completion_date, -1 unknown.
int header_column(const std::string& name) {
    const std::string h = lower(name);
    if (h == "seunumber" || h == "seunummer" || h == "seu") return 0;
    if (h == "activityid" || h == "activity" || h == "activiteit" || h == "leeractiviteit") return 1;
    if (h == "completiondate" || h == "completed" || h == "datum" || h == "afgerond" || h == "date") return 2;
    return -1;
}

constexpr const char* accepted_header_names =
    "seu_number (or seu, seunummer), activity_id (or activity, activiteit, leeractiviteit), completion_date (or "
    "completed, date, datum, afgerond)";

/// Column positions: from a header row if the first record names any known
/// column, else 0, 1, 2. A header must name each of the three columns once
/// and nothing else: a partly recognised header is refused, never guessed.
columns find_columns(const std::vector<record>& recs) {
    columns c;
    if (recs.empty()) return c;
    const auto& names = recs[0].fields;
    if (std::none_of(names.begin(), names.end(), [](const std::string& n) { return header_column(n) >= 0; })) return c;
    int at[3] = {-1, -1, -1};
    for (std::size_t k = 0; k < names.size(); ++k) {
        const int col = header_column(names[k]);
        if (col < 0 && names[k].empty()) continue;
        if (col < 0 || at[col] >= 0)
            throw error(errc::invalid_input, "upload",
                        "line " + std::to_string(recs[0].line) + ": header column " + std::to_string(k + 1) + " \"" +
                            names[k] + "\" is " + (col < 0 ? "not a known name" : "given twice") +
                            "; accepted names: " + accepted_header_names);
        at[col] = static_cast<int>(k);
    }
    for (int col = 0; col < 3; ++col)
        if (at[col] < 0)
            throw error(errc::invalid_input, "upload",
                        "line " + std::to_string(recs[0].line) + ": the header lacks the " +
                            (col == 0   ? "seu_number"
                             : col == 1 ? "activity_id"
                                        : "completion_date") +
                            " column; accepted names: " + accepted_header_names);
    c.seu = at[0];
    c.act = at[1];
    c.date = at[2];
    c.first = 1;
    return c;
}

}  // namespace

std::vector<pe::upload_row> parse_upload_csv(std::string_view text) {
    if (const auto bad = invalid_utf8_at(text); bad != std::string_view::npos)
        throw error(errc::parse, "upload", "not valid UTF-8 (save the spreadsheet as CSV UTF-8)", -1,
                    static_cast<std::int64_t>(bad));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const char sep = detect_separator(text);
    std::vector<record> recs = split(text, sep);
    const columns cols = find_columns(recs);
    if (recs.size() <= cols.first)
        throw error(errc::invalid_input, "upload",
                    cols.first ? "has a header but no rows" : "is empty: no rows to book");
    const int col_seu = cols.seu, col_act = cols.act, col_date = cols.date;
    const std::size_t first = cols.first;
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
        std::size_t extra = 0;  // non-empty cells beyond the three columns (e.g. two completions on one line)
        for (std::size_t c = 0; c < r.fields.size(); ++c) {
            const int ci = static_cast<int>(c);
            extra += ci != col_seu && ci != col_act && ci != col_date && !r.fields[c].empty();
        }
        if (extra) {
            u.field = "row";
            u.problem = std::to_string(r.fields.size()) + " cells where 3 are expected (seu_number, activity_id, " +
                        "completion_date): " + std::to_string(extra) + " extra non-empty cell(s), nothing was booked" +
                        " from this line";
        } else if (!seu || seu->empty()) {
            u.field = "seu_number";
            u.problem = "missing";
        } else if (!act || act->empty()) {
            u.field = "activity_id";
            u.problem = "missing";
        } else if (!dt || dt->empty()) {
            u.field = "completion_date";
            u.problem = "missing";
        } else if (auto d = parse_upload_date(*dt)) {
            u.row = pe::completion{*seu, *act, *d};
        } else {
            u.field = "completion_date";
            u.problem = "not a date: \"" + *dt + "\"";
        }
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace edurules::io
