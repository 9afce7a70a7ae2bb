// Attendance: the BEV 10% rule and the VOV yearly diligence (rules.md 2.2, 2.3).
// BEV: KB 23 July 1985 and seed 004 ('Wat als je afwezig bent?': unjustified
// absence of more than 10% per certificate period suspends the right for 6
// months; certificates per 3 months from the course start): certificate
// periods per school trimester (training organised per school year) or every
// 3 months from the first lesson day (modular; the last period ends with the
// training; at most 3 months = one period); the suspension starts the day
// after the period. Justified reasons and the holiday rule (a holiday is
// justified only if the employer declared in writing before it that it could
// not be taken in the school holidays and it lasts at least one week).
// VOV (Vlaanderen.be): not more than 10% unjustified absence per school year,
// not for regular higher-education and adult-education programmes.
#pragma once

#include "edurules/core/explain.hpp"
#include "edurules/leave/regime.hpp"

#include <algorithm>

namespace edurules::leave {

/// Whether an absence is justified (rules.md 2.2 'Justified absence').
inline bool is_justified(const rules& R, const absence& a, explanation& why) {
    param_use u;
    const auto& reasons = ref<std::vector<std::string>>(*R.justified_reasons, a.day, u);
    if (listed(reasons, a.reason)) {
        why.add("leave.absence.justified", [&] {
            return "absence on " + to_iso(a.day) + " (" + a.reason + "): justified";
        }, {u});
        return true;
    }
    if (a.reason == "holiday") {
        const auto min_days = read<std::int64_t>(*R.holiday_min_days, a.day);
        const bool declared = a.employer_declared_on && a.holiday && *a.employer_declared_on < a.holiday->first;
        const bool long_enough = a.holiday && a.holiday->days() >= min_days.value;
        why.add("leave.absence.holiday", [&] {
            std::string t = "holiday absence on " + to_iso(a.day) + ": ";
            if (declared && long_enough) return t + "justified (employer declared in writing on " + to_iso(*a.employer_declared_on) +
                                                 ", before the holiday, that it could not be taken in school holidays; it lasts " +
                                                 std::to_string(a.holiday->days()) + " days)";
            if (!declared) return t + "unjustified (no written employer declaration before the holiday)";
            return t + "unjustified (the holiday lasts " + std::to_string(a.holiday->days()) + " days, less than " +
                   std::to_string(min_days.value) + ")";
        }, {min_days.use, u});
        return declared && long_enough;
    }
    why.add("leave.absence.unjustified", [&] {
        return "absence on " + to_iso(a.day) + " (" + (a.reason.empty() ? std::string("no reason") : a.reason) + "): unjustified";
    }, {u});
    return false;
}

/// "More than" the share: unjustified / given > share, compared exactly in
/// integers (exactly 10% is not more than 10%).
inline bool more_than_share(const rules& R, minutes unjustified, minutes given, date at, param_use* use = nullptr) {
    const auto s = read<decimal>(*R.max_unjustified_share, at);
    if (use) *use = s.use;
    return static_cast<detail::i128>(unjustified.count) * s.value.denominator() >
           static_cast<detail::i128>(given.count) * s.value.mantissa;
}

/// The BEV attendance-certificate periods of a training whose lessons run
/// from `first` to `last` (rules.md 2.2).
inline std::vector<period> certificate_periods(const rules& R, organisation org, date first, date last,
                                               explanation& why) {
    std::vector<period> out;
    if (last < first) return out;
    if (org == organisation::modular) {
        const auto months = read<std::int64_t>(*R.certificate_period_months, first);
        param_use u_of;
        const month_overflow of = overflow_at(*R.month_overflow, first, u_of);
        date start = first;
        for (;;) {
            const period p = period::of_months(start, static_cast<int>(months.value), of);
            if (!(p.last < last)) {
                out.push_back(period{start, last});
                break;
            }
            out.push_back(p);
            start = next_day(p.last);
        }
        why.add("leave.absence.periods", [&] {
            return "modular training from " + to_iso(first) + " to " + to_iso(last) + ": " + std::to_string(out.size()) +
                   " certificate period(s) of " + std::to_string(months.value) +
                   " months from the first lesson day, the last ending with the training";
        }, {months.use, u_of});
        return out;
    }
    param_use u_tri;
    const auto& starts = ref<std::vector<std::int64_t>>(*R.trimester_start_months, first, u_tri);
    std::vector<date> bounds;
    for (int y = school_year::containing(first).start_year(); y <= school_year::containing(last).start_year() + 1; ++y) {
        for (auto m : starts) {
            if (m < 1 || m > 12)
                throw error(errc::rulebook, "parameters[\"" + R.trimester_start_months->name + "\"]", "not a month: " + std::to_string(m));
            const int year = m >= static_cast<int>(boost::gregorian::Sep) ? y : y + 1;
            bounds.push_back(date(static_cast<unsigned short>(year), static_cast<unsigned short>(m), 1));
        }
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
        const period tri{bounds[i], prev_day(bounds[i + 1])};
        const period p = tri.intersect(period{first, last});
        if (!p.empty()) out.push_back(p);
    }
    why.add("leave.absence.periods", [&] {
        return "training organised per school year, " + to_iso(first) + " to " + to_iso(last) + ": " +
               std::to_string(out.size()) + " certificate period(s), one per school trimester";
    }, {u_tri});
    return out;
}

/// The 6-month suspension following a certificate period (rules.md 2.2):
/// from the day after the period, for the rulebook's number of months.
inline period suspension_after(const rules& R, const period& certificate, explanation& why) {
    const date start = next_day(certificate.last);
    const auto months = read<std::int64_t>(*R.suspension_months, start);
    param_use u_of;
    const month_overflow of = overflow_at(*R.month_overflow, start, u_of);
    const period p = period::of_months(start, static_cast<int>(months.value), of);
    why.add("leave.absence.suspension", [&] {
        return "right suspended from " + to_iso(p.first) + " to " + to_iso(p.last) + " (" + std::to_string(months.value) +
               " months from the day after the certificate period " + to_iso(certificate.first) + ".." +
               to_iso(certificate.last) + "): no right is built up and earlier hours cannot be taken; hours already taken stay acquired";
    }, {months.use, u_of});
    return p;
}

}  // namespace edurules::leave
