// Tests for the leave JSON codec (src/io/leave_json.cpp): requests end to
// end, every request kind, and bad input refused naming the field.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "edurules/io/request.hpp"

using namespace edurules;
using json = nlohmann::json;

namespace {
const engine& eng() {
    static const engine e;
    return e;
}

json base_request(const std::string& kind = "leave.evaluate") {
    json lessons = json::array();
    for (int i = 0; i < 50; ++i) {
        // 50 lessons of 2 h on consecutive Mondays from 2020-09-07
        const auto d = boost::gregorian::date(2020, 9, 7) + boost::gregorian::days(7 * i);
        lessons.push_back({{"date", to_iso(d)}, {"start", "08:00"}, {"end", "10:00"}});
    }
    json training{{"id", "logistics"}, {"type", "professional"}, {"coinciding_with_work", true}, {"lessons", lessons}};
    json worker{
        {"id", "W1"},
        {"establishment_unit", {{"region", "wallonia"}}},
        {"jobs",
         json::array(
             {{{"from", "2014-01-01"}, {"contract_per_week_hours", "20"}, {"full_time_per_week_hours", "38"}}})},
        {"trainings", json::array({training})}};
    return json{
        {"schema_version", 1}, {"kind", kind}, {"school_year", "2020-2021"}, {"workers", json::array({worker})}};
}

json run(const json& req) { return json::parse(io::evaluate_json(eng(), req.dump())); }

std::string error_field(const json& req) {
    try {
        io::evaluate_json(eng(), req.dump());
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::invalid_input) << e.what();
        return e.field();
    }
    ADD_FAILURE() << "no error";
    return {};
}
}  // namespace

// docs/rules.md 2.2 part-time example through JSON: 100 h x 20/38 -> 53 h, EUR 21.30 per hour in Wallonia.
TEST(LeaveJson, EvaluatesTheSpecExample) {
    const json r = run(base_request());
    const json& t = r["result"]["workers"][0]["trainings"][0];
    EXPECT_EQ(t["regime"], "wallonia_bev");
    EXPECT_EQ(t["eligible"], true);
    EXPECT_EQ(t["hours"]["granted"]["minutes"], 53 * 60);
    EXPECT_EQ(t["hours"]["granted"]["hours"], "53");
    EXPECT_EQ(t["reimbursement"]["amount"], "1128.90");
    EXPECT_EQ(t["deadlines"]["claim_until"], "2022-03-31");  // Walloon claim: 31 March after the school year
    EXPECT_TRUE(t["explanation"].is_array());
    EXPECT_FALSE(t["explanation"].empty());
    EXPECT_EQ(r["result"]["workers"][0]["cap"]["full_time"]["hours"], "120");
}

TEST(LeaveJson, EachKindRendersItsPart) {
    const json d = run(base_request("leave.deadlines"))["result"]["workers"][0]["trainings"][0];
    EXPECT_TRUE(d.contains("deadlines"));
    EXPECT_FALSE(d.contains("hours"));
    const json a = run(base_request("leave.absence"))["result"]["workers"][0];
    EXPECT_TRUE(a.contains("suspensions"));
    // docs/rules.md 2.2; seed 004: by default every 3 months from the first lesson day (2020-09-07 .. 2021-08-16)
    const json& periods = a["trainings"][0]["attendance"]["certificate_periods"];
    ASSERT_EQ(periods.size(), 4u);
    EXPECT_EQ(periods[0]["to"], "2020-12-06");
    EXPECT_EQ(periods[3]["from"], "2021-06-07");
    EXPECT_EQ(periods[3]["to"], "2021-08-16");
    auto per_year = base_request("leave.absence");
    per_year["workers"][0]["trainings"][0]["organisation"] = "school_year";
    EXPECT_EQ(run(per_year)["result"]["workers"][0]["trainings"][0]["attendance"]["certificate_periods"].size(),
              3u);  // trimesters
    const json m = run(base_request("leave.reimbursement"))["result"]["workers"][0];
    EXPECT_EQ(m["reimbursement_total"], "1128.90");
    const json g = run(base_request("leave.regime"))["result"]["workers"][0]["trainings"][0];
    EXPECT_EQ(g["regime"], "wallonia_bev");
    auto bad = base_request("leave.nothing");
    EXPECT_EQ(error_field(bad), "kind");
}

TEST(LeaveJson, NotEligibleCarriesReasons) {
    auto req = base_request();
    req["workers"][0]["trainings"][0]["coinciding_with_work"] = false;
    for (auto& l : req["workers"][0]["trainings"][0]["lessons"]) l["coinciding_with_work"] = false;
    const json t = run(req)["result"]["workers"][0]["trainings"][0];
    EXPECT_EQ(t["eligible"], false);
    ASSERT_EQ(t["reasons"].size(), 1u);
    EXPECT_EQ(t["reasons"][0]["code"], "halftime_needs_professional_during_work");
    EXPECT_FALSE(t["reasons"][0]["text"].get<std::string>().empty());
}

// Bad input is refused naming the field (issue 3, "What must hold").
TEST(LeaveJson, RefusesUnknownRegion) {
    auto req = base_request();
    req["workers"][0]["establishment_unit"]["region"] = "atlantis";
    EXPECT_EQ(error_field(req), "workers[0].establishment_unit.region");
}

TEST(LeaveJson, RefusesLessonEndingBeforeItStarts) {
    auto req = base_request();
    req["workers"][0]["trainings"][0]["lessons"][4]["end"] = "07:30";
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].lessons[4].end");
}

TEST(LeaveJson, RefusesOverlappingLessons) {
    auto req = base_request();
    req["workers"][0]["trainings"][0]["lessons"].push_back(
        {{"date", "2020-09-14"}, {"start", "09:30"}, {"end", "11:00"}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].lessons[50].start");
}

TEST(LeaveJson, RefusesAbsenceOutsideTheTraining) {
    auto req = base_request();
    req["workers"][0]["trainings"][0]["absences"] = json::array({{{"date", "2020-09-08"}, {"reason", "illness"}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].absences[0].date");
    req["workers"][0]["trainings"][0]["absences"] =
        json::array({{{"date", "2020-09-07"}, {"reason", "illness"}, {"absent_minutes", 121}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].absences[0].absent_minutes");
}

TEST(LeaveJson, RefusesNegativeHours) {
    auto req = base_request();
    req["workers"][0]["jobs"][0]["contract_per_week_hours"] = "-20";
    EXPECT_EQ(error_field(req), "workers[0].jobs[0].contract_per_week_hours");
    req = base_request();
    req["workers"][0]["trainings"][0]["leave_taken"] = json::array({{{"date", "2020-09-07"}, {"leave_minutes", -60}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].leave_taken[0].leave_minutes");
}

TEST(LeaveJson, RefusesBadSchoolYearAndMissingFields) {
    auto req = base_request();
    req["school_year"] = "2020-2022";
    EXPECT_EQ(error_field(req), "school_year");
    req = base_request();
    req["workers"][0].erase("jobs");
    EXPECT_EQ(error_field(req), "workers[0].jobs");
    req = base_request();
    req["workers"][0]["trainings"][0]["type"] = "cooking";
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].type");
}

TEST(LeaveJson, SampleDataEvaluates) {
    std::ifstream f(std::string(EDURULES_SOURCE_DIR) + "/examples/data/leave.json");
    ASSERT_TRUE(f);
    std::stringstream ss;
    ss << f.rdbuf();
    const json r = json::parse(io::evaluate_json(eng(), ss.str()));
    EXPECT_GE(r["result"]["workers"].size(), 12u);
}

// docs/rules.md 2.1 (H): the establishment unit decides, not the head office or the residence.
TEST(LeaveJson, HeadOfficeAndResidenceDoNotDecide) {
    auto req = base_request();
    req["workers"][0]["head_office_region"] = "brussels";
    req["workers"][0]["residence_region"] = "flanders";
    const json w = run(req)["result"]["workers"][0];
    EXPECT_EQ(w["trainings"][0]["regime"], "wallonia_bev");
    bool noted = false;
    for (const auto& s : w["explanation"]) noted = noted || s["rule"] == "leave.regime.establishment_unit";
    EXPECT_TRUE(noted);
    req["workers"][0]["head_office_region"] = "mars";
    EXPECT_EQ(error_field(req), "workers[0].head_office_region");
}

TEST(LeaveJson, RefusesImpossibleDurations) {
    auto req = base_request();
    req["workers"][0]["jobs"][0]["contract_per_week_hours"] = "9000000000000000000";
    EXPECT_EQ(error_field(req), "workers[0].jobs[0].contract_per_week_hours");
    req = base_request();
    req["workers"][0]["jobs"][0]["full_time_per_week_hours"] = "169";  // more than a week
    EXPECT_EQ(error_field(req), "workers[0].jobs[0].full_time_per_week_hours");
    req = base_request();
    req["workers"][0]["trainings"][0]["vov"] = {{"credits", 1LL << 40}};
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].vov.credits");
}

// Principle 5: the sector and a training's language kind are closed words (the
// "allowed" lists of leave.regime.sectors and leave.brussels.raised_languages).
// A misspelt word was decided as another ("privat": no right, 0 h; "nationl":
// the ordinary cap of reformed Brussels); it is refused naming the field and
// the nearest word, by the fast reader and the document reader alike. The
// known words still decide: "public" has no right, "other" the ordinary cap.
TEST(LeaveJson, RefusesUnknownSectorAndLanguageKindNamingTheNearest) {
    const auto refusal = [](const json& req) -> std::string {
        try {
            io::evaluate_json(eng(), req.dump());
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_input) << e.what();
            EXPECT_EQ(e.record(), 0) << e.what();
            return e.field() + ": " + e.message();
        }
        ADD_FAILURE() << "no error";
        return {};
    };
    json req = base_request();
    req["workers"][0]["sector"] = "privat";
    EXPECT_EQ(refusal(req),
              "workers[0].sector: unknown value \"privat\" (did you mean \"private\"?); one of private, public "
              "(leave.regime.sectors)");
    req["workers"][0]["sector"] = "public";
    EXPECT_EQ(run(req)["result"]["workers"][0]["trainings"][0]["regime"], "none");
    req["workers"][0]["sector"] = "private";
    EXPECT_EQ(run(req)["result"]["workers"][0]["trainings"][0]["regime"], "wallonia_bev");

    req = base_request();  // checked in every region: the word is wrong, whatever rule reads it
    auto& t = req["workers"][0]["trainings"][0];
    t["type"] = "language";
    t["language_kind"] = "nationl";
    EXPECT_EQ(refusal(req),
              "workers[0].trainings[0].language_kind: unknown value \"nationl\" (did you mean \"national\"?); one "
              "of national, sign, job_related, other (leave.brussels.raised_languages)");
    t["type"] = "professional";  // refused whatever the training's type: the word is wrong, not the rule
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].language_kind");
    t["type"] = "language";
    t["language_kind"] = "other";
    EXPECT_NO_THROW(run(req));
}

// Issue 13: absence reasons are a closed list (rulebook leave.absence.reasons);
// a misspelt reason or none is refused naming the field, never counted as
// unjustified without a word; a misspelt member is refused too.
TEST(LeaveJson, RefusesUnknownOrMissingAbsenceReason) {
    json req = base_request();
    auto& t = req["workers"][0]["trainings"][0];
    t["absences"] = json::array({{{"date", "2020-09-07"}, {"reason", "ilness"}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].absences[0].reason");
    try {
        io::evaluate_json(eng(), req.dump());
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("did you mean \"illness\""), std::string::npos) << e.what();
    }
    t["absences"] = json::array({{{"date", "2020-09-07"}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].absences[0].reason");
    t["absences"] = json::array({{{"date", "2020-09-07"}, {"reason", "unjustified"}, {"absnt_minutes", 60}}});
    EXPECT_EQ(error_field(req), "workers[0].trainings[0].absences[0].absnt_minutes");
    t["absences"] = json::array({{{"date", "2020-09-07"}, {"reason", "unjustified"}}});
    EXPECT_NO_THROW(run(req));
}
