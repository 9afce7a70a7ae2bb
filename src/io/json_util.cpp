// Shared JSON reading and explanation rendering for the codecs.
#include "json_util.hpp"

#include <algorithm>
#include <charconv>

#include "edurules/core/nearest.hpp"

namespace edurules::io {

decimal as_decimal(const json& j, const path& p) {
    std::optional<decimal> d;
    if (j.is_string()) {
        d = decimal::parse(j.get_ref<const std::string&>());
    } else if (j.is_number_integer()) {
        d = decimal{j.get<std::int64_t>(), 0};
    } else if (j.is_number_float()) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, j.get<double>());
        std::string_view sv(buf, static_cast<std::size_t>(r.ptr - buf));
        if (r.ec == std::errc() && sv.find_first_of("eE") == std::string_view::npos) d = decimal::parse(sv);
    }
    if (!d) invalid(p, "expected a decimal number, got " + show(j));
    return *d;
}

minutes as_minutes(const json& j, const path& p) {
    const std::int64_t m = as_int(j, p);
    if (m < 0) invalid(p, "a duration cannot be negative: " + show(j));
    return minutes{m};
}

minutes as_hours(const json& j, const path& p) {
    const decimal d = as_decimal(j, p);
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

void require_known(const json& obj, std::initializer_list<std::string_view> known, const path& p) {
    if (!obj.is_object()) return;
    for (const auto& [key, value] : obj.items()) {
        if (std::find(known.begin(), known.end(), std::string_view(key)) != known.end()) continue;
        std::string names;
        for (auto k : known) names += (names.empty() ? "" : ", ") + std::string(k);
        invalid(p / key, "unknown member" + did_you_mean(key, known) + "; known members: " + names);
    }
}

json param_use_to_json(const param_use& u, const rulebook& rb) {
    json j;
    if (!u.param || !u.version) return j;
    j["name"] = u.param->name;
    j["value"] = u.param->format(u.version->value);
    j["from"] = u.version->from ? json(to_iso(*u.version->from)) : json(nullptr);
    j["to"] = u.version->to ? json(to_iso(*u.version->to)) : json(nullptr);
    j["source"] = u.version->source_id;
    if (const source* s = rb.find_source(u.version->source_id)) {
        j["source_title"] = s->title;
        if (!s->reference.empty()) j["source_reference"] = s->reference;
    }
    j["confidence"] = to_code(u.version->conf);
    j["provisional"] = u.version->conf == confidence::provisional;
    if (!u.version->note.empty()) j["note"] = u.version->note;
    return j;
}

json explanation_to_json(const explanation& why, const rulebook& rb) {
    json steps = json::array();
    for (const auto& s : why.steps()) {
        json params = json::array();
        for (const auto& u : s.params) params.push_back(param_use_to_json(u, rb));
        steps.push_back(json{{"rule", std::string(s.rule)}, {"text", s.text()}, {"parameters", std::move(params)}});
    }
    return steps;
}

}  // namespace edurules::io
