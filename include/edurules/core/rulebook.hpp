// The rulebook: every legal number as a named parameter whose values carry
// effective-date ranges, a source and a confidence. Rules are data; the engine
// is code (developers' guide, principle 1).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/error.hpp"

namespace edurules {

/// How sure we are of a value (docs/rules.md): H official text or several agreeing
/// sources, M one secondary source, L weak or draft, P provisional default
/// taken from the seed documents because the official regulation was not
/// available; a provisional value must be overridable and is flagged in every
/// explanation that uses it.
enum class confidence { high, medium, low, provisional };

inline const char* to_code(confidence c) {
    switch (c) {
        case confidence::high:
            return "H";
        case confidence::medium:
            return "M";
        case confidence::low:
            return "L";
        case confidence::provisional:
            return "P";
    }
    return "?";
}

/// The kind of a parameter's value, declared in the rulebook as "type".
enum class value_kind {
    integer,       ///< whole number (months, days, counts, points, percentages as integers)
    decimal,       ///< exact decimal (fractions such as 0.10, points such as 1.5)
    duration,      ///< a length of time, stored as whole minutes; written in "unit" hours or minutes
    money,         ///< euro amount, stored as whole cents
    date,          ///< calendar date
    text,          ///< a word or phrase (titles, policy names)
    boolean,       ///< true or false
    integer_list,  ///< list of whole numbers (e.g. reminder months)
    text_list,     ///< list of words (e.g. form names)
};

const char* to_string(value_kind k);

using param_value =
    std::variant<std::int64_t, decimal, date, std::string, bool, std::vector<std::int64_t>, std::vector<std::string>>;

/// A source a value is taken from (a regulation, a brochure, a seed document).
struct source {
    std::string id;
    std::string title;
    std::string reference;  ///< article, page or section
    std::string url;
};

/// One value of a parameter over an inclusive effective-date range; an open
/// end (nullopt) means "since always" or "until further notice".
struct param_version {
    std::optional<date> from;
    std::optional<date> to;
    param_value value;
    std::string source_id;
    confidence conf = confidence::high;
    std::string note;  ///< e.g. why it differs from docs/rules.md

    bool applies(date d) const { return (!from || *from <= d) && (!to || d <= *to); }
};

/// An inclusive range of a scalar value, each end optional. The bound has the
/// value's stored type: std::int64_t for integer, duration (minutes), money
/// (cents) and the items of an integer_list; decimal; date.
struct value_range {
    std::optional<param_value> min;
    std::optional<param_value> max;
};

/// What the values of a parameter may be, declared in the rulebook next to its
/// type and unit. The loader (documents, overlays, `with_value`) refuses any
/// value outside it with errc::rulebook naming the parameter, the values[i]
/// index and the value. These are guards that keep every rule's arithmetic
/// meaningful (a month is 1..12, a divisor is at least 1), not legal numbers.
struct constraints {
    value_range range;                 ///< "min"/"max": numbers, dates, every item of an integer_list
    std::optional<int> decimals;       ///< "decimals": most decimals of a decimal value
    std::vector<std::string> allowed;  ///< "allowed": the words a text or text_list may hold (empty: any)
    std::optional<std::int64_t> min_items, max_items;  ///< "min_items"/"max_items": length of a list
    std::vector<value_range> items;  ///< "items": integer_list of exactly this length, a range per position
    bool gaps = false;               ///< "gaps": may a date fall between two dated values?
};

class parameter {
public:
    std::string name;
    std::string description;
    value_kind kind = value_kind::integer;
    std::string unit;                     ///< display unit: "hours", "months", "EUR", "points", ...
    constraints limits;                   ///< what a value may be (checked on load)
    std::vector<param_version> versions;  ///< sorted by `from`, never overlapping

    /// The version in force on `d`, or nullptr. Newest first: the versions
    /// never overlap, so at most one applies, and most dates asked for are
    /// recent ones.
    const param_version* at(date d) const noexcept {
        for (auto v = versions.rbegin(); v != versions.rend(); ++v)
            if (v->applies(d)) return &*v;
        return nullptr;
    }
    /// The version in force on `d`; throws errc::rulebook naming the parameter and date.
    /// Inline (every rule reads through it, many times a decision); the throw is out of line.
    const param_version& require(date d) const {
        if (const auto* v = at(d)) [[likely]]
            return *v;
        throw_no_value_on(d);
    }
    /// Throws errc::rulebook: no value in force on `d` (require's failure).
    [[noreturn]] void throw_no_value_on(date d) const;

    /// Renders a value of this parameter as text, in its declared unit.
    std::string format(const param_value& v) const;

    /// Throws errc::rulebook if any value breaks `c` (this parameter's own
    /// `limits` by default), or if two values overlap, or if a gap lies between
    /// two values and `c` does not allow gaps. The message names
    /// `parameters["name"].values[i]` (i in date order) and the value.
    void check(const constraints& c) const;
    void check() const { check(limits); }
};

template <class T>
struct resolved;

/// Typed read of a parameter at a date: the value and the exact version used.
/// T is std::int64_t (integer, duration in minutes via `minutes`, money in
/// cents), decimal, date, std::string, bool, std::vector<std::int64_t> or
/// std::vector<std::string>. Throws errc::rulebook on a missing date or a kind
/// mismatch. This is the hot-path read: resolve the `parameter*` once (at engine
/// construction), then read per decision without any lookup by name.
template <class T>
resolved<T> read(const parameter& p, date d);

/// A reference to the exact value used in a decision, for its explanation.
struct param_use {
    const parameter* param = nullptr;
    const param_version* version = nullptr;
};

/// A value read from the rulebook together with where it came from.
template <class T>
struct resolved {
    T value{};
    param_use use;
};

namespace detail {
[[noreturn]] void throw_kind_mismatch(const parameter& p, const char* wanted);
template <class T>
constexpr bool kind_fits(value_kind k) {
    if constexpr (std::is_same_v<T, minutes>)
        return k == value_kind::duration;
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return k == value_kind::integer || k == value_kind::money || k == value_kind::duration;
    else if constexpr (std::is_same_v<T, decimal>)
        return k == value_kind::decimal;
    else if constexpr (std::is_same_v<T, date>)
        return k == value_kind::date;
    else if constexpr (std::is_same_v<T, std::string>)
        return k == value_kind::text;
    else if constexpr (std::is_same_v<T, bool>)
        return k == value_kind::boolean;
    else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>)
        return k == value_kind::integer_list;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        return k == value_kind::text_list;
    else
        return false;
}
template <class T>
constexpr const char* kind_name() {
    if constexpr (std::is_same_v<T, minutes>)
        return "duration";
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return "integer, money or duration";
    else if constexpr (std::is_same_v<T, decimal>)
        return "decimal";
    else if constexpr (std::is_same_v<T, date>)
        return "date";
    else if constexpr (std::is_same_v<T, std::string>)
        return "text";
    else if constexpr (std::is_same_v<T, bool>)
        return "boolean";
    else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>)
        return "integer_list";
    else
        return "text_list";
}
}  // namespace detail

template <class T>
resolved<T> read(const parameter& p, date d) {
    if (!detail::kind_fits<T>(p.kind)) detail::throw_kind_mismatch(p, detail::kind_name<T>());
    const param_version& v = p.require(d);
    if constexpr (std::is_same_v<T, minutes>) {
        return resolved<T>{minutes{std::get<std::int64_t>(v.value)}, param_use{&p, &v}};
    } else {
        return resolved<T>{std::get<T>(v.value), param_use{&p, &v}};
    }
}

/// Reads a list or text parameter by reference (no copy, so batch and reused
/// paths do not allocate), recording which version was used.
template <class T>
const T& ref(const parameter& p, date d, param_use& use) {
    if (!detail::kind_fits<T>(p.kind)) detail::throw_kind_mismatch(p, detail::kind_name<T>());
    const param_version& v = p.require(d);
    use = param_use{&p, &v};
    return std::get<T>(v.value);
}

/// An immutable set of parameters and sources. Build one with
/// `rulebook::builtin()`, `rulebook::from_json`, or by overlaying one on
/// another; share it (it is never modified after construction).
/// The one family of parameters whose names carry data (a joint committee's
/// number: account.be.sector.<pc>.…): an overlay may add members to it, and
/// the account rules check each name's shape. Any other parameter an overlay
/// names must exist in the rulebook it overlays.
inline constexpr std::string_view open_parameter_family = "account.be.sector.";

class rulebook {
public:
    rulebook() = default;

    /// The default rulebook embedded in the library at build time, parsed once.
    static std::shared_ptr<const rulebook> builtin();

    /// Parses a rulebook document (see schemas/rulebook.schema.json). `origin`
    /// names the document in error messages. Throws `error` (errc::parse or
    /// errc::rulebook) naming the parameter and field.
    static rulebook from_json(std::string_view json_text, std::string_view origin = "rulebook");

    /// A new rulebook: `base` with every parameter of `overlay` replacing the
    /// parameter of the same name over the dates the overlay's values span
    /// (from the earliest start to the latest end; the base's values stay in
    /// force outside it, as with_value does), its declaration narrowed, never
    /// widened; sources added. A parameter `base` lacks is refused, except in
    /// the open family (`open_parameter_family`).
    static rulebook overlaid(const rulebook& base, const rulebook& overlay);

    /// A new rulebook: `base` with one parameter set to `value_text` (parsed by
    /// the parameter's type) over [from, to]; versions outside stay, versions
    /// inside are cut. Source "user override", confidence as given.
    static rulebook with_value(const rulebook& base, std::string_view name, std::string_view value_text,
                               std::optional<date> from = std::nullopt, std::optional<date> to = std::nullopt);

    const std::string& name() const noexcept { return name_; }
    const std::string& version() const noexcept { return version_; }

    const parameter* find(std::string_view name) const noexcept {
        auto it = params_.find(name);
        return it == params_.end() ? nullptr : &it->second;
    }
    /// Throws errc::rulebook "missing parameter" if absent.
    const parameter& param(std::string_view name) const;
    /// The parameter `name`, checked to be of `kind`, for a domain's rules to
    /// resolve once; throws errc::rulebook naming the parameter (and `domain`).
    /// Its values are also checked against the constraints the default
    /// rulebook declares for the same name, so a whole replacement rulebook
    /// that declares none cannot hand the rules a value they were not built
    /// for (a zero divisor, a month 13).
    const parameter* require(std::string_view name, value_kind kind, std::string_view domain) const;
    /// Refuses (errc::rulebook) a parameter the default rulebook does not
    /// have, outside the open family, naming it and the nearest known name:
    /// a whole replacement rulebook with "pe.points.requird" would otherwise
    /// carry it unread (the engine checks this on construction).
    void refuse_unknown_parameters() const;
    const source* find_source(std::string_view id) const noexcept {
        auto it = sources_.find(id);
        return it == sources_.end() ? nullptr : &it->second;
    }
    const std::map<std::string, parameter, std::less<>>& parameters() const noexcept { return params_; }
    const std::map<std::string, source, std::less<>>& sources() const noexcept { return sources_; }

    /// Typed read by name (a map lookup; fine outside hot loops).
    template <class T>
    resolved<T> get(std::string_view name, date d) const {
        return read<T>(param(name), d);
    }

    /// Serialises the whole rulebook back to its JSON document form.
    std::string to_json() const;

private:
    friend struct rulebook_builder;
    std::string name_;
    std::string version_;
    std::map<std::string, source, std::less<>> sources_;
    std::map<std::string, parameter, std::less<>> params_;
};

}  // namespace edurules
