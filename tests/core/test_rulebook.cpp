// Tests for the rulebook: parsing, validation errors naming the field,
// effective dates, overlays and the embedded default.
#include "edurules/core/explain.hpp"
#include "edurules/core/rulebook.hpp"

#include <gtest/gtest.h>

using namespace edurules;
using boost::gregorian::date;

namespace {
const char* const small = R"({
  "schema_version": 1, "name": "t",
  "sources": {"s": {"title": "A source"}},
  "parameters": {
    "x.rate": {"type": "money", "unit": "EUR", "values": [
      {"to": "2025-08-31", "value": "21.30", "source": "s", "confidence": "H"},
      {"from": "2025-09-01", "value": "14.91", "source": "s", "confidence": "M"}]},
    "x.cap": {"type": "duration", "unit": "hours", "values": [{"value": "93.75", "source": "s", "confidence": "P"}]},
    "x.share": {"type": "decimal", "values": [{"value": 0.1, "source": "s", "confidence": "H"}]}
  }})";

std::string expect_error(const std::string& text, errc code) {
    try {
        rulebook::from_json(text);
    } catch (const error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no error for " << text;
    return {};
}
}  // namespace

TEST(Rulebook, ReadsValuesByEffectiveDate) {
    const rulebook rb = rulebook::from_json(small);
    EXPECT_EQ(rb.get<std::int64_t>("x.rate", date(2025, 8, 31)).value, 2130);
    EXPECT_EQ(rb.get<std::int64_t>("x.rate", date(2025, 9, 1)).value, 1491);
    EXPECT_EQ(rb.get<minutes>("x.cap", date(2020, 1, 1)).value, minutes{5625});
    EXPECT_EQ(rb.get<decimal>("x.share", date(2020, 1, 1)).value, (decimal{1, 1}));
    const auto r = rb.get<std::int64_t>("x.rate", date(2026, 1, 1));
    EXPECT_EQ(r.use.version->source_id, "s");
    EXPECT_EQ(r.use.version->conf, confidence::medium);
    EXPECT_EQ(r.use.param->format(r.use.version->value), "14.91 EUR");
}

TEST(Rulebook, MalformedRulebookNamesParameterAndField) {
    std::string s = small;
    EXPECT_NE(expect_error(std::string(small).replace(s.find("2025-08-31"), 10, "2025-02-30"), errc::rulebook)
                  .find("parameters[\"x.rate\"].values[0].to: not a date"),
              std::string::npos);
    EXPECT_NE(expect_error(std::string(small).replace(s.find("\"H\""), 3, "\"X\""), errc::rulebook)
                  .find("parameters[\"x.rate\"].values[0].confidence"),
              std::string::npos);
    EXPECT_NE(expect_error(std::string(small).replace(s.find("\"s\", \"confidence\": \"P\""), 3, "\"nope\""), errc::rulebook)
                  .find("parameters[\"x.cap\"].values[0].source: unknown source"),
              std::string::npos);
    EXPECT_NE(expect_error(std::string(small).replace(s.find("2025-09-01"), 10, "2025-08-01"), errc::rulebook)
                  .find("overlap"),
              std::string::npos);
    expect_error("{\"schema_version\": 1,", errc::parse);
    expect_error("[]", errc::rulebook);
    EXPECT_NE(expect_error(R"({"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{"a":{"type":"duration","unit":"hours","values":[{"value":"0.001","source":"s","confidence":"H"}]}}})",
                           errc::rulebook)
                  .find("not a whole number of minutes"),
              std::string::npos);
}

TEST(Rulebook, MissingDateIsAnErrorNamingTheParameter) {
    const rulebook rb = rulebook::from_json(R"({"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{
        "a":{"type":"integer","values":[{"from":"2020-01-01","value":1,"source":"s","confidence":"H"}]}}})");
    try {
        rb.get<std::int64_t>("a", date(2019, 12, 31));
        FAIL();
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::rulebook);
        EXPECT_NE(std::string(e.what()).find("parameters[\"a\"]: has no value in force on 2019-12-31"), std::string::npos);
    }
    EXPECT_THROW(rb.get<std::string>("a", date(2020, 1, 1)), error);  // kind mismatch
    EXPECT_THROW(rb.get<std::int64_t>("b", date(2020, 1, 1)), error);  // missing
}

TEST(Rulebook, OverlayAndSingleValueOverride) {
    const rulebook rb = rulebook::from_json(small);
    const rulebook over = rulebook::with_value(rb, "x.rate", "30.00", date(2026, 1, 1));
    EXPECT_EQ(over.get<std::int64_t>("x.rate", date(2025, 12, 31)).value, 1491);
    EXPECT_EQ(over.get<std::int64_t>("x.rate", date(2026, 1, 1)).value, 3000);
    EXPECT_EQ(over.get<std::int64_t>("x.rate", date(2020, 1, 1)).value, 2130);
    EXPECT_EQ(rb.get<std::int64_t>("x.rate", date(2026, 1, 1)).value, 1491);  // base unchanged
    const rulebook top = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.cap":{"type":"duration","unit":"hours","values":[{"value":100,"source":"u","confidence":"H"}]}}})");
    const rulebook both = rulebook::overlaid(rb, top);
    EXPECT_EQ(both.get<minutes>("x.cap", date(2020, 1, 1)).value, hours(100));
    EXPECT_EQ(both.get<std::int64_t>("x.rate", date(2020, 1, 1)).value, 2130);
    EXPECT_THROW(rulebook::with_value(rb, "x.nope", "1"), error);
    EXPECT_THROW(rulebook::with_value(rb, "x.rate", "abc"), error);
}

TEST(Rulebook, JsonRoundTrip) {
    const rulebook rb = rulebook::from_json(small);
    const rulebook again = rulebook::from_json(rb.to_json());
    EXPECT_EQ(again.get<minutes>("x.cap", date(2020, 1, 1)).value, minutes{5625});
    EXPECT_EQ(again.get<std::int64_t>("x.rate", date(2025, 9, 1)).value, 1491);
}

TEST(Rulebook, BuiltinLoadsAndRoundTrips) {
    const auto rb = rulebook::builtin();
    EXPECT_FALSE(rb->parameters().empty());
    EXPECT_EQ(rb->name(), "edurules default rulebook");
    // Every value names a source that exists.
    for (const auto& [name, p] : rb->parameters())
        for (const auto& v : p.versions) EXPECT_NE(rb->find_source(v.source_id), nullptr) << name;
    const rulebook again = rulebook::from_json(rb->to_json());
    EXPECT_EQ(again.parameters().size(), rb->parameters().size());
}

TEST(Explanation, DisabledRecordsNothing) {
    explanation off(false);
    bool called = false;
    off.add("r", [&] { called = true; return std::string("x"); });
    EXPECT_FALSE(called);
    EXPECT_TRUE(off.empty());
    explanation on;
    on.add("r", [] { return std::string("x"); });
    ASSERT_EQ(on.steps().size(), 1u);
    EXPECT_EQ(on.steps()[0].rule, "r");
}
