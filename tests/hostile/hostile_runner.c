/* hostile_runner.c: the catalogue of hostile inputs (catalogue.tsv) through
 * the C ABI alone, all in ONE process on ONE engine: each entry must get its
 * documented code and name its field, and afterwards a valid request must
 * still give the same bytes as before the first hostile one.
 *
 *   hostile_runner CATALOGUE.tsv INPUTS_DIR            run the C entries
 *   hostile_runner --write CATALOGUE.tsv INPUTS_DIR ID OUT
 *                                                      write entry ID's input
 *                                                      (generated ones too) to OUT
 *
 * Columns of the catalogue (tab separated; '#' starts a comment line):
 *   id  entry  input  code  field  cli_exit  note
 * entry: request (edr_evaluate_json), rulebook (edr_engine_new_json: the
 * built-in rulebook with the input overlaid), or cli-* (only run_cli.sh).
 * input: a file in INPUTS_DIR, or gen:NAME:ARG (made here, see generate()).
 * code: the EDR_* name. field: for an error, a substring of
 * edr_error_last()->field ("-": no field expected); for EDR_OK, a substring
 * the response must contain ("-": none). Alternatives are separated by '|'
 * (the C ABI names an argument where the tool names the file). An entry whose id ends in "!" is a
 * known open finding (see README.md): listed, not run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edurules/edurules.h"

typedef struct {
    char *ptr;
    size_t size;
} text;

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "hostile_runner: %s %s\n", msg, arg ? arg : "");
    exit(2);
}

static text read_file(const char *path) {
    text t = {NULL, 0};
    FILE *f = fopen(path, "rb");
    long n;
    if (!f) die("cannot open", path);
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) die("cannot size", path);
    t.ptr = (char *)malloc((size_t)n + 1);
    if (!t.ptr) die("out of memory for", path);
    t.size = fread(t.ptr, 1, (size_t)n, f);
    t.ptr[t.size] = '\0';
    fclose(f);
    return t;
}

static void append(text *t, size_t *cap, const char *s, size_t n) {
    if (t->size + n + 1 > *cap) {
        while (t->size + n + 1 > *cap) *cap = *cap ? *cap * 2 : 1024;
        t->ptr = (char *)realloc(t->ptr, *cap);
        if (!t->ptr) die("out of memory", NULL);
    }
    memcpy(t->ptr + t->size, s, n);
    t->size += n;
    t->ptr[t->size] = '\0';
}
static void repeat(text *t, size_t *cap, const char *s, size_t times) {
    size_t i, n = strlen(s);
    for (i = 0; i < times; ++i) append(t, cap, s, n);
}
#define APPEND(s) append(&t, &cap, (s), strlen(s))

/* Inputs too big or too regular to commit. ARG is a count (nesting depth)
 * or a size in MiB. */
static text generate(const char *name, long arg) {
    text t = {NULL, 0};
    size_t cap = 0;
    const size_t mib = (size_t)arg * 1024 * 1024;
    if (!strcmp(name, "deep_open")) { /* N unbalanced '[' */
        repeat(&t, &cap, "[", (size_t)arg);
    } else if (!strcmp(name, "deep_date")) { /* a balanced N-deep list where a date belongs */
        APPEND("{\"schema_version\":1,\"kind\":\"pe.status\",\"date\":");
        repeat(&t, &cap, "[", (size_t)arg);
        repeat(&t, &cap, "]", (size_t)arg);
        APPEND("}");
    } else if (!strcmp(name, "deep_version")) { /* ... where schema_version belongs */
        APPEND("{\"kind\":\"pe.status\",\"schema_version\":");
        repeat(&t, &cap, "{\"a\":", (size_t)arg);
        APPEND("1");
        repeat(&t, &cap, "}", (size_t)arg);
        APPEND("}");
    } else if (!strcmp(name, "deep_rulebook")) { /* ... where a parameter's value belongs */
        APPEND(
            "{\"schema_version\":1,\"sources\":{\"s\":{\"title\":\"t\"}},\"parameters\":{\"pe.points.required\":"
            "{\"type\":\"decimal\",\"values\":[{\"source\":\"s\",\"confidence\":\"H\",\"value\":");
        repeat(&t, &cap, "[", (size_t)arg);
        repeat(&t, &cap, "]", (size_t)arg);
        APPEND("}]}}}");
    } else if (!strcmp(name, "big_ws")) { /* N MiB of blanks, then a valid request */
        repeat(&t, &cap, "                                                                ", mib / 64);
        APPEND("{\"schema_version\":1,\"kind\":\"rulebook.describe\"}");
    } else if (!strcmp(name, "big_bad_utf8")) { /* a string of N MiB ending in a bad byte */
        APPEND("{\"schema_version\":1,\"kind\":\"rulebook.describe\",\"note\":\"");
        repeat(&t, &cap, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl", mib / 64);
        APPEND("\xff\"}");
    } else if (!strcmp(name, "big_many_participants")) { /* N MiB of participants */
        size_t i, n = mib / 64;
        char buf[128];
        APPEND(
            "{\"schema_version\":1,\"kind\":\"pe.status\",\"date\":\"2025-06-01\",\"dossier\":{\"schema_version\":1,"
            "\"participants\":[");
        for (i = 0; i < n; ++i) {
            snprintf(buf, sizeof buf, "%s{\"seu_number\":\"S%08lu\",\"diploma_date\":\"2023-02-29\"}", i ? "," : "",
                     (unsigned long)i);
            APPEND(buf);
        }
        APPEND("]}}");
    } else if (!strcmp(name, "big_csv_bad_utf8")) { /* N MiB of upload rows, then a bad byte */
        APPEND("seu_number,activity_id,completion_date\n");
        repeat(&t, &cap, "S1,A1,2024-05-12\nS1,A1,2024-05-13\nS1,A1,2024-05-14\nS1,A1,2024-05-15\n", mib / 68);
        APPEND("S1,A\xff,2024-05-12\n");
    } else {
        die("unknown generator", name);
    }
    return t;
}

static text load_input(const char *input, const char *dir) {
    if (!strncmp(input, "gen:", 4)) {
        char name[64];
        const char *colon = strchr(input + 4, ':');
        size_t n = colon ? (size_t)(colon - input - 4) : strlen(input + 4);
        if (n >= sizeof name) die("generator name too long", input);
        memcpy(name, input + 4, n);
        name[n] = '\0';
        return generate(name, colon ? atol(colon + 1) : 0);
    } else {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, input);
        return read_file(path);
    }
}

/* Splits a catalogue line in place into up to 7 tab-separated columns. */
static int split(char *line, char **col) {
    int n = 0;
    char *p = line;
    while (n < 7) {
        col[n++] = p;
        p = strchr(p, '\t');
        if (!p) break;
        *p++ = '\0';
    }
    return n;
}

/* Does `hay` contain one of the '|'-separated alternatives in `want`? */
static int contains_any(const char *hay, const char *want) {
    char buf[512];
    const char *p = want;
    if (!hay) return 0;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= sizeof buf) n = sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        if (strstr(hay, buf)) return 1;
        if (!bar) break;
        p = bar + 1;
    }
    return 0;
}

static int run_entry(const edr_engine *engine, char **col, const char *dir) {
    const char *id = col[0], *entry = col[1], *input = col[2], *code = col[3], *field = col[4];
    const int by_path = !strcmp(entry, "rulebook-load");
    text in = {NULL, 0};
    edr_buf out = EDR_BUF_INIT;
    int rc, ok = 1;
    const edr_error *err;
    if (!by_path) in = load_input(input, dir);
    if (by_path) {
        /* edr_rulebook_load on a path: "path:/dev/zero", "dir:" (the inputs
           folder itself) or a file in inputs/. */
        char path[4096];
        edr_rulebook *rb = NULL;
        if (!strncmp(input, "path:", 5))
            snprintf(path, sizeof path, "%s", input + 5);
        else if (!strcmp(input, "dir:"))
            snprintf(path, sizeof path, "%s", dir);
        else
            snprintf(path, sizeof path, "%s/%s", dir, input);
        rc = edr_rulebook_load(&rb, path);
        edr_rulebook_free(rb);
    } else if (!strcmp(entry, "request")) {
        rc = edr_evaluate_json(&out, engine, in.ptr, in.size);
    } else {
        edr_engine *e2 = NULL;
        rc = edr_engine_new_json(&e2, NULL, 0, in.ptr, in.size);
        edr_engine_free(e2);
    }
    err = edr_error_last();
    if (strcmp(edr_error_name(rc), code) != 0) {
        printf("FAIL %s: %s, expected %s (field \"%s\": %s)\n", id, edr_error_name(rc), code, err->field, err->message);
        ok = 0;
    } else if (rc != EDR_OK) {
        if (!strcmp(field, "-") ? err->field[0] != '\0' : !contains_any(err->field, field)) {
            printf("FAIL %s: %s names field \"%s\", expected \"%s\" (%s)\n", id, code, err->field, field, err->message);
            ok = 0;
        } else if (err->message[0] == '\0') {
            printf("FAIL %s: %s without a message\n", id, code);
            ok = 0;
        }
    } else if (strcmp(field, "-") != 0 && !contains_any(out.ptr, field)) {
        printf("FAIL %s: response lacks \"%s\": %.300s\n", id, field, out.ptr ? out.ptr : "(none)");
        ok = 0;
    }
    if (ok) printf("ok   %s: %s %s%s%.160s\n", id, code, rc ? err->field : "", rc ? ": " : "", rc ? err->message : "");
    edr_buf_dispose(&out);
    free(in.ptr);
    return ok;
}

static const char sanity[] =
    "{\"schema_version\":1,\"kind\":\"pe.status\",\"date\":\"2025-06-01\",\"dossier\":{\"schema_version\":1,"
    "\"participants\":[{\"seu_number\":\"S1\",\"diploma_date\":\"2023-03-01\"}],"
    "\"activities\":[{\"id\":\"A1\",\"form\":\"classroom\",\"net_minutes\":240}],"
    "\"recognitions\":[{\"id\":\"R1\",\"activity_id\":\"A1\",\"decided\":\"2023-01-10\",\"points\":\"4\"}],"
    "\"completions\":[{\"seu_number\":\"S1\",\"activity_id\":\"A1\",\"completed\":\"2024-02-01\"}]}}";

int main(int argc, char **argv) {
    text cat;
    char *line, *next;
    int pass = 0, fail = 0, listed = 0;
    edr_engine *engine = NULL;
    edr_buf before = EDR_BUF_INIT, after = EDR_BUF_INIT;

    if (argc == 6 && !strcmp(argv[1], "--write")) {
        cat = read_file(argv[2]);
        for (line = cat.ptr; line && *line; line = next) {
            char *col[7];
            next = strchr(line, '\n');
            if (next) *next++ = '\0';
            if (*line == '#' || *line == '\0' || split(line, col) < 6 || strcmp(col[0], argv[4]) != 0) continue;
            {
                text in = load_input(col[2], argv[3]);
                FILE *f = fopen(argv[5], "wb");
                if (!f || fwrite(in.ptr, 1, in.size, f) != in.size || fclose(f) != 0) die("cannot write", argv[5]);
                free(in.ptr);
                free(cat.ptr);
                return 0;
            }
        }
        die("no such entry", argv[4]);
    }
    if (argc != 3) die("usage: hostile_runner CATALOGUE.tsv INPUTS_DIR", NULL);
    cat = read_file(argv[1]);
    if (edr_engine_new(&engine, NULL) != EDR_OK) die("cannot build the engine:", edr_error_last()->message);
    if (edr_evaluate_json(&before, engine, sanity, sizeof sanity - 1) != EDR_OK)
        die("sanity request:", edr_error_last()->message);

    for (line = cat.ptr; line && *line; line = next) {
        char *col[7];
        size_t idlen;
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (*line == '#' || *line == '\0') continue;
        if (split(line, col) < 6) die("a catalogue line needs 7 columns:", line);
        if (strncmp(col[1], "cli-", 4) == 0) continue; /* the command line only: run_cli.sh */
        if (strcmp(col[1], "python") == 0) continue;   /* Python only: tests/python/test_hostile_python.py */
        idlen = strlen(col[0]);
        if (idlen && col[0][idlen - 1] == '!') {
            printf("OPEN %s: known finding, not run (%s)\n", col[0], col[6]);
            ++listed;
            continue;
        }
        if (run_entry(engine, col, argv[2]))
            ++pass;
        else
            ++fail;
    }
    /* The process and the engine survived: the valid request still works, byte for byte. */
    if (edr_evaluate_json(&after, engine, sanity, sizeof sanity - 1) != EDR_OK) {
        printf("FAIL survival: the valid request fails after the catalogue: %s\n", edr_error_last()->message);
        ++fail;
    } else if (after.size != before.size || memcmp(after.ptr, before.ptr, before.size) != 0) {
        printf("FAIL survival: the valid request's response changed after the catalogue\n");
        ++fail;
    } else {
        printf("ok   survival: a valid request after the catalogue gives the same %lu bytes\n",
               (unsigned long)after.size);
        ++pass;
    }
    edr_buf_dispose(&before);
    edr_buf_dispose(&after);
    edr_engine_free(engine);
    free(cat.ptr);
    printf("hostile (C ABI, one process): %d passed, %d failed, %d open findings not run\n", pass, fail, listed);
    return fail ? 1 : 0;
}
