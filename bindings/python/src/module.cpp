// The private compiled module behind the `edurules` Python package: the
// engine, the JSON request path and the columnar PE batch path, with the GIL
// released around every evaluation. Python-facing names and documentation
// live in the package (edurules/*.py); this file only translates.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <vector>

#include "account_module.hpp"
#include "edurules/engine.hpp"
#include "edurules/io/file.hpp"
#include "edurules/io/pe_json.hpp"
#include "edurules/io/request.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/pe/batch.hpp"
#include "edurules/pe/dossier.hpp"
#include "frame_kernels.hpp"
#include "leave_module.hpp"

namespace py = pybind11;
using namespace edurules;

namespace {

// Columns arrive as C-contiguous arrays of exactly these types: the package
// converts (vectorised) before calling, so no silent cast happens here.
using i32_array = py::array_t<std::int32_t, py::array::c_style>;
using i64_array = py::array_t<std::int64_t, py::array::c_style>;
using u8_array = py::array_t<std::uint8_t, py::array::c_style>;

template <class T>
std::span<const T> view(const py::array_t<T, py::array::c_style>& a) {
    if (a.ndim() != 1) throw error(errc::invalid_argument, "", "columns must be one-dimensional");
    return {a.data(), static_cast<std::size_t>(a.size())};
}
template <class T>
std::pair<py::array_t<T>, std::span<T>> make_out(std::size_t n) {
    py::array_t<T> a(static_cast<py::ssize_t>(n));
    return {a, std::span<T>(a.mutable_data(), n)};
}

date day_arg(std::int32_t d, const char* field) {
    if (!pe::detail::day_ok(d)) throw error(errc::invalid_argument, field, "date outside 1900-01-01..9999-12-31");
    return pe::epoch_day(d);
}

/// Raises the package's exception for an engine error: edurules._errors
/// builds it (class by code, with .field, .record, .offset).
void raise_engine_error(errc code, const std::string& field, const std::string& message, std::int64_t record,
                        std::int64_t offset) {
    try {
        py::object make = py::module_::import("edurules._errors").attr("_from_engine");
        py::object exc = make(static_cast<int>(code), field, message, record, offset);
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    } catch (py::error_already_set& failed) {
        failed.restore();  // the package is broken: report that instead
    }
}

std::shared_ptr<const engine> make_engine(
    std::optional<std::string> rulebook_json, const std::string& origin,
    const std::vector<std::pair<std::string, std::string>>& overlays,
    const std::vector<std::tuple<std::string, std::string, std::optional<std::int32_t>, std::optional<std::int32_t>>>&
        overrides) {
    py::gil_scoped_release nogil;
    std::shared_ptr<const rulebook> rb =
        rulebook_json ? std::make_shared<const rulebook>(rulebook::from_json(*rulebook_json, origin))
                      : rulebook::builtin();
    for (const auto& [text, name] : overlays)
        rb = std::make_shared<const rulebook>(rulebook::overlaid(*rb, rulebook::from_json(text, name)));
    for (const auto& [name, value, from, to] : overrides) {
        std::optional<date> f, t;
        if (from) f = day_arg(*from, "overrides.from");
        if (to) t = day_arg(*to, "overrides.to");
        rb = std::make_shared<const rulebook>(rulebook::with_value(*rb, name, value, f, t));
    }
    return std::make_shared<const engine>(rb);
}

/// Runs `work(begin, end)` over [0, n) split into `threads` ranges; the
/// engine is immutable, so ranges are independent. Rethrows the first error.
template <class Work>
void parallel_rows(std::size_t n, int threads, Work&& work) {
    std::size_t t =
        threads > 0 ? static_cast<std::size_t>(threads)
                    : std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), n / 16384));
    t = std::max<std::size_t>(1, std::min({t, std::max<std::size_t>(n, 1), std::size_t{256}}));
    if (t == 1) {
        work(std::size_t{0}, n);
        return;
    }
    std::vector<std::exception_ptr> errors(t);
    std::vector<std::thread> pool;
    for (std::size_t k = 0; k < t; ++k) {
        auto range = [&, k] {
            try {
                work(n * k / t, n * (k + 1) / t);
            } catch (...) {
                errors[k] = std::current_exception();
            }
        };
        try {
            pool.emplace_back(range);
        } catch (const std::system_error&) {
            range();  // no thread to be had: this one does the range
        }
    }
    for (auto& th : pool) th.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

/// PE status over columns: pe::status_batch, the single path's rules over
/// the columns (dispensations and renewal requests included), rows split
/// over threads. Rejected rows carry their pe::batch_row_error and, in
/// error_item, the position of the sub-record at fault.
py::dict pe_status_columns(const engine& e, std::int32_t at_day, const i32_array& diploma, const i32_array& activation,
                           const i64_array& coff, const i32_array& cday, const i64_array& cpts, const i64_array& roff,
                           const i32_array& rday, const i64_array& doff, const i32_array& dreq, const i32_array& ddec,
                           const u8_array& dgranted, int threads) {
    const date at = day_arg(at_day, "date");
    const pe::status_columns in{view(diploma), view(activation), view(coff), view(cday), view(cpts),    view(roff),
                                view(rday),    view(doff),       view(dreq), view(ddec), view(dgranted)};
    const std::size_t n = in.diploma_day.size();
    auto [state, state_s] = make_out<std::uint8_t>(n);
    auto [reason, reason_s] = make_out<std::uint8_t>(n);
    auto [first, first_s] = make_out<std::int32_t>(n);
    auto [last, last_s] = make_out<std::int32_t>(n);
    auto [earned, earned_s] = make_out<std::int64_t>(n);
    auto [short_by, short_s] = make_out<std::int64_t>(n);
    auto [left, left_s] = make_out<std::int32_t>(n);
    auto [renew, renew_s] = make_out<std::uint8_t>(n);
    auto [err, err_s] = make_out<std::int32_t>(n);
    auto [item, item_s] = make_out<std::int64_t>(n);
    const pe::status_results out{state_s, reason_s, first_s, last_s, earned_s, short_s, left_s, renew_s, err_s, item_s};
    pe::check_columns(in, out);
    {
        py::gil_scoped_release nogil;
        const pe::rules& R = e.pe();
        parallel_rows(n, threads, [&](std::size_t b, std::size_t end) { pe::status_batch(R, at, in, out, b, end); });
    }
    py::dict r;
    r["state"] = state;
    r["reason"] = reason;
    r["period_first"] = first;
    r["period_last"] = last;
    r["earned"] = earned;
    r["short_by"] = short_by;
    r["days_left"] = left;
    r["renewal_possible"] = renew;
    r["error"] = err;
    r["error_item"] = item;
    return r;
}

/// The PE status frame's columns, written straight from the batch's loop
/// with no intermediate output columns: category codes (-1 = none),
/// datetime64[ns] periods (NaT = none), points as float64 (NaN = none) or,
/// when `exact`, as hundredths, days_left with its missing mask,
/// renewal_possible. Rows `blank` (flagged by the package: a bad cell) are
/// decided but written blank. The refused rows come back on their own: row,
/// pe::batch_row_error, item. `evaluate(R, b, end, put)` decides rows
/// [b, end) over `threads` and hands each to `put` (pe::each_status's
/// contract); it returns false when its columns need the package's general
/// path, and the call then returns None.
template <class Evaluate>
py::object status_frame(const engine& e, std::size_t n, const bool* blank, bool exact, int threads,
                        Evaluate&& evaluate) {
    auto [state, state_s] = make_out<std::int8_t>(n);
    auto [reason, reason_s] = make_out<std::int8_t>(n);
    auto [first, first_s] = make_out<std::int64_t>(n);
    auto [last, last_s] = make_out<std::int64_t>(n);
    auto [left, left_s] = make_out<std::int32_t>(n);
    auto [left_missing, left_missing_s] = make_out<bool>(n);
    auto [renew, renew_s] = make_out<bool>(n);
    py::array earned, short_by;
    std::span<double> earned_f, short_f;
    std::span<std::int64_t> earned_h, short_h;
    if (exact) {
        std::tie(earned, earned_h) = make_out<std::int64_t>(n);
        std::tie(short_by, short_h) = make_out<std::int64_t>(n);
    } else {
        std::tie(earned, earned_f) = make_out<double>(n);
        std::tie(short_by, short_f) = make_out<double>(n);
    }
    auto ns_of = [](date d) { return python::datetime64_ns_of_day(pe::to_epoch_day(d)); };
    struct refusal {
        std::size_t row;
        pe::batch_row_error code;
        std::int64_t item;
    };
    std::vector<std::vector<refusal>> refused(1);
    std::mutex refused_lock;
    std::atomic<bool> general{false};
    {
        py::gil_scoped_release nogil;
        const pe::rules& R = e.pe();
        parallel_rows(n, threads, [&](std::size_t b, std::size_t end) {
            std::vector<refusal> mine;
            const bool done = evaluate(
                R, b, end, [&](std::size_t i, const pe::status_core& s, pe::batch_row_error why, std::int64_t item) {
                    const bool decided = why == pe::batch_row_error::none && !blank[i];
                    if (why != pe::batch_row_error::none) mine.push_back({i, why, item});
                    const auto st = static_cast<std::int8_t>(s.reg.state);
                    state_s[i] = decided ? st : std::int8_t{-1};
                    reason_s[i] = decided && s.reg.state == pe::reg_state::not_registered
                                      ? static_cast<std::int8_t>(s.reg.reason)
                                      : std::int8_t{-1};
                    first_s[i] = decided && s.reg.current ? ns_of(s.reg.current->first) : INT64_MIN;
                    last_s[i] = decided && s.reg.current ? ns_of(s.reg.current->last) : INT64_MIN;
                    const bool has_left = decided && s.days_left.has_value();
                    left_s[i] = has_left ? static_cast<std::int32_t>(*s.days_left) : 0;
                    left_missing_s[i] = !has_left;
                    renew_s[i] = decided && s.renewal_possible;
                    if (exact) {
                        earned_h[i] = decided ? s.reg.earned.hundredths : 0;
                        short_h[i] = decided ? s.short_by.hundredths : 0;
                    } else {
                        earned_f[i] = decided ? static_cast<double>(s.reg.earned.hundredths) / 100.0 : std::nan("");
                        short_f[i] = decided ? static_cast<double>(s.short_by.hundredths) / 100.0 : std::nan("");
                    }
                });
            if (!done) general = true;
            if (!mine.empty()) {
                const std::lock_guard<std::mutex> hold(refused_lock);
                refused.push_back(std::move(mine));
            }
        });
    }
    if (general) return py::none();
    std::vector<refusal> all;
    for (auto& part : refused) all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end(), [](const refusal& a, const refusal& b) { return a.row < b.row; });
    auto [rows, rows_s] = make_out<std::int64_t>(all.size());
    auto [codes, codes_s] = make_out<std::int32_t>(all.size());
    auto [items, items_s] = make_out<std::int64_t>(all.size());
    for (std::size_t k = 0; k < all.size(); ++k) {
        rows_s[k] = static_cast<std::int64_t>(all[k].row);
        codes_s[k] = static_cast<std::int32_t>(all[k].code);
        items_s[k] = all[k].item;
    }
    py::dict r;
    r["state"] = state;
    r["reason"] = reason;
    r["period_start"] = first.attr("view")("M8[ns]");
    r["period_end"] = last.attr("view")("M8[ns]");
    r["earned"] = earned;
    r["short_by"] = short_by;
    r["days_left"] = left;
    r["days_left_missing"] = left_missing;
    r["renewal_possible"] = renew;
    r["refused_rows"] = rows;
    r["refused_codes"] = codes;
    r["refused_items"] = items;
    return r;
}

const bool* blank_rows(const py::array_t<bool, py::array::c_style>& flagged, std::size_t n) {
    if (flagged.ndim() != 1 || static_cast<std::size_t>(flagged.size()) != n)
        throw error(errc::invalid_argument, "flagged", "length must equal the number of rows");
    return flagged.data();
}

/// PE status over the engine's columns, written as the status frame's
/// columns (status_frame over pe::each_status, rows split over threads).
py::object pe_status_frame_columns(const engine& e, std::int32_t at_day, const i32_array& diploma,
                                   const i32_array& activation, const i64_array& coff, const i32_array& cday,
                                   const i64_array& cpts, const i64_array& roff, const i32_array& rday,
                                   const i64_array& doff, const i32_array& dreq, const i32_array& ddec,
                                   const u8_array& dgranted, const py::array_t<bool, py::array::c_style>& flagged,
                                   bool exact, int threads) {
    const date at = day_arg(at_day, "date");
    const pe::status_columns in{view(diploma), view(activation), view(coff), view(cday), view(cpts),    view(roff),
                                view(rday),    view(doff),       view(dreq), view(ddec), view(dgranted)};
    const std::size_t n = pe::check_input_columns(in);
    return status_frame(e, n, blank_rows(flagged, n), exact, threads,
                        [&](const pe::rules& R, std::size_t b, std::size_t end, auto&& put) {
                            pe::each_status(R, at, in, b, end, put);
                            return true;
                        });
}

/// Participants decided a block at a time by the fused frame path: the
/// block's completions (about six a participant) converted into buffers
/// that stay in the cache while the rules read them.
constexpr std::size_t fused_block_rows = 4096;

/// PE status of a frame whose completions come as their DataFrame columns:
/// datetime64 days (`when`, `per_day` units a day) and float64 points, in
/// the participants' order (`coff`: KeyTable.completion_offsets). Each
/// block of participants has its completions converted (completion_cells,
/// the grouped path's own conversion) into buffers reused block after block
/// and is decided at once by pe::each_status, so no converted completion
/// column is ever built. None when a completion needs the general path (a
/// day outside [first, last] or points hundredths_ok refuses): the package
/// then converts the columns, wording what is wrong, and calls
/// pe_status_frame_columns.
py::object pe_status_frame_fused(const engine& e, std::int32_t at_day, const i32_array& diploma,
                                 const i32_array& activation, const i64_array& coff,
                                 const py::array_t<std::int64_t, py::array::c_style>& when, std::int64_t per_day,
                                 const py::array_t<double, py::array::c_style>& points, std::int32_t first_day,
                                 std::int32_t last_day, std::int64_t max_points, const i64_array& roff,
                                 const i32_array& rday, const i64_array& doff, const i32_array& dreq,
                                 const i32_array& ddec, const u8_array& dgranted,
                                 const py::array_t<bool, py::array::c_style>& flagged, bool exact, int threads) {
    const date at = day_arg(at_day, "date");
    // the bounds make every converted completion one the batch takes (no
    // completion-level refusal, so every refusal's item is a renewal's or a
    // dispensation's position in its own column)
    if (!python::known_units_per_day(per_day) || !pe::detail::day_ok(first_day) || !pe::detail::day_ok(last_day) ||
        max_points < 0 || max_points > pe::max_points_per_completion)
        return py::none();
    const auto w = view(when);
    const auto x = view(points);
    // The completion columns' shapes, for the one check of every column's
    // length and offsets (pe::check_input_columns): spans over the raw cells
    // of the same count, never read as days or hundredths.
    const pe::status_columns shape{view(diploma),
                                   view(activation),
                                   view(coff),
                                   {reinterpret_cast<const std::int32_t*>(w.data()), w.size()},
                                   {reinterpret_cast<const std::int64_t*>(x.data()), x.size()},
                                   view(roff),
                                   view(rday),
                                   view(doff),
                                   view(dreq),
                                   view(ddec),
                                   view(dgranted)};
    const std::size_t n = pe::check_input_columns(shape);
    if (x.size() != w.size()) throw error(errc::invalid_argument, "completion_points", "length must equal when");
    const auto most = static_cast<double>(max_points);
    return status_frame(
        e, n, blank_rows(flagged, n), exact, threads,
        [&](const pe::rules& R, std::size_t b, std::size_t end, auto&& put) {
            std::vector<std::int64_t> off;  // the block's offsets from its first completion
            std::vector<std::int32_t> day;
            std::vector<std::int64_t> hundredths;
            for (std::size_t cb = b; cb < end; cb += fused_block_rows) {
                const std::size_t m = std::min(end - cb, fused_block_rows);
                const std::int64_t c0 = shape.completion_offsets[cb], c1 = shape.completion_offsets[cb + m];
                const auto k = static_cast<std::size_t>(c1 - c0);
                off.resize(m + 1);
                for (std::size_t i = 0; i <= m; ++i) off[i] = shape.completion_offsets[cb + i] - c0;
                day.resize(k);
                hundredths.resize(k);
                if (!python::completion_cells(w.data() + c0, x.data() + c0, k, per_day, first_day, last_day, most,
                                              day.data(), hundredths.data()))
                    return false;
                const auto rows = [&](auto column, std::size_t extra) {  // the block's rows of a row column
                    return column.empty() ? column : column.subspan(cb, m + extra);
                };
                const pe::status_columns block{shape.diploma_day.subspan(cb, m),
                                               rows(shape.activation_day, 0),
                                               off,
                                               day,
                                               hundredths,
                                               rows(shape.renewal_offsets, 1),
                                               shape.renewal_day,
                                               rows(shape.dispensation_offsets, 1),
                                               shape.dispensation_requested,
                                               shape.dispensation_decided,
                                               shape.dispensation_granted};
                pe::each_status(R, at, block, 0, m,
                                [&](std::size_t i, const pe::status_core& s, pe::batch_row_error why,
                                    std::int64_t item) { put(cb + i, s, why, item); });
            }
            return true;
        });
}

/// PE status with booking: a dossier built from columns (participants and
/// raw completions) and a catalogue document (activities, recognitions),
/// evaluated by pe::evaluate_dossier, the single path's own function, with
/// explanations off. Returns the status columns and one booking per completion.
py::dict pe_dossier_columns(const engine& e, std::int32_t at_day, const std::string& catalogue_json,
                            std::vector<std::string> seu, const u8_array& track, const i32_array& diploma,
                            const i32_array& activation, const i64_array& roff, const i32_array& rday,
                            const i64_array& doff, const i32_array& dreq, const i32_array& ddec, const u8_array& dgr,
                            std::vector<std::string> c_seu, std::vector<std::string> c_activity,
                            const i32_array& c_day) {
    const date at = day_arg(at_day, "date");
    const std::size_t n = seu.size(), m = c_seu.size();
    const auto tr = view(track), dg = view(dgr);
    const auto dip = view(diploma), act = view(activation), rd = view(rday), dq = view(dreq), dd = view(ddec),
               cd = view(c_day);
    const auto ro = view(roff), dof = view(doff);
    auto need = [](bool ok, const char* col) {
        if (!ok) throw error(errc::invalid_argument, col, "column length does not match");
    };
    need(tr.size() == n && dip.size() == n && act.size() == n, "participants");
    need(ro.size() == n + 1 && dof.size() == n + 1, "offsets");
    need(dq.size() == dd.size() && dq.size() == dg.size(), "dispensations");
    need(c_activity.size() == m && cd.size() == m, "completions");
    auto day = [](std::int32_t d, const std::string& field) { return day_arg(d, field.c_str()); };

    auto [state, state_s] = make_out<std::uint8_t>(n);
    auto [reason, reason_s] = make_out<std::uint8_t>(n);
    auto [first, first_s] = make_out<std::int32_t>(n);
    auto [last, last_s] = make_out<std::int32_t>(n);
    auto [earned, earned_s] = make_out<std::int64_t>(n);
    auto [short_by, short_s] = make_out<std::int64_t>(n);
    auto [left, left_s] = make_out<std::int32_t>(n);
    auto [renew, renew_s] = make_out<std::uint8_t>(n);
    auto [err, err_s] = make_out<std::int32_t>(n);
    auto [item, item_s] = make_out<std::int64_t>(n);
    std::fill(item_s.begin(), item_s.end(), -1);
    auto [b_reason, b_reason_s] = make_out<std::uint8_t>(m);
    auto [b_points, b_points_s] = make_out<std::int64_t>(m);
    auto [b_rec, b_rec_s] = make_out<std::int32_t>(m);
    std::vector<std::string> messages(m);
    {
        py::gil_scoped_release nogil;
        pe::dossier d = io::parse_dossier(catalogue_json);
        d.participants.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            pe::participant& p = d.participants[i];
            p.seu_number = std::move(seu[i]);
            p.track = tr[i] ? pe::track::backofficeprofessional : pe::track::uitzendprofessional;
            if (dip[i] != pe::no_day) p.diploma_date = day(dip[i], "participants.diploma_date");
            if (act[i] != pe::no_day) p.activation_date = day(act[i], "participants.activation_date");
            for (auto k = ro[i]; k < ro[i + 1]; ++k)
                p.renewal_requests.push_back(day(rd[static_cast<std::size_t>(k)], "renewals.requested"));
            for (auto k = dof[i]; k < dof[i + 1]; ++k) {
                const auto x = static_cast<std::size_t>(k);
                pe::dispensation disp;
                disp.requested = day(dq[x], "dispensations.requested");
                if (dd[x] != pe::no_day) disp.decided = day(dd[x], "dispensations.decided");
                disp.granted = dg[x] != 0;
                p.dispensations.push_back(disp);
            }
            // Contradictory facts: the row is rejected like the batch's, and
            // the participant enters the dossier without facts.
            std::size_t k = 0;
            const pe::batch_row_error why = pe::row_error_of(pe::check_facts(pe::registration_facts::of(p), &k));
            err_s[i] = static_cast<std::int32_t>(why);
            if (why == pe::batch_row_error::dispensation_decided_before_request ||
                why == pe::batch_row_error::dispensation_granted_undecided)
                item_s[i] = dof[i] + static_cast<std::int64_t>(k);
            if (why != pe::batch_row_error::none) {
                pe::participant bare;
                bare.seu_number = std::move(p.seu_number);
                p = std::move(bare);
            }
        }
        d.completions.reserve(m);
        for (std::size_t k = 0; k < m; ++k)
            d.completions.push_back(
                pe::completion{std::move(c_seu[k]), std::move(c_activity[k]), day(cd[k], "completions.completed")});
        const pe::dossier_index idx(d);
        const pe::dossier_report r = pe::evaluate_dossier(e.pe(), idx, at, /*explain=*/false);
        for (std::size_t i = 0; i < n; ++i) {
            const pe::status& s = r.participants[i].st;
            state_s[i] = static_cast<std::uint8_t>(s.reg.state);
            reason_s[i] = static_cast<std::uint8_t>(s.reg.reason);
            first_s[i] = s.reg.current ? pe::to_epoch_day(s.reg.current->first) : pe::no_day;
            last_s[i] = s.reg.current ? pe::to_epoch_day(s.reg.current->last) : pe::no_day;
            earned_s[i] = s.reg.earned.hundredths;
            short_s[i] = s.short_by.hundredths;
            left_s[i] = s.days_left ? static_cast<std::int32_t>(*s.days_left) : -1;
            renew_s[i] = s.renewal_possible ? 1 : 0;
            if (err_s[i] != 0) {  // written as the batch writes a rejected row (pe::detail::reject_row)
                state_s[i] = 255;
                reason_s[i] = 0;
                first_s[i] = last_s[i] = pe::no_day;
                earned_s[i] = short_s[i] = 0;
                left_s[i] = -1;
                renew_s[i] = 0;
            }
        }
        for (std::size_t k = 0; k < m; ++k) {
            const pe::booking& b = r.completions[k];
            b_reason_s[k] = static_cast<std::uint8_t>(b.reason);
            b_points_s[k] = b.booked() ? b.pts.hundredths : 0;
            b_rec_s[k] = b.rec ? static_cast<std::int32_t>(b.rec - d.recognitions.data()) : -1;
            messages[k] = pe::booking_sentence(b, &d.completions[k]);
        }
    }
    py::dict out;
    out["state"] = state;
    out["reason"] = reason;
    out["period_first"] = first;
    out["period_last"] = last;
    out["earned"] = earned;
    out["short_by"] = short_by;
    out["days_left"] = left;
    out["renewal_possible"] = renew;
    out["error"] = err;
    out["error_item"] = item;
    out["booking_reason"] = b_reason;
    out["booking_points"] = b_points;
    out["booking_recognition"] = b_rec;
    out["booking_message"] = py::cast(messages);
    return out;
}

/// Leave hours over columns: leave::leave_hours_batch over row ranges split
/// across threads (each range is a sub-span of every column).
py::dict leave_hours_columns(const engine& e, const u8_array& region, const i32_array& school_year,
                             const i32_array& training_start, const u8_array& training_type, const i64_array& contract,
                             const i64_array& full_time, const i64_array& given, const i64_array& attended,
                             const i64_array& unjustified, const i64_array& contact, const u8_array& coinciding,
                             const u8_array& raised, const u8_array& variable_schedule, const u8_array& lesson_periods,
                             int threads) {
    leave::batch_input in;
    in.region = view(region);
    in.rows = in.region.size();
    in.school_year = view(school_year);
    in.training_start = view(training_start);
    in.training_type = view(training_type);
    in.contract_minutes = view(contract);
    in.full_time_minutes = view(full_time);
    in.given_minutes = view(given);
    in.attended_minutes = view(attended);
    in.unjustified_minutes = view(unjustified);
    in.contact_minutes = view(contact);
    in.coinciding = view(coinciding);
    in.raised = view(raised);
    in.variable_schedule = view(variable_schedule);
    in.lesson_periods = view(lesson_periods);
    const std::size_t n = in.rows;
    auto [granted, granted_s] = make_out<std::int64_t>(n);
    auto [status, status_s] = make_out<std::int32_t>(n);
    auto [reasons, reasons_s] = make_out<std::uint32_t>(n);
    auto [reg, reg_s] = make_out<std::uint8_t>(n);
    const leave::batch_output out{granted_s, status_s, reasons_s, reg_s};
    // Every column's length is checked on the whole before rows are split.
    using leave::batch_impl::check_column;
    check_column(in.school_year, n, "school_year", true);
    check_column(in.training_start, n, "training_start", true);
    check_column(in.training_type, n, "training_type", true);
    check_column(in.contract_minutes, n, "contract_minutes", true);
    check_column(in.full_time_minutes, n, "full_time_minutes", true);
    check_column(in.given_minutes, n, "given_minutes", true);
    check_column(in.attended_minutes, n, "attended_minutes", true);
    check_column(in.unjustified_minutes, n, "unjustified_minutes", false);
    check_column(in.contact_minutes, n, "contact_minutes", false);
    check_column(in.coinciding, n, "coinciding", false);
    check_column(in.raised, n, "raised", false);
    check_column(in.variable_schedule, n, "variable_schedule", false);
    check_column(in.lesson_periods, n, "lesson_periods", false);
    {
        py::gil_scoped_release nogil;
        parallel_rows(n, threads, [&](std::size_t b, std::size_t end) {
            auto sub = [&](auto span) { return span.empty() ? span : span.subspan(b, end - b); };
            leave::batch_input part = in;
            part.rows = end - b;
            part.region = sub(in.region);
            part.school_year = sub(in.school_year);
            part.training_start = sub(in.training_start);
            part.training_type = sub(in.training_type);
            part.contract_minutes = sub(in.contract_minutes);
            part.full_time_minutes = sub(in.full_time_minutes);
            part.given_minutes = sub(in.given_minutes);
            part.attended_minutes = sub(in.attended_minutes);
            part.unjustified_minutes = sub(in.unjustified_minutes);
            part.contact_minutes = sub(in.contact_minutes);
            part.coinciding = sub(in.coinciding);
            part.raised = sub(in.raised);
            part.variable_schedule = sub(in.variable_schedule);
            part.lesson_periods = sub(in.lesson_periods);
            const leave::batch_output o{sub(out.granted_minutes), sub(out.status), sub(out.reasons), sub(out.regime)};
            leave::leave_hours_batch(e.leave(), part, o);
        });
    }
    py::dict r;
    r["granted_minutes"] = granted;
    r["status"] = status;
    r["reasons"] = reasons;
    r["regime"] = reg;
    return r;
}

template <class E>
py::list names_of(int count) {
    py::list l;
    for (int i = 0; i < count; ++i) l.append(to_string(static_cast<E>(i)));
    return l;
}

}  // namespace

PYBIND11_MODULE(_edurules, m) {
    m.doc() = "Private compiled core of the edurules package; use `import edurules` instead.";
    m.attr("__version__") = EDURULES_VERSION;
    m.attr("NO_DAY") = pe::no_day;
    m.attr("PE_STATES") = names_of<pe::reg_state>(4);
    m.attr("PE_REASONS") = names_of<pe::not_registered_reason>(4);
    m.attr("PE_BATCH_ERRORS") = names_of<pe::batch_row_error>(pe::batch_row_error_count);
    m.attr("MAX_POINTS_PER_COMPLETION") = pe::max_points_per_completion;  // the bound every face refuses above
    m.def(
        "max_input_bytes", [] { return io::max_input_bytes(); },
        "The input file size limit in force (io::max_input_bytes: EDURULES_MAX_INPUT_BYTES read as the C ABI and "
        "the tool read it, else 1 GiB); a malformed value raises InvalidArgument naming the variable.");
    m.attr("PE_BOOKING_REASONS") = names_of<pe::booking_reason>(8);
    {
        using namespace leave;
        py::list regions, regimes, types, reasons;
        for (int i = 1; i <= 3; ++i) regions.append(std::string(to_string(static_cast<region>(i))));
        for (int i = 0; i <= 5; ++i) regimes.append(std::string(to_string(static_cast<regime>(i))));
        for (int i = 0; i <= static_cast<int>(training_type::competence_exam); ++i)
            types.append(std::string(to_string(static_cast<training_type>(i))));
        for (const auto& c : reason_codes) reasons.append(std::string(c));
        m.attr("LEAVE_REGIONS") = regions;       // code - 1
        m.attr("LEAVE_REGIMES") = regimes;       // code
        m.attr("LEAVE_TRAINING_TYPES") = types;  // code
        m.attr("LEAVE_REASONS") = reasons;       // bit number
    }

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const error& e) {
            raise_engine_error(e.code(), e.field(), e.message(), e.record(), e.offset());
        } catch (const py::error_already_set&) {
            throw;
        } catch (const py::builtin_exception&) {
            throw;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& e) {
            // Anything else out of the core is a bug (errc::internal).
            raise_engine_error(errc::internal, "", e.what(), -1, -1);
        }
    });

    py::class_<engine, std::shared_ptr<engine>>(m, "Engine", "The C++ engine: immutable; evaluations release the GIL.")
        .def(py::init(
                 [](std::optional<std::string> rulebook_json, std::string origin,
                    std::vector<std::pair<std::string, std::string>> overlays,
                    std::vector<
                        std::tuple<std::string, std::string, std::optional<std::int32_t>, std::optional<std::int32_t>>>
                        overrides) {
                     return std::const_pointer_cast<engine>(
                         make_engine(std::move(rulebook_json), origin, overlays, overrides));
                 }),
             py::arg("rulebook_json") = py::none(), py::arg("origin") = "rulebook",
             py::arg("overlays") = std::vector<std::pair<std::string, std::string>>{},
             py::arg("overrides") = std::vector<
                 std::tuple<std::string, std::string, std::optional<std::int32_t>, std::optional<std::int32_t>>>{})
        .def_property_readonly("rulebook_name", [](const engine& e) { return e.book().name(); })
        .def_property_readonly("rulebook_version", [](const engine& e) { return e.book().version(); })
        .def("rulebook_json",
             [](const engine& e) {
                 std::string s;
                 {
                     py::gil_scoped_release nogil;
                     s = e.book().to_json();
                 }
                 return s;
             })
        .def(
            "evaluate_json",
            [](const engine& e, const std::string& request) {
                std::string s;
                {
                    py::gil_scoped_release nogil;
                    s = io::evaluate_json(e, request);
                }
                return s;
            },
            py::arg("request"), "io::evaluate_json: a request document (JSON text) to its response (JSON text).")
        .def("pe_status_columns", &pe_status_columns, py::arg("date"), py::arg("diploma_day"),
             py::arg("activation_day"), py::arg("completion_offsets"), py::arg("completion_day"),
             py::arg("completion_points"), py::arg("renewal_offsets"), py::arg("renewal_day"),
             py::arg("dispensation_offsets"), py::arg("dispensation_requested"), py::arg("dispensation_decided"),
             py::arg("dispensation_granted"), py::arg("threads") = 0,
             "pe::status_batch over columns, rows split over threads.")
        .def("pe_status_frame_columns", &pe_status_frame_columns, py::arg("date"), py::arg("diploma_day"),
             py::arg("activation_day"), py::arg("completion_offsets"), py::arg("completion_day"),
             py::arg("completion_points"), py::arg("renewal_offsets"), py::arg("renewal_day"),
             py::arg("dispensation_offsets"), py::arg("dispensation_requested"), py::arg("dispensation_decided"),
             py::arg("dispensation_granted"), py::arg("flagged"), py::arg("exact"), py::arg("threads") = 0,
             "pe::each_status over columns, written as the status frame's columns (rows split over threads).")
        .def("pe_status_frame_fused", &pe_status_frame_fused, py::arg("date"), py::arg("diploma_day"),
             py::arg("activation_day"), py::arg("completion_offsets"), py::arg("when"), py::arg("per_day"),
             py::arg("points"), py::arg("first"), py::arg("last"), py::arg("max_points"), py::arg("renewal_offsets"),
             py::arg("renewal_day"), py::arg("dispensation_offsets"), py::arg("dispensation_requested"),
             py::arg("dispensation_decided"), py::arg("dispensation_granted"), py::arg("flagged"), py::arg("exact"),
             py::arg("threads") = 0,
             "As pe_status_frame_columns, the completions' datetime64 and float64 columns converted a block at a "
             "time inside the batch; None when a completion needs the general path.")
        .def("pe_dossier_columns", &pe_dossier_columns, py::arg("date"), py::arg("catalogue_json"),
             py::arg("seu_number"), py::arg("track"), py::arg("diploma_day"), py::arg("activation_day"),
             py::arg("renewal_offsets"), py::arg("renewal_day"), py::arg("dispensation_offsets"),
             py::arg("dispensation_requested"), py::arg("dispensation_decided"), py::arg("dispensation_granted"),
             py::arg("completion_seu_number"), py::arg("completion_activity_id"), py::arg("completion_day"),
             "pe::evaluate_dossier over a dossier built from columns and a catalogue document.")
        .def("leave_hours_columns", &leave_hours_columns, py::arg("region"), py::arg("school_year"),
             py::arg("training_start"), py::arg("training_type"), py::arg("contract_minutes"),
             py::arg("full_time_minutes"), py::arg("given_minutes"), py::arg("attended_minutes"),
             py::arg("unjustified_minutes"), py::arg("contact_minutes"), py::arg("coinciding"), py::arg("raised"),
             py::arg("variable_schedule"), py::arg("lesson_periods"), py::arg("threads") = 0,
             "leave::leave_hours_batch over columns, rows split over threads.");
    edurules::python::add_leave(m);    // leave_module.cpp: Engine.leave_facts_frames, leave code tables
    edurules::python::add_account(m);  // account_module.cpp: Engine._account_right_columns, ACCOUNT_REASONS
    edurules::python::add_kernels(m);  // frame_kernels.cpp: KeyTable, group_rows, epoch_days
}
