// Private helpers for the JSON codecs: typed reads that name the record and
// field on error, and rendering of explanations. Never part of the public API.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "../core/json_guard.hpp"
#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/error.hpp"
#include "edurules/core/explain.hpp"
#include "json_writer.hpp"

namespace edurules::io {

using json = nlohmann::json;

/// A position in an input document, e.g. `participants[3].diploma_date`.
/// Cheap to extend; only turned into text when an error is raised.
class path {
public:
    path() = default;
    explicit path(std::string base) : text_(std::move(base)) {}
    /// A member the readers name (a sub-path such as "holiday.to" stays as given).
    path operator/(std::string_view key) const {
        return path(text_.empty() ? std::string(key) : text_ + "." + std::string(key));
    }
    /// A member named by the document (an unknown or repeated one): quoted
    /// where its name would not read back as one member (member_field).
    path member_named(std::string_view key) const { return path(edurules::detail::member_field(text_, key)); }
    path operator[](std::size_t i) const { return path(text_ + "[" + std::to_string(i) + "]"); }
    const std::string& str() const { return text_; }

private:
    std::string text_;
};

[[noreturn]] inline void invalid(const path& p, const std::string& msg, std::int64_t record = -1) {
    throw error(errc::invalid_input, p.str(), msg, record);
}

/// A short quote of a value for an error message (containers are not walked).
inline std::string show(const json& j) { return edurules::detail::quote_value(j); }

/// Parses JSON text: NUL bytes, nesting deeper than detail::max_json_depth,
/// syntax errors, invalid UTF-8 and numbers beyond a double are errc::parse
/// with a byte offset.
inline json parse_json(std::string_view text, std::string_view what) {
    return edurules::detail::parse_checked(text, what);
}

inline const json& require_object(const json& j, const path& p) {
    if (!j.is_object()) invalid(p, "expected an object, got " + show(j));
    return j;
}
inline const json& require_array(const json& j, const path& p) {
    if (!j.is_array()) invalid(p, "expected a list, got " + show(j));
    return j;
}
inline const json* find(const json& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}
/// Refuses required member `key` that `obj` lacks, at p / key; when a member
/// of `obj` nearly spells it (`kindd`, `Kind`), the message names that one,
/// the likelier mistake.
[[noreturn]] void missing_member(const json& obj, std::string_view key, const path& p);
inline const json& member(const json& obj, std::string_view key, const path& p) {
    const json* j = find(obj, key);
    if (!j) missing_member(obj, key, p);
    return *j;
}

inline std::string as_string(const json& j, const path& p) {
    if (!j.is_string()) invalid(p, "expected text, got " + show(j));
    return j.get<std::string>();
}
inline date as_date(const json& j, const path& p) {
    if (!j.is_string()) invalid(p, "expected a date (YYYY-MM-DD), got " + show(j));
    const std::string& s = j.get_ref<const std::string&>();
    auto d = parse_iso_date(s);
    if (d) return *d;
    // A well-formed date before 1900 (1400-01-01, which the calendar's own
    // range starts from) is refused naming the range a date given may have.
    if (s.size() == 10 && s.find_first_not_of("0123456789") == 4 && std::stoi(s.substr(0, 4)) < first_input_year &&
        parse_iso_date("2000" + s.substr(4)))  // a leap year: any month and day
        invalid(p,
                "not a date from 1900-01-01 to 9999-12-31 (the dates a request may give; dates computed from "
                "them may reach back to the calendar's 1400-01-01): " +
                    show(j));
    invalid(p, "not a date: " + show(j));
}
inline std::int64_t as_int(const json& j, const path& p) {
    if (!j.is_number_integer()) {
        if (j.is_number_float()) {
            const double v = j.get<double>();
            // in range first: converting a double beyond int64 is undefined behaviour
            if (v > -9.0e15 && v < 9.0e15 && v == static_cast<double>(static_cast<std::int64_t>(v)))
                return static_cast<std::int64_t>(v);
        }
        invalid(p, "expected a whole number, got " + show(j));
    }
    if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        invalid(p, "number too large: " + show(j));
    return j.get<std::int64_t>();
}
inline bool as_bool(const json& j, const path& p) {
    if (!j.is_boolean()) invalid(p, "expected true or false, got " + show(j));
    return j.get<bool>();
}
/// An exact decimal from a JSON string ("1.5") or number (1.5, via its shortest text).
decimal as_decimal(const json& j, const path& p);
/// A non-negative duration given in minutes (integer) or hours (decimal text or number): `unit` says which.
minutes as_minutes(const json& j, const path& p);
minutes as_hours(const json& j, const path& p);
/// Hours as whole minutes: nullopt when negative, not a whole number of minutes or beyond 64 bits.
std::optional<minutes> minutes_of_hours(const decimal& d);

inline std::string get_string(const json& obj, std::string_view key, const path& p) {
    return as_string(member(obj, key, p), p / key);
}
inline date get_date(const json& obj, std::string_view key, const path& p) {
    return as_date(member(obj, key, p), p / key);
}
inline std::int64_t get_int(const json& obj, std::string_view key, const path& p) {
    return as_int(member(obj, key, p), p / key);
}
inline std::optional<date> opt_date(const json& obj, std::string_view key, const path& p) {
    const json* j = find(obj, key);
    if (!j) return std::nullopt;
    return as_date(*j, p / key);
}
inline std::optional<std::string> opt_string(const json& obj, std::string_view key, const path& p) {
    const json* j = find(obj, key);
    if (!j) return std::nullopt;
    return as_string(*j, p / key);
}

/// Checks the document's schema_version (required, must equal `expected`).
void check_schema_version(const json& doc, int expected, const path& p);

/// Refuses any member of the object `obj` that is not in `known`, naming its
/// path and the nearest known name: a misspelt member ("untill", "Revoked")
/// is an error, never silently ignored.
void require_known(const json& obj, std::initializer_list<std::string_view> known, const path& p);

/// Refuses any member of request `req` that a request of `kind` does not
/// use (`known`, that kind's members): a member of another kind
/// ("rows" in a pe.status request) is refused as a misspelt one is, naming
/// the kind and the nearest of its members, never silently ignored.
void require_kind_members(const json& req, std::string_view kind, std::span<const std::string_view> known);

/// Writes an explanation: [{rule, text, parameters: [{name, value, from, to,
/// source, source_title, confidence, provisional, note}]}]. The one place
/// that reads a step's text: every face renders explanations through it.
void write_explanation(json_writer& w, const explanation& why, const rulebook& rb);
/// Writes one parameter use (see above); null when it names no value.
void write_param_use(json_writer& w, const param_use& u, const rulebook& rb);
/// The same as a document, for the encoders that still build one (insight,
/// account, pe.activity and the like): write_explanation's text, parsed.
json explanation_to_json(const explanation& why, const rulebook& rb);
json param_use_to_json(const param_use& u, const rulebook& rb);

}  // namespace edurules::io
