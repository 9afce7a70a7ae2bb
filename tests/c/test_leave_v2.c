/* Tests of the leave v2 batch from C (edr_leave_facts_batch) and of the name
 * functions of every leave code a batch returns. Part of test_capi (and so
 * run under valgrind). */
#define EDR_EXPERIMENTAL /* the leave facts batch is experimental */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edurules/edurules.h"

#define D_2010_01_01 14610
#define D_2023_09_04 19604 /* a Monday */

static int named(const char *s) { return s != NULL && s[0] != '\0' && strcmp(s, "unknown") != 0; }

static void test_names(void) {
    static const int regimes[] = {
        EDR_LEAVE_REGIME_NONE,         EDR_LEAVE_REGIME_FLANDERS_BEV,      EDR_LEAVE_REGIME_VOV,
        EDR_LEAVE_REGIME_BRUSSELS_BEV, EDR_LEAVE_REGIME_BRUSSELS_REFORMED, EDR_LEAVE_REGIME_WALLONIA_BEV};
    static const uint32_t reasons[] = {EDR_LEAVE_REASON_NOT_PRIVATE_SECTOR,
                                       EDR_LEAVE_REASON_BEV_ENDED,
                                       EDR_LEAVE_REASON_FRACTION_TOO_LOW,
                                       EDR_LEAVE_REASON_HALFTIME_NEEDS_PROFESSIONAL_DURING_WORK,
                                       EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_AT_START,
                                       EDR_LEAVE_REASON_TWP_BELOW_MINIMUM_REFERENCE,
                                       EDR_LEAVE_REASON_WEEKLY_HOURS_BELOW_MINIMUM,
                                       EDR_LEAVE_REASON_BELOW_MIN_CONTACT_HOURS,
                                       EDR_LEAVE_REASON_BELOW_MIN_CREDITS,
                                       EDR_LEAVE_REASON_MODULE_ALREADY_PASSED,
                                       EDR_LEAVE_REASON_NOT_RECOGNISED,
                                       EDR_LEAVE_REASON_FINAL_ASSESSMENT_MISSED,
                                       EDR_LEAVE_REASON_CAREER_ATTEST_TOO_OLD,
                                       EDR_LEAVE_REASON_SUSPENDED,
                                       EDR_LEAVE_REASON_SUSPENSION_TRIGGERED,
                                       EDR_LEAVE_REASON_NOT_DILIGENT,
                                       EDR_LEAVE_REASON_NO_EMPLOYMENT,
                                       EDR_LEAVE_REASON_VOV_SANCTION,
                                       EDR_LEAVE_REASON_ONLY_COINCIDING_HOURS,
                                       EDR_LEAVE_REASON_CAPPED,
                                       EDR_LEAVE_REASON_NO_LESSONS_IN_YEAR,
                                       EDR_LEAVE_REASON_NO_RATE_FOR_DATE,
                                       EDR_LEAVE_REASON_NO_WAGE_CEILING_FOR_DATE};
    static const int statuses[] = {EDR_LEAVE_ROW_GRANTED,     EDR_LEAVE_ROW_NOT_ELIGIBLE,  EDR_LEAVE_ROW_BAD_REGION,
                                   EDR_LEAVE_ROW_BAD_MINUTES, EDR_LEAVE_ROW_BAD_DATE,      EDR_LEAVE_ROW_BAD_CODE,
                                   EDR_LEAVE_ROW_NO_RULE,     EDR_LEAVE_ROW_BAD_FULL_TIME, EDR_LEAVE_ROW_BAD_OFFSETS,
                                   EDR_LEAVE_ROW_BAD_FACTS};
    static const int problems[] = {EDR_LEAVE_FACTS_NONE,
                                   EDR_LEAVE_FACTS_LESSON_TIMES,
                                   EDR_LEAVE_FACTS_LESSON_OVERLAP,
                                   EDR_LEAVE_FACTS_ABSENCE_NO_LESSON,
                                   EDR_LEAVE_FACTS_ABSENCE_TOO_LONG,
                                   EDR_LEAVE_FACTS_HOLIDAY_SPAN,
                                   EDR_LEAVE_FACTS_TAKEN_TOO_LONG,
                                   EDR_LEAVE_FACTS_NO_START,
                                   EDR_LEAVE_FACTS_JOB_MINUTES,
                                   EDR_LEAVE_FACTS_JOB_DATES,
                                   EDR_LEAVE_FACTS_DURATION_TOO_LARGE,
                                   EDR_LEAVE_FACTS_COUNT_OUT_OF_RANGE,
                                   EDR_LEAVE_FACTS_UNKNOWN_SECTOR,
                                   EDR_LEAVE_FACTS_UNKNOWN_LANGUAGE_KIND};
    size_t i, j;
    int bit;

    for (i = 0; i < sizeof regimes / sizeof regimes[0]; ++i) CHECK(named(edr_leave_regime_name(regimes[i])));
    CHECK(sizeof reasons / sizeof reasons[0] == EDR_LEAVE_REASON_BITS);
    for (i = 0; i < sizeof reasons / sizeof reasons[0]; ++i) {
        for (bit = 0; bit < 32 && reasons[i] != (1u << bit); ++bit) {
        }
        CHECK(bit == (int)i && named(edr_leave_reason_name(bit)));
    }
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; ++i) CHECK(named(edr_leave_row_status_name(statuses[i])));
    for (i = 0; i < sizeof problems / sizeof problems[0]; ++i) CHECK(named(edr_leave_facts_problem_name(problems[i])));
    /* every name is distinct within its function */
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; ++i)
        for (j = 0; j < i; ++j)
            CHECK(strcmp(edr_leave_row_status_name(statuses[i]), edr_leave_row_status_name(statuses[j])) != 0);
    for (i = 0; i < sizeof reasons / sizeof reasons[0]; ++i)
        for (j = 0; j < i; ++j) CHECK(strcmp(edr_leave_reason_name((int)i), edr_leave_reason_name((int)j)) != 0);
    CHECK(strcmp(edr_leave_regime_name(EDR_LEAVE_REGIME_VOV), "vov") == 0);
    CHECK(strcmp(edr_leave_reason_name(19), "capped") == 0);
    CHECK(strcmp(edr_leave_row_status_name(EDR_LEAVE_ROW_BAD_FACTS), "bad_facts") == 0);
    CHECK(strcmp(edr_leave_row_status_name(EDR_LEAVE_ROW_BAD_OFFSETS), "bad_offsets") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(EDR_LEAVE_FACTS_LESSON_OVERLAP), "lesson_overlap") == 0);
    /* codes outside the lists */
    CHECK(strcmp(edr_leave_regime_name(6), "unknown") == 0 && strcmp(edr_leave_regime_name(-1), "unknown") == 0);
    CHECK(strcmp(edr_leave_reason_name(EDR_LEAVE_REASON_BITS), "unknown") == 0);
    CHECK(strcmp(edr_leave_reason_name(-1), "unknown") == 0);
    CHECK(strcmp(edr_leave_row_status_name(-9), "unknown") == 0 &&
          strcmp(edr_leave_row_status_name(2), "unknown") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(EDR_LEAVE_FACTS_UNKNOWN_SECTOR), "unknown_sector") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(EDR_LEAVE_FACTS_UNKNOWN_LANGUAGE_KIND), "unknown_language_kind") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(EDR_LEAVE_FACTS_EMPLOYMENT_TOO_FINE), "employment_too_fine") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(EDR_LEAVE_FACTS_JOB_ABOVE_FULL_TIME), "job_above_full_time") == 0);
    CHECK(strcmp(edr_leave_facts_problem_name(18), "unknown") == 0);
}

enum { W = 2, J = 2, T = 3, L = 33 };

/* A caller built against version 1 has a struct that ends before `provider`
 * (offsetof(edr_leave_facts, provider) bytes). edr_leave_facts_init(.., 1)
 * writes version 1 and nothing past that end, and the batch reads nothing past
 * it: here the bytes after it are 0xAA (a `provider` read from them would be a
 * wild pointer), and a copy of exactly that size on the heap lets valgrind and
 * AddressSanitizer see any read past it. `v2` holds the same columns. */
static void test_facts_version_1(const edr_engine *eng, const edr_leave_facts *v2, const edr_leave_worker_results *wo,
                                 const edr_leave_training_results *to) {
    enum { V1 = offsetof(edr_leave_facts, provider), FROM = offsetof(edr_leave_facts, workers) };
    union {
        edr_leave_facts f;
        unsigned char bytes[sizeof(edr_leave_facts)];
    } buf;
    unsigned char *heap = (unsigned char *)malloc(V1);
    int32_t expect[T];
    size_t i;
    int tail_untouched = 1;

    memset(buf.bytes, 0xAA, sizeof buf.bytes);
    CHECK_OK(edr_leave_facts_init(&buf.f, 1));
    CHECK(buf.f.version == 1);
    for (i = V1; i < sizeof buf.bytes; ++i) tail_untouched &= buf.bytes[i] == 0xAA;
    CHECK(tail_untouched);
    CHECK(buf.f.workers == 0 && buf.f.region == NULL && buf.f.taken_minutes == NULL);

    CHECK_OK(edr_leave_facts_batch(wo, to, eng, v2));
    memcpy(expect, to->status, sizeof expect);
    memcpy(buf.bytes + FROM, (const unsigned char *)v2 + FROM, V1 - FROM); /* the version 1 columns */
    memset(to->status, 0x55, sizeof expect);
    CHECK_OK(edr_leave_facts_batch(wo, to, eng, &buf.f));
    CHECK(memcmp(to->status, expect, sizeof expect) == 0);
    for (i = V1; i < sizeof buf.bytes; ++i) tail_untouched &= buf.bytes[i] == 0xAA;
    CHECK(tail_untouched);

    CHECK(heap != NULL);
    if (heap == NULL) return;
    memcpy(heap, buf.bytes, V1);
    memset(to->status, 0x55, sizeof expect);
    CHECK_OK(edr_leave_facts_batch(wo, to, eng, (const edr_leave_facts *)(void *)heap));
    CHECK(memcmp(to->status, expect, sizeof expect) == 0);
    CHECK_OK(edr_leave_facts_init((edr_leave_facts *)(void *)heap, 1)); /* writes only V1 bytes */
    CHECK(((const edr_leave_facts *)(void *)heap)->version == 1);
    free(heap);
}

static void test_facts_batch(const edr_engine *eng) {
    /* Worker 0: Wallonia 2023-2024, full time, two professional trainings
     * (not during working hours) of 15 lessons of 4 h: 60 h each, 120 h
     * together, sharing one cap of 100 h (rulebook
     * leave.bev.cap.professional.not_coinciding, docs/rules.md 2.2): 100 h in all.
     * Worker 1: Flanders 2023-2024, one training whose second lesson overlaps
     * the first: refused (the JSON path refuses it too). */
    const uint8_t region[W] = {EDR_LEAVE_REGION_WALLONIA, EDR_LEAVE_REGION_FLANDERS};
    const int32_t year[W] = {2023, 2023};
    const int64_t job_off[W + 1] = {0, 1, 2};
    const int32_t job_from[J] = {D_2010_01_01, D_2010_01_01};
    const int64_t contract[J] = {2280, 2280}, full[J] = {2280, 2280};
    const int64_t training_off[W + 1] = {0, 2, 3};
    const uint8_t type[T] = {EDR_LEAVE_TRAINING_PROFESSIONAL, EDR_LEAVE_TRAINING_PROFESSIONAL,
                             EDR_LEAVE_TRAINING_PROFESSIONAL};
    const int64_t lesson_off[T + 1] = {0, 15, 30, 33};
    int32_t day[L], start[L], end[L];
    int32_t w_status[W], w_item[W], w_training[W];
    uint8_t w_problem[W];
    int64_t w_cap[W], w_granted[W];
    int32_t t_status[T];
    uint8_t t_regime[T];
    uint32_t t_reasons[T];
    int64_t t_granted[T], t_attended[T];
    edr_leave_facts f = EDR_LEAVE_FACTS_INIT;
    edr_leave_worker_results wo = EDR_LEAVE_WORKER_RESULTS_INIT;
    edr_leave_training_results to = EDR_LEAVE_TRAINING_RESULTS_INIT;
    int i;

    for (i = 0; i < 15; ++i) {
        day[i] = D_2023_09_04 + 7 * i;          /* Mondays */
        day[15 + i] = D_2023_09_04 + 1 + 7 * i; /* Tuesdays */
        start[i] = start[15 + i] = 18 * 60;
        end[i] = end[15 + i] = 22 * 60;
    }
    day[30] = day[31] = D_2023_09_04; /* 18:00-20:00 and 19:00-21:00: overlap */
    day[32] = D_2023_09_04 + 7;
    start[30] = 18 * 60, end[30] = 20 * 60;
    start[31] = 19 * 60, end[31] = 21 * 60;
    start[32] = 18 * 60, end[32] = 20 * 60;

    f.workers = W;
    f.region = region;
    f.school_year = year;
    f.job_offsets = job_off;
    f.jobs = J;
    f.job_from = job_from;
    f.job_contract_minutes = contract;
    f.job_full_time_minutes = full;
    f.training_offsets = training_off;
    f.trainings = T;
    f.training_type = type;
    f.lesson_offsets = lesson_off;
    f.lessons = L;
    f.lesson_day = day;
    f.lesson_start = start;
    f.lesson_end = end;
    wo.status = w_status;
    wo.problem = w_problem;
    wo.problem_training = w_training;
    wo.problem_item = w_item;
    wo.cap_minutes = w_cap;
    wo.granted_minutes = w_granted;
    to.status = t_status;
    to.regime = t_regime;
    to.reasons = t_reasons;
    to.granted_minutes = t_granted;
    to.attended_minutes = t_attended;

    CHECK_OK(edr_leave_facts_batch(&wo, &to, eng, &f));
    CHECK(w_status[0] == EDR_LEAVE_ROW_GRANTED && w_problem[0] == EDR_LEAVE_FACTS_NONE);
    CHECK(t_status[0] == EDR_LEAVE_ROW_GRANTED && t_status[1] == EDR_LEAVE_ROW_GRANTED);
    CHECK(t_regime[0] == EDR_LEAVE_REGIME_WALLONIA_BEV && t_regime[1] == EDR_LEAVE_REGIME_WALLONIA_BEV);
    CHECK(t_attended[0] == 3600 && t_attended[1] == 3600);
    CHECK(w_cap[0] == 6000);                                            /* one cap of 100 h for both trainings */
    CHECK(w_granted[0] == 6000 && t_granted[0] + t_granted[1] == 6000); /* not 60 h + 60 h */
    CHECK(((t_reasons[0] | t_reasons[1]) & EDR_LEAVE_REASON_CAPPED) != 0);
    CHECK(w_status[1] == EDR_LEAVE_ROW_BAD_FACTS && w_problem[1] == EDR_LEAVE_FACTS_LESSON_OVERLAP);
    CHECK(w_training[1] == 0 && w_item[1] == 1);
    CHECK(t_status[2] == EDR_LEAVE_ROW_BAD_FACTS && t_granted[2] == 0 && t_regime[2] == EDR_LEAVE_REGIME_NONE);

    /* Text columns: a sector code outside the names rejects that worker only. */
    {
        const int32_t sector_codes[W] = {0, 1};
        const char *const sector_names[1] = {"public"};
        f.sector.codes = sector_codes;
        f.sector.names = sector_names;
        f.sector.name_count = 1;
        CHECK_OK(edr_leave_facts_batch(&wo, &to, eng, &f));
        CHECK(w_status[0] == EDR_LEAVE_ROW_GRANTED && t_status[0] == EDR_LEAVE_ROW_NOT_ELIGIBLE);
        CHECK((t_reasons[0] & EDR_LEAVE_REASON_NOT_PRIVATE_SECTOR) != 0);
        CHECK(w_status[1] == EDR_LEAVE_ROW_BAD_CODE && t_status[2] == EDR_LEAVE_ROW_BAD_CODE);
        /* Only -1 means none (the private-sector default); any other negative
         * code is outside the names too (it used to be read as none). */
        {
            const int32_t negative[3] = {-2, -7, INT32_MIN};
            int k;
            for (k = 0; k < 3; ++k) {
                const int32_t codes[W] = {-1, negative[k]};
                f.sector.codes = codes;
                CHECK_OK(edr_leave_facts_batch(&wo, &to, eng, &f));
                CHECK(w_status[0] == EDR_LEAVE_ROW_GRANTED && t_status[0] == EDR_LEAVE_ROW_GRANTED);
                CHECK(w_status[1] == EDR_LEAVE_ROW_BAD_CODE && t_status[2] == EDR_LEAVE_ROW_BAD_CODE);
                CHECK(w_training[1] == -1 && w_item[1] == -1);
            }
            f.sector.codes = sector_codes;
        }
        /* A name the rulebook does not know (leave.regime.sectors allows
         * private, public) rejects that worker: it was decided as a sector
         * without a right. (Worker 1's lessons overlap: that comes first.) */
        {
            const int32_t codes[W] = {1, 0};
            const char *const misspelt[2] = {"public", "privat"};
            f.sector.codes = codes;
            f.sector.names = misspelt;
            f.sector.name_count = 2;
            CHECK_OK(edr_leave_facts_batch(&wo, &to, eng, &f));
            CHECK(w_status[0] == EDR_LEAVE_ROW_BAD_FACTS && w_problem[0] == EDR_LEAVE_FACTS_UNKNOWN_SECTOR);
            CHECK(t_status[0] == EDR_LEAVE_ROW_BAD_FACTS && t_status[1] == EDR_LEAVE_ROW_BAD_FACTS);
            CHECK(w_status[1] == EDR_LEAVE_ROW_BAD_FACTS && w_problem[1] == EDR_LEAVE_FACTS_LESSON_OVERLAP);
            f.sector.codes = sector_codes;
            f.sector.names = sector_names;
            f.sector.name_count = 1;
        }
        f.sector.names = NULL;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.sector.names");
        f.sector.codes = NULL;
        f.sector.name_count = 0;
    }

    /* Zero rows: nothing to do, NULL arrays allowed. */
    {
        edr_leave_facts none = EDR_LEAVE_FACTS_INIT;
        edr_leave_worker_results nw = EDR_LEAVE_WORKER_RESULTS_INIT;
        edr_leave_training_results nt = EDR_LEAVE_TRAINING_RESULTS_INIT;
        CHECK_OK(edr_leave_facts_batch(&nw, &nt, eng, &none));
    }

    /* Broken preconditions name the column; no row is computed. */
    {
        const int64_t decreasing[W + 1] = {0, 2, 1};
        const int64_t short_end[T + 1] = {0, 15, 30, 32};
        const int64_t bad_start[W + 1] = {1, 2, 3};
        w_status[0] = 77;
        f.training_offsets = decreasing;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.training_offsets");
        CHECK(edr_error_last()->record == 1); /* worker 1's offsets go back */
        CHECK(w_status[0] == 77);
        f.training_offsets = bad_start;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.training_offsets");
        CHECK(edr_error_last()->record == -1); /* not one worker's fault */
        f.training_offsets = training_off;
        f.lesson_offsets = short_end;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.lesson_offsets");
        f.lesson_offsets = NULL;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.lesson_offsets");
        f.lesson_offsets = lesson_off;
        f.lessons = L - 1;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.lesson_offsets");
        f.lessons = L;
        f.lesson_end = NULL;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.lesson_end");
        f.lesson_end = end;
        f.job_offsets = NULL;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.job_offsets");
        f.job_offsets = job_off;
        f.version = EDR_LEAVE_FACTS_VERSION + 1;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.version");
        f.version = EDR_LEAVE_FACTS_VERSION;
        to.status = NULL;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "trainings_out.status");
        to.status = t_status;
        f.trainings = (size_t)-1;
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "facts.trainings");
        f.trainings = T;
        CHECK_ERROR(edr_leave_facts_batch(NULL, &to, eng, &f), EDR_E_INVALID_ARGUMENT, "workers_out");
        CHECK_ERROR(edr_leave_facts_batch(&wo, NULL, eng, &f), EDR_E_INVALID_ARGUMENT, "trainings_out");
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, NULL, &f), EDR_E_INVALID_ARGUMENT, "engine");
        CHECK_ERROR(edr_leave_facts_batch(&wo, &to, eng, NULL), EDR_E_INVALID_ARGUMENT, "facts");
        CHECK_OK(edr_leave_facts_batch(&wo, &to, eng, &f));
    }
    test_facts_version_1(eng, &f, &wo, &to);
}

void test_leave_v2(void) {
    edr_engine *eng = NULL;
    test_names();
    CHECK_OK(edr_engine_new(&eng, NULL));
    test_facts_batch(eng);
    edr_engine_free(eng);
}
