// Tests for the JSON request dispatcher.
#include <gtest/gtest.h>

#include "edurules/io/request.hpp"

using namespace edurules;

TEST(Request, RejectsMalformedAndUnknown) {
    const engine e;
    try {
        io::evaluate_json(e, "{\"schema_version\":1,");
        FAIL();
    } catch (const error& err) {
        EXPECT_EQ(err.code(), errc::parse);
        EXPECT_GE(err.offset(), 0);
    }
    try {
        io::evaluate_json(e, R"({"schema_version":1,"kind":"nope"})");
        FAIL();
    } catch (const error& err) {
        EXPECT_EQ(err.code(), errc::invalid_input);
        EXPECT_EQ(err.field(), "kind");
    }
    try {
        io::evaluate_json(e, R"({"kind":"pe.status"})");
        FAIL();
    } catch (const error& err) {
        EXPECT_EQ(err.field(), "schema_version");
    }
}

TEST(Request, DescribesTheRulebook) {
    const engine e;
    const std::string out = io::evaluate_json(e, R"({"schema_version":1,"kind":"rulebook.describe"})");
    EXPECT_NE(out.find("pe.points.required"), std::string::npos);
}
