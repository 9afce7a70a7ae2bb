// The one CSV writer of the project: every CSV edurules writes (status, book,
// leave, insight, rulebook show) goes through csv_cell / write_csv_row, so
// each cell is guarded against spreadsheet formulas and quoted per RFC 4180.
// The contract of every CSV: a code column (and a label column beside it for
// people), booleans as true/false (csv_bool), numbers as plain decimals
// without units or percent signs, an empty cell for "none" or "unknown".
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace edurules::io {

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line
/// break (no formula guard: use csv_cell for what is written).
inline std::string csv_quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

/// True for a plain decimal number ("-1.50", "12"): a spreadsheet reads it as
/// a number, never as a formula, so it needs no guard.
inline bool csv_plain_number(std::string_view s) {
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    const std::size_t digits_from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits_from) return false;
    if (i < s.size() && s[i] == '.') {
        const std::size_t frac_from = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == frac_from) return false;
    }
    return i == s.size();
}

/// The spreadsheet-formula guard (CSV injection): a cell starting with = + -
/// @, a tab or a carriage return gets a leading apostrophe, unless it is a
/// plain number.
inline std::string csv_guard(const std::string& s) {
    if (s.empty() || csv_plain_number(s)) return s;
    const char c = s[0];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + s;
    return s;
}

/// One cell as written: guarded, then quoted.
inline std::string csv_cell(const std::string& s) { return csv_quote(csv_guard(s)); }

/// A boolean cell as every CSV edurules writes it: true or false.
inline std::string csv_bool(bool b) { return b ? "true" : "false"; }

/// One row: cells joined by commas, ended by CRLF (RFC 4180).
inline void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_cell(cells[i]);
    out << "\r\n";
}

}  // namespace edurules::io
