/* test_integrity_c.c: the C batch entry points and edr_evaluate_json, from C
 * through edurules.h alone. Generated rows with bad rows injected at known
 * places: exactly one result or one rejection per row, in input order; the
 * same inputs give the same bytes on 1 thread and on 2 (PE rows split with
 * edr_pe_status_options, leave rows split by offsetting the column
 * pointers, JSON requests evaluated concurrently on one engine).
 * Usage: test_integrity_c SOURCE_DIR */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edurules/edurules.h"

static int failures = 0;
#define CHECK(cond, what, row)                                                                \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            if (failures++ < 20) printf("FAIL %s (row %ld): %s\n", what, (long)(row), #cond); \
        }                                                                                     \
    } while (0)

static unsigned long rng_state = 8;
static unsigned rnd(void) {
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(rng_state >> 33);
}

static edr_engine *engine;

/* ---- PE --------------------------------------------------------------- */

#define PE_ROWS 4000
static int32_t dip[PE_ROWS], act[PE_ROWS], cday[PE_ROWS * 6];
static int64_t coff[PE_ROWS + 1], cpts[PE_ROWS * 6];
static int32_t expect_pe[PE_ROWS];

typedef struct {
    uint8_t state[PE_ROWS], reason[PE_ROWS], renew[PE_ROWS];
    int32_t pf[PE_ROWS], pl[PE_ROWS], left[PE_ROWS], status[PE_ROWS];
    int64_t earned[PE_ROWS], shrt[PE_ROWS];
} pe_out;
static pe_out pe_one, pe_two;

static edr_pe_status_results pe_view(pe_out *o) {
    edr_pe_status_results r = EDR_PE_STATUS_RESULTS_INIT;
    r.state = o->state, r.reason = o->reason, r.period_first = o->pf, r.period_last = o->pl;
    r.earned = o->earned, r.short_by = o->shrt, r.days_left = o->left, r.renewal_possible = o->renew;
    r.status = o->status;
    return r;
}

static edr_pe_status_columns pe_cols;
static const int32_t pe_at = 20240; /* 2025-06-01 */

static void make_pe(void) {
    size_t i, m = 0;
    edr_pe_status_columns c = EDR_PE_STATUS_COLUMNS_INIT;
    for (i = 0; i < PE_ROWS; ++i) {
        unsigned k, j;
        dip[i] = 17897 + (int32_t)(rnd() % 2200); /* from 2019-01-01 */
        act[i] = EDR_NO_DAY;
        expect_pe[i] = EDR_PE_ROW_OK;
        k = rnd() % 5;
        for (j = 0; j < k; ++j) cday[m] = dip[i] + (int32_t)(rnd() % 1200), cpts[m] = 25 + rnd() % 400, ++m;
        if (i == 0 || i == PE_ROWS - 1 || i % 101 == 17) {
            switch (i % 4) {
                case 0:
                    cday[m] = EDR_NO_DAY, cpts[m] = 100, ++m, expect_pe[i] = EDR_PE_ROW_DATE_OUT_OF_RANGE;
                    break;
                case 1:
                    cday[m] = dip[i], cpts[m] = -5, ++m, expect_pe[i] = EDR_PE_ROW_NEGATIVE_POINTS;
                    break;
                case 2:
                    act[i] = dip[i] - 3, expect_pe[i] = EDR_PE_ROW_ACTIVATION_BEFORE_DIPLOMA;
                    break;
                default:
                    dip[i] = 2932897, expect_pe[i] = EDR_PE_ROW_DATE_OUT_OF_RANGE;
                    break;
            }
        }
        coff[i + 1] = (int64_t)m;
    }
    c.rows = PE_ROWS;
    c.diploma_day = dip, c.activation_day = act, c.completion_offsets = coff;
    c.completions = m, c.completion_day = cday, c.completion_points = cpts;
    pe_cols = c;
}

typedef struct {
    size_t first, end, rejected;
    int rc;
} pe_job;

static void *pe_worker(void *arg) {
    pe_job *j = (pe_job *)arg;
    edr_pe_status_options o = EDR_PE_STATUS_OPTIONS_INIT;
    edr_pe_status_results r = pe_view(&pe_two);
    o.first_row = j->first, o.end_row = j->end;
    j->rc = edr_pe_status_batch(&r, &j->rejected, engine, pe_at, &pe_cols, &o);
    return NULL;
}

static void test_pe(void) {
    size_t i, rejected = 0, expected_rejected = 0;
    edr_pe_status_results r = pe_view(&pe_one);
    pe_job jobs[2] = {{0, PE_ROWS / 2 + 3, 0, -99}, {PE_ROWS / 2 + 3, PE_ROWS, 0, -99}};
    pthread_t t[2];
    make_pe();
    memset(&pe_one, 0xEE, sizeof pe_one);
    memset(&pe_two, 0xEE, sizeof pe_two);
    CHECK(edr_pe_status_batch(&r, &rejected, engine, pe_at, &pe_cols, NULL) == EDR_OK, "pe batch", -1);
    for (i = 0; i < PE_ROWS; ++i) {
        CHECK(pe_one.status[i] == expect_pe[i], "pe status is the injected one", i);
        CHECK((pe_one.state[i] == EDR_PE_STATE_REJECTED) == (expect_pe[i] != EDR_PE_ROW_OK),
              "pe one result or one rejection", i);
        if (expect_pe[i] != EDR_PE_ROW_OK) ++expected_rejected;
    }
    CHECK(rejected == expected_rejected, "pe rejected count", -1);
    for (i = 0; i < 2; ++i) pthread_create(&t[i], NULL, pe_worker, &jobs[i]);
    for (i = 0; i < 2; ++i) pthread_join(t[i], NULL);
    CHECK(jobs[0].rc == EDR_OK && jobs[1].rc == EDR_OK, "pe on 2 threads", -1);
    CHECK(jobs[0].rejected + jobs[1].rejected == rejected, "pe rejected on 2 threads", -1);
    CHECK(memcmp(&pe_one, &pe_two, sizeof pe_one) == 0, "pe: 1 and 2 threads give the same bytes", -1);
    printf("pe: %d rows, %lu rejected as injected, 1 and 2 threads byte-identical\n", PE_ROWS, (unsigned long)rejected);
}

/* ---- leave ------------------------------------------------------------ */

#define LV_ROWS 4000
static uint8_t region[LV_ROWS], ttype[LV_ROWS];
static int32_t syear[LV_ROWS], tstart[LV_ROWS], expect_lv[LV_ROWS];
static int64_t contract[LV_ROWS], full[LV_ROWS], given[LV_ROWS], att[LV_ROWS];
typedef struct {
    int64_t granted[LV_ROWS];
    int32_t status[LV_ROWS];
    uint32_t reasons[LV_ROWS];
    uint8_t regime[LV_ROWS];
} lv_out;
static lv_out lv_one, lv_two;

static edr_leave_columns lv_cols(size_t first, size_t end) {
    edr_leave_columns c = EDR_LEAVE_COLUMNS_INIT;
    c.rows = end - first;
    c.region = region + first, c.school_year = syear + first, c.training_start = tstart + first;
    c.training_type = ttype + first, c.contract_minutes = contract + first, c.full_time_minutes = full + first;
    c.given_minutes = given + first, c.attended_minutes = att + first;
    return c;
}
static edr_leave_results lv_view(lv_out *o, size_t first) {
    edr_leave_results r = EDR_LEAVE_RESULTS_INIT;
    r.granted_minutes = o->granted + first, r.status = o->status + first;
    r.reasons = o->reasons + first, r.regime = o->regime + first;
    return r;
}

typedef struct {
    size_t first, end;
    int rc;
} lv_job;
static void *lv_worker(void *arg) {
    lv_job *j = (lv_job *)arg;
    edr_leave_columns c = lv_cols(j->first, j->end);
    edr_leave_results r = lv_view(&lv_two, j->first);
    j->rc = edr_leave_hours_batch(&r, engine, &c);
    return NULL;
}

static void test_leave(void) {
    size_t i;
    edr_leave_columns c;
    edr_leave_results r;
    lv_job jobs[2] = {{0, 1999, -99}, {1999, LV_ROWS, -99}};
    pthread_t t[2];
    for (i = 0; i < LV_ROWS; ++i) {
        const int32_t y = 2019 + (int32_t)(rnd() % 5);
        region[i] = (uint8_t)(1 + rnd() % 3), ttype[i] = (uint8_t)(rnd() % 6);
        syear[i] = y, tstart[i] = y * 10000 + 901 + (int32_t)(rnd() % 20);
        contract[i] = 600 + rnd() % 1700, full[i] = 2280, given[i] = 1200 + rnd() % 9000, att[i] = given[i] * 9 / 10;
        expect_lv[i] = 99;
        if (i == 0 || i == LV_ROWS - 1 || i % 89 == 5) {
            switch (i % 5) {
                case 0:
                    region[i] = 7, expect_lv[i] = EDR_LEAVE_ROW_BAD_REGION;
                    break;
                case 1:
                    att[i] = -1, expect_lv[i] = EDR_LEAVE_ROW_BAD_MINUTES;
                    break;
                case 2:
                    tstart[i] = y * 10000 + 931, expect_lv[i] = EDR_LEAVE_ROW_BAD_DATE;
                    break; /* 31 September */
                case 3:
                    ttype[i] = 200, expect_lv[i] = EDR_LEAVE_ROW_BAD_CODE;
                    break;
                default:
                    full[i] = -2280, expect_lv[i] = EDR_LEAVE_ROW_BAD_FULL_TIME;
                    break;
            }
        }
    }
    memset(&lv_one, 0xEE, sizeof lv_one);
    memset(&lv_two, 0xEE, sizeof lv_two);
    c = lv_cols(0, LV_ROWS);
    r = lv_view(&lv_one, 0);
    CHECK(edr_leave_hours_batch(&r, engine, &c) == EDR_OK, "leave batch", -1);
    for (i = 0; i < LV_ROWS; ++i) {
        if (expect_lv[i] != 99) {
            CHECK(lv_one.status[i] == expect_lv[i], "leave status is the injected one", i);
            CHECK(lv_one.granted[i] == 0, "a rejected leave row grants nothing", i);
        } else {
            CHECK(lv_one.status[i] == EDR_LEAVE_ROW_GRANTED || lv_one.status[i] == EDR_LEAVE_ROW_NOT_ELIGIBLE,
                  "a good leave row is decided", i);
            CHECK(lv_one.granted[i] >= 0, "granted is not negative", i);
        }
    }
    for (i = 0; i < 2; ++i) pthread_create(&t[i], NULL, lv_worker, &jobs[i]);
    for (i = 0; i < 2; ++i) pthread_join(t[i], NULL);
    CHECK(jobs[0].rc == EDR_OK && jobs[1].rc == EDR_OK, "leave on 2 threads", -1);
    CHECK(memcmp(&lv_one, &lv_two, sizeof lv_one) == 0, "leave: 1 and 2 threads give the same bytes", -1);
    printf("leave: %d rows, injected rejections in place, 1 and 2 threads byte-identical\n", LV_ROWS);
}

/* ---- JSON requests on 1 and 2 threads ---------------------------------- */

#define NREQ 3
static char *requests[NREQ];
static size_t request_len[NREQ];
static edr_buf answers_one[NREQ], answers_two[2][NREQ];

static char *slurp(const char *dir, const char *name, const char *prefix, const char *suffix, size_t *len) {
    char path[4096];
    FILE *f;
    long n;
    size_t p = strlen(prefix), s = strlen(suffix);
    char *buf;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (!f) {
        printf("FAIL cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (char *)malloc(p + (size_t)n + s + 1);
    memcpy(buf, prefix, p);
    if (fread(buf + p, 1, (size_t)n, f) != (size_t)n) exit(1);
    memcpy(buf + p + (size_t)n, suffix, s + 1);
    fclose(f);
    *len = p + (size_t)n + s;
    return buf;
}

static void *json_worker(void *arg) {
    edr_buf *out = (edr_buf *)arg;
    int k;
    for (k = NREQ - 1; k >= 0; --k) /* the other order than the first run */
        if (edr_evaluate_json(&out[k], engine, requests[k], request_len[k]) != EDR_OK) out[k].size = (size_t)-1;
    return NULL;
}

static void test_json(const char *src) {
    char dir[4096];
    int k, t;
    pthread_t th[2];
    snprintf(dir, sizeof dir, "%s/examples/data", src);
    requests[0] =
        slurp(dir, "dossier.json",
              "{\"schema_version\":1,\"kind\":\"pe.status\",\"date\":\"2025-06-01\",\"explain\":true,\"dossier\":", "}",
              &request_len[0]);
    requests[1] = slurp(dir, "leave.json", "", "", &request_len[1]);
    requests[2] = slurp(dir, "dossier.json",
                        "{\"schema_version\":1,\"kind\":\"pe.collective\",\"date\":\"2025-06-01\",\"seu_numbers\":["
                        "\"SEU-100037\",\"SEU-100074\",\"SEU-100111\"],\"dossier\":",
                        "}", &request_len[2]);
    for (k = 0; k < NREQ; ++k) {
        answers_one[k] = (edr_buf)EDR_BUF_INIT;
        CHECK(edr_evaluate_json(&answers_one[k], engine, requests[k], request_len[k]) == EDR_OK, "json request", k);
        answers_two[0][k] = answers_two[1][k] = (edr_buf)EDR_BUF_INIT;
    }
    for (t = 0; t < 2; ++t) pthread_create(&th[t], NULL, json_worker, answers_two[t]);
    for (t = 0; t < 2; ++t) pthread_join(th[t], NULL);
    for (t = 0; t < 2; ++t)
        for (k = 0; k < NREQ; ++k)
            CHECK(answers_two[t][k].size == answers_one[k].size &&
                      memcmp(answers_two[t][k].ptr, answers_one[k].ptr, answers_one[k].size) == 0,
                  "json: the same bytes on 1 and 2 threads", k);
    for (k = 0; k < NREQ; ++k) {
        edr_buf_dispose(&answers_one[k]);
        edr_buf_dispose(&answers_two[0][k]);
        edr_buf_dispose(&answers_two[1][k]);
        free(requests[k]);
    }
    printf("json: %d requests, byte-identical on 1 and 2 threads\n", NREQ);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        printf("usage: test_integrity_c SOURCE_DIR\n");
        return 2;
    }
    if (edr_engine_new(&engine, NULL) != EDR_OK) {
        printf("FAIL engine: %s\n", edr_error_last()->message);
        return 1;
    }
    test_pe();
    test_leave();
    test_json(argv[1]);
    edr_engine_free(engine);
    printf("integrity (C ABI): %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
