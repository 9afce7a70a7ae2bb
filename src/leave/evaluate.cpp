// The leave orchestrator: applies the rules of include/edurules/leave/*.hpp
// to one worker and school year (rules.md section 2), in this order:
// regime per training, suspensions from every certificate period (they cross
// trainings and school years), eligibility, hours counted, the shared cap and
// pro rata (rounded once), leave taken, diligence, money and dates.
#include "edurules/leave/evaluate.hpp"

#include <algorithm>
#include <map>

namespace edurules::leave {

namespace {

const std::vector<std::string>& leave_modes(const rules& R, regime reg, date at, param_use& u) {
    if (reg == regime::vov) return ref<std::vector<std::string>>(*R.vov_modes_leave, at, u);
    if (reg == regime::brussels_reformed) return ref<std::vector<std::string>>(*R.brussels_modes_leave, at, u);
    return ref<std::vector<std::string>>(*R.bev_modes_leave, at, u);
}
const std::vector<std::string>& minimum_modes(const rules& R, regime reg, date at, param_use& u) {
    if (reg == regime::vov) return ref<std::vector<std::string>>(*R.vov_modes_minimum, at, u);
    if (reg == regime::brussels_reformed) return ref<std::vector<std::string>>(*R.brussels_modes_minimum, at, u);
    return ref<std::vector<std::string>>(*R.bev_modes_minimum, at, u);
}

/// Whether `d` falls in a BEV suspension. Suspensions come from BEV
/// certificate periods and suspend the BEV right (all BEV trainings, later
/// school years); VOV has its own attendance rule, so a BEV suspension is not
/// applied to VOV trainings (documented choice; rules.md 2.2 says only that
/// the suspension is the worker's, across trainings).
bool in_any(const std::vector<suspension>& s, date d) {
    for (const auto& x : s)
        if (x.window.contains(d)) return true;
    return false;
}

/// Absence minutes per day of a training, split into justified and unjustified.
struct day_absence {
    minutes justified{};
    minutes unjustified{};
};
std::map<date, day_absence> absences_by_day(const rules& R, const training& t, explanation& why) {
    std::map<date, day_absence> out;
    for (const auto& a : t.absences) {
        auto& d = out[a.day];
        if (is_justified(R, a, why)) d.justified += a.length;
        else d.unjustified += a.length;
    }
    return out;
}

/// Minutes of lessons given on each day (not cancelled, in the leave modes).
std::map<date, minutes> given_by_day(const training& t, const std::vector<std::string>& modes) {
    std::map<date, minutes> out;
    for (const auto& l : t.lessons)
        if (!l.cancelled && listed(modes, to_string(l.mode))) out[l.day] += l.length();
    return out;
}

bool is_exam_type(const training& t, regime reg) {
    if (reg == regime::vov)
        return t.counting == vov_counting::exams || t.counting == vov_counting::competences ||
               t.counting == vov_counting::credits;
    return t.type == training_type::exam_board || t.type == training_type::competence_exam;
}

}  // namespace

worker_result evaluate(const rules& R, const worker& w, school_year sy, bool explain) {
    worker_result out;
    out.id = w.id;
    out.year = sy;
    out.reg = w.reg;
    out.why = explanation(explain);
    const period year = sy.days();
    // rules.md 2.1 (H): the establishment unit's region decides, not the head
    // office or the residence (a Flemish branch of a Brussels company is Flemish).
    for (const auto& [what, r] : {std::pair<const char*, std::optional<region>>{"head office", w.head_office},
                                  std::pair<const char*, std::optional<region>>{"residence", w.residence}}) {
        if (r && *r != w.reg)
            out.why.add("leave.regime.establishment_unit", [&, what = what, r = r] {
                return std::string("the ") + what + " in " + std::string(to_string(*r)) +
                       " does not count: the establishment unit in " + std::string(to_string(w.reg)) + " decides the regime";
            });
    }

    // 1. Suspensions from every certificate period of every BEV training
    //    (rules.md 2.2: the suspension is the worker's, across trainings).
    std::vector<std::vector<certificate_result>> certs(w.trainings.size());
    std::vector<explanation> attendance_why(w.trainings.size(), explanation(explain));
    for (std::size_t ti = 0; ti < w.trainings.size(); ++ti) {
        const auto& t = w.trainings[ti];
        const auto start = training_start(t);
        if (!start || t.lessons.empty()) continue;
        explanation off(false);
        explanation& scratch = attendance_why[ti];
        const regime reg = decide_regime(R, w.reg, w.sector, *start, school_year::containing(*start), off).reg;
        if (reg == regime::none || reg == regime::vov) continue;
        date first = t.lessons.front().day, last = first;
        for (const auto& l : t.lessons) {
            first = std::min(first, l.day);
            last = std::max(last, l.day);
        }
        param_use u_modes;
        const auto& modes = leave_modes(R, reg, first, u_modes);
        const auto given = given_by_day(t, modes);
        const auto absent = absences_by_day(R, t, scratch);
        for (const auto& p : certificate_periods(R, t.org, first, last, scratch)) {
            certificate_result c;
            c.span = p;
            for (auto it = given.lower_bound(p.first); it != given.end() && it->first <= p.last; ++it) c.given += it->second;
            for (auto it = absent.lower_bound(p.first); it != absent.end() && it->first <= p.last; ++it) {
                c.unjustified += it->second.unjustified;
                c.justified += it->second.justified;
            }
            param_use u_share;
            c.triggers_suspension = more_than_share(R, c.unjustified, c.given, p.last, &u_share);
            if (c.triggers_suspension) {
                suspension s{t.id, p, c.given, c.unjustified, {}};
                out.why.add("leave.absence.ten_percent", [&] {
                    return "training " + t.id + ", certificate period " + to_iso(p.first) + ".." + to_iso(p.last) + ": " +
                           hours_text(c.unjustified) + " h unjustified absence of " + hours_text(c.given) +
                           " h given is more than the allowed share";
                }, {u_share});
                s.window = suspension_after(R, p, out.why);
                out.suspensions.push_back(s);
            }
            certs[ti].push_back(c);
        }
    }

    // 2. Per training: regime, eligibility and hours counted in this school year.
    out.trainings.reserve(w.trainings.size());
    std::vector<std::size_t> order;
    std::optional<date> first_vov_start;
    for (std::size_t i = 0; i < w.trainings.size(); ++i) {
        const auto& t = w.trainings[i];
        training_result tr;
        tr.id = t.id;
        tr.why = explanation(explain);
        const auto start = training_start(t);
        tr.start = start ? *start : sy.first_day();
        const regime_decision rd = decide_regime(R, w.reg, w.sector, tr.start, sy, tr.why);
        tr.reg = rd.reg;
        tr.reasons |= rd.reasons;
        if (tr.reg == regime::vov) {
            date s_in_year = std::max(tr.start, sy.first_day());
            if (!first_vov_start || s_in_year < *first_vov_start) first_vov_start = s_in_year;
        }
        tr.certificates = std::move(certs[i]);
        for (const auto& c : tr.certificates)
            if (c.triggers_suspension && c.span.overlaps(year)) tr.reasons |= reason_suspension_triggered;
        tr.why.append(attendance_why[i]);
        out.trainings.push_back(std::move(tr));
        order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return out.trainings[a].start < out.trainings[b].start; });
    if (!w.trainings.empty()) {
        const auto e = employment_at(w.jobs, out.trainings[order.front()].start);
        out.share = e.share;
    }

    std::optional<vov_employment> vov_emp;
    for (std::size_t i = 0; i < w.trainings.size(); ++i) {
        const auto& t = w.trainings[i];
        auto& tr = out.trainings[i];
        explanation& why = tr.why;
        if (tr.reg == regime::none) continue;
        const date at = sy.first_day();
        if (year.last < tr.start) {
            tr.reasons |= reason_no_lessons_in_year;
            why.note("leave.training.not_started", "the training starts " + to_iso(tr.start) + ", after school year " + sy.name());
            continue;
        }
        // lessons of this school year
        date first_in_year = tr.start;
        bool any_lesson = false;
        for (const auto& l : t.lessons)
            if (year.contains(l.day) && (!any_lesson || l.day < first_in_year)) first_in_year = l.day, any_lesson = true;
        if (!any_lesson && !is_exam_type(t, tr.reg)) {
            tr.reasons |= reason_no_lessons_in_year;
            why.note("leave.training.no_lessons", "no lessons in school year " + sy.name());
            continue;
        }
        const date emp_day = std::max(tr.start, at);
        tr.decided_on = emp_day;
        const employment e = employment_at(w.jobs, emp_day);
        // eligibility
        bool only_coinciding = false;
        if (tr.reg == regime::vov) {
            auto check = vov_employment_check(R, sy, tr.start, first_vov_start ? *first_vov_start : tr.start,
                                              [&](date d) { return employment_at(w.jobs, d); }, why);
            tr.reasons |= check.reasons;
            only_coinciding = check.only_coinciding;
            if (only_coinciding) tr.reasons |= reason_only_coinciding_hours;
            if (!vov_emp && check.reasons == reason_none) vov_emp = check;
            if (t.counting == vov_counting::credits) {
                const auto mc = read<std::int64_t>(*R.vov_min_credits, at);
                if (t.credits < mc.value) {
                    tr.reasons |= reason_below_min_credits;
                    why.add("leave.vov.min_credits", [&] {
                        return std::to_string(t.credits) + " credits, below the minimum " + std::to_string(mc.value);
                    }, {mc.use});
                }
            }
            if (t.career_oriented) {
                const auto years = read<std::int64_t>(*R.vov_career_attest_years, at);
                param_use u_of;
                const auto of = overflow_at(*R.month_overflow, at, u_of);
                const bool ok = t.career_attest_date &&
                                !(add_months(*t.career_attest_date, static_cast<int>(years.value * 12), of) < tr.start);
                if (!ok) {
                    tr.reasons |= reason_career_attest_too_old;
                    why.add("leave.vov.career_attest", [&] {
                        return std::string("career-oriented training needs a career attest at most ") +
                               std::to_string(years.value) + " years old at the start " + to_iso(tr.start) +
                               (t.career_attest_date ? "; the attest is of " + to_iso(*t.career_attest_date) : "; none given");
                    }, {years.use});
                }
            }
            if (t.assessment == final_assessment::missed) {
                tr.reasons |= reason_final_assessment_missed;
                why.note("leave.vov.final_assessment",
                         "the worker did not take part in the first final assessment (nor the next one after a justified absence): no VOV and no reimbursement");
            }
        } else {
            tr.reasons |= bev_category(R, tr.reg, e, t.type, t.coinciding, emp_day, why);
        }
        if (!t.recognised) {
            tr.reasons |= reason_not_recognised;
            why.note("leave.training.recognised", "the training is not recognised");
        }
        if (t.module_code && listed(w.passed_modules, *t.module_code)) {
            tr.reasons |= reason_module_already_passed;
            why.note("leave.training.module_passed", "module " + *t.module_code +
                                                         " was already passed: no new right (a repeat after failing would have one)");
        }
        const minutes unit = t.lesson_periods ? read<minutes>(*R.lesson_period_minutes, at).value : minutes{minutes_per_hour};
        if (t.lesson_periods) {
            const auto lp = read<minutes>(*R.lesson_period_minutes, at);
            why.add("leave.hours.lesson_period", [&] {
                return "counted in lesson periods: " + hours_text(lp.value) + " h (" + std::to_string(lp.value.count) +
                       " minutes) of lesson gives 1 hour of leave";
            }, {lp.use});
        }
        // minimum contact hours (exams and credit-based trainings exempt)
        if (!is_exam_type(t, tr.reg) && !(tr.reasons & reason_no_lessons_in_year)) {
            param_use u_min;
            const auto& modes = minimum_modes(R, tr.reg, at, u_min);
            for (const auto& l : t.lessons)
                if (year.contains(l.day) && listed(modes, to_string(l.mode))) tr.contact_for_minimum += l.length();
            if (!meets_min_contact(R, tr.contact_for_minimum, unit, at, why)) tr.reasons |= reason_below_min_contact_hours;
        }
        // hours attended this school year
        param_use u_modes;
        const auto& modes = leave_modes(R, tr.reg, at, u_modes);
        std::optional<date> bev_end;
        if (tr.reg == regime::flanders_bev) bev_end = read<date>(*R.bev_continuation_until, at).value;
        explanation scratch(false);
        const auto absent = absences_by_day(R, t, scratch);
        std::map<date, minutes> counted_by_day;
        minutes planned{};
        for (const auto& l : t.lessons) {
            if (!year.contains(l.day) || !listed(modes, to_string(l.mode))) continue;
            if (only_coinciding && !l.coinciding) continue;
            planned += l.length();
            if (l.cancelled) continue;
            counted_by_day[l.day] += l.length();
        }
        for (const auto& [day, given] : counted_by_day) {
            minutes att = given;
            if (auto it = absent.find(day); it != absent.end())
                att = max(minutes{0}, given - it->second.justified - it->second.unjustified);
            if (bev_end && *bev_end < day) {
                tr.excluded_after_bev_end += att;
            } else if (tr.reg != regime::vov && in_any(out.suspensions, day)) {
                tr.excluded_suspended += att;
            } else {
                tr.attended += att;
            }
        }
        if (tr.excluded_after_bev_end.count > 0)
            why.add("leave.regime.flanders_bev_end", [&] {
                return hours_text(tr.excluded_after_bev_end) + " h attended after " + to_iso(*bev_end) +
                       " do not count (Flemish BEV ends)";
            });
        if (tr.excluded_suspended.count > 0) {
            tr.reasons |= reason_suspended;
            why.add("leave.absence.suspended_hours", [&] {
                return hours_text(tr.excluded_suspended) + " h attended during a suspension build up no right";
            });
        }
        tr.eligible = (tr.reasons & blocking_reasons) == 0 && !(tr.reasons & reason_no_lessons_in_year);
        if (!tr.eligible) continue;
        if (tr.reg == regime::vov) {
            tr.counted = vov_training_hours(R, t.counting,
                                            t.counting == vov_counting::planned_lesson_periods ? planned : tr.attended,
                                            unit, t.credits, t.graduate, t.exam_contract, t.exams, t.competences, sy, why);
        } else if (t.type == training_type::competence_exam) {
            tr.counted = competence_exam_hours(R, t.exams, at, why);
        } else if (t.type != training_type::exam_board) {
            tr.counted = leave_value(tr.attended, unit);
            why.add("leave.hours.attended", [&] {
                return "attended " + hours_text(tr.attended) + " h of lessons" +
                       (t.lesson_periods ? " = " + tr.counted.hours_text() + " h of leave" : std::string());
            });
        }
    }

    // 3. The BEV cap shared by this year's BEV trainings, pro rata, rounded once.
    std::vector<std::size_t> bev_idx, vov_own_idx, vov_emp_idx;
    unsigned parts = 0;
    bool coinciding = false, raised = false;
    brussels_context bx;
    bx.at_most_upper_secondary = w.at_most_upper_secondary;
    regime bev_reg = regime::none;
    for (std::size_t i : order) {
        const auto& t = w.trainings[i];
        auto& tr = out.trainings[i];
        if (!tr.eligible) continue;
        if (tr.reg == regime::vov) continue;
        if (t.type == training_type::exam_board) {
            const auto e = employment_at(w.jobs, std::max(tr.start, sy.first_day()));
            tr.granted = exam_board_hours(R, e.contract_minutes_per_week, sy.first_day(), tr.why);
            continue;
        }
        bev_idx.push_back(i);
        bev_reg = tr.reg;
        parts |= parts_of(t.type);
        coinciding = coinciding || t.coinciding;
        raised = raised || t.raised != raise_reason::none;
        if (t.raised == raise_reason::shortage_occupation) bx.shortage_occupation = true;
        if (t.type == training_type::language || t.type == training_type::language_professional) {
            param_use u;
            if (tr.reg == regime::brussels_reformed &&
                listed(ref<std::vector<std::string>>(*R.brussels_raised_languages, sy.first_day(), u), t.language_kind))
                bx.raised_language = true;
        }
    }
    minutes bev_total{};
    if (!bev_idx.empty()) {
        const cap_row row = row_of_parts(parts);
        if (bev_idx.size() > 1)
            out.why.add("leave.hours.shared_cap", [&] {
                std::string types;
                for (std::size_t i : bev_idx)
                    types += (types.empty() ? "" : ", ") + w.trainings[i].id + " (" +
                             std::string(to_string(w.trainings[i].type)) + ")";
                return std::to_string(bev_idx.size()) + " trainings this school year share one cap, row " +
                       std::string(cap_row_names[static_cast<std::size_t>(row)]) +
                       " (a combination takes its own row, not the sum): " + types;
            });
        out.cap = bev_cap(R, bev_reg, row, coinciding, raised, bx, sy, out.why);
        std::vector<exact_minutes> counted, used(bev_idx.size());
        std::vector<fraction> shares;
        std::vector<minutes> granted(bev_idx.size());
        for (std::size_t i : bev_idx) {
            counted.push_back(out.trainings[i].counted);
            shares.push_back(employment_at(w.jobs, std::max(out.trainings[i].start, sy.first_day())).share);
        }
        param_use u_r, u_unit;
        const rounding mode = rounding_at(*R.bev_rounding, sy.first_day(), u_r);
        const auto unit = read<minutes>(*R.bev_rounding_unit, sy.first_day());
        bev_total = share_cap(exact_minutes::of(out.cap.cap), counted, shares, unit.value, mode, granted, used);
        exact_minutes unrounded{0, 1};
        for (std::size_t k = 0; k < bev_idx.size(); ++k) {
            auto& tr = out.trainings[bev_idx[k]];
            tr.used_of_cap = used[k];
            tr.granted = granted[k];
            unrounded = unrounded + used[k].times(pro_rata_share(shares[k]));
            if (used[k] < counted[k]) tr.reasons |= reason_capped;
        }
        out.why.add("leave.hours.pro_rata", [&] {
            return "min(counted hours, cap) x employment share = " + unrounded.hours_text() + " h, rounded " +
                   std::string(to_string(mode)) + " to " + hours_text(unit.value) + " h: " + hours_text(bev_total) + " h";
        }, {u_r, unit.use});
    }

    // 4. VOV: personal maximum x TWP, BEV hours of the same year deducted.
    for (std::size_t i : order) {
        const auto& tr = out.trainings[i];
        if (!tr.eligible || tr.reg != regime::vov) continue;
        (w.trainings[i].employer_proposed ? vov_emp_idx : vov_own_idx).push_back(i);
    }
    if (!vov_own_idx.empty() || !vov_emp_idx.empty()) {
        const fraction twp = vov_emp ? vov_emp->twp : out.share;
        vov_maximum m = vov_max(R, twp, w.vov_sanctioned, sy, out.why);
        if (m.employer.num == 0) {
            vov_own_idx.insert(vov_own_idx.end(), vov_emp_idx.begin(), vov_emp_idx.end());
            vov_emp_idx.clear();
        }
        const minutes bev_deduct = bev_total + w.bev_reimbursed_elsewhere;
        if (bev_deduct.count > 0) {
            m.own = max(exact_minutes{0, 1}, m.own - exact_minutes::of(bev_deduct));
            out.why.add("leave.vov.bev_deducted", [&] {
                return hours_text(bev_deduct) + " h of BEV reimbursed in the same school year are deducted: " +
                       m.own.hours_text() + " h left for VOV";
            });
        }
        out.vov = m;
        param_use u_r;
        const rounding mode = rounding_at(*R.vov_rounding, sy.first_day(), u_r);
        const auto unit = read<minutes>(*R.vov_rounding_unit, sy.first_day());
        for (auto* pool : {&vov_own_idx, &vov_emp_idx}) {
            if (pool->empty()) continue;
            const exact_minutes cap = pool == &vov_own_idx ? m.own : m.employer;
            std::vector<exact_minutes> counted, used(pool->size());
            std::vector<fraction> shares(pool->size(), fraction{1, 1});
            std::vector<minutes> granted(pool->size());
            for (std::size_t i : *pool) counted.push_back(out.trainings[i].counted);
            share_cap(cap, counted, shares, unit.value, mode, granted, used);
            for (std::size_t k = 0; k < pool->size(); ++k) {
                auto& tr = out.trainings[(*pool)[k]];
                tr.used_of_cap = used[k];
                tr.granted = granted[k];
                if (used[k] < counted[k]) tr.reasons |= reason_capped;
                tr.why.add("leave.vov.granted", [&] {
                    return "VOV hours: min(" + counted[k].hours_text() + " h counted, " + cap.hours_text() +
                           " h left of the maximum), rounded " + std::string(to_string(mode)) + ": " + hours_text(tr.granted) + " h";
                }, {u_r, unit.use});
            }
        }
        if (w.vov_sanctioned) {
            for (std::size_t i : vov_own_idx) out.trainings[i].reasons |= reason_vov_sanction;
        }
    }

    // 5. Leave taken, VOV diligence, money and dates.
    for (std::size_t i = 0; i < w.trainings.size(); ++i) {
        const auto& t = w.trainings[i];
        auto& tr = out.trainings[i];
        for (const auto& k : t.taken) {
            if (!year.contains(k.day)) continue;
            if (tr.reg != regime::vov && in_any(out.suspensions, k.day)) {
                tr.taken_refused += k.length;
                tr.reasons |= reason_suspended;
                tr.why.add("leave.absence.taken_in_suspension", [&] {
                    return hours_text(k.length) + " h of leave taken on " + to_iso(k.day) +
                           " fall in a suspension: not approved (hours taken before it stay acquired)";
                });
            } else {
                tr.taken += k.length;
            }
        }
        if (tr.reg == regime::vov) {
            param_use u_ex;
            const auto& exempt = ref<std::vector<std::string>>(*R.vov_diligence_exempt, sy.first_day(), u_ex);
            if (!listed(exempt, to_string(t.counting))) {
                param_use u_modes;
                const auto& modes = leave_modes(R, tr.reg, sy.first_day(), u_modes);
                minutes given{}, unjust{};
                for (const auto& [day, m] : given_by_day(t, modes))
                    if (year.contains(day)) given += m;
                explanation scratch(false);
                for (const auto& a : t.absences)
                    if (year.contains(a.day) && !is_justified(R, a, scratch)) unjust += a.length;
                param_use u_share;
                const bool too_much = more_than_share(R, unjust, given, sy.first_day(), &u_share);
                tr.diligent = !too_much;
                if (too_much) {
                    tr.reasons |= reason_not_diligent;
                    tr.sanction_next_right = tr.taken > tr.granted;
                }
                tr.why.add("leave.vov.diligence", [&] {
                    return hours_text(unjust) + " h unjustified absence of " + hours_text(given) + " h given in " + sy.name() +
                           (too_much ? ": more than allowed, not diligent" +
                                           std::string(tr.sanction_next_right ? "; more hours were taken than the right, so the next maximum loses the sanction share" : "")
                                     : ": diligent");
                }, {u_share, u_ex});
            } else {
                tr.why.add("leave.vov.diligence", [&] {
                    return "the yearly diligence rule does not apply to " + std::string(to_string(t.counting)) +
                           " (regular higher-education and adult-education programmes)";
                }, {u_ex});
            }
        }
        if (tr.reg != regime::none) {
            tr.money = reimburse(R, tr.reg, tr.granted, sy, tr.why);
            tr.dates = leave_deadlines(R, tr.reg, sy, tr.start, t.enrolled_on, w.new_job_on, tr.why);
        }
        out.granted_total += tr.granted;
        out.taken_total += tr.taken;
        out.reimbursement_total_cents += tr.money.amount_cents;
    }
    out.left = max(minutes{0}, out.granted_total - out.taken_total);
    if (const auto* v = R.wage_ceiling->at(sy.first_day())) {
        out.wage_ceiling = resolved<std::int64_t>{std::get<std::int64_t>(v->value), param_use{R.wage_ceiling, v}};
        if (w.monthly_wage_cents) {
            out.capped_monthly_wage_cents = std::min(*w.monthly_wage_cents, out.wage_ceiling->value);
            out.why.add("leave.money.wage_ceiling", [&] {
                return "monthly wage EUR " + format_scaled(*w.monthly_wage_cents, 2) + " capped at the ceiling EUR " +
                       format_scaled(out.wage_ceiling->value, 2) + " for leave hours";
            }, {out.wage_ceiling->use});
        }
    }
    return out;
}

}  // namespace edurules::leave
