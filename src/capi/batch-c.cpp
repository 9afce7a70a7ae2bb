// The C shim for the batch paths: PE status and leave hours over columns.
// The C arrays are handed to the C++ batch functions as spans, untouched:
// the pinned C codes equal the C++ ones (checked below), so nothing is
// translated or copied per row.
#include <span>
#include <string>

#include "capi_internal.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/pe/batch.hpp"

using namespace edurules;
using namespace edurules::capi;

// ---- the C constants are the C++ values ------------------------------------
static_assert(EDR_NO_DAY == pe::no_day);
static_assert(EDR_PE_STATE_NOT_REGISTERED == static_cast<int>(pe::reg_state::not_registered));
static_assert(EDR_PE_STATE_REGISTERED == static_cast<int>(pe::reg_state::registered));
static_assert(EDR_PE_STATE_LAPSED == static_cast<int>(pe::reg_state::lapsed));
static_assert(EDR_PE_STATE_ENDED == static_cast<int>(pe::reg_state::ended));
static_assert(EDR_PE_REASON_NONE == static_cast<int>(pe::not_registered_reason::none));
static_assert(EDR_PE_REASON_NO_DIPLOMA == static_cast<int>(pe::not_registered_reason::no_diploma));
static_assert(EDR_PE_REASON_NOT_ACTIVATED == static_cast<int>(pe::not_registered_reason::not_activated));
static_assert(EDR_PE_REASON_BEFORE_START == static_cast<int>(pe::not_registered_reason::before_start));
static_assert(EDR_PE_ROW_OK == static_cast<int>(pe::batch_row_error::none));
static_assert(EDR_PE_ROW_BAD_OFFSETS == static_cast<int>(pe::batch_row_error::bad_offsets));
static_assert(EDR_PE_ROW_DATE_OUT_OF_RANGE == static_cast<int>(pe::batch_row_error::date_out_of_range));
static_assert(EDR_PE_ROW_NEGATIVE_POINTS == static_cast<int>(pe::batch_row_error::negative_points));
static_assert(EDR_PE_ROW_TOO_MANY_POINTS == static_cast<int>(pe::batch_row_error::too_many_points));
static_assert(EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA == static_cast<int>(pe::batch_row_error::activation_before_diploma));
static_assert(EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA ==
              static_cast<int>(pe::batch_row_error::activation_without_diploma));
static_assert(EDR_PE_ROW_DISPENSATION_DECIDED_BEFORE_REQUEST ==
              static_cast<int>(pe::batch_row_error::dispensation_decided_before_request));
static_assert(EDR_PE_ROW_DISPENSATION_GRANTED_UNDECIDED ==
              static_cast<int>(pe::batch_row_error::dispensation_granted_undecided));
static_assert(EDR_PE_ROW_BAD_FLAG == static_cast<int>(pe::batch_row_error::bad_flag));
static_assert(EDR_PE_ROW_TOO_MANY_POINTS + 1 == pe::batch_row_error_count);

static_assert(EDR_LEAVE_REGION_FLANDERS == static_cast<int>(leave::region::flanders));
static_assert(EDR_LEAVE_REGION_BRUSSELS == static_cast<int>(leave::region::brussels));
static_assert(EDR_LEAVE_REGION_WALLONIA == static_cast<int>(leave::region::wallonia));
static_assert(EDR_LEAVE_TRAINING_PROFESSIONAL == static_cast<int>(leave::training_type::professional));
static_assert(EDR_LEAVE_TRAINING_GENERAL == static_cast<int>(leave::training_type::general));
static_assert(EDR_LEAVE_TRAINING_PROFESSIONAL_GENERAL == static_cast<int>(leave::training_type::professional_general));
static_assert(EDR_LEAVE_TRAINING_ACADEMIC == static_cast<int>(leave::training_type::academic));
static_assert(EDR_LEAVE_TRAINING_LANGUAGE == static_cast<int>(leave::training_type::language));
static_assert(EDR_LEAVE_TRAINING_LANGUAGE_PROFESSIONAL ==
              static_cast<int>(leave::training_type::language_professional));
static_assert(EDR_LEAVE_TRAINING_EXAM_BOARD == static_cast<int>(leave::training_type::exam_board));
static_assert(EDR_LEAVE_TRAINING_COMPETENCE_EXAM == static_cast<int>(leave::training_type::competence_exam));
static_assert(EDR_LEAVE_REGIME_NONE == static_cast<int>(leave::regime::none));
static_assert(EDR_LEAVE_REGIME_FLANDERS_BEV == static_cast<int>(leave::regime::flanders_bev));
static_assert(EDR_LEAVE_REGIME_VOV == static_cast<int>(leave::regime::vov));
static_assert(EDR_LEAVE_REGIME_BRUSSELS_BEV == static_cast<int>(leave::regime::brussels_bev));
static_assert(EDR_LEAVE_REGIME_BRUSSELS_REFORMED == static_cast<int>(leave::regime::brussels_reformed));
static_assert(EDR_LEAVE_REGIME_WALLONIA_BEV == static_cast<int>(leave::regime::wallonia_bev));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NOT_PRIVATE_SECTOR) ==
              static_cast<unsigned>(leave::reason_not_private_sector));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_BEV_ENDED) == static_cast<unsigned>(leave::reason_bev_ended));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_FRACTION_TOO_LOW) ==
              static_cast<unsigned>(leave::reason_fraction_too_low));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_HALFTIME_NEEDS_PROFESSIONAL_DURING_WORK) ==
              static_cast<unsigned>(leave::reason_halftime_needs_professional_during_work));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_AT_START) ==
              static_cast<unsigned>(leave::reason_twp_below_minimum_at_start));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_REFERENCE) ==
              static_cast<unsigned>(leave::reason_twp_below_minimum_reference));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_WEEKLY_HOURS_BELOW_MINIMUM) ==
              static_cast<unsigned>(leave::reason_weekly_hours_below_minimum));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_BELOW_MIN_CONTACT_HOURS) ==
              static_cast<unsigned>(leave::reason_below_min_contact_hours));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_BELOW_MIN_CREDITS) ==
              static_cast<unsigned>(leave::reason_below_min_credits));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_MODULE_ALREADY_PASSED) ==
              static_cast<unsigned>(leave::reason_module_already_passed));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NOT_RECOGNISED) ==
              static_cast<unsigned>(leave::reason_not_recognised));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_FINAL_ASSESSMENT_MISSED) ==
              static_cast<unsigned>(leave::reason_final_assessment_missed));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_CAREER_ATTEST_TOO_OLD) ==
              static_cast<unsigned>(leave::reason_career_attest_too_old));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_SUSPENDED) == static_cast<unsigned>(leave::reason_suspended));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_SUSPENSION_TRIGGERED) ==
              static_cast<unsigned>(leave::reason_suspension_triggered));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NOT_DILIGENT) ==
              static_cast<unsigned>(leave::reason_not_diligent));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NO_EMPLOYMENT) ==
              static_cast<unsigned>(leave::reason_no_employment));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_VOV_SANCTION) ==
              static_cast<unsigned>(leave::reason_vov_sanction));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_ONLY_COINCIDING_HOURS) ==
              static_cast<unsigned>(leave::reason_only_coinciding_hours));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_CAPPED) == static_cast<unsigned>(leave::reason_capped));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NO_LESSONS_IN_YEAR) ==
              static_cast<unsigned>(leave::reason_no_lessons_in_year));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NO_RATE_FOR_DATE) ==
              static_cast<unsigned>(leave::reason_no_rate_for_date));
static_assert(static_cast<unsigned>(EDR_LEAVE_REASON_NO_WAGE_CEILING_FOR_DATE) ==
              static_cast<unsigned>(leave::reason_no_wage_ceiling_for_date));
static_assert(EDR_LEAVE_ROW_GRANTED == static_cast<int>(leave::batch_granted));
static_assert(EDR_LEAVE_ROW_NOT_ELIGIBLE == static_cast<int>(leave::batch_not_eligible));
static_assert(EDR_LEAVE_ROW_BAD_REGION == static_cast<int>(leave::batch_bad_region));
static_assert(EDR_LEAVE_ROW_BAD_MINUTES == static_cast<int>(leave::batch_bad_minutes));
static_assert(EDR_LEAVE_ROW_BAD_DATE == static_cast<int>(leave::batch_bad_date));
static_assert(EDR_LEAVE_ROW_BAD_CODE == static_cast<int>(leave::batch_bad_code));
static_assert(EDR_LEAVE_ROW_NO_RULE == static_cast<int>(leave::batch_no_rule));
static_assert(EDR_LEAVE_ROW_BAD_FULL_TIME == static_cast<int>(leave::batch_bad_full_time));

namespace {

/// The columns both PE entry points share (v2 starts with v1's fields).
template <class Columns>
pe::status_columns pe_common_columns(const Columns& c, std::size_t n) {
    check_count(c.completions, "columns.completions");
    check_count(c.renewals, "columns.renewals");
    pe::status_columns in;
    in.diploma_day = column(c.diploma_day, n, "columns.diploma_day", true);
    in.activation_day = column(c.activation_day, n, "columns.activation_day", false);
    in.completion_offsets = column(c.completion_offsets, n + 1, "columns.completion_offsets", true);
    in.completion_day = column(c.completion_day, c.completions, "columns.completion_day", true);
    in.completion_points = column(c.completion_points, c.completions, "columns.completion_points", true);
    if (c.renewal_offsets) {
        in.renewal_offsets = std::span<const std::int64_t>(c.renewal_offsets, n + 1);
        in.renewal_day = column(c.renewal_day, c.renewals, "columns.renewal_day", true);
    } else if (c.renewals != 0) {
        throw_invalid_argument("columns.renewal_offsets",
                               "is NULL but columns.renewals is " + std::to_string(c.renewals));
    }
    return in;
}

/// The dispensation columns of v2.
void pe_dispensation_columns(const edr_pe_status_columns_v2& c, std::size_t n, pe::status_columns& in) {
    check_count(c.dispensations, "columns.dispensations");
    if (!c.dispensation_offsets) {
        if (c.dispensations != 0)
            throw_invalid_argument("columns.dispensation_offsets",
                                   "is NULL but columns.dispensations is " + std::to_string(c.dispensations));
        return;
    }
    in.dispensation_offsets = std::span<const std::int64_t>(c.dispensation_offsets, n + 1);
    in.dispensation_requested =
        column(c.dispensation_requested, c.dispensations, "columns.dispensation_requested", true);
    in.dispensation_decided = column(c.dispensation_decided, c.dispensations, "columns.dispensation_decided", true);
    in.dispensation_granted = column(c.dispensation_granted, c.dispensations, "columns.dispensation_granted", true);
}

/// Checks the arguments both PE entry points share and runs the batch.
/// `fill(in)` reads the caller's columns; it runs only when there are rows.
template <class Fill>
int pe_status_batch(const edr_pe_status_results* out, size_t* rejected, const edr_engine* engine, int32_t at_day,
                    std::size_t rows, const edr_pe_status_options* options, Fill&& fill) {
    if (rejected) *rejected = 0;
    const edr_pe_status_results& o = require_handle(out, "out");
    const edr_engine& e = require_handle(engine, "engine");
    check_version(o.version, EDR_PE_STATUS_RESULTS_VERSION, "out.version");
    std::size_t first = 0, end = SIZE_MAX;
    if (options) {
        check_version(options->version, EDR_PE_STATUS_OPTIONS_VERSION, "options.version");
        first = options->first_row;
        end = options->end_row;
        if (first > end) throw_invalid_argument("options.first_row", "is after options.end_row");
    }
    if (at_day == EDR_NO_DAY || !pe::detail::day_ok(at_day))
        throw_invalid_argument("at_day",
                               "is " + std::to_string(at_day) + ", not a day between 1900-01-01 and 9999-12-31");
    const std::size_t n = rows;
    check_count(n, "columns.rows");
    if (n == 0) return EDR_OK;  // nothing to read or write; NULL arrays are fine
    const pe::status_columns in = fill(n);
    pe::status_results res;
    res.state = column(o.state, n, "out.state", true);
    res.reason = column(o.reason, n, "out.reason", true);
    res.period_first = column(o.period_first, n, "out.period_first", true);
    res.period_last = column(o.period_last, n, "out.period_last", true);
    res.earned = column(o.earned, n, "out.earned", true);
    res.short_by = column(o.short_by, n, "out.short_by", true);
    res.days_left = column(o.days_left, n, "out.days_left", true);
    res.renewal_possible = column(o.renewal_possible, n, "out.renewal_possible", true);
    res.error = column(o.status, n, "out.status", true);

    std::size_t r = 0;
    try {
        r = pe::status_batch(e.engine.pe(), pe::epoch_day(at_day), in, res, first, end);
    } catch (const error& x) {
        // the input columns' own names (the offsets: every length was checked above), as the caller spelt them
        if (x.code() == errc::invalid_argument && x.field().find('.') == std::string::npos)
            throw error(x.code(), "columns." + x.field(), x.message(), x.record(), x.offset());
        throw;
    }
    if (rejected) *rejected = r;
    if (!in.refuse_activation_without_diploma)  // v1 says the 0.1.0 codes: points out of range are "negative_points"
        for (std::size_t i = first; i < std::min(end, n); ++i)
            if (res.error[i] == static_cast<std::int32_t>(pe::batch_row_error::too_many_points))
                res.error[i] = EDR_PE_ROW_NEGATIVE_POINTS;
    return EDR_OK;
}

}  // namespace

extern "C" {

int edr_pe_status_batch(const edr_pe_status_results* out, size_t* rejected, const edr_engine* engine, int32_t at_day,
                        const edr_pe_status_columns* columns, const edr_pe_status_options* options) {
    return guard([&] {
        if (rejected) *rejected = 0;
        const edr_pe_status_columns& c = require_handle(columns, "columns");
        check_version(c.version, EDR_PE_STATUS_COLUMNS_VERSION, "columns.version");
        return pe_status_batch(out, rejected, engine, at_day, c.rows, options, [&](std::size_t n) {
            pe::status_columns in = pe_common_columns(c, n);
            in.refuse_activation_without_diploma = false;  // this entry point's rows are decided as in 0.1.0
            return in;
        });
    });
}

int edr_pe_status_batch_v2(const edr_pe_status_results* out, size_t* rejected, const edr_engine* engine, int32_t at_day,
                           const edr_pe_status_columns_v2* columns, const edr_pe_status_options* options) {
    return guard([&] {
        if (rejected) *rejected = 0;
        const edr_pe_status_columns_v2& c = require_handle(columns, "columns");
        check_version(c.version, EDR_PE_STATUS_COLUMNS_V2_VERSION, "columns.version");
        return pe_status_batch(out, rejected, engine, at_day, c.rows, options, [&](std::size_t n) {
            pe::status_columns in = pe_common_columns(c, n);
            pe_dispensation_columns(c, n, in);
            return in;
        });
    });
}

const char* edr_pe_state_name(int state) {
    if (state == EDR_PE_STATE_REJECTED) return "rejected";
    if (state < EDR_PE_STATE_NOT_REGISTERED || state > EDR_PE_STATE_ENDED) return nullptr;
    return pe::to_string(static_cast<pe::reg_state>(state));
}

const char* edr_pe_reason_name(int reason) {
    if (reason < EDR_PE_REASON_NONE || reason > EDR_PE_REASON_BEFORE_START) return nullptr;
    return pe::to_string(static_cast<pe::not_registered_reason>(reason));
}

const char* edr_pe_row_error_name(int status) {
    if (status < EDR_PE_ROW_OK || status >= pe::batch_row_error_count) return nullptr;
    return pe::to_string(static_cast<pe::batch_row_error>(status));
}

int edr_leave_hours_batch(const edr_leave_results* out, const edr_engine* engine, const edr_leave_columns* columns) {
    return guard([&] {
        const edr_leave_results& o = require_handle(out, "out");
        const edr_engine& e = require_handle(engine, "engine");
        const edr_leave_columns& c = require_handle(columns, "columns");
        check_version(c.version, EDR_LEAVE_COLUMNS_VERSION, "columns.version");
        check_version(o.version, EDR_LEAVE_RESULTS_VERSION, "out.version");
        const std::size_t n = c.rows;
        check_count(n, "columns.rows");
        if (n == 0) return EDR_OK;  // nothing to read or write; NULL arrays are fine

        leave::batch_input in;
        in.rows = n;
        in.region = column(c.region, n, "columns.region", true);
        in.school_year = column(c.school_year, n, "columns.school_year", true);
        in.training_start = column(c.training_start, n, "columns.training_start", true);
        in.training_type = column(c.training_type, n, "columns.training_type", true);
        in.contract_minutes = column(c.contract_minutes, n, "columns.contract_minutes", true);
        in.full_time_minutes = column(c.full_time_minutes, n, "columns.full_time_minutes", true);
        in.given_minutes = column(c.given_minutes, n, "columns.given_minutes", true);
        in.attended_minutes = column(c.attended_minutes, n, "columns.attended_minutes", true);
        in.unjustified_minutes = column(c.unjustified_minutes, n, "columns.unjustified_minutes", false);
        in.contact_minutes = column(c.contact_minutes, n, "columns.contact_minutes", false);
        in.coinciding = column(c.coinciding, n, "columns.coinciding", false);
        in.raised = column(c.raised, n, "columns.raised", false);
        in.variable_schedule = column(c.variable_schedule, n, "columns.variable_schedule", false);
        in.lesson_periods = column(c.lesson_periods, n, "columns.lesson_periods", false);
        leave::batch_output res;
        res.granted_minutes = column(o.granted_minutes, n, "out.granted_minutes", true);
        res.status = column(o.status, n, "out.status", true);
        res.reasons = column(o.reasons, n, "out.reasons", false);
        res.regime = column(o.regime, n, "out.regime", false);

        leave::leave_hours_batch(e.engine.leave(), in, res);
        return EDR_OK;
    });
}

}  // extern "C"
