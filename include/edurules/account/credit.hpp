// The yearly credit of one worker (law of 3 October 2022, art. 49-50 as
// summarised by FOD WASO `waso.pro`): days per full-time equivalent by year
// and size class ("4 dagen in 2023 en 5 dagen vanaf 2024" for at least 20,
// one day for 10 to 19 (`prato`), none below 10), or the days of the worker's
// sector agreement where the rulebook has one (`pc124`, `pc200`, `pc116`);
// "pro rata ... in functie van de tewerkstelling en het arbeidsregime": days x
// work regime x months employed / 12, every started month a whole month
// (`securex.prorata`, `regiotalent`); suspensions do not reduce it (`csc`).
// A training day is the full-timer's working day: 7 h 36 for 38 hours a week
// (`horeca`). Exact fractions; the minutes are rounded once.
#pragma once

#include "edurules/account/size.hpp"

namespace edurules::account {

/// The days per FTE for `cls` in `year`: the sector agreement of `pc` if the
/// rulebook has one for that class and year, else the legal number.
inline days_decision days_per_fte(const rules &R, size_class cls, std::string_view pc, int year, std::uint32_t &reasons,
                                  explanation &why) {
    days_decision out;
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    const auto ci = static_cast<std::size_t>(cls);
    const sector *s = pc.empty() ? nullptr : R.sector_of(pc);
    const parameter *p = s && s->days[ci] && s->days[ci]->at(jan1) ? s->days[ci] : R.days_per_fte[ci];
    out.sector = p != R.days_per_fte[ci];
    const param_version *v = p->at(jan1);
    if (!v) {
        reasons |= reason_days_unknown;
        why.add("account.days.unknown", [&] {
            return "the rulebook has no " + p->name + " in force on " + to_iso(jan1) + ": the days for " +
                   std::to_string(year) + " are unknown";
        });
        return out;
    }
    out.known = true;
    out.days = std::get<decimal>(v->value);
    out.use = param_use{p, v};
    if (out.sector) {
        reasons |= reason_sector_agreement;
        if (s->min_months[ci]) {
            const auto mm = read<std::int64_t>(*s->min_months[ci], jan1);
            out.min_months = mm.value;
            out.min_months_use = mm.use;
        }
        why.add("account.days.sector",
                [&] {
                    return "joint committee " + std::string(pc) + ", class " + to_string(cls) +
                           ": the sector agreement sets " + out.days.to_string() + " day(s) per FTE for " +
                           std::to_string(year);
                },
                {out.use});
        if (cls == size_class::ge20) {
            const auto floor = read<decimal>(*R.sector_min_days, jan1);
            if (out.days < floor.value) {
                reasons |= reason_sector_below_floor;
                why.add("account.days.sector_floor",
                        [&] {
                            return "the sector's " + out.days.to_string() + " day(s) are fewer than the " +
                                   floor.value.to_string() + " a sector agreement may set: applied as given";
                        },
                        {floor.use});
            }
        }
        return out;
    }
    if (cls == size_class::lt10 && out.days.mantissa == 0) reasons |= reason_outside_right;
    why.add("account.days.legal",
            [&] {
                // an unknown committee is no error (most have no agreement), but it is said: a misspelt one
                // would otherwise pass for a committee without an agreement without a word
                return "size class " + std::string(to_string(cls)) +
                       (s            ? " (no sector days for this class)"
                        : pc.empty() ? ""
                                     : " (joint committee " + std::string(pc) +
                                           ": the rulebook has no sector agreement for it)") +
                       ": " + out.days.to_string() + " day(s) per FTE in " + std::to_string(year) +
                       (cls == size_class::lt10 ? " (employers below 10 FTE are outside the right)" : "");
            },
            {out.use});
    return out;
}

/// The job a month of the credit is counted for (the one month-counting
/// rule; the JSON path and the batch both come here): among the jobs covering
/// a day of `month`, the one that starts last (jobs do not overlap, so it
/// holds the month's last employed day); none if no job covers a day of it.
inline const job *month_holder(const std::vector<job> &jobs, const period &month) {
    const job *in_force = nullptr;
    for (const auto &j : jobs)
        if (month.overlaps(j.span()) && (!in_force || in_force->from < j.from)) in_force = &j;
    return in_force;
}

/// Months started in `year` and the sum of the work regime over them: each
/// month counts whole if a job covers a day of it, at the regime of its
/// month_holder. With `only`, the months held by that job alone (a batch row's
/// share of its worker-year).
inline void months_and_regime(const std::vector<job> &jobs, int year, int &months, fraction &regime_sum,
                              const job *only = nullptr) {
    months = 0;
    regime_sum = fraction{};
    for (int m = 1; m <= 12; ++m) {
        const date first(static_cast<unsigned short>(year), static_cast<unsigned short>(m), 1);
        const job *in_force = month_holder(jobs, period{first, first.end_of_month()});
        if (!in_force || (only && in_force != only)) continue;
        ++months;
        regime_sum =
            regime_sum + fraction::of(in_force->contract_minutes_per_week, in_force->full_time_minutes_per_week);
    }
}

/// The job whose full-time week sets the worker's training day on `at`: the
/// last to start on or before `at` (jobs do not overlap: the JSON reader
/// refuses overlapping ones), else the first to start; none without jobs.
inline const job *reference_job(const std::vector<job> &jobs, date at) {
    const job *out = nullptr;
    for (const auto &j : jobs)
        if (!(at < j.from) && (!out || out->from < j.from)) out = &j;
    if (out) return out;
    for (const auto &j : jobs)
        if (!out || j.from < out->from) out = &j;
    return out;
}

/// The length of a training day: a fifth (account.be.workdays_per_week) of
/// the full-time week of reference, which is the worker's own job's (its
/// full-timer's week: 40 hours give 8 h, `horeca` 38 hours give 7 h 36), else
/// the employer's, else the rulebook's day.
inline fraction day_length(const rules &R, const employer &emp, const std::vector<job> &jobs, date at,
                           explanation &why) {
    const job *j = reference_job(jobs, at);
    const std::int64_t week = j && j->full_time_minutes_per_week > 0 ? j->full_time_minutes_per_week
                                                                     : emp.full_time_minutes_per_week.value_or(0);
    if (week > 0) {
        const auto days = read<std::int64_t>(*R.workdays_per_week, at);
        const fraction f = fraction::of(week, days.value);
        why.add("account.day.length",
                [&] {
                    return "a training day is the full-time week of " +
                           (j && j->full_time_minutes_per_week > 0
                                ? "the worker's job from " + to_iso(j->from)
                                : std::string("the employer (the worker has no job)")) +
                           ", " + std::to_string(week) + " minutes, / " + std::to_string(days.value) + " = " +
                           f.text() + " minutes";
                },
                {days.use});
        return f;
    }
    const auto m = read<minutes>(*R.day_minutes, at);
    why.add("account.day.length",
            [&] { return "a training day is " + std::to_string(m.value.count) + " minutes (no full-time week given)"; },
            {m.use});
    return fraction::of(m.value.count, 1);
}

/// The credit of a worker with `jobs` for `year` in joint committee `pc`:
/// size class (from `size_of()`, asked only when the worker is employed in a
/// year of the right), days per FTE, pro rata. The JSON path and the batch
/// both come here.
template <class SizeFn>
year_result year_credit_with(const rules &R, std::string_view pc, const std::vector<job> &jobs, int year,
                             const fraction &day_len, explanation &why, SizeFn &&size_of) {
    year_result y;
    y.year = year;
    const date jan1(static_cast<unsigned short>(year), 1, 1);
    months_and_regime(jobs, year, y.months, y.regime_months);
    if (y.months == 0) {
        y.reasons |= reason_not_employed;
        why.add("account.credit.not_employed", [&] { return "no job in " + std::to_string(year) + ": no credit"; });
        return y;
    }
    const auto first = read<std::int64_t>(*R.first_year, jan1);
    if (year < first.value) {
        y.reasons |= reason_before_first_year;
        why.add("account.credit.before_first_year",
                [&] { return std::to_string(year) + " is before the first year of the individual training right"; },
                {first.use});
        return y;
    }
    y.size = size_of();
    if (y.size.cls == size_class::unknown) {
        y.reasons |= reason_size_unknown;
        return y;
    }
    y.days = days_per_fte(R, y.size.cls, pc, year, y.reasons, why);
    if (!y.days.known) return y;
    if (y.days.min_months > y.months) {
        y.reasons |= reason_below_min_months;
        why.add("account.credit.min_months",
                [&] {
                    return std::to_string(y.months) + " month(s) employed in " + std::to_string(year) +
                           ", fewer than the sector's " + std::to_string(y.days.min_months) + ": no credit";
                },
                {y.days.min_months_use});
        return y;
    }
    const auto basis = read<std::string>(*R.prorata_basis, jan1);
    const auto susp = read<bool>(*R.suspension_reduces, jan1);
    const auto &mode = R.rounding_at.at(jan1);
    y.credit_days = fraction::of(y.days.days) * y.regime_months * fraction::of(1, 12);
    y.credit_minutes = (y.credit_days * day_len).rounded(mode.value);
    why.add("account.credit.prorata",
            [&] {
                return y.days.days.to_string() + " day(s) x work regime summed over " + std::to_string(y.months) +
                       " started month(s) (" + y.regime_months.text() + ") / 12 = " + y.credit_days.text() +
                       " day(s) = " + std::to_string(y.credit_minutes) + " minutes (rounded " + to_string(mode.value) +
                       ")" + (susp.value ? "" : "; suspensions do not reduce it");
            },
            {y.days.use, basis.use, susp.use, mode.use, first.use});
    if (y.days.min_months_use.param)
        why.add("account.credit.min_months_met",
                [&] {
                    return std::to_string(y.months) + " month(s) employed: at least the sector's " +
                           std::to_string(y.days.min_months);
                },
                {y.days.min_months_use});
    return y;
}

/// The credit of `w` for `year` at employer `emp` (its declared quarters).
inline year_result year_credit(const rules &R, const employer &emp, const worker &w, int year, const fraction &day_len,
                               explanation &why) {
    return year_credit_with(R, emp.joint_committee, w.jobs, year, day_len, why,
                            [&] { return decide_size(R, emp, year, why); });
}

}  // namespace edurules::account
