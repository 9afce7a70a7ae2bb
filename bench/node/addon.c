/* A small Node addon over the edurules C ABI (edurules.h), so that edurules
 * crosses the same JavaScript <-> native boundary as the peers' own N-API
 * bindings. Benchmark-only: built by build-addon.sh with the system compiler
 * against Node's N-API headers, linked to libedurules_c.so.
 *
 *   engineNew()                         -> engine (external; freed by GC)
 *   evaluateJson(engine, text)          -> response text (edr_evaluate_json)
 *   peStatusBatch(engine, atDay, cols, out, first, end) -> rejected rows
 *   leaveHoursBatch(engine, cols, out)  -> undefined
 *
 * Columns and outputs are typed arrays read in place (no copy); int64
 * columns are BigInt64Array. */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edurules/edurules.h"

#define CHECK(call)                                                   \
    do {                                                              \
        if ((call) != napi_ok) {                                      \
            napi_throw_error(env, NULL, "N-API call failed: " #call); \
            return NULL;                                              \
        }                                                             \
    } while (0)

static napi_value throw_edr(napi_env env, int rc) {
    const edr_error *e = edr_error_last();
    char msg[1024];
    snprintf(msg, sizeof msg, "%s: %s", edr_error_name(rc), e->message);
    napi_throw_error(env, edr_error_name(rc), msg);
    return NULL;
}

static void engine_finalize(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    edr_engine_free((edr_engine *)data);
}

static napi_value engine_new(napi_env env, napi_callback_info info) {
    (void)info;
    edr_engine *e = NULL;
    int rc = edr_engine_new(&e, NULL);
    if (rc != EDR_OK) return throw_edr(env, rc);
    napi_value out;
    CHECK(napi_create_external(env, e, engine_finalize, NULL, &out));
    return out;
}

static const edr_engine *engine_of(napi_env env, napi_value v) {
    void *p = NULL;
    if (napi_get_value_external(env, v, &p) != napi_ok || !p) {
        napi_throw_type_error(env, NULL, "expected an engine from engineNew()");
        return NULL;
    }
    return (const edr_engine *)p;
}

/* A reusable per-thread scratch buffer for the request text: each Node
 * thread (main or worker) calls in sequentially. */
static _Thread_local char *scratch;
static _Thread_local size_t scratch_cap;
static _Thread_local edr_buf answer = EDR_BUF_INIT;

static napi_value evaluate_json(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    const edr_engine *e = engine_of(env, argv[0]);
    if (!e) return NULL;
    /* One pass over the string when it fits the scratch buffer (the usual
     * case after the first call). V8 writes at most cap - 1 bytes and never
     * cuts a character (at most 4 bytes), so a text cut short leaves fewer
     * than 4 bytes unused: len + 4 < cap means the whole text. Otherwise ask
     * for the length and make room. */
    size_t len = 0;
    if (scratch_cap > 0) CHECK(napi_get_value_string_utf8(env, argv[1], scratch, scratch_cap, &len));
    if (scratch_cap == 0 || len + 4 >= scratch_cap) {
        CHECK(napi_get_value_string_utf8(env, argv[1], NULL, 0, &len));
        if (len + 1 > scratch_cap) {
            free(scratch);
            scratch_cap = (len + 1) * 2;
            scratch = (char *)malloc(scratch_cap);
            if (!scratch) {
                scratch_cap = 0;
                napi_throw_error(env, NULL, "out of memory");
                return NULL;
            }
        }
        CHECK(napi_get_value_string_utf8(env, argv[1], scratch, len + 1, &len));
    }
    /* the answer's buffer is kept per thread too: edr_evaluate_json reuses its room */
    int rc = edr_evaluate_json(&answer, e, scratch, len);
    if (rc != EDR_OK) return throw_edr(env, rc);
    napi_value s;
    napi_status st = napi_create_string_utf8(env, answer.ptr, answer.size, &s);
    if (st != napi_ok) {
        napi_throw_error(env, NULL, "napi_create_string_utf8 failed");
        return NULL;
    }
    return s;
}

/* The data pointer and length of obj[name], a typed array of `want` type;
 * NULL with *n = 0 when absent (undefined or null). */
static void *column(napi_env env, napi_value obj, const char *name, napi_typedarray_type want, size_t *n, int *bad) {
    napi_value v;
    napi_valuetype t;
    *n = 0;
    if (napi_get_named_property(env, obj, name, &v) != napi_ok) {
        *bad = 1;
        return NULL;
    }
    if (napi_typeof(env, v, &t) != napi_ok) {
        *bad = 1;
        return NULL;
    }
    if (t == napi_undefined || t == napi_null) return NULL;
    bool is_ta = false;
    napi_is_typedarray(env, v, &is_ta);
    if (!is_ta) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: expected a typed array", name);
        napi_throw_type_error(env, NULL, msg);
        *bad = 1;
        return NULL;
    }
    napi_typedarray_type type;
    void *data = NULL;
    napi_value ab;
    size_t off;
    napi_get_typedarray_info(env, v, &type, n, &data, &ab, &off);
    if (type != want) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: typed array of the wrong element type", name);
        napi_throw_type_error(env, NULL, msg);
        *bad = 1;
        return NULL;
    }
    return data;
}

static napi_value pe_status_batch(napi_env env, napi_callback_info info) {
    size_t argc = 6;
    napi_value argv[6];
    CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    const edr_engine *e = engine_of(env, argv[0]);
    if (!e) return NULL;
    int32_t at = 0;
    CHECK(napi_get_value_int32(env, argv[1], &at));
    int bad = 0;
    size_t n = 0, m = 0, k = 0, r = 0;
    edr_pe_status_columns c = EDR_PE_STATUS_COLUMNS_INIT;
    c.diploma_day = column(env, argv[2], "diploma", napi_int32_array, &n, &bad);
    c.activation_day = column(env, argv[2], "activation", napi_int32_array, &k, &bad);
    c.completion_offsets = column(env, argv[2], "offsets", napi_bigint64_array, &k, &bad);
    c.completion_day = column(env, argv[2], "day", napi_int32_array, &m, &bad);
    c.completion_points = column(env, argv[2], "points", napi_bigint64_array, &k, &bad);
    c.renewal_offsets = column(env, argv[2], "renewalOffsets", napi_bigint64_array, &k, &bad);
    c.renewal_day = column(env, argv[2], "renewalDay", napi_int32_array, &r, &bad);
    edr_pe_status_results o = EDR_PE_STATUS_RESULTS_INIT;
    o.state = column(env, argv[3], "state", napi_uint8_array, &k, &bad);
    o.reason = column(env, argv[3], "reason", napi_uint8_array, &k, &bad);
    o.period_first = column(env, argv[3], "first", napi_int32_array, &k, &bad);
    o.period_last = column(env, argv[3], "last", napi_int32_array, &k, &bad);
    o.earned = column(env, argv[3], "earned", napi_bigint64_array, &k, &bad);
    o.short_by = column(env, argv[3], "shortBy", napi_bigint64_array, &k, &bad);
    o.days_left = column(env, argv[3], "daysLeft", napi_int32_array, &k, &bad);
    o.renewal_possible = column(env, argv[3], "renewalPossible", napi_uint8_array, &k, &bad);
    o.status = column(env, argv[3], "status", napi_int32_array, &k, &bad);
    if (bad) return NULL;
    c.rows = n;
    c.completions = m;
    c.renewals = r;
    edr_pe_status_options opt = EDR_PE_STATUS_OPTIONS_INIT;
    if (argc >= 6) {
        int64_t first = 0, end = 0;
        CHECK(napi_get_value_int64(env, argv[4], &first));
        CHECK(napi_get_value_int64(env, argv[5], &end));
        opt.first_row = (size_t)first;
        opt.end_row = (size_t)end;
    }
    size_t rejected = 0;
    int rc = edr_pe_status_batch(&o, &rejected, e, at, &c, &opt);
    if (rc != EDR_OK) return throw_edr(env, rc);
    napi_value out;
    CHECK(napi_create_double(env, (double)rejected, &out));
    return out;
}

static napi_value leave_hours_batch(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    const edr_engine *e = engine_of(env, argv[0]);
    if (!e) return NULL;
    int bad = 0;
    size_t n = 0, k = 0;
    edr_leave_columns c = EDR_LEAVE_COLUMNS_INIT;
    c.region = column(env, argv[1], "region", napi_uint8_array, &n, &bad);
    c.school_year = column(env, argv[1], "schoolYear", napi_int32_array, &k, &bad);
    c.training_start = column(env, argv[1], "trainingStart", napi_int32_array, &k, &bad);
    c.training_type = column(env, argv[1], "trainingType", napi_uint8_array, &k, &bad);
    c.contract_minutes = column(env, argv[1], "contract", napi_bigint64_array, &k, &bad);
    c.full_time_minutes = column(env, argv[1], "fullTime", napi_bigint64_array, &k, &bad);
    c.given_minutes = column(env, argv[1], "given", napi_bigint64_array, &k, &bad);
    c.attended_minutes = column(env, argv[1], "attended", napi_bigint64_array, &k, &bad);
    c.unjustified_minutes = column(env, argv[1], "unjustified", napi_bigint64_array, &k, &bad);
    edr_leave_results o = EDR_LEAVE_RESULTS_INIT;
    o.granted_minutes = column(env, argv[2], "granted", napi_bigint64_array, &k, &bad);
    o.status = column(env, argv[2], "status", napi_int32_array, &k, &bad);
    o.reasons = column(env, argv[2], "reasons", napi_uint32_array, &k, &bad);
    o.regime = column(env, argv[2], "regime", napi_uint8_array, &k, &bad);
    if (bad) return NULL;
    c.rows = n;
    int rc = edr_leave_hours_batch(&o, e, &c);
    if (rc != EDR_OK) return throw_edr(env, rc);
    return NULL;
}

NAPI_MODULE_INIT() {
    napi_property_descriptor props[] = {
        {"engineNew", NULL, engine_new, NULL, NULL, NULL, napi_default, NULL},
        {"evaluateJson", NULL, evaluate_json, NULL, NULL, NULL, napi_default, NULL},
        {"peStatusBatch", NULL, pe_status_batch, NULL, NULL, NULL, napi_default, NULL},
        {"leaveHoursBatch", NULL, leave_hours_batch, NULL, NULL, NULL, napi_default, NULL},
    };
    napi_value version;
    if (napi_create_string_utf8(env, edr_version_string(), NAPI_AUTO_LENGTH, &version) == napi_ok)
        napi_set_named_property(env, exports, "version", version);
    napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
    return exports;
}
