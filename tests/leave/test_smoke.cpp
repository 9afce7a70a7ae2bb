#include "edurules/engine.hpp"
#include "edurules/leave/evaluate.hpp"
#include <gtest/gtest.h>
TEST(LeaveSmoke, EngineBuilds) { edurules::engine e; (void)e; }
