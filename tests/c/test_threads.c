/* Several threads evaluating on one shared engine (pthreads, C99). Each
 * thread's results must equal the single-threaded reference, and each
 * thread's error record must be its own. Run under ThreadSanitizer by
 * scripts/tsan.sh. */
#include "edurules/edurules.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 25

static const char DESCRIBE[] = "{\"schema_version\": 1, \"kind\": \"rulebook.describe\"}";
static const char UNKNOWN[] = "{\"schema_version\": 1, \"kind\": \"no.such.kind\"}";

struct job {
    const edr_engine *engine;
    const char *reference;
    size_t reference_size;
    int id;
    int failures;
};

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
    return NULL;
}

int main(void) {
    edr_engine *engine = NULL;
    edr_buf reference = EDR_BUF_INIT;
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    int i, failures = 0;

    if (edr_engine_new(&engine, NULL) != EDR_OK ||
        edr_evaluate_json(&reference, engine, DESCRIBE, sizeof DESCRIBE - 1) != EDR_OK) {
        fprintf(stderr, "setup failed: %s\n", edr_error_last()->message);
        return 1;
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
