// Python face of the account batch: Engine._account_right_columns takes
// whole numpy columns, converts them in C++ (no Python loop per row) and runs
// account::right_batch with the GIL released. The rules are
// include/edurules/account/; nothing here decides.
#include "account_module.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "edurules/account/batch.hpp"

namespace py = pybind11;

namespace edurules::python {

namespace {

template <class T>
using column_t = py::array_t<T, py::array::c_style | py::array::forcecast>;

/// Column `name` of `cols` as a contiguous array of T (a copy only when the
/// dtype differs), or an empty array when absent and optional.
template <class T>
column_t<T> column_of(const py::dict& cols, const char* name, std::size_t n, bool required) {
    if (!cols.contains(name)) {
        if (required) throw error(errc::invalid_argument, name, "missing column");
        return column_t<T>(0);
    }
    py::array a = py::array::ensure(cols[name]);
    if (!a || a.ndim() != 1) throw error(errc::invalid_argument, name, "expected a one-dimensional column");
    const char k = a.dtype().kind();
    if (k != 'i' && k != 'u' && k != 'b')
        throw error(errc::invalid_argument, name, std::string("expected whole numbers, got dtype kind ") + k);
    if (static_cast<std::size_t>(a.size()) != n)
        throw error(errc::invalid_argument, name, "column length differs from its frame");
    return column_t<T>::ensure(a);
}

template <class T>
std::span<const T> span_of(const column_t<T>& a) {
    return {a.data(), static_cast<std::size_t>(a.size())};
}

template <class T>
std::pair<py::array_t<T>, std::span<T>> out_array(std::size_t n) {
    py::array_t<T> a(static_cast<py::ssize_t>(n));
    return {a, std::span<T>(a.mutable_data(), n)};
}

py::dict account_right_columns(const engine& e, const py::dict& cols, std::size_t n) {
    const auto year = column_of<std::int32_t>(cols, "year", n, true);
    const auto fte = column_of<std::int64_t>(cols, "reference_fte", n, true);
    const auto quarters = column_of<std::int32_t>(cols, "reference_quarters", n, true);
    const auto from = column_of<std::int32_t>(cols, "from_day", n, true);
    const auto to = column_of<std::int32_t>(cols, "to_day", n, true);
    const auto contract = column_of<std::int64_t>(cols, "contract_minutes", n, true);
    const auto full = column_of<std::int64_t>(cols, "full_time_minutes", n, true);
    const auto pc = column_of<std::int32_t>(cols, "joint_committee", n, false);
    const auto efull = column_of<std::int64_t>(cols, "employer_full_time_minutes", n, false);
    const auto worker = column_of<std::int64_t>(cols, "worker", n, false);
    account::batch_input in;
    in.rows = n;
    in.year = span_of(year);
    in.reference_fte = span_of(fte);
    in.reference_quarters = span_of(quarters);
    in.from_day = span_of(from);
    in.to_day = span_of(to);
    in.contract_minutes = span_of(contract);
    in.full_time_minutes = span_of(full);
    in.joint_committee = span_of(pc);
    in.employer_full_time_minutes = span_of(efull);
    in.worker = span_of(worker);
    auto [status, status_s] = out_array<std::int32_t>(n);
    auto [cls, cls_s] = out_array<std::int32_t>(n);
    auto [months, months_s] = out_array<std::int32_t>(n);
    auto [minutes, minutes_s] = out_array<std::int64_t>(n);
    auto [num, num_s] = out_array<std::int64_t>(n);
    auto [den, den_s] = out_array<std::int64_t>(n);
    auto [reasons, reasons_s] = out_array<std::uint32_t>(n);
    const account::batch_output out{status_s, cls_s, months_s, minutes_s, num_s, den_s, reasons_s};
    std::size_t rejected = 0;
    {
        py::gil_scoped_release unlocked;
        rejected = account::right_batch(e.account(), in, out);
    }
    py::dict r;
    r["status"] = status;
    r["size_class"] = cls;
    r["months"] = months;
    r["credit_minutes"] = minutes;
    r["credit_days_num"] = num;
    r["credit_days_den"] = den;
    r["reasons"] = reasons;
    r["rejected"] = rejected;
    return r;
}

}  // namespace

void add_account(py::module_& m) {
    py::list reasons;
    for (auto s : account::reason_codes) reasons.append(std::string(s));
    m.attr("ACCOUNT_REASONS") = reasons;
    auto cls = py::reinterpret_borrow<py::class_<engine, std::shared_ptr<engine>>>(m.attr("Engine"));
    cls.def("_account_right_columns", &account_right_columns, py::arg("columns"), py::arg("rows"),
            "account::right_batch over whole integer columns converted in C++ (GIL released for the batch).");
}

}  // namespace edurules::python
