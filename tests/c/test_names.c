/* Every code edurules.h defines has a name: for each typedef'd enum of the
 * header (the list is generated from it, so a new code is covered without an
 * edit and a new group without a name function does not compile), its name
 * function gives every code a non-NULL, non-empty name distinct from the
 * group's other names, and NULL or "unknown" for a code outside the group
 * ("EDR_E_UNKNOWN" for edr_error_name, as documented). */
#define EDR_EXPERIMENTAL /* every code, the facts batch's too is experimental */
#include <limits.h>
#include <string.h>

#include "check.h"
#include "code_groups.h"
#include "edr_codes.h"

#define MAX_CODES 64

static int unknown(const char *s) { return s == NULL || strcmp(s, "unknown") == 0 || strcmp(s, "EDR_E_UNKNOWN") == 0; }

/* The argument the name function takes for a code: the code, or for a bit
 * mask its bit number (-1 if the mask is not a single bit). */
static long argument(const code_group *g, long code) {
    long bit = 0;
    if (!g->bits) return code;
    if (code <= 0 || (code & (code - 1)) != 0) return -1;
    while ((code >> bit) != 1) ++bit;
    return bit;
}

static void check_group(const code_group *g) {
    const char *seen[MAX_CODES];
    long lo = LONG_MAX, hi = LONG_MIN, probes[4];
    size_t i, j, k;
    CHECK(g->count > 0 && g->count <= MAX_CODES);
    for (i = 0; i < g->count && i < MAX_CODES; ++i) {
        const long a = argument(g, g->codes[i]);
        const char *n = a < 0 && g->bits ? NULL : g->name((int)a);
        ++checks;
        if (n == NULL || n[0] == '\0' || unknown(n)) {
            fprintf(stderr, "%s: %s (%ld) has no name (%s)\n", g->type, g->macros[i], g->codes[i], n ? n : "NULL");
            ++failures;
        }
        for (j = 0; j < i; ++j) {
            ++checks;
            if (n != NULL && seen[j] != NULL && strcmp(n, seen[j]) == 0) {
                fprintf(stderr, "%s: %s and %s share the name \"%s\"\n", g->type, g->macros[j], g->macros[i], n);
                ++failures;
            }
        }
        seen[i] = n;
        if (a < lo) lo = a;
        if (a > hi) hi = a;
    }
    /* codes outside the group: just below and above it, and far away */
    probes[0] = lo - 1;
    probes[1] = hi + 1;
    probes[2] = -100000;
    probes[3] = 100000;
    for (k = 0; k < 4; ++k) {
        int known = 0;
        for (i = 0; i < g->count; ++i) known |= argument(g, g->codes[i]) == probes[k];
        if (known) continue;
        ++checks;
        if (!unknown(g->name((int)probes[k]))) {
            fprintf(stderr, "%s: %ld is no code, yet named \"%s\"\n", g->type, probes[k], g->name((int)probes[k]));
            ++failures;
        }
    }
}

void test_names(void) {
    size_t g, i;
    CHECK(CODE_GROUP_COUNT >= 15);
    for (g = 0; g < CODE_GROUP_COUNT; ++g) check_group(&code_groups[g]);
    /* the error names are the macros' spellings */
    for (i = 0; i < code_groups[0].count; ++i)
        CHECK(strcmp(edr_error_name((int)code_groups[0].codes[i]), code_groups[0].macros[i]) == 0);
    CHECK(strcmp(code_groups[0].type, "edr_code") == 0);
    /* the names are those of the JSON path (schemas/, README "JSON formats") */
    CHECK(strcmp(edr_leave_region_name(EDR_LEAVE_REGION_BRUSSELS), "brussels") == 0);
    CHECK(strcmp(edr_leave_training_type_name(EDR_LEAVE_TRAINING_EXAM_BOARD), "exam_board") == 0);
    CHECK(strcmp(edr_leave_lesson_mode_name(EDR_LEAVE_LESSON_LIVE_ONLINE), "live_online") == 0);
    CHECK(strcmp(edr_leave_raised_name(EDR_LEAVE_RAISED_SHORTAGE_OCCUPATION), "shortage_occupation") == 0);
    CHECK(strcmp(edr_leave_organisation_name(EDR_LEAVE_ORGANISATION_MODULAR), "modular") == 0);
    CHECK(strcmp(edr_leave_organisation_name(EDR_LEAVE_ORGANISATION_SCHOOL_YEAR), "school_year") == 0);
    CHECK(strcmp(edr_leave_counting_name(EDR_LEAVE_COUNTING_PLANNED_LESSON_PERIODS), "planned_lesson_periods") == 0);
    CHECK(strcmp(edr_leave_assessment_name(EDR_LEAVE_ASSESSMENT_MISSED_JUSTIFIED), "missed_justified") == 0);
    /* the reason bits are 0 .. EDR_LEAVE_REASON_BITS - 1, one code each */
    for (g = 0; g < CODE_GROUP_COUNT; ++g)
        if (code_groups[g].bits) CHECK(code_groups[g].count == EDR_LEAVE_REASON_BITS);
}
