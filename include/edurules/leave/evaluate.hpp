// One worker, one school year, all trainings: regime, eligibility, hours,
// absence and suspensions, money and dates, each with its explanation.
// Orchestrates the rules of regime.hpp, eligibility.hpp, hours.hpp,
// absence.hpp and money.hpp (rules.md section 2); adds no rule of its own
// except the order in which they apply.
#pragma once

#include "edurules/core/explain.hpp"
#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"
#include "edurules/leave/hours.hpp"
#include "edurules/leave/model.hpp"
#include "edurules/leave/money.hpp"
#include "edurules/leave/regime.hpp"

#include <optional>
#include <string>
#include <vector>

namespace edurules::leave {

/// One BEV attendance-certificate period and its 10% test.
struct certificate_result {
    period span;
    minutes given{};        ///< hours actually given in the period
    minutes unjustified{};
    minutes justified{};
    bool triggers_suspension = false;
};

/// A suspension of the worker's BEV right (rules.md 2.2).
struct suspension {
    std::string training_id;  ///< the training whose certificate period caused it
    period certificate;
    minutes given{};
    minutes unjustified{};
    period window;  ///< the 6 months, from the day after the certificate period
};

struct training_result {
    std::string id;
    regime reg = regime::none;
    std::uint32_t reasons = reason_none;
    bool eligible = false;
    date start;
    date decided_on;  ///< the day the worker's employment was judged (training start, or the school year's first day)
    // hours
    minutes contact_for_minimum{};    ///< contact minutes counted toward the minimum (school year)
    minutes attended{};               ///< leave-giving clock minutes attended this school year (outside suspensions)
    minutes excluded_suspended{};     ///< attended minutes that fell in a suspension
    minutes excluded_after_bev_end{}; ///< attended minutes after the end of Flemish BEV
    exact_minutes counted{0, 1};      ///< leave value before the cap (hours as minutes, exact)
    exact_minutes used_of_cap{0, 1};  ///< part of the shared cap this training uses (full-time hours)
    minutes granted{};                ///< approved leave, pro-rated and rounded (the training's share of the rounded total)
    minutes taken{};                  ///< leave taken (approved days)
    minutes taken_refused{};          ///< leave taken during a suspension: not approved
    // attendance
    std::vector<certificate_result> certificates;
    std::optional<bool> diligent;     ///< VOV yearly diligence (nullopt when it does not apply)
    bool sanction_next_right = false; ///< VOV: not diligent and took more than the right
    // money and dates
    reimbursement money;
    deadlines dates;
    explanation why;
};

struct worker_result {
    std::string id;
    school_year year;
    region reg = region::flanders;
    fraction share{0, 1};  ///< employment share at the first training start (TWP)
    cap_decision cap;      ///< classic or reformed BEV cap (when a BEV regime applies)
    std::optional<vov_maximum> vov;
    minutes granted_total{};
    minutes taken_total{};
    minutes left{};  ///< granted - taken (approved), never negative
    std::int64_t reimbursement_total_cents = 0;
    std::optional<resolved<std::int64_t>> wage_ceiling;  ///< at the school year's start
    std::optional<std::int64_t> capped_monthly_wage_cents;
    std::vector<suspension> suspensions;
    std::vector<training_result> trainings;
    explanation why;
};

/// Decides everything for `w` in school year `sy`. Lessons and absences in
/// other school years are used for the 10% rule (suspensions cross school
/// years) but give no hours in `sy`. Input is assumed valid (the codecs check
/// it and name the field); rulebook gaps throw errc::rulebook.
worker_result evaluate(const rules& R, const worker& w, school_year sy, bool explain = true);

/// The training's start: its declared start, else its first lesson day.
inline std::optional<date> training_start(const training& t) {
    if (t.start) return t.start;
    std::optional<date> first;
    for (const auto& l : t.lessons)
        if (!first || l.day < *first) first = l.day;
    return first;
}

}  // namespace edurules::leave
