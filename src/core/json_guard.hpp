// Private: checks on JSON text before nlohmann parses it, shared by the
// rulebook parser and the request codecs, and a non-recursive way to quote a
// value in an error message.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "edurules/core/error.hpp"
#include "edurules/core/nearest.hpp"

namespace edurules::detail {

/// Deepest nesting of arrays and objects accepted. Real documents nest a
/// handful of levels; the limit keeps recursive code (error quoting, callers'
/// walks) far from the stack's end. Not a legal number: a resource bound.
inline constexpr std::size_t max_json_depth = 64;

/// A JSON number's value as (sign, significant digits without leading or
/// trailing zeros, power of ten of the first digit): equal for texts of the
/// same value ("1.50", "15e-1"). Zero has no digits.
struct number_value {
    bool negative = false;
    std::string digits;
    long exponent = 0;
    bool operator==(const number_value&) const = default;
};
inline number_value value_of_number(std::string_view t) {
    number_value v;
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) v.negative = t[i++] == '-';
    long point = 0;  // digits before the decimal point
    bool after_point = false;
    for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
        if (t[i] == '.') {
            after_point = true;
            continue;
        }
        if (v.digits.empty() && t[i] == '0') {  // a leading zero
            if (after_point) --point;
            continue;
        }
        v.digits += t[i];
        if (!after_point) ++point;
    }
    long e = 0;
    if (i < t.size()) {
        const char* first = t.data() + i + 1;
        if (first < t.data() + t.size() && *first == '+') ++first;
        // an exponent beyond a long (1e09223372036854775808) is as far beyond a double as one within it:
        // clamped, so that adding the digits' place cannot overflow
        constexpr long far = 1'000'000'000;
        if (std::from_chars(first, t.data() + t.size(), e).ec == std::errc::result_out_of_range)
            e = *first == '-' ? -far : far;
        e = std::clamp(e, -far, far);
    }
    while (!v.digits.empty() && v.digits.back() == '0') v.digits.pop_back();
    if (v.digits.empty()) return number_value{};  // zero, of either sign
    v.exponent = point + e - 1;
    return v;
}

/// Whether nlohmann reads the number token `t` exactly: whole numbers within
/// 64 bits are kept as integers; any other number becomes the nearest double,
/// which is exact when its shortest text has the token's value (0.1, 2.5,
/// 1e5), not when digits are lost (1.999999999999999999 reads as 2,
/// 18446744073709551617 as 18446744073709551616). Empty when exact, else the
/// double's shortest text (what the number would have been taken for).
inline std::string inexact_number(std::string_view t) {
    if (t.find_first_of(".eE") == std::string_view::npos) {
        std::uint64_t u = 0;
        const char* first = t.data() + (!t.empty() && t[0] == '-' ? 1 : 0);
        const auto r = std::from_chars(first, t.data() + t.size(), u);
        if (r.ec == std::errc() && (t[0] != '-' || u <= std::uint64_t{1} << 63)) return {};
    }
    double d = 0;
    const auto read = std::from_chars(t.data(), t.data() + t.size(), d);
    if (read.ptr != t.data() + t.size()) return {};   // not a number: nlohmann words it
    if (read.ec == std::errc::result_out_of_range) {  // beyond a double: 1e400 nlohmann refuses, 1e-400 it reads as 0
        const number_value v = value_of_number(t);
        return v.digits.empty() || v.exponent >= 0 ? std::string() : std::string("0");
    }
    if (read.ec != std::errc()) return {};
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    const std::string_view shortest(buf, static_cast<std::size_t>(r.ptr - buf));
    return value_of_number(shortest) == value_of_number(t) ? std::string() : std::string(shortest);
}

/// The first number of a JSON text that binary floating point cannot hold
/// exactly (inexact_number), found by check_json_text.
struct inexact_token {
    std::size_t ordinal = SIZE_MAX;  ///< how many number tokens come before it; SIZE_MAX: none
    std::size_t offset = 0;          ///< its first byte
    std::string text, taken;         ///< as written, and as the double it would be read as
    bool found() const noexcept { return ordinal != SIZE_MAX; }
    std::string message() const {
        return "the number " + text + " cannot be read exactly (as binary floating point it is " + taken +
               "): write it as text";
    }
};

/// Refuses a NUL byte (nlohmann would take it for the end of the input and
/// ignore the rest) and nesting deeper than max_json_depth, with the byte
/// offset. One linear pass that skips over strings. Returns the number of
/// object members the text spells (its colons outside strings). A number
/// with a fraction or an exponent that a double cannot hold exactly (every
/// value the engine reads is exact: it would be taken for another one
/// silently) is kept in `inexact` when given (parse_checked names its field),
/// else refused here. Whole numbers are left to the readers, which refuse
/// those beyond 64 bits by field.
inline std::size_t check_json_text(std::string_view text, std::string_view what, inexact_token* inexact = nullptr) {
    std::size_t depth = 0, members = 0, numbers = 0;
    inexact_token first_inexact;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0')
            throw error(errc::parse, std::string(what), "a NUL byte inside the JSON text", -1,
                        static_cast<std::int64_t>(i));
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max_json_depth)
                throw error(errc::parse, std::string(what),
                            "nested more than " + std::to_string(max_json_depth) + " levels deep", -1,
                            static_cast<std::int64_t>(i));
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        } else if (c == ':') {
            ++members;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t j = i + 1;
            while (j < text.size() && std::string_view("0123456789+-.eE").find(text[j]) != std::string_view::npos) ++j;
            const std::string_view token = text.substr(i, j - i);
            if (token.find_first_of(".eE") != std::string_view::npos && !first_inexact.found()) {
                if (std::string taken = inexact_number(token); !taken.empty()) {
                    first_inexact = inexact_token{numbers, i, std::string(token), std::move(taken)};
                    if (!inexact)
                        throw error(errc::parse, std::string(what), first_inexact.message(), -1,
                                    static_cast<std::int64_t>(i));
                }
            }
            ++numbers;
            i = j - 1;
        }
    }
    if (inexact) *inexact = std::move(first_inexact);
    return members;
}

/// The members of every object in `j` (nesting is bounded by max_json_depth).
inline std::size_t count_members(const nlohmann::json& j) {
    std::size_t n = j.is_object() ? j.size() : 0;
    if (j.is_structured())
        for (const auto& v : j) n += count_members(v);
    return n;
}

/// The field name of member `key` of the object at `base`: `base.key`, or
/// `base["key"]` when the name would not read back as one member (empty, or
/// holding `.`, `[`, `]`, `"`, `\` or a control character), so that every
/// error names a field and never the object that holds it (an empty member
/// name gave "dossier.", or no field at all at the top).
inline std::string member_field(std::string_view base, std::string_view key) {
    const bool plain = !key.empty() && std::none_of(key.begin(), key.end(), [](char c) {
        return c == '.' || c == '[' || c == ']' || c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    std::string f(base);
    if (plain) return f.append(f.empty() ? "" : ".").append(key);
    f += "[\"";
    for (const char c : key) {
        if (c == '"' || c == '\\') {
            f += '\\';
            f += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            f.append("\\u00").append(1, hex[(c >> 4) & 0xf]).append(1, hex[c & 0xf]);
        } else {
            f += c;
        }
    }
    return f += "\"]";
}

/// A parse callback that refuses a member name given twice in one object:
/// nlohmann would keep the last value silently (and the fast request reader
/// declines such a request to the document reader, which lands here). The
/// text is valid JSON, so the error is the document's (`code`:
/// errc::invalid_input for requests and dossiers, errc::rulebook for a
/// rulebook), naming the member by its path, e.g. `dossier.participants[0].seu_number`.
class unique_members {
public:
    explicit unique_members(errc code) : code_(code) {}
    /// Also refuses the number `n` of the document (check_json_text's ordinal) as `code`, naming its field.
    unique_members(errc code, const inexact_token* number) : code_(code), number_(number) {}

    bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        switch (event) {
            case E::object_start:
            case E::array_start:
                stack_.push_back(frame{event == E::object_start, {}, 0});
                break;
            case E::key: {
                auto& names = stack_.back().names;
                const auto& name = parsed.get_ref<const std::string&>();
                if (std::find(names.begin(), names.end(), name) != names.end())
                    throw error(code_, path(name),
                                "member given twice in one object (which one counts would be a guess)");
                names.push_back(name);
                break;
            }
            case E::object_end:
            case E::array_end:
                stack_.pop_back();
                next();
                break;
            case E::value:
                if (number_ && parsed.is_number() && numbers_++ == number_->ordinal)
                    throw error(code_, reading(), number_->message(), -1, static_cast<std::int64_t>(number_->offset));
                next();
                break;
        }
        return true;
    }

    /// The path of the value being read when the parse stopped (a number
    /// beyond a double stops it before the value's event): the last member
    /// name of each open object, the index of each open array.
    std::string reading() const {
        std::string p;
        for (const frame& f : stack_) {
            if (!f.object)
                p += "[" + std::to_string(f.index) + "]";
            else if (!f.names.empty())
                p = member_field(p, f.names.back());
        }
        return p;
    }

private:
    struct frame {
        bool object;
        std::vector<std::string> names;  ///< an object's member names so far (the last: the one being read)
        std::size_t index;               ///< an array's element being read
    };
    void next() {
        if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
    }
    /// The path of member `name` of the innermost object.
    std::string path(const std::string& name) const {
        std::string p;
        for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
            if (!stack_[i].object)
                p += "[" + std::to_string(stack_[i].index) + "]";
            else if (!stack_[i].names.empty())
                p = member_field(p, stack_[i].names.back());
        }
        return member_field(p, name);
    }
    errc code_;
    const inexact_token* number_ = nullptr;
    std::size_t numbers_ = 0;   ///< number values read so far
    std::vector<frame> stack_;  ///< the open objects and arrays, outermost first
};

/// Parses JSON text after check_json_text; every nlohmann failure (syntax,
/// invalid UTF-8, a number beyond a double) becomes errc::parse with a byte
/// offset; a member given twice in one object is refused with `duplicate`:
/// when the document holds fewer members than the text spells, the text is
/// parsed again with unique_members, which names the member.
inline nlohmann::json parse_checked(std::string_view text, std::string_view what,
                                    errc duplicate = errc::invalid_input) {
    inexact_token inexact;
    const std::size_t members = check_json_text(text, what, &inexact);
    try {
        nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end());
        if (inexact.found()) {  // read again, tracking the path, to name the number's field
            try {
                unique_members at(duplicate, &inexact);
                const nlohmann::json again = nlohmann::json::parse(text.begin(), text.end(), std::ref(at));
                static_cast<void>(again);  // `at` throws at the number (or at a member given twice before it)
            } catch (const error& e) {     // a number that is the whole document has no path: the document's name
                if (!e.field().empty()) throw;
                throw error(e.code(), std::string(what), e.message(), e.record(), e.offset());
            }
            // not reached (the n-th number value is the n-th number token); never read the number silently
            throw error(duplicate, std::string(what), inexact.message(), -1, static_cast<std::int64_t>(inexact.offset));
        }
        if (count_members(doc) != members) {
            unique_members once(duplicate);
            const nlohmann::json again = nlohmann::json::parse(text.begin(), text.end(), std::ref(once));
            static_cast<void>(again);  // `once` throws, naming the member
        }
        return doc;
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann counts the bytes read, the bad one included; an error's
        // offset is the bad byte's own (from 0), as the fast reader's and
        // the C ABI's UTF-8 check give it
        throw error(errc::parse, std::string(what), std::string("malformed JSON: ") + e.what(), -1,
                    static_cast<std::int64_t>(e.byte > 0 ? e.byte - 1 : 0));
    } catch (const nlohmann::json::exception& e) {
        // nlohmann reports a number beyond a double (1e400) with no position:
        // read the text again, tracking where the reader is, to name the field
        unique_members at(errc::parse);
        std::string field;
        try {
            const nlohmann::json again = nlohmann::json::parse(text.begin(), text.end(), std::ref(at));
            static_cast<void>(again);  // not reached: the first parse threw on this text
        } catch (const nlohmann::json::exception&) {
            field = at.reading();
        } catch (const error&) {  // not reached: the text has no member twice (the first parse would have said)
        }
        throw error(errc::parse, field.empty() ? std::string(what) : field,
                    std::string("unreadable JSON: ") + e.what());
    }
}

/// A short quote of a value for an error message: scalars as JSON text,
/// containers by their kind and size (never walked, so never deep).
inline std::string quote_value(const nlohmann::json& j) {
    if (j.is_array()) return "a list of " + std::to_string(j.size()) + " item(s)";
    if (j.is_object()) return "an object with " + std::to_string(j.size()) + " member(s)";
    std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

/// Refuses a member of `obj` that is not in `known`, as errc `code` at
/// `field`.<member> (core/nearest.hpp's unknown_member says why).
inline void check_members(const nlohmann::json& obj, std::initializer_list<std::string_view> known,
                          const std::string& field, errc code) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string& key = it.key();
        if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
            throw error(code, member_field(field, key), unknown_member(key, known));
    }
}

}  // namespace edurules::detail
