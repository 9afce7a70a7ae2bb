// Typed parameters resolved once: a parameter's dated values read and
// converted, at engine construction, to the type its rules work with (an
// enum, minutes, a decimal, a list), each with the param_use that explains it.
// Text parameters (a rounding mode, a month-overflow policy) are parsed here
// once instead of on every decision.
//
// How a domain declares its parameters with it. In the domain's `rules`
// (built once per engine), next to the `const parameter*` it already resolves:
//
//     struct rules {
//         dated<rounding> points_rounding;           // text -> enum, parsed once
//         dated<month_overflow> overflow;
//         dated<minutes> minutes_per_point;          // duration, as minutes
//         explicit rules(const rulebook& rb)
//             : points_rounding(dated_rounding(*rb.require("pe.points.rounding", value_kind::text, "PE"))),
//               overflow(dated_overflow(*rb.require("pe.registration.month_overflow", value_kind::text, "PE"))),
//               minutes_per_point(dated<minutes>::read(*rb.require("pe.points.minutes_per_point",
//                                                                  value_kind::duration, "PE"))) {}
//     };
//
// and in a rule, per decision, with no parsing, allocation or name lookup:
//
//     const auto& mode = R.points_rounding.at(rec.decided);   // mode.value, mode.use
//     why.add("pe.points.from_duration", [&] { ... }, {mode.use});
//
// A converter for another enum is a function from the stored value to
// std::optional<T>: `dated<T>::convert<std::string>(p, parse_my_enum)`. A
// value the converter refuses stops engine construction with errc::rulebook
// naming the parameter, values[i] and the value (the rulebook's "allowed"
// list normally refuses it earlier, at load).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "edurules/core/rulebook.hpp"

namespace edurules {

/// The month-overflow policy named by a rulebook word ("clamp", "roll_forward").
inline std::optional<month_overflow> parse_month_overflow(std::string_view s) {
    if (s == "clamp") return month_overflow::clamp;
    if (s == "roll_forward") return month_overflow::roll_forward;
    return std::nullopt;
}

/// A parameter's values converted once to T, by effective date. Immutable
/// after construction; `at` is the hot-path read.
template <class T>
class dated {
public:
    dated() = default;

    /// Every value of `p` read as T (the stored type, or minutes for a
    /// duration), checked to fit p's kind.
    static dated read(const parameter& p) {
        return convert<T>(p, [](const T& v) { return std::optional<T>(v); });
    }

    /// Every value of `p` read as S and converted by `f` (S -> std::optional<T>);
    /// a value `f` refuses throws errc::rulebook naming parameter, index and value.
    template <class S, class F>
    static dated convert(const parameter& p, F&& f) {
        if (!detail::kind_fits<S>(p.kind)) detail::throw_kind_mismatch(p, detail::kind_name<S>());
        dated out;
        out.param_ = &p;
        out.entries_.reserve(p.versions.size());
        for (std::size_t i = 0; i < p.versions.size(); ++i) {
            const param_version& v = p.versions[i];
            std::optional<T> t;
            if constexpr (std::is_same_v<S, minutes>)
                t = f(minutes{std::get<std::int64_t>(v.value)});
            else
                t = f(std::get<S>(v.value));
            if (!t)
                throw error(errc::rulebook, "parameters[\"" + p.name + "\"].values[" + std::to_string(i) + "].value",
                            p.format(v.value) + " is not a value these rules know");
            out.entries_.push_back(entry{
                v.from ? static_cast<std::int64_t>(v.from->day_number()) : std::numeric_limits<std::int64_t>::min(),
                v.to ? static_cast<std::int64_t>(v.to->day_number()) : std::numeric_limits<std::int64_t>::max(),
                resolved<T>{std::move(*t), param_use{&p, &v}}});
        }
        return out;
    }

    /// The value in force on `d` and the version it came from, or nullptr.
    const resolved<T>* find(date d) const noexcept {
        const auto n = static_cast<std::int64_t>(d.day_number());
        for (const auto& e : entries_)
            if (e.first <= n && n <= e.last) return &e.value;
        return nullptr;
    }
    /// The value in force on `d`; throws errc::rulebook naming the parameter and date.
    const resolved<T>& at(date d) const {
        if (const auto* r = find(d)) return *r;
        if (!param_) throw error(errc::internal, "dated", "read before it was resolved");
        throw error(errc::rulebook, "parameters[\"" + param_->name + "\"]", "has no value in force on " + to_iso(d));
    }
    const parameter* param() const noexcept { return param_; }

private:
    struct entry {
        std::int64_t first, last;  ///< day numbers, inclusive; open ends are the int64 limits
        resolved<T> value;
    };
    const parameter* param_ = nullptr;
    std::vector<entry> entries_;
};

/// A rounding mode per date, parsed once from a text parameter.
inline dated<rounding> dated_rounding(const parameter& p) {
    return dated<rounding>::convert<std::string>(p, [](const std::string& s) { return parse_rounding(s); });
}
/// A month-overflow policy per date, parsed once from a text parameter.
inline dated<month_overflow> dated_overflow(const parameter& p) {
    return dated<month_overflow>::convert<std::string>(p, [](const std::string& s) { return parse_month_overflow(s); });
}

}  // namespace edurules
