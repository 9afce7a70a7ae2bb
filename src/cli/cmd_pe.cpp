// Placeholder until the PE commands land.
#include "common.hpp"

namespace edurules::cli {
int cmd_status(int, char**, int) { throw usage_error("status is not available in this build"); }
int cmd_book(int, char**, int) { throw usage_error("book is not available in this build"); }
}  // namespace edurules::cli
