// The Belgian paid-educational-leave parameters, resolved once from a rulebook.
// Sources: Herstelwet 22 January 1985 section 6 and KB 23 July 1985 (BEV),
// Vlaanderen.be BEV and VOV pages, Brussels and Walloon BEV pages, seed 004;
// docs/rules.md section 2. Every legal number lives in rulebook/leave.json.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "edurules/core/dated.hpp"
#include "edurules/core/rulebook.hpp"

namespace edurules::leave {

/// Cap rows of the BEV table (docs/rules.md 2.2); the order is the column index
/// used by `rules::bev_cap` and by the batch column `training_type`.
enum class cap_row : std::uint8_t {
    professional = 0,
    general = 1,
    professional_general = 2,
    academic = 3,
    language = 4,
    language_professional = 5,
};
inline constexpr std::size_t cap_row_count = 6;
inline constexpr std::array<std::string_view, cap_row_count> cap_row_names{
    "professional", "general", "professional_general", "academic", "language", "language_professional"};

/// Cap variants (columns of the BEV table).
enum class cap_variant : std::uint8_t { not_coinciding = 0, coinciding = 1, raised = 2 };
inline constexpr std::size_t cap_variant_count = 3;
inline constexpr std::array<std::string_view, cap_variant_count> cap_variant_names{"not_coinciding", "coinciding",
                                                                                   "raised"};

/// Pointers to every leave parameter, checked at construction: a rulebook that
/// lacks one (or gives it the wrong type) is refused with errc::rulebook.
/// Values are read per decision at the relevant date with `read<T>(*p, d)`.
/// The two "-" cells of the BEV table (general and language have no raised
/// cap) are null unless a rulebook defines them.
struct rules {
    const rulebook* book;
    // regime (docs/rules.md 2.1)
    const parameter* sectors;
    const parameter* vov_from;
    const parameter* bev_continuation_until;
    const parameter* brussels_reform_from;
    // training minimums and counting
    const parameter* min_contact_hours;
    const parameter* lesson_period_minutes;
    const parameter* bev_modes_leave;
    const parameter* bev_modes_minimum;
    const parameter* brussels_modes_leave;
    const parameter* brussels_modes_minimum;
    const parameter* vov_modes_leave;
    const parameter* vov_modes_minimum;
    const parameter* bev_combination_mode;  // module combination toward the minimum (eligibility.hpp)
    const parameter* vov_combination_mode;
    const parameter* combination_window_days;
    // BEV eligibility (docs/rules.md 2.2), Brussels 2.4
    const parameter* four_fifths;
    const parameter* fixed_min;
    const parameter* variable_min;
    const parameter* halftime_fixed_types;
    const parameter* brussels_min_fraction;
    // caps
    std::array<std::array<const parameter*, cap_variant_count>, cap_row_count> bev_cap{};
    std::array<std::array<const parameter*, cap_variant_count>, cap_row_count> transition_cap{};
    const parameter* exam_board_factor;
    const parameter* competence_exam_hours;
    const parameter* brussels_cap_general;
    const parameter* brussels_cap_language;
    const parameter* brussels_cap_language_raised;
    const parameter* brussels_cap_professional;
    const parameter* brussels_cap_professional_raised;
    const parameter* brussels_cap_shortage;
    const parameter* brussels_keeps_shortage;
    const parameter* brussels_raised_languages;
    const parameter* brussels_combination_row;
    // rounding
    const parameter* bev_rounding;
    const parameter* bev_rounding_unit;
    const parameter* vov_rounding;
    const parameter* vov_rounding_unit;
    const parameter* money_rounding;
    // absence
    const parameter* max_unjustified_share;
    const parameter* suspension_months;
    const parameter* certificate_period_months;
    const parameter* trimester_start_months;
    const parameter* month_overflow;
    const parameter* justified_reasons;
    const parameter* absence_reasons;
    const parameter* holiday_min_days;
    // VOV (docs/rules.md 2.3)
    const parameter* vov_min_twp;
    const parameter* vov_min_weekly_hours;
    const parameter* vov_reference_month;
    const parameter* vov_fallback_excluded_month;
    const parameter* vov_exact_half_twp;
    const parameter* vov_max_hours;
    const parameter* vov_employer_extra_hours;
    const parameter* vov_hours_per_credit;
    const parameter* vov_hours_per_credit_graduate;
    const parameter* vov_hours_per_exam;
    const parameter* vov_hours_per_competence;
    const parameter* vov_min_credits;
    const parameter* vov_career_attest_years;
    const parameter* vov_diligence_exempt;
    const parameter* vov_sanction_share;
    // money and dates
    const parameter* rate_flanders_bev;
    const parameter* rate_wallonia_bev;
    const parameter* rate_brussels_bev;
    const parameter* rate_vov;
    const parameter* wage_ceiling;
    const parameter* enrolment_deadline;
    const parameter* enrolment_late_days;
    const parameter* claim_flanders_last;
    const parameter* claim_wallonia_last;
    const parameter* claim_brussels_first;
    const parameter* claim_brussels_last;
    const parameter* vov_claim_before;
    const parameter* vov_claim_after;

    // text parameters parsed once (core/dated.hpp)
    dated<rounding> bev_rounding_mode;
    dated<rounding> vov_rounding_mode;
    dated<rounding> money_rounding_mode;
    dated<edurules::month_overflow> overflow;

    explicit rules(const rulebook& rb)
        : book(&rb),
          sectors(need(rb, "leave.regime.sectors", value_kind::text_list)),
          vov_from(need(rb, "leave.regime.vov_from", value_kind::date)),
          bev_continuation_until(need(rb, "leave.regime.bev_continuation_until", value_kind::date)),
          brussels_reform_from(need(rb, "leave.regime.brussels_reform_from", value_kind::date)),
          min_contact_hours(need(rb, "leave.training.min_contact_hours", value_kind::duration)),
          lesson_period_minutes(need(rb, "leave.training.lesson_period_minutes", value_kind::duration)),
          bev_modes_leave(need(rb, "leave.bev.modes.leave", value_kind::text_list)),
          bev_modes_minimum(need(rb, "leave.bev.modes.minimum", value_kind::text_list)),
          brussels_modes_leave(need(rb, "leave.brussels.modes.leave", value_kind::text_list)),
          brussels_modes_minimum(need(rb, "leave.brussels.modes.minimum", value_kind::text_list)),
          vov_modes_leave(need(rb, "leave.vov.modes.leave", value_kind::text_list)),
          vov_modes_minimum(need(rb, "leave.vov.modes.minimum", value_kind::text_list)),
          bev_combination_mode(need(rb, "leave.bev.module_combination.mode", value_kind::text)),
          vov_combination_mode(need(rb, "leave.vov.module_combination.mode", value_kind::text)),
          combination_window_days(need(rb, "leave.training.module_combination_window_days", value_kind::integer)),
          four_fifths(need(rb, "leave.bev.fraction.four_fifths", value_kind::decimal)),
          fixed_min(need(rb, "leave.bev.fraction.fixed_min", value_kind::decimal)),
          variable_min(need(rb, "leave.bev.fraction.variable_min", value_kind::decimal)),
          halftime_fixed_types(need(rb, "leave.bev.halftime_fixed.training_types", value_kind::text_list)),
          brussels_min_fraction(need(rb, "leave.brussels.min_fraction", value_kind::decimal)),
          exam_board_factor(need(rb, "leave.bev.exam_board.weekly_hours_factor", value_kind::integer)),
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
          money_rounding(need(rb, "leave.money.rounding", value_kind::text)),
          max_unjustified_share(need(rb, "leave.absence.max_unjustified_share", value_kind::decimal)),
          suspension_months(need(rb, "leave.bev.suspension_months", value_kind::integer)),
          certificate_period_months(need(rb, "leave.bev.certificate_period_months", value_kind::integer)),
          trimester_start_months(need(rb, "leave.bev.trimester_start_months", value_kind::integer_list)),
          month_overflow(need(rb, "leave.month_overflow", value_kind::text)),
          justified_reasons(need(rb, "leave.absence.justified_reasons", value_kind::text_list)),
          absence_reasons(need(rb, "leave.absence.reasons", value_kind::text_list)),
          holiday_min_days(need(rb, "leave.absence.holiday_min_days", value_kind::integer)),
          vov_min_twp(need(rb, "leave.vov.min_twp", value_kind::decimal)),
          vov_min_weekly_hours(need(rb, "leave.vov.min_weekly_hours", value_kind::duration)),
          vov_reference_month(need(rb, "leave.vov.reference_month", value_kind::integer)),
          vov_fallback_excluded_month(need(rb, "leave.vov.fallback_excluded_month", value_kind::integer)),
          vov_exact_half_twp(need(rb, "leave.vov.exact_half_twp", value_kind::decimal)),
          vov_max_hours(need(rb, "leave.vov.max_hours", value_kind::duration)),
          vov_employer_extra_hours(need(rb, "leave.vov.employer_proposed_extra_hours", value_kind::duration)),
          vov_hours_per_credit(need(rb, "leave.vov.hours_per_credit", value_kind::duration)),
          vov_hours_per_credit_graduate(need(rb, "leave.vov.hours_per_credit_graduate", value_kind::duration)),
          vov_hours_per_exam(need(rb, "leave.vov.hours_per_exam", value_kind::duration)),
          vov_hours_per_competence(need(rb, "leave.vov.hours_per_competence", value_kind::duration)),
          vov_min_credits(need(rb, "leave.vov.min_credits", value_kind::integer)),
          vov_career_attest_years(need(rb, "leave.vov.career_attest_max_age_years", value_kind::integer)),
          vov_diligence_exempt(need(rb, "leave.vov.diligence_exempt_countings", value_kind::text_list)),
          vov_sanction_share(need(rb, "leave.vov.sanction_share", value_kind::decimal)),
          rate_flanders_bev(need(rb, "leave.rate.flanders_bev", value_kind::money)),
          rate_wallonia_bev(need(rb, "leave.rate.wallonia_bev", value_kind::money)),
          rate_brussels_bev(need(rb, "leave.rate.brussels_bev", value_kind::money)),
          rate_vov(need(rb, "leave.rate.vov", value_kind::money)),
          wage_ceiling(need(rb, "leave.wage_ceiling", value_kind::money)),
          enrolment_deadline(need(rb, "leave.deadline.enrolment_certificate", value_kind::integer_list)),
          enrolment_late_days(need(rb, "leave.deadline.enrolment_certificate_late_days", value_kind::integer)),
          claim_flanders_last(need(rb, "leave.claim.flanders_bev.last_day", value_kind::integer_list)),
          claim_wallonia_last(need(rb, "leave.claim.wallonia.last_day", value_kind::integer_list)),
          claim_brussels_first(need(rb, "leave.claim.brussels.first_day", value_kind::integer_list)),
          claim_brussels_last(need(rb, "leave.claim.brussels.last_day", value_kind::integer_list)),
          vov_claim_before(need(rb, "leave.vov.claim_months_before_start", value_kind::integer)),
          vov_claim_after(need(rb, "leave.vov.claim_months_after_start", value_kind::integer)) {
        bev_rounding_mode = dated_rounding(*bev_rounding);
        vov_rounding_mode = dated_rounding(*vov_rounding);
        money_rounding_mode = dated_rounding(*money_rounding);
        overflow = dated_overflow(*month_overflow);
        for (std::size_t r = 0; r < cap_row_count; ++r) {
            for (std::size_t v = 0; v < cap_variant_count; ++v) {
                const bool optional_cell = v == static_cast<std::size_t>(cap_variant::raised) &&
                                           (r == static_cast<std::size_t>(cap_row::general) ||
                                            r == static_cast<std::size_t>(cap_row::language));
                const std::string suffix = std::string(cap_row_names[r]) + "." + std::string(cap_variant_names[v]);
                bev_cap[r][v] = optional_cell ? maybe(rb, "leave.bev.cap." + suffix, value_kind::duration)
                                              : need(rb, "leave.bev.cap." + suffix, value_kind::duration);
                transition_cap[r][v] =
                    optional_cell ? maybe(rb, "leave.bev.flanders_transition.cap." + suffix, value_kind::duration)
                                  : need(rb, "leave.bev.flanders_transition.cap." + suffix, value_kind::duration);
            }
        }
    }

    static const parameter* need(const rulebook& rb, std::string_view name, value_kind kind) {
        return rb.require(name, kind, "leave");
    }
    static const parameter* maybe(const rulebook& rb, std::string_view name, value_kind kind) {
        return rb.find(name) ? need(rb, name, kind) : nullptr;
    }
};

}  // namespace edurules::leave
