/* A tiny check harness shared by the C tests (C99, header-only). */
#ifndef EDURULES_TEST_CHECK_H
#define EDURULES_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "edurules/edurules.h"

extern int failures; /* defined by the test's main file */
extern int checks;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        ++checks;                                                                    \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                              \
        }                                                                            \
    } while (0)

/* Checks that `rc` is `code` and that the error record agrees: same code,
 * `field` equal to the record's field, the message naming the field. */
static inline void check_error_at(int rc, int code, const char *field, const char *file, int line) {
    const edr_error *e = edr_error_last();
    ++checks;
    if (rc != code || e == NULL || e->code != code || strcmp(e->field, field) != 0 ||
        strstr(e->message, field) == NULL) {
        fprintf(stderr, "%s:%d: expected %s on field \"%s\", got rc=%s record=%s field=\"%s\" message=\"%s\"\n", file,
                line, edr_error_name(code), field, edr_error_name(rc), e ? edr_error_name(e->code) : "(null)",
                e ? e->field : "", e ? e->message : "");
        ++failures;
    }
}
#define CHECK_ERROR(rc, code, field) check_error_at((rc), (code), (field), __FILE__, __LINE__)

static inline void check_ok_at(int rc, const char *file, int line) {
    const edr_error *e = edr_error_last();
    ++checks;
    if (rc != EDR_OK || e->code != EDR_OK || e->message[0] != '\0' || e->field[0] != '\0' || e->record != -1 ||
        e->offset != -1) {
        fprintf(stderr, "%s:%d: expected EDR_OK, got %s: %s\n", file, line, edr_error_name(rc), e->message);
        ++failures;
    }
}
#define CHECK_OK(rc) check_ok_at((rc), __FILE__, __LINE__)

#endif
