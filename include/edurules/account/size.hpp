// The employer's size class for a calendar year (law of 3 October 2022,
// art. 50 §2, quoted by the FOD WASO FAQ `waso.faq`): the average of the FTE
// declared to the RSZ/ONSS at the end of each quarter of the reference period
// (the fourth quarter of year n-2 and the first three quarters of year n-1
// before each two-year period that first starts on 1 January 2022), divided
// by the number of quarters the employer declared; with no declaration in the
// reference period, the number employed on the last day of the quarter of the
// first employment after it. Classes: fewer than 10, "minstens 10 maar minder
// dan 20", "minstens 20" (`waso.pro`, `prato`).
#pragma once

#include "edurules/account/rules.hpp"
#include "edurules/core/explain.hpp"

namespace edurules::account {

/// The first year of the two-year period holding `year`, and the rulebook uses.
inline int period_first_year(const rules &R, int year, param_use &anchor_use, param_use &years_use) {
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    const auto anchor = read<date>(*R.period_anchor, jan1);
    const auto len = read<std::int64_t>(*R.period_years, jan1);
    anchor_use = anchor.use;
    years_use = len.use;
    const int a = anchor.value.year(), n = static_cast<int>(len.value);
    const int k = (year - a) >= 0 ? (year - a) / n : -((a - year + n - 1) / n);
    return a + k * n;
}

/// The class of an exact average FTE.
inline size_class class_of(const rules &R, const fraction &avg, date at, param_use &min_use, param_use &large_use) {
    const auto lo = read<decimal>(*R.min_fte, at);
    const auto hi = read<decimal>(*R.large_fte, at);
    min_use = lo.use;
    large_use = hi.use;
    if (avg < fraction::of(lo.value)) return size_class::lt10;
    if (avg < fraction::of(hi.value)) return size_class::from10to19;
    return size_class::ge20;
}

/// The reference quarters before the two-year period holding `year`, as
/// year*4 + (quarter-1), and the rulebook values that set them.
struct reference_window {
    int period_first_year = 0;
    int first = 0, last = 0;
    param_use anchor_use, years_use, q0_use, nq_use;
};

inline reference_window window_of(const rules &R, int year) {
    reference_window w;
    w.period_first_year = period_first_year(R, year, w.anchor_use, w.years_use);
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    const auto q0 = read<std::int64_t>(*R.reference_first_quarter, jan1);
    const auto nq = read<std::int64_t>(*R.reference_quarters, jan1);
    w.q0_use = q0.use;
    w.nq_use = nq.use;
    w.first = (w.period_first_year - 2) * 4 + static_cast<int>(q0.value) - 1;
    w.last = w.first + static_cast<int>(nq.value) - 1;
    return w;
}

/// The size class from the FTE declared in the reference period: their sum
/// over `quarters` declared quarters, or, with none, `fallback` (the FTE at
/// the end of the quarter of the first employment after the period).
/// `outside` names declared quarters outside the reference period.
inline size_decision size_from_reference(const rules &R, int year, const reference_window &w, const fraction &sum,
                                         int quarters, const std::optional<decimal> &fallback, explanation &why,
                                         std::string_view outside = {}) {
    size_decision out;
    out.period_first_year = w.period_first_year;
    out.quarters_used = quarters;
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    auto qname = [](int idx) { return std::to_string(idx / 4) + "-Q" + std::to_string(idx % 4 + 1); };
    if (quarters > 0) {
        out.average = fraction::of(sum.num, sum.den * quarters);
    } else if (fallback) {
        out.average = fraction::of(*fallback);
    } else {
        why.add("account.size.unknown",
                [&] {
                    return "no FTE declared for the reference period " + qname(w.first) + " to " + qname(w.last) +
                           " of the period starting " + std::to_string(out.period_first_year) +
                           (outside.empty()
                                ? std::string()
                                : " (declared " + std::string(outside) + ": outside the reference period)") +
                           ", and no fallback_fte: the size class is unknown; if the employer had no declarations "
                           "to make for the reference period, art. 50 §2 takes the number employed on the last day "
                           "of the quarter of its first employment after it: give that as fallback_fte";
                },
                {w.anchor_use, w.years_use, w.q0_use, w.nq_use});
        return out;
    }
    param_use min_use, large_use;
    out.cls = class_of(R, out.average, jan1, min_use, large_use);
    why.add("account.size.class",
            [&] {
                const std::string basis = out.quarters_used > 0
                                              ? "average FTE of the " + std::to_string(out.quarters_used) +
                                                    " quarter(s) declared in " + qname(w.first) + " to " + qname(w.last)
                                              : "no quarter declared in " + qname(w.first) + " to " + qname(w.last) +
                                                    ": FTE employed at the end of the first quarter of "
                                                    "employment after it";
                return "two-year period starting " + std::to_string(out.period_first_year) + ": " + basis + " = " +
                       out.average.text() + " FTE: size class " + to_string(out.cls);
            },
            {w.anchor_use, w.years_use, w.q0_use, w.nq_use, min_use, large_use});
    return out;
}

/// Decides the employer's size class for calendar year `year` from its
/// declared quarters. With none in the reference period and no fallback_fte
/// the class is unknown, and the explanation names every quarter declared
/// outside the period. Art. 50 §2 (waso.faq) takes "het aantal werknemers
/// tewerkgesteld op de laatste dag van het kwartaal waarbinnen de eerste
/// tewerkstelling volgend op de referteperiode plaatsgreep" only when the
/// employer had no declarations to make for the reference period; a request
/// cannot show that (a quarter missing from it may simply not have been
/// given, as for an employer whose workers were employed then), so the
/// engine does not infer it from a later quarter: fallback_fte is that number.
inline size_decision decide_size(const rules &R, const employer &emp, int year, explanation &why) {
    const reference_window w = window_of(R, year);
    fraction sum;
    int quarters = 0;
    std::string outside;
    for (const auto &q : emp.quarters) {
        const int idx = q.year * 4 + q.quarter - 1;
        if (idx < w.first || idx > w.last) {
            outside += (outside.empty() ? "" : ", ") + std::to_string(q.year) + "-Q" + std::to_string(q.quarter);
            continue;
        }
        sum = sum + fraction::of(q.fte);
        ++quarters;
    }
    return size_from_reference(R, year, w, sum, quarters, emp.fallback_fte, why, outside);
}

}  // namespace edurules::account
