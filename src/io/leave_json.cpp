// Placeholder until the leave codec lands: every leave.* request is refused.
#include "handlers.hpp"

namespace edurules::io::detail {
json handle_leave(const engine&, std::string_view kind, const json&) {
    invalid(path("kind"), "request kind \"" + std::string(kind) + "\" is not available in this build");
}
}  // namespace edurules::io::detail
