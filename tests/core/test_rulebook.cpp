// Tests for the rulebook: parsing, validation errors naming the field,
// effective dates, overlays and the embedded default.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "edurules/core/dated.hpp"
#include "edurules/core/explain.hpp"
#include "edurules/core/rulebook.hpp"
#include "edurules/engine.hpp"

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

/// Expects overlaying `top` on `base` to be refused (errc::rulebook) naming `field`, its message holding `text`.
void expect_overlay_refused(const rulebook& base, const rulebook& top, const std::string& field,
                            const std::string& text) {
    try {
        (void)rulebook::overlaid(base, top);
        ADD_FAILURE() << "accepted";
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::rulebook);
        EXPECT_EQ(e.field(), field);
        EXPECT_NE(e.message().find(text), std::string::npos) << e.what();
    }
}

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
    EXPECT_NE(
        expect_error(std::string(small).replace(s.find("\"s\", \"confidence\": \"P\""), 3, "\"nope\""), errc::rulebook)
            .find("parameters[\"x.cap\"].values[0].source: unknown source"),
        std::string::npos);
    EXPECT_NE(expect_error(std::string(small).replace(s.find("2025-09-01"), 10, "2025-08-01"), errc::rulebook)
                  .find("overlap"),
              std::string::npos);
    expect_error("{\"schema_version\": 1,", errc::parse);
    expect_error("[]", errc::rulebook);
    EXPECT_NE(
        expect_error(
            R"({"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{"a":{"type":"duration","unit":"hours","values":[{"value":"0.001","source":"s","confidence":"H"}]}}})",
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
        EXPECT_NE(std::string(e.what()).find("parameters[\"a\"]: has no value in force on 2019-12-31"),
                  std::string::npos);
    }
    EXPECT_THROW(rb.get<std::string>("a", date(2020, 1, 1)), error);   // kind mismatch
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

// An overlay naming a parameter the base does not have (a misspelling) is
// refused with the nearest name, not kept unread; the open family (a joint
// committee's agreement, account.be.sector.<pc>.…) may add members.
TEST(Rulebook, OverlayOfAnUnknownParameterIsRefusedWithTheNearestName) {
    const rulebook rb = rulebook::from_json(small);
    const rulebook typo = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.rat":{"type":"money","values":[{"value":"30.00","source":"u","confidence":"H"}]}}})");
    expect_overlay_refused(rb, typo, "parameters[\"x.rat\"]", "did you mean \"x.rate\"");
    const rulebook sector = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "account.be.sector.999.reset_every_years":{"type":"integer","values":[{"value":5,"source":"u","confidence":"L"}]}}})");
    EXPECT_TRUE(rulebook::overlaid(rb, sector).parameters().count("account.be.sector.999.reset_every_years"));
}

// An overlay's values replace the base's only over the dates they span: a
// value from 2026 keeps the base's values before it (it left those dates with
// no value at all, which validation passed and a decision then failed on).
// Inside the overlay's span its own values rule, and its own gaps are refused.
TEST(Rulebook, OverlayReplacesTheBaseOnlyOverTheDatesItSpans) {
    const rulebook rb = rulebook::from_json(small);
    const rulebook later = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.rate":{"type":"money","values":[{"from":"2026-01-01","value":"30.00","source":"u","confidence":"H"}]}}})");
    const rulebook a = rulebook::overlaid(rb, later);
    EXPECT_EQ(a.get<std::int64_t>("x.rate", date(2020, 1, 1)).value, 2130);
    EXPECT_EQ(a.get<std::int64_t>("x.rate", date(2025, 12, 31)).value, 1491);
    EXPECT_EQ(a.get<std::int64_t>("x.rate", date(2026, 1, 1)).value, 3000);
    EXPECT_EQ(a.get<std::int64_t>("x.rate", date(2030, 1, 1)).value, 3000);
    const rulebook middle = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.rate":{"type":"money","values":[
          {"from":"2024-01-01","to":"2024-12-31","value":"25.00","source":"u","confidence":"H"},
          {"from":"2025-01-01","to":"2025-12-31","value":"26.00","source":"u","confidence":"H"}]}}})");
    const rulebook b = rulebook::overlaid(rb, middle);
    EXPECT_EQ(b.get<std::int64_t>("x.rate", date(2023, 12, 31)).value, 2130);
    EXPECT_EQ(b.get<std::int64_t>("x.rate", date(2024, 6, 1)).value, 2500);
    EXPECT_EQ(b.get<std::int64_t>("x.rate", date(2025, 9, 1)).value, 2600);  // not the base's 14.91
    EXPECT_EQ(b.get<std::int64_t>("x.rate", date(2026, 1, 1)).value, 1491);
    // a narrower declaration applies to the base's values kept outside the overlay's span too
    const rulebook narrow = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.rate":{"type":"money","max":"20","values":[{"from":"2026-01-01","value":"15.00","source":"u","confidence":"H"}]}}})");
    expect_overlay_refused(rb, narrow, "parameters[\"x.rate\"]", "a value of the rulebook under the overlay");
    // a gap inside the overlay's own values: the overlay file itself is refused, numbered as in it
    const std::string gap = expect_error(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "x.rate":{"type":"money","values":[
          {"from":"2024-01-01","to":"2024-06-30","value":"25.00","source":"u","confidence":"H"},
          {"from":"2025-01-01","value":"26.00","source":"u","confidence":"H"}]}}})",
                                         errc::rulebook);
    EXPECT_NE(gap.find("parameters[\"x.rate\"].values[1].from: leaves a gap from 2024-07-01"), std::string::npos)
        << gap;
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

// A whole replacement rulebook (Engine(rulebook=...), edr_engine_new) with a
// parameter no rule reads: a misspelt "pe.points.requird" next to the right
// one was kept unread. The engine refuses it, naming the nearest known name.
TEST(Rulebook, AWholeRulebookWithAParameterNoRuleReadsIsRefused) {
    const std::string full = rulebook::builtin()->to_json();
    EXPECT_NO_THROW(engine(std::make_shared<const rulebook>(rulebook::from_json(full))));
    nlohmann::json doc = nlohmann::json::parse(full);
    doc["parameters"]["pe.points.requird"] = doc["parameters"]["pe.points.required"];
    const std::string typo = doc.dump();
    try {
        engine e(std::make_shared<const rulebook>(rulebook::from_json(typo)));
        ADD_FAILURE() << "accepted";
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::rulebook);
        EXPECT_EQ(e.field(), "parameters[\"pe.points.requird\"]");
        EXPECT_NE(e.message().find("did you mean \"pe.points.required\""), std::string::npos) << e.what();
    }
}

namespace {
/// A one-parameter rulebook: `decl` goes into the parameter object, `values` is its values list.
std::string one(const std::string& type, const std::string& decl, const std::string& values) {
    return R"({"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{"p":{"type":")" + type + "\"" +
           (decl.empty() ? "" : "," + decl) + R"(,"values":)" + values + "}}}";
}
std::string v1(const std::string& value) { return R"([{"value":)" + value + R"(,"source":"s","confidence":"H"}])"; }
void expect_refused(const std::string& doc, const std::string& what) {
    const std::string msg = expect_error(doc, errc::rulebook);
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
}
}  // namespace

TEST(RulebookConstraints, RangesRefuseValuesOutsideNamingParameterIndexAndValue) {
    expect_refused(one("integer", R"("unit":"month","min":1,"max":12)", v1("0")),
                   "parameters[\"p\"].values[0].value: 0 is below the minimum 1");
    expect_refused(one("integer", R"("min":1,"max":12)", v1("13")), "values[0].value: 13 is above the maximum 12");
    // No narrowing: 2^32 + 1 and 2^16 + 1 are not January.
    expect_refused(one("integer", R"("min":1,"max":12)", v1("4294967297")), "4294967297 is above the maximum 12");
    expect_refused(one("integer", R"("min":1,"max":12)", v1("65537")), "65537 is above the maximum 12");
    expect_refused(one("integer", "", v1("18446744073709551615")), "within 64 bits");
    expect_refused(one("duration", R"("unit":"minutes","min":1)", v1("0")), "0 is below the minimum 1");
    expect_refused(one("duration", R"("unit":"hours","max":"8784")", v1("\"9000\"")), "9000 is above the maximum 8784");
    expect_refused(one("duration", R"("unit":"hours")", v1("\"153722867280912931\"")), "too large");
    expect_refused(one("money", R"("unit":"EUR","min":"0")", v1("\"-0.01\"")), "-0.01 is below the minimum 0.00");
    expect_refused(one("decimal", R"("min":"0","max":"1")", v1("\"1.01\"")), "1.01 is above the maximum 1");
    expect_refused(one("decimal", R"("decimals":2)", v1("\"12.345\"")), "more than 2 decimal(s)");
    expect_refused(one("integer_list", R"("min":1,"max":12)", v1("[9,13]")),
                   "values[0].value[1]: 13 is above the maximum 12");
    expect_refused(one("integer_list", R"("min_items":1)", v1("[]")), "has 0 item(s), at least 1 needed");
    expect_refused(one("integer_list", R"("items":[{"min":0},{"min":1,"max":12},{"min":1,"max":31}])", v1("[0,10]")),
                   "exactly 3 needed");
    expect_refused(one("integer_list", R"("items":[{"min":0},{"min":1,"max":12},{"min":1,"max":31}])", v1("[0,0,31]")),
                   "value[1]: 0 is below the minimum 1");
    // A declaration that does not fit the type is itself refused.
    expect_refused(one("text", R"("min":1)", v1("\"a\"")), "parameters[\"p\"].min: a text has no range");
    expect_refused(one("integer", R"("allowed":["a"])", v1("1")), "only text and text_list have allowed values");
    expect_refused(one("integer", R"("min":5,"max":1)", v1("3")), "parameters[\"p\"].max: is below the minimum");
    EXPECT_NO_THROW(rulebook::from_json(one("integer", R"("min":1,"max":12)", v1("12"))));
}

TEST(RulebookConstraints, AllowedWordsForTextAndLists) {
    expect_refused(one("text", R"("allowed":["half_up","half_even","down","up"])", v1("\"banker\"")),
                   "values[0].value: \"banker\" is not one of the allowed values (half_up, half_even, down, up)");
    expect_refused(one("text_list", R"("allowed":["contact","live_online"])", v1("[\"contact\",\"distanse\"]")),
                   "values[0].value[1]: \"distanse\" is not one of the allowed values");
    EXPECT_NO_THROW(rulebook::from_json(one("text", R"("allowed":["clamp","roll_forward"])", v1("\"clamp\""))));
}

TEST(RulebookConstraints, GapsOnlyWhereDeclared) {
    const std::string gap = R"([{"to":"2020-08-31","value":1,"source":"s","confidence":"H"},
                               {"from":"2021-09-01","value":2,"source":"s","confidence":"H"}])";
    expect_refused(one("integer", "", gap),
                   "parameters[\"p\"].values[1].from: leaves a gap from 2020-09-01 to 2021-08-31 after values[0]");
    const rulebook rb = rulebook::from_json(one("integer", R"("gaps":true)", gap));
    EXPECT_EQ(rb.find("p")->at(date(2021, 1, 1)), nullptr);
    // Adjacent values are no gap.
    EXPECT_NO_THROW(
        rulebook::from_json(one("integer", "", R"([{"to":"2020-08-31","value":1,"source":"s","confidence":"H"},
                                                              {"from":"2020-09-01","value":2,"source":"s","confidence":"H"}])")));
    expect_refused(one("integer", "", R"([{"to":"2020-08-31","value":1,"source":"s","confidence":"H"},
                                          {"from":"2020-08-31","value":2,"source":"s","confidence":"H"}])"),
                   "values[1].from: overlaps values[0]");
}

TEST(RulebookConstraints, UnknownMembersAreRefusedWithTheNearestName) {
    // One wording for every reader (core/nearest.hpp's unknown_member): the
    // suggestion when a known name is close, and always the known names.
    expect_refused(one("integer", R"("mni":1)", v1("1")),
                   "parameters[\"p\"].mni: unknown member (did you mean \"min\"?); known members: ");
    expect_refused(one("integer", "", R"([{"value":1,"source":"s","confidence":"H","untill":"2020-01-01"}])"),
                   "parameters[\"p\"].values[0].untill: unknown member; known members: from, to, ");
    expect_refused(one("integer", "", R"([{"value":1,"sorce":"s","confidence":"H"}])"), "(did you mean \"source\"?)");
    expect_refused(R"({"schema_version":1,"paramters":{}})", "(did you mean \"parameters\"?)");
    expect_refused(R"({"schema_version":4294967297,"parameters":{}})", "schema_version");
}

TEST(RulebookConstraints, WithValueAndOverlaysKeepTheDeclaration) {
    const auto rb = rulebook::builtin();
    auto refused = [&](const char* name, const char* value, const std::string& what) {
        try {
            rulebook::with_value(*rb, name, value);
            ADD_FAILURE() << name << "=" << value << " accepted";
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::rulebook);
            EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
        }
    };
    // Issue 13: each of these crashed, looped or wrapped before.
    refused("pe.points.minutes_per_point", "0",
            "parameters[\"pe.points.minutes_per_point\"].values[0].value: 0 is below the minimum 1");
    refused("leave.training.lesson_period_minutes", "0", "0 is below the minimum 1");
    refused("leave.bev.certificate_period_months", "0", "0 is below the minimum 1");
    refused("leave.vov.reference_month", "65537", "65537 is above the maximum 12");
    refused("leave.vov.reference_month", "4294967297", "4294967297 is above the maximum 12");
    refused("leave.rate.vov", "-1", "-1.00 is below the minimum 0.00");
    refused("leave.bev.rounding", "banker", "\"banker\" is not one of the allowed values");
    refused("pe.registration.month_overflow", "wrap", "is not one of the allowed values (roll_forward, clamp)");
    // The range first, with the declared bound (probe f5: "has more than 2 decimal(s)" for a whole number above
    // the maximum; "too large (at most 9223372036854775807 ...)" for 9223372036854775807 itself).
    refused("pe.points.required", "100000000000000000",
            "parameters[\"pe.points.required\"].values[0].value: 100000000000000000 is above the maximum 10000");
    refused("pe.points.required", "9223372036854775807", "\"9223372036854775807\" is above the maximum 10000");
    refused("pe.points.required", "-99999999999999999999", "\"-99999999999999999999\" is below the minimum");
    EXPECT_NO_THROW(rulebook::with_value(*rb, "pe.points.minutes_per_point", "45"));

    // An overlay may narrow the base's declaration, never widen it.
    const rulebook wide = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "pe.points.minutes_per_point":{"type":"duration","unit":"minutes","min":0,"values":[{"value":0,"source":"u","confidence":"H"}]}}})");
    // Refused at the member that widens it, not dropped silently (a "max"
    // above the built-in one loaded, and the export still showed the old max).
    const auto widens = [&](const std::string& param, const std::string& decl, const std::string& values,
                            const std::string& want) {
        const rulebook overlay = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},)"
                                                     R"("parameters":{")" +
                                                     param + "\":{" + decl + ",\"values\":" + values + "}}}");
        try {
            rulebook::overlaid(*rb, overlay);
            ADD_FAILURE() << "overlay widened the declaration: " << decl;
        } catch (const error& e) {
            EXPECT_NE(std::string(e.what()).find(want), std::string::npos) << e.what();
        }
    };
    widens("pe.points.minutes_per_point", R"("type":"duration","unit":"minutes","min":0)",
           R"([{"value":50,"source":"u","confidence":"H"}])",
           "parameters[\"pe.points.minutes_per_point\"].min: is 0, wider than the min 1 of the built-in declaration: "
           "an overlay may narrow a declaration, never widen it");
    widens("pe.points.required", R"("type":"decimal","max":"20000")",
           R"([{"value":"16","source":"u","confidence":"H"}])",
           "parameters[\"pe.points.required\"].max: is 20000, wider than the max 10000 of the built-in "
           "declaration");
    widens("pe.points.required", R"("type":"decimal","decimals":4)",
           R"([{"value":"16","source":"u","confidence":"H"}])",
           "parameters[\"pe.points.required\"].decimals: is 4, wider than the 2 of the built-in declaration");
    widens("pe.registration.month_overflow", R"("type":"text","allowed":["clamp","wrap"])",
           R"([{"value":"clamp","source":"u","confidence":"H"}])",
           "parameters[\"pe.registration.month_overflow\"].allowed[1]: \"wrap\" is not allowed by the built-in "
           "declaration");
    // gaps: the built-in declaration has none; it said the overlay "declares no gaps (\"gaps\": false)"
    widens("pe.points.required", R"("type":"decimal","gaps":true)",
           R"([{"value":"16","from":"2025-01-01","to":"2025-03-31","source":"u","confidence":"H"},
               {"value":"17","from":"2025-06-01","source":"u","confidence":"H"}])",
           "parameters[\"pe.points.required\"].gaps: the built-in declaration has no gaps between dated values, and "
           "an overlay cannot add them");
    // An overlay over an overlay: named as the declaration under it.
    const rulebook narrow90 = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "pe.points.minutes_per_point":{"type":"duration","unit":"minutes","max":90,"values":[{"value":50,"source":"u","confidence":"H"}]}}})");
    const rulebook wider120 = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "pe.points.minutes_per_point":{"type":"duration","unit":"minutes","max":120,"values":[{"value":50,"source":"u","confidence":"H"}]}}})");
    try {
        rulebook::overlaid(rulebook::overlaid(*rb, narrow90), wider120);
        ADD_FAILURE() << "second overlay widened the first";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("is 120, wider than the max 90 of the declaration of the rulebook it "
                                             "overlays"),
                  std::string::npos)
            << e.what();
    }
    const rulebook narrow = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "pe.points.minutes_per_point":{"type":"duration","unit":"minutes","max":90,"values":[{"value":50,"source":"u","confidence":"H"}]}}})");
    const rulebook both = rulebook::overlaid(*rb, narrow);
    const auto& lim = both.find("pe.points.minutes_per_point")->limits;
    EXPECT_EQ(std::get<std::int64_t>(*lim.range.min), 1);
    EXPECT_EQ(std::get<std::int64_t>(*lim.range.max), 90);
    EXPECT_THROW(rulebook::with_value(both, "pe.points.minutes_per_point", "91"), error);

    // A whole replacement rulebook declaring nothing still meets the default
    // rulebook's declaration when the rules take the parameter.
    const rulebook bare = rulebook::from_json(R"({"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{
        "pe.points.minutes_per_point":{"type":"duration","unit":"minutes","values":[{"value":0,"source":"u","confidence":"H"}]}}})");
    try {
        bare.require("pe.points.minutes_per_point", value_kind::duration, "PE");
        ADD_FAILURE() << "replacement rulebook accepted";
    } catch (const error& e) {
        EXPECT_NE(
            std::string(e.what()).find("0 is below the minimum 1 (as the default rulebook declares for the PE rules)"),
            std::string::npos)
            << e.what();
    }
}

TEST(RulebookConstraints, DefaultRulebookDeclaresAndRoundTripsConstraints) {
    const auto rb = rulebook::builtin();
    EXPECT_EQ(rb->find("calendar.school_year_start_month"), nullptr);  // nothing read it (issue 11): gone
    for (const auto& [name, p] : rb->parameters()) {
        const constraints& c = p.limits;
        switch (p.kind) {
            case value_kind::integer:
            case value_kind::decimal:
            case value_kind::duration:
            case value_kind::money:
                EXPECT_TRUE(c.range.min.has_value()) << name << " declares no minimum";
                EXPECT_TRUE(c.range.max.has_value()) << name << " declares no maximum";
                break;
            case value_kind::integer_list:
                EXPECT_TRUE(c.range.max.has_value() || !c.items.empty()) << name << " declares no range";
                break;
            default:
                break;
        }
    }
    const rulebook again = rulebook::from_json(rb->to_json());
    const auto& a = again.find("leave.deadline.enrolment_certificate")->limits;
    ASSERT_EQ(a.items.size(), 3u);
    EXPECT_EQ(std::get<std::int64_t>(*a.items[1].max), 12);
    EXPECT_TRUE(again.find("leave.rate.vov")->limits.gaps);
    EXPECT_EQ(again.find("leave.bev.rounding")->limits.allowed.size(), 4u);
    EXPECT_EQ(std::get<std::int64_t>(*again.find("leave.vov.max_hours")->limits.range.max), 8784 * 60);
}

TEST(Dated, TextParametersAreParsedOnceWithTheirVersion) {
    const rulebook rb = rulebook::from_json(R"({"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{
        "r":{"type":"text","allowed":["half_up","down"],"values":[
            {"to":"2020-08-31","value":"down","source":"s","confidence":"H"},
            {"from":"2020-09-01","value":"half_up","source":"s","confidence":"M"}]},
        "o":{"type":"text","values":[{"from":"2019-01-01","value":"clamp","source":"s","confidence":"H"}]},
        "m":{"type":"duration","unit":"hours","values":[{"value":"1.5","source":"s","confidence":"H"}]},
        "bad":{"type":"text","values":[{"value":"sideways","source":"s","confidence":"H"}]}}})");
    const auto r = dated_rounding(rb.param("r"));
    EXPECT_EQ(r.at(date(2020, 8, 31)).value, rounding::down);
    const auto& later = r.at(date(2020, 9, 1));
    EXPECT_EQ(later.value, rounding::half_up);
    EXPECT_EQ(later.use.param, rb.find("r"));
    EXPECT_EQ(later.use.version->conf, confidence::medium);
    const auto o = dated_overflow(rb.param("o"));
    EXPECT_EQ(o.at(date(2019, 1, 1)).value, month_overflow::clamp);
    EXPECT_EQ(o.find(date(2018, 12, 31)), nullptr);
    try {
        o.at(date(2018, 12, 31));
        ADD_FAILURE();
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::rulebook);
        EXPECT_STREQ(e.what(), "parameters[\"o\"]: has no value in force on 2018-12-31");
    }
    EXPECT_EQ(dated<minutes>::read(rb.param("m")).at(date(2020, 1, 1)).value, minutes{90});
    try {
        dated_rounding(rb.param("bad"));
        ADD_FAILURE();
    } catch (const error& e) {
        EXPECT_STREQ(e.what(), "parameters[\"bad\"].values[0].value: sideways is not a value these rules know");
    }
    EXPECT_THROW(dated<decimal>::read(rb.param("m")), error);  // kind mismatch
}

TEST(Explanation, DisabledRecordsNothing) {
    explanation off(false);
    bool called = false;
    off.add("r", [&] {
        called = true;
        return std::string("x");
    });
    EXPECT_FALSE(called);
    EXPECT_TRUE(off.empty());
    explanation on;
    on.add("r", [] { return std::string("x"); });
    ASSERT_EQ(on.steps().size(), 1u);
    EXPECT_EQ(on.steps()[0].rule, "r");
}
