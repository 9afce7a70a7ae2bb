/* Cold start to a first answer through the C ABI: load the shared library
 * (at exec), build an engine on the built-in rulebook, evaluate one small
 * pe.status request, print the response, exit. Timed from outside by
 * bench_capi (spawned N times, median). Usage: first_answer REQUEST.json */
#include <stdio.h>
#include <stdlib.h>

#include "edurules/edurules.h"

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: first_answer REQUEST.json\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char text[1 << 16];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    edr_engine *e = NULL;
    edr_buf out = EDR_BUF_INIT;
    int rc = edr_engine_new(&e, NULL);
    if (rc == EDR_OK) rc = edr_evaluate_json(&out, e, text, len);
    if (rc != EDR_OK) {
        fprintf(stderr, "%s\n", edr_error_last()->message);
        edr_engine_free(e);
        return 1;
    }
    fwrite(out.ptr, 1, out.size, stdout);
    putchar('\n');
    edr_buf_dispose(&out);
    edr_engine_free(e);
    return 0;
}
