/* edurules-example: evaluates one JSON request with the edurules C library
 * and prints the response.
 *
 *   edurules-example                  describes the built-in rulebook
 *   edurules-example request.json     evaluates the request in the file
 *   edurules-example - < request.json reads the request from stdin
 *
 * Exit status: 0 on success, 1 when edurules refuses the request (the error
 * is printed with its code, field, record and byte offset), 2 on usage or
 * I/O errors of this program. */
#include <edurules/edurules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole stream into malloc'd memory; returns NULL on failure. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *text = malloc(cap);
    while (text) {
        size_t got = fread(text + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
        if (n == cap) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                free(text);
                return NULL;
            }
            text = bigger;
            cap *= 2;
        }
    }
    if (text && ferror(f)) {
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

static int report(const char *what) {
    const edr_error *e = edr_error_last();
    fprintf(stderr, "edurules-example: %s failed: %s (%s)\n", what, e->message, edr_error_name(e->code));
    if (e->field[0]) fprintf(stderr, "  field:  %s\n", e->field);
    if (e->record >= 0) fprintf(stderr, "  record: %lld\n", (long long)e->record);
    if (e->offset >= 0) fprintf(stderr, "  offset: byte %lld\n", (long long)e->offset);
    return 1;
}

int main(int argc, char **argv) {
    static const char describe[] = "{\"schema_version\": 1, \"kind\": \"rulebook.describe\"}";
    edr_engine *engine = NULL;
    edr_buf response = EDR_BUF_INIT;
    char *request = NULL;
    size_t len = 0;
    int status = 0;

    /* A program built against one header but run with another library. */
    if (edr_version_number() / 10000 != EDR_VERSION_MAJOR) {
        fprintf(stderr, "edurules-example: built for edurules %s, running with %s\n", EDR_VERSION_STRING,
                edr_version_string());
        return 2;
    }

    if (argc > 2) {
        fprintf(stderr, "usage: %s [request.json | -]\n", argv[0]);
        return 2;
    }
    if (argc == 2) {
        FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
        if (!f) {
            perror(argv[1]);
            return 2;
        }
        request = read_all(f, &len);
        if (f != stdin) fclose(f);
        if (!request) {
            fprintf(stderr, "edurules-example: cannot read %s\n", argv[1]);
            return 2;
        }
    }

    if (edr_engine_new(&engine, NULL) != EDR_OK) {
        free(request);
        return report("building the engine");
    }
    if (edr_evaluate_json(&response, engine, request ? request : describe, request ? len : strlen(describe)) ==
        EDR_OK) {
        fwrite(response.ptr, 1, response.size, stdout);
        fputc('\n', stdout);
    } else {
        status = report("evaluating the request");
    }

    edr_buf_dispose(&response);
    edr_engine_free(engine);
    free(request);
    return status;
}
