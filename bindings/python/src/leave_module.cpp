// The leave frames of the Python package: DataFrame columns (numpy arrays,
// pandas Categoricals as (codes, categories)) become the v2 facts columns of
// leave::leave_facts_batch, converted here in C++: datetime64 and ISO text to
// epoch days, text to codes into a name table, "HH:MM" to minutes, names of
// codes to codes, hours to minutes. Arrays that already have the column's
// type are viewed, not copied. The batch runs with the GIL released, over
// worker ranges split across threads. Decides nothing: cells that cannot be
// read are reported (column, row, what) and their worker is refused.
#include "leave_module.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "edurules/core/huge_pages.hpp"
#include "edurules/core/nearest.hpp"
#include "edurules/leave/columns.hpp"
#include "frame_kernels.hpp"
#include "number_cells.hpp"

namespace py = pybind11;
using namespace edurules;
using namespace pybind11::literals;

namespace {

namespace lv = edurules::leave;
using python::floor_day;
using python::units_per_day;
using python::with_units_per_day;

/// A cell that could not be read: its table, column, row (in the order the
/// package passed the rows) and what is wrong.
struct bad_cell {
    std::string column;
    std::int64_t row;
    std::string what;
};

/// Owns what the converted columns point at, and the cells found bad.
struct converter {
    py::dict cols;
    std::vector<bad_cell> bad;
    std::deque<detail::big_vector<std::int64_t>> i64;  // columns of millions of rows: on huge pages
    std::deque<detail::big_vector<std::int32_t>> i32;
    std::deque<detail::big_vector<std::uint8_t>> u8;
    std::deque<std::vector<std::string>> texts;
    std::deque<std::vector<std::string_view>> views;
    std::vector<py::object> kept;  ///< arrays viewed in place

    py::object get(const char* name) const {
        return cols.contains(name) ? py::reinterpret_borrow<py::object>(cols[name]) : py::none();
    }
    void flag(const char* col, std::size_t row, std::string what) {
        bad.push_back({col, static_cast<std::int64_t>(row), std::move(what)});
    }
    /// Which of the `n` rows of column `col` were flagged by bad[from] on (a
    /// bad cell is reported once: the later checks of a column skip them).
    std::vector<bool> flagged(std::string_view col, std::size_t n, std::size_t from = 0) const {
        std::vector<bool> out(n);
        for (std::size_t k = from; k < bad.size(); ++k)
            if (bad[k].column == col && bad[k].row >= 0 && static_cast<std::size_t>(bad[k].row) < n)
                out[static_cast<std::size_t>(bad[k].row)] = true;
        return out;
    }
};

std::string show(py::handle v) {
    std::string s = py::repr(v).cast<std::string>();
    return s.size() <= 60 ? s : s.substr(0, 57) + "...";
}
bool is_missing(py::handle v) {
    if (v.is_none()) return true;
    if (PyFloat_Check(v.ptr())) return std::isnan(PyFloat_AsDouble(v.ptr()));
    if (PyUnicode_Check(v.ptr()) || PyLong_Check(v.ptr())) return false;
    const std::string_view type = Py_TYPE(v.ptr())->tp_name;
    return type == "NaTType" || type == "NAType";  // pandas.NaT, pandas.NA
}
char kind_of(const py::array& a) { return a.dtype().kind(); }
/// The UTF-8 text of a str cell, viewed in place (the cell outlives the
/// call); nullopt for a str that has none (a lone surrogate, "S1\ud800").
std::optional<std::string_view> text_if(py::handle v) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(v.ptr(), &n);
    if (!p) {
        PyErr_Clear();
        return std::nullopt;
    }
    return std::string_view{p, static_cast<std::size_t>(n)};
}
/// text_if, with a str without UTF-8 text read as "\xff" (no valid UTF-8
/// text is that byte): a date, clock time or school year it cannot be.
std::string_view text_of(py::handle v) { return text_if(v).value_or("\xff"); }
py::array as_array(const py::object& o, const char* col) {
    if (py::isinstance<py::tuple>(o)) {  // a Categorical (codes, categories): its cells as objects, None if missing
        const py::tuple t = o.cast<py::tuple>();
        const py::module_ np = py::module_::import("numpy");
        const py::object cats = np.attr("asarray")(t[1], "dtype"_a = "object");
        const py::object none = np.attr("array")(py::make_tuple(py::none()), "dtype"_a = "object");
        return as_array(np.attr("concatenate")(py::make_tuple(cats, none)).attr("take")(t[0]), col);  // -1: the None
    }
    py::array a = py::array::ensure(o);
    if (!a || a.ndim() != 1) throw error(errc::invalid_argument, col, "expected a one-dimensional column");
    return a;
}

// ---- integers ---------------------------------------------------------------

/// What a whole-number column holds, for its scale and for the words of its
/// refusals (as the JSON reader words them: json_util.cpp, leave_json.cpp).
enum class quantity {
    code,     ///< a code, a clock time or a year given as a number (ranges checked by the caller)
    count,    ///< credits, exams, competences: 0..max_count
    minutes,  ///< a duration in whole minutes: 0..max_minutes
    hours,    ///< a duration in hours (exact decimals): whole minutes, 0..max_minutes
    money,    ///< an amount in EUR (exact decimals): whole cents, 0..max_minutes
};
constexpr std::int64_t scale_of(quantity q) {
    return q == quantity::hours ? minutes_per_hour : q == quantity::money ? 100 : 1;
}

/// A number as short as it reads (-1, 19.5, 3000.005), for messages.
std::string show_number(double x) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return r.ec == std::errc() ? std::string(buf, r.ptr) : std::to_string(x);
}

const char* const amount_expected = "expected a non-negative amount with at most 2 decimals";

/// Why a value is refused: negative, too large, or not a whole number of the
/// column's unit, worded as the JSON path words it.
std::string negative(quantity q, const std::string& shown) {
    switch (q) {
        case quantity::minutes:
            return "a duration cannot be negative: " + shown;
        case quantity::hours:
            return "a number of hours cannot be negative: " + shown;
        case quantity::money:
            return std::string(amount_expected) + ", got " + shown;
        default:
            return "cannot be negative: " + shown;
    }
}
std::string too_large(quantity q, const std::string& shown) {
    if (q == quantity::hours) return "number of hours too large: " + shown;
    if (q == quantity::money) return std::string(amount_expected) + ", got " + shown + " (too large)";
    return "too large: " + shown;
}
std::string not_whole(quantity q, const std::string& shown) {
    if (q == quantity::hours) return "hours must be a whole number of minutes: " + shown;
    if (q == quantity::money) return std::string(amount_expected) + ", got " + shown;
    return "expected a whole number, got " + shown;
}
/// The largest value a quantity may take (leave/facts.hpp's bounds).
constexpr std::int64_t bound_of(quantity q) {
    return q == quantity::code ? INT64_MAX : q == quantity::count ? lv::max_count : lv::max_minutes;
}
/// Whether a converted value is within the quantity's bounds (codes: any).
constexpr bool in_bounds(quantity q, std::int64_t v) { return q == quantity::code || (v >= 0 && v <= bound_of(q)); }
/// Why a value out of bounds is refused (`shown`: the value as given).
std::string out_of_bounds(quantity q, std::int64_t v, const std::string& shown) {
    return v < 0 ? negative(q, shown) : too_large(q, shown);
}

/// `x * scale` in `out`, or false when it does not fit 64 bits.
bool scaled(std::int64_t x, std::int64_t scale, std::int64_t& out) { return !__builtin_mul_overflow(x, scale, &out); }

/// A whole-number column of a numpy integer dtype in the quantity's unit
/// (uint64 above INT64_MAX, products that do not fit 64 bits and values out
/// of the quantity's bounds are bad cells).
void whole_numbers(converter& cv, const char* col, const py::array& a, quantity q, std::int64_t missing,
                   std::span<std::int64_t> out) {
    const std::size_t n = out.size();
    const std::int64_t scale = scale_of(q);
    if (kind_of(a) == 'u') {
        auto v = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(a);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t x = v.data()[i];
            if (x > static_cast<std::uint64_t>(INT64_MAX) || !scaled(static_cast<std::int64_t>(x), scale, out[i])) {
                cv.flag(col, i, too_large(q, std::to_string(x)));
                out[i] = missing;
            } else if (!in_bounds(q, out[i])) {
                cv.flag(col, i, out_of_bounds(q, out[i], std::to_string(x)));
                out[i] = missing;
            }
        }
        return;
    }
    auto v = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t x = v.data()[i];
        if (!scaled(x, scale, out[i])) {
            cv.flag(col, i, x < 0 ? negative(q, std::to_string(x)) : too_large(q, std::to_string(x)));
            out[i] = missing;
        } else if (!in_bounds(q, out[i])) {
            cv.flag(col, i, out_of_bounds(q, out[i], std::to_string(x)));
            out[i] = missing;
        }
    }
}

/// Decimal text ("38", "19.5", "3000.50") in the quantity's unit, read
/// exactly as the JSON path reads decimals (never through a float): hours
/// and money only; minutes, counts and codes are whole numbers, and the
/// JSON path refuses text for them.
bool whole_text(std::string_view text, const std::string& shown, quantity q, std::int64_t& out, std::string& why) {
    const auto d = q == quantity::hours || q == quantity::money ? decimal::parse(text) : std::nullopt;
    if (!d) {
        why = q == quantity::hours || q == quantity::money ? "expected a decimal number, got " + shown
                                                           : "expected a whole number, got " + shown;
        return false;
    }
    if (d->is_negative()) {
        why = negative(q, shown);
        return false;
    }
    const detail::i128 num = static_cast<detail::i128>(d->mantissa) * scale_of(q);
    if (num % d->denominator() != 0) {
        why = not_whole(q, shown);
        return false;
    }
    const detail::i128 v = num / d->denominator();
    if (v > static_cast<detail::i128>(bound_of(q))) {
        why = too_large(q, shown);
        return false;
    }
    out = static_cast<std::int64_t>(v);
    return true;
}

/// One number cell of a float column in the quantity's unit: a whole number
/// of it by near_units (number_cells.hpp, the PE and account frames' rule: 19.5
/// hours is 1170 minutes, 19.50000000005 hours and 1e-300 minutes are not
/// whole); false when bad, with why in `why`.
bool whole_double(double given, quantity q, std::int64_t& out, std::string& why) {
    const double x = given * static_cast<double>(scale_of(q));
    if (std::isfinite(x) && x < 0 && q != quantity::code) {
        why = negative(q, show_number(given));
        return false;
    }
    if (std::isfinite(x) && std::fabs(x) > 1e15) {  // beyond any duration (leave::max_minutes is 2^40)
        why = too_large(q, show_number(given));
        return false;
    }
    double units = 0;
    if (!std::isfinite(x) || !python::near_units(given, static_cast<double>(scale_of(q)), units)) {
        why = not_whole(q, show_number(given));
        return false;
    }
    out = static_cast<std::int64_t>(units);
    if (in_bounds(q, out)) return true;
    why = out_of_bounds(q, out, show_number(given));
    return false;
}

/// One float32 cell in the quantity's unit: the shortest decimal that reads
/// back as it (number_cells.hpp's float32_text, the PE and account frames'
/// rule) read exactly, as the JSON path reads a decimal: np.float32(24.1)
/// hours is 1446 minutes (as 24.1 and "24.1" are), np.float32(24.01) hours
/// is no whole number of minutes; false when bad, with why in `why`.
bool whole_float32(float given, quantity q, std::int64_t& out, std::string& why) {
    std::array<char, 64> buf;
    const std::string shown = std::isfinite(given) ? std::string(python::float32_text(given, buf)) : show_number(given);
    const double x = static_cast<double>(given) * static_cast<double>(scale_of(q));
    if (std::isfinite(x) && x < 0 && q != quantity::code) {
        why = negative(q, shown);
        return false;
    }
    if (std::isfinite(x) && std::fabs(x) > 1e15) {  // as whole_double
        why = too_large(q, shown);
        return false;
    }
    const auto d = std::isfinite(x) ? decimal::parse(shown) : std::nullopt;  // more than 9 decimals: no whole unit
    const detail::i128 num = d ? static_cast<detail::i128>(d->mantissa) * scale_of(q) : 0;
    if (!d || num % d->denominator() != 0) {
        why = not_whole(q, shown);
        return false;
    }
    out = static_cast<std::int64_t>(num / d->denominator());
    if (in_bounds(q, out)) return true;
    why = out_of_bounds(q, out, shown);
    return false;
}

/// One cell of an object column in the quantity's unit (a Python int of any
/// size, a float that is a whole number once scaled, a numpy float32 at its
/// own precision, or decimal text for hours and money); false when bad, with
/// why in `why`.
bool whole_object(py::handle v, quantity q, std::int64_t& out, std::string& why) {
    if (PyBool_Check(v.ptr())) {  // True is not one hour (the JSON path refuses booleans too)
        why = "expected a number, got " + show(v);
        return false;
    }
    if (PyLong_Check(v.ptr())) {
        int overflow = 0;
        const long long x = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
        if (overflow == 0 && scaled(x, scale_of(q), out)) {
            if (in_bounds(q, out)) return true;
            why = out_of_bounds(q, out, show(v));
            return false;
        }
        why = overflow < 0 || (overflow == 0 && x < 0) ? negative(q, show(v)) : too_large(q, show(v));
        return false;
    }
    if (PyFloat_Check(v.ptr())) return whole_double(PyFloat_AsDouble(v.ptr()), q, out, why);
    if (std::string_view(Py_TYPE(v.ptr())->tp_name) == "numpy.float32")  // its value widens exactly
        return whole_float32(static_cast<float>(v.cast<double>()), q, out, why);
    if (PyUnicode_Check(v.ptr())) return whole_text(text_of(v), show(v), q, out, why);
    why = "expected a number, got " + show(v);
    return false;
}

/// A whole-number column in the quantity's unit (minutes for hours, cents
/// for EUR) as int64; missing cells become `missing` (or are bad when
/// `missing_ok` is false). A bool column is refused (True is not one hour),
/// as is a cell that is negative, beyond the quantity's bound or does not
/// fit 64 bits once scaled (the JSON path's "number of hours too large").
std::span<const std::int64_t> integers(converter& cv, const char* col, std::size_t n, quantity q, bool missing_ok,
                                       std::int64_t missing) {
    const py::array a = as_array(cv.get(col), col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    const char k = kind_of(a);
    if (k == 'i' && scale_of(q) == 1) {
        auto v = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
        cv.kept.push_back(v);
        for (std::size_t i = 0; i < n; ++i)  // viewed in place: only the bad cells are reported
            if (!in_bounds(q, v.data()[i])) cv.flag(col, i, out_of_bounds(q, v.data()[i], std::to_string(v.data()[i])));
        return {v.data(), n};
    }
    auto& out = cv.i64.emplace_back(n);
    if (k == 'i' || k == 'u') {
        whole_numbers(cv, col, a, q, missing, out);
    } else if (k == 'f') {
        // float32 at its own precision (whole_float32), any other float as float64 (whole_double)
        const auto read = [&](const auto& v, auto whole) {
            std::string why;
            for (std::size_t i = 0; i < n; ++i) {
                if (std::isnan(v.data()[i])) {
                    if (!missing_ok) cv.flag(col, i, "missing");
                    out[i] = missing;
                } else if (!whole(v.data()[i], q, out[i], why)) {
                    cv.flag(col, i, why);
                    out[i] = missing;
                }
            }
        };
        if (py::isinstance<py::array_t<float>>(a))
            read(py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(a), whole_float32);
        else
            read(py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a), whole_double);
    } else if (k == 'O' || k == 'U') {
        const py::array obj = k == 'O' ? a : py::array(a.attr("astype")("object"));
        auto cells = obj.unchecked<py::object>();
        std::string why;
        for (std::size_t i = 0; i < n; ++i) {
            const py::handle v = cells(static_cast<py::ssize_t>(i));
            if (is_missing(v)) {
                if (!missing_ok) cv.flag(col, i, "missing");
                out[i] = missing;
            } else if (!whole_object(v, q, out[i], why)) {
                cv.flag(col, i, why);
                out[i] = missing;
            }
        }
    } else {
        throw error(errc::invalid_argument, col,
                    std::string("expected numbers, got dtype ") + py::str(a.dtype()).cast<std::string>());
    }
    return out;
}

/// A column given as `<base>_minutes` or `<base>_hours`, or absent; `given`
/// (when asked for) is set to the name of the column read.
std::span<const std::int64_t> duration(converter& cv, const std::string& base, std::size_t n, bool missing_ok,
                                       std::int64_t missing, std::string* given = nullptr) {
    const std::string m = base + "_minutes", h = base + "_hours";
    for (const auto& [name, q] : {std::pair{&m, quantity::minutes}, std::pair{&h, quantity::hours}})
        if (cv.cols.contains(name->c_str())) {
            if (given) *given = *name;
            return integers(cv, name->c_str(), n, q, missing_ok, missing);
        }
    return {};
}

std::span<const std::int32_t> narrow(converter& cv, const char* col, std::span<const std::int64_t> v, std::int64_t lo,
                                     std::int64_t hi) {
    auto& out = cv.i32.emplace_back(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] < lo || v[i] > hi) cv.flag(col, i, "out of range: " + std::to_string(v[i]));
        out[i] = static_cast<std::int32_t>(std::clamp(v[i], lo, hi));
    }
    return out;
}

// ---- dates ------------------------------------------------------------------

// Dates accepted in frames: those a pandas datetime64[ns] column can hold back.
const std::int32_t first_frame_day = to_epoch_day(date(1900, 1, 1));
const std::int32_t last_frame_day = to_epoch_day(date(2200, 12, 31));

std::int64_t day_of_object(py::handle v, bool& ok) {
    ok = true;
    if (PyUnicode_Check(v.ptr())) {
        const auto d = parse_iso_date(text_of(v));
        if (!d) ok = false;
        return d ? to_epoch_day(*d) : 0;
    }
    if (py::hasattr(v, "toordinal")) {
        constexpr std::int64_t ordinal_of_epoch = 719163;  // date(1970, 1, 1).toordinal()
        return v.attr("toordinal")().cast<std::int64_t>() - ordinal_of_epoch;
    }
    ok = false;
    return 0;
}

/// A date column as epoch days, no_day where missing (bad when required).
std::span<const std::int32_t> days(converter& cv, const char* col, std::size_t n, bool required) {
    const py::object o = cv.get(col);
    if (o.is_none()) {
        if (required && n > 0) throw error(errc::invalid_argument, col, "missing column");
        return {};
    }
    const py::array a = as_array(o, col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    auto& out = cv.i32.emplace_back(n, no_day);
    const char k = kind_of(a);
    auto put = [&](std::size_t i, std::int64_t d) {
        if (d < first_frame_day || d > last_frame_day)
            cv.flag(col, i, "outside the supported range 1900-01-01..2200-12-31");
        else
            out[i] = static_cast<std::int32_t>(d);
    };
    if (k == 'M') {
        const std::int64_t per = units_per_day(a, col);
        auto v = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a.attr("view")("int64"));
        with_units_per_day(per, [&](auto unit) {  // a division by a constant: no divide instruction per row
            for (std::size_t i = 0; i < n; ++i) {
                const std::int64_t x = v.data()[i];
                if (x == INT64_MIN) continue;  // NaT
                put(i, floor_day<decltype(unit)::value>(x));
            }
        });
    } else if (k == 'u') {  // uint64 above INT64_MAX must not wrap to a day before 1970
        auto v = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(a);
        for (std::size_t i = 0; i < n; ++i)
            put(i, static_cast<std::int64_t>(std::min<std::uint64_t>(v.data()[i], INT64_MAX)));
    } else if (k == 'i') {
        auto v = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
        for (std::size_t i = 0; i < n; ++i)
            if (v.data()[i] != no_day) put(i, v.data()[i]);
    } else if (k == 'O') {
        auto obj = a.unchecked<py::object>();
        for (std::size_t i = 0; i < n; ++i) {
            const py::handle v = obj(static_cast<py::ssize_t>(i));
            if (is_missing(v)) continue;
            bool ok = false;
            const std::int64_t d = day_of_object(v, ok);
            if (ok)
                put(i, d);
            else
                cv.flag(col, i, "not a date: " + show(v) + " (expected YYYY-MM-DD)");
        }
    } else {
        throw error(errc::invalid_argument, col,
                    "expected dates (datetime64, datetime.date or 'YYYY-MM-DD' text), got dtype " +
                        py::str(a.dtype()).cast<std::string>());
    }
    if (required)
        for (std::size_t i = 0; i < n; ++i)
            if (out[i] == no_day && std::none_of(cv.bad.begin(), cv.bad.end(), [&](const bad_cell& b) {
                    return b.column == col && b.row == static_cast<std::int64_t>(i);
                }))
                cv.flag(col, i, "missing date");
    return out;
}

// ---- texts, names of codes, flags -------------------------------------------

/// Text cells as (codes, names): a Categorical is passed as (codes, categories).
struct text_cells {
    std::span<const std::int32_t> codes;
    std::vector<std::string>* names = nullptr;
};

text_cells texts(converter& cv, const char* col, std::size_t n) {
    const py::object o = cv.get(col);
    if (o.is_none()) return {};
    auto& names = cv.texts.emplace_back();
    if (py::isinstance<py::tuple>(o)) {  // a Categorical: codes and categories
        const py::tuple t = o.cast<py::tuple>();
        auto codes = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(t[0]);
        if (!codes || static_cast<std::size_t>(codes.size()) != n)
            throw error(errc::invalid_argument, col, "categorical codes length differs from its frame");
        cv.kept.push_back(codes);
        for (const py::handle c : t[1].cast<py::sequence>()) {
            if (!PyUnicode_Check(c.ptr()))
                throw error(errc::invalid_argument, col, "categories must be text, got " + show(c));
            names.push_back(c.cast<std::string>());
        }
        return {{codes.data(), n}, &names};
    }
    const py::array a = as_array(o, col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    if (kind_of(a) != 'O' && kind_of(a) != 'U')
        throw error(errc::invalid_argument, col, "expected text, got dtype " + py::str(a.dtype()).cast<std::string>());
    const py::array obj = kind_of(a) == 'O' ? a : py::array(a.attr("astype")("object"));
    auto cells = obj.unchecked<py::object>();
    auto& out = cv.i32.emplace_back(n, -1);
    std::unordered_map<std::string_view, std::int32_t> index;  // views of the cells: no copy per row
    for (std::size_t i = 0; i < n; ++i) {
        const py::handle v = cells(static_cast<py::ssize_t>(i));
        if (is_missing(v)) continue;
        const auto text = PyUnicode_Check(v.ptr()) ? text_if(v) : std::nullopt;
        if (!text) {
            cv.flag(
                col, i,
                (PyUnicode_Check(v.ptr()) ? "not UTF-8 text (a lone surrogate): " : "expected text, got ") + show(v));
            continue;
        }
        auto [it, added] = index.emplace(*text, static_cast<std::int32_t>(names.size()));
        if (added) names.emplace_back(it->first);
        out[i] = it->second;
    }
    return {out, &names};
}

lv::text_column text_column(converter& cv, const char* col, std::size_t n) {
    const text_cells t = texts(cv, col, n);
    if (!t.names) return {};
    auto& v = cv.views.emplace_back(t.names->begin(), t.names->end());
    return {t.codes, v};
}

/// A code column given by names (text or Categorical) or by its codes:
/// `names[i]` is code `first + i`; missing cells take `def`, or are bad
/// when the column is `required` (never read as the default).
std::span<const std::uint8_t> codes(converter& cv, const char* col, std::size_t n,
                                    const std::vector<std::string_view>& names, int first, std::uint8_t def,
                                    bool required = false) {
    const py::object o = cv.get(col);
    if (o.is_none()) return {};
    auto& out = cv.u8.emplace_back(n, def);
    if (!py::isinstance<py::tuple>(o)) {
        const py::array a = as_array(o, col);
        if (kind_of(a) == 'i' || kind_of(a) == 'u') {
            const auto v = integers(cv, col, n, quantity::code, false, 0);
            for (std::size_t i = 0; i < n; ++i) {
                if (v[i] < first || v[i] >= first + static_cast<std::int64_t>(names.size()))
                    cv.flag(col, i, "unknown code " + std::to_string(v[i]));
                else
                    out[i] = static_cast<std::uint8_t>(v[i]);
            }
            return out;
        }
    }
    const std::size_t before = cv.bad.size();
    const text_cells t = texts(cv, col, n);
    const std::vector<bool> unreadable = required ? cv.flagged(col, n, before) : std::vector<bool>();  // by texts()
    std::vector<int> map(t.names->size(), -1);
    for (std::size_t k = 0; k < t.names->size(); ++k)
        for (std::size_t j = 0; j < names.size(); ++j)
            if ((*t.names)[k] == names[j]) map[k] = first + static_cast<int>(j);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t c = t.codes[i];
        if (c < 0) {  // missing, or unreadable (flagged by texts())
            if (required && !unreadable[i]) cv.flag(col, i, "missing");
            continue;
        }
        if (static_cast<std::size_t>(c) >= map.size() || map[static_cast<std::size_t>(c)] < 0) {
            const std::string value =
                static_cast<std::size_t>(c) < map.size() ? (*t.names)[static_cast<std::size_t>(c)] : std::string("?");
            cv.flag(col, i, "unknown value '" + value + "'" + edurules::one_of(value, names));
        } else
            out[i] = static_cast<std::uint8_t>(map[static_cast<std::size_t>(c)]);
    }
    return out;
}

/// A yes/no column as 0/1 (missing cells take `def`).
std::span<const std::uint8_t> flags(converter& cv, const char* col, std::size_t n, std::uint8_t def) {
    const py::object o = cv.get(col);
    if (o.is_none()) return {};
    const py::array a = as_array(o, col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    auto& out = cv.u8.emplace_back(n, def);
    const char k = kind_of(a);
    if (k == 'b' || k == 'i' || k == 'u' || k == 'f') {
        auto v = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
        for (std::size_t i = 0; i < n; ++i) {
            const double x = v.data()[i];
            if (std::isnan(x)) continue;
            if (x == 0 || x == 1)
                out[i] = static_cast<std::uint8_t>(x);
            else
                cv.flag(col, i, "expected true or false, got " + show_number(x));
        }
    } else if (k == 'O') {
        auto cells = a.unchecked<py::object>();
        for (std::size_t i = 0; i < n; ++i) {
            const py::handle v = cells(static_cast<py::ssize_t>(i));
            if (is_missing(v)) continue;
            if (v.ptr() == Py_True || v.ptr() == Py_False)
                out[i] = v.ptr() == Py_True;
            else
                cv.flag(col, i, "expected true or false, got " + show(v));
        }
    } else {
        throw error(errc::invalid_argument, col,
                    "expected true/false, got dtype " + py::str(a.dtype()).cast<std::string>());
    }
    return out;
}

/// "HH:MM" (or H:MM, 24:00) text or whole minutes after midnight.
std::span<const std::int32_t> clock(converter& cv, const char* col, std::size_t n) {
    const py::array a = as_array(cv.get(col), col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    if (kind_of(a) != 'O' && kind_of(a) != 'U')
        return narrow(cv, col, integers(cv, col, n, quantity::code, false, 0), 0, lv::minutes_per_day);
    const py::array obj = kind_of(a) == 'O' ? a : py::array(a.attr("astype")("object"));
    auto cells = obj.unchecked<py::object>();
    auto& out = cv.i32.emplace_back(n, 0);
    PyObject* before = nullptr;  // the last cell read well: a lesson's times repeat the one before's
    for (std::size_t i = 0; i < n; ++i) {
        const py::handle v = cells(static_cast<py::ssize_t>(i));
        if (v.ptr() == before) {
            out[i] = out[i - 1];
            continue;
        }
        char s[5] = {};  // HH:MM, or H:MM with a leading 0 added
        const std::string_view t = PyUnicode_Check(v.ptr()) ? text_of(v) : std::string_view();
        const std::size_t size = t.size() == 4 ? 5 : t.size();
        if (t.size() == 4) s[0] = '0';
        if (size == 5) t.copy(s + (t.size() == 4 ? 1 : 0), t.size());
        const auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
        const bool shaped = size == 5 && s[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
        const int h = shaped ? (s[0] - '0') * 10 + (s[1] - '0') : 0, m = shaped ? (s[3] - '0') * 10 + (s[4] - '0') : 0;
        if (shaped && ((h < 24 && m < 60) || (h == 24 && m == 0))) {
            out[i] = h * 60 + m;
            before = v.ptr();
        } else {
            cv.flag(col, i, is_missing(v) ? std::string("missing") : "not a clock time (HH:MM): " + show(v));
            before = nullptr;  // every bad cell is flagged
        }
    }
    return out;
}

/// The school year of each worker (its start year), as text or a number. A
/// worker without trainings needs none: it gives no row, and the JSON path
/// evaluates it in any year without a word (its missing cell is left 0,
/// which the batch rejects unseen), whether or not other workers have
/// trainings.
std::span<const std::int32_t> school_years(converter& cv, const char* col, std::size_t n,
                                           std::span<const std::int64_t> training_offsets) {
    const auto no_trainings = [&](std::size_t w) {
        return training_offsets.size() == n + 1 && training_offsets[w + 1] == training_offsets[w];
    };
    const py::array a = as_array(cv.get(col), col);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, col, "column length differs from its frame");
    if (kind_of(a) == 'i' || kind_of(a) == 'u')
        return narrow(cv, col, integers(cv, col, n, quantity::code, false, 0), 1900, 9998);
    const py::array obj = kind_of(a) == 'O' ? a : py::array(a.attr("astype")("object"));
    auto cells = obj.unchecked<py::object>();
    auto& out = cv.i32.emplace_back(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const py::handle v = cells(static_cast<py::ssize_t>(i));
        const bool whole = PyLong_Check(v.ptr()) && !PyBool_Check(v.ptr());
        const auto sy = PyUnicode_Check(v.ptr()) ? school_year::parse(text_of(v)) : std::nullopt;
        if (whole && v.cast<std::int64_t>() >= 1900 && v.cast<std::int64_t>() <= 9998)
            out[i] = v.cast<std::int32_t>();
        else if (sy)
            out[i] = sy->start_year();
        else if (is_missing(v)) {
            if (!no_trainings(i)) cv.flag(col, i, "missing");
        } else {
            cv.flag(col, i, "expected a school year like '2023-2024', got " + show(v));
        }
    }
    return out;
}

std::span<const std::int64_t> offsets(converter& cv, const char* col) {
    const py::object o = cv.get(col);
    if (o.is_none()) return {};
    auto v = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(o);
    cv.kept.push_back(v);
    return {v.data(), static_cast<std::size_t>(v.size())};
}

}  // namespace

namespace edurules::python {

struct leave_frames {
    converter cv;
    lv::facts_columns c;
    std::size_t rows(std::span<const std::int64_t> off) const {
        return off.empty() ? 0 : static_cast<std::size_t>(off.back());
    }
};

namespace {

std::vector<std::string_view> names_of(std::initializer_list<std::string_view> l) { return l; }

/// Minutes per week of a job's column, refused as the JSON reader refuses
/// them (leave_json.cpp): above the minutes of a week, or a full time of 0.
/// (Cells already bad, negative or missing, are reported once.)
void week_minutes(converter& cv, const std::string& col, std::span<const std::int64_t> v, bool full_time) {
    const std::vector<bool> already = cv.flagged(col, v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (already[i]) continue;
        if (v[i] > lv::minutes_per_week)
            cv.flag(col.c_str(), i, "more than the " + std::to_string(lv::minutes_per_week) + " minutes in a week");
        else if (full_time && v[i] <= 0)
            cv.flag(col.c_str(), i, "must be more than 0");
    }
}

void read_workers(leave_frames& f, std::size_t W) {
    auto& cv = f.cv;
    lv::facts_columns& c = f.c;
    c.workers = W;
    static const auto regions = names_of({"flanders", "brussels", "wallonia"});
    const auto region = codes(cv, "workers.region", W, regions, 1, 0);
    auto& reg = cv.u8.emplace_back(region.begin(), region.end());  // a copy: refused workers get region 0
    for (std::size_t i = 0; i < W; ++i)
        if (reg[i] == 0) cv.flag("workers.region", i, "missing");
    c.region = reg;
    c.school_year = school_years(cv, "workers.school_year", W, offsets(cv, "trainings.offsets"));
    c.sector = text_column(cv, "workers.sector", W);
    c.at_most_upper_secondary = flags(cv, "workers.at_most_upper_secondary", W, 0);
    c.vov_sanctioned = flags(cv, "workers.vov_sanctioned", W, 0);
    c.bev_reimbursed_elsewhere_minutes = duration(cv, "workers.bev_reimbursed_elsewhere", W, true, 0);
    if (cv.cols.contains("workers.monthly_wage"))
        c.monthly_wage_cents = integers(cv, "workers.monthly_wage", W, quantity::money, true, -1);
    c.new_job_on = days(cv, "workers.new_job_on", W, false);
    c.passed_offsets = offsets(cv, "passed.offsets");
    c.passed_modules = text_column(cv, "passed.module_code", f.rows(c.passed_offsets));
    c.job_offsets = offsets(cv, "jobs.offsets");
    const std::size_t J = f.rows(c.job_offsets);
    static const auto schedules = names_of({"fixed", "variable"});
    c.job_from = days(cv, "jobs.from", J, true);
    c.job_to = days(cv, "jobs.to", J, false);
    std::string contract, full_time;  // the columns read (_minutes or _hours)
    c.job_contract_minutes = duration(cv, "jobs.contract", J, false, 0, &contract);
    c.job_full_time_minutes = duration(cv, "jobs.full_time", J, false, 0, &full_time);
    if (c.job_contract_minutes.size() != J || c.job_full_time_minutes.size() != J)
        throw error(errc::invalid_argument, "jobs.contract_hours",
                    "missing column (contract and full_time, as _hours or _minutes)");
    week_minutes(cv, contract, c.job_contract_minutes, false);
    week_minutes(cv, full_time, c.job_full_time_minutes, true);
    c.job_variable_schedule = cv.cols.contains("jobs.schedule") ? codes(cv, "jobs.schedule", J, schedules, 0, 0)
                                                                : flags(cv, "jobs.variable_schedule", J, 0);
}

void read_trainings(leave_frames& f) {
    auto& cv = f.cv;
    lv::facts_columns& c = f.c;
    c.training_offsets = offsets(cv, "trainings.offsets");
    const std::size_t T = f.rows(c.training_offsets);
    std::vector<std::string_view> types;
    for (int i = 0; i <= static_cast<int>(lv::training_type::competence_exam); ++i)
        types.push_back(lv::to_string(static_cast<lv::training_type>(i)));
    c.training_type = codes(cv, "trainings.type", T, types, 0, 0, true);  // required: never "professional" by default
    if (c.training_type.size() != T) throw error(errc::invalid_argument, "trainings.type", "missing column");
    c.training_start = days(cv, "trainings.start", T, false);
    c.coinciding = flags(cv, "trainings.coinciding", T, 0);
    static const auto raised = names_of({"none", "shortage_occupation", "basic_education", "first_upper_secondary"});
    c.raised = codes(cv, "trainings.raised", T, raised, 0, 0);
    c.language_kind = text_column(cv, "trainings.language_kind", T);
    static const auto orgs = names_of({"modular", "school_year"});
    c.organisation = codes(cv, "trainings.organisation", T, orgs, 0, 0);
    static const auto units = names_of({"clock_hours", "lesson_periods"});
    c.lesson_periods = cv.cols.contains("trainings.unit") ? codes(cv, "trainings.unit", T, units, 0, 0)
                                                          : flags(cv, "trainings.lesson_periods", T, 0);
    c.module_code = text_column(cv, "trainings.module_code", T);
    c.provider = text_column(cv, "trainings.provider", T);  // optional; None/NaN = not given
    c.recognised = flags(cv, "trainings.recognised", T, 1);
    const auto count = [&](const char* col) {
        return cv.cols.contains(col) ? integers(cv, col, T, quantity::count, true, 0) : std::span<const std::int64_t>{};
    };
    c.exams = count("trainings.exams");
    static const auto countings =
        names_of({"attended_hours", "credits", "planned_lesson_periods", "exams", "competences"});
    c.counting = codes(cv, "trainings.counting", T, countings, 0, 0);
    c.credits = count("trainings.credits");
    c.graduate = flags(cv, "trainings.graduate", T, 0);
    c.exam_contract = flags(cv, "trainings.exam_contract", T, 0);
    c.competences = count("trainings.competences");
    c.employer_proposed = flags(cv, "trainings.employer_proposed", T, 0);
    c.career_oriented = flags(cv, "trainings.career_oriented", T, 0);
    c.career_attest_day = days(cv, "trainings.career_attest_date", T, false);
    static const auto assessments = names_of({"not_yet", "taken", "missed_justified", "missed"});
    c.assessment = codes(cv, "trainings.final_assessment", T, assessments, 0, 0);
    c.enrolled_on = days(cv, "trainings.enrolled_on", T, false);
}

void read_items(leave_frames& f) {
    auto& cv = f.cv;
    lv::facts_columns& c = f.c;
    c.lesson_offsets = offsets(cv, "lessons.offsets");
    const std::size_t L = f.rows(c.lesson_offsets);
    c.lesson_day = days(cv, "lessons.date", L, true);
    c.lesson_start = clock(cv, "lessons.start", L);
    c.lesson_end = clock(cv, "lessons.end", L);
    static const auto modes = names_of({"contact", "live_online", "distance", "internship", "thesis", "coaching"});
    c.lesson_mode = codes(cv, "lessons.mode", L, modes, 0, 0);
    c.lesson_cancelled = flags(cv, "lessons.cancelled", L, 0);
    c.lesson_coinciding = flags(cv, "lessons.coinciding", L, 2);
    c.absence_offsets = offsets(cv, "absences.offsets");
    const std::size_t A = f.rows(c.absence_offsets);
    c.absence_day = days(cv, "absences.date", A, true);
    c.absence_minutes = duration(cv, "absences.absent", A, true, -1);
    if (c.absence_minutes.empty() && A > 0) c.absence_minutes = cv.i64.emplace_back(A, -1);  // whole days
    c.absence_reason = text_column(cv, "absences.reason", A);
    c.absence_employer_declared_on = days(cv, "absences.employer_declared_on", A, false);
    c.absence_holiday_from = days(cv, "absences.holiday_from", A, false);
    c.absence_holiday_to = days(cv, "absences.holiday_to", A, false);
    c.taken_offsets = offsets(cv, "leave_taken.offsets");
    const std::size_t K = f.rows(c.taken_offsets);
    c.taken_day = days(cv, "leave_taken.date", K, true);
    c.taken_minutes = duration(cv, "leave_taken.leave", K, false, 0);
    if (c.taken_minutes.size() != K)
        throw error(errc::invalid_argument, "leave_taken.leave_hours", "missing column (or leave_minutes)");
}

/// Workers whose school year the rulebook does not cover are bad cells of
/// school_year, with the engine's own words (leave::refuse_uncovered_year,
/// as the JSON path refuses them), not a bare batch code. One check per
/// distinct year.
void uncovered_years(const lv::rules& R, converter& cv, std::span<const std::int32_t> years) {
    std::unordered_map<std::int32_t, std::string> why;  // per distinct year: "" = covered
    const std::string* last = nullptr;                  // the answer for the row before (years repeat)
    for (std::size_t i = 0; i < years.size(); ++i) {
        const std::int32_t y = years[i];
        if (y < 1900 || y > 9998) continue;  // already bad (school_years' range)
        if (!last || years[i - 1] != y) {
            auto [it, added] = why.try_emplace(y);
            if (added) try {
                    lv::refuse_uncovered_year(R, school_year(y));
                } catch (const error& e) {
                    it->second = e.message();
                }
            last = &it->second;
        }
        if (!last->empty()) cv.flag("workers.school_year", i, *last);
    }
}

/// Cells of a closed-word text column (workers.sector, trainings.language_kind)
/// outside the words `words` allows are bad cells, in the JSON reader's words
/// (leave::check_words; src/io/leave_json.cpp): `unknown value "nationl" (did
/// you mean "national"?); one of ...`, the value quoted as JSON text. With
/// `empty_given` an empty text is a value not given, as check_language_kinds
/// reads it. One check per distinct text.
void unknown_words(converter& cv, const lv::text_column& c, const char* col, const parameter& words, bool empty_given) {
    if (c.codes.empty()) return;
    std::vector<int> ok(c.names.size(), -1);  // per distinct text: -1 unread, 0 unknown, 1 known
    for (std::size_t i = 0; i < c.codes.size(); ++i) {
        const std::int32_t k = c.codes[i];
        if (k < 0 || static_cast<std::size_t>(k) >= c.names.size()) continue;  // missing or already bad
        const auto u = static_cast<std::size_t>(k);
        // an empty language kind is "not given" (check_language_kinds), an empty sector is refused (check_sector)
        if (ok[u] < 0) ok[u] = (empty_given && c.names[u].empty()) || lv::known_word(words, c.names[u]) ? 1 : 0;
        if (ok[u] == 0) cv.flag(col, i, lv::unknown_word_message(words, c.names[u]));
    }
}

/// The worker that owns row `row` of a table (for refusing it).
std::size_t owner(const lv::facts_columns& c, const std::string& column, std::int64_t row) {
    const auto up = [](std::span<const std::int64_t> off, std::int64_t r) {
        return static_cast<std::int64_t>(std::upper_bound(off.begin(), off.end(), r) - off.begin()) - 1;
    };
    const std::string table = column.substr(0, column.find('.'));
    if (table == "workers") return static_cast<std::size_t>(row);
    if (table == "jobs") return static_cast<std::size_t>(up(c.job_offsets, row));
    if (table == "passed") return static_cast<std::size_t>(up(c.passed_offsets, row));
    std::int64_t t = row;
    if (table == "lessons")
        t = up(c.lesson_offsets, row);
    else if (table == "absences")
        t = up(c.absence_offsets, row);
    else if (table == "leave_taken")
        t = up(c.taken_offsets, row);
    return static_cast<std::size_t>(up(c.training_offsets, t));
}

/// Workers [a, b) of `c` as columns of their own (offsets rebased to 0).
struct slice {
    std::vector<std::int64_t> passed, jobs, trainings, lessons, absences, taken;
    lv::facts_columns c;
    lv::worker_columns_out wo;
    lv::training_columns_out to;
};

std::pair<std::size_t, std::size_t> rebase(std::span<const std::int64_t> off, std::size_t a, std::size_t b,
                                           std::vector<std::int64_t>& out) {
    if (off.empty()) return {0, 0};
    out.assign(off.begin() + static_cast<std::ptrdiff_t>(a), off.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    for (auto& x : out) x -= off[a];
    return {static_cast<std::size_t>(off[a]), static_cast<std::size_t>(off[b])};
}

template <class T>
std::span<T> cut(std::span<T> s, std::pair<std::size_t, std::size_t> r) {
    return s.empty() ? s : s.subspan(r.first, r.second - r.first);
}
lv::text_column cut(const lv::text_column& t, std::pair<std::size_t, std::size_t> r) {
    return {cut(t.codes, r), t.names};
}

void make_slice(const lv::facts_columns& c, const lv::worker_columns_out& wo, const lv::training_columns_out& to,
                std::size_t a, std::size_t b, slice& s) {
    lv::facts_columns& x = s.c;
    x = c;
    const std::pair<std::size_t, std::size_t> w{a, b};
    x.workers = b - a;
    x.region = cut(c.region, w), x.school_year = cut(c.school_year, w), x.sector = cut(c.sector, w);
    x.at_most_upper_secondary = cut(c.at_most_upper_secondary, w), x.vov_sanctioned = cut(c.vov_sanctioned, w);
    x.bev_reimbursed_elsewhere_minutes = cut(c.bev_reimbursed_elsewhere_minutes, w);
    x.monthly_wage_cents = cut(c.monthly_wage_cents, w), x.new_job_on = cut(c.new_job_on, w);
    const auto p = rebase(c.passed_offsets, a, b, s.passed);
    x.passed_offsets = s.passed, x.passed_modules = cut(c.passed_modules, p);
    if (c.passed_offsets.empty()) x.passed_offsets = {};
    const auto j = rebase(c.job_offsets, a, b, s.jobs);
    x.job_offsets = s.jobs, x.job_from = cut(c.job_from, j), x.job_to = cut(c.job_to, j);
    x.job_contract_minutes = cut(c.job_contract_minutes, j), x.job_full_time_minutes = cut(c.job_full_time_minutes, j);
    x.job_variable_schedule = cut(c.job_variable_schedule, j);
    const auto t = rebase(c.training_offsets, a, b, s.trainings);
    x.training_offsets = s.trainings;
    for (auto* col :
         {&x.training_type, &x.coinciding, &x.raised, &x.organisation, &x.lesson_periods, &x.recognised, &x.counting,
          &x.graduate, &x.exam_contract, &x.employer_proposed, &x.career_oriented, &x.assessment})
        *col = cut(*col, t);
    for (auto* col : {&x.training_start, &x.career_attest_day, &x.enrolled_on}) *col = cut(*col, t);
    for (auto* col : {&x.exams, &x.credits, &x.competences}) *col = cut(*col, t);
    x.language_kind = cut(c.language_kind, t), x.module_code = cut(c.module_code, t);
    x.provider = cut(c.provider, t);
    const auto items = [&](std::span<const std::int64_t> off, std::vector<std::int64_t>& store,
                           std::span<const std::int64_t>& dst) {
        const auto r = rebase(off, t.first, t.second, store);
        dst = off.empty() ? off : std::span<const std::int64_t>(store);
        return r;
    };
    const auto l = items(c.lesson_offsets, s.lessons, x.lesson_offsets);
    for (auto* col : {&x.lesson_day, &x.lesson_start, &x.lesson_end}) *col = cut(*col, l);
    for (auto* col : {&x.lesson_mode, &x.lesson_cancelled, &x.lesson_coinciding}) *col = cut(*col, l);
    const auto ab = items(c.absence_offsets, s.absences, x.absence_offsets);
    for (auto* col : {&x.absence_day, &x.absence_employer_declared_on, &x.absence_holiday_from, &x.absence_holiday_to})
        *col = cut(*col, ab);
    x.absence_minutes = cut(c.absence_minutes, ab), x.absence_reason = cut(c.absence_reason, ab);
    const auto k = items(c.taken_offsets, s.taken, x.taken_offsets);
    x.taken_day = cut(c.taken_day, k), x.taken_minutes = cut(c.taken_minutes, k);
    s.wo = {cut(wo.status, w),        cut(wo.problem, w),      cut(wo.problem_training, w),
            cut(wo.problem_item, w),  cut(wo.cap_minutes, w),  cut(wo.granted_minutes, w),
            cut(wo.taken_minutes, w), cut(wo.left_minutes, w), cut(wo.reimbursement_cents, w),
            cut(wo.suspensions, w)};
    s.to = {cut(to.status, t),
            cut(to.regime, t),
            cut(to.reasons, t),
            cut(to.attended_minutes, t),
            cut(to.excluded_suspended_minutes, t),
            cut(to.granted_minutes, t),
            cut(to.taken_minutes, t),
            cut(to.taken_refused_minutes, t),
            cut(to.reimbursement_cents, t)};
}

/// leave_facts_batch over worker ranges, one per thread.
void run_batch(const lv::rules& R, const lv::facts_columns& c, const lv::worker_columns_out& wo,
               const lv::training_columns_out& to, int threads) {
    lv::facts_batch::check_shape(c, wo, to);  // the whole call, before ranges are cut
    const std::size_t n = c.workers;
    std::size_t t =
        threads > 0 ? static_cast<std::size_t>(threads)
                    : std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), n / 2048));
    t = std::max<std::size_t>(1, std::min({t, std::max<std::size_t>(n, 1), std::size_t{256}}));
    std::vector<slice> parts(t);
    for (std::size_t k = 0; k < t; ++k) make_slice(c, wo, to, n * k / t, n * (k + 1) / t, parts[k]);
    std::vector<std::exception_ptr> errors(t);
    std::vector<std::thread> pool;
    for (std::size_t k = 0; k < t; ++k) {
        auto work = [&, k] {
            try {
                lv::leave_facts_batch(R, parts[k].c, parts[k].wo, parts[k].to);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        };
        if (k + 1 == t)
            work();
        else
            pool.emplace_back(work);
    }
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

template <class T>
std::pair<py::array_t<T>, std::span<T>> out_array(std::size_t n) {
    py::array_t<T> a(static_cast<py::ssize_t>(n));
    return {a, std::span<T>(a.mutable_data(), n)};
}

/// CPU time of the calling thread, in ns (for the benchmark's split of a
/// call into conversion and batch; with one thread it is the whole batch).
std::int64_t thread_cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

/// The rulebook's words for worker `wi`, refused by the batch as no_rule (a
/// code only): the worker decided again by the one path (fill_worker, then
/// evaluate_into), whose errc::rulebook names the parameter and the date.
/// Empty when the second run does not fail so (the code stands alone then).
std::string rule_error_of(const lv::rules& R, const lv::facts_columns& c, std::size_t wi, lv::facts_batch::scratch& s) {
    try {
        if (lv::facts_batch::fill_worker(c, wi, s.w, s.pool).status != lv::batch_granted) return {};
        const auto n = static_cast<std::size_t>(c.training_offsets[wi + 1] - c.training_offsets[wi]);
        lv::evaluate_into(R, s.w, std::span<const lv::training>(s.pool.data(), n), school_year(c.school_year[wi]),
                          false, s.ws, s.result);
    } catch (const error& x) {
        if (x.code() == errc::rulebook) return x.what();
    } catch (const std::exception&) {
    }
    return {};
}

py::dict leave_facts_frames(const engine& e, py::dict cols, std::size_t workers, bool stop_on_bad, int threads) {
    const std::int64_t started = thread_cpu_ns();
    leave_frames f;
    f.cv.cols = std::move(cols);
    read_workers(f, workers);
    read_trainings(f);
    read_items(f);
    uncovered_years(e.leave(), f.cv, f.c.school_year);
    unknown_words(f.cv, f.c.sector, "workers.sector", *e.leave().sectors, false);
    unknown_words(f.cv, f.c.language_kind, "trainings.language_kind", *e.leave().brussels_raised_languages, true);
    const std::size_t W = workers, T = f.rows(f.c.training_offsets);
    py::dict r;
    py::list bad;
    for (const auto& b : f.cv.bad) {
        const std::size_t w = owner(f.c, b.column, b.row);
        bad.append(py::make_tuple(b.column, b.row, b.what, w));
    }
    r["bad"] = bad;
    if (stop_on_bad && !f.cv.bad.empty()) return r;
    py::dict year_names;  // each school year's name, for the result frame
    for (const std::int32_t y : f.c.school_year)
        if (y >= 1900 && y <= 9998 && !year_names.contains(py::int_(y)))
            year_names[py::int_(y)] = school_year(y).name();
    r["school_year_names"] = year_names;
    r["worker_school_year"] = py::array_t<std::int32_t>(static_cast<py::ssize_t>(W), f.c.school_year.data());
    // a worker with a cell that could not be read is refused (region 0)
    auto& reg = f.cv.u8.emplace_back(f.c.region.begin(), f.c.region.end());
    for (const auto& b : f.cv.bad) reg[owner(f.c, b.column, b.row)] = 0;
    f.c.region = reg;
    auto [ws, ws_s] = out_array<std::int32_t>(W);
    auto [wp, wp_s] = out_array<std::uint8_t>(W);
    auto [wt, wt_s] = out_array<std::int32_t>(W);
    auto [wi, wi_s] = out_array<std::int32_t>(W);
    auto [wcap, wcap_s] = out_array<std::int64_t>(W);
    auto [wg, wg_s] = out_array<std::int64_t>(W);
    auto [wk, wk_s] = out_array<std::int64_t>(W);
    auto [wl, wl_s] = out_array<std::int64_t>(W);
    auto [wm, wm_s] = out_array<std::int64_t>(W);
    auto [wsu, wsu_s] = out_array<std::int32_t>(W);
    auto [ts, ts_s] = out_array<std::int32_t>(T);
    auto [tr, tr_s] = out_array<std::uint8_t>(T);
    auto [tre, tre_s] = out_array<std::uint32_t>(T);
    auto [ta, ta_s] = out_array<std::int64_t>(T);
    auto [tx, tx_s] = out_array<std::int64_t>(T);
    auto [tg, tg_s] = out_array<std::int64_t>(T);
    auto [tk, tk_s] = out_array<std::int64_t>(T);
    auto [tkr, tkr_s] = out_array<std::int64_t>(T);
    auto [tm, tm_s] = out_array<std::int64_t>(T);
    const lv::worker_columns_out wo{ws_s, wp_s, wt_s, wi_s, wcap_s, wg_s, wk_s, wl_s, wm_s, wsu_s};
    const lv::training_columns_out to{ts_s, tr_s, tre_s, ta_s, tx_s, tg_s, tk_s, tkr_s, tm_s};
    const std::int64_t converted = thread_cpu_ns();
    {
        py::gil_scoped_release nogil;
        run_batch(e.leave(), f.c, wo, to, threads);
    }
    const std::int64_t decided = thread_cpu_ns();
    py::dict rule_errors;  // worker -> the rulebook's words, for the workers refused as no_rule (once per school year)
    {
        std::unordered_map<std::int32_t, std::string> by_year;
        lv::facts_batch::scratch s;
        for (std::size_t w = 0; w < W; ++w) {
            if (ws_s[w] != lv::batch_no_rule) continue;
            auto [it, added] = by_year.try_emplace(f.c.school_year[w]);
            if (added) it->second = rule_error_of(e.leave(), f.c, w, s);
            if (!it->second.empty()) rule_errors[py::int_(w)] = it->second;
        }
    }
    r["worker_rule_error"] = rule_errors;
    py::dict cpu;  // ns of this thread's CPU: the columns' conversion, the batch
    cpu["convert"] = converted - started, cpu["batch"] = decided - converted;
    r["cpu_ns"] = cpu;
    r["worker_status"] = ws, r["worker_problem"] = wp, r["worker_problem_training"] = wt, r["worker_problem_item"] = wi;
    r["worker_cap_minutes"] = wcap, r["worker_granted_minutes"] = wg, r["worker_taken_minutes"] = wk;
    r["worker_left_minutes"] = wl, r["worker_reimbursement_cents"] = wm, r["worker_suspensions"] = wsu;
    r["status"] = ts, r["regime"] = tr, r["reasons"] = tre, r["attended_minutes"] = ta;
    r["excluded_suspended_minutes"] = tx, r["granted_minutes"] = tg, r["taken_minutes"] = tk;
    r["taken_refused_minutes"] = tkr, r["reimbursement_cents"] = tm;
    return r;
}

}  // namespace

void add_leave(py::module_& m) {
    {
        py::dict st;  // every batch_status code (pinned)
        for (std::int32_t s = lv::batch_bad_facts; s <= lv::batch_not_eligible; ++s)
            st[py::int_(s)] = std::string(lv::batch_status_name(s));
        m.attr("LEAVE_BATCH_STATUS") = st;
        py::list problems;
        for (int p = 0; p <= static_cast<int>(lv::last_facts_problem); ++p)
            problems.append(std::string(lv::to_string(static_cast<lv::facts_problem>(p))));
        m.attr("LEAVE_FACTS_PROBLEMS") = problems;
    }
    auto cls = py::reinterpret_borrow<py::class_<engine, std::shared_ptr<engine>>>(m.attr("Engine"));
    cls.def("leave_facts_frames", &leave_facts_frames, py::arg("columns"), py::arg("workers"), py::arg("stop_on_bad"),
            py::arg("threads") = 0,
            "leave::leave_facts_batch over DataFrame columns converted in C++ (GIL released for the batch).");
}

}  // namespace edurules::python
