// Placeholder until the insight command lands.
#include "common.hpp"

namespace edurules::cli {
int cmd_insight(int, char**, int) { throw usage_error("the insight command is not available in this build"); }
}  // namespace edurules::cli
