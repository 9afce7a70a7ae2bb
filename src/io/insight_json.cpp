// Placeholder until the insight codec lands: every insight.* request is refused.
#include "handlers.hpp"

namespace edurules::io::detail {
json handle_insight(const engine&, std::string_view kind, const json&) {
    invalid(path("kind"), "request kind \"" + std::string(kind) + "\" is not available in this build");
}
}  // namespace edurules::io::detail
