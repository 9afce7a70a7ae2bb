// Placeholder until the leave command lands.
#include "common.hpp"

namespace edurules::cli {
int cmd_leave(int, char**, int) { throw usage_error("the leave command is not available in this build"); }
}  // namespace edurules::cli
