// C shim of the account domain: converts the C columns of
// edr_account_right_batch to spans and calls account::right_batch. Nothing
// here decides; no exception crosses the C ABI.
#include "capi_internal.hpp"
#include "edurules/account/batch.hpp"

using namespace edurules;
using namespace edurules::capi;

int edr_account_right_batch(const edr_account_right_results* out, size_t* rejected, const edr_engine* engine,
                            const edr_account_right_columns* columns) {
    return guard([&] {
        if (rejected) *rejected = 0;
        const edr_account_right_results& o = require_handle(out, "out");
        const edr_engine& e = require_handle(engine, "engine");
        const edr_account_right_columns& c = require_handle(columns, "columns");
        check_version(c.version, EDR_ACCOUNT_RIGHT_COLUMNS_VERSION, "columns.version");
        check_version(o.version, EDR_ACCOUNT_RIGHT_RESULTS_VERSION, "out.version");
        const std::size_t n = c.rows;
        check_count(n, "columns.rows");
        if (n == 0) return EDR_OK;
        account::batch_input in;
        in.rows = n;
        in.year = column(c.year, n, "columns.year", true);
        in.reference_fte = column(c.reference_fte, n, "columns.reference_fte", true);
        in.reference_quarters = column(c.reference_quarters, n, "columns.reference_quarters", true);
        in.from_day = column(c.from_day, n, "columns.from_day", true);
        in.to_day = column(c.to_day, n, "columns.to_day", true);
        in.contract_minutes = column(c.contract_minutes, n, "columns.contract_minutes", true);
        in.full_time_minutes = column(c.full_time_minutes, n, "columns.full_time_minutes", true);
        in.joint_committee = column(c.joint_committee, n, "columns.joint_committee", false);
        in.employer_full_time_minutes =
            column(c.employer_full_time_minutes, n, "columns.employer_full_time_minutes", false);
        if (c.version >= 2) in.worker = column(c.worker, n, "columns.worker", false);
        account::batch_output res;
        res.status = column(o.status, n, "out.status", true);
        res.size_class = column(o.size_class, n, "out.size_class", true);
        res.months = column(o.months, n, "out.months", true);
        res.credit_minutes = column(o.credit_minutes, n, "out.credit_minutes", true);
        res.credit_days_num = column(o.credit_days_num, n, "out.credit_days_num", true);
        res.credit_days_den = column(o.credit_days_den, n, "out.credit_days_den", true);
        res.reasons = column(o.reasons, n, "out.reasons", true);
        const std::size_t bad = account::right_batch(e.engine.account(), in, res);
        if (rejected) *rejected = bad;
        return EDR_OK;
    });
}

const char* edr_account_row_status_name(int status) {
    using account::batch_row_status;
    switch (static_cast<batch_row_status>(status)) {
        case batch_row_status::ok:
            return "ok";
        case batch_row_status::bad_year:
            return "bad_year";
        case batch_row_status::bad_dates:
            return "bad_dates";
        case batch_row_status::bad_regime:
            return "bad_regime";
        case batch_row_status::bad_fte:
            return "bad_fte";
        case batch_row_status::bad_committee:
            return "bad_committee";
        case batch_row_status::rulebook:
            return "rulebook";
        case batch_row_status::overlapping_jobs:
            return "overlapping_jobs";
        case batch_row_status::worker_mismatch:
            return "worker_mismatch";
        case batch_row_status::worker_row_rejected:
            return "worker_row_rejected";
    }
    return "unknown";
}

const char* edr_account_size_class_name(int size_class) {
    if (size_class == 0) return "undetermined";  // EDR_ACCOUNT_SIZE_UNKNOWN: the reference FTE is not known
    if (size_class < 0 || size_class > 3) return "unknown";
    return account::to_string(static_cast<account::size_class>(size_class));
}

const char* edr_account_reason_name(int bit) {
    if (bit < 0 || static_cast<std::size_t>(bit) >= account::reason_codes.size()) return "unknown";
    return account::reason_codes[static_cast<std::size_t>(bit)].data();
}
