// The C shim of the leave v2 batch (edr_leave_facts_batch) and of the names
// of every leave code a batch returns. The C arrays become the spans of
// leave::facts_columns untouched (the pinned C codes equal the C++ ones,
// checked below); only the name tables of text columns are viewed once per
// call. Decides nothing: leave::leave_facts_batch does.
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "capi_internal.hpp"
#include "edurules/leave/columns.hpp"

using namespace edurules;
using namespace edurules::capi;

// ---- the C constants are the C++ values ------------------------------------
static_assert(EDR_LEAVE_ROW_BAD_OFFSETS == static_cast<int>(leave::batch_bad_offsets));
static_assert(EDR_LEAVE_ROW_BAD_FACTS == static_cast<int>(leave::batch_bad_facts));
static_assert(EDR_LEAVE_LESSON_CONTACT == static_cast<int>(leave::lesson_mode::contact));
static_assert(EDR_LEAVE_LESSON_LIVE_ONLINE == static_cast<int>(leave::lesson_mode::live_online));
static_assert(EDR_LEAVE_LESSON_DISTANCE == static_cast<int>(leave::lesson_mode::distance));
static_assert(EDR_LEAVE_LESSON_INTERNSHIP == static_cast<int>(leave::lesson_mode::internship));
static_assert(EDR_LEAVE_LESSON_THESIS == static_cast<int>(leave::lesson_mode::thesis));
static_assert(EDR_LEAVE_LESSON_COACHING == static_cast<int>(leave::lesson_mode::coaching));
static_assert(EDR_LEAVE_RAISED_NONE == static_cast<int>(leave::raise_reason::none));
static_assert(EDR_LEAVE_RAISED_SHORTAGE_OCCUPATION == static_cast<int>(leave::raise_reason::shortage_occupation));
static_assert(EDR_LEAVE_RAISED_BASIC_EDUCATION == static_cast<int>(leave::raise_reason::basic_education));
static_assert(EDR_LEAVE_RAISED_FIRST_UPPER_SECONDARY == static_cast<int>(leave::raise_reason::first_upper_secondary));
static_assert(EDR_LEAVE_COUNTING_ATTENDED_HOURS == static_cast<int>(leave::vov_counting::attended_hours));
static_assert(EDR_LEAVE_COUNTING_CREDITS == static_cast<int>(leave::vov_counting::credits));
static_assert(EDR_LEAVE_COUNTING_PLANNED_LESSON_PERIODS ==
              static_cast<int>(leave::vov_counting::planned_lesson_periods));
static_assert(EDR_LEAVE_COUNTING_EXAMS == static_cast<int>(leave::vov_counting::exams));
static_assert(EDR_LEAVE_COUNTING_COMPETENCES == static_cast<int>(leave::vov_counting::competences));
static_assert(EDR_LEAVE_ASSESSMENT_NOT_YET == static_cast<int>(leave::final_assessment::not_yet));
static_assert(EDR_LEAVE_ASSESSMENT_TAKEN == static_cast<int>(leave::final_assessment::taken));
static_assert(EDR_LEAVE_ASSESSMENT_MISSED_JUSTIFIED == static_cast<int>(leave::final_assessment::missed_justified));
static_assert(EDR_LEAVE_ASSESSMENT_MISSED == static_cast<int>(leave::final_assessment::missed));
static_assert(EDR_LEAVE_FACTS_NONE == static_cast<int>(leave::facts_problem::none));
static_assert(EDR_LEAVE_FACTS_LESSON_TIMES == static_cast<int>(leave::facts_problem::lesson_times));
static_assert(EDR_LEAVE_FACTS_LESSON_OVERLAP == static_cast<int>(leave::facts_problem::lesson_overlap));
static_assert(EDR_LEAVE_FACTS_ABSENCE_NO_LESSON == static_cast<int>(leave::facts_problem::absence_no_lesson));
static_assert(EDR_LEAVE_FACTS_ABSENCE_TOO_LONG == static_cast<int>(leave::facts_problem::absence_too_long));
static_assert(EDR_LEAVE_FACTS_HOLIDAY_SPAN == static_cast<int>(leave::facts_problem::holiday_span));
static_assert(EDR_LEAVE_FACTS_TAKEN_TOO_LONG == static_cast<int>(leave::facts_problem::taken_too_long));
static_assert(EDR_LEAVE_FACTS_NO_START == static_cast<int>(leave::facts_problem::no_start));
static_assert(EDR_LEAVE_FACTS_JOB_MINUTES == static_cast<int>(leave::facts_problem::job_minutes));
static_assert(EDR_LEAVE_FACTS_JOB_DATES == static_cast<int>(leave::facts_problem::job_dates));
static_assert(EDR_LEAVE_FACTS_DURATION_TOO_LARGE == static_cast<int>(leave::facts_problem::duration_too_large));
static_assert(EDR_LEAVE_FACTS_COUNT_OUT_OF_RANGE == static_cast<int>(leave::facts_problem::count_out_of_range));
static_assert(EDR_LEAVE_FACTS_UNKNOWN_ABSENCE_REASON == static_cast<int>(leave::facts_problem::unknown_absence_reason));
static_assert(EDR_LEAVE_FACTS_DATE_TOO_LATE == static_cast<int>(leave::facts_problem::date_too_late));
static_assert(EDR_LEAVE_FACTS_UNKNOWN_SECTOR == static_cast<int>(leave::facts_problem::unknown_sector));
static_assert(EDR_LEAVE_FACTS_UNKNOWN_LANGUAGE_KIND == static_cast<int>(leave::facts_problem::unknown_language_kind));
static_assert(EDR_LEAVE_FACTS_EMPLOYMENT_TOO_FINE == static_cast<int>(leave::facts_problem::employment_too_fine));
static_assert(EDR_LEAVE_FACTS_JOB_ABOVE_FULL_TIME == static_cast<int>(leave::facts_problem::job_above_full_time));
static_assert(EDR_LEAVE_FACTS_JOB_ABOVE_FULL_TIME == static_cast<int>(leave::last_facts_problem));
static_assert(EDR_LEAVE_REASON_BITS == leave::reason_codes.size());
static_assert(EDR_NO_DAY == no_day);

namespace {

/// Offsets of `owners` + 1 values (NULL when not required: no items at all).
std::span<const std::int64_t> offsets(const std::int64_t* p, std::size_t owners, std::size_t items, const char* field,
                                      bool required) {
    if (!p && (required || items > 0))
        throw_invalid_argument(field, "must not be NULL (" + std::to_string(owners + 1) + " values)");
    return p ? std::span<const std::int64_t>(p, owners + 1) : std::span<const std::int64_t>{};
}

/// The name views of a text column (kept alive by the caller for the call).
struct text_views {
    std::vector<std::string_view> names;
    leave::text_column view(const edr_leave_text_column& c, std::size_t n, const char* field) {
        if (!c.codes) return {};
        if (c.name_count > 0 && !c.names)
            throw_invalid_argument(std::string(field) + ".names",
                                   "must not be NULL (" + std::to_string(c.name_count) + " names)");
        check_count(c.name_count, field);
        names.resize(c.name_count);
        for (std::size_t i = 0; i < c.name_count; ++i) {
            const std::string field_i = std::string(field) + ".names[" + std::to_string(i) + "]";
            names[i] = cstr_arg(c.names[i], field_i.c_str());
        }
        return {std::span<const std::int32_t>(c.codes, n), names};
    }
};

struct name_tables {
    text_views sector, passed, language, module, provider, reason;
};

void worker_columns(const edr_leave_facts& f, leave::facts_columns& c, name_tables& t) {
    const std::size_t W = f.workers;
    c.workers = W;
    c.region = column(f.region, W, "facts.region", true);
    c.school_year = column(f.school_year, W, "facts.school_year", true);
    c.sector = t.sector.view(f.sector, W, "facts.sector");
    c.at_most_upper_secondary = column(f.at_most_upper_secondary, W, "facts.at_most_upper_secondary", false);
    c.vov_sanctioned = column(f.vov_sanctioned, W, "facts.vov_sanctioned", false);
    c.bev_reimbursed_elsewhere_minutes =
        column(f.bev_reimbursed_elsewhere_minutes, W, "facts.bev_reimbursed_elsewhere_minutes", false);
    c.monthly_wage_cents = column(f.monthly_wage_cents, W, "facts.monthly_wage_cents", false);
    c.new_job_on = column(f.new_job_on, W, "facts.new_job_on", false);
    c.passed_offsets = offsets(f.passed_offsets, W, f.passed, "facts.passed_offsets", false);
    c.passed_modules = t.passed.view(f.passed_modules, f.passed, "facts.passed_modules");
    if (f.passed > 0 && !f.passed_modules.codes)
        throw_invalid_argument("facts.passed_modules.codes",
                               "must not be NULL (" + std::to_string(f.passed) + " values)");
    const std::size_t J = f.jobs;
    c.job_offsets = offsets(f.job_offsets, W, J, "facts.job_offsets", true);
    c.job_from = column(f.job_from, J, "facts.job_from", true);
    c.job_to = column(f.job_to, J, "facts.job_to", false);
    c.job_contract_minutes = column(f.job_contract_minutes, J, "facts.job_contract_minutes", true);
    c.job_full_time_minutes = column(f.job_full_time_minutes, J, "facts.job_full_time_minutes", true);
    c.job_variable_schedule = column(f.job_variable_schedule, J, "facts.job_variable_schedule", false);
}

void training_columns(const edr_leave_facts& f, leave::facts_columns& c, name_tables& t) {
    const std::size_t T = f.trainings;
    c.training_offsets = offsets(f.training_offsets, f.workers, T, "facts.training_offsets", true);
    c.training_type = column(f.training_type, T, "facts.training_type", true);
    c.training_start = column(f.training_start, T, "facts.training_start", false);
    c.coinciding = column(f.coinciding, T, "facts.coinciding", false);
    c.raised = column(f.raised, T, "facts.raised", false);
    c.language_kind = t.language.view(f.language_kind, T, "facts.language_kind");
    c.organisation = column(f.organisation, T, "facts.organisation", false);
    c.lesson_periods = column(f.lesson_periods, T, "facts.lesson_periods", false);
    c.module_code = t.module.view(f.module_code, T, "facts.module_code");
    if (f.version >= 2) c.provider = t.provider.view(f.provider, T, "facts.provider");  // version 2 member
    c.recognised = column(f.recognised, T, "facts.recognised", false);
    c.exams = column(f.exams, T, "facts.exams", false);
    c.counting = column(f.counting, T, "facts.counting", false);
    c.credits = column(f.credits, T, "facts.credits", false);
    c.graduate = column(f.graduate, T, "facts.graduate", false);
    c.exam_contract = column(f.exam_contract, T, "facts.exam_contract", false);
    c.competences = column(f.competences, T, "facts.competences", false);
    c.employer_proposed = column(f.employer_proposed, T, "facts.employer_proposed", false);
    c.career_oriented = column(f.career_oriented, T, "facts.career_oriented", false);
    c.career_attest_day = column(f.career_attest_day, T, "facts.career_attest_day", false);
    c.assessment = column(f.assessment, T, "facts.assessment", false);
    c.enrolled_on = column(f.enrolled_on, T, "facts.enrolled_on", false);
}

void item_columns(const edr_leave_facts& f, leave::facts_columns& c, name_tables& t) {
    const std::size_t T = f.trainings, L = f.lessons, A = f.absences, K = f.taken;
    c.lesson_offsets = offsets(f.lesson_offsets, T, L, "facts.lesson_offsets", false);
    c.lesson_day = column(f.lesson_day, L, "facts.lesson_day", true);
    c.lesson_start = column(f.lesson_start, L, "facts.lesson_start", true);
    c.lesson_end = column(f.lesson_end, L, "facts.lesson_end", true);
    c.lesson_mode = column(f.lesson_mode, L, "facts.lesson_mode", false);
    c.lesson_cancelled = column(f.lesson_cancelled, L, "facts.lesson_cancelled", false);
    c.lesson_coinciding = column(f.lesson_coinciding, L, "facts.lesson_coinciding", false);
    c.absence_offsets = offsets(f.absence_offsets, T, A, "facts.absence_offsets", false);
    c.absence_day = column(f.absence_day, A, "facts.absence_day", true);
    c.absence_minutes = column(f.absence_minutes, A, "facts.absence_minutes", true);
    c.absence_reason = t.reason.view(f.absence_reason, A, "facts.absence_reason");
    c.absence_employer_declared_on =
        column(f.absence_employer_declared_on, A, "facts.absence_employer_declared_on", false);
    c.absence_holiday_from = column(f.absence_holiday_from, A, "facts.absence_holiday_from", false);
    c.absence_holiday_to = column(f.absence_holiday_to, A, "facts.absence_holiday_to", false);
    c.taken_offsets = offsets(f.taken_offsets, T, K, "facts.taken_offsets", false);
    c.taken_day = column(f.taken_day, K, "facts.taken_day", true);
    c.taken_minutes = column(f.taken_minutes, K, "facts.taken_minutes", true);
}

leave::worker_columns_out worker_outputs(const edr_leave_worker_results& o, std::size_t W) {
    leave::worker_columns_out w;
    w.status = column(o.status, W, "workers_out.status", true);
    w.problem = column(o.problem, W, "workers_out.problem", false);
    w.problem_training = column(o.problem_training, W, "workers_out.problem_training", false);
    w.problem_item = column(o.problem_item, W, "workers_out.problem_item", false);
    w.cap_minutes = column(o.cap_minutes, W, "workers_out.cap_minutes", false);
    w.granted_minutes = column(o.granted_minutes, W, "workers_out.granted_minutes", false);
    w.taken_minutes = column(o.taken_minutes, W, "workers_out.taken_minutes", false);
    w.left_minutes = column(o.left_minutes, W, "workers_out.left_minutes", false);
    w.reimbursement_cents = column(o.reimbursement_cents, W, "workers_out.reimbursement_cents", false);
    w.suspensions = column(o.suspensions, W, "workers_out.suspensions", false);
    return w;
}

leave::training_columns_out training_outputs(const edr_leave_training_results& o, std::size_t T) {
    leave::training_columns_out t;
    t.status = column(o.status, T, "trainings_out.status", true);
    t.regime = column(o.regime, T, "trainings_out.regime", false);
    t.reasons = column(o.reasons, T, "trainings_out.reasons", false);
    t.attended_minutes = column(o.attended_minutes, T, "trainings_out.attended_minutes", false);
    t.excluded_suspended_minutes =
        column(o.excluded_suspended_minutes, T, "trainings_out.excluded_suspended_minutes", false);
    t.granted_minutes = column(o.granted_minutes, T, "trainings_out.granted_minutes", false);
    t.taken_minutes = column(o.taken_minutes, T, "trainings_out.taken_minutes", false);
    t.taken_refused_minutes = column(o.taken_refused_minutes, T, "trainings_out.taken_refused_minutes", false);
    t.reimbursement_cents = column(o.reimbursement_cents, T, "trainings_out.reimbursement_cents", false);
    return t;
}

/// The name of code `v` of enum E, whose codes run first..last: the C++
/// to_string's static, NUL-terminated literal; "unknown" outside the range.
template <class E>
const char* name_of(int v, E first, E last) {
    if (v < static_cast<int>(first) || v > static_cast<int>(last)) return "unknown";
    return leave::to_string(static_cast<E>(v)).data();
}

}  // namespace

extern "C" {

int edr_leave_facts_batch(const edr_leave_worker_results* workers_out, const edr_leave_training_results* trainings_out,
                          const edr_engine* engine, const edr_leave_facts* facts) {
    return guard([&] {
        const edr_leave_worker_results& wo = require_handle(workers_out, "workers_out");
        const edr_leave_training_results& to = require_handle(trainings_out, "trainings_out");
        const edr_engine& e = require_handle(engine, "engine");
        const edr_leave_facts& f = require_handle(facts, "facts");
        check_version(f.version, EDR_LEAVE_FACTS_VERSION, "facts.version");
        check_version(wo.version, EDR_LEAVE_WORKER_RESULTS_VERSION, "workers_out.version");
        check_version(to.version, EDR_LEAVE_TRAINING_RESULTS_VERSION, "trainings_out.version");
        check_count(f.workers, "facts.workers");
        check_count(f.passed, "facts.passed");
        check_count(f.jobs, "facts.jobs");
        check_count(f.trainings, "facts.trainings");
        check_count(f.lessons, "facts.lessons");
        check_count(f.absences, "facts.absences");
        check_count(f.taken, "facts.taken");
        if (f.workers == 0 && f.trainings == 0 && f.jobs == 0 && f.passed == 0 && f.lessons == 0 && f.absences == 0 &&
            f.taken == 0)
            return EDR_OK;  // nothing to read or write; NULL arrays are fine
        leave::facts_columns c;
        name_tables names;
        worker_columns(f, c, names);
        training_columns(f, c, names);
        item_columns(f, c, names);
        const leave::worker_columns_out w = worker_outputs(wo, f.workers);
        const leave::training_columns_out t = training_outputs(to, f.trainings);
        try {
            leave::leave_facts_batch(e.engine.leave(), c, w, t);
        } catch (const error& x) {
            // the columns' own names, as the caller spelt them in the struct
            if (x.code() == errc::invalid_argument && x.field().find('.') == std::string::npos)
                throw error(x.code(), "facts." + x.field(), x.message(), x.record(), x.offset());
            throw;
        }
        return EDR_OK;
    });
}

const char* edr_leave_region_name(int region) {
    return name_of(region, leave::region::flanders, leave::region::wallonia);
}

const char* edr_leave_training_type_name(int training_type) {
    return name_of(training_type, leave::training_type::professional, leave::training_type::competence_exam);
}

const char* edr_leave_lesson_mode_name(int mode) {
    return name_of(mode, leave::lesson_mode::contact, leave::lesson_mode::coaching);
}

const char* edr_leave_raised_name(int raised) {
    return name_of(raised, leave::raise_reason::none, leave::raise_reason::first_upper_secondary);
}

const char* edr_leave_organisation_name(int organisation) {
    // The column's codes are not the C++ enum's order (0 modular, 1 school_year).
    switch (organisation) {
        case EDR_LEAVE_ORGANISATION_MODULAR:
            return leave::to_string(leave::organisation::modular).data();
        case EDR_LEAVE_ORGANISATION_SCHOOL_YEAR:
            return leave::to_string(leave::organisation::school_year).data();
    }
    return "unknown";
}

const char* edr_leave_counting_name(int counting) {
    return name_of(counting, leave::vov_counting::attended_hours, leave::vov_counting::competences);
}

const char* edr_leave_assessment_name(int assessment) {
    return name_of(assessment, leave::final_assessment::not_yet, leave::final_assessment::missed);
}

const char* edr_leave_regime_name(int regime) {
    if (regime < 0 || regime > static_cast<int>(leave::regime::wallonia_bev)) return "unknown";
    return leave::to_string(static_cast<leave::regime>(regime)).data();  // static, NUL-terminated literals
}

const char* edr_leave_reason_name(int bit) {
    if (bit < 0 || bit >= static_cast<int>(leave::reason_codes.size())) return "unknown";
    return leave::reason_codes[static_cast<std::size_t>(bit)].data();
}

const char* edr_leave_row_status_name(int status) { return leave::batch_status_name(status).data(); }

const char* edr_leave_facts_problem_name(int problem) {
    if (problem < 0 || problem > static_cast<int>(leave::last_facts_problem)) return "unknown";
    return leave::to_string(static_cast<leave::facts_problem>(problem)).data();
}

}  // extern "C"
