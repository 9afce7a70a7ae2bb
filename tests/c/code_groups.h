/* One group of codes of edurules.h (a typedef'd enum) and its name function;
 * the table of all groups is generated from the header (gen_codes.cmake). */
#ifndef EDURULES_TEST_CODE_GROUPS_H
#define EDURULES_TEST_CODE_GROUPS_H

#include <stddef.h>

#include "edurules/edurules.h"

typedef struct code_group {
    const char *type;          /**< the enum's typedef name, e.g. "edr_pe_state" */
    const char *(*name)(int);  /**< its name function */
    const long *codes;         /**< every enumerator's value */
    const char *const *macros; /**< every enumerator's spelling */
    size_t count;
    int bits; /**< 1: the codes are bit masks and the name function takes the bit number */
} code_group;

#endif
