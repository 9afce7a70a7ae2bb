// The function twins of the _INIT macros of edurules.h, for callers that
// cannot use C macros (FFI). Each writes the value its macro spells, so the
// two cannot drift apart: the macro is the one definition.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#include "capi_internal.hpp"

using namespace edurules::capi;

namespace {

/// Writes the first `sizes[version - 1]` bytes of `value` (a static object:
/// its padding is zero) to `out`, then `version` itself: the struct says the
/// version it was given, not the macro's newest (a caller of version 1 whose
/// struct said 2 would have the batch read members past its end). `sizes`
/// lists the struct's size at each version, oldest first. When a struct
/// grows, append its new size: a caller of an older version gets only the
/// fields its layout has.
template <class T>
int init_struct(T* out, unsigned version, const T& value, std::span<const std::size_t> sizes, const char* name) {
    return guard([&] {
        require_out(out, name);
        check_version(version, static_cast<unsigned>(sizes.size()), "version");
        std::memcpy(static_cast<void*>(out), &value, sizes[version - 1]);
        static_assert(offsetof(T, version) == 0, "every versioned struct starts with its version");
        out->version = version;
        return EDR_OK;
    });
}

template <class T>
int init_unversioned(T* out, const T& value, const char* name) {
    return guard([&] {
        require_out(out, name);
        std::memcpy(static_cast<void*>(out), &value, sizeof(T));
        return EDR_OK;
    });
}

// The values of the macros, in static storage (zero padding).
constexpr edr_buf buf_init = EDR_BUF_INIT;
constexpr edr_pe_status_columns pe_columns_init = EDR_PE_STATUS_COLUMNS_INIT;
constexpr edr_pe_status_results pe_results_init = EDR_PE_STATUS_RESULTS_INIT;
constexpr edr_pe_status_options pe_options_init = EDR_PE_STATUS_OPTIONS_INIT;
constexpr edr_pe_status_columns_v2 pe_columns_v2_init = EDR_PE_STATUS_COLUMNS_V2_INIT;
constexpr edr_leave_columns leave_columns_init = EDR_LEAVE_COLUMNS_INIT;
constexpr edr_leave_results leave_results_init = EDR_LEAVE_RESULTS_INIT;
constexpr edr_leave_text_column text_column_init = EDR_LEAVE_TEXT_COLUMN_INIT;
constexpr edr_leave_facts facts_init = EDR_LEAVE_FACTS_INIT;
constexpr edr_leave_worker_results worker_results_init = EDR_LEAVE_WORKER_RESULTS_INIT;
constexpr edr_leave_training_results training_results_init = EDR_LEAVE_TRAINING_RESULTS_INIT;
constexpr edr_account_right_columns account_columns_init = EDR_ACCOUNT_RIGHT_COLUMNS_INIT;
constexpr edr_account_right_results account_results_init = EDR_ACCOUNT_RIGHT_RESULTS_INIT;

// Struct sizes by version (version 1 first).
constexpr std::size_t pe_columns_sizes[] = {sizeof(edr_pe_status_columns)};
constexpr std::size_t pe_results_sizes[] = {sizeof(edr_pe_status_results)};
constexpr std::size_t pe_options_sizes[] = {sizeof(edr_pe_status_options)};
constexpr std::size_t pe_columns_v2_sizes[] = {sizeof(edr_pe_status_columns_v2)};
constexpr std::size_t leave_columns_sizes[] = {sizeof(edr_leave_columns)};
constexpr std::size_t leave_results_sizes[] = {sizeof(edr_leave_results)};
// version 1 ends before `provider` (added in version 2)
constexpr std::size_t facts_sizes[] = {offsetof(edr_leave_facts, provider), sizeof(edr_leave_facts)};
constexpr std::size_t worker_results_sizes[] = {sizeof(edr_leave_worker_results)};
constexpr std::size_t training_results_sizes[] = {sizeof(edr_leave_training_results)};
// version 1 ends before `worker` (added in version 2)
constexpr std::size_t account_columns_sizes[] = {offsetof(edr_account_right_columns, worker),
                                                 sizeof(edr_account_right_columns)};
constexpr std::size_t account_results_sizes[] = {sizeof(edr_account_right_results)};

// The newest version of each struct is the one the header's macro names.
static_assert(std::size(pe_columns_sizes) == EDR_PE_STATUS_COLUMNS_VERSION);
static_assert(std::size(pe_results_sizes) == EDR_PE_STATUS_RESULTS_VERSION);
static_assert(std::size(pe_options_sizes) == EDR_PE_STATUS_OPTIONS_VERSION);
static_assert(std::size(pe_columns_v2_sizes) == EDR_PE_STATUS_COLUMNS_V2_VERSION);
static_assert(std::size(leave_columns_sizes) == EDR_LEAVE_COLUMNS_VERSION);
static_assert(std::size(leave_results_sizes) == EDR_LEAVE_RESULTS_VERSION);
static_assert(std::size(facts_sizes) == EDR_LEAVE_FACTS_VERSION);
static_assert(std::size(worker_results_sizes) == EDR_LEAVE_WORKER_RESULTS_VERSION);
static_assert(std::size(training_results_sizes) == EDR_LEAVE_TRAINING_RESULTS_VERSION);
static_assert(std::size(account_columns_sizes) == EDR_ACCOUNT_RIGHT_COLUMNS_VERSION);
static_assert(std::size(account_results_sizes) == EDR_ACCOUNT_RIGHT_RESULTS_VERSION);

}  // namespace

extern "C" {

int edr_buf_init(edr_buf* buf) { return init_unversioned(buf, buf_init, "buf"); }

int edr_pe_status_columns_init(edr_pe_status_columns* columns, unsigned int version) {
    return init_struct(columns, version, pe_columns_init, pe_columns_sizes, "columns");
}

int edr_pe_status_results_init(edr_pe_status_results* results, unsigned int version) {
    return init_struct(results, version, pe_results_init, pe_results_sizes, "results");
}

int edr_pe_status_options_init(edr_pe_status_options* options, unsigned int version) {
    return init_struct(options, version, pe_options_init, pe_options_sizes, "options");
}

int edr_pe_status_columns_v2_init(edr_pe_status_columns_v2* columns, unsigned int version) {
    return init_struct(columns, version, pe_columns_v2_init, pe_columns_v2_sizes, "columns");
}

int edr_leave_columns_init(edr_leave_columns* columns, unsigned int version) {
    return init_struct(columns, version, leave_columns_init, leave_columns_sizes, "columns");
}

int edr_leave_results_init(edr_leave_results* results, unsigned int version) {
    return init_struct(results, version, leave_results_init, leave_results_sizes, "results");
}

int edr_leave_text_column_init(edr_leave_text_column* column) {
    return init_unversioned(column, text_column_init, "column");
}

int edr_leave_facts_init(edr_leave_facts* facts, unsigned int version) {
    return init_struct(facts, version, facts_init, facts_sizes, "facts");
}

int edr_leave_worker_results_init(edr_leave_worker_results* results, unsigned int version) {
    return init_struct(results, version, worker_results_init, worker_results_sizes, "results");
}

int edr_leave_training_results_init(edr_leave_training_results* results, unsigned int version) {
    return init_struct(results, version, training_results_init, training_results_sizes, "results");
}

int edr_account_right_columns_init(edr_account_right_columns* columns, unsigned int version) {
    return init_struct(columns, version, account_columns_init, account_columns_sizes, "columns");
}

int edr_account_right_results_init(edr_account_right_results* results, unsigned int version) {
    return init_struct(results, version, account_results_init, account_results_sizes, "results");
}

}  // extern "C"
