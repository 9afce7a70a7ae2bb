// Rulebook parsing, validation, overlays and serialisation (nlohmann/json).
#include "edurules/core/rulebook.hpp"

#include <nlohmann/json.hpp>

#include "json_guard.hpp"

#include <algorithm>
#include <charconv>
#include <mutex>

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
        case value_kind::integer: return "integer";
        case value_kind::decimal: return "decimal";
        case value_kind::duration: return "duration";
        case value_kind::money: return "money";
        case value_kind::date: return "date";
        case value_kind::text: return "text";
        case value_kind::boolean: return "boolean";
        case value_kind::integer_list: return "integer_list";
        case value_kind::text_list: return "text_list";
    }
    return "?";
}

namespace {

std::optional<value_kind> parse_kind(std::string_view s) {
    for (auto k : {value_kind::integer, value_kind::decimal, value_kind::duration, value_kind::money,
                   value_kind::date, value_kind::text, value_kind::boolean, value_kind::integer_list,
                   value_kind::text_list})
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

[[noreturn]] void fail(const std::string& field, const std::string& msg) {
    throw error(errc::rulebook, field, msg);
}

std::string quoted(const json& j) { return detail::quote_value(j); }

/// A decimal from a JSON string or number. Numbers go through their shortest
/// round-trip text, so 21.3 in the file is exactly 21.3 here.
std::optional<decimal> json_decimal(const json& j) {
    if (j.is_string()) return decimal::parse(j.get<std::string>());
    if (j.is_number_integer()) return decimal{j.get<std::int64_t>(), 0};
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

param_value parse_value(const parameter& p, const json& j, const std::string& field) {
    switch (p.kind) {
        case value_kind::integer: {
            if (j.is_number_integer()) return j.get<std::int64_t>();
            fail(field, "expected a whole number, got " + quoted(j));
        }
        case value_kind::decimal: {
            auto d = json_decimal(j);
            if (!d) fail(field, "expected a decimal number, got " + quoted(j));
            return *d;
        }
        case value_kind::duration: {
            auto d = json_decimal(j);
            if (!d || d->is_negative()) fail(field, "expected a non-negative duration, got " + quoted(j));
            std::int64_t per_unit = 0;
            if (p.unit == "hours") per_unit = minutes_per_hour;
            else if (p.unit == "minutes") per_unit = 1;
            else fail(field, "a duration needs unit \"hours\" or \"minutes\", not \"" + p.unit + "\"");
            const detail::i128 num = static_cast<detail::i128>(d->mantissa) * per_unit;
            if (num % d->denominator() != 0) fail(field, "duration " + quoted(j) + " is not a whole number of minutes");
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
                if (!j[i].is_number_integer()) fail(field + "[" + std::to_string(i) + "]", "expected a whole number, got " + quoted(j[i]));
                out.push_back(j[i].get<std::int64_t>());
            }
            return out;
        }
        case value_kind::text_list: {
            if (!j.is_array()) fail(field, "expected a list of words, got " + quoted(j));
            std::vector<std::string> out;
            for (std::size_t i = 0; i < j.size(); ++i) {
                if (!j[i].is_string()) fail(field + "[" + std::to_string(i) + "]", "expected text, got " + quoted(j[i]));
                out.push_back(j[i].get<std::string>());
            }
            return out;
        }
    }
    fail(field, "unknown type");
}

json value_to_json(const parameter& p, const param_value& v) {
    switch (p.kind) {
        case value_kind::integer: return std::get<std::int64_t>(v);
        case value_kind::decimal: return std::get<decimal>(v).to_string();
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
        case value_kind::money: return format_scaled(std::get<std::int64_t>(v), 2);
        case value_kind::date: return to_iso(std::get<date>(v));
        case value_kind::text: return std::get<std::string>(v);
        case value_kind::boolean: return std::get<bool>(v);
        case value_kind::integer_list: return std::get<std::vector<std::int64_t>>(v);
        case value_kind::text_list: return std::get<std::vector<std::string>>(v);
    }
    return nullptr;
}

void check_versions(parameter& p, const std::string& field) {
    std::stable_sort(p.versions.begin(), p.versions.end(), [](const param_version& a, const param_version& b) {
        if (!a.from) return static_cast<bool>(b.from);
        if (!b.from) return false;
        return *a.from < *b.from;
    });
    for (std::size_t i = 0; i < p.versions.size(); ++i) {
        const auto& v = p.versions[i];
        if (v.from && v.to && *v.to < *v.from)
            fail(field, "a value runs from " + to_iso(*v.from) + " to " + to_iso(*v.to) + ", which ends before it starts");
        if (i > 0) {
            const auto& prev = p.versions[i - 1];
            if (!prev.to || !v.from || !(*prev.to < *v.from))
                fail(field, "two values overlap (" + (v.from ? to_iso(*v.from) : std::string("open start")) +
                                ", and the one before it ends " + (prev.to ? to_iso(*prev.to) : std::string("never")) + ")");
        }
    }
}

}  // namespace

namespace detail {
void throw_kind_mismatch(const parameter& p, const char* wanted) {
    throw error(errc::rulebook, "parameters[\"" + p.name + "\"].type",
                std::string("is ") + to_string(p.kind) + ", but the rules read it as " + wanted);
}
}  // namespace detail

const param_version& parameter::require(date d) const {
    if (const auto* v = at(d)) return *v;
    throw error(errc::rulebook, "parameters[\"" + name + "\"]", "has no value in force on " + to_iso(d));
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
        const json doc = detail::parse_checked(text, origin);
        if (!doc.is_object()) throw error(errc::rulebook, std::string(origin), "a rulebook is a JSON object");
        rulebook rb;
        auto sv = doc.find("schema_version");
        if (sv == doc.end() || !sv->is_number_integer() || sv->get<int>() != 1)
            fail("schema_version", "expected 1 (this library reads rulebook schema version 1)");
        if (auto n = doc.find("name"); n != doc.end() && n->is_string()) rb.name_ = n->get<std::string>();
        if (auto n = doc.find("version"); n != doc.end() && n->is_string()) rb.version_ = n->get<std::string>();
        if (auto s = doc.find("sources"); s != doc.end()) {
            if (!s->is_object()) fail("sources", "expected an object of sources by id");
            for (auto it = s->begin(); it != s->end(); ++it) {
                const std::string f = "sources[\"" + it.key() + "\"]";
                if (!it->is_object()) fail(f, "expected an object");
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
            parameter p;
            p.name = it.key();
            if (auto d = it->find("description"); d != it->end() && d->is_string()) p.description = d->get<std::string>();
            auto t = it->find("type");
            if (t == it->end() || !t->is_string()) fail(f + ".type", "missing; one of integer, decimal, duration, money, date, text, boolean, integer_list, text_list");
            auto k = parse_kind(t->get<std::string>());
            if (!k) fail(f + ".type", "unknown type " + quoted(*t));
            p.kind = *k;
            if (auto u = it->find("unit"); u != it->end()) {
                if (!u->is_string()) fail(f + ".unit", "expected text");
                p.unit = u->get<std::string>();
            }
            auto vs = it->find("values");
            if (vs == it->end() || !vs->is_array() || vs->empty()) fail(f + ".values", "expected a non-empty list of dated values");
            for (std::size_t i = 0; i < vs->size(); ++i) {
                const json& v = (*vs)[i];
                const std::string vf = f + ".values[" + std::to_string(i) + "]";
                if (!v.is_object()) fail(vf, "expected an object with value, source and confidence");
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
            check_versions(p, f + ".values");
            rb.params_.emplace(p.name, std::move(p));
        }
        return rb;
    }

    static rulebook overlay(const rulebook& base, const rulebook& top) {
        rulebook rb = base;
        for (const auto& [id, s] : top.sources_) rb.sources_.insert_or_assign(id, s);
        for (const auto& [name, p] : top.params_) rb.params_.insert_or_assign(name, p);
        if (!top.name_.empty()) rb.name_ = base.name_ + " + " + top.name_;
        return rb;
    }

    static rulebook set(const rulebook& base, std::string_view name, std::string_view text,
                        std::optional<date> from, std::optional<date> to) {
        rulebook rb = base;
        auto it = rb.params_.find(name);
        if (it == rb.params_.end())
            throw error(errc::rulebook, "parameters[\"" + std::string(name) + "\"]", "no such parameter to override");
        parameter& p = it->second;
        const std::string f = "parameters[\"" + p.name + "\"]";
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
        std::vector<param_version> out;
        for (const auto& v : p.versions) {
            // keep the parts of v outside [from, to]
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
        out.push_back(nv);
        p.versions = std::move(out);
        check_versions(p, f + ".values");
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

const parameter& rulebook::param(std::string_view name) const {
    if (const auto* p = find(name)) return *p;
    throw error(errc::rulebook, "parameters[\"" + std::string(name) + "\"]", "missing parameter");
}

std::shared_ptr<const rulebook> rulebook::builtin() {
    static const std::shared_ptr<const rulebook> instance = [] {
        rulebook all;
        for (std::size_t i = 0; i < embedded::default_rulebook_count; ++i) {
            const auto& d = embedded::default_rulebook[i];
            rulebook part = from_json(std::string_view(d.text, d.size), d.name);
            for (const auto& [name, p] : part.params_)
                if (all.params_.count(name))
                    throw error(errc::internal, d.name, "parameter " + name + " is defined twice in the default rulebook");
            if (i == 0) {
                all = std::move(part);
            } else {
                const std::string keep_name = all.name_, keep_version = all.version_;
                all = rulebook_builder::overlay(all, part);
                all.name_ = keep_name;
                all.version_ = keep_version;
            }
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
