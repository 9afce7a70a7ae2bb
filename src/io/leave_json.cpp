// JSON codec of the leave domain: decodes leave.* requests (workers, jobs,
// trainings, lessons, absences, leave taken) into plain C++ values, checks
// them naming the field, runs leave::evaluate and encodes the results.
// Request kinds: leave.evaluate (everything), leave.regime, leave.eligibility,
// leave.entitlement, leave.absence, leave.reimbursement, leave.deadlines
// (the same evaluation, each rendering its part). See
// schemas/leave.request.schema.json and schemas/leave.response.schema.json.
#include "edurules/io/leave_json.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "edurules/core/nearest.hpp"
#include "edurules/io/request.hpp"
#include "edurules/leave/evaluate.hpp"
#include "edurules/leave/facts.hpp"
#include "handlers.hpp"

namespace edurules::io::detail {

std::optional<int> clock_minutes(std::string_view s) {
    if (s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
        std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
        std::isdigit(static_cast<unsigned char>(s[4]))) {
        const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
        if ((h < 24 && m < 60) || (h == 24 && m == 0)) return h * 60 + m;
    }
    return std::nullopt;
}

namespace {

using namespace edurules::leave;

// ---- decoding --------------------------------------------------------------

// Bounds that keep exact arithmetic in range (minutes_per_week, max_minutes,
// max_count: leave/facts.hpp); physical, not legal, numbers.

std::optional<bool> opt_bool(const json& obj, std::string_view key, const path& p) {
    const json* j = find(obj, key);
    if (!j) return std::nullopt;
    return as_bool(*j, p / key);
}
std::int64_t opt_int(const json& obj, std::string_view key, const path& p, std::int64_t def) {
    const json* j = find(obj, key);
    if (!j) return def;
    const auto v = as_int(*j, p / key);
    if (v < 0) invalid(p / key, "cannot be negative: " + show(*j));
    if (v > max_count) invalid(p / key, "too large: " + show(*j));
    return v;
}
/// A duration given either as `<base>_minutes` (integer) or `<base>_hours` (exact decimal).
std::optional<minutes> opt_duration(const json& obj, const std::string& base, const path& p) {
    const json* m = find(obj, base + "_minutes");
    const json* h = find(obj, base + "_hours");
    if (m && h) invalid(p / (base + "_hours"), "give either " + base + "_minutes or " + base + "_hours, not both");
    const path where = m ? p / (base + "_minutes") : p / (base + "_hours");
    if (!m && !h) return std::nullopt;
    const minutes v = m ? as_minutes(*m, where) : as_hours(*h, where);
    // as_hours narrows minutes to 64 bits; an absurdly large value may wrap
    if (v.count < 0 || v.count > max_minutes) invalid(where, "too large: " + show(m ? *m : *h));
    return v;
}
minutes req_duration(const json& obj, const std::string& base, const path& p) {
    auto d = opt_duration(obj, base, p);
    if (!d) invalid(p / (base + "_minutes"), "missing (or give " + base + "_hours)");
    return *d;
}
int clock_time(const json& obj, std::string_view key, const path& p) {
    const std::string s = get_string(obj, key, p);
    if (auto m = clock_minutes(s)) return *m;
    invalid(p / key, "expected a clock time HH:MM, got " + show(json(s)));
}
template <class T, class Parse>
T parse_enum(const json& obj, std::string_view key, const path& p, T def, Parse&& parse, const char* allowed) {
    const json* j = find(obj, key);
    if (!j) return def;
    const std::string s = as_string(*j, p / key);
    auto v = parse(s);
    if (!v) invalid(p / key, "unknown value " + show(*j) + edurules::one_of(s, std::string_view(allowed)));
    return *v;
}

job decode_job(const json& j, const path& p) {
    require_object(j, p);
    require_known(j,
                  {"from", "to", "contract_per_week_hours", "contract_per_week_minutes", "full_time_per_week_hours",
                   "full_time_per_week_minutes", "schedule"},
                  p);
    job out;
    out.from = get_date(j, "from", p);
    out.to = opt_date(j, "to", p);
    if (out.to && *out.to < out.from) invalid(p / "to", "ends before it starts (" + to_iso(out.from) + ")");
    out.contract_minutes_per_week = req_duration(j, "contract_per_week", p).count;
    out.full_time_minutes_per_week = req_duration(j, "full_time_per_week", p).count;
    if (out.full_time_minutes_per_week <= 0) invalid(p / "full_time_per_week_minutes", "must be more than 0");
    for (const char* base : {"contract_per_week", "full_time_per_week"}) {
        const std::int64_t v = std::string_view(base) == "contract_per_week" ? out.contract_minutes_per_week
                                                                             : out.full_time_minutes_per_week;
        if (v > minutes_per_week)
            invalid(p / (std::string(base) + (find(j, std::string(base) + "_hours") ? "_hours" : "_minutes")),
                    "more than the " + std::to_string(minutes_per_week) + " minutes in a week");
    }
    if (out.contract_minutes_per_week > out.full_time_minutes_per_week)  // check_facts' job_above_full_time
        invalid(p / (find(j, "contract_per_week_hours") ? "contract_per_week_hours" : "contract_per_week_minutes"),
                "more than full time (" + std::to_string(out.full_time_minutes_per_week) + " minutes a week)");
    out.sched = parse_enum(
        j, "schedule", p, schedule::fixed,
        [](std::string_view s) -> std::optional<schedule> {
            if (s == "fixed") return schedule::fixed;
            if (s == "variable") return schedule::variable;
            return std::nullopt;
        },
        "fixed, variable");
    return out;
}

/// A training's "unit": clock_hours (default) or lesson_periods (true).
bool decode_lesson_periods(const json& j, const path& p) {
    const std::string unit = opt_string(j, "unit", p).value_or("clock_hours");
    if (unit != "clock_hours" && unit != "lesson_periods")
        invalid(p / "unit", "unknown value " + show(json(unit)) +
                                edurules::one_of(unit, std::string_view("clock_hours, lesson_periods")));
    return unit == "lesson_periods";
}

training decode_training(const json& j, const path& p) {
    require_object(j, p);
    require_known(
        j,
        {"id", "type", "coinciding_with_work", "raised_cap", "language_kind", "organisation", "unit", "start",
         "module_code", "provider", "recognised", "exams", "enrolled_on", "vov", "lessons", "absences", "leave_taken"},
        p);
    training t;
    t.id = get_string(j, "id", p);
    t.type = parse_enum(j, "type", p, training_type::professional, parse_training_type,
                        "professional, general, professional_general, academic, language, language_professional, "
                        "exam_board, competence_exam");
    if (!find(j, "type")) invalid(p / "type", "missing");
    t.coinciding = opt_bool(j, "coinciding_with_work", p).value_or(false);
    t.raised = parse_enum(j, "raised_cap", p, raise_reason::none, parse_raise_reason,
                          "none, shortage_occupation, basic_education, first_upper_secondary");
    if (auto s = opt_string(j, "language_kind", p)) t.language_kind = *s;
    t.org = parse_enum(
        j, "organisation", p, organisation::modular,  // default: see model.hpp
        [](std::string_view s) -> std::optional<organisation> {
            if (s == "school_year") return organisation::school_year;
            if (s == "modular") return organisation::modular;
            return std::nullopt;
        },
        "school_year, modular");
    t.lesson_periods = decode_lesson_periods(j, p);
    t.start = opt_date(j, "start", p);
    t.module_code = opt_string(j, "module_code", p);
    t.provider = opt_string(j, "provider", p);
    t.recognised = opt_bool(j, "recognised", p).value_or(true);
    t.exams = opt_int(j, "exams", p, 0);
    t.enrolled_on = opt_date(j, "enrolled_on", p);
    if (const json* v = find(j, "vov")) {
        const path vp = p / "vov";
        require_object(*v, vp);
        require_known(*v,
                      {"counting", "credits", "graduate", "exam_contract", "competences", "exams", "employer_proposed",
                       "career_oriented", "career_attest_date", "final_assessment"},
                      vp);
        t.counting = parse_enum(*v, "counting", vp, vov_counting::attended_hours, parse_vov_counting,
                                "attended_hours, credits, planned_lesson_periods, exams, competences");
        t.credits = opt_int(*v, "credits", vp, 0);
        t.graduate = opt_bool(*v, "graduate", vp).value_or(false);
        t.exam_contract = opt_bool(*v, "exam_contract", vp).value_or(false);
        t.competences = opt_int(*v, "competences", vp, 0);
        if (find(*v, "exams")) t.exams = opt_int(*v, "exams", vp, 0);
        t.employer_proposed = opt_bool(*v, "employer_proposed", vp).value_or(false);
        t.career_oriented = opt_bool(*v, "career_oriented", vp).value_or(false);
        t.career_attest_date = opt_date(*v, "career_attest_date", vp);
        t.assessment = parse_enum(*v, "final_assessment", vp, final_assessment::not_yet, parse_final_assessment,
                                  "not_yet, taken, missed_justified, missed");
    }
    // lessons: times, end after start, no overlaps
    if (const json* ls = find(j, "lessons")) {
        const path lp = p / "lessons";
        require_array(*ls, lp);
        for (std::size_t i = 0; i < ls->size(); ++i) {
            const json& l = (*ls)[i];
            const path ip = lp[i];
            require_object(l, ip);
            require_known(l, {"date", "start", "end", "mode", "cancelled", "coinciding_with_work"}, ip);
            lesson x;
            x.day = get_date(l, "date", ip);
            x.start = clock_time(l, "start", ip);
            x.end = clock_time(l, "end", ip);
            x.mode = parse_enum(l, "mode", ip, lesson_mode::contact, parse_lesson_mode,
                                "contact, live_online, distance, internship, thesis, coaching");
            x.cancelled = opt_bool(l, "cancelled", ip).value_or(false);
            x.coinciding = opt_bool(l, "coinciding_with_work", ip).value_or(t.coinciding);
            t.lessons.push_back(x);
        }
    }
    // absences (leave::check_facts refuses those on days without lessons or
    // longer than the day's lessons; no length = the day's lessons)
    if (const json* as = find(j, "absences")) {
        const path ap = p / "absences";
        require_array(*as, ap);
        for (std::size_t i = 0; i < as->size(); ++i) {
            const json& a = (*as)[i];
            const path ip = ap[i];
            require_object(a, ip);
            require_known(a, {"date", "absent_minutes", "absent_hours", "reason", "employer_declared_on", "holiday"},
                          ip);
            absence x;
            x.day = get_date(a, "date", ip);
            x.length = opt_duration(a, "absent", ip).value_or(facts_detail::given_on(t, x.day));
            x.reason = get_string(a, "reason", ip);  // required: no reason is not "unjustified"
            x.employer_declared_on = opt_date(a, "employer_declared_on", ip);
            if (const json* h = find(a, "holiday")) {
                const path hp = ip / "holiday";
                require_object(*h, hp);
                require_known(*h, {"from", "to"}, hp);
                const period hol{get_date(*h, "from", hp), get_date(*h, "to", hp)};
                x.holiday = hol;
            }
            t.absences.push_back(std::move(x));
        }
    }
    if (const json* ks = find(j, "leave_taken")) {
        const path kp = p / "leave_taken";
        require_array(*ks, kp);
        for (std::size_t i = 0; i < ks->size(); ++i) {
            const json& k = (*ks)[i];
            require_object(k, kp[i]);
            require_known(k, {"date", "leave_minutes", "leave_hours"}, kp[i]);
            t.taken.push_back(leave_taken{get_date(k, "date", kp[i]), req_duration(k, "leave", kp[i])});
        }
    }
    return t;
}

worker decode_worker(const json& j, const path& p) {
    require_object(j, p);
    require_known(j,
                  {"id", "establishment_unit", "head_office_region", "residence_region", "sector", "jobs",
                   "passed_modules", "at_most_upper_secondary", "vov_sanctioned", "bev_reimbursed_elsewhere_minutes",
                   "bev_reimbursed_elsewhere_hours", "monthly_wage", "new_job_on", "trainings", "school_year"},
                  p);
    worker w;
    w.id = get_string(j, "id", p);
    // The region is the establishment unit's (DmfA): residence and head office do not count.
    const json& eu = member(j, "establishment_unit", p);
    require_object(eu, p / "establishment_unit");
    require_known(eu, {"region"}, p / "establishment_unit");
    const std::string rg = get_string(eu, "region", p / "establishment_unit");
    auto r = parse_region(rg);
    if (!r)
        invalid(p / "establishment_unit" / "region",
                "unknown region " + show(json(rg)) +
                    edurules::one_of(rg, std::string_view("flanders, brussels, wallonia")));
    w.reg = *r;
    for (const char* key : {"head_office_region", "residence_region"}) {
        if (auto s = opt_string(j, key, p)) {
            auto other = parse_region(*s);
            if (!other)
                invalid(p / key, "unknown region " + show(json(*s)) +
                                     edurules::one_of(*s, std::string_view("flanders, brussels, wallonia")));
            (std::string_view(key) == "head_office_region" ? w.head_office : w.residence) = other;
        }
    }
    w.sector = opt_string(j, "sector", p).value_or("private");
    const json& js = member(j, "jobs", p);
    require_array(js, p / "jobs");
    for (std::size_t i = 0; i < js.size(); ++i) w.jobs.push_back(decode_job(js[i], (p / "jobs")[i]));
    if (const json* pm = find(j, "passed_modules")) {
        require_array(*pm, p / "passed_modules");
        for (std::size_t i = 0; i < pm->size(); ++i)
            w.passed_modules.push_back(as_string((*pm)[i], (p / "passed_modules")[i]));
    }
    w.at_most_upper_secondary = opt_bool(j, "at_most_upper_secondary", p).value_or(false);
    w.vov_sanctioned = opt_bool(j, "vov_sanctioned", p).value_or(false);
    w.bev_reimbursed_elsewhere = opt_duration(j, "bev_reimbursed_elsewhere", p).value_or(minutes{0});
    if (w.bev_reimbursed_elsewhere.count > max_minutes) invalid(p / "bev_reimbursed_elsewhere_minutes", "too large");
    if (const json* mw = find(j, "monthly_wage")) {
        const decimal wage = as_decimal(*mw, p / "monthly_wage");
        const auto cents = wage_in_cents(wage);
        if (!cents) {
            const bool amount = wage.in_scale(2) && !wage.is_negative();  // then it is the bound that refuses it
            invalid(p / "monthly_wage", amount ? "too large: at most " + format_scaled(max_minutes, 2)
                                               : std::string("expected a non-negative amount with at most 2 decimals"));
        }
        w.monthly_wage_cents = *cents;
    }
    w.new_job_on = opt_date(j, "new_job_on", p);
    const json& ts = member(j, "trainings", p);
    require_array(ts, p / "trainings");
    for (std::size_t i = 0; i < ts.size(); ++i) {
        w.trainings.push_back(decode_training(ts[i], (p / "trainings")[i]));
        for (std::size_t k = 0; k < i; ++k)
            if (w.trainings[k].id == w.trainings[i].id)
                invalid((p / "trainings")[i] / "id", "duplicate training id " + show(json(w.trainings[i].id)));
    }
    return w;
}

// ---- encoding --------------------------------------------------------------
// Written with json_writer, members in nlohmann's order (sorted by name).

void write_minutes(json_writer& w, minutes m) {
    w.begin_object().member("hours", hours_decimal(m)).member("minutes", m.count).end_object();
}
void write_money(json_writer& w, std::int64_t cents) { w.value(format_scaled(cents, 2)); }
/// An exact (rational) number of minutes: numerator / denominator, and hours to 4 decimals for display.
void write_exact(json_writer& w, const exact_minutes& m) {
    w.begin_object()
        .member("hours", m.hours_decimal())
        .member("minutes_denominator", static_cast<std::int64_t>(m.den))
        .member("minutes_numerator", static_cast<std::int64_t>(m.num))
        .end_object();
}
void write_span(json_writer& w, const period& p) {
    w.begin_object().member("from", p.first).member("to", p.last).end_object();
}

void write_reasons(json_writer& w, const rules& R, const training_result& t, const worker_result& wr, date on) {
    w.begin_array();
    for (std::size_t b = 0; b < reason_codes.size(); ++b) {
        const unsigned bit = 1u << b;
        if (!(t.reasons & bit)) continue;
        // a missing parameter: name it and the date it was needed for
        const parameter* missing = nullptr;
        date at = on;
        if (bit == reason_no_rate_for_date && t.money.missing) missing = t.money.missing, at = t.money.missing_on;
        if (bit == reason_no_wage_ceiling_for_date && wr.wage_ceiling_missing_on)
            missing = R.wage_ceiling, at = *wr.wage_ceiling_missing_on;
        w.begin_object().member("code", reason_codes[b]).member("on", at);
        if (missing) w.member("parameter", missing->name);
        if (bit == reason_suspended || bit == reason_suspension_triggered) {
            w.key("suspensions").begin_array();
            for (const auto& s : wr.suspensions) write_span(w, s.window);
            w.end_array();
        }
        w.member("text", reason_text(R, bit, on)).end_object();
    }
    w.end_array();
}

void write_hours(json_writer& w, const training_result& t) {
    w.begin_object();
    write_minutes(w.key("attended"), t.attended);
    write_minutes(w.key("attended_all"), t.attended_all);
    write_minutes(w.key("contact_for_minimum"), t.contact_for_minimum);
    write_exact(w.key("counted"), t.counted);
    w.member("counted_hours", t.counted.hours_decimal());
    write_minutes(w.key("excluded_after_bev_end"), t.excluded_after_bev_end);
    write_minutes(w.key("excluded_in_suspension"), t.excluded_suspended);
    write_minutes(w.key("excluded_without_employment"), t.excluded_no_employment);
    write_minutes(w.key("granted"), t.granted);
    write_exact(w.key("granted_before_rounding"), t.granted_exact);
    w.member("pro_rata_share", t.pro_rata.to_string());
    write_minutes(w.key("taken"), t.taken);
    write_minutes(w.key("taken_refused"), t.taken_refused);
    w.end_object();
}

void write_attendance(json_writer& w, const training_result& t, const worker_result& wr, std::size_t index) {
    w.begin_object().key("certificate_periods").begin_array();
    for (const auto& c : wr.certificates_of(index)) {
        w.begin_object().member("from", c.span.first);
        write_minutes(w.key("given"), c.given);
        write_minutes(w.key("justified"), c.justified);
        w.member("suspends", c.triggers_suspension).member("to", c.span.last);
        write_minutes(w.key("unjustified"), c.unjustified);
        w.end_object();
    }
    w.end_array();
    w.member("diligent", t.diligent).member("sanction_next_right", t.sanction_next_right).end_object();
}

void write_reimbursement(json_writer& w, const training_result& t, const worker_result& wr, std::size_t index) {
    const bool known = t.money.known();
    w.begin_object().key("amount");
    known ? write_money(w, t.money.amount_cents) : void(w.null());
    write_minutes(w.key("approved"), t.granted);
    w.member("currency", "EUR").key("rate_per_hour");
    known ? write_money(w, t.money.rate_cents) : void(w.null());
    w.key("rates").begin_array();  // each rate applied, the part of the year it covered and its leave
    for (const auto& rp : wr.rates_of(index)) {
        w.begin_object();
        write_exact(w.key("approved"), rp.approved);
        write_minutes(w.key("attended"), rp.attended);
        w.member("from", rp.span.first).member("parameter", rp.param->name).key("rate_per_hour");
        rp.version ? write_money(w, rp.rate_cents) : void(w.null());
        w.member("to", rp.span.last).end_object();
    }
    w.end_array().end_object();
}

void write_training(json_writer& w, const rules& R, std::size_t index, const worker_result& wr, std::string_view kind,
                    const rulebook& rb, bool explain) {
    const training_result& t = wr.trainings[index];
    const bool all = kind == "leave.evaluate";
    w.begin_object();
    if (all || kind == "leave.absence") write_attendance(w.key("attendance"), t, wr, index);
    if ((all || kind == "leave.deadlines") && t.reg != regime::none)
        w.key("deadlines")
            .begin_object()
            .member("claim_from", t.dates.claim_from)
            .member("claim_until", t.dates.claim_until)
            .member("enrolment_certificate", t.dates.enrolment_certificate)
            .end_object();
    if (all || kind != "leave.regime") w.member("eligible", t.eligible);
    if (explain) write_explanation(w.key("explanation"), t.why, rb);
    if (all || kind == "leave.entitlement") write_hours(w.key("hours"), t);
    w.member("id", t.id);
    if (all || kind == "leave.eligibility" || kind == "leave.entitlement") {
        // the trainings combined with it to reach the minimum contact time
        w.key("module_combination").begin_object().key("combined_with").begin_array();
        for (std::size_t k : wr.combined_of(index)) w.value(wr.trainings[k].id);
        w.end_array().end_object();
    }
    write_reasons(w.key("reasons"), R, t, wr, t.decided_on.is_special() ? t.start : t.decided_on);
    w.member("regime", to_string(t.reg));
    if (all || kind == "leave.reimbursement") write_reimbursement(w.key("reimbursement"), t, wr, index);
    w.member("start", t.start).end_object();
}

/// The worker's members from "cap" to "employment_shares" (entitlement and shares).
void write_worker_head(json_writer& w, const worker_result& x, bool entitlement, bool reimbursement) {
    if (entitlement && x.cap.found) {
        w.key("cap").begin_object();
        write_minutes(w.key("full_time"), x.cap.cap);
        w.key("parameter");
        x.cap.use.param ? void(w.value(x.cap.use.param->name)) : void(w.null());
        w.member("row", cap_row_names[static_cast<std::size_t>(x.cap.row)])
            .member("variant", cap_variant_names[static_cast<std::size_t>(x.cap.variant)])
            .end_object();
    }
    if (reimbursement && x.capped_monthly_wage_cents)
        write_money(w.key("capped_monthly_wage"), *x.capped_monthly_wage_cents);
    w.member("employment_percent", x.share.percent()).member("employment_share", x.share.to_string());
    // the share used for each purpose, named: BEV pro rata and eligibility use the share on the day a
    // training is judged (reformed Brussels: of the reference or fallback month), or, where the employment
    // changes during the school year, the periods weighed (classic BEV, wal.cep.faq): each training's
    // `pro_rata_share` says which; the VOV maximum uses the TWP of the reference (or fallback) month
    w.key("employment_shares").begin_object().member("at_first_training_start", x.share.to_string());
    w.key("vov_reference_month");
    x.vov_twp ? void(w.value(x.vov_twp->to_string())) : void(w.null());
    w.member("vov_reference_month_from", x.vov_reference_day).end_object();
}

void write_worker(json_writer& w, const worker_result& x, std::string_view kind, const rules& lr, const rulebook& rb,
                  bool explain) {
    const bool all = kind == "leave.evaluate";
    const bool entitlement = all || kind == "leave.entitlement", absence = all || kind == "leave.absence",
               reimbursement = all || kind == "leave.reimbursement";
    w.begin_object();
    write_worker_head(w, x, entitlement, reimbursement);
    if (explain) write_explanation(w.key("explanation"), x.why, rb);
    if (entitlement) write_minutes(w.key("granted"), x.granted_total);
    w.member("id", x.id);
    if (entitlement) write_minutes(w.key("left"), x.left);
    w.member("region", to_string(x.reg));
    if (reimbursement) {  // null when a training's amount is unknown (its reason says why)
        w.key("reimbursement_total");
        if (x.reimbursement_total_known())
            write_money(w, x.reimbursement_total_cents);
        else
            w.null();
    }
    w.member("school_year", x.year.name());
    if (absence) {
        w.key("suspensions").begin_array();
        for (const auto& s : x.suspensions) {
            write_span(w.begin_object().key("certificate_period"), s.certificate);
            w.member("from", s.window.first);
            write_minutes(w.key("given"), s.given);
            w.member("to", s.window.last).member("training", x.trainings[s.training].id);
            write_minutes(w.key("unjustified"), s.unjustified);
            w.end_object();
        }
        w.end_array();
    }
    if (entitlement) write_minutes(w.key("taken"), x.taken_total);
    w.key("trainings").begin_array();
    for (std::size_t i = 0; i < x.trainings.size(); ++i) write_training(w, lr, i, x, kind, rb, explain);
    w.end_array();
    if (entitlement && x.vov)
        w.key("vov_maximum")
            .begin_object()
            .member("employer_proposed_hours", x.vov->employer.hours_decimal())
            .member("own_hours", x.vov->own.hours_decimal())
            .end_object();
    if (reimbursement) {
        w.key("wage_ceiling_monthly");
        x.wage_ceiling ? write_money(w, x.wage_ceiling->value) : void(w.null());
        w.key("wage_ceilings").begin_array();  // every ceiling in force during the school year (2022-2023 has two)
        for (const auto& c : x.wage_ceilings) {
            write_money(w.begin_object().key("amount"), c.cents);
            write_exact(w.key("approved"), c.approved);
            if (c.capped_wage_cents) write_money(w.key("capped_monthly_wage"), *c.capped_wage_cents);
            w.member("from", c.span.first).member("to", c.span.last).end_object();
        }
        w.end_array();
    }
    w.end_object();
}

}  // namespace

}  // namespace edurules::io::detail

namespace edurules::io {

namespace {
using namespace edurules::leave;
constexpr std::string_view leave_kinds[] = {"leave.evaluate",    "leave.regime",  "leave.eligibility",
                                            "leave.entitlement", "leave.absence", "leave.reimbursement",
                                            "leave.deadlines"};

/// Runs `body` for worker `i`: an error that does not name its record yet
/// gets `i` as its record (edr_error.record, the CLI's and Python's row), as
/// the PE participants' errors do.
template <class F>
void at_record(std::size_t i, F&& body) {
    try {
        body();
    } catch (const error& e) {
        if (e.record() >= 0) throw;
        throw error(e.code(), e.field(), e.message(), static_cast<std::int64_t>(i), e.offset());
    }
}

school_year decode_school_year(const json& j, std::string_view key, const path& p) {
    const std::string text = get_string(j, key, p);
    const auto sy = school_year::parse(text);
    if (!sy) invalid(p / key, "expected a school year like \"2020-2021\", got " + show(json(text)));
    return *sy;
}

/// The domain's facts checks on a decoded worker, reported at its JSON path.
void check_worker_facts(const rules& R, const worker& w, const json& j, const path& p) {
    facts_error e = check_facts(w);
    if (!e) e = check_words(R, w, w.trainings);
    if (!e) return;
    path at = p;
    if (e.training != facts_error::no_training) at = (at / "trainings")[e.training];
    if (*e.collection) at = (at / e.collection)[e.item];
    std::string field = e.field;
    const json& ts = j["trainings"];
    if (field == "leave_minutes" && find(ts[e.training]["leave_taken"][e.item], "leave_hours")) field = "leave_hours";
    std::string msg = describe(w.trainings, e);
    if (const parameter* words = words_of(R, e.problem)) {  // sector, language_kind: as a closed code is refused
        const std::string& value =
            e.problem == facts_problem::unknown_sector ? w.sector : w.trainings[e.training].language_kind;
        msg = unknown_word_message(*words, value);
    }
    if (e.problem == facts_problem::unknown_absence_reason) {
        param_use u;
        const auto& known =
            ref<std::vector<std::string>>(*R.absence_reasons, w.trainings[e.training].absences[e.item].day, u);
        std::string names;
        for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
        msg += did_you_mean(w.trainings[e.training].absences[e.item].reason, known) + "; one of " + names +
               " (leave.absence.reasons)";
    }
    invalid(at / field, msg);
}

leave_request decode_request(const engine& e, const json& request, std::string_view kind) {
    if (std::find(std::begin(leave_kinds), std::end(leave_kinds), kind) == std::end(leave_kinds))
        invalid(path("kind"),
                "unknown leave request kind \"" + std::string(kind) + "\"" + edurules::one_of(kind, leave_kinds));
    const path root;
    leave_request r;
    require_known(request, {"schema_version", "kind", "school_year", "explain", "workers"}, root);
    r.kind = std::string(kind);
    r.year = decode_school_year(request, "school_year", root);
    const std::optional<bool> explain = detail::opt_bool(request, "explain", root);
    r.explain = explain.value_or(true);
    r.explain_given = explain.has_value();
    const json& ws = member(request, "workers", root);
    require_array(ws, root / "workers");
    std::set<std::pair<std::string, int>> seen;  // a worker appears once per school year (F6)
    for (std::size_t i = 0; i < ws.size(); ++i) {
        at_record(i, [&] {
            const path wp = (root / "workers")[i];
            r.workers.push_back(detail::decode_worker(ws[i], wp));
            check_worker_facts(e.leave(), r.workers.back(), ws[i], wp);
            r.years.push_back(find(ws[i], "school_year") ? decode_school_year(ws[i], "school_year", wp) : r.year);
            if (!seen.emplace(r.workers.back().id, r.years.back().start_year()).second)
                invalid(wp / "id", "worker " + show(json(r.workers.back().id)) + " appears twice for school year " +
                                       r.years.back().name());
        });
    }
    return r;
}

void write_result(json_writer& w, const engine& e, const leave_request& r, const std::vector<worker_result>& results) {
    w.begin_object().member("school_year", r.year.name()).key("workers").begin_array();
    for (const auto& x : results) detail::write_worker(w, x, r.kind, e.leave(), e.book(), r.explain);
    w.end_array().end_object();
}
}  // namespace

leave_request parse_leave_request(const engine& e, std::string_view json_text, std::string_view default_kind,
                                  const std::optional<std::string>& school_year) {
    json req = parse_json(json_text, "request");
    if (!req.is_object()) invalid(path(), "expected a JSON object (a leave request)");
    check_schema_version(req, request_schema_version, path());
    if (school_year) req["school_year"] = *school_year;
    const std::string kind = find(req, "kind") ? get_string(req, "kind", path()) : std::string(default_kind);
    return decode_request(e, req, kind);
}

std::vector<worker_result> evaluate_leave(const engine& e, const leave_request& r, bool explain) {
    std::vector<worker_result> out;
    out.reserve(r.workers.size());
    for (std::size_t i = 0; i < r.workers.size(); ++i)
        at_record(i, [&] { out.push_back(leave::evaluate(e.leave(), r.workers[i], r.years[i], explain)); });
    return out;
}

std::string leave_response_json(const engine& e, const leave_request& r, const std::vector<worker_result>& results) {
    std::string out;
    json_writer w(out, 2);
    w.begin_object().member("kind", r.kind).key("result");
    write_result(w, e, r, results);
    w.member("schema_version", request_schema_version).end_object();
    w.finish();
    return out;
}

namespace detail {

leave_request decode_leave_request(const engine& e, const json& request, std::string_view kind) {
    return decode_request(e, request, kind);
}

void write_leave_result(json_writer& w, const engine& e, const leave_request& r) {
    write_result(w, e, r, evaluate_leave(e, r, r.explain));
}

}  // namespace detail
}  // namespace edurules::io
