// Input dates the leave rules can count from (issue 13: "Some errors name no
// field (leave dates of 9999-12-31)"). leave::latest_input_date leaves room
// for the longest span the rulebook's declarations allow; a later date is
// refused by check_facts naming its training, item and field.
#include <gtest/gtest.h>

#include "edurules/leave/facts.hpp"
#include "helpers.hpp"

using namespace leave_test;

namespace {
const date too_late = next_day(latest_input_date);

worker base_worker() {
    worker w = make_worker(region::flanders, {employ(date(2010, 1, 1), 38)});
    training t = make_training("T1", training_type::professional);
    add_weekly(t, date(2023, 9, 4), 2, 180);
    w.trainings.push_back(t);
    training t2 = make_training("T2", training_type::professional);
    add_weekly(t2, date(2023, 10, 2), 4, 180);
    w.trainings.push_back(t2);
    return w;
}

std::int64_t declared_max(const char* name) {
    const parameter& p = default_engine().book().param(name);
    if (!p.limits.range.max) ADD_FAILURE() << name << " declares no maximum";
    return p.limits.range.max ? std::get<std::int64_t>(*p.limits.range.max) : 0;
}
}  // namespace

// The bound covers every forward span the rulebook may hold: the declarations
// (the loader refuses a value beyond them, an overlay may only narrow them).
TEST(LeaveFactsDates, LatestInputDateLeavesRoomForEveryDeclaredSpan) {
    const std::int64_t span = latest_input_span_months;
    EXPECT_LE(declared_max("leave.bev.suspension_months"), span);
    EXPECT_LE(declared_max("leave.bev.certificate_period_months"), span);
    EXPECT_LE(declared_max("leave.vov.claim_months_after_start"), span);
    EXPECT_LE(declared_max("leave.vov.career_attest_max_age_years") * 12, span);
    EXPECT_LE(declared_max("leave.deadline.enrolment_certificate_late_days"), 366);
    // 100 years from the day after the bound, and a year to spare for the
    // school-year dates that follow (claim windows in the next year)
    EXPECT_EQ(add_months(next_day(latest_input_date), static_cast<int>(span), month_overflow::clamp), date(9999, 1, 1));
}

// Each input date after the bound is refused naming the exact item and field.
TEST(LeaveFactsDates, EveryLateDateNamesItsField) {
    struct expect {
        const char* coll;
        std::size_t training, item;
        const char* field;
    };
    const auto check = [](const worker& w, expect x) {
        const facts_error e = check_facts(w);
        ASSERT_EQ(e.problem, facts_problem::date_too_late);
        EXPECT_STREQ(e.collection, x.coll);
        EXPECT_EQ(e.training, x.training);
        EXPECT_EQ(e.item, x.item);
        EXPECT_STREQ(e.field, x.field);
        EXPECT_NE(describe(w.trainings, e).find("9898-12-31"), std::string::npos);
    };
    worker w = base_worker();
    w.trainings[1].lessons[3].day = too_late;
    check(w, {"lessons", 1, 3, "date"});
    w = base_worker();
    w.trainings[0].absences.push_back(absence{too_late, minutes{60}, "illness", std::nullopt, std::nullopt});
    check(w, {"absences", 0, 0, "date"});
    w = base_worker();
    w.trainings[0].absences.push_back(
        absence{date(2023, 9, 4), minutes{60}, "holiday", too_late, period{date(2023, 9, 1), date(2023, 9, 10)}});
    check(w, {"absences", 0, 0, "employer_declared_on"});
    w = base_worker();
    w.trainings[0].start = too_late;
    check(w, {"", 0, 0, "start"});
    w = base_worker();
    w.trainings[1].enrolled_on = too_late;
    check(w, {"", 1, 0, "enrolled_on"});
    w = base_worker();
    w.trainings[0].career_attest_date = too_late;
    check(w, {"", 0, 0, "vov.career_attest_date"});
    w = base_worker();
    w.trainings[0].taken.push_back(leave_taken{too_late, minutes{60}});
    check(w, {"leave_taken", 0, 0, "date"});
    w = base_worker();
    w.jobs.push_back(employ(too_late, 19));
    check(w, {"jobs", facts_error::no_training, 1, "from"});
    w = base_worker();
    w.new_job_on = too_late;
    check(w, {"", facts_error::no_training, 0, "new_job_on"});
}

// On the bound itself, with every forward span at its declared maximum, the
// rules decide without leaving the calendar (docs/rules.md 2.2: certificate
// periods and the 6-month suspension; 2.4: claim window and deadlines).
TEST(LeaveFactsDates, DatesOnTheBoundDecideWithTheLongestSpans) {
    auto book = *rulebook::builtin();
    for (const char* name :
         {"leave.bev.suspension_months", "leave.bev.certificate_period_months", "leave.vov.claim_months_after_start"})
        book = rulebook::with_value(book, name, std::to_string(declared_max(name)));
    book = rulebook::with_value(book, "leave.vov.career_attest_max_age_years",
                                std::to_string(declared_max("leave.vov.career_attest_max_age_years")));
    // the default rulebook covers school years to 2026-2027 and refuses later ones: this overlay covers the
    // calendar's last school years, so that their dates are computed
    book = rulebook::with_value(book, "leave.coverage.last_day", "9999-08-31");
    const engine e(std::make_shared<const rulebook>(book));
    worker w = base_worker();
    w.new_job_on = latest_input_date;
    w.trainings[0].enrolled_on = latest_input_date;
    w.trainings[0].career_oriented = true;
    w.trainings[0].career_attest_date = latest_input_date;
    w.trainings[1].lessons[3].day = latest_input_date;
    w.trainings[1].absences.push_back(
        absence{latest_input_date, minutes{180}, "unjustified", std::nullopt, std::nullopt});
    ASSERT_FALSE(check_facts(w));
    for (const school_year sy : {school_year(2023), school_year(9897), school_year(9898)})
        EXPECT_NO_THROW(evaluate(e.leave(), w, sy, false)) << sy.name();
}
