// The PE (SEU permanent education) parameters, resolved once from a rulebook.
// Sources: SEU FAQ werkgevers (seed 000), Stappenplan (seed 001), Instructie
// inzicht PE-voortgang (seed 002); rules.md section 1.
#pragma once

#include "edurules/core/rulebook.hpp"

namespace edurules::pe {

/// Pointers to every PE parameter, checked at construction: a rulebook that
/// lacks one (or gives it the wrong type) is refused with errc::rulebook.
/// Values are read per decision at the relevant date with `read<T>(*p, d)`.
struct rules {
    const rulebook* book;
    const parameter* period_months;
    const parameter* auto_from;
    const parameter* month_overflow;
    const parameter* points_required;
    const parameter* minutes_per_point;
    const parameter* points_rounding;
    const parameter* renewal_grace_days;
    const parameter* renewal_requires_request;
    const parameter* reminder_months;
    const parameter* forms;
    const parameter* individual_forms;
    const parameter* min_individual;
    const parameter* min_meeting;
    const parameter* test_required;
    const parameter* recognition_validity_months;
    const parameter* recognition_decision_weeks;
    const parameter* collective_min_group;
    const parameter* title_uitzend;
    const parameter* title_backoffice;

    explicit rules(const rulebook& rb)
        : book(&rb),
          period_months(need(rb, "pe.registration.period_months", value_kind::integer)),
          auto_from(need(rb, "pe.registration.auto_from", value_kind::date)),
          month_overflow(need(rb, "pe.registration.month_overflow", value_kind::text)),
          points_required(need(rb, "pe.points.required", value_kind::decimal)),
          minutes_per_point(need(rb, "pe.points.minutes_per_point", value_kind::duration)),
          points_rounding(need(rb, "pe.points.rounding", value_kind::text)),
          renewal_grace_days(need(rb, "pe.renewal.grace_days", value_kind::integer)),
          renewal_requires_request(need(rb, "pe.renewal.requires_request", value_kind::boolean)),
          reminder_months(need(rb, "pe.reminders.months_before_end", value_kind::integer_list)),
          forms(need(rb, "pe.activity.forms", value_kind::text_list)),
          individual_forms(need(rb, "pe.activity.individual_forms", value_kind::text_list)),
          min_individual(need(rb, "pe.activity.min_minutes.individual", value_kind::duration)),
          min_meeting(need(rb, "pe.activity.min_minutes.meeting", value_kind::duration)),
          test_required(need(rb, "pe.activity.test_required", value_kind::boolean)),
          recognition_validity_months(need(rb, "pe.recognition.validity_months", value_kind::integer)),
          recognition_decision_weeks(need(rb, "pe.recognition.decision_weeks", value_kind::integer)),
          collective_min_group(need(rb, "pe.collective.min_group_size", value_kind::integer)),
          title_uitzend(need(rb, "pe.title.uitzendprofessional", value_kind::text)),
          title_backoffice(need(rb, "pe.title.backofficeprofessional", value_kind::text)) {}

    static const parameter* need(const rulebook& rb, std::string_view name, value_kind kind) {
        const parameter& p = rb.param(name);
        if (p.kind != kind)
            throw error(errc::rulebook, "parameters[\"" + p.name + "\"].type",
                        std::string("is ") + to_string(p.kind) + ", the PE rules need " + to_string(kind));
        return &p;
    }
};

}  // namespace edurules::pe
