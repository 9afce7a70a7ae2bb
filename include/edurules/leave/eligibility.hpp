// Who has a right, for which training (rules.md 2.2, 2.3, 2.4).
// BEV: Herstelwet 22 January 1985 section 6 and KB 23 July 1985; seed 004
// ('Voor wie?', 'Een recht?': full-time over several employers, 4/5, variable
// schedule, fixed schedule 1/2..4/5 only for a professional training during
// working hours; at least 32 lesson periods, distance learning and internships
// excluded; a module already passed gives no new right). VOV: Vlaanderen.be
// VOV pages (TWP >= 50% at the start and in the reference month, fallback
// month, exactly 50% fixed schedule, 2025-2026 thresholds, 3 credits or 32
// contact hours, career attest). Brussels reform 2023-2024: 25% of full time,
// judged on the DmfA fraction of September of the school year, or of the month
// the training starts when September's gives no right, for the whole school
// year (bru.reform2023, https://economie-emploi.brussels/conge-education-paye-reforme).
// Classic BEV, a worker alternating full- and part-time during the school year:
// each period weighed with its own share (wal.cep.faq, weigh_alternating_employment).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/leave/regime.hpp"

namespace edurules::leave {

/// The parameters of the eligibility rules (rules.md 2.2, 2.3, 2.4).
struct eligibility_params {
    // training minimum and the lesson modes that count toward it
    const parameter* min_contact_hours;
    const parameter* bev_modes_minimum;
    const parameter* brussels_modes_minimum;
    const parameter* vov_modes_minimum;
    // BEV part-time categories (2.2), reformed Brussels (2.4)
    const parameter* four_fifths;
    const parameter* fixed_min;
    const parameter* variable_min;
    const parameter* halftime_fixed_types;
    const parameter* brussels_min_fraction;
    const parameter* brussels_reference_month;
    const parameter* bev_job_during_training;  ///< classic BEV: a job taken during the training is judged then
    const parameter* bev_alternating;          ///< classic BEV: how a share that changes in the school year weighs
    // VOV employment and training conditions (2.3)
    const parameter* vov_min_twp;
    const parameter* vov_min_weekly_hours;
    const parameter* vov_reference_month;
    const parameter* vov_fallback_excluded_month;
    const parameter* vov_exact_half_twp;
    const parameter* vov_min_credits;
    const parameter* vov_career_attest_years;
    // module combination toward the minimum (meets_min_by_combination)
    const parameter* bev_combination_mode;
    const parameter* vov_combination_mode;
    const parameter* combination_window_days;
    dated<month_overflow> overflow;  ///< the month convention (regime_params)
    mode_masks minimum_masks;        ///< the three minimum mode lists as bits (mode_mask)
    // COVID: lesson modes counting toward the minimum on the days of a value (covid_minimum)
    const parameter* covid_minimum_wallonia;
    const parameter* covid_minimum_brussels;
    dated<unsigned> covid_minimum_masks[2];  ///< wallonia_bev, brussels_bev (bits; gaps: none)

    eligibility_params(const rulebook& rb, const dated<month_overflow>& months)
        : min_contact_hours(need(rb, "leave.training.min_contact_hours", value_kind::duration)),
          bev_modes_minimum(need(rb, "leave.bev.modes.minimum", value_kind::text_list)),
          brussels_modes_minimum(need(rb, "leave.brussels.modes.minimum", value_kind::text_list)),
          vov_modes_minimum(need(rb, "leave.vov.modes.minimum", value_kind::text_list)),
          four_fifths(need(rb, "leave.bev.fraction.four_fifths", value_kind::decimal)),
          fixed_min(need(rb, "leave.bev.fraction.fixed_min", value_kind::decimal)),
          variable_min(need(rb, "leave.bev.fraction.variable_min", value_kind::decimal)),
          halftime_fixed_types(need(rb, "leave.bev.halftime_fixed.training_types", value_kind::text_list)),
          brussels_min_fraction(need(rb, "leave.brussels.min_fraction", value_kind::decimal)),
          brussels_reference_month(need(rb, "leave.brussels.reference_month", value_kind::integer)),
          bev_job_during_training(need(rb, "leave.bev.job_during_training", value_kind::boolean)),
          bev_alternating(need(rb, "leave.bev.alternating_employment", value_kind::text)),
          vov_min_twp(need(rb, "leave.vov.min_twp", value_kind::decimal)),
          vov_min_weekly_hours(need(rb, "leave.vov.min_weekly_hours", value_kind::duration)),
          vov_reference_month(need(rb, "leave.vov.reference_month", value_kind::integer)),
          vov_fallback_excluded_month(need(rb, "leave.vov.fallback_excluded_month", value_kind::integer)),
          vov_exact_half_twp(need(rb, "leave.vov.exact_half_twp", value_kind::decimal)),
          vov_min_credits(need(rb, "leave.vov.min_credits", value_kind::integer)),
          vov_career_attest_years(need(rb, "leave.vov.career_attest_max_age_years", value_kind::integer)),
          bev_combination_mode(need(rb, "leave.bev.module_combination.mode", value_kind::text)),
          vov_combination_mode(need(rb, "leave.vov.module_combination.mode", value_kind::text)),
          combination_window_days(need(rb, "leave.training.module_combination_window_days", value_kind::integer)),
          overflow(months),
          minimum_masks(*bev_modes_minimum, *brussels_modes_minimum, *vov_modes_minimum),
          covid_minimum_wallonia(need(rb, "leave.covid.wallonia_bev.minimum_modes", value_kind::text_list)),
          covid_minimum_brussels(need(rb, "leave.covid.brussels_bev.minimum_modes", value_kind::text_list)),
          covid_minimum_masks{mode_masks::of(*covid_minimum_wallonia), mode_masks::of(*covid_minimum_brussels)} {}
};

/// The employment on one day: the sum of the fractions of every job active
/// then (several employers), the contract minutes per week, and the schedule
/// (variable when any active job has a variable schedule).
struct employment {
    fraction share{0, 1};
    std::int64_t contract_minutes_per_week = 0;
    schedule sched = schedule::fixed;
    bool any = false;
};

inline employment employment_at(const std::vector<job>& jobs, date d) {
    employment e;
    for (const auto& j : jobs) {
        if (!j.employs_on(d)) continue;
        const detail::i128 num = static_cast<detail::i128>(e.share.num) * j.full_time_minutes_per_week +
                                 static_cast<detail::i128>(j.contract_minutes_per_week) * e.share.den;
        const detail::i128 den = static_cast<detail::i128>(e.share.den) * j.full_time_minutes_per_week;
        detail::i128 rn = num, rd = den;
        lowest_terms(rn, rd);
        if (rn > INT64_MAX || rd > INT64_MAX)  // only for absurd inputs: many jobs with coprime weekly minutes
            throw error(errc::invalid_input, "jobs",
                        "the employment fractions of the jobs active on " + to_iso(d) + " are too fine to add exactly");
        e.share = fraction{static_cast<std::int64_t>(rn), static_cast<std::int64_t>(rd)};
        e.contract_minutes_per_week += j.contract_minutes_per_week;
        if (j.sched == schedule::variable) e.sched = schedule::variable;
        e.any = true;
    }
    return e;
}

/// Whether the worker has a job on `d`: employment_at(jobs, d).any, without
/// adding the shares (asked for every lesson day).
inline bool has_job_on(const std::vector<job>& jobs, date d) {
    return std::any_of(jobs.begin(), jobs.end(), [d](const job& j) { return j.employs_on(d); });
}

/// The fraction used for pro rata: the employment share, at most full time.
inline fraction pro_rata_share(const fraction& f) { return f.at_least_one() ? fraction{1, 1} : f; }

/// BEV and reformed-Brussels part-time categories (rules.md 2.2, 2.4).
/// Returns the reasons for "no" (0 = the worker's category has a right).
inline std::uint32_t bev_category(const eligibility_params& R, regime reg, const employment& e, training_type type,
                                  bool coinciding, date at, explanation& why) {
    if (!e.any || e.share.num <= 0) {
        why.add("leave.eligibility.no_employment", [&] { return "no employment on " + to_iso(at); });
        return reason_no_employment;
    }
    if (reg == regime::brussels_reformed) {
        const auto min = read<decimal>(*R.brussels_min_fraction, at);
        if (!e.share.at_least(min.value)) {
            why.add("leave.eligibility.brussels_fraction",
                    [&] {
                        return "works " + e.share.percent() + " of full time on " + to_iso(at) +
                               ", below the minimum " + min.value.to_string() + ": no reformed Brussels BEV";
                    },
                    {min.use});
            return reason_fraction_too_low;
        }
        why.add("leave.eligibility.brussels_fraction",
                [&] {
                    return "works " + e.share.percent() + " of full time, at least " + min.value.to_string() +
                           " (schedule and coinciding hours no longer matter)";
                },
                {min.use});
        return reason_none;
    }
    if (e.share.at_least_one()) {
        why.add("leave.eligibility.full_time", [&] {
            return "full-time on " + to_iso(at) +
                   " (possibly over several employers): right for any recognised training";
        });
        return reason_none;
    }
    const auto ff = read<decimal>(*R.four_fifths, at);
    if (e.share.at_least(ff.value)) {
        why.add("leave.eligibility.four_fifths",
                [&] {
                    return "part-time " + e.share.percent() + " on " + to_iso(at) + ", at least " +
                           ff.value.to_string() + " of full time: right";
                },
                {ff.use});
        return reason_none;
    }
    if (e.sched == schedule::variable) {
        const auto vm = read<decimal>(*R.variable_min, at);
        if (e.share.at_least(vm.value)) {
            why.add("leave.eligibility.variable",
                    [&] {
                        return "part-time " + e.share.percent() + " on " + to_iso(at) +
                               " on a variable schedule, at least the minimum " + vm.value.to_string() + ": right";
                    },
                    {vm.use});
            return reason_none;
        }
        why.add("leave.eligibility.variable",
                [&] {
                    return "part-time " + e.share.percent() + " on " + to_iso(at) +
                           " on a variable schedule, below the minimum " + vm.value.to_string() + ": no right";
                },
                {vm.use});
        return reason_fraction_too_low;
    }
    const auto fm = read<decimal>(*R.fixed_min, at);
    if (e.share.at_least(fm.value)) {
        param_use u_types;
        const auto& types = ref<std::vector<std::string>>(*R.halftime_fixed_types, at, u_types);
        const bool professional = listed(types, to_string(type));
        if (professional && coinciding) {
            why.add("leave.eligibility.half_time_fixed",
                    [&] {
                        return "part-time " + e.share.percent() + " on " + to_iso(at) +
                               " on a fixed schedule (at least " + fm.value.to_string() + ", below " +
                               ff.value.to_string() + "): right for this professional training during working hours";
                    },
                    {fm.use, ff.use, u_types});
            return reason_none;
        }
        why.add("leave.eligibility.half_time_fixed",
                [&] {
                    return "part-time " + e.share.percent() + " on " + to_iso(at) + " on a fixed schedule (at least " +
                           fm.value.to_string() + ", below " + ff.value.to_string() +
                           "): right only for a professional training during working hours; this " +
                           std::string(to_string(type)) + " training " +
                           (professional ? "is not during working hours" : "is not professional");
                },
                {fm.use, ff.use, u_types});
        return reason_halftime_needs_professional_during_work;
    }
    why.add("leave.eligibility.fraction",
            [&] {
                return "part-time " + e.share.percent() + " on " + to_iso(at) + " on a fixed schedule, below " +
                       fm.value.to_string() + ": no right";
            },
            {fm.use, ff.use});
    return reason_fraction_too_low;
}

/// Classic BEV (Flemish BEV, Walloon BEV, Brussels before the 2023-2024
/// reform): the day the worker's employment is judged for training `t`. It is
/// `start_day` (the training start, or the school year's first day), unless
/// the worker has no job then and `leave.bev.job_during_training` holds: then
/// the first day in `year` from `start_day` on with a lesson of `t` (given,
/// not cancelled) and a job, so that a worker who starts working during the
/// training has leave for the lessons from then on (hours.hpp
/// `attended_in_year` leaves out the lessons before the job). Sources:
/// werk.be.bev.werknemer (Departement WSE, Flemish BEV) "in geval u van
/// werkgever verandert, moet u de aanvraag voor educatief verlof indienen ten
/// laatste binnen de 15 dagen vanaf ... de verandering van werkgever";
/// bru.bev.demande (Brussels) the 31 October date "est d'application pour un
/// travailleur déjà en poste dans l'entreprise", and "en cas de changement
/// d'employeur au cours d'une même année scolaire, la demande ... se fait au
/// plus tard dans les 15 jours de ... changement d'employeur"; securex.wal.cep
/// (Wallonia, secondary): the new employer receives the hours taken with the
/// previous one. VOV is not judged here: its TWP is read at the training start
/// and in the reference month (vl.vov.wie), nor is reformed Brussels BEV (the
/// reference or start month, bru.reform2023). `employment_on(date)` returns
/// the `employment` on a day.
template <class EmploymentOn>
date bev_judged_on(const eligibility_params& R, const training& t, period year, date start_day,
                   EmploymentOn&& employment_on, explanation& why) {
    if (employment_on(start_day).any) return start_day;
    const auto later = read<bool>(*R.bev_job_during_training, year.first);
    if (!later.value) return start_day;
    std::optional<date> first;
    for (const auto& l : t.lessons)
        if (!l.cancelled && year.contains(l.day) && !(l.day < start_day) && (!first || l.day < *first) &&
            employment_on(l.day).any)
            first = l.day;
    if (!first) return start_day;
    why.add("leave.eligibility.job_during_training",
            [&] {
                return "no job at the training start " + to_iso(start_day) + "; the first lesson day with a job, " +
                       to_iso(*first) + ", judges the employment: a job taken during the training gives leave for " +
                       "the lessons from then on";
            },
            {later.use});
    return *first;
}

/// One stretch of a school year over which the worker's employment stays the
/// same (a job starts or ends at its edges), with what it gives under
/// `weigh_alternating_employment`.
struct employment_stretch {
    period span;
    employment e;
    std::uint32_t reasons = reason_none;  ///< bev_category's answer for the stretch (0: a right)
    fraction effective{0, 1};             ///< pro_rata_share(e.share) where the stretch gives a right, else 0
    std::int64_t weight = 0;              ///< attended lesson minutes, or days, in the stretch
};

/// The stretches of `year` on which the worker has a job, in order, into `out`
/// (cleared). Neighbouring stretches with the same share and schedule are one
/// (a change of employer at the same share is no change of employment).
inline void employment_stretches(const std::vector<job>& jobs, period year, std::vector<employment_stretch>& out) {
    out.clear();
    const date after = next_day(year.last);
    for (date d = year.first; d < after;) {
        date next = after;  // the next day a job starts or ends, if any (a few jobs: no sort, no buffer)
        for (const auto& j : jobs) {
            if (d < j.from && j.from < next) next = j.from;
            if (j.to && d < next_day(*j.to) && next_day(*j.to) < next) next = next_day(*j.to);
        }
        const period span{d, prev_day(next)};
        d = next;
        const employment e = employment_at(jobs, span.first);
        if (!e.any) continue;
        if (!out.empty() && next_day(out.back().span.last) == span.first && out.back().e.share == e.share &&
            out.back().e.sched == e.sched) {
            out.back().span.last = span.last;
            continue;
        }
        out.push_back(employment_stretch{span, e});
    }
}

/// The pro-rata share of a classic-BEV training whose worker alternates
/// between employments during the school year, and whether it opens a right.
struct alternating_share {
    fraction share{0, 1};                 ///< the weighted share (0: no weighted stretch gives a right)
    std::uint32_t reasons = reason_none;  ///< when the share is 0: the category reasons of a weighted stretch
    date reasons_on;                      ///< and the first day of that stretch (the day its employment is judged)
};

namespace alternating_impl {
inline std::string fraction_text(const fraction& f) {
    return f.den == 1 ? std::to_string(f.num) : std::to_string(f.num) + "/" + std::to_string(f.den);
}

/// sum(weight x effective) / sum(weight), exact, in lowest terms.
inline fraction weighted_share(std::span<const employment_stretch> st, std::int64_t total) {
    edurules::detail::i128 num = 0, den = 1;
    for (const auto& s : st) {
        if (s.weight == 0 || s.effective.num == 0) continue;
        num = num * s.effective.den + static_cast<edurules::detail::i128>(s.weight) * s.effective.num * den;
        den *= s.effective.den;
        lowest_terms(num, den);
    }
    den *= total;
    lowest_terms(num, den);
    if (num > INT64_MAX || den > INT64_MAX)  // only for absurd inputs: many stretches with coprime shares
        throw error(errc::invalid_input, "jobs",
                    "the employment shares of the school year are too fine to weigh exactly");
    return fraction{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
}

inline void explain_alternating(std::span<const employment_stretch> st, bool by_days, std::int64_t total,
                                const alternating_share& out, school_year sy, param_use u, explanation& why) {
    why.add("leave.eligibility.employment_changed",
            [&] {
                const auto amount = [&](std::int64_t w) {
                    return by_days ? std::to_string(w) + " days" : hours_text(minutes{w}) + " h";
                };
                std::string periods, sum;
                for (const auto& s : st) {
                    if (!by_days && s.weight == 0) continue;
                    periods +=
                        (periods.empty() ? "" : "; ") + to_iso(s.span.first) + " to " + to_iso(s.span.last) + ": " +
                        s.e.share.percent() + (s.e.sched == schedule::variable ? " variable" : "") +
                        (s.reasons == reason_none
                             ? ", share " + fraction_text(s.effective)
                             : ", no right for this training (" +
                                   std::string(reason_codes[static_cast<std::size_t>(std::countr_zero(s.reasons))]) +
                                   "), share 0") +
                        ", " + amount(s.weight);
                    sum += (sum.empty() ? "" : " + ") + amount(s.weight) + " x " + fraction_text(s.effective);
                }
                return "the employment changes during school year " + sy.name() +
                       ": each period counts with its own share, weighted by " +
                       (by_days ? std::string("its days with a job in the school year")
                                : std::string("the lesson hours attended in it")) +
                       " (wal.cep.faq: the quota of a worker alternating full- and part-time is calculated in "
                       "proportion to the actual employment during the school year). " +
                       periods + ". Share = (" + sum + ") / " + amount(total) + " = " + fraction_text(out.share) +
                       " (" + out.share.percent() + ")";
            },
            {u});
}
}  // namespace alternating_impl

/// Classic BEV (Flemish BEV, Walloon BEV, Brussels before the 2023-2024
/// reform), a worker whose employment share changes during the school year.
/// wal.cep.faq (SPW Emploi, "Quels travailleurs peuvent bénéficier du congé
/// éducation payé?"): « Pour les travailleurs qui, durant l'année scolaire
/// concernée, travaillent alternativement à temps plein et à temps partiel, le
/// quota des heures de congé-éducation payé est calculé proportionnellement à
/// leur occupation effective à temps plein et à temps partiel au cours de cette
/// période », and a part-timer's quota is min(attended, cap) x the fraction
/// (securex.wal.cep.parttime). So the fraction is the worker's actual
/// employment weighed over the year: each stretch of the year with one
/// employment (employment_stretches) counts with its own share, and with 0
/// where that employment opens no right for the training (`category`, which
/// returns bev_category's reasons: a period below the minimum fraction gives
/// no leave, an inference). `leave.bev.alternating_employment` says what
/// weighs a stretch: `lesson_days` the minutes of lessons attended in it
/// (`attended`: day_tally-like items sorted by day, `.day` and `.given`; the
/// leave is absence from the work of the day of the lesson), `school_year_days`
/// its days (the page's words read literally), `judged_day` none (the share
/// of the one day bev_judged_on judges, as before the page was read).
/// Returns nothing where the rule does not change the answer: one job, one
/// effective share all year, nothing to weigh, or `judged_day` (whose change,
/// if any, is explained). Writes the stretches into `st` (reused).
template <class Days, class Category>
std::optional<alternating_share> weigh_alternating_employment(const eligibility_params& R, const std::vector<job>& jobs,
                                                              school_year sy, const Days& attended, Category&& category,
                                                              std::vector<employment_stretch>& st, explanation& why) {
    if (jobs.size() < 2) return std::nullopt;  // one job: one share all year
    const period year = sy.days();
    param_use u;
    const std::string& how = ref<std::string>(*R.bev_alternating, year.first, u);
    const bool judged = how == "judged_day";
    if (judged && !why.enabled()) return std::nullopt;
    employment_stretches(jobs, year, st);
    bool alternates = false;
    for (auto& s : st) {
        s.reasons = category(s.e, s.span.first);
        s.effective = s.reasons == reason_none ? pro_rata_share(s.e.share) : fraction{0, 1};
        alternates = alternates || !(s.effective == st.front().effective);
    }
    if (!alternates) return std::nullopt;
    if (judged) {
        why.add("leave.eligibility.employment_changed",
                [&] {
                    std::string periods;
                    for (const auto& s : st)
                        periods +=
                            (periods.empty() ? "" : ", ") + s.e.share.percent() + " from " + to_iso(s.span.first);
                    return "the employment changes during school year " + sy.name() + " (" + periods +
                           "); the rulebook judges the year on one day (wal.cep.faq pro-rates the quota of a worker "
                           "alternating full- and part-time over the periods): check this answer";
                },
                {u});
        return std::nullopt;
    }
    const bool by_days = how == "school_year_days";
    if (by_days) {
        for (auto& s : st) s.weight = s.span.days();
    } else {
        auto it = st.begin();  // both sorted by day: one forward walk
        for (const auto& d : attended) {
            while (it != st.end() && it->span.last < d.day) ++it;
            if (it == st.end()) break;
            if (it->span.contains(d.day)) it->weight += d.given.count;
        }
    }
    std::int64_t total = 0;
    for (const auto& s : st) total += s.weight;
    if (total == 0) return std::nullopt;  // nothing attended: the judged day's answer stands
    alternating_share out{alternating_impl::weighted_share(st, total)};
    if (out.share.num == 0)
        for (const auto& s : st)
            if (s.weight > 0 && s.reasons != reason_none) {
                out.reasons = s.reasons;
                out.reasons_on = s.span.first;
                break;
            }
    alternating_impl::explain_alternating(st, by_days, total, out, sy, u, why);
    return out;
}

/// The employment of a reference month with its fallback, for the whole
/// school year: the month `ref_month` of the calendar year in which school year
/// `sy` starts; when that month's employment does not open the right (`opens`),
/// the month the first training of the year starts (`first_training_start`)
/// instead, unless that month is `excluded_month` (0: none). A month's
/// employment is the one on its first day, or, for a worker hired later in
/// the month, on the first day of the month with a job (the DmfA of the month
/// declares the contract's fraction, not the days worked). One implementation
/// for VOV (TWP, rules.md 2.3) and reformed Brussels BEV (DmfA fraction,
/// rules.md 2.4).
struct reference_employment {
    employment ref;               ///< the reference month's employment
    date ref_day;                 ///< first day of the reference month
    date ref_read;                ///< the day its employment is read (ref_day, or the first with a job)
    employment fallback;          ///< the start month's employment (when the reference month does not open the right)
    date fallback_day;            ///< first day of the month the first training starts
    date fallback_read;           ///< the day its employment is read
    bool fallback_tried = false;  ///< the reference month did not open the right
    bool fallback_excluded = false;  ///< the start month is the excluded month: no fallback
    bool ok = false;                 ///< the counted month opens the right
    const employment& counted() const { return fallback_tried && !fallback_excluded ? fallback : ref; }
    date counted_day() const { return fallback_tried && !fallback_excluded ? fallback_day : ref_day; }
    /// The day the counted employment is read (the share of the pro rata is read there too).
    date counted_read() const { return fallback_tried && !fallback_excluded ? fallback_read : ref_read; }
};

template <class EmploymentOn, class Opens>
reference_employment reference_month_employment(school_year sy, std::int64_t ref_month, std::int64_t excluded_month,
                                                date first_training_start, EmploymentOn&& employment_on,
                                                Opens&& opens) {
    reference_employment out;
    const auto read_month = [&](date first, employment& e, date& read) {  // the first day of the month with a job
        read = first;
        e = employment_on(first);
        for (date d = first + day_count(1); !e.any && d.month() == first.month(); d += day_count(1))
            if (const employment x = employment_on(d); x.any) e = x, read = d;
    };
    out.ref_day = date(static_cast<unsigned short>(sy.start_year()), static_cast<unsigned short>(ref_month), 1);
    read_month(out.ref_day, out.ref, out.ref_read);
    out.ok = opens(out.ref);
    if (out.ok) return out;
    out.fallback_tried = true;
    out.fallback_day = date(first_training_start.year(), first_training_start.month(), 1);
    read_month(out.fallback_day, out.fallback, out.fallback_read);
    out.fallback_excluded = static_cast<std::int64_t>(first_training_start.month()) == excluded_month;
    out.ok = !out.fallback_excluded && opens(out.fallback);
    return out;
}

/// Reformed Brussels BEV (rules.md 2.4; bru.reform2023, economie-emploi.brussels
/// "La fraction d'occupation, telle que reprise par la DmfA du mois de septembre
/// de l'année de formation (ou du mois de début de la formation lorsque celle du
/// mois de septembre ne permet pas d'ouvrir le droit) détermine le quota ... pour
/// l'ensemble de l'année scolaire"): the employment that decides the right and
/// the pro rata for the whole school year, and the first day of its month.
/// `bev_category` then judges it against `leave.brussels.min_fraction`.
template <class EmploymentOn>
std::pair<employment, date> brussels_employment(const eligibility_params& R, school_year sy, date first_training_start,
                                                EmploymentOn&& employment_on, explanation& why) {
    const date at = sy.first_day();
    const auto min = read<decimal>(*R.brussels_min_fraction, at);
    const auto ref_month = read<std::int64_t>(*R.brussels_reference_month, at);
    const auto r = reference_month_employment(
        sy, ref_month.value, 0, first_training_start, employment_on,
        [&](const employment& e) { return e.any && e.share.num > 0 && e.share.at_least(min.value); });
    why.add("leave.brussels.reference_month",
            [&] {
                std::string s =
                    "employment fraction " + r.ref.share.percent() + " in the month starting " + to_iso(r.ref_day);
                if (!r.fallback_tried) return s + ": it decides the right and the pro rata for the whole school year";
                s += " gives no right (below " + min.value.to_string() + ")";
                if (r.fallback_day == r.ref_day) return s + "; the first training also starts in that month";
                return s + "; the month the first training starts (" + to_iso(r.fallback_day) +
                       ") counts instead: " + r.fallback.share.percent() + ", for the whole school year";
            },
            {ref_month.use, min.use});
    return {r.counted(), r.counted_read()};
}

/// The outcome of the VOV employment test.
struct vov_employment {
    std::uint32_t reasons = reason_none;
    fraction twp{0, 1};            ///< the TWP that sets the personal maximum (reference or fallback month)
    date reference_day;            ///< first day of the month whose TWP counted
    bool only_coinciding = false;  ///< exactly 50% on a fixed schedule: only coinciding hours
};

/// VOV: TWP at the start of the training and in the reference month, with the
/// fallback to the month the first training of the year starts (rules.md 2.3).
/// `employment_on(date)` returns the `employment` on a day.
template <class EmploymentOn>
vov_employment vov_employment_check(const eligibility_params& R, school_year sy, date training_start,
                                    date first_training_start, EmploymentOn&& employment_on, explanation& why) {
    vov_employment out;
    const date at = sy.first_day();
    const auto min_twp = read<decimal>(*R.vov_min_twp, at);
    const auto min_week = read<minutes>(*R.vov_min_weekly_hours, at);
    const employment start = employment_on(training_start);
    if (!start.share.at_least(min_twp.value)) {
        out.reasons |= reason_twp_below_minimum_at_start;
        why.add("leave.vov.twp_at_start",
                [&] {
                    return "TWP " + start.share.percent() + " at the training start " + to_iso(training_start) +
                           " is below the minimum " + min_twp.value.to_string();
                },
                {min_twp.use});
    }
    if (start.contract_minutes_per_week < min_week.value.count) {
        out.reasons |= reason_weekly_hours_below_minimum;
        why.add("leave.vov.weekly_hours",
                [&] {
                    return "contract of " + hours_text(minutes{start.contract_minutes_per_week}) +
                           " h/week at the training start, below the minimum " + hours_text(min_week.value) + " h";
                },
                {min_week.use});
    }
    const auto ref_month = read<std::int64_t>(*R.vov_reference_month, at);
    const auto excluded = read<std::int64_t>(*R.vov_fallback_excluded_month, at);
    const reference_employment r =
        reference_month_employment(sy, ref_month.value, excluded.value, first_training_start, employment_on,
                                   [&](const employment& e) { return e.share.at_least(min_twp.value); });
    const employment& ref = r.ref;
    const date ref_day = r.ref_day;
    const employment& counted = r.counted();
    out.twp = r.ok ? counted.share : ref.share;  // refused: the reference month's, as explained
    out.reference_day = r.ok ? r.counted_day() : ref_day;
    if (!r.ok) {
        out.reasons |= reason_twp_below_minimum_reference;
        why.add("leave.vov.reference_month",
                [&] {
                    return "TWP " + ref.share.percent() + " in the reference month starting " + to_iso(ref_day) +
                           " is below " + min_twp.value.to_string() + "; the first training of the year starts " +
                           to_iso(first_training_start) +
                           (r.fallback_excluded
                                ? ", in the month that allows no fallback"
                                : ", and that month's TWP " + r.fallback.share.percent() + " is also below it") +
                           ": no VOV this school year";
                },
                {min_twp.use, ref_month.use, excluded.use});
    } else if (r.fallback_tried) {
        why.add("leave.vov.reference_month",
                [&] {
                    return "TWP " + ref.share.percent() + " in the reference month starting " + to_iso(ref_day) +
                           " is below " + min_twp.value.to_string() + "; the month the first training starts (" +
                           to_iso(r.fallback_day) + ") counts instead: TWP " + r.fallback.share.percent();
                },
                {min_twp.use, ref_month.use, excluded.use});
    } else {
        why.add("leave.vov.reference_month",
                [&] {
                    return "TWP " + ref.share.percent() + " in the reference month starting " + to_iso(ref_day) +
                           ", at least " + min_twp.value.to_string();
                },
                {min_twp.use, ref_month.use});
    }
    if (out.reasons == reason_none) {
        const auto half = read<decimal>(*R.vov_exact_half_twp, at);
        if (counted.sched == schedule::fixed && counted.share.equals(half.value)) {
            out.only_coinciding = true;
            why.add(
                "leave.vov.exact_half",
                [&] {
                    return "TWP exactly " + half.value.to_string() +
                           " on a fixed schedule: only hours where lessons or exams coincide with working hours count";
                },
                {half.use});
        }
    }
    return out;
}

/// The lesson modes that count toward the minimum contact time under `reg`.
inline const std::vector<std::string>& minimum_modes(const eligibility_params& R, regime reg, date at, param_use& u) {
    if (reg == regime::vov) return ref<std::vector<std::string>>(*R.vov_modes_minimum, at, u);
    if (reg == regime::brussels_reformed) return ref<std::vector<std::string>>(*R.brussels_modes_minimum, at, u);
    return ref<std::vector<std::string>>(*R.bev_modes_minimum, at, u);
}

/// The same list as bits (model.hpp `mode_mask`); throws errc::rulebook
/// where the list has no value, as `minimum_modes` does.
inline unsigned minimum_modes_mask(const eligibility_params& R, regime reg, date at) {
    if (reg == regime::vov) return R.minimum_masks.vov.at(at).value;
    if (reg == regime::brussels_reformed) return R.minimum_masks.brussels.at(at).value;
    return R.minimum_masks.bev.at(at).value;
}

/// COVID: the value by which lesson `l` counts toward the minimum contact
/// time under `reg` besides the regime's minimum modes, or nullptr
/// (`leave.covid.wallonia_bev.minimum_modes`, `leave.covid.brussels_bev.minimum_modes`).
/// Wallonia (wal.emploi.covid): « Les heures de formation qui n'ont pas pu
/// être dispensées entre le 1er mars 2020 et le 30 juin 2020 sont prises en
/// compte pour déterminer si les formations comportent le minimum de 32 heures
/// de cours par an », so the hours given at a distance then count too;
/// Brussels (bru.covid): the attestation keeps the training's theoretical
/// hours, planned before the outbreak.
inline const resolved<unsigned>* covid_minimum(const eligibility_params& R, regime reg, const lesson& l) {
    const dated<unsigned>* m = reg == regime::wallonia_bev   ? &R.covid_minimum_masks[0]
                               : reg == regime::brussels_bev ? &R.covid_minimum_masks[1]
                                                             : nullptr;
    if (!m) return nullptr;
    const resolved<unsigned>* a = m->find(l.day);
    return a && in_mask(a->value, l.mode) ? a : nullptr;
}

/// Minimum contact time: `contact` minutes counted in units of `unit`
/// minutes (a lesson period or a clock hour) against the rulebook minimum.
inline bool meets_min_contact(const eligibility_params& R, minutes contact, minutes unit, date at, explanation& why) {
    const auto min = read<minutes>(*R.min_contact_hours, at);
    // contact / unit >= min / 60  <=>  contact * 60 >= min * unit
    const bool ok = static_cast<detail::i128>(contact.count) * minutes_per_hour >=
                    static_cast<detail::i128>(min.value.count) * unit.count;
    why.add("leave.training.min_contact",
            [&] {
                const exact_minutes units{static_cast<detail::i128>(contact.count) * minutes_per_hour, unit.count};
                return std::string("contact time counted toward the minimum: ") + units.hours_text() +
                       (unit.count == minutes_per_hour ? " hours" : " lesson periods") +
                       (ok ? ", at least " : ", below the minimum ") + hours_text(min.value);
            },
            {min.use});
    return ok;
}

/// What a module combination needs to know of one of the worker's trainings.
struct module_facts {
    const training* t = nullptr;
    regime reg = regime::none;
    date start;
    minutes contact{};     ///< contact minutes toward the minimum in this school year
    bool in_year = false;  ///< decided in this school year (it has lessons in it)
};

/// Module combination toward the minimum contact time (issue 12;
/// docs/research/leave-history.md section 6). A training below the minimum
/// (`meets_min_contact`) still qualifies when, with the worker's other
/// trainings of the same regime that this school year's rule lets it combine
/// with, the contact time reaches the minimum:
///  - `leave.bev.module_combination.mode` none (seed 004: "De module dient
///    minimaal 32 lestijden te bedragen": each module on its own);
///  - VOV `leave.vov.module_combination.mode` same_provider (securex.2023
///    "Principe", liantis.2022: modules of different trainings of one provider,
///    within `leave.training.module_combination_window_days` = 365 days between
///    the trainings' starts, the window's anchor being unstated, P), or
///    any_provider (securex.2023, liantis.2022, easypay.2023.modules: 2022-2023
///    and 2023-2024, prato.2023-06 also 2021-2022: modules of other providers
///    too, in the same school year). The same module (equal module codes) is
///    never combined with itself. Contact counts only lessons of this school year.
/// Writes the indices of the trainings combined into `combined` (cleared)
/// when the combination reaches the minimum; returns whether it does.
inline bool meets_min_by_combination(const eligibility_params& R, std::span<const module_facts> all, std::size_t i,
                                     minutes unit, date at, std::vector<std::size_t>& combined, explanation& why) {
    combined.clear();
    const module_facts& me = all[i];
    param_use u_mode, u_window;
    const std::string& mode =
        ref<std::string>(me.reg == regime::vov ? *R.vov_combination_mode : *R.bev_combination_mode, at, u_mode);
    if (mode == "none") {  // the window is not read: it has no value before module combination began
        why.add("leave.training.no_module_combination",
                [&] { return std::string("no module combination toward the minimum this school year"); }, {u_mode});
        return false;
    }
    const auto window = read<std::int64_t>(*R.combination_window_days, at);
    u_window = window.use;
    const auto& mine = me.t->provider;
    minutes total = me.contact;
    for (std::size_t j = 0; j < all.size(); ++j) {
        const module_facts& o = all[j];
        if (j == i || !o.in_year || o.reg != me.reg || o.contact.count == 0) continue;
        if (me.t->module_code && o.t->module_code && *me.t->module_code == *o.t->module_code) continue;
        const bool same =
            mine && o.t->provider && *mine == *o.t->provider && std::abs((o.start - me.start).days()) <= window.value;
        if (!same && mode != "any_provider") continue;
        combined.push_back(j);
        total += o.contact;
    }
    const auto min = read<minutes>(*R.min_contact_hours, at);
    const bool ok = !combined.empty() && static_cast<detail::i128>(total.count) * minutes_per_hour >=
                                             static_cast<detail::i128>(min.value.count) * unit.count;
    why.add("leave.training.module_combination",
            [&] {
                std::string with;
                for (std::size_t j : combined) {
                    const training& o = *all[j].t;
                    with += (with.empty() ? "" : ", ") + o.id + " (provider " + o.provider.value_or("not given") +
                            ", module " + o.module_code.value_or("not given") + ", " + hours_text(all[j].contact) +
                            " h)";
                }
                return "module combination (" + mode + ", one provider within " + std::to_string(window.value) +
                       " days" + (mode == "any_provider" ? "; other providers in the school year" : "") + "): " +
                       (combined.empty() ? std::string("no training to combine with")
                                         : "with " + with + ": " + hours_text(total) + " h of contact" +
                                               (ok ? ", the minimum is reached" : ", still below the minimum"));
            },
            {u_mode, u_window, min.use});
    if (!ok) combined.clear();
    return ok;
}

/// Conditions on the training itself, under every regime (rules.md 2.2, 2.3):
/// a training the region does not recognise gives no leave; a module already
/// passed gives no new right (a repeat after failing would have one).
inline std::uint32_t training_conditions(const training& t, const std::vector<std::string>& passed_modules,
                                         explanation& why) {
    std::uint32_t reasons = reason_none;
    if (!t.recognised) {
        reasons |= reason_not_recognised;
        why.add("leave.training.recognised", [] { return std::string("the training is not recognised"); });
    }
    if (t.module_code && listed(passed_modules, *t.module_code)) {
        reasons |= reason_module_already_passed;
        why.add("leave.training.module_passed", [&] {
            return "module " + *t.module_code +
                   " was already passed: no new right (a repeat after failing would have one)";
        });
    }
    return reasons;
}

/// VOV conditions on the training (Vlaanderen.be VOV, rules.md 2.3): a
/// credit-based training needs the minimum number of credits; a
/// career-oriented training needs a career attest at most N years old at its
/// start; a worker who missed the first final assessment (without a
/// justified reason) has no VOV for it.
inline std::uint32_t vov_training_conditions(const eligibility_params& R, const training& t, date start, date at,
                                             explanation& why) {
    std::uint32_t reasons = reason_none;
    if (t.counting == vov_counting::credits) {
        const auto mc = read<std::int64_t>(*R.vov_min_credits, at);
        if (t.credits < mc.value) {
            reasons |= reason_below_min_credits;
            why.add(
                "leave.vov.min_credits",
                [&] { return std::to_string(t.credits) + " credits, below the minimum " + std::to_string(mc.value); },
                {mc.use});
        }
    }
    if (t.career_oriented) {
        const auto years = read<std::int64_t>(*R.vov_career_attest_years, at);
        const auto& of_r = R.overflow.at(at);
        const param_use u_of = of_r.use;
        const month_overflow of = of_r.value;
        const bool ok = t.career_attest_date &&
                        !(add_months(*t.career_attest_date, static_cast<int>(years.value * 12), of) < start);
        if (!ok) {
            reasons |= reason_career_attest_too_old;
            why.add("leave.vov.career_attest",
                    [&] {
                        return std::string("career-oriented training needs a career attest at most ") +
                               std::to_string(years.value) + " years old at the start " + to_iso(start) +
                               (t.career_attest_date ? "; the attest is of " + to_iso(*t.career_attest_date)
                                                     : "; none given");
                    },
                    {years.use, u_of});
        }
    }
    if (t.assessment == final_assessment::missed) {
        reasons |= reason_final_assessment_missed;
        why.add("leave.vov.final_assessment", [] {
            return std::string(
                "the worker did not take part in the first final assessment (nor the next one after a justified "
                "absence): no VOV and no reimbursement");
        });
    }
    return reasons;
}

}  // namespace edurules::leave
