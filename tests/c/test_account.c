/* edr_account_right_batch from C (issue 16): rows in = decided + rejected,
 * the waso.pro days (5 from 2024 at >= 20 FTE), pro rata by started months
 * (regiotalent: 5 x 80% x 10/12 = 10/3 days), a sector agreement (pc200: 3
 * days in 2024), a rejected row, and bad arguments refused with the field. */
#include <stdint.h>

#include "check.h"

void test_account(void);

void test_account(void) {
    edr_engine *engine = NULL;
    CHECK(edr_engine_new(&engine, NULL) == EDR_OK);
    /* 2024-01-01 = day 19723; 2024-03-29 = 19811 */
    const int32_t year[4] = {2024, 2024, 2024, 2024};
    const int64_t fte[4] = {1000000, 1600000, 250000, 250000}; /* 4 x 25, 4 x 40, fallback 25, 25 */
    const int32_t quarters[4] = {4, 4, 0, 0};
    const int32_t from[4] = {19723, 19811, 19723, 19723};
    const int32_t to[4] = {EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY, EDR_NO_DAY};
    const int64_t contract[4] = {2280, 1824, 2280, 2400};
    const int64_t full[4] = {2280, 2280, 2280, 2280};
    const int32_t pc[4] = {0, 0, 200, 0};
    edr_account_right_columns c = EDR_ACCOUNT_RIGHT_COLUMNS_INIT;
    c.rows = 4;
    c.year = year;
    c.reference_fte = fte;
    c.reference_quarters = quarters;
    c.from_day = from;
    c.to_day = to;
    c.contract_minutes = contract;
    c.full_time_minutes = full;
    c.joint_committee = pc;
    int32_t status[4], cls[4], months[4];
    int64_t minutes[4], num[4], den[4];
    uint32_t reasons[4];
    edr_account_right_results r = EDR_ACCOUNT_RIGHT_RESULTS_INIT;
    r.status = status;
    r.size_class = cls;
    r.months = months;
    r.credit_minutes = minutes;
    r.credit_days_num = num;
    r.credit_days_den = den;
    r.reasons = reasons;
    size_t rejected = 99;
    CHECK(edr_account_right_batch(&r, &rejected, engine, &c) == EDR_OK);
    CHECK(rejected == 1);
    CHECK(status[0] == EDR_ACCOUNT_ROW_OK && cls[0] == EDR_ACCOUNT_SIZE_GE20 && minutes[0] == 2280);
    CHECK(num[0] == 5 && den[0] == 1 && months[0] == 12);
    CHECK(status[1] == EDR_ACCOUNT_ROW_OK && num[1] == 10 && den[1] == 3 && minutes[1] == 1520);
    CHECK(status[2] == EDR_ACCOUNT_ROW_OK && num[2] == 3 && den[2] == 1);
    CHECK(strcmp(edr_account_reason_name(14), "sector_agreement") == 0 && (reasons[2] & (1u << 14)));
    CHECK(status[3] == EDR_ACCOUNT_ROW_BAD_REGIME && minutes[3] == 0);
    CHECK(strcmp(edr_account_reason_name(99), "unknown") == 0);
    CHECK(strcmp(edr_account_row_status_name(EDR_ACCOUNT_ROW_BAD_FTE), "bad_fte") == 0);
    CHECK(strcmp(edr_account_size_class_name(EDR_ACCOUNT_SIZE_GE20), "ge20") == 0);
    /* Probe A5: full time to 2024-06-15 (day 19889), 19/38 from 2024-06-16 (19890), one worker (id 7), 25 FTE.
     * The JSON path counts June once, for the job holding it (regiotalent: a started month counts whole, at the
     * regime in force): 5 x (5 + 7/2) / 12 = 85/24 days, 1615 minutes; the rows share it (25/12 + 35/24). */
    {
        const int32_t y2[2] = {2024, 2024}, q2[2] = {4, 4}, from2[2] = {18262, 19890}, to2[2] = {19889, EDR_NO_DAY};
        const int64_t fte2[2] = {1000000, 1000000}, c2[2] = {2280, 1140}, f2[2] = {2280, 2280}, w2[2] = {7, 7};
        edr_account_right_columns g = EDR_ACCOUNT_RIGHT_COLUMNS_INIT;
        g.rows = 2;
        g.year = y2;
        g.reference_fte = fte2;
        g.reference_quarters = q2;
        g.from_day = from2;
        g.to_day = to2;
        g.contract_minutes = c2;
        g.full_time_minutes = f2;
        g.worker = w2;
        CHECK(edr_account_right_batch(&r, &rejected, engine, &g) == EDR_OK && rejected == 0);
        CHECK(months[0] == 5 && months[1] == 7 && minutes[0] + minutes[1] == 1615);
        CHECK(num[0] == 25 && den[0] == 12 && num[1] == 35 && den[1] == 24);
        CHECK(strcmp(edr_account_reason_name(16), "month_in_other_row") == 0 && (reasons[0] & (1u << 16)));
        g.version = 1; /* a version-1 caller has no worker column: each row stands alone, June in both */
        CHECK(edr_account_right_batch(&r, &rejected, engine, &g) == EDR_OK && months[0] == 6 && months[1] == 7);
        g.version = EDR_ACCOUNT_RIGHT_COLUMNS_VERSION;
        const int32_t from3[2] = {18262, 19884}; /* the second job from 2024-06-10: overlapping, refused */
        g.from_day = from3;
        CHECK(edr_account_right_batch(&r, &rejected, engine, &g) == EDR_OK && rejected == 2);
        CHECK(status[0] == EDR_ACCOUNT_ROW_OVERLAPPING_JOBS && status[1] == EDR_ACCOUNT_ROW_OVERLAPPING_JOBS);
        CHECK(strcmp(edr_account_row_status_name(EDR_ACCOUNT_ROW_OVERLAPPING_JOBS), "overlapping_jobs") == 0);
    }
    c.year = NULL;
    CHECK_ERROR(edr_account_right_batch(&r, &rejected, engine, &c), EDR_E_INVALID_ARGUMENT, "columns.year");
    edr_engine_free(engine);
}
