// Reading a provider's bulk upload (CSV as spreadsheets export it).
#include "edurules/io/upload_csv.hpp"

#include <algorithm>
#include <cctype>

#include "edurules/core/nearest.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/utf8.hpp"

namespace edurules::io {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

void trim_in_place(std::string& s) {
    std::size_t end = s.size();
    while (end && is_space(s[end - 1])) --end;
    s.resize(end);
    std::size_t begin = 0;
    while (begin < s.size() && is_space(s[begin])) ++begin;
    s.erase(0, begin);
}

bool blank(const std::string& s) { return std::all_of(s.begin(), s.end(), is_space); }

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

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '-' || c == '_'; }), s.end());
    return s;
}

/// YYYY-MM-DD, or DD-MM-YYYY as Dutch spreadsheets write dates: the two
/// formats the README documents. DD/MM/YYYY is refused, not read: a slash
/// date may as well be a US MM/DD/YYYY (05/12/2025), and a guess books the
/// wrong day.
std::optional<date> parse_upload_date(const std::string& s) {
    if (auto d = parse_iso_date(s)) return d;
    if (s.size() == 10 && s[2] == '-' && s[5] == '-') {
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

/// Every name header_column knows, for the nearest one to a misspelt header.
constexpr std::string_view header_names[] = {"seu_number", "seu",        "seunummer",      "activity_id",
                                             "activity",   "activiteit", "leeractiviteit", "completion_date",
                                             "completed",  "date",       "datum",          "afgerond"};

constexpr const char* accepted_header_names =
    "seu_number (or seu, seunummer), activity_id (or activity, activiteit, leeractiviteit), completion_date (or "
    "completed, date, datum, afgerond)";

/// Column positions: from a header row if the first record names any known
/// column, else 0, 1, 2. A header must name each of the three columns once
/// and nothing else: a partly recognised header is refused, never guessed.
columns find_columns(const std::vector<std::string>& names, std::size_t line) {
    columns c;
    if (std::none_of(names.begin(), names.end(), [](const std::string& n) { return header_column(n) >= 0; })) return c;
    int at[3] = {-1, -1, -1};
    for (std::size_t k = 0; k < names.size(); ++k) {
        const int col = header_column(names[k]);
        if (col < 0 && names[k].empty()) continue;
        if (col < 0 || at[col] >= 0)
            throw error(errc::invalid_input, "upload",
                        "line " + std::to_string(line) + ": header column " + std::to_string(k + 1) + " \"" + names[k] +
                            "\" is " +
                            (col < 0 ? "not a known name" + did_you_mean(names[k], header_names) : "given twice") +
                            "; accepted names: " + accepted_header_names);
        at[col] = static_cast<int>(k);
    }
    for (int col = 0; col < 3; ++col)
        if (at[col] < 0)
            throw error(errc::invalid_input, "upload",
                        "line " + std::to_string(line) + ": the header lacks the " +
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

/// The next non-blank record into fields_[0, nfields_): fields split at the
/// separator, RFC 4180 quotes, unquoted fields trimmed of spaces and tabs.
bool upload_csv_reader::next_record() {
    const std::string_view text = text_;
    const std::size_t n = text.size();
    auto new_field = [&]() -> std::string& {
        if (nfields_ == fields_.size()) fields_.emplace_back();
        fields_[nfields_].clear();
        return fields_[nfields_++];
    };
    while (pos_ < n) {
        rec_line_ = line_;
        nfields_ = 0;
        std::string* field = &new_field();
        bool quoted = false, was_quoted = false;
        std::size_t quote_line = line_;
        glued_field_ = std::string::npos;
        while (pos_ < n) {
            const char c = text[pos_];
            if (was_quoted && !quoted && c != sep_ && c != '\r' && c != '\n') {
                // text after a closing quote: kept, so the row is refused showing it
                if (glued_field_ == std::string::npos) glued_field_ = nfields_ - 1, glued_at_ = field->size();
                *field += c;
                ++pos_;
                continue;
            }
            if (quoted) {
                if (c == '"' && pos_ + 1 < n && text[pos_ + 1] == '"') {
                    *field += '"';
                    pos_ += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    line_ += c == '\n';
                    *field += c;
                }
                ++pos_;
                continue;
            }
            if (c == '"' && blank(*field)) {
                quoted = was_quoted = true;
                quote_line = line_;
                field->clear();
            } else if (c == sep_) {
                if (!was_quoted) trim_in_place(*field);
                field = &new_field();
                was_quoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && pos_ + 1 < n && text[pos_ + 1] == '\n') ++pos_;
                ++pos_;
                ++line_;
                break;
            } else {
                *field += c;
            }
            ++pos_;
        }
        if (quoted)
            throw error(errc::parse, "upload",
                        "line " + std::to_string(quote_line) + ": a quote opened on this line (field " +
                            std::to_string(nfields_) + ") is never closed");
        if (!was_quoted) trim_in_place(*field);
        if (!(nfields_ == 1 && field->empty() && !was_quoted)) return true;  // a blank line is skipped
    }
    return false;
}

upload_csv_reader::upload_csv_reader(std::string_view text) {
    if (const auto bad = invalid_utf8_at(text); bad != std::string_view::npos)
        throw error(errc::parse, "upload", "not valid UTF-8 (save the spreadsheet as CSV UTF-8)", -1,
                    static_cast<std::int64_t>(bad));
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    text_ = text;
    sep_ = detect_separator(text);
    // One pass over every record: a quote left open anywhere is refused now,
    // before a row is reported; the first record may be the header.
    std::size_t records = 0, after_first = 0, after_first_line = 1, first_line = 0;
    std::vector<std::string> first;
    while (next_record()) {
        if (records++ == 0) {
            first.assign(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(nfields_));
            first_line = rec_line_;
            after_first = pos_;
            after_first_line = line_;
        }
    }
    const columns cols = find_columns(first, first_line);
    if (records <= cols.first)
        throw error(errc::invalid_input, "upload",
                    cols.first ? "has a header but no rows" : "is empty: no rows to book");
    col_ = {cols.seu, cols.act, cols.date};
    rows_ = records - cols.first;
    if (cols.first) start_ = after_first, start_line_ = after_first_line;
    rewind();
}

void upload_csv_reader::rewind() noexcept {
    pos_ = start_;
    line_ = start_line_;
}

bool upload_csv_reader::next(pe::upload_row& u) {
    if (!next_record()) return false;
    u.line = rec_line_;
    auto get = [&](int col) -> const std::string* {
        return static_cast<std::size_t>(col) < nfields_ ? &fields_[static_cast<std::size_t>(col)] : nullptr;
    };
    const std::string* seu = get(col_[0]);
    const std::string* act = get(col_[1]);
    const std::string* dt = get(col_[2]);
    u.raw.resize(3);
    for (std::size_t k = 0; k < 3; ++k) u.raw[k].assign(get(col_[k]) ? *get(col_[k]) : std::string_view());
    std::size_t extra = 0;  // non-empty cells beyond the three columns (e.g. two completions on one line)
    for (std::size_t c = 0; c < nfields_; ++c) {
        const int ci = static_cast<int>(c);
        extra += ci != col_[0] && ci != col_[1] && ci != col_[2] && !fields_[c].empty();
    }
    u.field.clear();
    u.problem.clear();
    std::optional<date> d;
    if (glued_field_ != std::string::npos) {
        const int gi = static_cast<int>(glued_field_);
        const std::string& g = fields_[glued_field_];
        u.field = gi == col_[0]   ? "seu_number"
                  : gi == col_[1] ? "activity_id"
                  : gi == col_[2] ? "completion_date"
                                  : "row";
        u.problem = "text after the closing quote (\"" + g.substr(0, glued_at_) + "\" then " + g.substr(glued_at_) +
                    "): a quoted cell ends at its quote (RFC 4180); nothing was booked from this line";
    } else if (extra) {
        u.field = "row";
        u.problem = std::to_string(nfields_) + " cells where 3 are expected (seu_number, activity_id, " +
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
    } else if ((d = parse_upload_date(*dt))) {
        if (!u.row) u.row.emplace();
        u.row->seu_number.assign(*seu);
        u.row->activity_id.assign(*act);
        u.row->completed = *d;
        return true;
    } else {
        u.field = "completion_date";
        u.problem = "not a date: \"" + *dt + "\" (YYYY-MM-DD or DD-MM-YYYY)";
    }
    u.row.reset();
    return true;
}

std::vector<pe::upload_row> parse_upload_csv(std::string_view text) {
    upload_csv_reader reader(text);
    std::vector<pe::upload_row> out(reader.rows());
    for (auto& u : out) reader.next(u);
    return out;
}

}  // namespace edurules::io
