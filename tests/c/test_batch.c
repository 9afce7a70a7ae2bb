/* Tests of the batch entry points from C: PE status over columns and leave
 * hours over columns. Each row gets one result or one rejection code; the
 * call fails only for a broken precondition, naming the field. Part of
 * test_capi (and so run under valgrind). */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "edurules/edurules.h"

/* Days since 1970-01-01. */
#define D_2019_01_01 17897
#define D_2020_06_01 18414
#define D_2023_03_01 19417
#define D_2024_01_01 19723
#define D_2025_02_28 20147

enum { PE_ROWS = 7 };

static void test_pe_batch(const edr_engine *eng) {
    /* Row 0: diploma 2023-03-01 (registered automatically from that day),
     *        7.50 points in the period.
     * Row 1: no diploma.  Row 2: old diploma, never activated.
     * Row 3: activation before the diploma.  Row 4: negative points.
     * Row 5: a completion day out of range.  Row 6: no completions (offsets
     * that decrease refuse the whole call: test_pe_batch_offsets). */
    const int32_t diploma[PE_ROWS] = {D_2023_03_01, EDR_NO_DAY,   D_2020_06_01, D_2023_03_01,
                                      D_2023_03_01, D_2023_03_01, D_2023_03_01};
    const int32_t activation[PE_ROWS] = {EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY, D_2019_01_01,
                                         EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY};
    const int64_t offsets[PE_ROWS + 1] = {0, 2, 2, 2, 2, 3, 4, 4};
    const int32_t day[4] = {19500, 19600, 19450, -30000};
    const int64_t points[4] = {500, 250, -100, 100};
    uint8_t state[PE_ROWS], reason[PE_ROWS], renewal[PE_ROWS];
    int32_t first[PE_ROWS], last[PE_ROWS], days_left[PE_ROWS], status[PE_ROWS];
    int64_t earned[PE_ROWS], short_by[PE_ROWS];
    edr_pe_status_columns in = EDR_PE_STATUS_COLUMNS_INIT;
    edr_pe_status_results out = EDR_PE_STATUS_RESULTS_INIT;
    edr_pe_status_options opts = EDR_PE_STATUS_OPTIONS_INIT;
    size_t rejected = 99;
    int i;

    in.rows = PE_ROWS;
    in.diploma_day = diploma;
    in.activation_day = activation;
    in.completion_offsets = offsets;
    in.completions = 4;
    in.completion_day = day;
    in.completion_points = points;
    out.state = state;
    out.reason = reason;
    out.period_first = first;
    out.period_last = last;
    out.earned = earned;
    out.short_by = short_by;
    out.days_left = days_left;
    out.renewal_possible = renewal;
    out.status = status;

    CHECK_OK(edr_pe_status_batch(&out, &rejected, eng, D_2024_01_01, &in, NULL));
    CHECK(rejected == 3);
    CHECK(status[0] == EDR_PE_ROW_OK && state[0] == EDR_PE_STATE_REGISTERED && reason[0] == EDR_PE_REASON_NONE);
    CHECK(first[0] == D_2023_03_01 && last[0] == D_2025_02_28);
    CHECK(earned[0] == 750 && short_by[0] == 450);
    CHECK(days_left[0] == D_2025_02_28 - D_2024_01_01);
    CHECK(status[1] == EDR_PE_ROW_OK && state[1] == EDR_PE_STATE_NOT_REGISTERED &&
          reason[1] == EDR_PE_REASON_NO_DIPLOMA && first[1] == EDR_NO_DAY && days_left[1] == -1);
    CHECK(status[2] == EDR_PE_ROW_OK && state[2] == EDR_PE_STATE_NOT_REGISTERED &&
          reason[2] == EDR_PE_REASON_NOT_ACTIVATED);
    CHECK(status[3] == EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA && state[3] == EDR_PE_STATE_REJECTED);
    CHECK(status[4] == EDR_PE_ROW_NEGATIVE_POINTS && state[4] == EDR_PE_STATE_REJECTED);
    CHECK(status[5] == EDR_PE_ROW_DATE_OUT_OF_RANGE);
    CHECK(status[6] == EDR_PE_ROW_OK && state[6] == EDR_PE_STATE_REGISTERED && earned[6] == 0);

    /* A row range leaves the other rows alone. */
    for (i = 0; i < PE_ROWS; ++i) status[i] = 77;
    opts.first_row = 1;
    opts.end_row = 3;
    CHECK_OK(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, &opts));
    CHECK(status[0] == 77 && status[1] == EDR_PE_ROW_OK && status[2] == EDR_PE_ROW_OK && status[3] == 77);

    /* Renewal requests: none for anyone is the same as no column. */
    {
        const int64_t renewal_offsets[PE_ROWS + 1] = {0, 0, 0, 0, 0, 0, 0, 0};
        in.renewal_offsets = renewal_offsets;
        CHECK_OK(edr_pe_status_batch(&out, &rejected, eng, D_2024_01_01, &in, NULL));
        CHECK(rejected == 3 && status[0] == EDR_PE_ROW_OK && earned[0] == 750);
        in.renewal_offsets = NULL;
    }

    /* Zero rows: nothing to do, NULL arrays allowed. */
    {
        edr_pe_status_columns none = EDR_PE_STATUS_COLUMNS_INIT;
        edr_pe_status_results nothing = EDR_PE_STATUS_RESULTS_INIT;
        CHECK_OK(edr_pe_status_batch(&nothing, &rejected, eng, D_2024_01_01, &none, NULL));
        CHECK(rejected == 0);
    }

    /* Broken preconditions name the field. */
    CHECK_ERROR(edr_pe_status_batch(NULL, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, NULL, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT, "engine");
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, NULL, NULL), EDR_E_INVALID_ARGUMENT, "columns");
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, EDR_NO_DAY, &in, NULL), EDR_E_INVALID_ARGUMENT, "at_day");
    in.version = 0;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.version");
    in.version = EDR_PE_STATUS_COLUMNS_VERSION + 1;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.version");
    in.version = EDR_PE_STATUS_COLUMNS_VERSION;
    out.version = 7;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT, "out.version");
    out.version = EDR_PE_STATUS_RESULTS_VERSION;
    opts.version = 0;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, &opts), EDR_E_INVALID_ARGUMENT,
                "options.version");
    opts.version = EDR_PE_STATUS_OPTIONS_VERSION;
    opts.first_row = 5;
    opts.end_row = 2;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, &opts), EDR_E_INVALID_ARGUMENT,
                "options.first_row");
    in.diploma_day = NULL;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.diploma_day");
    in.diploma_day = diploma;
    in.completion_points = NULL;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.completion_points");
    in.completion_points = points;
    in.renewals = 3;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.renewal_offsets");
    in.renewals = 0;
    in.rows = (size_t)-1;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT, "columns.rows");
    in.rows = PE_ROWS;
    out.days_left = NULL;
    CHECK_ERROR(edr_pe_status_batch(&out, NULL, eng, D_2024_01_01, &in, NULL), EDR_E_INVALID_ARGUMENT, "out.days_left");
    out.days_left = days_left;
}

/* Checks CHECK_ERROR's record and that the message says `words`. */
static void check_offsets_error(int rc, const char *field, const char *words) {
    CHECK_ERROR(rc, EDR_E_INVALID_ARGUMENT, field);
    const int says = strstr(edr_error_last()->message, words) != NULL;
    CHECK(says);
    if (!says) fprintf(stderr, "  message: %s\n", edr_error_last()->message);
}

/* Both versions of the PE batch, given completion offsets `off`, refuse the
 * call with `words`. */
static void check_both_refuse(const edr_engine *eng, const edr_pe_status_results *out, edr_pe_status_columns *v1,
                              edr_pe_status_columns_v2 *v2, const int64_t *off, const char *words) {
    v1->completion_offsets = v2->completion_offsets = off;
    check_offsets_error(edr_pe_status_batch(out, NULL, eng, 20000, v1, NULL), "columns.completion_offsets", words);
    check_offsets_error(edr_pe_status_batch_v2(out, NULL, eng, 20000, v2, NULL), "columns.completion_offsets", words);
}

/* Offsets that leave a completion, renewal or dispensation to no row (or to
 * two) refuse the whole call, worded as the leave facts batch words it: they
 * used to be read as they came, the completions outside [offsets[0],
 * offsets[rows]) silently ignored (probe: pe_batch_orphan_completions). */
static void test_pe_batch_offsets(const edr_engine *eng) {
    const int32_t diploma[2] = {19500, 19500};
    const int32_t day[3] = {19600, 19650, 19700};
    const int64_t points[3] = {1200, 1200, 1200};
    const int64_t good[3] = {0, 1, 3}, start1[3] = {1, 2, 3}, short_end[3] = {0, 1, 1}, long_end[3] = {0, 1, 4};
    const int64_t decreasing[3] = {0, 2, 1}, renewal_off[3] = {0, 0, 0}, renewal_short[3] = {0, 1, 1};
    const int32_t renewal_day[2] = {19700, 19701};
    const int32_t requested[1] = {19600}, decided[1] = {19610};
    const uint8_t granted[1] = {1};
    const int64_t disp_orphan[3] = {0, 0, 0};
    uint8_t state[2], reason[2], renewal[2];
    int32_t first[2], last[2], days_left[2], status[2];
    int64_t earned[2], short_by[2];
    edr_pe_status_columns v1 = EDR_PE_STATUS_COLUMNS_INIT;
    edr_pe_status_columns_v2 v2 = EDR_PE_STATUS_COLUMNS_V2_INIT;
    edr_pe_status_results out = EDR_PE_STATUS_RESULTS_INIT;
    edr_pe_status_options opts = EDR_PE_STATUS_OPTIONS_INIT;
    size_t rejected = 99;

    out.state = state, out.reason = reason, out.period_first = first, out.period_last = last;
    out.earned = earned, out.short_by = short_by, out.days_left = days_left, out.renewal_possible = renewal;
    out.status = status;
    v1.rows = v2.rows = 2;
    v1.diploma_day = v2.diploma_day = diploma;
    v1.completions = v2.completions = 3;
    v1.completion_day = v2.completion_day = day;
    v1.completion_points = v2.completion_points = points;

    v1.completion_offsets = v2.completion_offsets = good;
    CHECK_OK(edr_pe_status_batch(&out, &rejected, eng, 20000, &v1, NULL));
    CHECK(rejected == 0 && earned[0] == 1200 && earned[1] == 2400);
    CHECK_OK(edr_pe_status_batch_v2(&out, &rejected, eng, 20000, &v2, NULL));
    CHECK(rejected == 0 && earned[0] == 1200 && earned[1] == 2400);

    check_both_refuse(eng, &out, &v1, &v2, start1, "must start at 0");
    check_both_refuse(eng, &out, &v1, &v2, short_end, "ends at 1, but the items have 3 values");
    check_both_refuse(eng, &out, &v1, &v2, long_end, "ends at 4, but the items have 3 values");
    check_both_refuse(eng, &out, &v1, &v2, decreasing, "must not decrease (at 1)");
    /* Whatever the row range: the offsets are the columns' layout. */
    opts.first_row = 0, opts.end_row = 1;
    v1.completion_offsets = short_end;
    check_offsets_error(edr_pe_status_batch(&out, NULL, eng, 20000, &v1, &opts), "columns.completion_offsets",
                        "ends at 1");
    v1.completion_offsets = v2.completion_offsets = good;

    /* Renewals and dispensations likewise. */
    v1.renewal_offsets = renewal_off, v1.renewals = 2, v1.renewal_day = renewal_day;
    check_offsets_error(edr_pe_status_batch(&out, NULL, eng, 20000, &v1, NULL), "columns.renewal_offsets",
                        "ends at 0, but the items have 2 values");
    v1.renewal_offsets = renewal_short;
    check_offsets_error(edr_pe_status_batch(&out, NULL, eng, 20000, &v1, NULL), "columns.renewal_offsets",
                        "ends at 1, but the items have 2 values");
    v2.dispensation_offsets = disp_orphan, v2.dispensations = 1;
    v2.dispensation_requested = requested, v2.dispensation_decided = decided, v2.dispensation_granted = granted;
    check_offsets_error(edr_pe_status_batch_v2(&out, NULL, eng, 20000, &v2, NULL), "columns.dispensation_offsets",
                        "ends at 0, but the items have 1 values");
}

enum { PE2_ROWS = 6 };

/* edr_pe_status_batch_v2: dispensations as columns (registration regulation
 * art. 10.1). The diploma of 2023-03-01 registers automatically until
 * 2025-02-28 (Stappenplan, seed 001); with no points the period lapses on
 * 2025-03-01 unless a dispensation granted before the date keeps it. */
static void test_pe_batch_v2(const edr_engine *eng) {
    /* Row 0: granted dispensation: registered in period 2.  Row 1: pending:
     * lapsed.  Row 2: refused: lapsed.  Row 3: activation without diploma.
     * Row 4: decided before requested.  Row 5: granted flag 2. */
    const int32_t diploma[PE2_ROWS] = {D_2023_03_01, D_2023_03_01, D_2023_03_01,
                                       EDR_NO_DAY,   D_2023_03_01, D_2023_03_01};
    const int32_t activation[PE2_ROWS] = {EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY, D_2023_03_01, EDR_NO_DAY, EDR_NO_DAY};
    const int64_t c_off[PE2_ROWS + 1] = {0, 0, 0, 0, 0, 0, 0};
    const int64_t d_off[PE2_ROWS + 1] = {0, 1, 2, 3, 3, 4, 5};
    const int32_t requested[5] = {20100, 20100, 20100, 20100, 20100};
    const int32_t decided[5] = {20120, EDR_NO_DAY, 20120, 20090, 20120};
    const uint8_t granted[5] = {1, 0, 0, 0, 2};
    const int32_t at = 20200; /* 2025-04-22 */
    uint8_t state[PE2_ROWS], reason[PE2_ROWS], renewal[PE2_ROWS];
    int32_t first[PE2_ROWS], last[PE2_ROWS], days_left[PE2_ROWS], status[PE2_ROWS];
    int64_t earned[PE2_ROWS], short_by[PE2_ROWS];
    edr_pe_status_columns_v2 in = EDR_PE_STATUS_COLUMNS_V2_INIT;
    edr_pe_status_results out = EDR_PE_STATUS_RESULTS_INIT;
    size_t rejected = 99;

    in.rows = PE2_ROWS;
    in.diploma_day = diploma;
    in.activation_day = activation;
    in.completion_offsets = c_off;
    in.dispensation_offsets = d_off;
    in.dispensations = 5;
    in.dispensation_requested = requested;
    in.dispensation_decided = decided;
    in.dispensation_granted = granted;
    out.state = state;
    out.reason = reason;
    out.period_first = first;
    out.period_last = last;
    out.earned = earned;
    out.short_by = short_by;
    out.days_left = days_left;
    out.renewal_possible = renewal;
    out.status = status;

    CHECK_OK(edr_pe_status_batch_v2(&out, &rejected, eng, at, &in, NULL));
    CHECK(rejected == 3);
    CHECK(status[0] == EDR_PE_ROW_OK && state[0] == EDR_PE_STATE_REGISTERED && first[0] == D_2025_02_28 + 1);
    CHECK(status[1] == EDR_PE_ROW_OK && state[1] == EDR_PE_STATE_LAPSED && last[1] == D_2025_02_28);
    CHECK(status[2] == EDR_PE_ROW_OK && state[2] == EDR_PE_STATE_LAPSED && short_by[2] == 1200);
    CHECK(status[3] == EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA && state[3] == EDR_PE_STATE_REJECTED);
    CHECK(status[4] == EDR_PE_ROW_DISPENSATION_DECIDED_BEFORE_REQUEST);
    CHECK(status[5] == EDR_PE_ROW_BAD_FLAG);

    /* Without dispensation columns, v2 decides like v1 on the same rows. */
    in.dispensation_offsets = NULL;
    in.dispensations = 0;
    CHECK_OK(edr_pe_status_batch_v2(&out, &rejected, eng, at, &in, NULL));
    CHECK(rejected == 1 && state[0] == EDR_PE_STATE_LAPSED && status[3] == EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA);

    /* Broken preconditions name the field. */
    in.dispensations = 5;
    CHECK_ERROR(edr_pe_status_batch_v2(&out, NULL, eng, at, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.dispensation_offsets");
    in.dispensation_offsets = d_off;
    in.dispensation_granted = NULL;
    CHECK_ERROR(edr_pe_status_batch_v2(&out, NULL, eng, at, &in, NULL), EDR_E_INVALID_ARGUMENT,
                "columns.dispensation_granted");
    in.dispensation_granted = granted;
    in.version = 2;
    CHECK_ERROR(edr_pe_status_batch_v2(&out, NULL, eng, at, &in, NULL), EDR_E_INVALID_ARGUMENT, "columns.version");
    in.version = EDR_PE_STATUS_COLUMNS_V2_VERSION;
    CHECK_ERROR(edr_pe_status_batch_v2(&out, NULL, eng, at, NULL, NULL), EDR_E_INVALID_ARGUMENT, "columns");
}

/* Every code the header defines has its name; unknown codes give NULL. */
static void test_pe_names(void) {
    CHECK(strcmp(edr_pe_state_name(EDR_PE_STATE_NOT_REGISTERED), "not_registered") == 0);
    CHECK(strcmp(edr_pe_state_name(EDR_PE_STATE_REGISTERED), "registered") == 0);
    CHECK(strcmp(edr_pe_state_name(EDR_PE_STATE_LAPSED), "lapsed") == 0);
    CHECK(strcmp(edr_pe_state_name(EDR_PE_STATE_ENDED), "ended") == 0);
    CHECK(strcmp(edr_pe_state_name(EDR_PE_STATE_REJECTED), "rejected") == 0);
    CHECK(edr_pe_state_name(4) == NULL && edr_pe_state_name(-1) == NULL);
    CHECK(strcmp(edr_pe_reason_name(EDR_PE_REASON_NONE), "none") == 0);
    CHECK(strcmp(edr_pe_reason_name(EDR_PE_REASON_NO_DIPLOMA), "no_diploma") == 0);
    CHECK(strcmp(edr_pe_reason_name(EDR_PE_REASON_NOT_ACTIVATED), "not_activated") == 0);
    CHECK(strcmp(edr_pe_reason_name(EDR_PE_REASON_BEFORE_START), "before_start") == 0);
    CHECK(edr_pe_reason_name(4) == NULL && edr_pe_reason_name(-1) == NULL);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_OK), "none") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_BAD_OFFSETS), "bad_offsets") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_DATE_OUT_OF_RANGE), "date_out_of_range") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_NEGATIVE_POINTS), "negative_points") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA), "activation_before_diploma") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_ACTIVATION_WITHOUT_DIPLOMA), "activation_without_diploma") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_DISPENSATION_DECIDED_BEFORE_REQUEST),
                 "dispensation_decided_before_request") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_DISPENSATION_GRANTED_UNDECIDED), "dispensation_granted_undecided") ==
          0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_BAD_FLAG), "bad_flag") == 0);
    CHECK(strcmp(edr_pe_row_error_name(EDR_PE_ROW_TOO_MANY_POINTS), "too_many_points") == 0);
    CHECK(edr_pe_row_error_name(10) == NULL && edr_pe_row_error_name(-1) == NULL);
}

enum { LEAVE_ROWS = 8 };

static void test_leave_batch(const edr_engine *eng) {
    /* Row 0: Flanders 2023-2024, full time, 100 h attended: VOV, granted.
     * Rows 1-5: one rejection each.  Row 6: no contract: not eligible.
     * Row 7: Wallonia 2023-2024: BEV. */
    const uint8_t region[LEAVE_ROWS] = {1, 9, 1, 1, 1, 1, 1, 3};
    const int32_t year[LEAVE_ROWS] = {2023, 2023, 2023, 2023, 2023, 2023, 2023, 2023};
    const int32_t start[LEAVE_ROWS] = {20230901, 20230901, 20230901, 20231341, 20230901, 20230901, 20230901, 20230901};
    const uint8_t type[LEAVE_ROWS] = {0, 0, 0, 0, 9, 0, 0, 0};
    const int64_t contract[LEAVE_ROWS] = {2280, 2280, 2280, 2280, 2280, 2280, 0, 2280};
    const int64_t full[LEAVE_ROWS] = {2280, 2280, 2280, 2280, 2280, 0, 2280, 2280};
    const int64_t given[LEAVE_ROWS] = {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000};
    const int64_t attended[LEAVE_ROWS] = {6000, 6000, 6001, 6000, 6000, 6000, 6000, 6000};
    int64_t granted[LEAVE_ROWS];
    int32_t status[LEAVE_ROWS];
    uint32_t reasons[LEAVE_ROWS];
    uint8_t regime[LEAVE_ROWS];
    edr_leave_columns in = EDR_LEAVE_COLUMNS_INIT;
    edr_leave_results out = EDR_LEAVE_RESULTS_INIT;

    in.rows = LEAVE_ROWS;
    in.region = region;
    in.school_year = year;
    in.training_start = start;
    in.training_type = type;
    in.contract_minutes = contract;
    in.full_time_minutes = full;
    in.given_minutes = given;
    in.attended_minutes = attended;
    out.granted_minutes = granted;
    out.status = status;
    out.reasons = reasons;
    out.regime = regime;

    CHECK_OK(edr_leave_hours_batch(&out, eng, &in));
    CHECK(status[0] == EDR_LEAVE_ROW_GRANTED && regime[0] == EDR_LEAVE_REGIME_VOV);
    CHECK(granted[0] > 0 && granted[0] <= 6000);
    CHECK(status[1] == EDR_LEAVE_ROW_BAD_REGION && granted[1] == 0);
    CHECK(status[2] == EDR_LEAVE_ROW_BAD_MINUTES);
    CHECK(status[3] == EDR_LEAVE_ROW_BAD_DATE);
    CHECK(status[4] == EDR_LEAVE_ROW_BAD_CODE);
    CHECK(status[5] == EDR_LEAVE_ROW_BAD_FULL_TIME);
    CHECK(status[6] == EDR_LEAVE_ROW_NOT_ELIGIBLE && granted[6] == 0 && reasons[6] != 0);
    CHECK(status[7] >= 0 && regime[7] == EDR_LEAVE_REGIME_WALLONIA_BEV);

    /* Optional outputs may be NULL; results are the same. */
    {
        int64_t granted2[LEAVE_ROWS];
        int32_t status2[LEAVE_ROWS];
        edr_leave_results lean = EDR_LEAVE_RESULTS_INIT;
        int i, same = 1;
        lean.granted_minutes = granted2;
        lean.status = status2;
        CHECK_OK(edr_leave_hours_batch(&lean, eng, &in));
        for (i = 0; i < LEAVE_ROWS; ++i) same = same && granted2[i] == granted[i] && status2[i] == status[i];
        CHECK(same);
    }

    /* Zero rows. */
    {
        edr_leave_columns none = EDR_LEAVE_COLUMNS_INIT;
        edr_leave_results nothing = EDR_LEAVE_RESULTS_INIT;
        CHECK_OK(edr_leave_hours_batch(&nothing, eng, &none));
    }

    /* Broken preconditions name the field. */
    CHECK_ERROR(edr_leave_hours_batch(NULL, eng, &in), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_leave_hours_batch(&out, NULL, &in), EDR_E_INVALID_ARGUMENT, "engine");
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, NULL), EDR_E_INVALID_ARGUMENT, "columns");
    in.version = 2;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "columns.version");
    in.version = EDR_LEAVE_COLUMNS_VERSION;
    out.version = 0;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "out.version");
    out.version = EDR_LEAVE_RESULTS_VERSION;
    in.region = NULL;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "columns.region");
    in.region = region;
    in.attended_minutes = NULL;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "columns.attended_minutes");
    in.attended_minutes = attended;
    out.status = NULL;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "out.status");
    out.status = status;
    in.rows = (size_t)-3;
    CHECK_ERROR(edr_leave_hours_batch(&out, eng, &in), EDR_E_INVALID_ARGUMENT, "columns.rows");
}

void test_batch(void) {
    edr_engine *eng = NULL;
    CHECK_OK(edr_engine_new(&eng, NULL));
    test_pe_batch(eng);
    test_pe_batch_v2(eng);
    test_pe_batch_offsets(eng);
    test_pe_names();
    test_leave_batch(eng);
    edr_engine_free(eng);
}
