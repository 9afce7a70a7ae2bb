// Shared JSON reading and explanation rendering for the codecs.
#include "json_util.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "edurules/core/nearest.hpp"

namespace edurules::io {

decimal as_decimal(const json& j, const path& p) {
    std::optional<decimal> d;
    if (j.is_string()) {
        d = decimal::parse(j.get_ref<const std::string&>());
    } else if (j.is_number_integer()) {
        // nlohmann keeps 2^63 .. 2^64-1 unsigned: read as int64 they would wrap to negative numbers
        if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            invalid(p, "number too large: " + show(j));
        d = decimal{j.get<std::int64_t>(), 0};
    } else if (j.is_number_float()) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, j.get<double>());
        std::string_view sv(buf, static_cast<std::size_t>(r.ptr - buf));
        if (r.ec == std::errc() && sv.find_first_of("eE") == std::string_view::npos) d = decimal::parse(sv);
    }
    if (!d) {
        const std::string why = j.is_string() ? decimal::why_not(j.get_ref<const std::string&>()) : "";
        invalid(p, why.empty() ? "expected a decimal number, got " + show(j) : show(j) + ": " + why);
    }
    return *d;
}

minutes as_minutes(const json& j, const path& p) {
    const std::int64_t m = as_int(j, p);
    if (m < 0) invalid(p, "a duration cannot be negative: " + show(j));
    return minutes{m};
}

std::optional<minutes> minutes_of_hours(const decimal& d) {
    if (d.is_negative()) return std::nullopt;
    const detail::i128 num = static_cast<detail::i128>(d.mantissa) * minutes_per_hour;
    if (num % d.denominator() != 0) return std::nullopt;
    const detail::i128 m = num / d.denominator();
    if (m > static_cast<detail::i128>(INT64_MAX)) return std::nullopt;
    return minutes{static_cast<std::int64_t>(m)};
}

minutes as_hours(const json& j, const path& p) {
    const decimal d = as_decimal(j, p);
    if (auto m = minutes_of_hours(d)) return *m;
    if (d.is_negative()) invalid(p, "a number of hours cannot be negative: " + show(j));
    const detail::i128 num = static_cast<detail::i128>(d.mantissa) * minutes_per_hour;
    if (num % d.denominator() != 0) invalid(p, "hours must be a whole number of minutes: " + show(j));
    const detail::i128 m = num / d.denominator();
    if (m > static_cast<detail::i128>(INT64_MAX)) invalid(p, "number of hours too large: " + show(j));
    return minutes{static_cast<std::int64_t>(m)};
}

void check_schema_version(const json& doc, int expected, const path& p) {
    require_object(doc, p);
    const json* v = find(doc, "schema_version");
    if (!v) invalid(p / "schema_version", "missing; this library reads schema_version " + std::to_string(expected));
    if (!v->is_number_integer() || v->get<std::int64_t>() != expected)
        invalid(p / "schema_version", "unsupported " + show(*v) + "; this library reads " + std::to_string(expected));
}

void missing_member(const json& obj, std::string_view key, const path& p) {
    if (obj.is_object())
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (it.key() != key && !nearest_name(it.key(), std::array<std::string_view, 1>{key}).empty())
                invalid(p / key, "missing; the member " + show(json(it.key())) + " is near: is it misspelt?");
    invalid(p / key, "missing");
}

void require_known(const json& obj, std::initializer_list<std::string_view> known, const path& p) {
    if (!obj.is_object()) return;
    for (const auto& [key, value] : obj.items()) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
            invalid(p.member_named(key), unknown_member(key, known));
    }
}

void require_kind_members(const json& req, std::string_view kind, std::span<const std::string_view> known) {
    if (!req.is_object()) return;
    const std::string of = std::string(kind) + " request";
    for (const auto& [key, value] : req.items()) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
            invalid(path().member_named(key), unknown_member(key, known, of));
    }
}

void write_param_use(json_writer& w, const param_use& u, const rulebook& rb) {
    if (!u.param || !u.version) {
        w.null();
        return;
    }
    const source* s = rb.find_source(u.version->source_id);
    w.begin_object();
    w.member("confidence", to_code(u.version->conf));
    w.member("from", u.version->from);
    w.member("name", u.param->name);
    if (!u.version->note.empty()) w.member("note", u.version->note);
    w.member("provisional", u.version->conf == confidence::provisional);
    w.member("source", u.version->source_id);
    if (s && !s->reference.empty()) w.member("source_reference", s->reference);
    if (s) w.member("source_title", s->title);
    w.member("to", u.version->to);
    w.member("value", u.param->format(u.version->value));
    w.end_object();
}

void write_explanation(json_writer& w, const explanation& why, const rulebook& rb) {
    w.begin_array();
    for (const auto& s : why.steps()) {
        w.begin_object();
        w.key("parameters").begin_array();
        for (const auto& u : s.params) write_param_use(w, u, rb);
        w.end_array();
        w.member("rule", s.rule);
        // The one read of a step's text: formatted here, into a buffer the
        // thread keeps (no allocation per step once warm).
        thread_local std::string text;
        text.clear();
        s.append_text(text);
        w.member("text", std::string_view(text));
        w.end_object();
    }
    w.end_array();
}

json param_use_to_json(const param_use& u, const rulebook& rb) {
    std::string text;
    json_writer w(text);
    write_param_use(w, u, rb);
    w.finish();
    return json::parse(text);
}

json explanation_to_json(const explanation& why, const rulebook& rb) {
    std::string text;
    json_writer w(text);
    write_explanation(w, why, rb);
    w.finish();
    return json::parse(text);
}

}  // namespace edurules::io
