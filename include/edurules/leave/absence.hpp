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

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/leave/facts.hpp"
#include "edurules/leave/regime.hpp"

namespace edurules::leave {

/// The parameters of the attendance rules (rules.md 2.2, 2.3).
struct absence_params {
    const parameter* max_unjustified_share;
    const parameter* suspension_months;
    const parameter* certificate_period_months;
    const parameter* trimester_start_months;
    const parameter* justified_reasons;
    const parameter* absence_reasons;
    const parameter* holiday_min_days;
    const parameter* vov_diligence_exempt;
    dated<month_overflow> overflow;  ///< the month convention (regime_params)

    absence_params(const rulebook& rb, const dated<month_overflow>& months)
        : max_unjustified_share(need(rb, "leave.absence.max_unjustified_share", value_kind::decimal)),
          suspension_months(need(rb, "leave.bev.suspension_months", value_kind::integer)),
          certificate_period_months(need(rb, "leave.bev.certificate_period_months", value_kind::integer)),
          trimester_start_months(need(rb, "leave.bev.trimester_start_months", value_kind::integer_list)),
          justified_reasons(need(rb, "leave.absence.justified_reasons", value_kind::text_list)),
          absence_reasons(need(rb, "leave.absence.reasons", value_kind::text_list)),
          holiday_min_days(need(rb, "leave.absence.holiday_min_days", value_kind::integer)),
          vov_diligence_exempt(need(rb, "leave.vov.diligence_exempt_countings", value_kind::text_list)),
          overflow(months) {}
};

/// Whether an absence is justified (rules.md 2.2 'Justified absence').
inline bool is_justified(const absence_params& R, const absence& a, explanation& why) {
    param_use u, u_all;
    const auto& reasons = ref<std::vector<std::string>>(*R.justified_reasons, a.day, u);
    (void)ref<std::vector<std::string>>(*R.absence_reasons, a.day, u_all);  // the closed list it was checked against
    if (listed(reasons, a.reason)) {
        why.add("leave.absence.justified",
                [&] { return "absence on " + to_iso(a.day) + " (" + a.reason + "): justified"; }, {u, u_all});
        return true;
    }
    if (a.reason == "holiday") {
        const auto min_days = read<std::int64_t>(*R.holiday_min_days, a.day);
        const bool declared = a.employer_declared_on && a.holiday && *a.employer_declared_on < a.holiday->first;
        const bool long_enough = a.holiday && a.holiday->days() >= min_days.value;
        why.add("leave.absence.holiday",
                [&] {
                    std::string t = "holiday absence on " + to_iso(a.day) + ": ";
                    if (declared && long_enough)
                        return t + "justified (employer declared in writing on " + to_iso(*a.employer_declared_on) +
                               ", before the holiday, that it could not be taken in school holidays; it lasts " +
                               std::to_string(a.holiday->days()) + " days)";
                    if (!declared) return t + "unjustified (no written employer declaration before the holiday)";
                    return t + "unjustified (the holiday lasts " + std::to_string(a.holiday->days()) +
                           " days, less than " + std::to_string(min_days.value) + ")";
                },
                {min_days.use, u, u_all});
        return declared && long_enough;
    }
    why.add("leave.absence.unjustified",
            [&] {
                return "absence on " + to_iso(a.day) + " (" + (a.reason.empty() ? std::string("no reason") : a.reason) +
                       "): unjustified";
            },
            {u, u_all});
    return false;
}

/// "More than" the share: unjustified / given > share, compared exactly in
/// integers (exactly 10% is not more than 10%).
inline bool more_than_share(const absence_params& R, minutes unjustified, minutes given, date at,
                            param_use* use = nullptr) {
    const auto s = read<decimal>(*R.max_unjustified_share, at);
    if (use) *use = s.use;
    return static_cast<detail::i128>(unjustified.count) * s.value.denominator() >
           static_cast<detail::i128>(given.count) * s.value.mantissa;
}

/// The BEV attendance-certificate periods of a training whose lessons run
/// from `first` to `last` (rules.md 2.2).
inline void certificate_periods(const absence_params& R, organisation org, date first, date last,
                                std::vector<period>& out, explanation& why) {
    out.clear();
    if (last < first) return;
    if (org == organisation::modular) {
        const auto months = read<std::int64_t>(*R.certificate_period_months, first);
        const auto& of_r = R.overflow.at(first);
        const param_use u_of = of_r.use;
        const month_overflow of = of_r.value;
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
        why.add("leave.absence.periods",
                [&] {
                    return "modular training from " + to_iso(first) + " to " + to_iso(last) + ": " +
                           std::to_string(out.size()) + " certificate period(s) of " + std::to_string(months.value) +
                           " months from the first lesson day, the last ending with the training";
                },
                {months.use, u_of});
        return;
    }
    param_use u_tri;
    const auto& starts = ref<std::vector<std::int64_t>>(*R.trimester_start_months, first, u_tri);
    // the trimester starts in school-year order (September = month 9 first)
    std::array<int, 12> order{};
    std::size_t k = 0;
    for (auto m : starts) {
        if (m < 1 || m > 12 || k == order.size())
            throw error(errc::rulebook, "parameters[\"" + R.trimester_start_months->name + "\"]",
                        "not a list of months: " + std::to_string(m));
        order[k++] = static_cast<int>(m) + (m >= static_cast<int>(boost::gregorian::Sep) ? 0 : 12);
    }
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
    k = static_cast<std::size_t>(std::unique(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k)) -
                                 order.begin());
    std::optional<date> prev;
    const period training{first, last};
    for (int y = school_year::containing(first).start_year(); y <= school_year::containing(last).start_year() + 1;
         ++y) {
        for (std::size_t i = 0; i < k; ++i) {
            const int m = order[i] > 12 ? order[i] - 12 : order[i];
            const int by = order[i] > 12 ? y + 1 : y;
            // the first of a month of Boost's calendar from its day number (no field checks); outside
            // the calendar Boost's checked constructor throws, as before
            const date b = by >= first_calendar_year && by <= last_calendar_year
                               ? from_day_number(day_number_of(by, m, 1))
                               : date(static_cast<unsigned short>(by), static_cast<unsigned short>(m), 1);
            if (prev) {
                const period p = period{*prev, prev_day(b)}.intersect(training);
                if (!p.empty()) out.push_back(p);
            }
            prev = b;
        }
    }
    why.add("leave.absence.periods",
            [&] {
                return "training organised per school year, " + to_iso(first) + " to " + to_iso(last) + ": " +
                       std::to_string(out.size()) + " certificate period(s), one per school trimester";
            },
            {u_tri});
}

/// The 6-month suspension following a certificate period (rules.md 2.2):
/// from the day after the period, for the rulebook's number of months.
inline period suspension_after(const absence_params& R, const period& certificate, explanation& why) {
    const date start = next_day(certificate.last);
    const auto months = read<std::int64_t>(*R.suspension_months, start);
    const auto& of_r = R.overflow.at(start);
    const param_use u_of = of_r.use;
    const month_overflow of = of_r.value;
    const period p = period::of_months(start, static_cast<int>(months.value), of);
    why.add("leave.absence.suspension",
            [&] {
                return "right suspended from " + to_iso(p.first) + " to " + to_iso(p.last) + " (" +
                       std::to_string(months.value) + " months from the day after the certificate period " +
                       to_iso(certificate.first) + ".." + to_iso(certificate.last) +
                       "): no right is built up and earlier hours cannot be taken; hours already taken stay acquired";
            },
            {months.use, u_of});
    return p;
}

/// One BEV attendance-certificate period of a training and its 10% test.
struct certificate_result {
    std::size_t training = 0;  ///< index of the training in the worker's list
    period span;
    minutes given{};  ///< hours actually given in the period
    minutes unjustified{};
    minutes justified{};
    bool triggers_suspension = false;
};

/// A suspension of the worker's BEV right (rules.md 2.2).
struct suspension {
    std::size_t training = 0;  ///< index of the training whose certificate period caused it
    period certificate;
    minutes given{};
    minutes unjustified{};
    period window;  ///< the 6 months, from the day after the certificate period
};

/// Whether `d` falls in one of the worker's suspensions.
inline bool in_suspension(std::span<const suspension> s, date d) {
    for (const auto& x : s)
        if (x.window.contains(d)) return true;
    return false;
}

/// Minutes given and absent on one day of a training.
struct day_tally {
    date day;
    minutes given{};  ///< lessons given (not cancelled) in the regime's leave modes
    minutes justified{};
    minutes unjustified{};
};

/// The days of a training with their given and absent minutes, sorted by
/// day, into `out` (reused: no allocation once it has grown). Absences are
/// judged by `is_justified`, explained into `why`.
inline void tally_days(const absence_params& R, const training& t, unsigned modes, std::vector<day_tally>& out,
                       explanation& why) {
    out.clear();
    out.reserve(t.lessons.size() + t.absences.size());  // every insert below fits: no reallocation
    for (const auto& l : t.lessons)
        if (!l.cancelled && in_mask(modes, l.mode)) out.push_back({l.day, l.length(), {}, {}});
    const auto by_day = [](const day_tally& a, const day_tally& b) { return a.day < b.day; };
    if (!std::is_sorted(out.begin(), out.end(), by_day)) std::sort(out.begin(), out.end(), by_day);
    std::size_t k = 0;  // one entry a day
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (k > 0 && out[k - 1].day == out[i].day)
            out[k - 1].given += out[i].given;
        else
            out[k++] = out[i];
    }
    out.resize(k);
    for (const auto& a : t.absences) {  // each on its day's entry (a new one for a day without such lessons)
        const bool ok = is_justified(R, a, why);
        auto it = std::lower_bound(out.begin(), out.end(), a.day, [](const day_tally& x, date v) { return x.day < v; });
        if (it == out.end() || it->day != a.day) it = out.insert(it, day_tally{a.day, {}, {}, {}});
        (ok ? it->justified : it->unjustified) += a.length;
    }
}

/// The tally of `d`, or nullptr.
inline const day_tally* tally_on(std::span<const day_tally> days, date d) {
    auto it = std::lower_bound(days.begin(), days.end(), d, [](const day_tally& x, date v) { return x.day < v; });
    return it != days.end() && it->day == d ? &*it : nullptr;
}

/// The BEV 10% rule over one training's certificate periods (rules.md 2.2;
/// KB 23 July 1985, seed 004 'Wat als je afwezig bent?'): each period whose
/// unjustified absence is more than the allowed share of the hours given
/// suspends the worker's right from the day after it. Appends the periods
/// to `certs` and the suspensions to `suspensions`; `periods` is scratch.
/// Only the periods that bear on `year`, the school year decided, are judged:
/// up to its last day (a suspension starts after its period) and from the
/// first whose suspension, had it one, would reach into it; so a lesson dated
/// decades off does not make every period between.
inline void ten_percent_rule(const absence_params& R, std::size_t ti, const training& t, organisation org,
                             std::span<const day_tally> days, date first, date last, const period& year,
                             std::vector<period>& periods, std::vector<certificate_result>& certs,
                             std::vector<suspension>& suspensions, explanation& training_why, explanation& worker_why) {
    certificate_periods(R, org, first, std::min(last, year.last), periods, training_why);
    for (const period& p : periods) {
        if (p.last < year.first) {  // before the year: only if its suspension could reach into it
            explanation off(recording::nothing);
            if (suspension_after(R, p, off).last < year.first) continue;
        }
        certificate_result c;
        c.training = ti;
        c.span = p;
        auto it =
            std::lower_bound(days.begin(), days.end(), p.first, [](const day_tally& x, date v) { return x.day < v; });
        for (; it != days.end() && it->day <= p.last; ++it) {
            c.given += it->given;
            c.justified += it->justified;
            c.unjustified += it->unjustified;
        }
        param_use u_share;
        c.triggers_suspension = more_than_share(R, c.unjustified, c.given, p.last, &u_share);
        if (c.triggers_suspension) {
            suspension s{ti, p, c.given, c.unjustified, {}};
            worker_why.add("leave.absence.ten_percent",
                           [&] {
                               return "training " + t.id + ", certificate period " + to_iso(p.first) + ".." +
                                      to_iso(p.last) + ": " + hours_text(c.unjustified) + " h unjustified absence of " +
                                      hours_text(c.given) + " h given is more than the allowed share";
                           },
                           {u_share});
            s.window = suspension_after(R, p, worker_why);
            suspensions.push_back(s);
        }
        certs.push_back(c);
    }
}

/// VOV yearly diligence (Vlaanderen.be VOV): not more than the allowed share
/// of unjustified absence over the lessons given in the school year; not for
/// the countings the rulebook exempts (regular higher-education and
/// adult-education programmes). Returns nullopt where it does not apply;
/// `sanction_next` says whether more hours were taken than the right.
struct diligence_result {
    std::optional<bool> diligent;
    bool sanction_next = false;
};
inline diligence_result vov_diligence(const absence_params& R, const training& t, std::span<const day_tally> days,
                                      school_year sy, minutes taken, minutes granted, explanation& why) {
    const period year = sy.days();
    param_use u_ex;
    const auto& exempt = ref<std::vector<std::string>>(*R.vov_diligence_exempt, sy.first_day(), u_ex);
    if (listed(exempt, to_string(t.counting))) {
        why.add("leave.vov.diligence",
                [&] {
                    return "the yearly diligence rule does not apply to " + std::string(to_string(t.counting)) +
                           " (regular higher-education and adult-education programmes)";
                },
                {u_ex});
        return {};
    }
    minutes given{}, unjust{};
    for (const auto& d : days)
        if (year.contains(d.day)) given += d.given, unjust += d.unjustified;
    param_use u_share;
    const bool too_much = more_than_share(R, unjust, given, sy.first_day(), &u_share);
    diligence_result out{!too_much, too_much && granted < taken};
    why.add("leave.vov.diligence",
            [&] {
                return hours_text(unjust) + " h unjustified absence of " + hours_text(given) + " h given in " +
                       sy.name() +
                       (too_much
                            ? ": more than allowed, not diligent" +
                                  std::string(out.sanction_next ? "; more hours were taken than the right, so the next "
                                                                  "maximum loses the sanction share"
                                                                : "")
                            : ": diligent");
            },
            {u_share, u_ex});
    return out;
}

/// Leave taken in a school year: hours taken during a BEV suspension are not
/// approved (rules.md 2.2: "earlier hours cannot be taken"; hours taken
/// before it stay acquired). VOV has its own attendance rule.
struct taken_result {
    minutes approved{};
    minutes refused{};
};
inline taken_result approve_taken(const training& t, regime reg, const period& year, std::span<const suspension> s,
                                  explanation& why) {
    taken_result out;
    for (const auto& k : t.taken) {
        if (!year.contains(k.day)) continue;
        if (reg != regime::vov && in_suspension(s, k.day)) {
            out.refused += k.length;
            why.add("leave.absence.taken_in_suspension", [&] {
                return hours_text(k.length) + " h of leave taken on " + to_iso(k.day) +
                       " fall in a suspension: not approved (hours taken before it stay acquired)";
            });
        } else {
            out.approved += k.length;
        }
    }
    return out;
}

/// Absence reasons are a closed list (leave.absence.reasons): a reason
/// outside it, or none, is refused, never silently counted as unjustified
/// (an "ilness" could otherwise suspend the right for 6 months without a word).
inline facts_error check_absence_reasons(const absence_params& R, std::span<const training> trainings) {
    for (std::size_t ti = 0; ti < trainings.size(); ++ti) {
        const auto& as = trainings[ti].absences;
        for (std::size_t i = 0; i < as.size(); ++i) {
            param_use u;
            if (!listed(ref<std::vector<std::string>>(*R.absence_reasons, as[i].day, u), as[i].reason))
                return facts_error{facts_problem::unknown_absence_reason, "absences", ti, i, "reason", 0};
        }
    }
    return {};
}
}  // namespace edurules::leave
