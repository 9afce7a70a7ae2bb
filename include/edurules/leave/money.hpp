// Money and dates (docs/rules.md 2.2, 2.3): reimbursement to the employer per
// approved hour by region and school year (Vlaanderen.be BEV and VOV, Brussels
// Economy and Employment, Walloon SPW/Le Forem), the monthly wage ceiling per
// school year, the enrolment-certificate deadline (31 October, or 15 days
// after a later enrolment or new job; KB 23 July 1985), the claim deadlines
// (Flemish BEV 31 December after the school year, Wallonia 31 March to Le
// Forem, Brussels 1 September to 31 December) and the VOV claim window
// (3 months before to 3 months after the training start, or after the hiring
// on a change of employer; widened for the trainings of 2019-2020 and 2021-2022).
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/leave/regime.hpp"

namespace edurules::leave {

/// The parameters of money and dates (rules.md 2.2, 2.3).
struct money_params {
    const parameter* money_rounding;
    const parameter* rate_flanders_bev;
    const parameter* rate_wallonia_bev;
    const parameter* rate_brussels_bev;
    const parameter* rate_vov;
    const parameter* rate_bev_general;  ///< a general training's BEV rate in the years it had one (gaps: none)
    const parameter* wage_ceiling;
    const parameter* enrolment_deadline;
    const parameter* enrolment_late_days;
    const parameter* claim_flanders_first;
    const parameter* claim_flanders_last;
    const parameter* claim_wallonia_last;
    const parameter* claim_brussels_first;
    const parameter* claim_brussels_last;
    const parameter* vov_claim_before;
    const parameter* vov_claim_after;
    const parameter* vov_claim_extended;    ///< a later last day for trainings started in a period (gaps: none)
    const parameter* vov_claim_day_before;  ///< the term in months ends the day before the same date
    dated<rounding> money_rounding_mode;
    dated<month_overflow> overflow;  ///< the month convention (regime_params)

    money_params(const rulebook& rb, const dated<month_overflow>& months)
        : money_rounding(need(rb, "leave.money.rounding", value_kind::text)),
          rate_flanders_bev(need(rb, "leave.rate.flanders_bev", value_kind::money)),
          rate_wallonia_bev(need(rb, "leave.rate.wallonia_bev", value_kind::money)),
          rate_brussels_bev(need(rb, "leave.rate.brussels_bev", value_kind::money)),
          rate_vov(need(rb, "leave.rate.vov", value_kind::money)),
          rate_bev_general(need(rb, "leave.rate.bev_general_training", value_kind::money)),
          wage_ceiling(need(rb, "leave.wage_ceiling", value_kind::money)),
          enrolment_deadline(need(rb, "leave.deadline.enrolment_certificate", value_kind::integer_list)),
          enrolment_late_days(need(rb, "leave.deadline.enrolment_certificate_late_days", value_kind::integer)),
          claim_flanders_first(need(rb, "leave.claim.flanders_bev.first_day", value_kind::integer_list)),
          claim_flanders_last(need(rb, "leave.claim.flanders_bev.last_day", value_kind::integer_list)),
          claim_wallonia_last(need(rb, "leave.claim.wallonia.last_day", value_kind::integer_list)),
          claim_brussels_first(need(rb, "leave.claim.brussels.first_day", value_kind::integer_list)),
          claim_brussels_last(need(rb, "leave.claim.brussels.last_day", value_kind::integer_list)),
          vov_claim_before(need(rb, "leave.vov.claim_months_before_start", value_kind::integer)),
          vov_claim_after(need(rb, "leave.vov.claim_months_after_start", value_kind::integer)),
          vov_claim_extended(need(rb, "leave.vov.claim_extended_until", value_kind::date)),
          vov_claim_day_before(need(rb, "leave.vov.claim_term_ends_day_before", value_kind::boolean)),
          money_rounding_mode(dated_rounding(*money_rounding)),
          overflow(months) {
        for (const parameter* p : {enrolment_deadline, claim_flanders_first, claim_flanders_last, claim_wallonia_last,
                                   claim_brussels_first, claim_brussels_last})
            check_school_year_days(*p);
    }

    /// Refuses at load a [years after, month, day] value whose month lacks
    /// that day in some year (30 February, 31 April, and 29 February, which
    /// most school years do not have), rather than failing the requests of
    /// the years without it.
    static void check_school_year_days(const parameter& p) {
        for (std::size_t i = 0; i < p.versions.size(); ++i) {
            const auto& v = std::get<std::vector<std::int64_t>>(p.versions[i].value);
            constexpr unsigned short common_year = 2001;  // February of 28 days
            const bool ok = v.size() == 3 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1 &&
                            v[2] <= boost::gregorian::gregorian_calendar::end_of_month_day(
                                        common_year, static_cast<unsigned short>(v[1]));
            if (!ok)
                throw error(errc::rulebook, "parameters[\"" + p.name + "\"].values[" + std::to_string(i) + "].value",
                            "expected [years after the school year start, month, day] naming a day that every "
                            "year has (not 29 February)");
        }
    }
};

/// The hourly reimbursement rate parameter of a regime (null for none).
inline const parameter* regime_rate_parameter(const money_params& R, regime reg) {
    switch (reg) {
        case regime::flanders_bev:
            return R.rate_flanders_bev;
        case regime::vov:
            return R.rate_vov;
        case regime::brussels_bev:
        case regime::brussels_reformed:
            return R.rate_brussels_bev;
        case regime::wallonia_bev:
            return R.rate_wallonia_bev;
        case regime::none:
            return nullptr;
    }
    return nullptr;
}

/// The hourly rate parameter of a training of type `type` in school year
/// `sy`: the regime's, except for a general training under BEV in a school
/// year whose rate depended on the training category (2013-2014: 18.49 for
/// general training against the 22.08 maximum; legalworld.2015.types,
/// easypay.2014.types), where leave.rate.bev_general_training has a value on
/// the school year's first day. The other categories of those years (adult
/// education, sectoral, other) depend on the provider, which a request does
/// not give: they keep the regime's maximum (docs/research/leave-history.md).
inline const parameter* rate_parameter(const money_params& R, regime reg, training_type type, school_year sy) {
    if (is_classic_bev(reg) && type == training_type::general && R.rate_bev_general->at(sy.first_day()))
        return R.rate_bev_general;
    return regime_rate_parameter(R, reg);
}

/// Leave-giving minutes attended on one day (hours.hpp `attended_in_year`):
/// the dates by which rates and wage ceilings apply.
struct attended_day {
    date day;
    minutes attended{};
};

/// One value of a dated money parameter (a rate) applied to part of a
/// training's approved leave.
struct rate_part {
    const parameter* param = nullptr;        ///< the rate parameter
    period span;                             ///< the part of the school year this value covers (or none covers)
    const param_version* version = nullptr;  ///< null: the rulebook has no value for `span`
    std::int64_t rate_cents = 0;
    minutes attended{};            ///< leave-giving minutes attended in `span`
    exact_minutes approved{0, 1};  ///< the approved leave that falls in `span` (exact, before any rounding)
};

/// The versions of `p` from the first that does not end before `day` on:
/// versions are ordered by date and do not overlap, so the ones skipped are
/// exactly those that end before `day` (a binary search, not a walk through
/// every year of a long-dated parameter).
inline std::span<const param_version> versions_from(const parameter& p, date day) {
    const std::span<const param_version> all(p.versions);
    const auto it =
        std::partition_point(all.begin(), all.end(), [&](const param_version& v) { return v.to && *v.to < day; });
    return all.subspan(static_cast<std::size_t>(it - all.begin()));
}

/// The parts of `year` cut at every version of `p`: `f(span, version)` for
/// each, in date order, with version null for a part no version covers.
template <class F>
void for_each_dated_part(const parameter& p, const period& year, F&& f) {
    date next = year.first;  // versions are ordered by date and do not overlap
    for (const auto& v : versions_from(p, year.first)) {
        if (v.from && year.last < *v.from) break;  // this and every later version start after the year
        const period span{v.from ? *v.from : year.first, v.to ? *v.to : year.last};
        if (!span.overlaps(year)) continue;
        const period part = span.intersect(year);
        if (next < part.first) f(period{next, prev_day(part.first)}, static_cast<const param_version*>(nullptr));
        f(part, &v);
        next = part.last + day_count(1);
    }
    if (!(year.last < next)) f(period{next, year.last}, static_cast<const param_version*>(nullptr));
}

/// The part of `approved` leave minutes that falls in `span` (issue 12,
/// docs/research/leave-history.md section 3: values apply by the date of the
/// leave hours). The approved leave of a school year is one figure (the cap
/// and the pro-rata share apply to the year as a whole), so it is spread over
/// the days in proportion to the leave-giving minutes attended on each: no
/// lesson comes first. Leave without attended days (credits, exams, an exam
/// board, a competence exam) is dated on `undated_on`, the day the training's
/// right was decided (the later of its start and the school year's first day).
/// Exact: no rounding here.
inline exact_minutes approved_in(const period& span, minutes approved, std::span<const attended_day> days,
                                 date undated_on) {
    std::int64_t total = 0, in = 0;
    for (const auto& d : days) {
        total += d.attended.count;
        if (span.contains(d.day)) in += d.attended.count;
    }
    if (total == 0) return span.contains(undated_on) ? exact_minutes::of(approved) : exact_minutes{0, 1};
    return exact_minutes::reduce({static_cast<detail::i128>(approved.count) * in, total});
}

struct reimbursement {
    /// The rate applied (with several, the first one; `rate_parts` lists each).
    std::int64_t rate_cents = 0;
    std::int64_t amount_cents = 0;
    /// The rate parameter that has no value for a day of the approved leave
    /// (null when every part has a rate, or the regime pays none); the amount
    /// is then unknown, not zero (reason no_rate_for_date).
    const parameter* missing = nullptr;
    date missing_on;              ///< the first day of the part of the year without a rate
    param_use rate_use;           ///< the first rate version applied
    std::size_t parts_first = 0;  ///< its rates: `rate_part`s [parts_first, parts_first + parts_count)
    std::size_t parts_count = 0;
    [[nodiscard]] bool known() const { return missing == nullptr; }
};

/// Reimbursement to the employer for `approved` leave minutes of a training
/// in school year `sy` (rates per region: Vlaanderen.be BEV and VOV, Brussels
/// Economy and Employment, Walloon SPW/Le Forem; docs/sources.md). Rates apply
/// by the date of the leave hours (issue 12): the year is cut at every version
/// of the regime's rate parameter, the approved leave is spread over the parts
/// by `approved_in`, and each part is paid at its own rate. The amount is
/// computed exactly, sum over parts of approved_p x rate_p / 60, and rounded
/// ONCE, here, to whole cents by leave.money.rounding (the only money rounding
/// of a training; a worker's total is the sum of the trainings' amounts).
/// The parts that carry leave are appended to `parts` (a buffer reused across
/// workers). A part without a rate gives no amount and the reason
/// no_rate_for_date, naming the parameter and the part's first day; leave that
/// needs no rate (none approved) needs no rate value.
inline reimbursement reimburse(const money_params& R, regime reg, training_type type, minutes approved,
                               std::span<const attended_day> days, date undated_on, school_year sy,
                               std::vector<rate_part>& parts, explanation& why) {
    reimbursement out;
    out.parts_first = parts.size();
    const parameter* p = rate_parameter(R, reg, type, sy);
    if (!p || approved.count == 0) return out;
    // exact amount in cents = approved x sum(weight_p x rate_p) / (sum(weight_p) x 60), where the
    // weight of a part is its attended minutes (or 1 for the part holding undated leave)
    std::int64_t total = 0;
    for (const auto& d : days) total += d.attended.count;
    detail::i128 weighted = 0;
    for_each_dated_part(*p, sy.days(), [&](const period& span, const param_version* v) {
        rate_part rp{p, span, v};
        for (const auto& d : days)
            if (span.contains(d.day)) rp.attended += d.attended;
        rp.approved = approved_in(span, approved, days, undated_on);
        if (rp.approved.num == 0) return;  // no leave in this part: its rate is not needed
        if (!v) {
            if (!out.missing) out.missing = p, out.missing_on = span.first;
        } else {
            rp.rate_cents = std::get<std::int64_t>(v->value);
            if (!out.rate_use.version) out.rate_use = param_use{p, v}, out.rate_cents = rp.rate_cents;
            weighted += static_cast<detail::i128>(total == 0 ? 1 : rp.attended.count) * rp.rate_cents;
        }
        parts.push_back(rp);
    });
    out.parts_count = parts.size() - out.parts_first;
    if (out.missing) {
        why.add("leave.money.no_rate", [&] {
            return "no reimbursement rate: the rulebook has no value of " + p->name + " on " + to_iso(out.missing_on) +
                   " (school year " + sy.name() + "); the amount is unknown";
        });
        return out;
    }
    const auto& mode_r = R.money_rounding_mode.at(sy.first_day());
    out.amount_cents = div_round(static_cast<detail::i128>(approved.count) * weighted,
                                 static_cast<detail::i128>(total == 0 ? 1 : total) * minutes_per_hour, mode_r.value);
    for (std::size_t k = out.parts_first; k < parts.size(); ++k) {
        const rate_part& rp = parts[k];
        why.add("leave.money.reimbursement",
                [&] {
                    return "reimbursement to the employer, " + to_iso(rp.span.first) + " to " + to_iso(rp.span.last) +
                           ": " + rp.approved.hours_text() + " approved h x EUR " + format_scaled(rp.rate_cents, 2);
                },
                {param_use{p, rp.version}});
    }
    why.add("leave.money.amount",
            [&] {
                return "reimbursement " + hours_text(approved) + " approved h = EUR " +
                       format_scaled(out.amount_cents, 2) + " (exact sum over the rate periods, rounded once " +
                       std::string(to_string(mode_r.value)) + " to the cent)";
            },
            {mode_r.use});
    return out;
}

/// The same for leave without dated attendance (dated on the school year's
/// first day), e.g. a single figure; `parts` gets its rate parts.
inline reimbursement reimburse(const money_params& R, regime reg, training_type type, minutes approved, school_year sy,
                               std::vector<rate_part>& parts, explanation& why) {
    return reimburse(R, reg, type, approved, {}, sy.first_day(), sy, parts, why);
}

/// A date given in the rulebook as [years after the school year's start year, month, day].
inline date school_year_date(const parameter& p, school_year sy, param_use& use) {
    const auto& v = ref<std::vector<std::int64_t>>(p, sy.first_day(), use);
    if (v.size() != 3)
        throw error(errc::rulebook, "parameters[\"" + p.name + "\"]",
                    "expected [years after the school year start, month, day]");
    // the same days parse_iso_date accepts (1900..9999, a real month and day), without a text round trip
    const std::int64_t y = sy.start_year() + v[0], m = v[1], day = v[2];
    std::optional<date> d;
    if (y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && day >= 1 &&
        day <= boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                      static_cast<unsigned short>(m)))
        d = date(static_cast<date::date_int_type>(
            day_number_of(static_cast<int>(y), static_cast<int>(m), static_cast<int>(day))));  // checked above
    if (!d) throw error(errc::rulebook, "parameters[\"" + p.name + "\"]", "not a valid day for " + sy.name());
    return *d;
}

struct deadlines {
    date enrolment_certificate;
    std::optional<date> claim_from;
    std::optional<date> claim_until;
};

/// The enrolment-certificate deadline and the claim window of a training.
inline deadlines leave_deadlines(const money_params& R, regime reg, school_year sy, date training_start,
                                 std::optional<date> enrolled_on, std::optional<date> new_job_on, explanation& why) {
    deadlines out;
    param_use u_e;
    out.enrolment_certificate = school_year_date(*R.enrolment_deadline, sy, u_e);
    const auto late = read<std::int64_t>(*R.enrolment_late_days, sy.first_day());
    std::optional<date> moved_by;  // the later enrolment or new job that moved the deadline
    for (const auto& later : {enrolled_on, new_job_on}) {
        if (!later) continue;
        const date d = *later + day_count(late.value);
        if (out.enrolment_certificate < d) {
            out.enrolment_certificate = d;
            moved_by = later;
        }
    }
    why.add("leave.dates.enrolment_certificate",
            [&] {
                return "enrolment certificate due to the employer by " + to_iso(out.enrolment_certificate) +
                       (moved_by ? " (" + std::to_string(late.value) +
                                       " days after the later enrolment or new job on " + to_iso(*moved_by) + ")"
                                 : std::string());
            },
            {u_e, late.use});
    param_use u1, u2, u3, u4;
    std::optional<date> claim_moved_by;  // the new job that moved the VOV claim deadline
    switch (reg) {
        case regime::flanders_bev:  // from the end of the school year (vl.bev.terugbetaling)
            out.claim_from = school_year_date(*R.claim_flanders_first, sy, u1);
            out.claim_until = school_year_date(*R.claim_flanders_last, sy, u2);
            break;
        case regime::wallonia_bev:
            out.claim_until = school_year_date(*R.claim_wallonia_last, sy, u1);
            break;
        case regime::brussels_bev:
        case regime::brussels_reformed:
            out.claim_from = school_year_date(*R.claim_brussels_first, sy, u1);
            out.claim_until = school_year_date(*R.claim_brussels_last, sy, u2);
            break;
        case regime::vov: {
            const auto before = read<std::int64_t>(*R.vov_claim_before, training_start);
            const auto after = read<std::int64_t>(*R.vov_claim_after, training_start);
            const month_overflow of = R.overflow.at(training_start).value;
            // the term ends the day before the same date `after` months later
            // (leave.vov.claim_term_ends_day_before: liantis.2022.claims, as art. 54 Ger.W. counts months)
            const auto day_before = read<bool>(*R.vov_claim_day_before, training_start);
            const auto term_end = [&](date from) {
                const date same = add_months(from, static_cast<int>(after.value), of);
                return day_before.value ? same - day_count(1) : same;
            };
            out.claim_from = add_months(training_start, -static_cast<int>(before.value), of);
            out.claim_until = term_end(training_start);
            // vl.vov.terugbetaling: "U moet de aanvraag indienen ten laatste 3 maanden na de start van de
            // opleiding (of 3 maanden na indiensttreding bij verandering van werkgever)": the new employer
            // claims within the same months of the hiring
            if (new_job_on) {
                const date hired = term_end(*new_job_on);
                if (*out.claim_until < hired) out.claim_until = hired, claim_moved_by = new_job_on;
            }
            // a claim window widened for the trainings started in a period (vl.vov.terugbetaling, school year
            // 2019-2020: "Terugbetalingsaanvragen voor schooljaar 19-20 kunnen nog ingediend worden t.e.m.
            // 31 oktober 2020"), never narrowed
            if (const param_version* v = R.vov_claim_extended->at(training_start)) {
                u3 = param_use{R.vov_claim_extended, v};
                const date extended = std::get<date>(v->value);
                if (*out.claim_until < extended) out.claim_until = extended, claim_moved_by.reset();
            }
            u1 = before.use;
            u2 = after.use;
            u4 = day_before.use;
            break;
        }
        case regime::none:
            return out;
    }
    auto claim_text = [&] {
        return "employer claim " + (out.claim_from ? "from " + to_iso(*out.claim_from) + " " : std::string()) +
               "until " + to_iso(*out.claim_until) +
               (claim_moved_by ? " (after the hiring by the new employer on " + to_iso(*claim_moved_by) + ")"
                               : std::string());
    };
    if (u3.param)  // VOV only, which always has u4
        why.add("leave.dates.claim", claim_text, {u1, u2, u4, u3});
    else if (u4.param)
        why.add("leave.dates.claim", claim_text, {u1, u2, u4});
    else if (u2.param)
        why.add("leave.dates.claim", claim_text, {u1, u2});
    else
        why.add("leave.dates.claim", claim_text, {u1});
    return out;
}

/// The monthly wage ceiling in force on `d`.
inline resolved<std::int64_t> wage_ceiling(const money_params& R, date d) {
    return read<std::int64_t>(*R.wage_ceiling, d);
}

/// An amount in force over part of a school year.
struct dated_amount {
    period span;
    std::int64_t cents = 0;
    param_use use;
    std::optional<std::int64_t> capped_wage_cents;  ///< the worker's monthly wage capped at this ceiling
    exact_minutes approved{0, 1};  ///< the worker's approved leave that falls in `span` (`approved_in`)
};

/// Every wage ceiling in force during `year`, each with the part of the year
/// it covers (2022-2023 has two: 3,170 to 2022-12-31, 3,364 from 2023-01-01,
/// `wal.cep`), into `out` (reused); with the worker's wage capped at each.
/// Returns the first day of the year no ceiling covers (nullopt: all covered).
inline std::optional<date> wage_ceilings_in(const money_params& R, const period& year,
                                            const std::optional<std::int64_t>& monthly_wage_cents,
                                            std::vector<dated_amount>& out) {
    out.clear();
    std::optional<date> uncovered;
    date next = year.first;  // versions are ordered by date and do not overlap
    for (const auto& v : versions_from(*R.wage_ceiling, year.first)) {
        if (v.from && year.last < *v.from) break;  // this and every later version start after the year
        const period span{v.from ? *v.from : year.first, v.to ? *v.to : year.last};
        if (!span.overlaps(year)) continue;
        const period part = span.intersect(year);
        if (next < part.first && !uncovered) uncovered = next;
        const auto cents = std::get<std::int64_t>(v.value);
        out.push_back(
            {part, cents, param_use{R.wage_ceiling, &v},
             monthly_wage_cents ? std::optional<std::int64_t>(std::min(*monthly_wage_cents, cents)) : std::nullopt});
        next = part.last + day_count(1);
    }
    if (!uncovered && !(year.last < next)) uncovered = next;
    return uncovered;
}

/// Adds a training's approved leave to the wage ceilings in force on its
/// days (`approved_in`: by the date of the leave hours, issue 12), so that each
/// ceiling lists the leave it applies to.
inline void add_approved_to_ceilings(std::vector<dated_amount>& ceilings, minutes approved,
                                     std::span<const attended_day> days, date undated_on) {
    if (approved.count == 0) return;
    for (auto& c : ceilings) c.approved = c.approved + approved_in(c.span, approved, days, undated_on);
}

/// The wage ceiling for leave hours (the employer is reimbursed on a wage
/// capped at the ceiling, `be.kb1985`): the ceiling in force on the school
/// year's first day, and the worker's capped monthly wage when the wage is
/// known. Hours later in the year use the ceiling of their month
/// (`wage_ceilings_in`). Without a ceiling on that day `ceiling` stays empty
/// and the caller reports no_wage_ceiling_for_date.
inline void apply_wage_ceiling(const money_params& R, school_year sy,
                               const std::optional<std::int64_t>& monthly_wage_cents,
                               std::optional<resolved<std::int64_t>>& ceiling,
                               std::optional<std::int64_t>& capped_cents, explanation& why) {
    const auto* v = R.wage_ceiling->at(sy.first_day());
    if (!v) return;
    ceiling = resolved<std::int64_t>{std::get<std::int64_t>(v->value), param_use{R.wage_ceiling, v}};
    if (!monthly_wage_cents) return;
    capped_cents = std::min(*monthly_wage_cents, ceiling->value);
    // a ceiling that changes during the year (Wallonia 2022-2023: 3,170 then 3,364 from 1 January) is said to
    // change: this step names the first day's, `wage_ceilings` each one and the leave under it
    why.add("leave.money.wage_ceiling",
            [&] {
                const bool changes = R.wage_ceiling->at(sy.last_day()) != v;
                return "monthly wage EUR " + format_scaled(*monthly_wage_cents, 2) + " capped at the ceiling EUR " +
                       format_scaled(ceiling->value, 2) + " for leave hours" +
                       (changes ? " from " + to_iso(sy.first_day()) +
                                      " (the ceiling changes during the school year: wage_ceilings gives each one "
                                      "and the leave under it)"
                                : std::string());
            },
            {ceiling->use});
}

}  // namespace edurules::leave
