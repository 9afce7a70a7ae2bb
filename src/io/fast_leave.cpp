// The fast reader's leave part (see fast_request.hpp): leave.* workers
// straight into leave::worker.
#include <algorithm>
#include <set>

#include "fast_reader.hpp"

namespace edurules::io::detail::fast {

namespace {
constexpr names<7> leave_kinds{"leave.evaluate", "leave.regime",        "leave.eligibility", "leave.entitlement",
                               "leave.absence",  "leave.reimbursement", "leave.deadlines"};
}  // namespace

bool is_leave_kind(std::string_view kind) { return index_of(leave_kinds, kind) < leave_kinds.size(); }

std::vector<leave::worker> leave_workers(const engine&, od::value, std::vector<std::optional<school_year>>&) {
    doubt();
}

bool leave_workers_accepted(const engine&, leave_request&, const std::vector<std::optional<school_year>>&) {
    return false;
}

}  // namespace edurules::io::detail::fast
