// How many hours of leave (rules.md 2.2, 2.3, 2.4).
// BEV caps per school year by training type, coinciding or not, raised
// (Vlaanderen.be BEV, brochure 'Wegwijs'; seed 004 'Op hoeveel uren heb je
// recht?'): a combination takes its own row, not the sum; the Flemish 2021-2022
// transition caps; 50-minute lesson period = 1 hour; only attended hours;
// part-time pro rata min(attended, cap) x contract / full-time, rounded once;
// several trainings (modules) share one cap per school year (seed 004
// 'Modularisering taalopleidingen'). Exams: central examination board 3 x
// weekly hours, competence exam 8 h against the professional cap.
// VOV (Vlaanderen.be VOV): the personal maximum x TWP, the doubled years 2021-2022 and
// 2022-2023, hours per credit, planned lesson periods, hours per exam and per
// competence; BEV hours reimbursed deducted from VOV the same year, and BEV hours
// reimbursed under another region from the BEV cap (a move mid-year); the 25%
// sanction. Brussels reform 2023-2024: general, language (raised) and professional (raised) caps.
#pragma once

#include <array>
#include <span>
#include <string>

#include "edurules/core/explain.hpp"
#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"

namespace edurules::leave {

/// The parameters of the hours rules (rules.md 2.2, 2.3, 2.4). The two "-"
/// cells of the BEV table (general and language have no raised cap) are null
/// unless a rulebook defines them.
struct hours_params {
    // lessons: the modes that give leave, the lesson period
    const parameter* lesson_period_minutes;
    const parameter* bev_modes_leave;
    const parameter* brussels_modes_leave;
    const parameter* vov_modes_leave;
    const parameter* lessons_need_employment;  ///< a lesson on a day without a job gives no leave
    const parameter* cap_less_elsewhere;       ///< BEV hours reimbursed in another region reduce the cap
    // BEV caps [cap_row][cap_variant] (cells leave.bev.cap.<row>.<variant>), exams
    std::array<std::array<const parameter*, cap_variant_count>, cap_row_count> bev_cap{};
    std::array<std::array<const parameter*, cap_variant_count>, cap_row_count> transition_cap{};
    const parameter* exam_board_factor;
    const parameter* transition_exam_board_factor;  ///< Flemish BEV, school year 2021-2022
    const parameter* competence_exam_hours;
    // reformed Brussels caps
    const parameter* brussels_cap_general;
    const parameter* brussels_cap_language;
    const parameter* brussels_cap_language_raised;
    const parameter* brussels_cap_professional;
    const parameter* brussels_cap_professional_raised;
    const parameter* brussels_cap_shortage;
    const parameter* brussels_keeps_shortage;
    const parameter* brussels_raised_languages;
    const parameter* brussels_combination_row;
    // rounding (text parsed once)
    const parameter* bev_rounding;
    const parameter* bev_rounding_unit;
    const parameter* vov_rounding;
    const parameter* vov_rounding_unit;
    const parameter* rounding_at_most_counted;  ///< rounding grants no hour beyond the hours counted
    dated<rounding> bev_rounding_mode;
    dated<rounding> vov_rounding_mode;
    mode_masks leave_masks;  ///< the three leave mode lists as bits (mode_mask)
    // COVID: lesson modes assimilated to attendance over dated periods, per regime (bits; gaps: none)
    const parameter* covid_flanders_bev;
    const parameter* covid_wallonia_bev;
    const parameter* covid_brussels_bev;
    const parameter* covid_vov;
    const parameter* covid_brussels_physical_minimum;
    dated<unsigned> covid_masks[4];  ///< flanders_bev, wallonia_bev, brussels_bev, vov
    dated<minutes> covid_physical_minimum;
    // VOV maximum and counting
    const parameter* vov_max_hours;
    const parameter* vov_employer_extra_hours;
    const parameter* vov_hours_per_credit;
    const parameter* vov_hours_per_credit_graduate;
    const parameter* vov_hours_per_exam;
    const parameter* vov_hours_per_competence;
    const parameter* vov_sanction_share;

    explicit hours_params(const rulebook& rb)
        : lesson_period_minutes(need(rb, "leave.training.lesson_period_minutes", value_kind::duration)),
          bev_modes_leave(need(rb, "leave.bev.modes.leave", value_kind::text_list)),
          brussels_modes_leave(need(rb, "leave.brussels.modes.leave", value_kind::text_list)),
          vov_modes_leave(need(rb, "leave.vov.modes.leave", value_kind::text_list)),
          lessons_need_employment(need(rb, "leave.hours.lessons_need_employment", value_kind::boolean)),
          cap_less_elsewhere(need(rb, "leave.bev.cap_less_hours_reimbursed_elsewhere", value_kind::boolean)),
          exam_board_factor(need(rb, "leave.bev.exam_board.weekly_hours_factor", value_kind::integer)),
          transition_exam_board_factor(
              maybe(rb, "leave.bev.flanders_transition.exam_board.weekly_hours_factor", value_kind::integer)),
          competence_exam_hours(need(rb, "leave.bev.competence_exam.hours", value_kind::duration)),
          brussels_cap_general(need(rb, "leave.brussels.cap.general", value_kind::duration)),
          brussels_cap_language(need(rb, "leave.brussels.cap.language", value_kind::duration)),
          brussels_cap_language_raised(need(rb, "leave.brussels.cap.language_raised", value_kind::duration)),
          brussels_cap_professional(need(rb, "leave.brussels.cap.professional", value_kind::duration)),
          brussels_cap_professional_raised(need(rb, "leave.brussels.cap.professional_raised", value_kind::duration)),
          brussels_cap_shortage(need(rb, "leave.brussels.cap.shortage_occupation", value_kind::duration)),
          brussels_keeps_shortage(need(rb, "leave.brussels.keeps_shortage_cap", value_kind::boolean)),
          brussels_raised_languages(need(rb, "leave.brussels.raised_languages", value_kind::text_list)),
          brussels_combination_row(need(rb, "leave.brussels.combination_cap_row", value_kind::text)),
          bev_rounding(need(rb, "leave.bev.rounding", value_kind::text)),
          bev_rounding_unit(need(rb, "leave.bev.rounding_unit", value_kind::duration)),
          vov_rounding(need(rb, "leave.vov.rounding", value_kind::text)),
          vov_rounding_unit(need(rb, "leave.vov.rounding_unit", value_kind::duration)),
          rounding_at_most_counted(need(rb, "leave.hours.rounding_at_most_counted", value_kind::boolean)),
          bev_rounding_mode(dated_rounding(*bev_rounding)),
          vov_rounding_mode(dated_rounding(*vov_rounding)),
          leave_masks(*bev_modes_leave, *brussels_modes_leave, *vov_modes_leave),
          covid_flanders_bev(need(rb, "leave.covid.flanders_bev.assimilated_modes", value_kind::text_list)),
          covid_wallonia_bev(need(rb, "leave.covid.wallonia_bev.assimilated_modes", value_kind::text_list)),
          covid_brussels_bev(need(rb, "leave.covid.brussels_bev.assimilated_modes", value_kind::text_list)),
          covid_vov(need(rb, "leave.covid.vov.assimilated_modes", value_kind::text_list)),
          covid_brussels_physical_minimum(
              need(rb, "leave.covid.brussels_bev.physical_presence_minimum", value_kind::duration)),
          covid_masks{mode_masks::of(*covid_flanders_bev), mode_masks::of(*covid_wallonia_bev),
                      mode_masks::of(*covid_brussels_bev), mode_masks::of(*covid_vov)},
          covid_physical_minimum(dated<minutes>::read(*covid_brussels_physical_minimum)),
          vov_max_hours(need(rb, "leave.vov.max_hours", value_kind::duration)),
          vov_employer_extra_hours(need(rb, "leave.vov.employer_proposed_extra_hours", value_kind::duration)),
          vov_hours_per_credit(need(rb, "leave.vov.hours_per_credit", value_kind::duration)),
          vov_hours_per_credit_graduate(need(rb, "leave.vov.hours_per_credit_graduate", value_kind::duration)),
          vov_hours_per_exam(need(rb, "leave.vov.hours_per_exam", value_kind::duration)),
          vov_hours_per_competence(need(rb, "leave.vov.hours_per_competence", value_kind::duration)),
          vov_sanction_share(need(rb, "leave.vov.sanction_share", value_kind::decimal)) {
        for (std::size_t r = 0; r < cap_row_count; ++r) {
            for (std::size_t v = 0; v < cap_variant_count; ++v) {
                const bool optional_cell = v == static_cast<std::size_t>(cap_variant::raised) &&
                                           (r == static_cast<std::size_t>(cap_row::general) ||
                                            r == static_cast<std::size_t>(cap_row::language));
                const std::string cell = std::string(cap_row_names[r]) + "." + std::string(cap_variant_names[v]);
                auto lookup = optional_cell ? maybe : need;
                bev_cap[r][v] = lookup(rb, "leave.bev.cap." + cell, value_kind::duration);
                transition_cap[r][v] = lookup(rb, "leave.bev.flanders_transition.cap." + cell, value_kind::duration);
            }
        }
    }
};

/// The words a training's language kind may be (reformed Brussels BEV): the
/// "allowed" list of leave.brussels.raised_languages (national, sign,
/// job_related, other), not its value (the kinds with the raised cap). A
/// misspelt kind ("nationl") would silently get the ordinary cap, so
/// check_language_kinds refuses it, whatever the training's type or regime
/// (schemas/leave.request.schema.json lists the same words). A rulebook that
/// declares no allowed words leaves the kind open.
inline const std::vector<std::string>& known_language_kinds(const hours_params& R) {
    return R.brussels_raised_languages->limits.allowed;
}

/// The first training whose language kind is given and outside
/// known_language_kinds, or an empty error.
inline facts_error check_language_kinds(const hours_params& R, std::span<const training> trainings) {
    const auto& known = known_language_kinds(R);
    if (known.empty()) return {};
    for (std::size_t ti = 0; ti < trainings.size(); ++ti)
        if (!trainings[ti].language_kind.empty() && !listed(known, trainings[ti].language_kind))
            return facts_error{facts_problem::unknown_language_kind, "", ti, 0, "language_kind", 0};
    return {};
}

/// The component flags of a training type, to find the row of a combination.
enum : unsigned { part_professional = 1, part_general = 2, part_language = 4, part_academic = 8 };

inline unsigned parts_of(training_type t) {
    switch (t) {
        case training_type::professional:
            return part_professional;
        case training_type::general:
            return part_general;
        case training_type::professional_general:
            return part_professional | part_general;
        case training_type::academic:
            return part_academic;
        case training_type::language:
            return part_language;
        case training_type::language_professional:
            return part_language | part_professional;
        case training_type::competence_exam:
            return part_professional;  // counted against the professional cap (M)
        case training_type::exam_board:
            return 0;
    }
    return 0;
}

/// The cap row of the trainings of one school year: the row of their
/// combination, never the sum of rows (rules.md 2.2). Where the table has no
/// row for a combination, the most generous row containing it is taken: any
/// academic part -> academic; professional with language -> language +
/// professional; professional with general -> professional + general;
/// general with language -> general (the two rows are equal). Documented choice.
inline cap_row row_of_parts(unsigned parts) {
    if (parts & part_academic) return cap_row::academic;
    if ((parts & part_professional) && (parts & part_language)) return cap_row::language_professional;
    if ((parts & part_professional) && (parts & part_general)) return cap_row::professional_general;
    if (parts & part_professional) return cap_row::professional;
    if (parts & part_language) return (parts & part_general) ? cap_row::general : cap_row::language;
    return cap_row::general;
}

/// One school year's cap for a full-time worker.
struct cap_decision {
    minutes cap{};
    param_use use;
    cap_row row = cap_row::professional;
    cap_variant variant = cap_variant::not_coinciding;
    bool found = false;
};

/// Context of the reformed Brussels raised caps.
struct brussels_context {
    bool at_most_upper_secondary = false;
    bool raised_language = false;  ///< a national, sign or job-related language
    bool shortage_occupation = false;
    param_use languages;  ///< the list of raised languages that decided it
};

/// `p`, a parameter of the Flemish BEV's 2021-2022 transition, when it applies:
/// the Flemish BEV regime and a value in force on `at`; else nullptr (the
/// ordinary parameter applies).
inline const parameter* flemish_transition(const parameter* p, regime reg, date at) {
    return reg == regime::flanders_bev && p && p->at(at) ? p : nullptr;
}

/// The cap for a school year under `reg` (classic BEV or reformed Brussels).
inline cap_decision bev_cap(const hours_params& R, regime reg, cap_row row, bool coinciding, bool raised,
                            const brussels_context& bx, school_year sy, explanation& why) {
    const date at = sy.first_day();
    cap_decision out;
    out.row = row;
    if (reg == regime::brussels_reformed) {
        param_use u_row;
        const parameter* p = nullptr;
        std::string_view chosen = cap_row_names[static_cast<std::size_t>(row)];
        if (row != cap_row::general && row != cap_row::language && row != cap_row::professional)
            chosen = ref<std::string>(*R.brussels_combination_row, at, u_row);
        bool up = false;
        if (chosen == "general") {
            p = R.brussels_cap_general;
        } else if (chosen == "language") {
            up = bx.raised_language || bx.at_most_upper_secondary;
            p = up ? R.brussels_cap_language_raised : R.brussels_cap_language;
        } else {
            up = bx.at_most_upper_secondary;
            p = up ? R.brussels_cap_professional_raised : R.brussels_cap_professional;
        }
        auto cap = read<minutes>(*p, at);
        if (bx.shortage_occupation) {
            const auto keeps = read<bool>(*R.brussels_keeps_shortage, at);
            const auto sh = read<minutes>(*R.brussels_cap_shortage, at);
            if (keeps.value && cap.value < sh.value) cap = sh, up = true;
            why.add("leave.hours.brussels_shortage",
                    [&] {
                        return "shortage occupation: the shortage cap of " + hours_text(sh.value) + " h " +
                               (keeps.value ? "is kept after the reform"
                                            : "is not applied after the reform (status unclear)");
                    },
                    {keeps.use, sh.use});
        }
        out.cap = cap.value;
        out.use = cap.use;
        out.variant = up ? cap_variant::raised : cap_variant::not_coinciding;
        out.found = true;
        auto cap_text = [&] {
            return "reformed Brussels cap for a " + std::string(chosen) + " training" + (up ? " (raised)" : "") + ": " +
                   hours_text(out.cap) + " h per school year, full time";
        };
        if (u_row.param)
            why.add("leave.hours.cap", cap_text, {cap.use, u_row});
        else if (chosen == "language" && bx.languages.param)
            why.add("leave.hours.cap", cap_text, {cap.use, bx.languages});
        else
            why.add("leave.hours.cap", cap_text, {cap.use});
        return out;
    }
    out.variant = coinciding ? cap_variant::coinciding : cap_variant::not_coinciding;
    const auto r = static_cast<std::size_t>(row);
    if (raised) {
        if (R.bev_cap[r][static_cast<std::size_t>(cap_variant::raised)])
            out.variant = cap_variant::raised;
        else
            why.add("leave.hours.no_raised_cap", [&] {
                return "the " + std::string(cap_row_names[r]) + " row has no raised cap; the ordinary cap applies";
            });
    }
    const auto v = static_cast<std::size_t>(out.variant);
    const parameter* t = flemish_transition(R.transition_cap[r][v], reg, at);
    const bool transition = t != nullptr;
    const parameter* p = transition ? t : R.bev_cap[r][v];
    const auto cap = read<minutes>(*p, at);
    out.cap = cap.value;
    out.use = cap.use;
    out.found = true;
    why.add("leave.hours.cap",
            [&] {
                return std::string(transition ? "Flemish 2021-2022 transition cap" : "BEV cap") + " for " +
                       std::string(cap_row_names[r]) + ", " + std::string(cap_variant_names[v]) + ": " +
                       hours_text(out.cap) + " h per school year, full time";
            },
            {cap.use});
    return out;
}

/// The lesson modes that give leave under `reg`.
inline const std::vector<std::string>& leave_modes(const hours_params& R, regime reg, date at, param_use& u) {
    if (reg == regime::vov) return ref<std::vector<std::string>>(*R.vov_modes_leave, at, u);
    if (reg == regime::brussels_reformed) return ref<std::vector<std::string>>(*R.brussels_modes_leave, at, u);
    return ref<std::vector<std::string>>(*R.bev_modes_leave, at, u);
}

/// The same list as bits (model.hpp `mode_mask`): what a rule that tests
/// lessons reads; throws errc::rulebook where the list has no value, as
/// `leave_modes` does.
inline unsigned leave_modes_mask(const hours_params& R, regime reg, date at) {
    if (reg == regime::vov) return R.leave_masks.vov.at(at).value;
    if (reg == regime::brussels_reformed) return R.leave_masks.brussels.at(at).value;
    return R.leave_masks.bev.at(at).value;
}

/// Leave value of `m` clock minutes followed in units of `unit` minutes: a
/// 50-minute lesson period gives one hour (60 minutes) of leave.
inline exact_minutes leave_value(minutes m, minutes unit) {
    return exact_minutes::reduce({static_cast<detail::i128>(m.count) * minutes_per_hour, unit.count});
}

/// Shares one cap among trainings in order and pro-rates each by `share`,
/// rounding once: each training gets round(cumulative) - round(previous
/// cumulative), so the parts add up to the rounded total exactly
/// (rules.md 2.2, part-time: min(attended, cap) x contract / full-time).
/// `counted[i]` is the leave value of training i; `shares[i]` its pro-rata
/// fraction (none: no pro rata). `at_most_counted`: the rounded total never
/// exceeds the hours counted so far (whole minutes, rounded down), so rounding
/// up grants no hour that was not attended (`leave.hours.rounding_at_most_counted`).
/// Writes `granted[i]` and returns the rounded total.
inline minutes share_cap(exact_minutes cap, std::span<const exact_minutes> counted, std::span<const fraction> shares,
                         minutes unit, rounding mode, std::span<minutes> granted, std::span<exact_minutes> used,
                         bool at_most_counted = false) {
    exact_minutes remaining = cap;
    exact_minutes cumulative{0, 1};
    exact_minutes counted_so_far{0, 1};
    minutes previous{0};
    for (std::size_t i = 0; i < counted.size(); ++i) {
        exact_minutes take = min(counted[i], remaining);
        if (take.num < 0) take = {0, 1};
        remaining = remaining - take;
        used[i] = take;
        cumulative = shares.empty() ? cumulative + take : cumulative + take.times(pro_rata_share(shares[i]));
        minutes now = cumulative.round(unit, mode);
        if (at_most_counted) {  // both running totals only grow, so each part stays >= 0
            if (counted[i].num > 0) counted_so_far = counted_so_far + counted[i];
            now = std::min(now, counted_so_far.round(minutes{1}, rounding::down));
        }
        granted[i] = now - previous;
        previous = now;
    }
    return previous;
}

/// BEV exam before a central examination board (or under an exam contract):
/// factor x weekly working hours. In the Flemish BEV's last school year,
/// 2021-2022, the transition factor applies instead (vlaanderen.be,
/// "Betaald educatief verlof in het schooljaar 2021-2022": "1 keer de
/// wekelijkse arbeidsduur ... U neemt ten laatste 31/12/2021 deel aan een examen").
inline minutes exam_board_hours(const hours_params& R, regime reg, std::int64_t contract_minutes_per_week, date at,
                                explanation& why) {
    const parameter* t = flemish_transition(R.transition_exam_board_factor, reg, at);
    const bool transition = t != nullptr;
    const auto k = read<std::int64_t>(transition ? *t : *R.exam_board_factor, at);
    const minutes out{k.value * contract_minutes_per_week};
    why.add("leave.hours.exam_board",
            [&] {
                return std::string(transition ? "exam before an examination board (Flemish 2021-2022 transition): "
                                              : "exam before a central examination board: ") +
                       std::to_string(k.value) + " x weekly working hours " +
                       hours_text(minutes{contract_minutes_per_week}) + " = " + hours_text(out) + " h";
            },
            {k.use});
    return out;
}

/// BEV competence exam: hours per exam day, counted against the professional cap.
inline exact_minutes competence_exam_hours(const hours_params& R, std::int64_t exams, date at, explanation& why) {
    const auto h = read<minutes>(*R.competence_exam_hours, at);
    const minutes out = h.value * exams;
    why.add("leave.hours.competence_exam",
            [&] {
                return std::to_string(exams) + " exam day(s) for recognition of acquired competences x " +
                       hours_text(h.value) + " h = " + hours_text(out) + " h, counted against the professional cap";
            },
            {h.use});
    return exact_minutes::of(out);
}

/// VOV hours a training counts in a school year, by its counting method
/// (rules.md 2.3). `lesson_minutes` are the attended contact minutes
/// (attended_hours) or the planned lesson minutes (planned_lesson_periods).
inline exact_minutes vov_training_hours(const hours_params& R, vov_counting c, minutes lesson_minutes, minutes unit,
                                        std::int64_t credits, bool graduate, bool exam_contract, std::int64_t exams,
                                        std::int64_t competences, school_year sy, explanation& why) {
    const date at = sy.first_day();
    switch (c) {
        case vov_counting::attended_hours:
        case vov_counting::planned_lesson_periods: {
            const auto v = leave_value(lesson_minutes, unit);
            why.add("leave.vov.hours", [&] {
                return std::string(c == vov_counting::attended_hours ? "attended lesson hours: "
                                                                     : "planned lesson periods: ") +
                       v.hours_text() + " h";
            });
            return v;
        }
        case vov_counting::credits: {
            if (exam_contract) {
                why.add("leave.vov.exam_contract",
                        [] { return std::string("credits under an exam contract do not count for VOV"); });
                return {0, 1};
            }
            const auto per = read<minutes>(graduate ? *R.vov_hours_per_credit_graduate : *R.vov_hours_per_credit, at);
            const minutes out = per.value * credits;
            why.add("leave.vov.credits",
                    [&] {
                        return std::to_string(credits) + " credits x " + hours_text(per.value) + " h" +
                               (graduate ? " (graduate programme)" : "") + " = " + hours_text(out) + " h";
                    },
                    {per.use});
            return exact_minutes::of(out);
        }
        case vov_counting::exams: {
            const auto per = read<minutes>(*R.vov_hours_per_exam, at);
            const minutes out = per.value * exams;
            why.add("leave.vov.exams",
                    [&] {
                        return std::to_string(exams) + " exam(s) before a central examination board x " +
                               hours_text(per.value) + " h = " + hours_text(out) + " h";
                    },
                    {per.use});
            return exact_minutes::of(out);
        }
        case vov_counting::competences: {
            const auto per = read<minutes>(*R.vov_hours_per_competence, at);
            const minutes out = per.value * competences;
            why.add("leave.vov.competences",
                    [&] {
                        return std::to_string(competences) + " competence(s) x " + hours_text(per.value) +
                               " h = " + hours_text(out) + " h";
                    },
                    {per.use});
            return exact_minutes::of(out);
        }
    }
    return {0, 1};
}

/// The VOV maxima of a school year, before any deduction.
struct vov_maximum {
    exact_minutes own{0, 1};       ///< maximum hours x TWP (after the sanction)
    exact_minutes employer{0, 1};  ///< extra hours for employer-proposed trainings x TWP
};

/// VOV personal maximum: max hours x TWP (the rules.md 2.3 examples), plus
/// the employer-proposed pool of 2021-2022 and 2022-2023, less the 25%
/// sanction share after a lack of diligence (rules.md 2.3 example).
inline vov_maximum vov_max(const hours_params& R, const fraction& twp, bool sanctioned, school_year sy,
                           explanation& why) {
    const date at = sy.first_day();
    const auto max = read<minutes>(*R.vov_max_hours, at);
    const auto extra = read<minutes>(*R.vov_employer_extra_hours, at);
    const fraction f = pro_rata_share(twp);
    vov_maximum out;
    out.own = exact_minutes::of(max.value).times(f);
    out.employer = exact_minutes::of(extra.value).times(f);
    why.add("leave.vov.maximum",
            [&] {
                return "personal maximum " + hours_text(max.value) + " h x TWP " + twp.percent() + " = " +
                       out.own.hours_text() + " h" +
                       (extra.value.count > 0
                            ? ", plus " + out.employer.hours_text() + " h for trainings the employer proposes"
                            : "");
            },
            {max.use, extra.use});
    if (sanctioned) {
        const auto s = read<decimal>(*R.vov_sanction_share, at);
        // keep (1 - share) of the maximum
        const fraction keep{s.value.denominator() - s.value.mantissa, s.value.denominator()};
        out.own = out.own.times(keep);
        why.add("leave.vov.sanction",
                [&] {
                    return "sanction after a lack of diligence: the maximum loses " + s.value.to_string() +
                           ", leaving " + out.own.hours_text() + " h";
                },
                {s.use});
    }
    return out;
}

/// The lesson unit of a training: a lesson period (50 minutes give one hour
/// of leave) or a clock hour (rules.md 2.2).
inline minutes lesson_unit(const hours_params& R, bool lesson_periods, date at, explanation& why) {
    if (!lesson_periods) return minutes{minutes_per_hour};
    const auto lp = read<minutes>(*R.lesson_period_minutes, at);
    why.add("leave.hours.lesson_period",
            [&] {
                return "counted in lesson periods: " + hours_text(lp.value) + " h (" + std::to_string(lp.value.count) +
                       " minutes) of lesson gives 1 hour of leave";
            },
            {lp.use});
    return lp.value;
}

/// COVID: the lesson modes assimilated to attendance under `reg` (nullptr: none
/// for the regime). Each value covers the days of a period; a lesson given on
/// such a day in such a mode counts as attended:
/// - Wallonia (`wal.emploi.covid`): « Les heures de cours dispensées à distance,
///   entre le 1er mars 2020 et le 30 juin 2020, sont assimilées à des heures de
///   présences effectives »;
/// - Brussels (`bru.covid`): 2020-03-01..2020-06-30 « De lesuren van op afstand
///   ... worden rechtstreeks gelijkgesteld met uren van werkelijke aanwezigheid »;
///   2020-2021 (`legalworld.bru.2020`); 2022-09-01..2023-08-31 « mits de werknemer
///   aanwezig is bij 32 lesuren die in fysieke aanwezigheid worden gegeven »
///   (`leave.covid.brussels_bev.physical_presence_minimum`);
/// - Flemish BEV (`vl.bev.covid`) and VOV (`vl.vov.covid`), 2019-2020: online
///   replacement lessons may be attested as attendance.
inline const dated<unsigned>* covid_assimilated_modes(const hours_params& H, regime reg) {
    switch (reg) {
        case regime::flanders_bev:
            return &H.covid_masks[0];
        case regime::wallonia_bev:
            return &H.covid_masks[1];
        case regime::brussels_bev:
            return &H.covid_masks[2];
        case regime::vov:
            return &H.covid_masks[3];
        case regime::brussels_reformed:
        case regime::none:
            return nullptr;
    }
    return nullptr;
}

/// What the COVID measures did to a training's lessons in a school year.
struct covid_assimilation {
    minutes assimilated{};  ///< lessons given in an assimilated mode that counted as attendance
    minutes refused{};      ///< the same lessons left out: too few hours attended in physical presence
    minutes physical{};     ///< contact lessons attended (the physical-presence test)
    std::optional<date> first, last;
    param_use modes, minimum;
};

/// The contact minutes of `t` attended in `year` (given, less each day's absences), for
/// the physical-presence condition of an assimilation.
inline minutes physically_attended(const training& t, const period& year, std::span<const day_tally> days) {
    minutes out{};
    for (const auto& l : t.lessons) {
        if (!year.contains(l.day) || l.cancelled || l.mode != lesson_mode::contact) continue;
        minutes att = l.length();
        if (const day_tally* a = tally_on(days, l.day)) att = max(minutes{0}, att - a->justified - a->unjustified);
        out += att;
    }
    return out;
}

/// Whether lesson `l` counts by a COVID assimilation under `reg`; records it in `c`.
inline bool covid_counts(const hours_params& H, const dated<unsigned>* assimilated, const lesson& l, minutes physical,
                         covid_assimilation& c) {
    if (!assimilated) return false;
    const resolved<unsigned>* a = assimilated->find(l.day);
    if (!a || !in_mask(a->value, l.mode)) return false;
    const minutes given = l.cancelled ? minutes{} : l.length();
    if (!c.modes.param) c.modes = a->use;
    if (const resolved<minutes>* need = H.covid_physical_minimum.find(l.day)) {
        if (!c.minimum.param) c.minimum = need->use;
        if (physical < need->value) {
            c.refused += given;
            return false;
        }
    }
    c.assimilated += given;
    if (!c.first || l.day < *c.first) c.first = l.day;
    if (!c.last || *c.last < l.day) c.last = l.day;
    return true;
}

inline void explain_covid(const covid_assimilation& c, explanation& why) {
    if (c.assimilated.count > 0) {
        auto text = [&] {
            return hours_text(c.assimilated) + " h of lessons given at a distance (" + to_iso(*c.first) +
                   (*c.first == *c.last ? "" : " to " + to_iso(*c.last)) +
                   ") are assimilated to attendance (COVID measure)" +
                   (c.minimum.param ? ": " + hours_text(c.physical) + " h attended in physical presence"
                                    : std::string());
        };
        if (c.minimum.param)
            why.add("leave.hours.covid_assimilated", text, {c.modes, c.minimum});
        else
            why.add("leave.hours.covid_assimilated", text, {c.modes});
    }
    if (c.refused.count > 0)
        why.add("leave.hours.covid_not_assimilated",
                [&] {
                    return hours_text(c.refused) +
                           " h of lessons given at a distance are not assimilated: " + hours_text(c.physical) +
                           " h attended in physical presence, below the minimum";
                },
                {c.modes, c.minimum});
}

/// The hours a training was attended in a school year (rules.md 2.2: only
/// attended hours give leave): lessons given in the regime's leave modes,
/// less the absences of the day; hours in a BEV suspension build up no
/// right; Flemish BEV hours after its end do not count; at exactly 50% VOV on
/// a fixed schedule only coinciding lessons count (eligibility.hpp); lessons
/// on a day the worker has no job give no leave (`leave.hours.lessons_need_employment`,
/// below). On return `counted` holds the days of `attended`, sorted, one per
/// day, each with its attended minutes in `given` (money.hpp dates rates and
/// ceilings by them).
struct attendance {
    minutes attended{};
    minutes excluded_suspended{};
    minutes excluded_after_bev_end{};
    minutes excluded_no_employment{};  ///< attended on a day the worker had no job
    minutes planned{};                 ///< planned lesson minutes (cancelled ones too), for VOV adult education
};
///
/// The leave is the worker's right to be absent from work with pay (every
/// source: a right of the employee, paid by the employer, reimbursed per
/// approved hour), so it is judged per lesson, not once for the year: a worker
/// who takes a job during the training has leave for the lessons from then on
/// (werk.be.bev.werknemer, Flemish BEV: "in geval u van werkgever verandert"
/// the request is made within 15 days of the change; bru.bev.demande, Brussels:
/// the 31 October date is for "un travailleur déjà en poste", a change of
/// employer during the school year within 15 days of it; eligibility.hpp
/// `bev_judged_on`), and a lesson on a day without any job (before the job
/// began, or after it ended) is absence from no work and gives none. The
/// second half is an inference: no source read speaks of lessons after the
/// job ended (`leave.hours.lessons_need_employment`, confidence L; false keeps
/// every lesson). `has_job(date)` says whether the worker has a job that day.
template <class HasJob>
attendance attended_in_year(const regime_params& R, const hours_params& H, const training& t, regime reg,
                            school_year sy, unsigned modes, bool only_coinciding,
                            std::span<const suspension> suspensions, std::span<const day_tally> days, HasJob&& has_job,
                            std::vector<day_tally>& counted, explanation& why) {
    const period year = sy.days();
    attendance out;
    std::optional<date> bev_end;
    if (reg == regime::flanders_bev) bev_end = read<date>(*R.bev_continuation_until, sy.first_day()).value;
    const auto need_job = read<bool>(*H.lessons_need_employment, sy.first_day());
    const dated<unsigned>* assimilated = covid_assimilated_modes(H, reg);
    covid_assimilation covid;
    bool physical_known = false;  // the contact minutes attended: read once, and only for a lesson they may admit
    counted.clear();
    counted.reserve(t.lessons.size());
    for (const auto& l : t.lessons) {
        if (!year.contains(l.day)) continue;
        if (!in_mask(modes, l.mode)) {
            if (!assimilated) continue;
            if (!physical_known) covid.physical = physically_attended(t, year, days), physical_known = true;
            if (!covid_counts(H, assimilated, l, covid.physical, covid)) continue;
        }
        if (only_coinciding && !l.coinciding) continue;
        if (!need_job.value || has_job(l.day)) out.planned += l.length();  // without a job none is planned leave
        if (!l.cancelled) counted.push_back({l.day, l.length(), {}, {}});
    }
    const auto by_day = [](const day_tally& a, const day_tally& b) { return a.day < b.day; };
    if (!std::is_sorted(counted.begin(), counted.end(), by_day)) std::sort(counted.begin(), counted.end(), by_day);
    std::optional<date> first_without, last_without;  // the days without a job, for the explanation
    std::size_t kept = 0;       // `counted` keeps, one per day, the days whose attended minutes count
    auto tally = days.begin();  // tally_on(days, day) by one forward walk: both come sorted by day
    for (std::size_t i = 0; i < counted.size();) {
        const date day = counted[i].day;
        minutes given{};
        for (; i < counted.size() && counted[i].day == day; ++i) given += counted[i].given;
        minutes att = given;
        while (tally != days.end() && tally->day < day) ++tally;
        if (tally != days.end() && tally->day == day)
            att = max(minutes{0}, given - tally->justified - tally->unjustified);
        if (need_job.value && !has_job(day)) {  // no work to be absent from
            out.excluded_no_employment += att;
            if (!first_without) first_without = day;  // days come sorted
            last_without = day;
        } else if (bev_end && *bev_end < day) {
            out.excluded_after_bev_end += att;
        } else if (reg != regime::vov && in_suspension(suspensions, day)) {
            out.excluded_suspended += att;
        } else {
            out.attended += att;
            if (att.count > 0) counted[kept++] = day_tally{day, att, {}, {}};
        }
    }
    counted.resize(kept);
    explain_covid(covid, why);
    if (out.excluded_after_bev_end.count > 0)
        why.add("leave.regime.flanders_bev_end", [&] {
            return hours_text(out.excluded_after_bev_end) + " h attended after " + to_iso(*bev_end) +
                   " do not count (Flemish BEV ends)";
        });
    if (out.excluded_suspended.count > 0)
        why.add("leave.absence.suspended_hours", [&] {
            return hours_text(out.excluded_suspended) + " h attended during a suspension build up no right";
        });
    if (first_without)
        why.add("leave.hours.no_employment",
                [&, first = *first_without, last = *last_without] {
                    return hours_text(out.excluded_no_employment) + " h attended on days without a job (" +
                           (first == last ? to_iso(first) : to_iso(first) + " to " + to_iso(last)) +
                           ") give no leave: there is no work to be absent from";
                },
                {need_job.use});
    return out;
}

/// What the BEV trainings of one school year have in common for their one
/// cap (rules.md 2.2: a combination takes its own row; 2.4 the Brussels
/// reform's raised caps).
struct bev_pool {
    regime reg = regime::none;
    unsigned parts = 0;
    bool coinciding = false;
    bool raised = false;
    bool at_most_upper_secondary = false;
    brussels_context brussels;

    void add(const hours_params& R, regime r, const training& t, school_year sy) {
        reg = r;
        parts |= parts_of(t.type);
        coinciding = coinciding || t.coinciding;
        raised = raised || t.raised != raise_reason::none;
        brussels.at_most_upper_secondary = at_most_upper_secondary;
        if (t.raised == raise_reason::shortage_occupation) brussels.shortage_occupation = true;
        if ((t.type == training_type::language || t.type == training_type::language_professional) &&
            r == regime::brussels_reformed) {
            param_use u;
            if (listed(ref<std::vector<std::string>>(*R.brussels_raised_languages, sy.first_day(), u), t.language_kind))
                brussels.raised_language = true;
            brussels.languages = u;
        }
    }
};

/// Explains that several trainings share one cap (seed 004 'Modularisering').
inline void explain_shared_cap(std::span<const training> T, std::span<const std::size_t> idx, const bev_pool& pool,
                               explanation& why) {
    if (idx.size() < 2) return;
    why.add("leave.hours.shared_cap", [&] {
        std::string types;
        for (std::size_t i : idx)
            types += (types.empty() ? "" : ", ") + T[i].id + " (" + std::string(to_string(T[i].type)) + ")";
        return std::to_string(idx.size()) + " trainings this school year share one cap, row " +
               std::string(cap_row_names[static_cast<std::size_t>(row_of_parts(pool.parts))]) +
               " (a combination takes its own row, not the sum): " + types;
    });
}

/// BEV: the balance of the school year's cap after the hours already
/// reimbursed this school year under another region's BEV (a worker whose
/// establishment unit moved to another region is entered once per region).
/// Brussels Economy and Employment, transfer of a worker between regions
/// (`bru.transfert`): « Au maximum, le nombre d'heures signalé à la Région B
/// est le solde d'heures à la date de transfert du travailleur ». The hours
/// are deducted from the full-time cap, before the pro rata
/// (`leave.bev.cap_less_hours_reimbursed_elsewhere`, false: no deduction).
inline minutes bev_cap_balance(const hours_params& R, minutes cap, minutes elsewhere, school_year sy,
                               explanation& why) {
    if (elsewhere.count <= 0) return cap;
    const auto deduct = read<bool>(*R.cap_less_elsewhere, sy.first_day());
    const minutes left = deduct.value ? max(minutes{0}, cap - elsewhere) : cap;
    why.add("leave.hours.bev_reimbursed_elsewhere",
            [&] {
                return deduct.value ? hours_text(elsewhere) +
                                          " h already reimbursed this school year under another region's BEV are "
                                          "deducted from the cap of " +
                                          hours_text(cap) + " h: " + hours_text(left) + " h left"
                                    : hours_text(elsewhere) +
                                          " h reimbursed under another region's BEV are not deducted from the cap";
            },
            {deduct.use});
    return left;
}

/// BEV hours: min(counted, cap) x employment share, shared in order and
/// rounded once by the rulebook (rules.md 2.2). Returns the rounded total.
inline minutes grant_bev(const hours_params& R, minutes cap, std::span<const exact_minutes> counted,
                         std::span<const fraction> shares, school_year sy, std::span<minutes> granted,
                         std::span<exact_minutes> used, explanation& why) {
    const auto& mode_r = R.bev_rounding_mode.at(sy.first_day());
    const param_use u_r = mode_r.use;
    const rounding mode = mode_r.value;
    const auto unit = read<minutes>(*R.bev_rounding_unit, sy.first_day());
    const auto at_most = read<bool>(*R.rounding_at_most_counted, sy.first_day());
    const minutes total =
        share_cap(exact_minutes::of(cap), counted, shares, unit.value, mode, granted, used, at_most.value);
    why.add("leave.hours.pro_rata",
            [&] {
                exact_minutes unrounded{0, 1};
                for (std::size_t k = 0; k < counted.size(); ++k)
                    unrounded = unrounded + used[k].times(pro_rata_share(shares[k]));
                const minutes rounded = unrounded.round(unit.value, mode);
                std::string text = "min(counted hours, cap) x employment share = " + unrounded.hours_text() +
                                   " h, rounded " + std::string(to_string(mode)) + " to " + hours_text(unit.value) +
                                   " h: " + hours_text(rounded) + " h";
                if (total < rounded)
                    text += ", more than the hours counted: " + hours_text(total) +
                            " h (rounding grants no hour "
                            "that was not attended)";
                return text;
            },
            {u_r, unit.use, at_most.use});
    return total;
}

/// VOV: BEV hours reimbursed in the same school year are deducted from the
/// personal maximum (Vlaanderen.be VOV, rules.md 2.3).
inline exact_minutes deduct_bev_hours(exact_minutes own, minutes bev, explanation& why) {
    if (bev.count <= 0) return own;
    const exact_minutes left = max(exact_minutes{0, 1}, own - exact_minutes::of(bev));
    why.add("leave.vov.bev_deducted", [&] {
        return hours_text(bev) + " h of BEV reimbursed in the same school year are deducted: " + left.hours_text() +
               " h left for VOV";
    });
    return left;
}

/// VOV hours of the trainings drawing on one maximum: min(counted, what is
/// left), in order, rounded once by the rulebook (no pro rata: the maximum
/// is already x TWP).
inline void grant_vov(const hours_params& R, exact_minutes cap, std::span<const exact_minutes> counted, school_year sy,
                      std::span<minutes> granted, std::span<exact_minutes> used) {
    const rounding mode = R.vov_rounding_mode.at(sy.first_day()).value;
    const auto unit = read<minutes>(*R.vov_rounding_unit, sy.first_day());
    share_cap(cap, counted, {}, unit.value, mode, granted, used,
              read<bool>(*R.rounding_at_most_counted, sy.first_day()).value);
}
inline void explain_vov_grant(const hours_params& R, const exact_minutes& counted, const exact_minutes& cap,
                              minutes granted, school_year sy, explanation& why) {
    if (!why.enabled()) return;
    const auto& mode_r = R.vov_rounding_mode.at(sy.first_day());
    const param_use u_r = mode_r.use;
    const rounding mode = mode_r.value;
    const auto unit = read<minutes>(*R.vov_rounding_unit, sy.first_day());
    why.add(
        "leave.vov.granted",
        [&] {
            std::string text = "VOV hours: min(" + counted.hours_text() + " h counted, " + cap.hours_text() +
                               " h left of the maximum), rounded " + std::string(to_string(mode)) + ": " +
                               hours_text(granted) + " h";
            if (exact_minutes::of(granted) < min(counted, cap) && granted < min(counted, cap).round(unit.value, mode))
                text += " (not rounded up beyond the hours counted)";
            return text;
        },
        {u_r, unit.use, read<bool>(*R.rounding_at_most_counted, sy.first_day()).use});
}

}  // namespace edurules::leave
