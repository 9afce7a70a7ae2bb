/* The function twins of the _INIT macros (edr_xxx_init), for FFI callers:
 * each writes exactly what its macro spells, refuses NULL and an unknown
 * struct version, and leaves the struct alone when it refuses. */
#define EDR_EXPERIMENTAL /* the facts batch structs is experimental */
#include <stdint.h>
#include <string.h>

#include "check.h"

/* `expect` has static storage, so its padding is zero like the library's. */
#define CHECK_INIT(T, fn, MACRO, VERSION, name)                                                                   \
    do {                                                                                                          \
        static const T expect = MACRO;                                                                            \
        T got;                                                                                                    \
        memset(&got, 0xAB, sizeof got);                                                                           \
        CHECK_OK(fn(&got, VERSION));                                                                              \
        CHECK(memcmp(&got, &expect, sizeof got) == 0);                                                            \
        CHECK(got.version == (VERSION));                                                                          \
        memset(&got, 0xAB, sizeof got);                                                                           \
        CHECK_ERROR(fn(&got, 0), EDR_E_INVALID_ARGUMENT, "version");                                              \
        CHECK_ERROR(fn(&got, (VERSION) + 1), EDR_E_INVALID_ARGUMENT, "version");                                  \
        CHECK(((const unsigned char *)&got)[0] == 0xAB && ((const unsigned char *)&got)[sizeof got - 1] == 0xAB); \
        CHECK_ERROR(fn(NULL, VERSION), EDR_E_INVALID_ARGUMENT, name);                                             \
    } while (0)

void test_init(void) {
    CHECK_INIT(edr_pe_status_columns, edr_pe_status_columns_init, EDR_PE_STATUS_COLUMNS_INIT,
               EDR_PE_STATUS_COLUMNS_VERSION, "columns");
    CHECK_INIT(edr_pe_status_results, edr_pe_status_results_init, EDR_PE_STATUS_RESULTS_INIT,
               EDR_PE_STATUS_RESULTS_VERSION, "results");
    CHECK_INIT(edr_pe_status_options, edr_pe_status_options_init, EDR_PE_STATUS_OPTIONS_INIT,
               EDR_PE_STATUS_OPTIONS_VERSION, "options");
    CHECK_INIT(edr_pe_status_columns_v2, edr_pe_status_columns_v2_init, EDR_PE_STATUS_COLUMNS_V2_INIT,
               EDR_PE_STATUS_COLUMNS_V2_VERSION, "columns");
    CHECK_INIT(edr_leave_columns, edr_leave_columns_init, EDR_LEAVE_COLUMNS_INIT, EDR_LEAVE_COLUMNS_VERSION, "columns");
    CHECK_INIT(edr_leave_results, edr_leave_results_init, EDR_LEAVE_RESULTS_INIT, EDR_LEAVE_RESULTS_VERSION, "results");
    CHECK_INIT(edr_leave_facts, edr_leave_facts_init, EDR_LEAVE_FACTS_INIT, EDR_LEAVE_FACTS_VERSION, "facts");
    CHECK_INIT(edr_leave_worker_results, edr_leave_worker_results_init, EDR_LEAVE_WORKER_RESULTS_INIT,
               EDR_LEAVE_WORKER_RESULTS_VERSION, "results");
    CHECK_INIT(edr_leave_training_results, edr_leave_training_results_init, EDR_LEAVE_TRAINING_RESULTS_INIT,
               EDR_LEAVE_TRAINING_RESULTS_VERSION, "results");
    CHECK_INIT(edr_account_right_columns, edr_account_right_columns_init, EDR_ACCOUNT_RIGHT_COLUMNS_INIT,
               EDR_ACCOUNT_RIGHT_COLUMNS_VERSION, "columns");
    CHECK_INIT(edr_account_right_results, edr_account_right_results_init, EDR_ACCOUNT_RIGHT_RESULTS_INIT,
               EDR_ACCOUNT_RIGHT_RESULTS_VERSION, "results");
    { /* an account caller of version 1 gets no `worker` member written (its struct ends before it) */
        edr_account_right_columns c;
        memset(&c, 0xAB, sizeof c);
        CHECK_OK(edr_account_right_columns_init(&c, 1));
        CHECK(c.version == 1 && c.rows == 0 && c.year == NULL);
        CHECK(((const unsigned char *)&c.worker)[0] == 0xAB);
    }

    { /* the one default that is not zero: the options run to the last row */
        edr_pe_status_options o;
        memset(&o, 0, sizeof o);
        CHECK_OK(edr_pe_status_options_init(&o, 1));
        CHECK(o.first_row == 0 && o.end_row == SIZE_MAX);
    }
    { /* the unversioned ones */
        edr_buf b;
        edr_leave_text_column t;
        memset(&b, 0xAB, sizeof b);
        memset(&t, 0xAB, sizeof t);
        CHECK_OK(edr_buf_init(&b));
        CHECK(b.ptr == NULL && b.size == 0 && b.reserved == 0);
        edr_buf_dispose(&b); /* an initialised buffer can be disposed of */
        CHECK_OK(edr_leave_text_column_init(&t));
        CHECK(t.codes == NULL && t.names == NULL && t.name_count == 0);
        CHECK_ERROR(edr_buf_init(NULL), EDR_E_INVALID_ARGUMENT, "buf");
        CHECK_ERROR(edr_leave_text_column_init(NULL), EDR_E_INVALID_ARGUMENT, "column");
    }
}
