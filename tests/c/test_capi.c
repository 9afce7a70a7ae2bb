/* Tests of the C ABI through edurules.h alone, compiled as C99: every entry
 * point, every error code a C caller can provoke, ownership (run under
 * valgrind by ctest capi.valgrind), and bad input. EDR_E_INTERNAL and
 * EDR_E_NOMEM cannot be provoked from outside; test_guard.cpp covers them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "edurules/edurules.h"

int failures = 0;
int checks = 0;

static const char DESCRIBE[] = "{\"schema_version\": 1, \"kind\": \"rulebook.describe\"}";

/* A rulebook that parses but lacks every parameter the rules need. */
static const char EMPTY_RULEBOOK[] = "{\"schema_version\": 1, \"name\": \"empty\", \"parameters\": {}}";

/* An overlay replacing one PE parameter. */
static const char OVERLAY[] =
    "{\"schema_version\": 1, \"name\": \"overlay\","
    " \"sources\": {\"test.source\": {\"title\": \"C test\"}},"
    " \"parameters\": {\"pe.registration.period_months\": {\"type\": \"integer\", \"unit\": \"months\","
    " \"values\": [{\"value\": 36, \"source\": \"test.source\", \"confidence\": \"L\"}]}}}";

static void test_version(void) {
    CHECK(edr_version_number() == EDR_VERSION_NUMBER);
    CHECK(EDR_VERSION_NUMBER == EDR_VERSION_MAJOR * 10000 + EDR_VERSION_MINOR * 100 + EDR_VERSION_PATCH);
    CHECK(strcmp(edr_version_string(), EDR_VERSION_STRING) == 0);
    {
        char expect[32];
        snprintf(expect, sizeof expect, "%d.%d.%d", EDR_VERSION_MAJOR, EDR_VERSION_MINOR, EDR_VERSION_PATCH);
        CHECK(strcmp(edr_version_string(), expect) == 0);
    }
}

static void test_error_record(void) {
    const edr_error *e = edr_error_last();
    CHECK(e != NULL);
    CHECK(e->code == EDR_OK);
    CHECK(e->message != NULL && e->message[0] == '\0');
    CHECK(e->field != NULL && e->field[0] == '\0');
    CHECK(e->record == -1 && e->offset == -1);

    /* Pinned values: never change these. */
    CHECK(EDR_OK == 0);
    CHECK(EDR_E_INVALID_ARGUMENT == -1);
    CHECK(EDR_E_PARSE == -2);
    CHECK(EDR_E_INVALID_INPUT == -3);
    CHECK(EDR_E_RULEBOOK == -4);
    CHECK(EDR_E_IO == -5);
    CHECK(EDR_E_INTERNAL == -6);
    CHECK(EDR_E_NOMEM == -7);

    CHECK(strcmp(edr_error_name(EDR_OK), "EDR_OK") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_INVALID_ARGUMENT), "EDR_E_INVALID_ARGUMENT") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_PARSE), "EDR_E_PARSE") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_INVALID_INPUT), "EDR_E_INVALID_INPUT") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_RULEBOOK), "EDR_E_RULEBOOK") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_IO), "EDR_E_IO") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_INTERNAL), "EDR_E_INTERNAL") == 0);
    CHECK(strcmp(edr_error_name(EDR_E_NOMEM), "EDR_E_NOMEM") == 0);
    CHECK(strcmp(edr_error_name(-100), "EDR_E_UNKNOWN") == 0);
    CHECK(strcmp(edr_error_name(1), "EDR_E_UNKNOWN") == 0);

    /* A failure fills the record, the next success resets it, and so does
     * edr_error_clear. */
    CHECK_ERROR(edr_engine_new(NULL, NULL), EDR_E_INVALID_ARGUMENT, "out");
    CHECK(edr_error_last() == e); /* one record per thread, same address */
    CHECK(strstr(e->message, "NULL") != NULL);
    edr_error_clear();
    CHECK(e->code == EDR_OK && e->message[0] == '\0' && e->field[0] == '\0');
    CHECK_ERROR(edr_engine_new(NULL, NULL), EDR_E_INVALID_ARGUMENT, "out");
    {
        edr_engine *eng = NULL;
        CHECK_OK(edr_engine_new(&eng, NULL));
        edr_engine_free(eng);
    }
}

static void test_free_null(void) {
    edr_buf empty = EDR_BUF_INIT;
    edr_engine_free(NULL);
    edr_rulebook_free(NULL);
    edr_buf_dispose(NULL);
    edr_buf_dispose(&empty);
    edr_buf_dispose(&empty); /* twice: still a no-op */
    CHECK(empty.ptr == NULL && empty.size == 0);
}

static void test_evaluate(void) {
    edr_engine *eng = NULL;
    edr_buf out = EDR_BUF_INIT;
    CHECK_OK(edr_engine_new(&eng, NULL));
    CHECK(eng != NULL);

    CHECK_OK(edr_evaluate_json(&out, eng, DESCRIBE, strlen(DESCRIBE)));
    CHECK(out.ptr != NULL && out.size == strlen(out.ptr));
    CHECK(strstr(out.ptr, "\"kind\":\"rulebook.describe\"") != NULL);
    CHECK(strstr(out.ptr, "pe.registration.period_months") != NULL);

    /* Reusing a filled buffer releases its old text (valgrind sees no leak). */
    CHECK_OK(edr_evaluate_json(&out, eng, DESCRIBE, EDR_NUL_TERMINATED));
    CHECK(strstr(out.ptr, "\"result\"") != NULL);

    /* An answer that fits the room an earlier one left is written into it:
     * no new memory (the same pointer); a longer one gets new memory. */
    {
        static const char STATUS[] =
            "{\"schema_version\": 1, \"kind\": \"pe.status\", \"date\": \"2024-06-01\", \"dossier\":"
            " {\"schema_version\": 1, \"participants\": [{\"seu_number\": \"S1\", \"name\": \"A\","
            " \"track\": \"uitzendprofessional\", \"diploma_date\": \"2023-03-15\"}], \"activities\": [],"
            " \"recognitions\": [], \"completions\": []}}";
        const char *room = out.ptr;
        const size_t describe_size = out.size;
        CHECK_OK(edr_evaluate_json(&out, eng, STATUS, EDR_NUL_TERMINATED));
        CHECK(out.size < describe_size && out.size == strlen(out.ptr));
        CHECK(out.ptr == room);
        CHECK(strstr(out.ptr, "\"seu_number\":\"S1\"") != NULL && strstr(out.ptr, "pe.registration") == NULL);
        CHECK_OK(edr_evaluate_json(&out, eng, DESCRIBE, EDR_NUL_TERMINATED));
        CHECK(out.size == describe_size && out.size == strlen(out.ptr));
        CHECK(strstr(out.ptr, "pe.registration.period_months") != NULL);
    }

    /* A failure leaves the buffer empty. */
    CHECK_ERROR(edr_evaluate_json(&out, eng, "{", 1), EDR_E_PARSE, "request");
    CHECK(out.ptr == NULL && out.size == 0);

    edr_buf_dispose(&out);
    CHECK(out.ptr == NULL && out.size == 0);
    edr_engine_free(eng);
}

static void test_bad_arguments(void) {
    edr_engine *eng = NULL;
    edr_rulebook *rb = NULL;
    edr_rulebook *builtin = NULL;
    edr_buf out = EDR_BUF_INIT;
    char padded[128];
    CHECK_OK(edr_engine_new(&eng, NULL));
    CHECK_OK(edr_rulebook_builtin(&builtin));

    /* NULL outputs. */
    CHECK_ERROR(edr_rulebook_builtin(NULL), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_rulebook_parse(NULL, EMPTY_RULEBOOK, strlen(EMPTY_RULEBOOK)), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_rulebook_load(NULL, "x.json"), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_rulebook_overlay(NULL, builtin, builtin), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_rulebook_with_value(NULL, builtin, "pe.points.required", "30", NULL, NULL), EDR_E_INVALID_ARGUMENT,
                "out");
    CHECK_ERROR(edr_rulebook_to_json(NULL, builtin), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_engine_new(NULL, builtin), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_engine_new_json(NULL, NULL, 0, NULL, 0), EDR_E_INVALID_ARGUMENT, "out");
    CHECK_ERROR(edr_evaluate_json(NULL, eng, DESCRIBE, strlen(DESCRIBE)), EDR_E_INVALID_ARGUMENT, "out");

    /* NULL inputs; the output handle is set to NULL on failure. */
    rb = (edr_rulebook *)&out; /* any non-NULL value: must be overwritten */
    CHECK_ERROR(edr_rulebook_parse(&rb, NULL, 10), EDR_E_INVALID_ARGUMENT, "json");
    CHECK(rb == NULL);
    CHECK_ERROR(edr_rulebook_load(&rb, NULL), EDR_E_INVALID_ARGUMENT, "path");
    CHECK_ERROR(edr_rulebook_load(&rb, ""), EDR_E_INVALID_ARGUMENT, "path");
    CHECK_ERROR(edr_rulebook_overlay(&rb, NULL, builtin), EDR_E_INVALID_ARGUMENT, "base");
    CHECK_ERROR(edr_rulebook_overlay(&rb, builtin, NULL), EDR_E_INVALID_ARGUMENT, "overlay");
    CHECK_ERROR(edr_rulebook_with_value(&rb, NULL, "pe.points.required", "30", NULL, NULL), EDR_E_INVALID_ARGUMENT,
                "base");
    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, NULL, "30", NULL, NULL), EDR_E_INVALID_ARGUMENT, "name");
    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, "pe.points.required", NULL, NULL, NULL), EDR_E_INVALID_ARGUMENT,
                "value");
    CHECK(rb == NULL);
    CHECK_ERROR(edr_rulebook_to_json(&out, NULL), EDR_E_INVALID_ARGUMENT, "rulebook");
    CHECK_ERROR(edr_engine_new_json(&(edr_engine *){NULL}, NULL, 5, NULL, 0), EDR_E_INVALID_ARGUMENT, "rulebook_json");
    {
        edr_engine *e2 = (edr_engine *)&out;
        CHECK_ERROR(edr_engine_new_json(&e2, NULL, 0, NULL, 7), EDR_E_INVALID_ARGUMENT, "overlay_json");
        CHECK(e2 == NULL);
    }
    CHECK_ERROR(edr_evaluate_json(&out, NULL, DESCRIBE, strlen(DESCRIBE)), EDR_E_INVALID_ARGUMENT, "engine");
    CHECK_ERROR(edr_evaluate_json(&out, eng, NULL, 10), EDR_E_INVALID_ARGUMENT, "request_json");
    CHECK(out.ptr == NULL);

    /* Wrong lengths: zero, "negative", and a buffer's size instead of the
     * text's (a NUL byte inside the given length, reported with its offset). */
    CHECK_ERROR(edr_evaluate_json(&out, eng, DESCRIBE, 0), EDR_E_INVALID_ARGUMENT, "request_len");
    CHECK_ERROR(edr_evaluate_json(&out, eng, "", EDR_NUL_TERMINATED), EDR_E_INVALID_ARGUMENT, "request_json");
    CHECK_ERROR(edr_evaluate_json(&out, eng, DESCRIBE, (size_t)-2), EDR_E_INVALID_ARGUMENT, "request_len");
    memset(padded, 0, sizeof padded);
    memcpy(padded, DESCRIBE, strlen(DESCRIBE));
    CHECK_ERROR(edr_evaluate_json(&out, eng, padded, sizeof padded), EDR_E_INVALID_ARGUMENT, "request_len");
    CHECK(edr_error_last()->offset == (int64_t)strlen(DESCRIBE));
    CHECK_ERROR(edr_rulebook_parse(&rb, EMPTY_RULEBOOK, 0), EDR_E_INVALID_ARGUMENT, "len");
    CHECK_ERROR(edr_rulebook_parse(&rb, EMPTY_RULEBOOK, sizeof EMPTY_RULEBOOK), EDR_E_INVALID_ARGUMENT, "len");
    CHECK_ERROR(edr_engine_new_json(&(edr_engine *){NULL}, EMPTY_RULEBOOK, 0, NULL, 0), EDR_E_INVALID_ARGUMENT,
                "rulebook_len");
    CHECK_ERROR(edr_engine_new_json(&(edr_engine *){NULL}, NULL, 0, OVERLAY, sizeof OVERLAY), EDR_E_INVALID_ARGUMENT,
                "overlay_len");

    edr_buf_dispose(&out);
    edr_rulebook_free(builtin);
    edr_engine_free(eng);
}

static void test_parse_errors(void) {
    edr_engine *eng = NULL;
    edr_rulebook *rb = NULL;
    edr_buf out = EDR_BUF_INIT;
    const char *truncated = "{\"schema_version\": 1, \"kind\": \"rulebook.desc";
    CHECK_OK(edr_engine_new(&eng, NULL));

    /* Truncated JSON: a parse error with the byte offset where it stopped. */
    CHECK_ERROR(edr_evaluate_json(&out, eng, truncated, strlen(truncated)), EDR_E_PARSE, "request");
    CHECK(edr_error_last()->offset > 0 && edr_error_last()->offset <= (int64_t)strlen(truncated) + 1);
    CHECK_ERROR(edr_evaluate_json(&out, eng, DESCRIBE, 20), EDR_E_PARSE, "request");
    CHECK_ERROR(edr_rulebook_parse(&rb, EMPTY_RULEBOOK, 30), EDR_E_PARSE, "json");
    CHECK(rb == NULL);

    /* Invalid UTF-8, each kind named with the offset of its first byte. */
    {
        static const struct {
            const char *text;
            int64_t offset;
        } bad[] = {
            {"{\"kind\": \"\x80\"}", 10},                 /* stray continuation byte */
            {"{\"kind\": \"\xC0\xAF\"}", 10},             /* overlong '/' */
            {"{\"kind\": \"\xE0\x80\xAF\"}", 10},         /* overlong, 3 bytes */
            {"{\"kind\": \"\xED\xA0\x80\"}", 10},         /* UTF-16 surrogate U+D800 */
            {"{\"kind\": \"\xF4\x90\x80\x80\"}", 10},     /* above U+10FFFF */
            {"{\"kind\": \"\xFF\"}", 10},                 /* never valid */
            {"{\"kind\": \"ok \xC3\xA9 \xE2\x82\"}", 16}, /* truncated euro sign after a valid e-acute */
            {"{\"kind\": \"\xF0\x9F\x98\"", 10},          /* truncated at the end of input */
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
            CHECK_ERROR(edr_evaluate_json(&out, eng, bad[i].text, strlen(bad[i].text)), EDR_E_PARSE, "request_json");
            CHECK(edr_error_last()->offset == bad[i].offset);
            CHECK(strstr(edr_error_last()->message, "UTF-8") != NULL);
        }
        CHECK_ERROR(edr_rulebook_parse(&rb, bad[0].text, strlen(bad[0].text)), EDR_E_PARSE, "json");
        CHECK_ERROR(edr_engine_new_json(&(edr_engine *){NULL}, bad[1].text, strlen(bad[1].text), NULL, 0), EDR_E_PARSE,
                    "rulebook_json");
        CHECK_ERROR(edr_rulebook_with_value(&rb, NULL, "x", "y", NULL, NULL), EDR_E_INVALID_ARGUMENT, "base");
    }

    /* Valid multi-byte UTF-8 passes (2, 3 and 4 byte sequences). */
    {
        const char *named =
            "{\"schema_version\": 1, \"name\": \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\", "
            "\"parameters\": {}}";
        edr_buf json = EDR_BUF_INIT;
        CHECK_OK(edr_rulebook_parse(&rb, named, strlen(named)));
        CHECK_OK(edr_rulebook_to_json(&json, rb));
        CHECK(json.ptr != NULL && strstr(json.ptr, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") != NULL);
        edr_buf_dispose(&json);
        edr_rulebook_free(rb);
        rb = NULL;
    }

    edr_buf_dispose(&out);
    edr_engine_free(eng);
}

static void test_invalid_input(void) {
    edr_engine *eng = NULL;
    edr_rulebook *builtin = NULL;
    edr_rulebook *rb = NULL;
    edr_buf out = EDR_BUF_INIT;
    const char *unknown = "{\"schema_version\": 1, \"kind\": \"no.such.kind\"}";
    const char *no_kind = "{\"schema_version\": 1}";
    const char *bad_version = "{\"schema_version\": 99, \"kind\": \"rulebook.describe\"}";
    CHECK_OK(edr_engine_new(&eng, NULL));
    CHECK_OK(edr_rulebook_builtin(&builtin));

    CHECK_ERROR(edr_evaluate_json(&out, eng, unknown, strlen(unknown)), EDR_E_INVALID_INPUT, "kind");
    CHECK(strstr(edr_error_last()->message, "no.such.kind") != NULL);
    CHECK_ERROR(edr_evaluate_json(&out, eng, no_kind, strlen(no_kind)), EDR_E_INVALID_INPUT, "kind");
    CHECK(edr_evaluate_json(&out, eng, bad_version, strlen(bad_version)) == EDR_E_INVALID_INPUT);
    CHECK(strstr(edr_error_last()->field, "schema_version") != NULL);
    CHECK(out.ptr == NULL);

    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, "pe.points.required", "30", "2024-13-45", NULL),
                EDR_E_INVALID_INPUT, "from");
    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, "pe.points.required", "30", NULL, "soon"), EDR_E_INVALID_INPUT,
                "to");
    CHECK(rb == NULL);
    /* An unknown parameter or a value of the wrong type is refused (the C++
     * core decides which code); the message names the parameter. */
    CHECK(edr_rulebook_with_value(&rb, builtin, "no.such.parameter", "1", NULL, NULL) < 0);
    CHECK(strstr(edr_error_last()->message, "no.such.parameter") != NULL);
    CHECK(rb == NULL);
    /* A misspelt name is refused naming the nearest one, as an overlay file
     * refuses it (one function in the rulebook code for --set, C and Python). */
    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, "pe.points.requird", "16", NULL, NULL), EDR_E_RULEBOOK,
                "parameters[\"pe.points.requird\"]");
    CHECK(strstr(edr_error_last()->message, "no such parameter to override (did you mean \"pe.points.required\"?)") !=
          NULL);
    CHECK(rb == NULL);
    /* A range that ends before it starts is refused as the file refuses it,
     * naming the dates given (not an overlap with dates never given). */
    CHECK_ERROR(edr_rulebook_with_value(&rb, builtin, "pe.points.required", "1", "2025-02-01", "2024-01-01"),
                EDR_E_RULEBOOK, "parameters[\"pe.points.required\"].to");
    CHECK(strstr(edr_error_last()->message,
                 "a value runs from 2025-02-01 to 2024-01-01, which ends before it starts") != NULL);
    CHECK(rb == NULL);

    edr_rulebook_free(builtin);
    edr_buf_dispose(&out);
    edr_engine_free(eng);
}

static void test_rulebooks(const char *tmp_dir) {
    edr_rulebook *builtin = NULL, *reparsed = NULL, *empty = NULL, *overlay = NULL, *merged = NULL, *changed = NULL,
                 *loaded = NULL;
    edr_engine *eng = NULL;
    edr_buf json = EDR_BUF_INIT, out = EDR_BUF_INIT;
    char path[1024];

    CHECK_OK(edr_rulebook_builtin(&builtin));
    CHECK_OK(edr_rulebook_to_json(&json, builtin));
    CHECK(json.ptr != NULL && json.size > 100);

    /* Round trip through JSON, then an engine on the copy. */
    CHECK_OK(edr_rulebook_parse(&reparsed, json.ptr, json.size));
    CHECK_OK(edr_engine_new(&eng, reparsed));
    edr_rulebook_free(reparsed); /* the engine keeps its own reference */
    CHECK_OK(edr_evaluate_json(&out, eng, DESCRIBE, strlen(DESCRIBE)));
    CHECK(strstr(out.ptr, "pe.registration.period_months") != NULL);
    edr_engine_free(eng);
    eng = NULL;

    /* A rulebook lacking the parameters the rules need: EDR_E_RULEBOOK. */
    CHECK_OK(edr_rulebook_parse(&empty, EMPTY_RULEBOOK, strlen(EMPTY_RULEBOOK)));
    eng = (edr_engine *)&json;
    CHECK(edr_engine_new(&eng, empty) == EDR_E_RULEBOOK);
    CHECK(eng == NULL);
    CHECK(edr_error_last()->code == EDR_E_RULEBOOK && strstr(edr_error_last()->field, "parameters") != NULL);
    CHECK(edr_engine_new_json(&eng, EMPTY_RULEBOOK, strlen(EMPTY_RULEBOOK), NULL, 0) == EDR_E_RULEBOOK);
    CHECK(edr_error_last()->field[0] != '\0' && strstr(edr_error_last()->message, edr_error_last()->field) != NULL);
    {
        const char *bad_type =
            "{\"schema_version\": 1, \"parameters\": {\"x\": {\"type\": \"colour\", \"values\": []}}}";
        CHECK_ERROR(edr_rulebook_parse(&(edr_rulebook *){NULL}, bad_type, strlen(bad_type)), EDR_E_RULEBOOK,
                    "parameters[\"x\"].type");
    }

    /* Overlays: by handle and in one call; the new value shows in describe. */
    CHECK_OK(edr_rulebook_parse(&overlay, OVERLAY, strlen(OVERLAY)));
    CHECK_OK(edr_rulebook_overlay(&merged, builtin, overlay));
    CHECK_OK(edr_rulebook_to_json(&json, merged));
    CHECK(strstr(json.ptr, "test.source") != NULL);
    CHECK_OK(edr_engine_new(&eng, merged));
    edr_engine_free(eng);
    eng = NULL;
    CHECK_OK(edr_engine_new_json(&eng, NULL, 0, OVERLAY, strlen(OVERLAY)));
    CHECK_OK(edr_evaluate_json(&out, eng, DESCRIBE, strlen(DESCRIBE)));
    CHECK(strstr(out.ptr, "test.source") != NULL);
    edr_engine_free(eng);
    eng = NULL;
    CHECK_OK(edr_engine_new_json(&eng, json.ptr, json.size, OVERLAY, EDR_NUL_TERMINATED));
    edr_engine_free(eng);
    eng = NULL;

    /* A single value. */
    CHECK_OK(edr_rulebook_with_value(&changed, builtin, "pe.registration.period_months", "36", "2030-01-01", NULL));
    CHECK_OK(edr_rulebook_to_json(&json, changed));
    CHECK(strstr(json.ptr, "2030-01-01") != NULL);

    /* Files: a missing one is EDR_E_IO; a written one loads. */
    CHECK_ERROR(edr_rulebook_load(&loaded, "/nonexistent/edurules/rulebook.json"), EDR_E_IO, "path");
    CHECK(strstr(edr_error_last()->message, "/nonexistent/edurules/rulebook.json") != NULL);
    CHECK(loaded == NULL);
    snprintf(path, sizeof path, "%s/test_capi_rulebook.json", tmp_dir);
    {
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (f) {
            fwrite(json.ptr, 1, json.size, f);
            fclose(f);
            CHECK_OK(edr_rulebook_load(&loaded, path));
            CHECK_OK(edr_engine_new(&eng, loaded));
            remove(path);
        }
    }
    {
        FILE *f = fopen(path, "wb");
        if (f) {
            fputs("{\"schema_version\": 1, \"name\": \"\xC3\x28\"}", f);
            fclose(f);
            CHECK(edr_rulebook_load(&(edr_rulebook *){NULL}, path) == EDR_E_PARSE);
            CHECK(edr_error_last()->offset == 31);
            remove(path);
        }
    }

    edr_engine_free(eng);
    edr_rulebook_free(loaded);
    edr_rulebook_free(changed);
    edr_rulebook_free(merged);
    edr_rulebook_free(overlay);
    edr_rulebook_free(empty);
    edr_rulebook_free(builtin);
    edr_buf_dispose(&json);
    edr_buf_dispose(&out);
}

/* Every decision through the one JSON path: a PE status, a leave
 * evaluation (examples/data/leave.json), and an error naming the record. */
/* A leave request's errors name the worker as the record, as PE's name the
 * participant: a bad value, contradictory facts, a worker given twice. */
#define LEAVE_JOBS                                                                                              \
    "\"jobs\": [{\"from\": \"2010-01-01\", \"contract_per_week_hours\": \"38\", \"full_time_per_week_hours\": " \
    "\"38\"}]"
#define LEAVE_WORKER(id, region, end)                                                                        \
    "{\"id\": \"" id "\", \"establishment_unit\": {\"region\": \"" region "\"}, " LEAVE_JOBS                 \
    ", \"trainings\": [{\"id\": \"t\", \"type\": \"professional\", \"start\": \"2023-09-11\", \"lessons\": " \
    "[{\"date\": \"2023-09-11\", \"start\": \"18:30\", \"end\": \"" end "\"}]}]}"
#define LEAVE_REQUEST(w0, w1)                                                                                         \
    "{\"schema_version\": 1, \"kind\": \"leave.evaluate\", \"school_year\": \"2023-2024\", \"workers\": [" w0 ", " w1 \
    "]}"

static void test_leave_records(const edr_engine *eng) {
    static const char ok[] =
        LEAVE_REQUEST(LEAVE_WORKER("A", "flanders", "21:50"), LEAVE_WORKER("B", "wallonia", "21:50"));
    static const char bad_region[] =
        LEAVE_REQUEST(LEAVE_WORKER("A", "flanders", "21:50"), LEAVE_WORKER("B", "mars", "21:50"));
    static const char bad_lesson[] =
        LEAVE_REQUEST(LEAVE_WORKER("A", "flanders", "21:50"), LEAVE_WORKER("B", "flanders", "17:00"));
    static const char twice[] =
        LEAVE_REQUEST(LEAVE_WORKER("A", "flanders", "21:50"), LEAVE_WORKER("A", "flanders", "21:50"));
    edr_buf out = EDR_BUF_INIT;
    CHECK_OK(edr_evaluate_json(&out, eng, ok, sizeof ok - 1));
    CHECK(edr_error_last()->record == -1);
    CHECK(edr_evaluate_json(&out, eng, bad_region, sizeof bad_region - 1) == EDR_E_INVALID_INPUT);
    CHECK(strcmp(edr_error_last()->field, "workers[1].establishment_unit.region") == 0);
    CHECK(edr_error_last()->record == 1);
    CHECK(edr_evaluate_json(&out, eng, bad_lesson, sizeof bad_lesson - 1) == EDR_E_INVALID_INPUT);
    CHECK(strstr(edr_error_last()->field, "workers[1].trainings[0].lessons[0]") == edr_error_last()->field);
    CHECK(edr_error_last()->record == 1);
    CHECK(edr_evaluate_json(&out, eng, twice, sizeof twice - 1) == EDR_E_INVALID_INPUT);
    CHECK(strcmp(edr_error_last()->field, "workers[1].id") == 0);
    CHECK(edr_error_last()->record == 1);
    edr_buf_dispose(&out);
}

static void test_decision_kinds(void) {
    static const char pe_status[] =
        "{\"schema_version\": 1, \"kind\": \"pe.status\", \"date\": \"2024-06-01\", \"dossier\": "
        "{\"schema_version\": 1, \"participants\": [{\"seu_number\": \"S1\", \"diploma_date\": \"2023-03-15\"}]}}";
    static const char pe_bad[] =
        "{\"schema_version\": 1, \"kind\": \"pe.status\", \"date\": \"2024-06-01\", \"dossier\": "
        "{\"schema_version\": 1, \"participants\": [{\"seu_number\": \"S1\", \"diploma_date\": \"2023-03-15\"},"
        " {\"seu_number\": \"S2\", \"diploma_date\": \"2023-02-30\"}]}}";
    edr_engine *eng = NULL;
    edr_buf out = EDR_BUF_INIT;
    CHECK_OK(edr_engine_new(&eng, NULL));

    CHECK_OK(edr_evaluate_json(&out, eng, pe_status, sizeof pe_status - 1));
    CHECK(out.ptr && strstr(out.ptr, "\"kind\":\"pe.status\"") && strstr(out.ptr, "\"registered\""));

    CHECK(edr_evaluate_json(&out, eng, pe_bad, sizeof pe_bad - 1) == EDR_E_INVALID_INPUT);
    CHECK(strcmp(edr_error_last()->field, "dossier.participants[1].diploma_date") == 0);
    CHECK(edr_error_last()->record == 1);
    CHECK(strstr(edr_error_last()->field, "diploma_date") != NULL);
    CHECK(strstr(edr_error_last()->message, edr_error_last()->field) != NULL);

    test_leave_records(eng);

#ifdef EDURULES_SOURCE_DIR
    {
        FILE *f = fopen(EDURULES_SOURCE_DIR "/examples/data/leave.json", "rb");
        CHECK(f != NULL);
        if (f) {
            static char text[1 << 20];
            size_t n = fread(text, 1, sizeof text, f);
            fclose(f);
            CHECK(n > 0 && n < sizeof text);
            CHECK_OK(edr_evaluate_json(&out, eng, text, n));
            CHECK(out.ptr && strstr(out.ptr, "\"kind\":\"leave.evaluate\"") != NULL);
        }
    }
#endif
    edr_buf_dispose(&out);
    edr_engine_free(eng);
}

void test_batch(void);    /* test_batch.c */
void test_leave_v2(void); /* test_leave_v2.c */
void test_init(void);     /* test_init.c */
void test_names(void);    /* test_names.c */
void test_account(void);  /* test_account.c */

int main(int argc, char **argv) {
    const char *tmp_dir = argc > 1 ? argv[1] : ".";
    test_version();
    test_error_record();
    test_free_null();
    test_evaluate();
    test_bad_arguments();
    test_parse_errors();
    test_invalid_input();
    test_rulebooks(tmp_dir);
    test_decision_kinds();
    test_batch();
    test_leave_v2();
    test_init();
    test_names();
    test_account();
    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all %d checks passed\n", checks);
    return 0;
}
