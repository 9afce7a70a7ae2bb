// Rulebook parsing, validation, overlays and serialisation (nlohmann/json).
#include "edurules/core/rulebook.hpp"

#include <algorithm>
#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>

#include "edurules/core/nearest.hpp"
#include "json_guard.hpp"

namespace edurules {

using json = nlohmann::json;

// The embedded default rulebook documents, generated at build time from
// rulebook/*.json (see cmake/embed.cmake).
namespace embedded {
struct document {
    const char* name;
    const char* text;
    std::size_t size;
};
extern const document default_rulebook[];
extern const std::size_t default_rulebook_count;
}  // namespace embedded

const char* to_string(value_kind k) {
    switch (k) {
        case value_kind::integer:
            return "integer";
        case value_kind::decimal:
            return "decimal";
        case value_kind::duration:
            return "duration";
        case value_kind::money:
            return "money";
        case value_kind::date:
            return "date";
        case value_kind::text:
            return "text";
        case value_kind::boolean:
            return "boolean";
        case value_kind::integer_list:
            return "integer_list";
        case value_kind::text_list:
            return "text_list";
    }
    return "?";
}

namespace {

std::optional<value_kind> parse_kind(std::string_view s) {
    for (auto k : {value_kind::integer, value_kind::decimal, value_kind::duration, value_kind::money, value_kind::date,
                   value_kind::text, value_kind::boolean, value_kind::integer_list, value_kind::text_list})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

std::optional<confidence> parse_confidence(std::string_view s) {
    if (s == "H") return confidence::high;
    if (s == "M") return confidence::medium;
    if (s == "L") return confidence::low;
    if (s == "P") return confidence::provisional;
    return std::nullopt;
}

[[noreturn]] void fail(const std::string& field, const std::string& msg) { throw error(errc::rulebook, field, msg); }

std::string quoted(const json& j) { return detail::quote_value(j); }

/// A whole JSON number that fits an int64 (an unsigned number above INT64_MAX
/// is refused, never wrapped).
std::optional<std::int64_t> json_int(const json& j) {
    if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    if (j.is_number_integer()) return j.get<std::int64_t>();
    return std::nullopt;
}

/// A decimal from a JSON string or number. Numbers go through their shortest
/// round-trip text, so 21.3 in the file is exactly 21.3 here.
std::optional<decimal> json_decimal(const json& j) {
    if (j.is_string()) return decimal::parse(j.get<std::string>());
    if (j.is_number_integer()) {
        const auto i = json_int(j);
        if (!i) return std::nullopt;
        return decimal{*i, 0};
    }
    if (j.is_number_float()) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, j.get<double>());
        if (r.ec != std::errc()) return std::nullopt;
        std::string_view sv(buf, static_cast<std::size_t>(r.ptr - buf));
        if (sv.find_first_of("eE") != std::string_view::npos) return std::nullopt;
        return decimal::parse(sv);
    }
    return std::nullopt;
}

std::string show_scalar(const parameter& p, const param_value& v);

param_value parse_value(const parameter& p, const json& j, const std::string& field) {
    switch (p.kind) {
        case value_kind::integer: {
            if (const auto i = json_int(j)) return *i;
            fail(field, "expected a whole number within 64 bits, got " + quoted(j));
        }
        case value_kind::decimal: {
            auto d = json_decimal(j);
            if (!d) {
                const std::string why = j.is_string() ? decimal::why_not(j.get_ref<const std::string&>()) : "";
                // a number too large for a decimal is outside a declared range: say that first
                if (why.rfind("too large", 0) == 0) {
                    const bool negative = j.get_ref<const std::string&>().front() == '-';
                    if (const auto& bound = negative ? p.limits.range.min : p.limits.range.max)
                        fail(field, quoted(j) + " is " + (negative ? "below the minimum " : "above the maximum ") +
                                        show_scalar(p, *bound));
                }
                fail(field, why.empty() ? "expected a decimal number, got " + quoted(j) : quoted(j) + ": " + why);
            }
            return *d;
        }
        case value_kind::duration: {
            auto d = json_decimal(j);
            if (!d || d->is_negative()) fail(field, "expected a non-negative duration, got " + quoted(j));
            std::int64_t per_unit = 0;
            if (p.unit == "hours")
                per_unit = minutes_per_hour;
            else if (p.unit == "minutes")
                per_unit = 1;
            else
                fail(field, "a duration needs unit \"hours\" or \"minutes\", not \"" + p.unit + "\"");
            const detail::i128 num = static_cast<detail::i128>(d->mantissa) * per_unit;
            if (num % d->denominator() != 0) fail(field, "duration " + quoted(j) + " is not a whole number of minutes");
            if (num / d->denominator() > INT64_MAX) fail(field, "duration " + quoted(j) + " is too large");
            return static_cast<std::int64_t>(num / d->denominator());
        }
        case value_kind::money: {
            auto d = json_decimal(j);
            if (!d) fail(field, "expected an amount, got " + quoted(j));
            if (d->in_scale(0).has_value() && !d->in_scale(2).has_value())
                fail(field, "amount " + quoted(j) + " is too large");
            auto cents = d->in_scale(2);
            if (!cents) fail(field, "amount " + quoted(j) + " has more than 2 decimals or is too large");
            return *cents;
        }
        case value_kind::date: {
            if (!j.is_string()) fail(field, "expected a date (YYYY-MM-DD), got " + quoted(j));
            auto d = parse_iso_date(j.get<std::string>());
            if (!d) fail(field, "not a date: " + quoted(j));
            return *d;
        }
        case value_kind::text: {
            if (!j.is_string()) fail(field, "expected text, got " + quoted(j));
            return j.get<std::string>();
        }
        case value_kind::boolean: {
            if (!j.is_boolean()) fail(field, "expected true or false, got " + quoted(j));
            return j.get<bool>();
        }
        case value_kind::integer_list: {
            if (!j.is_array()) fail(field, "expected a list of whole numbers, got " + quoted(j));
            std::vector<std::int64_t> out;
            for (std::size_t i = 0; i < j.size(); ++i) {
                const auto x = json_int(j[i]);
                if (!x)
                    fail(field + "[" + std::to_string(i) + "]",
                         "expected a whole number within 64 bits, got " + quoted(j[i]));
                out.push_back(*x);
            }
            return out;
        }
        case value_kind::text_list: {
            if (!j.is_array()) fail(field, "expected a list of words, got " + quoted(j));
            std::vector<std::string> out;
            for (std::size_t i = 0; i < j.size(); ++i) {
                if (!j[i].is_string())
                    fail(field + "[" + std::to_string(i) + "]", "expected text, got " + quoted(j[i]));
                out.push_back(j[i].get<std::string>());
            }
            return out;
        }
    }
    fail(field, "unknown type");
}

json value_to_json(const parameter& p, const param_value& v) {
    switch (p.kind) {
        case value_kind::integer:
            return std::get<std::int64_t>(v);
        case value_kind::decimal:
            return std::get<decimal>(v).to_string();
        case value_kind::duration: {
            const auto m = std::get<std::int64_t>(v);
            if (p.unit != "hours") return m;
            // Hours were written as an exact decimal, so m / 60 has a finite
            // decimal expansion: find its shortest scale.
            for (int s = 0; s <= decimal::max_scale; ++s) {
                const detail::i128 scaled = static_cast<detail::i128>(m) * detail::pow10(s);
                if (scaled % minutes_per_hour == 0)
                    return decimal{static_cast<std::int64_t>(scaled / minutes_per_hour), s}.to_string();
            }
            return m;
        }
        case value_kind::money:
            return format_scaled(std::get<std::int64_t>(v), 2);
        case value_kind::date:
            return to_iso(std::get<date>(v));
        case value_kind::text:
            return std::get<std::string>(v);
        case value_kind::boolean:
            return std::get<bool>(v);
        case value_kind::integer_list:
            return std::get<std::vector<std::int64_t>>(v);
        case value_kind::text_list:
            return std::get<std::vector<std::string>>(v);
    }
    return nullptr;
}

/// -1, 0 or 1 comparing two bounds or values of the same stored type.
int compare_scalar(const param_value& a, const param_value& b) {
    if (const auto* x = std::get_if<std::int64_t>(&a)) {
        const auto y = std::get<std::int64_t>(b);
        return *x < y ? -1 : (y < *x ? 1 : 0);
    }
    if (const auto* x = std::get_if<decimal>(&a)) {
        const auto& y = std::get<decimal>(b);
        return *x < y ? -1 : (y < *x ? 1 : 0);
    }
    const auto x = std::get<date>(a), y = std::get<date>(b);
    return x < y ? -1 : (y < x ? 1 : 0);
}

/// A scalar (a bound, a value, an item of an integer_list) as written in the rulebook.
std::string show_scalar(const parameter& p, const param_value& v) {
    if (p.kind == value_kind::integer_list || p.kind == value_kind::integer)
        return std::to_string(std::get<std::int64_t>(v));
    const json j = value_to_json(p, v);
    return j.is_string() ? j.get<std::string>() : j.dump();
}

bool is_list(value_kind k) { return k == value_kind::integer_list || k == value_kind::text_list; }
bool has_range(value_kind k) {
    return k == value_kind::integer || k == value_kind::decimal || k == value_kind::duration ||
           k == value_kind::money || k == value_kind::date || k == value_kind::integer_list;
}

void check_range(const parameter& p, const value_range& r, const param_value& v, const std::string& field) {
    if (r.min && compare_scalar(v, *r.min) < 0)
        fail(field, show_scalar(p, v) + " is below the minimum " + show_scalar(p, *r.min));
    if (r.max && compare_scalar(*r.max, v) < 0)
        fail(field, show_scalar(p, v) + " is above the maximum " + show_scalar(p, *r.max));
}

void check_word(const constraints& c, const std::string& w, const std::string& field) {
    if (c.allowed.empty() || std::find(c.allowed.begin(), c.allowed.end(), w) != c.allowed.end()) return;
    std::string list;
    for (const auto& a : c.allowed) list += (list.empty() ? "" : ", ") + a;
    fail(field, quoted(json(w)) + " is not one of the allowed values (" + list + ")" + did_you_mean(w, c.allowed));
}

/// Refuses a value outside `c`, naming `field` (and the item of a list).
void check_value(const parameter& p, const constraints& c, const param_value& v, const std::string& field) {
    auto item = [&](std::size_t i) { return field + "[" + std::to_string(i) + "]"; };
    auto count = [&](std::size_t n) {
        const auto len = static_cast<std::int64_t>(n);
        if (c.min_items && len < *c.min_items)
            fail(field, "has " + std::to_string(n) + " item(s), at least " + std::to_string(*c.min_items) + " needed");
        if (c.max_items && len > *c.max_items)
            fail(field, "has " + std::to_string(n) + " item(s), at most " + std::to_string(*c.max_items) + " allowed");
        if (!c.items.empty() && n != c.items.size())
            fail(field, "has " + std::to_string(n) + " item(s), exactly " + std::to_string(c.items.size()) + " needed");
    };
    switch (p.kind) {
        case value_kind::integer_list: {
            const auto& xs = std::get<std::vector<std::int64_t>>(v);
            count(xs.size());
            for (std::size_t i = 0; i < xs.size(); ++i) {
                check_range(p, c.range, xs[i], item(i));
                if (!c.items.empty()) check_range(p, c.items[i], xs[i], item(i));
            }
            return;
        }
        case value_kind::text_list: {
            const auto& xs = std::get<std::vector<std::string>>(v);
            count(xs.size());
            for (std::size_t i = 0; i < xs.size(); ++i) check_word(c, xs[i], item(i));
            return;
        }
        case value_kind::text:
            check_word(c, std::get<std::string>(v), field);
            return;
        case value_kind::boolean:
            return;
        case value_kind::decimal: {
            // the range first: 100000000000000000 is above the maximum, not "more than 2 decimal(s)"
            check_range(p, c.range, v, field);
            const decimal& d = std::get<decimal>(v);
            if (c.decimals && !d.in_scale(*c.decimals))
                fail(field, show_scalar(p, v) +
                                (d.scale <= *c.decimals
                                     ? " is too large to hold with " + std::to_string(*c.decimals) +
                                           " decimal(s) (at most " + decimal{INT64_MAX, *c.decimals}.to_string() + ")"
                                     : " has more than " + std::to_string(*c.decimals) + " decimal(s)"));
            return;
        }
        default:
            check_range(p, c.range, v, field);
    }
}

/// A bound of `p`'s range, written like its values (an integer_list's bound like one item).
param_value parse_bound(const parameter& p, const json& j, const std::string& field) {
    if (p.kind != value_kind::integer_list) return parse_value(p, j, field);
    const auto x = json_int(j);
    if (!x) fail(field, "expected a whole number within 64 bits, got " + quoted(j));
    return *x;
}

value_range parse_range(const parameter& p, const json& obj, const std::string& f) {
    value_range r;
    if (auto m = obj.find("min"); m != obj.end()) r.min = parse_bound(p, *m, f + ".min");
    if (auto m = obj.find("max"); m != obj.end()) r.max = parse_bound(p, *m, f + ".max");
    if (r.min && r.max && compare_scalar(*r.max, *r.min) < 0) fail(f + ".max", "is below the minimum");
    return r;
}

std::int64_t parse_count(const json& j, const std::string& field) {
    const auto x = json_int(j);
    if (!x || *x < 0) fail(field, "expected a whole number >= 0, got " + quoted(j));
    return *x;
}

/// The constraints declared in a parameter object (see schemas/rulebook.schema.json).
constraints parse_constraints(const parameter& p, const json& obj, const std::string& f) {
    constraints c;
    const bool range = obj.contains("min") || obj.contains("max");
    if (range && !has_range(p.kind))
        fail(f + (obj.contains("min") ? ".min" : ".max"), std::string("a ") + to_string(p.kind) + " has no range");
    c.range = parse_range(p, obj, f);
    if (auto d = obj.find("decimals"); d != obj.end()) {
        if (p.kind != value_kind::decimal) fail(f + ".decimals", "only a decimal declares its decimals");
        const auto n = parse_count(*d, f + ".decimals");
        if (n > decimal::max_scale) fail(f + ".decimals", "at most " + std::to_string(decimal::max_scale));
        c.decimals = static_cast<int>(n);
    }
    if (auto a = obj.find("allowed"); a != obj.end()) {
        if (p.kind != value_kind::text && p.kind != value_kind::text_list)
            fail(f + ".allowed", "only text and text_list have allowed values");
        if (!a->is_array() || a->empty()) fail(f + ".allowed", "expected a non-empty list of words");
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string())
                fail(f + ".allowed[" + std::to_string(i) + "]", "expected text, got " + quoted((*a)[i]));
            c.allowed.push_back((*a)[i].get<std::string>());
        }
    }
    for (const char* key : {"min_items", "max_items"}) {
        auto n = obj.find(key);
        if (n == obj.end()) continue;
        if (!is_list(p.kind)) fail(f + "." + key, "only a list has items");
        (std::string_view(key) == "min_items" ? c.min_items : c.max_items) = parse_count(*n, f + "." + key);
    }
    if (auto it = obj.find("items"); it != obj.end()) {
        if (p.kind != value_kind::integer_list) fail(f + ".items", "only an integer_list declares a range per item");
        if (!it->is_array() || it->empty()) fail(f + ".items", "expected a non-empty list of {min, max}");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string fi = f + ".items[" + std::to_string(i) + "]";
            if (!(*it)[i].is_object()) fail(fi, "expected an object with min and max");
            detail::check_members((*it)[i], {"min", "max"}, fi, errc::rulebook);
            c.items.push_back(parse_range(p, (*it)[i], fi));
        }
    }
    if (auto g = obj.find("gaps"); g != obj.end()) {
        if (!g->is_boolean()) fail(f + ".gaps", "expected true or false, got " + quoted(*g));
        c.gaps = g->get<bool>();
    }
    return c;
}

json range_to_json(const parameter& p, const value_range& r) {
    json j = json::object();
    auto bound = [&](const param_value& v) -> json {
        if (p.kind == value_kind::integer_list) return std::get<std::int64_t>(v);
        return value_to_json(p, v);
    };
    if (r.min) j["min"] = bound(*r.min);
    if (r.max) j["max"] = bound(*r.max);
    return j;
}

void constraints_to_json(const parameter& p, json& j) {
    const constraints& c = p.limits;
    j.update(range_to_json(p, c.range));
    if (c.decimals) j["decimals"] = *c.decimals;
    if (!c.allowed.empty()) j["allowed"] = c.allowed;
    if (c.min_items) j["min_items"] = *c.min_items;
    if (c.max_items) j["max_items"] = *c.max_items;
    if (!c.items.empty()) {
        json items = json::array();
        for (const auto& r : c.items) items.push_back(range_to_json(p, r));
        j["items"] = items;
    }
    if (c.gaps) j["gaps"] = true;
}

/// The bound `top` (an overlay's) declares for member `member`, refused when
/// it is wider than `base`'s (the rulebook under it): a lower minimum
/// (`lower`), a higher maximum. Returns the tighter of the two.
std::optional<param_value> narrowed(const parameter& p, const std::optional<param_value>& base,
                                    const std::optional<param_value>& top, bool lower, const std::string& field,
                                    const std::string& under) {
    if (!base) return top;
    if (!top) return base;
    const int c = compare_scalar(*top, *base);
    if (lower ? c < 0 : c > 0) {
        const auto shown = [&](const param_value& v) {
            const json j = p.kind == value_kind::integer_list ? json(std::get<std::int64_t>(v)) : value_to_json(p, v);
            return j.is_string() ? j.get<std::string>() : j.dump();
        };
        const std::string member = lower ? "min" : "max";
        fail(field + "." + member, "is " + shown(*top) + ", wider than the " + member + " " + shown(*base) + " of " +
                                       under + ": an overlay may narrow a declaration, never widen it");
    }
    return c == 0 ? base : top;
}
value_range narrowed(const parameter& p, const value_range& base, const value_range& top, const std::string& field,
                     const std::string& under) {
    return value_range{narrowed(p, base.min, top.min, true, field, under),
                       narrowed(p, base.max, top.max, false, field, under)};
}
template <class T>
std::optional<T> narrowed_count(std::optional<T> base, std::optional<T> top, bool lower, const std::string& field,
                                const std::string& under) {
    if (!base) return top;
    if (!top) return base;
    if (lower ? *top < *base : *base < *top)
        fail(field, "is " + std::to_string(*top) + ", wider than the " + std::to_string(*base) + " of " + under +
                        ": an overlay may narrow a declaration, never widen it");
    return top;
}

/// The declaration of `top` (an overlay's) for parameter `base` of the
/// rulebook under it (`under` names that declaration in a message). An overlay
/// may narrow a declaration, never widen it: a wider bound, a word the base
/// does not allow, or gaps the base does not allow are refused, naming the
/// member (a widening dropped silently left the overlay's author believing it
/// in force).
constraints narrowed(const parameter& base, const parameter& top, const std::string& under) {
    const constraints &a = base.limits, &b = top.limits;
    const std::string f = "parameters[\"" + base.name + "\"]";
    constraints c;
    c.range = narrowed(base, a.range, b.range, f, under);
    c.decimals = narrowed_count(a.decimals, b.decimals, false, f + ".decimals", under);
    if (a.allowed.empty() || b.allowed.empty()) {
        c.allowed = a.allowed.empty() ? b.allowed : a.allowed;
    } else {
        for (std::size_t i = 0; i < b.allowed.size(); ++i)
            if (std::find(a.allowed.begin(), a.allowed.end(), b.allowed[i]) == a.allowed.end())
                fail(f + ".allowed[" + std::to_string(i) + "]",
                     "\"" + b.allowed[i] + "\" is not allowed by " + under +
                         ": an overlay may narrow a declaration, never widen it" +
                         did_you_mean(b.allowed[i], a.allowed));
        c.allowed = b.allowed;
    }
    c.min_items = narrowed_count(a.min_items, b.min_items, true, f + ".min_items", under);
    c.max_items = narrowed_count(a.max_items, b.max_items, false, f + ".max_items", under);
    if (a.items.empty() || b.items.empty()) {
        c.items = a.items.empty() ? b.items : a.items;
    } else {
        if (a.items.size() != b.items.size())
            fail(f + ".items", "declares " + std::to_string(b.items.size()) + " items, " + under + " " +
                                   std::to_string(a.items.size()));
        for (std::size_t i = 0; i < a.items.size(); ++i)
            c.items.push_back(narrowed(base, a.items[i], b.items[i], f + ".items[" + std::to_string(i) + "]", under));
    }
    if (b.gaps && !a.gaps)
        fail(f + ".gaps", under +
                              " has no gaps between dated values, and an overlay cannot add them (it may narrow a "
                              "declaration, never widen it): give values that follow one another without a gap");
    c.gaps = a.gaps && b.gaps;
    return c;
}

void check_versions(parameter& p) {
    std::stable_sort(p.versions.begin(), p.versions.end(), [](const param_version& a, const param_version& b) {
        if (!a.from) return static_cast<bool>(b.from);
        if (!b.from) return false;
        return *a.from < *b.from;
    });
    p.check();
}

}  // namespace

namespace detail {
void throw_kind_mismatch(const parameter& p, const char* wanted) {
    throw error(errc::rulebook, "parameters[\"" + p.name + "\"].type",
                std::string("is ") + to_string(p.kind) + ", but the rules read it as " + wanted);
}
}  // namespace detail

void parameter::throw_no_value_on(date d) const {
    throw error(errc::rulebook, "parameters[\"" + name + "\"]", "has no value in force on " + to_iso(d));
}

void parameter::check(const constraints& c) const {
    const std::string f = "parameters[\"" + name + "\"].values";
    auto at = [&](std::size_t i) { return f + "[" + std::to_string(i) + "]"; };
    auto day = [](const std::optional<date>& d, const char* open) { return d ? to_iso(*d) : std::string(open); };
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const auto& v = versions[i];
        check_value(*this, c, v.value, at(i) + ".value");
        if (v.from && v.to && *v.to < *v.from)
            fail(at(i) + ".to",
                 "a value runs from " + to_iso(*v.from) + " to " + to_iso(*v.to) + ", which ends before it starts");
        if (i == 0) continue;
        const auto& prev = versions[i - 1];
        if (!prev.to || !v.from || !(*prev.to < *v.from))
            fail(at(i) + ".from", "overlaps values[" + std::to_string(i - 1) + "] (this one starts " +
                                      day(v.from, "since always") + ", that one ends " + day(prev.to, "never") + ")");
        if (!c.gaps && next_day(*prev.to) < *v.from)
            fail(at(i) + ".from", "leaves a gap from " + to_iso(next_day(*prev.to)) + " to " +
                                      to_iso(prev_day(*v.from)) + " after values[" + std::to_string(i - 1) +
                                      "]; this parameter has no value then and declares no gaps (\"gaps\": false)");
    }
}

std::string parameter::format(const param_value& v) const {
    json j = value_to_json(*this, v);
    std::string s = j.is_string() ? j.get<std::string>() : j.dump();
    if (!unit.empty() && kind != value_kind::date && kind != value_kind::text && kind != value_kind::boolean)
        s += " " + unit;
    return s;
}

struct rulebook_builder {
    static rulebook parse(std::string_view text, std::string_view origin) {
        const json doc = detail::parse_checked(text, origin, errc::rulebook);
        if (!doc.is_object()) throw error(errc::rulebook, std::string(origin), "a rulebook is a JSON object");
        rulebook rb;
        detail::check_members(doc,
                              {"$schema", "schema_version", "name", "version", "description", "sources", "parameters"},
                              std::string(origin), errc::rulebook);
        auto sv = doc.find("schema_version");
        if (sv == doc.end() || json_int(*sv) != std::optional<std::int64_t>(1))
            fail("schema_version", "expected 1 (this library reads rulebook schema version 1)");
        if (auto n = doc.find("name"); n != doc.end() && n->is_string()) rb.name_ = n->get<std::string>();
        if (auto n = doc.find("version"); n != doc.end() && n->is_string()) rb.version_ = n->get<std::string>();
        if (auto s = doc.find("sources"); s != doc.end()) {
            if (!s->is_object()) fail("sources", "expected an object of sources by id");
            for (auto it = s->begin(); it != s->end(); ++it) {
                const std::string f = "sources[\"" + it.key() + "\"]";
                if (!it->is_object()) fail(f, "expected an object");
                detail::check_members(*it, {"title", "reference", "url"}, f, errc::rulebook);
                source src;
                src.id = it.key();
                auto str = [&](const char* k) -> std::string {
                    auto x = it->find(k);
                    if (x == it->end()) return {};
                    if (!x->is_string()) fail(f + "." + k, "expected text");
                    return x->get<std::string>();
                };
                src.title = str("title");
                src.reference = str("reference");
                src.url = str("url");
                if (src.title.empty()) fail(f + ".title", "a source needs a title");
                rb.sources_.emplace(src.id, std::move(src));
            }
        }
        auto ps = doc.find("parameters");
        if (ps == doc.end() || !ps->is_object()) fail("parameters", "expected an object of parameters by name");
        for (auto it = ps->begin(); it != ps->end(); ++it) {
            const std::string f = "parameters[\"" + it.key() + "\"]";
            if (!it->is_object()) fail(f, "expected an object");
            detail::check_members(*it,
                                  {"description", "type", "unit", "min", "max", "decimals", "allowed", "min_items",
                                   "max_items", "items", "gaps", "values"},
                                  f, errc::rulebook);
            parameter p;
            p.name = it.key();
            if (auto d = it->find("description"); d != it->end() && d->is_string())
                p.description = d->get<std::string>();
            auto t = it->find("type");
            if (t == it->end() || !t->is_string())
                fail(f + ".type",
                     "missing; one of integer, decimal, duration, money, date, text, boolean, integer_list, text_list");
            auto k = parse_kind(t->get<std::string>());
            if (!k) fail(f + ".type", "unknown type " + quoted(*t));
            p.kind = *k;
            if (auto u = it->find("unit"); u != it->end()) {
                if (!u->is_string()) fail(f + ".unit", "expected text");
                p.unit = u->get<std::string>();
            }
            if (p.kind == value_kind::duration && p.unit != "hours" && p.unit != "minutes")
                fail(f + ".unit", "a duration needs unit \"hours\" or \"minutes\", not \"" + p.unit + "\"");
            p.limits = parse_constraints(p, *it, f);
            auto vs = it->find("values");
            if (vs == it->end() || !vs->is_array() || vs->empty())
                fail(f + ".values", "expected a non-empty list of dated values");
            for (std::size_t i = 0; i < vs->size(); ++i) {
                const json& v = (*vs)[i];
                const std::string vf = f + ".values[" + std::to_string(i) + "]";
                if (!v.is_object()) fail(vf, "expected an object with value, source and confidence");
                detail::check_members(v, {"from", "to", "value", "source", "confidence", "note"}, vf, errc::rulebook);
                param_version pv;
                for (const char* key : {"from", "to"}) {
                    auto d = v.find(key);
                    if (d == v.end() || d->is_null()) continue;
                    if (!d->is_string()) fail(vf + "." + key, "expected a date (YYYY-MM-DD), got " + quoted(*d));
                    auto parsed = parse_iso_date(d->get<std::string>());
                    if (!parsed) fail(vf + "." + key, "not a date: " + quoted(*d));
                    (std::string_view(key) == "from" ? pv.from : pv.to) = *parsed;
                }
                auto val = v.find("value");
                if (val == v.end()) fail(vf + ".value", "missing");
                pv.value = parse_value(p, *val, vf + ".value");
                check_value(p, p.limits, pv.value, vf + ".value");
                auto src = v.find("source");
                if (src == v.end() || !src->is_string()) fail(vf + ".source", "missing; every value names its source");
                pv.source_id = src->get<std::string>();
                if (!rb.sources_.count(pv.source_id)) fail(vf + ".source", "unknown source " + quoted(*src));
                auto c = v.find("confidence");
                if (c == v.end() || !c->is_string()) fail(vf + ".confidence", "missing; one of H, M, L, P");
                auto conf = parse_confidence(c->get<std::string>());
                if (!conf) fail(vf + ".confidence", "expected H, M, L or P, got " + quoted(*c));
                pv.conf = *conf;
                if (auto n = v.find("note"); n != v.end() && n->is_string()) pv.note = n->get<std::string>();
                p.versions.push_back(std::move(pv));
            }
            check_versions(p);
            rb.params_.emplace(p.name, std::move(p));
        }
        return rb;
    }

    /// `top` over `base`. A parameter `base` does not have is refused, with
    /// the nearest name it has (a misspelt override would otherwise be kept
    /// and never read), unless it is of the open family (a new joint
    /// committee's agreement) or `adds` (the default rulebook, assembled from
    /// its parts).
    static rulebook overlay(const rulebook& base, const rulebook& top, bool adds = false) {
        rulebook rb = base;
        for (const auto& [id, s] : top.sources_) rb.sources_.insert_or_assign(id, s);
        for (const auto& [name, p] : top.params_) {
            auto it = rb.params_.find(name);
            if (it == rb.params_.end()) {
                if (!adds && name.rfind(open_parameter_family, 0) != 0)
                    refuse_unknown(name, base, "no such parameter in the rulebook it overlays");
                rb.params_.emplace(name, p);
                continue;
            }
            parameter merged = p;
            // The base's declaration stays in force: an overlay may narrow it, never widen it.
            if (it->second.kind == p.kind)
                merged.limits = narrowed(it->second, p,
                                         !adds && &base == rulebook::builtin().get()
                                             ? "the built-in declaration"
                                             : "the declaration of the rulebook it overlays");
            merged.check();  // the overlay's own values, numbered as in its file
            // The overlay's values replace the base's over the dates they span
            // (from the first one's start to the last one's end); the base's
            // values stay in force outside it, as with --set NAME=VALUE@D. A
            // CAO value from 2025 left the years before it with no value at
            // all, which `validate` passed and a decision then failed on.
            if (it->second.kind == p.kind && !adds) {
                merged.versions = around(it->second.versions, p.versions);
                try {
                    check_versions(merged);
                } catch (const error& e) {  // only a kept base value can fail here: against the narrowed limits
                    throw error(e.code(), "parameters[\"" + name + "\"]",
                                e.message() +
                                    " (a value of the rulebook under the overlay, in force outside the dates "
                                    "the overlay's values span, fails the declaration the overlay narrows)");
                }
            }
            it->second = std::move(merged);
        }
        if (!top.name_.empty()) rb.name_ = base.name_ + " + " + top.name_;
        return rb;
    }

    /// Refuses parameter `name`, which `known` lacks, naming the nearest name it has.
    [[noreturn]] static void refuse_unknown(const std::string& name, const rulebook& known, const char* why) {
        std::vector<std::string_view> names;
        names.reserve(known.params_.size());
        for (const auto& kv : known.params_) names.emplace_back(kv.first);
        throw error(errc::rulebook, "parameters[\"" + name + "\"]", why + did_you_mean(name, names));
    }

    /// The base's values outside the span of `top` (from its earliest start
    /// to its latest end, open ends included), followed by `top`.
    static std::vector<param_version> around(const std::vector<param_version>& base,
                                             const std::vector<param_version>& top) {
        if (top.empty()) return base;
        std::optional<date> lo = top.front().from, hi = top.front().to;
        for (const auto& v : top) {
            if (!v.from || (lo && *v.from < *lo)) lo = v.from;
            if (!v.to || (hi && *hi < *v.to)) hi = v.to;
        }
        std::vector<param_version> out = cut_out(base, lo, hi);
        out.insert(out.end(), top.begin(), top.end());
        return out;
    }

    /// The parts of `versions` before `from` and after `to` (either open: none on that side).
    static std::vector<param_version> cut_out(const std::vector<param_version>& versions, std::optional<date> from,
                                              std::optional<date> to) {
        std::vector<param_version> out;
        for (const auto& v : versions) {
            if (from && (!v.from || *v.from < *from)) {
                param_version left = v;
                const date cut = prev_day(*from);
                if (!left.to || cut < *left.to) left.to = cut;
                if (!left.from || !(*left.to < *left.from)) out.push_back(left);
            }
            if (to && (!v.to || *to < *v.to)) {
                param_version right = v;
                const date cut = next_day(*to);
                if (!right.from || *right.from < cut) right.from = cut;
                if (!right.to || !(*right.to < *right.from)) out.push_back(right);
            }
        }
        return out;
    }

    static rulebook set(const rulebook& base, std::string_view name, std::string_view text, std::optional<date> from,
                        std::optional<date> to) {
        rulebook rb = base;
        auto it = rb.params_.find(name);
        if (it == rb.params_.end()) refuse_unknown(std::string(name), base, "no such parameter to override");
        parameter& p = it->second;
        const std::string f = "parameters[\"" + p.name + "\"]";
        if (from && to && *to < *from)  // worded as parameter::check words it in a file, before any overlap
            throw error(errc::rulebook, f + ".to",
                        "a value runs from " + to_iso(*from) + " to " + to_iso(*to) + ", which ends before it starts");
        json j;
        if (p.kind == value_kind::integer_list || p.kind == value_kind::text_list || p.kind == value_kind::boolean ||
            p.kind == value_kind::integer) {
            try {
                j = detail::parse_checked(text, "value");
            } catch (const error&) {
                j = std::string(text);
            }
        } else {
            j = std::string(text);
        }
        param_version nv;
        nv.from = from;
        nv.to = to;
        nv.value = parse_value(p, j, f + ".value");
        nv.source_id = "user.override";
        nv.conf = confidence::high;
        nv.note = "set by the user";
        rb.sources_.try_emplace("user.override", source{"user.override", "Value set by the user", "", ""});
        std::vector<param_version> out = cut_out(p.versions, from, to);  // the values outside [from, to] stay
        out.push_back(nv);
        p.versions = std::move(out);
        check_versions(p);
        return rb;
    }
};

rulebook rulebook::from_json(std::string_view json_text, std::string_view origin) {
    return rulebook_builder::parse(json_text, origin);
}

rulebook rulebook::overlaid(const rulebook& base, const rulebook& overlay) {
    return rulebook_builder::overlay(base, overlay);
}

rulebook rulebook::with_value(const rulebook& base, std::string_view name, std::string_view value_text,
                              std::optional<date> from, std::optional<date> to) {
    return rulebook_builder::set(base, name, value_text, from, to);
}

namespace {
/// What follows the joint committee in an open-family name
/// ("account.be.sector.<pc>.<rest>"), or empty.
std::string_view family_rest(std::string_view name) {
    if (name.rfind(open_parameter_family, 0) != 0) return {};
    const std::string_view tail = name.substr(open_parameter_family.size());
    const auto dot = tail.find('.');
    return dot == std::string_view::npos ? std::string_view() : tail.substr(dot + 1);
}

/// The default rulebook's declaration for an open-family name it lacks: a
/// parameter of another joint committee with the same rest of the name
/// (".ge20.days_per_fte"), else one with the same last part ("days_per_fte"),
/// so that a sector added by an overlay is held to the same type and range.
const parameter* family_declaration(const rulebook& def, std::string_view name) {
    const std::string_view rest = family_rest(name);
    if (rest.empty()) return nullptr;
    const std::string_view last = rest.substr(rest.rfind('.') + 1);
    const parameter* same_last = nullptr;
    for (const auto& [known, p] : def.parameters()) {
        const std::string_view r = family_rest(known);
        if (r == rest) return &p;
        if (!same_last && !r.empty() && r.substr(r.rfind('.') + 1) == last) same_last = &p;
    }
    return same_last;
}
}  // namespace

const parameter* rulebook::require(std::string_view name, value_kind kind, std::string_view domain) const {
    const parameter& p = param(name);
    if (p.kind != kind)
        throw error(
            errc::rulebook, "parameters[\"" + p.name + "\"].type",
            std::string("is ") + to_string(p.kind) + ", the " + std::string(domain) + " rules need " + to_string(kind));
    const rulebook& def = *builtin();
    const parameter* d = def.find(name);
    if (!d) d = family_declaration(def, name);
    if (d && d != &p && d->kind == p.kind) {
        try {
            p.check(d->limits);
        } catch (const error& e) {
            throw error(errc::rulebook, e.field(),
                        e.message() + " (as the default rulebook declares for the " + std::string(domain) + " rules)");
        }
    }
    return &p;
}

void rulebook::refuse_unknown_parameters() const {
    const rulebook& def = *builtin();
    if (this == &def) return;
    for (const auto& [name, p] : params_)
        if (!def.find(name) && name.rfind(open_parameter_family, 0) != 0)
            rulebook_builder::refuse_unknown(name, def, "no rule reads this parameter (not in the default rulebook)");
}

const parameter& rulebook::param(std::string_view name) const {
    if (const auto* p = find(name)) return *p;
    throw error(errc::rulebook, "parameters[\"" + std::string(name) + "\"]", "missing parameter");
}

std::shared_ptr<const rulebook> rulebook::builtin() {
    static const std::shared_ptr<const rulebook> instance = [] {
        rulebook all;
        std::string common_name, common_version;  // the merged rulebook is named by rulebook/common.json
        for (std::size_t i = 0; i < embedded::default_rulebook_count; ++i) {
            const auto& d = embedded::default_rulebook[i];
            rulebook part = from_json(std::string_view(d.text, d.size), d.name);
            if (std::string_view(d.name) == "rulebook/common.json") {
                common_name = part.name_;
                common_version = part.version_;
            }
            for (const auto& [name, p] : part.params_)
                if (all.params_.count(name))
                    throw error(errc::internal, d.name,
                                "parameter " + name + " is defined twice in the default rulebook");
            if (i == 0) {
                all = std::move(part);
            } else {
                const std::string keep_name = all.name_, keep_version = all.version_;
                all = rulebook_builder::overlay(all, part, true);
                all.name_ = keep_name;
                all.version_ = keep_version;
            }
        }
        if (!common_name.empty()) {
            all.name_ = common_name;
            all.version_ = common_version;
        }
        return std::make_shared<const rulebook>(std::move(all));
    }();
    return instance;
}

std::string rulebook::to_json() const {
    json doc;
    doc["schema_version"] = 1;
    doc["name"] = name_;
    doc["version"] = version_;
    json srcs = json::object();
    for (const auto& [id, s] : sources_) {
        json j{{"title", s.title}};
        if (!s.reference.empty()) j["reference"] = s.reference;
        if (!s.url.empty()) j["url"] = s.url;
        srcs[id] = j;
    }
    doc["sources"] = srcs;
    json ps = json::object();
    for (const auto& [name, p] : params_) {
        json j{{"description", p.description}, {"type", to_string(p.kind)}};
        if (!p.unit.empty()) j["unit"] = p.unit;
        constraints_to_json(p, j);
        json vs = json::array();
        for (const auto& v : p.versions) {
            json vj;
            if (v.from) vj["from"] = to_iso(*v.from);
            if (v.to) vj["to"] = to_iso(*v.to);
            vj["value"] = value_to_json(p, v.value);
            vj["source"] = v.source_id;
            vj["confidence"] = to_code(v.conf);
            if (!v.note.empty()) vj["note"] = v.note;
            vs.push_back(vj);
        }
        j["values"] = vs;
        ps[name] = j;
    }
    doc["parameters"] = ps;
    return doc.dump(2);
}

}  // namespace edurules
