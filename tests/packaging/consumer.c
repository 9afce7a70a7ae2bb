/* A downstream C program: checks header against library version, evaluates
 * a request, and provokes an error. Built by every packaging test. */
#include <edurules/edurules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    static const char request[] = "{\"schema_version\": 1, \"kind\": \"rulebook.describe\"}";
    edr_engine *engine = NULL;
    edr_buf out = EDR_BUF_INIT;
    int rc;

    if (edr_version_number() != EDR_VERSION_NUMBER) {
        fprintf(stderr, "header %s but library %s\n", EDR_VERSION_STRING, edr_version_string());
        return 1;
    }
    if (edr_engine_new(&engine, NULL) != EDR_OK ||
        edr_evaluate_json(&out, engine, request, sizeof request - 1) != EDR_OK) {
        fprintf(stderr, "failed: %s\n", edr_error_last()->message);
        edr_engine_free(engine);
        return 1;
    }
    rc = strstr(out.ptr, "\"rulebook.describe\"") != NULL ? 0 : 1;
    if (edr_evaluate_json(&out, engine, "{", 1) != EDR_E_PARSE) rc = 1;
    edr_buf_dispose(&out);
    edr_engine_free(engine);
    printf("consumer (C, edurules %s): %s\n", edr_version_string(), rc == 0 ? "ok" : "FAILED");
    return rc;
}
