// Column kernels of the Python frames: the per-row work of matching keys
// between frames, grouping child rows by owner and turning dates into epoch
// days, over numpy buffers in C++. Python objects (text cells) are read with
// the GIL held, in one pass; hashing, probing, sorting and date arithmetic on
// plain buffers run with the GIL released. Nothing here decides: bad cells
// come back as masks and codes for the package to word.
#include "frame_kernels.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/error.hpp"
#include "edurules/core/flat_index.hpp"
#include "edurules/core/huge_pages.hpp"
#include "edurules/core/nearest.hpp"
#include "number_cells.hpp"

namespace py = pybind11;

namespace edurules::python {

namespace {

/// Whether a cell is missing as pandas sees it: None, NaN, NaT, pd.NA.
bool missing_cell(PyObject* v) {
    if (v == Py_None) return true;
    if (PyUnicode_Check(v) || PyLong_Check(v)) return false;
    if (PyFloat_Check(v)) return std::isnan(PyFloat_AS_DOUBLE(v));
    const std::string_view type = Py_TYPE(v)->tp_name;
    return type == "NaTType" || type == "NAType";
}

/// One key column's cells as texts, the way `column.astype(str)` spells them
/// (a str cell as it is, any other value as `str(value)`), viewed in place
/// where the cell is a str. Missing cells have `missing` set.
/// Move-only: `text` views the strings of `owned`, which a move keeps in
/// place (the deque's blocks change hands) but a copy would not (the copy's
/// views would point into the original's strings, freed with it). A vector
/// of key_cells grows by copying when its element's move may throw, as a
/// deque's may: with the copy deleted it moves (two integer key columns
/// matched rows of other keys before, issue 14's cross-face probe).
struct key_cells {  // a million keys and more: on huge pages (core/huge_pages.hpp)
    detail::big_vector<std::string_view> text;
    detail::big_vector<std::uint8_t> missing;
    /// order_prefix of each text when asked for (read_keys), taken as the
    /// cell is read (a sorted key table's compares need no second read of
    /// the cells' objects), else empty
    detail::big_vector<std::uint64_t> prefix;
    std::deque<std::string> owned;  ///< texts of non-str cells (a deque: views stay valid)
    std::vector<py::object> keep;   ///< the arrays whose str cells are viewed

    key_cells() = default;
    key_cells(const key_cells&) = delete;
    key_cells& operator=(const key_cells&) = delete;
    key_cells(key_cells&&) = default;
    key_cells& operator=(key_cells&&) = default;
};

/// The first eight bytes of a text (zeros after its end) as a number that
/// orders as the bytes do.
std::uint64_t order_prefix(std::string_view t) {
    std::uint64_t v = 0;
    std::memcpy(&v, t.data(), std::min<std::size_t>(t.size(), 8));
    return __builtin_bswap64(v);
}

std::string_view utf8_of(PyObject* v) {
    if (PyUnicode_IS_COMPACT_ASCII(v))  // the common case: the bytes follow the object header
        return {reinterpret_cast<const char*>(reinterpret_cast<PyASCIIObject*>(v) + 1),
                static_cast<std::size_t>(PyUnicode_GET_LENGTH(v))};
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(v, &n);
    if (!p) throw py::error_already_set();
    return {p, static_cast<std::size_t>(n)};
}

void read_objects(const py::array& a, key_cells& k, bool with_prefix) {
    const auto n = static_cast<std::size_t>(a.size());
    k.text.resize(n);
    k.missing.assign(n, 0);
    if (with_prefix) k.prefix.resize(n);
    auto cells = a.unchecked<py::object>();
    PyObject* before = nullptr;
    constexpr std::size_t ahead = 8;  // cells whose objects are fetched while this one is read (a cache miss each)
    for (std::size_t i = 0; i < n; ++i) {
        if (i + ahead < n) __builtin_prefetch(cells(static_cast<py::ssize_t>(i + ahead)).ptr());
        PyObject* v = cells(static_cast<py::ssize_t>(i)).ptr();
        if (v == before) {  // the same object as the row before (sorted, shared cells): not read again
            k.text[i] = k.text[i - 1], k.missing[i] = k.missing[i - 1];
            if (with_prefix) k.prefix[i] = k.prefix[i - 1];
            continue;
        }
        before = v;
        if (PyUnicode_Check(v)) {
            k.text[i] = utf8_of(v);
        } else if (missing_cell(v)) {
            k.missing[i] = 1;
        } else {
            k.text[i] = k.owned.emplace_back(py::str(v).cast<std::string>());
        }
        if (with_prefix) k.prefix[i] = order_prefix(k.text[i]);
    }
    k.keep.push_back(a);
}

/// A key column: a numpy array (object, integer; any other dtype as its
/// str() texts), or a Categorical given as (codes, categories); with the
/// texts' order_prefix when `with_prefix` and the cells are objects.
key_cells read_keys(const py::object& column, bool with_prefix = false) {
    key_cells k;
    if (py::isinstance<py::tuple>(column)) {
        const py::tuple t = column.cast<py::tuple>();
        key_cells cats = read_keys(t[1]);
        auto codes = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(t[0]);
        if (!codes) throw error(errc::invalid_argument, "", "categorical codes must be integers");
        const auto n = static_cast<std::size_t>(codes.size());
        k.text.resize(n);
        k.missing.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t c = codes.data()[i];
            if (c < 0 || static_cast<std::size_t>(c) >= cats.text.size() || cats.missing[static_cast<std::size_t>(c)])
                k.missing[i] = 1;
            else
                k.text[i] = cats.text[static_cast<std::size_t>(c)];
        }
        k.owned = std::move(cats.owned);  // the deque's blocks move: the views stay valid
        k.keep = std::move(cats.keep);
        return k;
    }
    py::array a = py::array::ensure(column);
    if (!a || a.ndim() != 1) throw error(errc::invalid_argument, "", "expected a one-dimensional key column");
    const char kind = a.dtype().kind();
    if (kind == 'i' || kind == 'u') {  // whole numbers: their decimal text, as str(n)
        // (unsigned read as unsigned: 2^64 - 1 is "18446744073709551615", never "-1")
        const auto spell = [&k](const auto& v) {
            const auto n = static_cast<std::size_t>(v.size());
            k.text.resize(n);
            k.missing.assign(n, 0);
            for (std::size_t i = 0; i < n; ++i) {
                char buf[24];
                const auto r = std::to_chars(buf, buf + sizeof buf, v.data()[i]);
                k.text[i] = k.owned.emplace_back(buf, r.ptr);
            }
        };
        if (kind == 'u')
            spell(py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(a));
        else
            spell(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a));
        return k;
    }
    read_objects(kind == 'O' ? a : py::array(a.attr("astype")("object")), k, with_prefix);
    return k;
}

/// Statuses of a number cell read as whole units of a decimal place
/// (points in hundredths, FTE in ten-thousandths): 0 ok, 1 NaN (missing), 2
/// infinite, 3 negative, 4 more decimals than the place, 5 more than the
/// bound, 6 text that is not a decimal number, 7 a boolean.
enum points_status : std::uint8_t {
    points_ok,
    points_nan,
    points_inf,
    points_negative,
    points_decimals,
    points_huge,
    points_not_a_number,
    points_bool
};

/// How a column's cells are read: `digits` decimals at most (units of
/// 10^-digits), magnitude at most `most` whole units (most x 10^digits at
/// most 1e15, below 2^51, where near_units is exact), and whether a negative
/// value is kept (for a batch that decides what a negative value means)
/// rather than refused.
struct decimal_place {
    int digits = 2;
    std::int64_t most = 0;
    bool negative_ok = false;
    double scale() const { return static_cast<double>(detail::pow10(digits)); }
};
constexpr std::int64_t max_units_bound = 1'000'000'000'000'000;  ///< most x 10^digits, below 2^51
decimal_place checked_place(int digits, std::int64_t most, bool negative_ok) {
    if (digits < 0 || digits > 6) throw error(errc::invalid_argument, "digits", "must be 0..6");
    if (most < 0 || most > max_units_bound / detail::pow10(digits))
        throw error(errc::invalid_argument, "most", "most x 10^digits must be 0..1000000000000000");
    return {digits, most, negative_ok};
}

/// A float cell in units of the place (0 unless ok), with why a refused
/// value is refused.
inline points_status units_of(double x, const decimal_place& p, std::int64_t& out) {
    out = 0;
    if (std::isnan(x)) return points_nan;
    if (std::isinf(x)) return points_inf;
    if (x < 0 && !p.negative_ok) return points_negative;
    if (std::fabs(x) > static_cast<double>(p.most)) return points_huge;
    double r = 0;
    if (!near_units(x, p.scale(), r)) return points_decimals;
    out = static_cast<std::int64_t>(r);
    return points_ok;
}

/// A text cell read exactly as the JSON path reads numbers (decimal::parse:
/// an optional '-', digits, an optional '.' and 1..9 digits; no exponent,
/// sign '+' or spaces), in units of the place.
points_status units_of_text(std::string_view t, const decimal_place& p, std::int64_t& out) {
    out = 0;
    const auto d = decimal::parse(t);
    if (!d) {  // shaped as a decimal but beyond the parser: more than 9 decimals, or too many digits
        const std::string why = decimal::why_not(t);
        return why.empty()                            ? points_not_a_number
               : why.starts_with("more than")         ? points_decimals
               : t.starts_with('-') && !p.negative_ok ? points_negative
                                                      : points_huge;
    }
    if (d->is_negative() && !p.negative_ok) return points_negative;
    if (decimal{p.most, 0} < *d || *d < decimal{-p.most, 0}) return points_huge;
    const auto h = d->in_scale(p.digits);
    if (!h) return points_decimals;
    out = *h;
    return points_ok;
}

/// A float32 cell in units of the place (0 unless ok): NaN, infinities, sign
/// and bound as units_of, then the shortest decimal that reads back as the
/// float32 (number_cells.hpp's float32_text) read exactly as a text cell, so
/// np.float32(1.1) is 1.10 points as 1.1 and "1.1" are.
points_status units_of_f32(float x, const decimal_place& p, std::int64_t& out) {
    out = 0;
    if (std::isnan(x)) return points_nan;
    if (std::isinf(x)) return points_inf;
    if (x < 0 && !p.negative_ok) return points_negative;
    if (std::fabs(static_cast<double>(x)) > static_cast<double>(p.most)) return points_huge;
    std::array<char, 64> buf;
    return units_of_text(float32_text(x, buf), p, out);
}

/// One cell of an object column: text exactly as a decimal, a Python int, a
/// float (units_of), a numpy float32 (units_of_f32); a bool is refused (True is not a point, nor one FTE);
/// anything else is read as its str() text (Decimal('1.25'), numpy numbers).
points_status units_of_object(PyObject* v, const decimal_place& p, std::int64_t& out) {
    out = 0;
    if (missing_cell(v)) return points_nan;
    const std::string_view type = Py_TYPE(v)->tp_name;
    if (PyBool_Check(v) || type == "numpy.bool_" || type == "numpy.bool") return points_bool;
    if (PyUnicode_Check(v)) {
        Py_ssize_t n = 0;
        const char* s = PyUnicode_AsUTF8AndSize(v, &n);
        if (!s) {  // a lone surrogate: not text a number is written in
            PyErr_Clear();
            return points_not_a_number;
        }
        return units_of_text({s, static_cast<std::size_t>(n)}, p, out);
    }
    if (PyFloat_Check(v)) return units_of(PyFloat_AS_DOUBLE(v), p, out);
    if (type == "numpy.float32") {  // at float32 precision, as a float32 column (its value widens exactly)
        const double x = PyFloat_AsDouble(v);
        if (x == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return points_not_a_number;
        }
        return units_of_f32(static_cast<float>(x), p, out);
    }
    if (PyLong_Check(v)) {
        int overflow = 0;
        const long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if ((overflow < 0 || (overflow == 0 && x < 0)) && !p.negative_ok) return points_negative;
        if (overflow != 0 || x > p.most || x < -p.most) return points_huge;
        out = x * detail::pow10(p.digits);
        return points_ok;
    }
    PyObject* text = PyObject_Str(v);
    if (!text) {
        PyErr_Clear();
        return points_not_a_number;
    }
    const py::object owned = py::reinterpret_steal<py::object>(text);
    return PyUnicode_Check(text) ? units_of_object(text, p, out) : points_not_a_number;
}
constexpr std::int64_t max_points_bound =
    10'000'000'000'000;  ///< grouped_rows' bound on points (1e13: x 100 below 2^51)

/// A key of one or two parts, as the texts of its parts.
struct key_text {
    std::string_view part[2];
    std::size_t parts = 0;
};
key_text key_of(const std::vector<const key_cells*>& cols, std::size_t i) {
    key_text k;
    for (const key_cells* c : cols) k.part[k.parts++] = c->text[i];
    return k;
}
std::size_t hash_of(const key_text& k) {
    std::size_t h = 0;
    for (std::size_t p = 0; p < k.parts; ++p) h = (h * 0x9E3779B97F4A7C15ull) ^ edurules::detail::text_hash(k.part[p]);
    return h;
}
std::size_t hash_of(const std::vector<const key_cells*>& cols, std::size_t i) { return hash_of(key_of(cols, i)); }

bool any_missing(const std::vector<const key_cells*>& cols, std::size_t i) {
    for (const key_cells* c : cols)
        if (c->missing[i]) return true;
    return false;
}

py::array_t<bool> bool_array(std::span<const std::uint8_t> v) {
    py::array_t<bool> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

/// Child rows often follow the table's own order (both sorted by the key):
/// a new key is first compared with the table row after the last one found.
/// After a run of good guesses a miss is a gap (a table row without
/// children), found at once; a second miss stops the guessing until the
/// caller has found a block of keys by their hash (`after`), so rows in no
/// order pay one compare per block.
struct row_guess {
    std::int64_t expect = -1;  // the table row to compare with, -1: none
    bool streak = false;       // the last guess was right
    void after(std::int32_t found) {
        if (found >= 0) expect = found + 1;
    }
};

/// The keys of one frame (one or two columns per row): which rows lack a
/// part, which repeat an earlier row's key, and the rows of other frames'
/// keys (lookup). Open addressing over the first row of each key; keys
/// in strictly ascending order (an export sorted by its id) are not hashed
/// until keys come in another order: they are found by merging.
class key_table {
public:
    explicit key_table(const py::list& columns) {
        for (const py::handle c : columns)
            cols_.push_back(read_keys(py::reinterpret_borrow<py::object>(c), cols_.empty()));
        if (cols_.empty() || cols_.size() > 2) throw error(errc::invalid_argument, "", "one or two key columns");
        rows_ = cols_[0].text.size();
        for (const auto& c : cols_)
            if (c.text.size() != rows_) throw error(errc::invalid_argument, "", "key columns differ in length");
        duplicate_.assign(rows_, 0);
        py::gil_scoped_release nogil;
        if (rows_ > static_cast<std::size_t>(INT32_MAX))  // rows come back as int32
            throw error(errc::invalid_argument, "", "too many rows for one key table (at most 2147483647)");
        if (!strictly_ascending()) {  // sorted keys are merged (and hashed only if need be)
            prefix_ = {};
            build_hash(&duplicate_);
            return;
        }
        py::gil_scoped_acquire gil;
        const py::array a = py::array::ensure(columns[0]);
        if (cols_.size() == 1 && a && a.ndim() == 1 && a.dtype().kind() == 'O' &&
            static_cast<std::size_t>(a.size()) ==
                rows_) {  // its cells (kept alive by cols_), to know shared cells at once
            objects_.resize(rows_);
            auto cells = a.unchecked<py::object, 1>();
            for (std::size_t i = 0; i < rows_; ++i) objects_[i] = cells(static_cast<py::ssize_t>(i)).ptr();
        }
    }

    /// The offsets (rows + 1) of a child frame's rows (completions) grouped
    /// by this sorted table's rows, when their keys come in the table's
    /// order: row i's children are [offsets[i], offsets[i + 1]). None when a
    /// key is missing, unknown or out of order, or the table is not sorted
    /// (the general path words what is wrong). The GIL held: the cells are
    /// objects, each compared with the table's own cells before its text is
    /// read.
    py::object completion_offsets(const py::array& keys) const {
        if (!slots_.empty() || cols_.size() != 1 || keys.ndim() != 1 || keys.dtype().kind() != 'O') return py::none();
        const auto cells = py::array::ensure(keys, py::array::c_style);  // a view with strides: its cells, copied
        if (!cells) return py::none();
        const auto n = static_cast<std::size_t>(cells.size());
        PyObject* const* const p = static_cast<PyObject* const*>(cells.data());
        py::array_t<std::int64_t> offsets(static_cast<py::ssize_t>(rows_ + 1));
        std::int64_t* off = offsets.mutable_data();
        PyObject* before = nullptr;
        std::size_t owner = 0, filled = 0;  // the current row's owner; offsets written for owners < filled
        merge_cursor cursor;
        // Rows come in runs of one owner (about six a participant): the cells
        // that differ from the one before are marked 64 at a time without a
        // branch, and only those are matched (a branch per cell mispredicted
        // at every run's end, most of the pass's time).
        for (std::size_t b = 0; b < n; b += 64) {
            const std::size_t e = std::min(n, b + 64);
            for (std::size_t a = 0; a < 64; a += 8)  // the block four ahead (2 KiB): the hardware prefetcher
                __builtin_prefetch(p + std::min(n - 1, b + 256 + a));  // stops at every 4 KiB page
            std::uint64_t changed = 0;
            PyObject* prev = before;
            for (std::size_t i = b; i < e; ++i) {
                changed |= static_cast<std::uint64_t>(p[i] != prev) << (i - b);
                prev = p[i];
            }
            for (; changed != 0; changed &= changed - 1) {
                const std::size_t i = b + static_cast<std::size_t>(std::countr_zero(changed));
                const std::int32_t row = owner_of(p[i], cursor);
                if (row < 0 || static_cast<std::size_t>(row) < owner || cursor.backward > 0) return py::none();
                owner = static_cast<std::size_t>(row);
                for (; filled <= owner; ++filled) off[filled] = static_cast<std::int64_t>(i);
            }
            before = prev;
        }
        for (; filled <= rows_; ++filled) off[filled] = static_cast<std::int64_t>(n);
        return offsets;
    }

    /// The batch's grouped columns of a child frame (completions) whose keys
    /// come in this sorted table's order: the offsets of each table row's
    /// children (completion_offsets), their days (from datetime64 values
    /// counted in `per_day` units a day) and their points in hundredths
    /// (completion_cells). None when a row needs the general path, which
    /// words what is wrong with it: a key missing, unknown or out of order, a
    /// date missing or outside [first, last], points that hundredths()
    /// refuses, or a table that is not sorted.
    py::object grouped_rows(const py::array& keys, const py::array& when, std::int64_t per_day, const py::array& points,
                            std::int32_t first, std::int32_t last, std::int64_t max_points) const {
        if (!known_units_per_day(per_day) || max_points < 0 || max_points > max_points_bound) return py::none();
        const auto when_v = py::array_t<std::int64_t, py::array::c_style>::ensure(when);
        const auto pts_v = py::array_t<double, py::array::c_style>::ensure(points);
        const auto n = static_cast<std::size_t>(keys.size());
        if (!when_v || !pts_v || static_cast<std::size_t>(when_v.size()) != n ||
            static_cast<std::size_t>(pts_v.size()) != n)
            return py::none();
        py::object offsets = completion_offsets(keys);
        if (offsets.is_none()) return offsets;
        py::array_t<std::int32_t> days(static_cast<py::ssize_t>(n));
        py::array_t<std::int64_t> hundredths(static_cast<py::ssize_t>(n));
        std::int32_t* d = days.mutable_data();
        std::int64_t* h = hundredths.mutable_data();
        const std::int64_t* w = when_v.data();
        const double* x = pts_v.data();
        bool good = true;  // dates and points: plain buffers, the GIL released
        {
            py::gil_scoped_release nogil;
            good = completion_cells(w, x, n, per_day, first, last, static_cast<double>(max_points), d, h);
        }
        if (!good) return py::none();
        return py::make_tuple(offsets, days, hundredths);
    }

    std::size_t rows() const { return rows_; }
    py::array_t<bool> duplicate() const { return bool_array(duplicate_); }
    py::list missing() const {
        py::list l;
        for (const auto& c : cols_) l.append(bool_array(c.missing));
        return l;
    }

    /// For each row of `columns`: the first row of this table with the same
    /// key (-1 when none or when a part is missing), and the missing masks.
    py::tuple lookup(const py::list& columns) const {
        if (columns.size() == cols_.size()) {
            std::vector<py::array> objects;
            for (const py::handle c : columns) {
                py::array a = py::array::ensure(c);
                if (!a || a.ndim() != 1 || a.dtype().kind() != 'O') break;
                objects.push_back(std::move(a));
            }
            if (objects.size() == cols_.size()) return lookup_objects(objects);
        }
        std::vector<key_cells> q;
        for (const py::handle c : columns) q.push_back(read_keys(py::reinterpret_borrow<py::object>(c)));
        if (q.size() != cols_.size()) throw error(errc::invalid_argument, "", "key columns do not match the table's");
        const std::size_t n = q[0].text.size();
        for (const auto& c : q)
            if (c.text.size() != n) throw error(errc::invalid_argument, "", "key columns differ in length");
        py::array_t<std::int32_t> out(static_cast<py::ssize_t>(n));
        std::int32_t* pos = out.mutable_data();
        const auto parts = views(q);
        if (slots_.empty() && !ascending_keys(parts, n)) ensure_hash();  // the GIL held: one thread builds it
        if (slots_.empty()) {  // a sorted table and keys in its order: a merge
            py::gil_scoped_release nogil;
            merge_cursor cursor;
            for (std::size_t i = 0; i < n; ++i)
                pos[i] = any_missing(parts, i) ? -1 : find_sorted(key_of(parts, i), cursor);
        } else {
            py::gil_scoped_release nogil;
            // Child rows often come sorted by their key: a row with the key of
            // the row before it takes its answer without a probe.
            auto repeats = [&](std::size_t i) {
                if (i == 0) return false;
                for (const key_cells* c : parts) {
                    const std::string_view a = c->text[i], b = c->text[i - 1];
                    if (c->missing[i] || c->missing[i - 1] || (a.data() != b.data() && a != b)) return false;
                }
                return true;
            };
            constexpr std::size_t block = 32;  // hashes first, slots prefetched, then probed
            std::size_t h[block];
            const std::size_t mask = slots_.size() - 1;
            enum : std::uint8_t { hashed, again, known };
            std::uint8_t how[block];
            row_guess guess;
            for (std::size_t b = 0; b < n; b += block) {
                const std::size_t e = std::min(n, b + block);
                for (std::size_t i = b; i < e; ++i) {
                    how[i - b] = repeats(i) ? again : known;
                    if (how[i - b] == again) continue;
                    if (any_missing(parts, i)) {
                        pos[i] = -1;
                        continue;
                    }
                    if (guessed(key_of(parts, i), guess, pos[i])) continue;
                    how[i - b] = hashed;
                    h[i - b] = hash_of(parts, i);
                    __builtin_prefetch(&slots_[h[i - b] & mask]);
                }
                for (std::size_t i = b; i < e; ++i)
                    if (how[i - b] != known) pos[i] = how[i - b] == again ? pos[i - 1] : find(parts, i, h[i - b]);
                guess.after(pos[e - 1]);
            }
        }
        py::list miss;
        for (const auto& c : q) miss.append(bool_array(c.missing));
        return py::make_tuple(out, miss);
    }

private:
    /// Where a merge stands in a sorted table: the first row whose key is not
    /// below the last key looked up, and how often a key came before that.
    struct merge_cursor {
        std::size_t at = 0;
        std::size_t backward = 0;
    };

    /// Row `row`'s key compared with `k` whose first part's order_prefix is
    /// `kp` (a sorted table has every part): the rows' prefixes, side by
    /// side, settle most compares without reading the row's text.
    int compare_row(const key_text& k, std::uint64_t kp, std::size_t row) const {
        if (kp != prefix_[row]) return kp < prefix_[row] ? -1 : 1;
        if (k.parts == 1) {  // both within their prefixes: the shorter one is the other's start and comes first
            const std::size_t a = k.part[0].size(), b = cols_[0].text[row].size();
            if (a <= 8 && b <= 8) return a < b ? -1 : a > b ? 1 : 0;  // no read of the row's text
        }
        for (std::size_t p = 0; p < k.parts; ++p)
            if (const int c = k.part[p].compare(cols_[p].text[row]); c != 0) return c;
        return 0;
    }
    /// Whether every key has all its parts and each is above the one before
    /// (text as bytes, part by part): then no key repeats, and other frames'
    /// keys are found by merging instead of hashing.
    bool strictly_ascending() {
        const auto parts = views(cols_);
        const bool read = cols_[0].prefix.size() == rows_;  // taken as the cells were read (read_objects)
        if (read)
            prefix_ = std::move(cols_[0].prefix);
        else
            prefix_.resize(rows_);
        for (std::size_t i = 0; i < rows_; ++i) {
            if (any_missing(parts, i)) return false;
            if (!read) prefix_[i] = order_prefix(parts[0]->text[i]);
            if (i > 0) {
                const key_text before = key_of(parts, i - 1);
                if (compare_row(before, prefix_[i - 1], i) >= 0) return false;  // its prefix: no second read
            }
        }
        return rows_ > 0;
    }
    /// Whether the present keys of `q` never go down (a merge takes them).
    static bool ascending_keys(const std::vector<const key_cells*>& q, std::size_t n) {
        std::size_t last = SIZE_MAX;
        for (std::size_t i = 0; i < n; ++i) {
            if (any_missing(q, i)) continue;
            if (last != SIZE_MAX) {
                const key_text a = key_of(q, last), b = key_of(q, i);
                for (std::size_t p = 0; p < a.parts; ++p)
                    if (const int c = a.part[p].compare(b.part[p]); c != 0) {
                        if (c > 0) return false;
                        break;
                    }
            }
            last = i;
        }
        return true;
    }
    /// The row among the next few of a sorted table whose cell is the object
    /// `v` itself (frames cut from one another share their cells), or -1.
    std::int32_t own_cell(PyObject* v, merge_cursor& m) const {
        if (objects_.empty()) return -1;
        for (std::size_t r = m.at, end = std::min(rows_, m.at + 8); r < end; ++r)
            if (objects_[r] == v) {
                m.at = r;
                return static_cast<std::int32_t>(r);
            }
        return -1;
    }
    /// The row of a key cell in a sorted table (-1: none or not text): the
    /// table's own cell object among the next rows is known without reading
    /// the cell; otherwise its text is merged in.
    std::int32_t owner_of(PyObject* v, merge_cursor& m) const {
        if (const std::int32_t row = own_cell(v, m); row >= 0) return row;
        if (!PyUnicode_Check(v)) return -1;
        key_text k;
        k.part[k.parts++] = utf8_of(v);
        return find_sorted(k, m);
    }
    /// The row holding `k` in a sorted table (-1: none), galloping forward
    /// from the cursor (keys looked up in the table's order cost a compare or
    /// two each) or searching the rows before it when `k` comes earlier.
    std::int32_t find_sorted(const key_text& k, merge_cursor& m) const {
        const std::uint64_t kp = order_prefix(k.part[0]);
        auto compare_row = [&](const key_text& key, std::size_t row) { return this->compare_row(key, kp, row); };
        std::size_t lo = 0, hi = rows_;  // the first row not below k is in [lo, hi]
        if (m.at < rows_) {
            const int c = compare_row(k, m.at);
            if (c == 0) return static_cast<std::int32_t>(m.at);
            if (c < 0) {
                ++m.backward;
                hi = m.at;
            } else {
                std::size_t below = m.at, step = 1;  // row `below` is below k
                while (m.at + step < rows_ && compare_row(k, m.at + step) > 0) {
                    below = m.at + step;
                    step *= 2;
                }
                lo = below + 1;
                hi = std::min(m.at + step, rows_);
            }
        } else if (rows_ > 0 && compare_row(k, rows_ - 1) <= 0) {
            ++m.backward;
            hi = rows_ - 1;
        } else {
            return -1;
        }
        while (lo < hi) {  // lower bound in [lo, hi)
            const std::size_t mid = lo + (hi - lo) / 2;
            if (compare_row(k, mid) > 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        m.at = lo;
        return lo < rows_ && compare_row(k, lo) == 0 ? static_cast<std::int32_t>(lo) : -1;
    }
    /// The hash of the keys; `duplicate` (when given) marks the rows whose
    /// key an earlier row has.
    void build_hash(detail::big_vector<std::uint8_t>* duplicate) const {
        std::size_t cap = 16;
        while (cap < rows_ * 2) cap <<= 1;
        slots_.assign(cap, slot{});
        const auto parts = views(cols_);
        constexpr std::size_t block = 16;  // hashes first, slots prefetched, then inserted in order
        std::size_t h[block];
        for (std::size_t b = 0; b < rows_; b += block) {
            const std::size_t e = std::min(rows_, b + block);
            for (std::size_t i = b; i < e; ++i) {
                if (any_missing(parts, i)) continue;
                h[i - b] = hash_of(parts, i);
                __builtin_prefetch(&slots_[h[i - b] & (slots_.size() - 1)]);
            }
            for (std::size_t i = b; i < e; ++i)
                if (!any_missing(parts, i) && probe(parts, i, h[i - b], true) >= 0 && duplicate) (*duplicate)[i] = 1;
        }
    }
    /// A sorted table hashes its keys when first asked for keys in no order
    /// (called with the GIL held, so by one thread at a time).
    void ensure_hash() const {
        if (slots_.empty()) build_hash(nullptr);
    }

    /// Object columns (one per key part), read and matched in one pass (the
    /// GIL held: the cells are read as they are matched), nothing kept per
    /// row but the answer. A row whose cells are the same objects as the row
    /// before's, or spell the same key, takes its answer without a probe
    /// (child rows often come sorted by their key).
    py::tuple lookup_objects(const std::vector<py::array>& arrays) const {
        const std::size_t parts = arrays.size();
        const auto n = static_cast<std::size_t>(arrays[0].size());
        for (const auto& a : arrays)
            if (static_cast<std::size_t>(a.size()) != n)
                throw error(errc::invalid_argument, "", "key columns differ in length");
        py::array_t<std::int32_t> out(static_cast<py::ssize_t>(n));
        std::int32_t* pos = out.mutable_data();
        std::vector<py::array_t<bool>> miss;
        std::vector<bool*> m;
        std::vector<decltype(arrays[0].unchecked<py::object, 1>())> cells;
        for (const auto& a : arrays) {
            miss.emplace_back(static_cast<py::ssize_t>(n));
            m.push_back(miss.back().mutable_data());
            std::fill(m.back(), m.back() + n, false);
            cells.push_back(a.unchecked<py::object, 1>());
        }
        constexpr std::size_t block = 16;  // distinct keys read and hashed, their slots prefetched, then found
        constexpr std::int32_t again = INT32_MIN;
        std::vector<key_cells> q(parts);
        for (auto& c : q) {
            c.text.resize(block);
            c.missing.assign(block, 0);
        }
        const auto qp = views(q);
        std::size_t at[block], h[block], k = 0;
        row_guess guess;                // child rows often follow the table's own order
        bool any_again = false;         // a row waits for a key of the block
        bool merging = slots_.empty();  // a sorted table: merged while the keys come in its order
        merge_cursor cursor;
        const auto flush = [&] {
            for (std::size_t j = 0; j < k; ++j) pos[at[j]] = find(qp, j, h[j]);
            if (k > 0) guess.after(pos[at[k - 1]]);
            k = 0;
            for (auto& c : q) c.owned.clear();
        };
        PyObject* before[2] = {nullptr, nullptr};  // the row before's cells
        std::string_view prev[2];                  // and its key, when it had every part
        std::string prev_owned[2], cur_owned[2];   // non-str cells as text: the row before's, this row's
        bool prev_whole = false;
        constexpr std::size_t ahead = 8;  // cells whose objects are fetched while this one is matched
        for (std::size_t i = 0; i < n; ++i) {
            if (i + ahead < n)  // a cell's object is a cache miss when it is read: asked for early
                for (std::size_t p = 0; p < parts; ++p)
                    __builtin_prefetch(cells[p](static_cast<py::ssize_t>(i + ahead)).ptr());
            PyObject* v[2] = {nullptr, nullptr};
            bool same_objects = i > 0;
            for (std::size_t p = 0; p < parts; ++p) {
                v[p] = cells[p](static_cast<py::ssize_t>(i)).ptr();
                same_objects = same_objects && v[p] == before[p];
            }
            if (same_objects) {  // the row before's masks, and its answer (once found when still in the block)
                for (std::size_t p = 0; p < parts; ++p) m[p][i] = m[p][i - 1];
                pos[i] = pos[i - 1];
                continue;
            }
            if (merging && parts == 1) {  // the table's own cell among the next rows: found without reading it
                if (const std::int32_t row = own_cell(v[0], cursor); row >= 0) {
                    before[0] = v[0];
                    prev_whole = false;  // its text is not read: the next row compares its own
                    pos[i] = row;
                    continue;
                }
            }
            bool whole = true, same_key = prev_whole;
            std::string_view text[2];
            for (std::size_t p = 0; p < parts; ++p) {
                before[p] = v[p];
                if (PyUnicode_Check(v[p])) {
                    text[p] = utf8_of(v[p]);
                } else if (missing_cell(v[p])) {
                    m[p][i] = true;
                    whole = false;
                    continue;
                } else {
                    text[p] = cur_owned[p] = py::str(v[p]).cast<std::string>();
                }
                same_key = same_key && text[p] == prev[p];
            }
            prev_whole = whole;
            if (!whole) {
                pos[i] = -1;
                continue;
            }
            if (same_key) {
                pos[i] = pos[i - 1];
                continue;
            }
            for (std::size_t p = 0; p < parts; ++p)  // the row before's key for the next row (non-str: a copy)
                prev[p] = PyUnicode_Check(v[p]) ? text[p] : std::string_view(prev_owned[p].assign(cur_owned[p]));
            if (merging) {
                pos[i] = find_sorted(key_text{{text[0], text[1]}, parts}, cursor);
                if (cursor.backward > 64 + i / 32) {  // keys in no order: hashed from here on
                    ensure_hash();
                    merging = false;
                }
                continue;
            }
            if (guessed(key_text{{text[0], text[1]}, parts}, guess, pos[i])) continue;
            for (std::size_t p = 0; p < parts; ++p)  // kept until the block is found
                q[p].text[k] =
                    PyUnicode_Check(v[p]) ? text[p] : std::string_view(q[p].owned.emplace_back(cur_owned[p]));
            at[k] = i, h[k] = hash_of(qp, k);
            pos[i] = again;  // found when the block is
            any_again = true;
            __builtin_prefetch(&slots_[h[k] & (slots_.size() - 1)]);
            if (++k == block) flush();
        }
        flush();
        if (any_again)  // rows repeating a key that was still in the block take its answer now
            for (std::size_t i = 1; i < n; ++i)
                if (pos[i] == again) pos[i] = pos[i - 1];
        py::list l;
        for (auto& x : miss) l.append(x);
        return py::make_tuple(out, l);
    }

    /// Whether table row `row` (if any) holds the key `k` and is the first row with it.
    /// True when `key`'s row is known without hashing it with its block
    /// (`row_guess`): then `row` holds it (-1: not in the table).
    bool guessed(const key_text& key, row_guess& g, std::int32_t& row) const {
        if (g.expect >= 0) {
            if (is_row_key(key, static_cast<std::size_t>(g.expect))) {
                row = static_cast<std::int32_t>(g.expect++);
                g.streak = true;
                return true;
            }
            if (g.streak) {  // a gap in a run of good guesses: found now
                g.streak = false;
                row = find(key);
                g.expect = row >= 0 ? row + 1 : -1;
                return true;
            }
        }
        g.expect = -1;  // guessed wrong twice: hashed until the block is found
        return false;
    }

    bool is_row_key(const key_text& k, std::size_t row) const {
        if (row >= rows_ || duplicate_[row]) return false;
        for (std::size_t p = 0; p < k.parts; ++p)
            if (cols_[p].missing[row] || cols_[p].text[row] != k.part[p]) return false;
        return true;
    }
    static std::vector<const key_cells*> views(const std::vector<key_cells>& cols) {
        std::vector<const key_cells*> v;
        for (const auto& c : cols) v.push_back(&c);
        return v;
    }
    bool same(const key_text& k, std::size_t row) const {
        for (std::size_t p = 0; p < k.parts; ++p)
            if (k.part[p] != cols_[p].text[row]) return false;
        return true;
    }
    /// A slot: the first key part's first 8 bytes and length, the hash's
    /// high bits and the row + 1 (0 = empty). A key of one part of at most 8
    /// bytes is compared in the slot, without reading the row's text.
    struct slot {
        std::uint64_t prefix = 0;
        std::uint32_t row = 0;
        std::uint16_t size = 0;
        std::uint16_t tag = 0;
    };
    static slot slot_of(std::string_view first, std::size_t h, std::size_t row) {
        slot s;
        std::memcpy(&s.prefix, first.data(), std::min<std::size_t>(first.size(), 8));
        s.row = static_cast<std::uint32_t>(row + 1);
        s.size = static_cast<std::uint16_t>(std::min<std::size_t>(first.size(), 0xFFFF));
        s.tag = static_cast<std::uint16_t>(h >> 48);
        return s;
    }
    /// The slot holding the key `k` (hashed `h`), or the empty slot where it would go.
    std::size_t slot_for(const key_text& k, std::size_t h) const {
        const slot want = slot_of(k.part[0], h, 0);
        const bool inline_key = k.parts == 1 && k.part[0].size() <= 8;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t at = h & mask;; at = (at + 1) & mask) {
            const slot& s = slots_[at];
            if (s.row == 0) return at;
            if (s.tag == want.tag && s.size == want.size && s.prefix == want.prefix &&
                (inline_key || same(k, s.row - 1)))
                return at;
        }
    }
    std::size_t slot_for(const std::vector<const key_cells*>& q, std::size_t i, std::size_t h) const {
        return slot_for(key_of(q, i), h);
    }
    /// The first row with row i's key; when `insert`, row i is added if new.
    std::int64_t probe(const std::vector<const key_cells*>& q, std::size_t i, std::size_t h, bool insert) const {
        slot& s = slots_[slot_for(q, i, h)];
        if (s.row != 0) return static_cast<std::int64_t>(s.row) - 1;
        if (insert) s = slot_of(q[0]->text[i], h, i);
        return -1;
    }
    std::int32_t find(const key_text& k, std::size_t h) const {
        return static_cast<std::int32_t>(static_cast<std::int64_t>(slots_[slot_for(k, h)].row) - 1);
    }
    std::int32_t find(const std::vector<const key_cells*>& q, std::size_t i, std::size_t h) const {
        return find(key_of(q, i), h);
    }
    std::int32_t find(const key_text& k) const { return find(k, hash_of(k)); }

    std::vector<key_cells> cols_;
    std::size_t rows_ = 0;
    detail::big_vector<std::uint8_t> duplicate_;
    detail::big_vector<std::uint64_t> prefix_;  ///< a sorted table's order_prefix of each row, else empty
    detail::big_vector<PyObject*> objects_;     ///< a sorted table's cells when they are one object column
    mutable detail::big_vector<slot> slots_;    ///< empty while a sorted table is only merged
};

/// Child rows grouped by owner (a stable counting sort): the order of the
/// kept rows (owner -1 is left out), the owners' offsets (rows + 1), and
/// whether that order is the rows' own (nothing to reorder; the order then
/// comes back empty unless `order_in_order`). Owners as int32 or int64.
template <class Owner>
py::tuple group_owners(const Owner* o, std::size_t n, std::size_t rows, bool order_in_order) {
    py::array_t<std::int64_t> offsets(static_cast<py::ssize_t>(rows + 1));
    std::int64_t* off = offsets.mutable_data();
    std::size_t kept = 0;
    bool in_order = true;  // every row kept, owners never decreasing: the order is the rows' own
    {
        py::gil_scoped_release nogil;
        std::fill(off, off + rows + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            in_order = in_order && o[i] >= 0 && (i == 0 || o[i] >= o[i - 1]);
            if (o[i] < 0) continue;
            if (static_cast<std::size_t>(o[i]) >= rows) throw error(errc::invalid_argument, "", "owner out of range");
            ++off[o[i] + 1];
            ++kept;
        }
        for (std::size_t r = 0; r < rows; ++r) off[r + 1] += off[r];
    }
    if (in_order && !order_in_order) return py::make_tuple(py::array_t<std::int64_t>(0), offsets, true);
    py::array_t<std::int64_t> order(static_cast<py::ssize_t>(kept));
    std::int64_t* ord = order.mutable_data();
    {
        py::gil_scoped_release nogil;
        detail::big_vector<std::int64_t> next(off, off + rows);
        for (std::size_t i = 0; i < n; ++i)
            if (o[i] >= 0) ord[next[static_cast<std::size_t>(o[i])]++] = static_cast<std::int64_t>(i);
    }
    return py::make_tuple(order, offsets, in_order);
}

py::tuple group_rows(const py::array& owner, std::size_t rows, bool order_in_order) {
    if (py::isinstance<py::array_t<std::int32_t>>(owner)) {
        const auto o32 = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>::ensure(owner);
        return group_owners(o32.data(), static_cast<std::size_t>(o32.size()), rows, order_in_order);
    }
    const auto o64 = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(owner);
    if (!o64) throw error(errc::invalid_argument, "", "owners must be whole numbers");
    return group_owners(o64.data(), static_cast<std::size_t>(o64.size()), rows, order_in_order);
}

// ---- dates --------------------------------------------------------------------

/// The epoch day of ISO text `YYYY-MM-DD` (any year 0001..9999, the range is
/// checked by the caller), or false for another shape or an impossible day.
bool iso_day(std::string_view s, std::int64_t& day) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    std::int64_t v[3] = {0, 0, 0};
    const std::size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f)
        for (std::size_t i = at[f]; i < at[f] + len[f]; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v[f] = v[f] * 10 + (s[i] - '0');
        }
    const std::int64_t y = v[0], m = v[1], d = v[2];
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    static constexpr int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
    // days from the civil date (H. Hinnant's algorithm, proleptic Gregorian)
    const std::int64_t yy = m <= 2 ? y - 1 : y, era = yy / 400, yoe = yy - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    day = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return true;
}

enum day_status : std::uint8_t { day_ok = 0, day_missing = 1, day_bad = 2, day_out_of_range = 3 };

/// Dates as epoch days: datetime64 (any unit down to days, NaT missing) or
/// objects (ISO text, date, datetime, Timestamp, numpy datetime64 of any
/// unit; None/NaN/NaT missing).
/// Returns days (no_day unless ok), a status per row (ok, missing, bad,
/// out of range [first, last]), the raw day of every out-of-range row, and
/// for objects how many cells are text, dates and anything else.
py::dict epoch_days(const py::array& column, std::int32_t first, std::int32_t last) {
    const py::array a = py::array::ensure(column);
    if (!a || a.ndim() != 1) throw error(errc::invalid_argument, "", "expected a one-dimensional date column");
    const auto n = static_cast<std::size_t>(a.size());
    py::array_t<std::int32_t> days(static_cast<py::ssize_t>(n));
    py::array_t<std::uint8_t> status(static_cast<py::ssize_t>(n));
    std::int32_t* d = days.mutable_data();
    std::uint8_t* st = status.mutable_data();
    std::vector<std::int64_t> raw_bad;
    std::int64_t texts = 0, dates = 0, others = 0;
    auto put = [&](std::size_t i, std::int64_t day) {
        if (day < first || day > last) {
            st[i] = day_out_of_range, d[i] = no_day;
            raw_bad.push_back(day);
        } else {
            st[i] = day_ok, d[i] = static_cast<std::int32_t>(day);
        }
    };
    const char kind = a.dtype().kind();
    if (kind == 'M') {
        const std::int64_t per = units_per_day(a, "");
        auto v = py::array_t<std::int64_t, py::array::c_style>::ensure(a.attr("view")("int64"));
        const std::int64_t* x = v.data();
        py::gil_scoped_release nogil;
        with_units_per_day(per, [&](auto unit) {
            for (std::size_t i = 0; i < n; ++i) {
                if (x[i] == INT64_MIN) {
                    st[i] = day_missing, d[i] = no_day;
                    continue;
                }
                put(i, floor_day<decltype(unit)::value>(x[i]));
            }
        });
    } else if (kind == 'O') {
        constexpr std::int64_t ordinal_of_epoch = 719163;  // date(1970, 1, 1).toordinal()
        auto cells = a.unchecked<py::object>();
        for (std::size_t i = 0; i < n; ++i) {
            const py::handle v = cells(static_cast<py::ssize_t>(i));
            st[i] = day_missing, d[i] = no_day;
            if (missing_cell(v.ptr())) continue;
            if (PyUnicode_Check(v.ptr())) {
                ++texts;
                std::int64_t day = 0;
                Py_ssize_t size = 0;
                const char* text = PyUnicode_AsUTF8AndSize(v.ptr(), &size);  // NULL: a lone surrogate, not a date
                if (!text) PyErr_Clear();
                if (text && iso_day({text, static_cast<std::size_t>(size)}, day))
                    put(i, day);
                else
                    st[i] = day_bad;
            } else if (py::hasattr(v, "toordinal")) {
                ++dates;
                put(i, v.attr("toordinal")().cast<std::int64_t>() - ordinal_of_epoch);
            } else if (std::string_view(Py_TYPE(v.ptr())->tp_name) == "numpy.datetime64") {
                // read in days by numpy's own cast (rounded down), never through nanoseconds: 9999-12-31 fits
                ++dates;
                const auto day = v.attr("astype")("datetime64[D]").attr("astype")("int64").cast<std::int64_t>();
                if (day != INT64_MIN) put(i, day);  // NaT: missing
            } else {
                ++others;
                st[i] = day_bad;
            }
        }
    } else {
        throw error(errc::invalid_argument, "", "expected datetime64 or object dates");
    }
    py::dict r;
    r["days"] = days;
    r["status"] = status;
    r["raw_bad"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(raw_bad.size()), raw_bad.data());
    r["texts"] = texts;
    r["dates"] = dates;
    r["others"] = others;
    return r;
}

/// A float column in units of 10^-digits (at most `most` whole units), with
/// a status per value (points_status): float32 read at float32 precision
/// (units_of_f32), any other column as float64 (units_of).
py::tuple decimal_units(const py::array& values, int digits, std::int64_t most, bool negative_ok) {
    const decimal_place p = checked_place(digits, most, negative_ok);
    const auto run = [&](const auto& column, auto units) {
        const auto n = static_cast<std::size_t>(column.size());
        py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
        py::array_t<std::uint8_t> status(static_cast<py::ssize_t>(n));
        const auto* v = column.data();
        std::int64_t* o = out.mutable_data();
        std::uint8_t* st = status.mutable_data();
        {
            py::gil_scoped_release nogil;
            for (std::size_t i = 0; i < n; ++i) st[i] = units(v[i], p, o[i]);
        }
        return py::make_tuple(out, status);
    };
    if (py::isinstance<py::array_t<float>>(values))
        return run(py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(values), units_of_f32);
    return run(py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values), units_of);
}

/// An object column (text, numbers, None) in units of 10^-digits, with a
/// status per cell (points_status), in one pass over the cells.
py::tuple decimal_units_of_objects(const py::array& cells, int digits, std::int64_t most, bool negative_ok) {
    const decimal_place p = checked_place(digits, most, negative_ok);
    const py::array a = py::array::ensure(cells);
    if (!a || a.ndim() != 1 || a.dtype().kind() != 'O')
        throw error(errc::invalid_argument, "", "expected a one-dimensional object column");
    const auto n = static_cast<std::size_t>(a.size());
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
    py::array_t<std::uint8_t> status(static_cast<py::ssize_t>(n));
    std::int64_t* o = out.mutable_data();
    std::uint8_t* st = status.mutable_data();
    auto c = a.unchecked<py::object>();
    for (std::size_t i = 0; i < n; ++i) st[i] = units_of_object(c(static_cast<py::ssize_t>(i)).ptr(), p, o[i]);
    return py::make_tuple(out, status);
}

/// Epoch days (int32, no_day = none) as datetime64[ns] values (NaT for
/// none), in one pass: dates of the engine's calendar fit nanoseconds.
py::array datetime64_of_days(const py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>& days) {
    const auto n = static_cast<std::size_t>(days.size());
    py::array_t<std::int64_t> out(static_cast<py::ssize_t>(n));
    std::int64_t* o = out.mutable_data();
    const std::int32_t* d = days.data();
    {
        py::gil_scoped_release nogil;
        for (std::size_t i = 0; i < n; ++i) o[i] = d[i] == no_day ? INT64_MIN : datetime64_ns_of_day(d[i]);
    }
    return out.attr("view")("M8[ns]");
}

/// Hundredths as float64 points (NaN where `blank` is set), in one pass.
py::array_t<double> float_points(const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& hundredths,
                                 const py::array_t<bool, py::array::c_style | py::array::forcecast>& blank) {
    const auto n = static_cast<std::size_t>(hundredths.size());
    if (static_cast<std::size_t>(blank.size()) != n)
        throw error(errc::invalid_argument, "blank", "length must equal the points'");
    py::array_t<double> out(static_cast<py::ssize_t>(n));
    double* o = out.mutable_data();
    const std::int64_t* h = hundredths.data();
    const bool* b = blank.data();
    py::gil_scoped_release nogil;
    for (std::size_t i = 0; i < n; ++i) o[i] = b[i] ? std::nan("") : static_cast<double>(h[i]) / 100.0;
    return out;
}

}  // namespace

void add_kernels(py::module_& m) {
    py::class_<key_table>(m, "KeyTable", "The keys of one frame, for matching other frames' keys to its rows.")
        .def(py::init<const py::list&>(), py::arg("columns"))
        .def_property_readonly("rows", &key_table::rows)
        .def_property_readonly("duplicate", &key_table::duplicate)
        .def_property_readonly("missing", &key_table::missing)
        .def("lookup", &key_table::lookup, py::arg("columns"))
        .def("completion_offsets", &key_table::completion_offsets, py::arg("keys"),
             "Offsets (rows + 1) of child rows whose keys come in this sorted table's order, or None.")
        .def("grouped_rows", &key_table::grouped_rows, py::arg("keys"), py::arg("when"), py::arg("per_day"),
             py::arg("points"), py::arg("first"), py::arg("last"), py::arg("max_points"),
             "(offsets, days, hundredths) of child rows in this sorted table's order, or None (general path).");
    m.def("group_rows", &group_rows, py::arg("owner"), py::arg("rows"), py::arg("order_in_order") = true,
          "Child rows grouped by owner: (order of kept rows, offsets, whether already in order); the order is "
          "empty for rows already in order unless order_in_order.");
    m.def("datetime64_of_days", &datetime64_of_days, py::arg("days"),
          "Epoch days (int32, NO_DAY = none) as datetime64[ns] (NaT for none).");
    m.def("float_points", &float_points, py::arg("hundredths"), py::arg("blank"),
          "Hundredths as float64 points, NaN where blank.");
    m.def("decimal_units", &decimal_units, py::arg("values"), py::arg("digits"), py::arg("most"),
          py::arg("negative_ok") = false,
          "A float column in units of 10^-digits with a status per value (0 ok, 1 NaN, 2 inf, 3 negative, "
          "4 decimals, 5 huge); a float64 stands for a decimal within 4 ulps of it, a float32 for the shortest "
          "decimal that reads back as it (number_cells.hpp).");
    m.def("decimal_units_of_objects", &decimal_units_of_objects, py::arg("cells"), py::arg("digits"), py::arg("most"),
          py::arg("negative_ok") = false,
          "An object column in units of 10^-digits with a status per cell (0 ok, 1 missing, 3 negative, "
          "4 decimals, 5 huge, 6 not a number, 7 a boolean); text is read exactly, as the JSON path reads it.");
    m.def("epoch_days", &epoch_days, py::arg("column"), py::arg("first"), py::arg("last"),
          "Dates as epoch days with a status per row (0 ok, 1 missing, 2 bad, 3 out of range).");
    m.def(
        "nearest_name",
        [](const std::string& name, const std::vector<std::string>& known) {
            return std::string(edurules::nearest_name(name, known));
        },
        py::arg("name"), py::arg("known"),
        "The known name nearest to `name` (core/nearest.hpp, as the JSON readers name it), or '' when none is close.");
}

}  // namespace edurules::python
