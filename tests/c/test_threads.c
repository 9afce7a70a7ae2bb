/* Several threads evaluating on one shared engine (pthreads, C99): JSON
 * requests, the PE batch on disjoint row ranges of shared columns, and the
 * leave batch. Each thread's results must equal the single-threaded
 * reference, and each thread's error record must be its own. Run under
 * ThreadSanitizer by scripts/tsan.sh (ctest capi.tsan). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "edurules/edurules.h"

#define THREADS 8
#define ROUNDS 25
#define ROWS_PER_THREAD 16
#define ROWS (THREADS * ROWS_PER_THREAD)

static const char DESCRIBE[] = "{\"schema_version\": 1, \"kind\": \"rulebook.describe\"}";
static const char UNKNOWN[] = "{\"schema_version\": 1, \"kind\": \"no.such.kind\"}";

/* PE columns shared by all threads; each thread writes its own rows of
 * `pe_out`. Row i: a diploma some days before 2024-01-01, one completion. */
static int32_t pe_diploma[ROWS];
static int64_t pe_offsets[ROWS + 1];
static int32_t pe_day[ROWS];
static int64_t pe_points[ROWS];
static uint8_t pe_state[ROWS], pe_reason[ROWS], pe_renewal[ROWS];
static int32_t pe_first[ROWS], pe_last[ROWS], pe_days_left[ROWS], pe_status[ROWS];
static int64_t pe_earned[ROWS], pe_short_by[ROWS];
static int32_t ref_first[ROWS], ref_days_left[ROWS];
static int64_t ref_earned[ROWS];
static edr_pe_status_columns pe_in = EDR_PE_STATUS_COLUMNS_INIT;
static edr_pe_status_results pe_out = EDR_PE_STATUS_RESULTS_INIT;
#define AT_DAY 19723 /* 2024-01-01 */

/* Leave columns shared by all threads; each thread has its own outputs. */
static uint8_t lv_region[ROWS];
static int32_t lv_year[ROWS], lv_start[ROWS];
static uint8_t lv_type[ROWS];
static int64_t lv_contract[ROWS], lv_full[ROWS], lv_given[ROWS], lv_attended[ROWS];
static int64_t lv_ref_granted[ROWS];
static edr_leave_columns lv_in = EDR_LEAVE_COLUMNS_INIT;

static void setup_columns(void) {
    int i;
    for (i = 0; i < ROWS; ++i) {
        pe_diploma[i] = AT_DAY - 400 - 3 * i;
        pe_offsets[i] = i;
        pe_day[i] = AT_DAY - 10 - i;
        pe_points[i] = 100 + i;
        lv_region[i] = (uint8_t)(1 + i % 3);
        lv_year[i] = 2019 + i % 6;
        lv_start[i] = (2019 + i % 6) * 10000 + 901;
        lv_type[i] = (uint8_t)(i % 8);
        lv_contract[i] = 1140 + 30 * i;
        lv_full[i] = 2280;
        lv_given[i] = 3000 + 60 * i;
        lv_attended[i] = 2000 + 60 * i;
    }
    pe_offsets[ROWS] = ROWS;
    pe_in.rows = ROWS;
    pe_in.diploma_day = pe_diploma;
    pe_in.completion_offsets = pe_offsets;
    pe_in.completions = ROWS;
    pe_in.completion_day = pe_day;
    pe_in.completion_points = pe_points;
    pe_out.state = pe_state;
    pe_out.reason = pe_reason;
    pe_out.period_first = pe_first;
    pe_out.period_last = pe_last;
    pe_out.earned = pe_earned;
    pe_out.short_by = pe_short_by;
    pe_out.days_left = pe_days_left;
    pe_out.renewal_possible = pe_renewal;
    pe_out.status = pe_status;
    lv_in.rows = ROWS;
    lv_in.region = lv_region;
    lv_in.school_year = lv_year;
    lv_in.training_start = lv_start;
    lv_in.training_type = lv_type;
    lv_in.contract_minutes = lv_contract;
    lv_in.full_time_minutes = lv_full;
    lv_in.given_minutes = lv_given;
    lv_in.attended_minutes = lv_attended;
}

struct job {
    const edr_engine *engine;
    const char *reference;
    size_t reference_size;
    int id;
    int failures;
};

/* This thread's rows of the shared PE outputs, then its own leave outputs. */
static void run_batches(struct job *job) {
    edr_pe_status_options opts = EDR_PE_STATUS_OPTIONS_INIT;
    edr_leave_results lv_out = EDR_LEAVE_RESULTS_INIT;
    int64_t granted[ROWS];
    int32_t status[ROWS];
    size_t rejected = 0;
    int i;
    opts.first_row = (size_t)job->id * ROWS_PER_THREAD;
    opts.end_row = opts.first_row + ROWS_PER_THREAD;
    if (edr_pe_status_batch(&pe_out, &rejected, job->engine, AT_DAY, &pe_in, &opts) != EDR_OK || rejected != 0)
        ++job->failures;
    for (i = (int)opts.first_row; i < (int)opts.end_row; ++i)
        if (pe_first[i] != ref_first[i] || pe_days_left[i] != ref_days_left[i] || pe_earned[i] != ref_earned[i])
            ++job->failures;
    lv_out.granted_minutes = granted;
    lv_out.status = status;
    if (edr_leave_hours_batch(&lv_out, job->engine, &lv_in) != EDR_OK) ++job->failures;
    for (i = 0; i < ROWS; ++i)
        if (granted[i] != lv_ref_granted[i]) ++job->failures;
}

static void *run(void *arg) {
    struct job *job = (struct job *)arg;
    edr_buf out = EDR_BUF_INIT;
    int i;
    for (i = 0; i < ROUNDS; ++i) {
        /* Alternate successes and failures so that threads' error records
         * are written concurrently. */
        if ((i + job->id) % 2 == 0) {
            if (edr_evaluate_json(&out, job->engine, DESCRIBE, sizeof DESCRIBE - 1) != EDR_OK ||
                out.size != job->reference_size || memcmp(out.ptr, job->reference, out.size) != 0 ||
                edr_error_last()->code != EDR_OK)
                ++job->failures;
        } else {
            if (edr_evaluate_json(&out, job->engine, UNKNOWN, sizeof UNKNOWN - 1) != EDR_E_INVALID_INPUT ||
                edr_error_last()->code != EDR_E_INVALID_INPUT || strcmp(edr_error_last()->field, "kind") != 0 ||
                out.ptr != NULL)
                ++job->failures;
        }
    }
    edr_buf_dispose(&out);
    run_batches(job);
    return NULL;
}

int main(void) {
    edr_engine *engine = NULL;
    edr_buf reference = EDR_BUF_INIT;
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    int i, failures = 0;

    setup_columns();
    if (edr_engine_new(&engine, NULL) != EDR_OK ||
        edr_evaluate_json(&reference, engine, DESCRIBE, sizeof DESCRIBE - 1) != EDR_OK) {
        fprintf(stderr, "setup failed: %s\n", edr_error_last()->message);
        return 1;
    }
    /* Single-threaded references for the batches. */
    {
        edr_leave_results lv_out = EDR_LEAVE_RESULTS_INIT;
        int32_t status[ROWS];
        lv_out.granted_minutes = lv_ref_granted;
        lv_out.status = status;
        if (edr_pe_status_batch(&pe_out, NULL, engine, AT_DAY, &pe_in, NULL) != EDR_OK ||
            edr_leave_hours_batch(&lv_out, engine, &lv_in) != EDR_OK) {
            fprintf(stderr, "batch setup failed: %s\n", edr_error_last()->message);
            return 1;
        }
        for (i = 0; i < ROWS; ++i) {
            ref_first[i] = pe_first[i];
            ref_days_left[i] = pe_days_left[i];
            ref_earned[i] = pe_earned[i];
            pe_first[i] = 0;
            pe_days_left[i] = 0;
            pe_earned[i] = 0;
        }
    }
    for (i = 0; i < THREADS; ++i) {
        jobs[i].engine = engine;
        jobs[i].reference = reference.ptr;
        jobs[i].reference_size = reference.size;
        jobs[i].id = i;
        jobs[i].failures = 0;
        if (pthread_create(&threads[i], NULL, run, &jobs[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (i = 0; i < THREADS; ++i) {
        pthread_join(threads[i], NULL);
        failures += jobs[i].failures;
    }
    /* The main thread's record was untouched by the others' failures. */
    if (edr_error_last()->code != EDR_OK) ++failures;

    edr_buf_dispose(&reference);
    edr_engine_free(engine);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("%d threads x %d rounds on one engine: all passed\n", THREADS, ROUNDS);
    return 0;
}
