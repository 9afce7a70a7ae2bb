// The leave orchestrator: orders the rules of include/edurules/leave/*.hpp
// for one worker and school year (docs/rules.md section 2):
//   1. suspensions from every BEV certificate period (absence.hpp: the 10% rule;
//      they cross trainings and school years);
//   2. per training: regime (regime.hpp), eligibility (eligibility.hpp) and the
//      hours it counts this school year (hours.hpp); classic BEV: an employment
//      that changes during the year weighed over its periods (eligibility.hpp);
//   3. the BEV cap shared by the year's BEV trainings, pro rata, rounded once (hours.hpp);
//   4. VOV: the personal maximum, BEV hours deducted, the employer pool (hours.hpp);
//   5. leave taken against suspensions, VOV diligence (absence.hpp), money and
//      dates (money.hpp).
// Each step is a function of its own; none decides anything the rule headers
// do not say.
#include "edurules/leave/evaluate.hpp"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "../core/json_guard.hpp"

namespace edurules::leave {

namespace {

/// Everything a step reads and writes.
struct step_context {
    const rules& R;
    const worker& w;
    std::span<const training> T;
    school_year sy;
    period year;
    bool explain;
    workspace& ws;
    worker_result& out;
    std::optional<date> emp_day{};  ///< the day `emp` was worked out for
    employment emp{};
};

/// The worker's employment on `d` (employment_at). The steps ask for the same
/// day several times and the jobs do not change during an evaluation: the last
/// answer is kept.
const employment& employment_on(step_context& c, date d) {
    if (c.emp_day != d) {
        c.emp = employment_at(c.w.jobs, d);
        c.emp_day = d;
    }
    return c.emp;
}

/// Training `i`'s day tally with the lesson modes `modes` (bits), made once
/// per worker for a set of modes (the steps that tally with the same modes
/// share it: the tally depends on nothing else).
std::span<const day_tally> tally_of(step_context& c, std::size_t i, unsigned modes, explanation& why) {
    if (c.ws.tally_modes[i] != modes) {
        tally_days(c.R, c.T[i], modes, c.ws.tallies[i], why);
        c.ws.tally_modes[i] = modes;
    }
    return c.ws.tallies[i];
}

std::string joined(const std::vector<std::string>& xs) {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
    return out;
}

bool is_exam_type(const training& t, regime reg) {
    if (reg == regime::vov)
        return t.counting == vov_counting::exams || t.counting == vov_counting::competences ||
               t.counting == vov_counting::credits;
    return t.type == training_type::exam_board || t.type == training_type::competence_exam;
}

/// docs/rules.md 2.1 (H): the establishment unit's region decides, not the head
/// office or the residence (a Flemish branch of a Brussels company is Flemish).
void explain_region(step_context& c) {
    for (const auto& [what, r] : {std::pair<const char*, std::optional<region>>{"head office", c.w.head_office},
                                  std::pair<const char*, std::optional<region>>{"residence", c.w.residence}}) {
        if (r && *r != c.w.reg)
            c.out.why.add("leave.regime.establishment_unit", [&, what = what, r = r] {
                return std::string("the ") + what + " in " + std::string(to_string(*r)) +
                       " does not count: the establishment unit in " + std::string(to_string(c.w.reg)) +
                       " decides the regime";
            });
    }
}

/// Step 1: every BEV training's certificate periods that bear on the school
/// year evaluated (ten_percent_rule), and the suspensions they cause.
void find_suspensions(step_context& c) {
    explanation off(recording::nothing);
    for (std::size_t ti = 0; ti < c.T.size(); ++ti) {
        const training& t = c.T[ti];
        training_result& tr = c.out.trainings[ti];
        tr.certificate_first = c.out.certificates.size();
        const auto start = training_start(t);
        if (!start || t.lessons.empty()) continue;
        const school_year started = school_year::containing(*start);
        const regime_decision rd = decide_regime(c.R, c.w.reg, c.w.sector, *start, started, off);
        if (started == c.sy) c.ws.regimes[ti] = rd;  // open_trainings' question too
        const regime reg = rd.reg;
        if (reg == regime::none || reg == regime::vov) continue;
        date first = t.lessons.front().day, last = first;
        for (const auto& l : t.lessons) first = std::min(first, l.day), last = std::max(last, l.day);
        const auto days = tally_of(c, ti, leave_modes_mask(c.R, reg, first), tr.why);
        ten_percent_rule(c.R, ti, t, t.org, days, first, last, c.sy.days(), c.ws.periods, c.out.certificates,
                         c.out.suspensions, tr.why, c.out.why);
        tr.certificate_count = c.out.certificates.size() - tr.certificate_first;
    }
}

/// Step 2a: each training's regime and start; the employment share at the first start.
void open_trainings(step_context& c) {
    auto& order = c.ws.order;
    order.clear();
    for (std::size_t i = 0; i < c.T.size(); ++i) {
        training_result& tr = c.out.trainings[i];
        tr.id = c.T[i].id;
        const auto start = training_start(c.T[i]);
        tr.start = start ? *start : c.sy.first_day();
        // find_suspensions' decision for the same start and school year, unless the steps are
        // recorded (with explain off the training's explanation records nothing, as `off` did)
        const regime_decision rd = !c.explain && c.ws.regimes[i]
                                       ? *c.ws.regimes[i]
                                       : decide_regime(c.R, c.w.reg, c.w.sector, tr.start, c.sy, tr.why);
        tr.reg = rd.reg;
        tr.reasons |= rd.reasons;
        for (const auto& cr : c.out.certificates_of(i))
            if (cr.triggers_suspension && cr.span.overlaps(c.year)) tr.reasons |= reason_suspension_triggered;
        order.push_back(i);
    }
    // by start, stable; an insertion sort (a worker has few trainings, and
    // std::stable_sort would take a heap buffer for every worker)
    for (std::size_t k = 1; k < order.size(); ++k)
        for (std::size_t j = k; j > 0 && c.out.trainings[order[j]].start < c.out.trainings[order[j - 1]].start; --j)
            std::swap(order[j], order[j - 1]);
    if (!c.T.empty()) c.out.share = employment_on(c, c.out.trainings[order.front()].start).share;
}

/// The first day of the school year on which a training of this worker under
/// `reg` runs (VOV and reformed Brussels: the fallback month of the reference
/// month, eligibility.hpp `reference_month_employment`).
std::optional<date> first_start(const step_context& c, regime reg) {
    std::optional<date> first;
    for (const auto& tr : c.out.trainings) {
        if (tr.reg != reg) continue;
        const date s = std::max(tr.start, c.sy.first_day());
        if (!first || s < *first) first = s;
    }
    return first;
}

/// Step 2b: whether training `i` gives a right this school year, and which
/// employment judged it. Returns false when it has nothing in this school year.
bool decide_training(step_context& c, std::size_t i, std::optional<vov_employment>& vov_emp, bool& only_coinciding) {
    const training& t = c.T[i];
    training_result& tr = c.out.trainings[i];
    const date at = c.sy.first_day();
    if (c.year.last < tr.start) {
        tr.reasons |= reason_no_lessons_in_year;
        tr.why.add("leave.training.not_started",
                   [&] { return "the training starts " + to_iso(tr.start) + ", after school year " + c.sy.name(); });
        return false;
    }
    bool any_lesson = false;
    for (const auto& l : t.lessons) any_lesson = any_lesson || c.year.contains(l.day);
    if (!any_lesson && !is_exam_type(t, tr.reg)) {
        tr.reasons |= reason_no_lessons_in_year;
        tr.why.add("leave.training.no_lessons", [&] { return "no lessons in school year " + c.sy.name(); });
        return false;
    }
    const date emp_day = std::max(tr.start, at);
    tr.decided_on = emp_day;
    if (tr.reg == regime::vov) {
        const auto first = first_start(c, regime::vov);
        const auto check = vov_employment_check(
            c.R, c.sy, tr.start, first ? *first : tr.start, [&](date d) { return employment_on(c, d); }, tr.why);
        tr.reasons |= check.reasons;
        only_coinciding = check.only_coinciding;
        if (only_coinciding) tr.reasons |= reason_only_coinciding_hours;
        if (!vov_emp && check.reasons == reason_none) vov_emp = check;
        tr.reasons |= vov_training_conditions(c.R, t, tr.start, at, tr.why);
    } else if (tr.reg == regime::brussels_reformed) {
        // the reference month's employment, for the whole school year (rules.md 2.4)
        const auto first = first_start(c, regime::brussels_reformed);
        const auto [e, month] = brussels_employment(
            c.R, c.sy, first ? *first : emp_day, [&](date d) { return employment_on(c, d); }, tr.why);
        tr.decided_on = month;
        tr.reasons |= bev_category(c.R, tr.reg, e, t.type, t.coinciding, month, tr.why);
    } else {
        // a worker without a job at the start who starts working during the training is judged then
        const date on = bev_judged_on(
            c.R, t, c.year, emp_day, [&](date d) { return employment_on(c, d); }, tr.why);
        tr.decided_on = on;
        c.ws.category[i] = bev_category(c.R, tr.reg, employment_on(c, on), t.type, t.coinciding, on, tr.why);
        tr.reasons |= c.ws.category[i];
    }
    tr.reasons |= training_conditions(t, c.w.passed_modules, tr.why);
    return true;
}

/// Step 2c: the contact time of training `i` toward the minimum (this school year).
void count_contact(step_context& c, std::size_t i) {
    const training& t = c.T[i];
    training_result& tr = c.out.trainings[i];
    if (is_exam_type(t, tr.reg)) return;
    const unsigned mask = minimum_modes_mask(c.R, tr.reg, c.sy.first_day());
    minutes covid{};  // lessons in another mode that a COVID measure counts toward the minimum
    param_use u_covid;
    for (const auto& l : t.lessons) {
        if (!c.year.contains(l.day)) continue;
        if (in_mask(mask, l.mode)) {
            tr.contact_for_minimum += l.length();
        } else if (const resolved<unsigned>* a = covid_minimum(c.R, tr.reg, l)) {
            tr.contact_for_minimum += l.length();
            covid += l.length();
            u_covid = a->use;
        }
    }
    if (!tr.why.enabled()) return;  // the list itself is read only to be explained
    if (covid.count > 0)
        tr.why.add("leave.training.covid_minimum",
                   [&] {
                       return hours_text(covid) +
                              " h of lessons given at a distance count toward the minimum (COVID measure: the "
                              "training keeps the hours planned before the outbreak)";
                   },
                   {u_covid});
    param_use u_min;
    const auto& modes = minimum_modes(c.R, tr.reg, c.sy.first_day(), u_min);
    tr.why.add("leave.training.minimum_modes",
               [&] { return "lessons that count toward the minimum: " + joined(modes); }, {u_min});
}

/// Step 2d: the minimum contact time, reached alone or by module combination
/// with the worker's other trainings (eligibility.hpp `meets_min_by_combination`).
void check_minimum(step_context& c, std::size_t i) {
    const training& t = c.T[i];
    training_result& tr = c.out.trainings[i];
    if (is_exam_type(t, tr.reg)) return;
    const date at = c.sy.first_day();
    explanation off(recording::nothing);
    const minutes unit = lesson_unit(c.R, t.lesson_periods, at, off);
    if (meets_min_contact(c.R, tr.contact_for_minimum, unit, at, tr.why)) return;
    if (meets_min_by_combination(c.R, c.ws.modules, i, unit, at, c.ws.combo, tr.why)) {
        tr.combined_first = c.out.combined.size();
        c.out.combined.insert(c.out.combined.end(), c.ws.combo.begin(), c.ws.combo.end());
        tr.combined_count = c.ws.combo.size();
        return;
    }
    tr.reasons |= reason_below_min_contact_hours;
}

/// Step 2e, classic BEV: a worker whose employment changes during the school
/// year has each period weighed with its own share (eligibility.hpp
/// `weigh_alternating_employment`, wal.cep.faq); the periods' answer replaces the
/// judged day's category. Reads the days `attended_in_year` just counted.
void weigh_employment(step_context& c, std::size_t i) {
    const training& t = c.T[i];
    training_result& tr = c.out.trainings[i];
    if (tr.reg == regime::vov || tr.reg == regime::brussels_reformed || t.type == training_type::exam_board) return;
    // no job on the day the year is judged: no right to weigh (without a job at the training start, and none
    // on a later lesson day or leave.bev.job_during_training false: bev_judged_on)
    if ((c.ws.category[i] & reason_no_employment) != 0) return;
    explanation off(recording::nothing);
    const auto alt = weigh_alternating_employment(
        c.R, c.w.jobs, c.sy, c.ws.counted,
        [&](const employment& e, date d) { return bev_category(c.R, tr.reg, e, t.type, t.coinciding, d, off); },
        c.ws.stretches, tr.why);
    if (!alt) return;
    c.ws.alternating[i] = alt->share;
    tr.reasons = (tr.reasons & ~c.ws.category[i]) | alt->reasons;
    if (alt->reasons != reason_none) tr.decided_on = alt->reasons_on;  // the reasons are that period's, on its day
}

/// Step 2e: the hours training `i` counts this school year.
void count_training(step_context& c, std::size_t i, bool only_coinciding) {
    const training& t = c.T[i];
    training_result& tr = c.out.trainings[i];
    const date at = c.sy.first_day();
    const minutes unit = lesson_unit(c.R, t.lesson_periods, at, tr.why);
    const unsigned modes = leave_modes_mask(c.R, tr.reg, at);
    if (tr.why.enabled()) {  // the list itself is read only to be explained
        param_use u_modes;
        const auto& names = leave_modes(c.R, tr.reg, at, u_modes);
        tr.why.add("leave.hours.modes", [&] { return "lessons that give leave: " + joined(names); }, {u_modes});
    }
    explanation off(recording::nothing);
    // the usual worker has one job for the whole school year: no look at the jobs per lesson
    const bool whole_year = std::any_of(c.w.jobs.begin(), c.w.jobs.end(), [&](const job& j) {
        return j.employs_on(c.year.first) && j.employs_on(c.year.last);
    });
    const attendance a = attended_in_year(
        c.R, c.R, t, tr.reg, c.sy, modes, only_coinciding, c.out.suspensions, tally_of(c, i, modes, off),
        [&](date d) { return whole_year || has_job_on(c.w.jobs, d); }, c.ws.counted, tr.why);
    tr.attended = a.attended;
    tr.days_first = c.out.attended_days.size();
    auto& days = c.out.attended_days;
    if (days.size() + c.ws.counted.size() > days.capacity())  // room once per training, still doubling
        days.reserve(std::max(days.size() + c.ws.counted.size(), 2 * days.capacity()));
    for (const auto& d : c.ws.counted) days.push_back(attended_day{d.day, d.given});
    tr.days_count = c.out.attended_days.size() - tr.days_first;
    tr.excluded_suspended = a.excluded_suspended;
    tr.excluded_after_bev_end = a.excluded_after_bev_end;
    tr.excluded_no_employment = a.excluded_no_employment;
    tr.attended_all = a.attended + a.excluded_suspended + a.excluded_after_bev_end + a.excluded_no_employment;
    if (tr.excluded_suspended.count > 0) tr.reasons |= reason_suspended;
    weigh_employment(c, i);
    tr.eligible = (tr.reasons & blocking_reasons) == 0 && !(tr.reasons & reason_no_lessons_in_year);
    if (!tr.eligible) return;
    if (tr.reg == regime::vov) {
        const minutes lessons = t.counting == vov_counting::planned_lesson_periods ? a.planned : tr.attended;
        tr.counted = vov_training_hours(c.R, t.counting, lessons, unit, t.credits, t.graduate, t.exam_contract, t.exams,
                                        t.competences, c.sy, tr.why);
    } else if (t.type == training_type::competence_exam) {
        tr.counted = competence_exam_hours(c.R, t.exams, at, tr.why);
    } else if (t.type != training_type::exam_board) {
        tr.counted = leave_value(tr.attended, unit);
        tr.why.add("leave.hours.attended", [&] {
            return "attended " + hours_text(tr.attended) + " h of lessons" +
                   (t.lesson_periods ? " = " + tr.counted.hours_text() + " h of leave" : std::string());
        });
    }
}

/// Step 3: the BEV cap shared by this year's BEV trainings, pro rata, rounded once.
minutes share_bev_cap(step_context& c) {
    bev_pool pool;
    pool.at_most_upper_secondary = c.w.at_most_upper_secondary;
    auto& idx = c.ws.bev;
    idx.clear();
    for (std::size_t i : c.ws.order) {
        const training& t = c.T[i];
        training_result& tr = c.out.trainings[i];
        if (!tr.eligible || tr.reg == regime::vov) continue;
        if (t.type == training_type::exam_board) {
            const auto e = employment_on(c, tr.decided_on);  // the day decide_training judged
            tr.granted = exam_board_hours(c.R, tr.reg, e.contract_minutes_per_week, c.sy.first_day(), tr.why);
            tr.granted_exact = exact_minutes::of(tr.granted);
            continue;
        }
        idx.push_back(i);
        pool.add(c.R, tr.reg, t, c.sy);
    }
    if (idx.empty()) return minutes{};
    c.ws.amounts.clear();
    c.ws.shares.clear();
    for (std::size_t i : idx) {
        c.ws.amounts.push_back(c.out.trainings[i].counted);
        // the employment that decided the right: the training start, or reformed
        // Brussels' reference month (decide_training)
        const auto& alt = c.ws.alternating[i];  // an employment that changes: the periods weighed
        c.ws.shares.push_back(alt ? *alt : employment_on(c, c.out.trainings[i].decided_on).share);
    }
    c.ws.used.resize(idx.size());
    c.ws.granted.resize(idx.size());
    explain_shared_cap(c.T, idx, pool, c.out.why);
    c.out.cap =
        bev_cap(c.R, pool.reg, row_of_parts(pool.parts), pool.coinciding, pool.raised, pool.brussels, c.sy, c.out.why);
    // the cap is the worker's for the school year: what another region already reimbursed is used
    const minutes cap = bev_cap_balance(c.R, c.out.cap.cap, c.w.bev_reimbursed_elsewhere, c.sy, c.out.why);
    const minutes total = grant_bev(c.R, cap, c.ws.amounts, c.ws.shares, c.sy, c.ws.granted, c.ws.used, c.out.why);
    for (std::size_t k = 0; k < idx.size(); ++k) {
        training_result& tr = c.out.trainings[idx[k]];
        tr.used_of_cap = c.ws.used[k];
        tr.granted = c.ws.granted[k];
        tr.pro_rata = pro_rata_share(c.ws.shares[k]);
        tr.granted_exact = tr.used_of_cap.times(tr.pro_rata);  // as share_cap sums it, before rounding
        if (c.ws.used[k] < c.ws.amounts[k]) tr.reasons |= reason_capped;
    }
    return total;
}

/// Step 4: VOV, the personal maximum x TWP with the BEV hours of the year
/// deducted, and the employer-proposed pool.
void grant_vov_hours(step_context& c, const std::optional<vov_employment>& vov_emp, minutes bev_total) {
    auto& own = c.ws.vov_own;
    auto& emp = c.ws.vov_employer;
    own.clear();
    emp.clear();
    for (std::size_t i : c.ws.order) {
        const auto& tr = c.out.trainings[i];
        if (tr.eligible && tr.reg == regime::vov) (c.T[i].employer_proposed ? emp : own).push_back(i);
    }
    if (own.empty() && emp.empty()) return;
    const fraction twp = vov_emp ? vov_emp->twp : c.out.share;
    if (vov_emp) {
        c.out.vov_twp = vov_emp->twp;
        c.out.vov_reference_day = vov_emp->reference_day;
    }
    vov_maximum m = vov_max(c.R, twp, c.w.vov_sanctioned, c.sy, c.out.why);
    if (m.employer.num == 0) {  // no employer pool this year: employer-proposed trainings use the own maximum
        own.insert(own.end(), emp.begin(), emp.end());
        emp.clear();
    }
    m.own = deduct_bev_hours(m.own, bev_total + c.w.bev_reimbursed_elsewhere, c.out.why);
    c.out.vov = m;
    for (auto* pool : {&own, &emp}) {
        if (pool->empty()) continue;
        c.ws.amounts.clear();
        for (std::size_t i : *pool) c.ws.amounts.push_back(c.out.trainings[i].counted);
        c.ws.used.resize(pool->size());
        c.ws.granted.resize(pool->size());
        const exact_minutes cap = pool == &own ? m.own : m.employer;
        grant_vov(c.R, cap, c.ws.amounts, c.sy, c.ws.granted, c.ws.used);
        for (std::size_t k = 0; k < pool->size(); ++k) {
            training_result& tr = c.out.trainings[(*pool)[k]];
            tr.used_of_cap = c.ws.used[k];
            tr.granted = c.ws.granted[k];
            tr.granted_exact = tr.used_of_cap;  // no pro rata: the maximum is already x TWP
            if (c.ws.used[k] < c.ws.amounts[k]) tr.reasons |= reason_capped;
            explain_vov_grant(c.R, c.ws.amounts[k], cap, tr.granted, c.sy, tr.why);
        }
    }
    if (c.w.vov_sanctioned)
        for (std::size_t i : own) c.out.trainings[i].reasons |= reason_vov_sanction;
}

/// The day that dates a training's leave without attended days (money.hpp `approved_in`).
date undated_on(const step_context& c, const training_result& tr) { return std::max(tr.start, c.sy.first_day()); }

/// Step 5: leave taken, VOV diligence, money and dates, and the totals.
void settle(step_context& c) {
    explanation off(recording::nothing);
    for (std::size_t i = 0; i < c.T.size(); ++i) {
        const training& t = c.T[i];
        training_result& tr = c.out.trainings[i];
        const taken_result k = approve_taken(t, tr.reg, c.year, c.out.suspensions, tr.why);
        tr.taken = k.approved;
        tr.taken_refused = k.refused;
        if (k.refused.count > 0) tr.reasons |= reason_suspended;
        // a training with nothing in this school year has no attendance to judge (and may
        // start years later, under a regime whose rules did not exist yet in this year)
        if (tr.reg == regime::vov && !(tr.reasons & reason_no_lessons_in_year)) {
            const auto days = tally_of(c, i, leave_modes_mask(c.R, tr.reg, c.sy.first_day()), off);
            const diligence_result d = vov_diligence(c.R, t, days, c.sy, tr.taken, tr.granted, tr.why);
            tr.diligent = d.diligent;
            tr.sanction_next_right = d.sanction_next;
            if (d.diligent && !*d.diligent) tr.reasons |= reason_not_diligent;
        }
        if (tr.reg != regime::none) {
            tr.money = reimburse(c.R, tr.reg, t.type, tr.granted, c.out.attended_days_of(i), undated_on(c, tr), c.sy,
                                 c.out.rate_parts, tr.why);
            if (!tr.money.known()) tr.reasons |= reason_no_rate_for_date;
            tr.dates = leave_deadlines(c.R, tr.reg, c.sy, tr.start, t.enrolled_on, c.w.new_job_on, tr.why);
        }
        c.out.granted_total += tr.granted;
        c.out.taken_total += tr.taken;
        c.out.reimbursement_total_cents += tr.money.amount_cents;
    }
    c.out.left = max(minutes{0}, c.out.granted_total - c.out.taken_total);
    apply_wage_ceiling(c.R, c.sy, c.w.monthly_wage_cents, c.out.wage_ceiling, c.out.capped_monthly_wage_cents,
                       c.out.why);
    c.out.wage_ceiling_missing_on = wage_ceilings_in(c.R, c.year, c.w.monthly_wage_cents, c.out.wage_ceilings);
    for (std::size_t i = 0; i < c.T.size(); ++i) {
        const training_result& tr = c.out.trainings[i];
        add_approved_to_ceilings(c.out.wage_ceilings, tr.granted, c.out.attended_days_of(i), undated_on(c, tr));
    }
    if (!c.out.wage_ceiling_missing_on) return;
    // partial knowledge is a reason, not a crash and not a silently missing field
    c.out.why.add("leave.money.no_wage_ceiling", [&] {
        return "no wage ceiling: the rulebook has no value of " + c.R.wage_ceiling->name + " on " +
               to_iso(*c.out.wage_ceiling_missing_on) + " (school year " + c.sy.name() + ")";
    });
    for (auto& tr : c.out.trainings)
        if (tr.reg != regime::none) tr.reasons |= reason_no_wage_ceiling_for_date;
}

void reset(worker_result& out, const worker& w, std::size_t trainings, school_year sy, bool explain) {
    out.id = w.id;
    out.year = sy;
    out.reg = w.reg;
    out.share = fraction{0, 1};
    out.cap = cap_decision{};
    out.vov.reset();
    out.vov_twp.reset();
    out.vov_reference_day.reset();
    out.granted_total = out.taken_total = out.left = minutes{};
    out.reimbursement_total_cents = 0;
    out.wage_ceiling.reset();
    out.wage_ceiling_missing_on.reset();
    out.capped_monthly_wage_cents.reset();
    out.suspensions.clear();
    out.certificates.clear();
    out.attended_days.clear();
    out.rate_parts.clear();
    out.combined.clear();
    out.trainings.resize(trainings);
    // leave answers carry no uses_provisional flag: without explain nothing is recorded
    const recording what = explain ? recording::steps : recording::nothing;
    for (auto& tr : out.trainings) {
        // a fresh result in place (as assigning training_result{} leaves it, without the temporary)
        // (a default training_result allocates nothing: empty strings and lists, dates not_a_date_time, an
        // explanation that records on demand; so the construction cannot fail and leave `tr` destroyed)
        std::destroy_at(&tr);
        std::construct_at(&tr);
        tr.why.reset(what);
    }
    out.why = explanation(what);
}

}  // namespace

/// Refuses a school year the rulebook does not cover, before as after: before
/// the first value of leave.wage_ceiling, which every regime's decision reads
/// (school year 2012-2013 in the default rulebook), or after
/// leave.coverage.last_day, the last day of the last school year whose values
/// were researched (2026-2027 in the default rulebook). Outside them some rules
/// would still answer from open-ended values (the last known rates, caps and
/// deadlines) and others stop at a missing one: neither is knowledge of that year.
void refuse_uncovered_year(const rules& R, school_year sy) {
    const auto& versions = R.wage_ceiling->versions;
    const std::optional<date> first_day =
        versions.empty() || !versions.front().from ? std::nullopt : std::optional<date>(*versions.front().from);
    const auto& last = *R.covered_until;
    const param_version* last_v = last.versions.empty() ? nullptr : &last.versions.back();
    const std::optional<date> last_day = last_v ? std::optional<date>(std::get<date>(last_v->value)) : std::nullopt;
    const bool before = first_day && sy.first_day() < *first_day;
    const bool after = last_day && *last_day < sy.first_day();
    if (!before && !after) return;
    const auto range = [&] {
        return std::string("; it covers school years ") +
               (first_day ? school_year::containing(*first_day).name() : std::string("(no first)")) + " to " +
               (last_day ? school_year::containing(*last_day).name() : std::string("(no last)"));
    };
    if (before)
        throw error(errc::invalid_input, "school_year",
                    "school year " + sy.name() + " is before the first the rulebook covers, " +
                        school_year::containing(*first_day).name() + " (" + R.wage_ceiling->name + " has values from " +
                        to_iso(*first_day) + ")" + range());
    throw error(errc::invalid_input, "school_year",
                "school year " + sy.name() + " is after the last the rulebook covers, " +
                    school_year::containing(*last_day).name() + " (" + last.name + " is " + to_iso(*last_day) +
                    ", source " + last_v->source_id + ", confidence " + std::string(to_code(last_v->conf)) + ")" +
                    range());
}

void evaluate_into(const rules& R, const worker& w, std::span<const training> trainings, school_year sy, bool explain,
                   workspace& ws, worker_result& out) {
    refuse_uncovered_year(R, sy);
    reset(out, w, trainings.size(), sy, explain);
    if (ws.tallies.size() < trainings.size()) ws.tallies.resize(trainings.size());
    ws.tally_modes.assign(std::max(ws.tally_modes.size(), trainings.size()), workspace::no_tally);
    ws.regimes.assign(trainings.size(), std::nullopt);
    ws.category.assign(trainings.size(), reason_none);
    ws.alternating.assign(trainings.size(), std::nullopt);
    step_context c{R, w, trainings, sy, sy.days(), explain, ws, out};
    explain_region(c);
    find_suspensions(c);
    open_trainings(c);
    std::optional<vov_employment> vov_emp;
    auto& flags = ws.flags;  // per training: 1 decided in this school year, 2 only coinciding hours count
    flags.assign(trainings.size(), 0);
    for (std::size_t i = 0; i < trainings.size(); ++i) {
        bool only_coinciding = false;
        if (out.trainings[i].reg == regime::none) continue;
        if (decide_training(c, i, vov_emp, only_coinciding)) flags[i] = only_coinciding ? 3 : 1;
    }
    ws.modules.clear();
    for (std::size_t i = 0; i < trainings.size(); ++i) {
        if (flags[i]) count_contact(c, i);
        const auto& tr = out.trainings[i];
        ws.modules.push_back(module_facts{&trainings[i], tr.reg, tr.start, tr.contact_for_minimum, flags[i] != 0});
    }
    for (std::size_t i = 0; i < trainings.size(); ++i)
        if (flags[i]) check_minimum(c, i);
    for (std::size_t i = 0; i < trainings.size(); ++i)
        if (flags[i]) count_training(c, i, (flags[i] & 2) != 0);
    const minutes bev_total = share_bev_cap(c);
    grant_vov_hours(c, vov_emp, bev_total);
    settle(c);
}

worker_result evaluate(const rules& R, const worker& w, school_year sy, bool explain) {
    // The thread's scratch space, reused like the batch's: evaluate_into sets
    // up what it reads, so only the buffers' room carries over.
    thread_local workspace ws;
    worker_result out;
    evaluate_into(R, w, w.trainings, sy, explain, ws, out);
    return out;
}

std::string unknown_word_message(const parameter& words, std::string_view value) {
    return "unknown value " + edurules::detail::quote_value(nlohmann::json(std::string(value))) +
           edurules::one_of(value, words.limits.allowed) + " (" + words.name + ")";
}

}  // namespace edurules::leave
