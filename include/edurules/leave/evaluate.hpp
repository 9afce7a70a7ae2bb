// One worker, one school year, all trainings: regime, eligibility, hours,
// absence and suspensions, money and dates, each with its explanation.
// Orchestrates the rules of regime.hpp, eligibility.hpp, hours.hpp,
// absence.hpp and money.hpp (docs/rules.md section 2); adds no rule of its own
// except the order in which they apply.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"
#include "edurules/leave/hours.hpp"
#include "edurules/leave/model.hpp"
#include "edurules/leave/money.hpp"
#include "edurules/leave/regime.hpp"
#include "edurules/leave/rules.hpp"

namespace edurules::leave {

struct training_result {
    std::string id;
    regime reg = regime::none;
    std::uint32_t reasons = reason_none;
    bool eligible = false;
    date start;
    date decided_on;  ///< the day the worker's employment was judged (training start, or the school year's first
                      ///< day; classic BEV without a job then: the first lesson day with a job; reformed
                      ///< Brussels: the first day of the reference or fallback month)
    // hours
    minutes contact_for_minimum{};     ///< contact minutes counted toward the minimum (school year)
    minutes attended{};                ///< leave-giving clock minutes attended this school year (outside suspensions)
    minutes excluded_suspended{};      ///< attended minutes that fell in a suspension
    minutes excluded_after_bev_end{};  ///< attended minutes after the end of Flemish BEV
    minutes excluded_no_employment{};  ///< attended minutes on days the worker had no job
    minutes attended_all{};       ///< every leave-giving minute attended this school year (attended + the three above)
    exact_minutes counted{0, 1};  ///< leave value before the cap (hours as minutes, exact)
    exact_minutes used_of_cap{0, 1};  ///< part of the shared cap this training uses (full-time hours)
    minutes granted{};  ///< approved leave, pro-rated and rounded (the training's share of the rounded total)
    exact_minutes granted_exact{0, 1};  ///< approved leave before the one rounding (used_of_cap x pro-rata share)
    fraction pro_rata{1, 1};            ///< BEV: the employment share on `decided_on` used for pro rata (1: none), or
                                        ///< the share weighed over the periods of an employment that changes
                                        ///< (eligibility.hpp `weigh_alternating_employment`)
    minutes taken{};                    ///< leave taken (approved days)
    minutes taken_refused{};            ///< leave taken during a suspension: not approved
    // attendance
    std::size_t certificate_first = 0;  ///< its certificate periods: worker_result::certificates_of
    std::size_t certificate_count = 0;
    std::size_t combined_first = 0;  ///< the trainings combined to reach the minimum: worker_result::combined_of
    std::size_t combined_count = 0;
    std::size_t days_first = 0;  ///< its attended days: worker_result::attended_days_of
    std::size_t days_count = 0;
    std::optional<bool> diligent;      ///< VOV yearly diligence (nullopt when it does not apply)
    bool sanction_next_right = false;  ///< VOV: not diligent and took more than the right
    // money and dates
    reimbursement money;
    deadlines dates;
    explanation why = explanation(true);
};

struct worker_result {
    std::string id;
    school_year year;
    region reg = region::flanders;
    fraction share{0, 1};                   ///< employment share at the first training start (TWP)
    std::optional<fraction> vov_twp;        ///< VOV: the TWP of the reference (or fallback) month that set the maximum
    std::optional<date> vov_reference_day;  ///< VOV: first day of that month
    cap_decision cap;                       ///< classic or reformed BEV cap (when a BEV regime applies)
    std::optional<vov_maximum> vov;
    minutes granted_total{};
    minutes taken_total{};
    minutes left{};                                      ///< granted - taken (approved), never negative
    std::int64_t reimbursement_total_cents = 0;          ///< sum of the trainings' known amounts
    std::optional<resolved<std::int64_t>> wage_ceiling;  ///< at the school year's start
    std::vector<dated_amount> wage_ceilings;  ///< every ceiling in force during the school year, with its leave
    std::optional<date>
        wage_ceiling_missing_on;  ///< first day of the year without a ceiling (no_wage_ceiling_for_date)
    std::optional<std::int64_t> capped_monthly_wage_cents;
    std::vector<suspension> suspensions;
    std::vector<certificate_result> certificates;  ///< every training's, in training order
    std::vector<training_result> trainings;
    std::vector<attended_day> attended_days;  ///< every training's counted days, in training order
    std::vector<rate_part> rate_parts;        ///< every training's rates applied, in training order
    std::vector<std::size_t> combined;        ///< every training's module combination (training indices)
    explanation why = explanation(true);

    /// The days whose attended minutes give training `i` leave (they date its leave).
    std::span<const attended_day> attended_days_of(std::size_t i) const {
        const auto& t = trainings[i];
        return std::span<const attended_day>(attended_days).subspan(t.days_first, t.days_count);
    }
    /// The rates applied to training `i`'s approved leave, each with the part of the year it covers.
    std::span<const rate_part> rates_of(std::size_t i) const {
        const auto& m = trainings[i].money;
        return std::span<const rate_part>(rate_parts).subspan(m.parts_first, m.parts_count);
    }
    /// False when a training's amount is unknown (no rate for a date, reason
    /// no_rate_for_date): the total is then unknown too, not the sum of the
    /// others (JSON null, batch -1).
    bool reimbursement_total_known() const {
        return std::all_of(trainings.begin(), trainings.end(),
                           [](const training_result& t) { return t.money.known(); });
    }
    /// The trainings (indices) training `i` was combined with to reach the minimum contact time.
    std::span<const std::size_t> combined_of(std::size_t i) const {
        const auto& t = trainings[i];
        return std::span<const std::size_t>(combined).subspan(t.combined_first, t.combined_count);
    }
    /// The certificate periods of training `i`.
    std::span<const certificate_result> certificates_of(std::size_t i) const {
        const auto& t = trainings[i];
        return std::span<const certificate_result>(certificates).subspan(t.certificate_first, t.certificate_count);
    }
};

/// Scratch space of one evaluation, reused across workers by the batch so
/// that deciding a worker allocates nothing once the buffers have grown.
struct workspace {
    /// Each training's day tally (absence.hpp `tally_days`) and the modes
    /// (bits, model.hpp `mode_mask`) it was made with, `no_tally` before the
    /// first: made once per training and worker, reused by the steps that
    /// tally with the same modes. Never shrunk, so the inner buffers keep
    /// their capacity from worker to worker.
    static constexpr unsigned no_tally = ~0u;
    std::vector<std::vector<day_tally>> tallies;
    std::vector<unsigned> tally_modes;
    std::vector<day_tally> counted;
    std::vector<period> periods;
    std::vector<std::size_t> order, bev, vov_own, vov_employer;
    std::vector<exact_minutes> amounts, used;
    std::vector<fraction> shares;
    std::vector<minutes> granted;
    std::vector<std::uint8_t> flags;
    /// per training: the regime decided by the 10% rule's step for the school
    /// year evaluated (its start falls in it), for the next step to reuse
    std::vector<std::optional<regime_decision>> regimes;
    std::vector<module_facts> modules;
    std::vector<std::size_t> combo;
    /// per training: classic BEV's category reasons on the judged day, and the
    /// share weighed over the periods of an employment that changes (none: the
    /// judged day's share)
    std::vector<std::uint32_t> category;
    std::vector<std::optional<fraction>> alternating;
    std::vector<employment_stretch> stretches;
};

/// Decides everything for `w` in school year `sy`. Lessons and absences in
/// other school years are used for the 10% rule (suspensions cross school
/// years) but give no hours in `sy`. Input is assumed valid (the codecs check
/// it and name the field); rulebook gaps throw errc::rulebook.
worker_result evaluate(const rules& R, const worker& w, school_year sy, bool explain = true);

/// The same decision for `w` with the trainings `trainings` (the batch keeps
/// its trainings in a pool), into `out`, reusing `ws` and `out`'s buffers.
/// `out.why` and the trainings' explanations record only if `explain`.
void evaluate_into(const rules& R, const worker& w, std::span<const training> trainings, school_year sy, bool explain,
                   workspace& ws, worker_result& out);

/// Throws errc::invalid_input (field "school_year") for a school year before
/// the rulebook's dated values begin or after leave.coverage.last_day, as
/// evaluate does; the faces that read
/// a school year per row (the Python frames) name the cell with it.
void refuse_uncovered_year(const rules& R, school_year sy);

/// The training's start: its declared start, else its first lesson day.
inline std::optional<date> training_start(const training& t) {
    if (t.start) return t.start;
    std::optional<date> first;
    for (const auto& l : t.lessons)
        if (!first || l.day < *first) first = l.day;
    return first;
}

}  // namespace edurules::leave
