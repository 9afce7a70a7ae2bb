// Tests for include/edurules/leave/eligibility.hpp (docs/rules.md 2.2, 2.3, 2.4).
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace leave_test;

namespace {
std::uint32_t bev(const rules& rr, regime reg, std::vector<job> jobs, training_type t, bool coinciding) {
    explanation why;
    const date d(2020, 10, 1);
    return bev_category(rr, reg, employment_at(jobs, d), t, coinciding, d, why);
}
}  // namespace

// docs/rules.md 2.2; seed 004: full-time may be spread over several employers.
TEST(LeaveEligibility, FullTimeOverTwoEmployers) {
    const date d(2020, 1, 1);
    const auto e = employment_at({employ(d, 19), employ(d, 19)}, date(2020, 10, 1));
    EXPECT_TRUE(e.share.at_least_one());
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 19), employ(d, 19)}, training_type::general, false),
              reason_none);
}

// docs/rules.md 2.2; seed 004: 4/5; variable schedule; fixed 1/2..4/5 only professional during working hours.
TEST(LeaveEligibility, BevPartTimeCategories) {
    const date d(2020, 1, 1);
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 30, 37)}, training_type::general, false),
              reason_none);  // 30/37 >= 0.8
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 29, 37)}, training_type::general, false),
              reason_halftime_needs_professional_during_work);  // fixed 29/37, not 4/5: professional only
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 19, 38)}, training_type::professional, true), reason_none);
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 19, 38)}, training_type::professional, false),
              reason_halftime_needs_professional_during_work);
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 18, 38)}, training_type::professional, true),
              reason_fraction_too_low);
    EXPECT_EQ(bev(R(), regime::wallonia_bev, {employ(d, 13, 38, schedule::variable)}, training_type::general, false),
              reason_none);  // variable 13/38 >= 1/3
}

// wal.cep.faq (emploi.wallonie.be, FAQ "Quels travailleurs peuvent beneficier du conge education paye?"): part-time
// on a variable schedule "prestations effectuees au moins egales a 1/3 de l'occupation de l'equivalent temps plein";
// sociare.2018 says 1/3 for Flemish BEV too. Exactly 1/3 has the right, a minute a week less has not.
TEST(LeaveEligibility, VariableScheduleNeedsAThirdOfFullTime) {
    const date d(2016, 1, 1);
    const auto variable = [&](std::int64_t minutes) {
        return job{d, std::nullopt, minutes, 38 * 60, schedule::variable};
    };
    for (const regime reg : {regime::wallonia_bev, regime::flanders_bev, regime::brussels_bev}) {
        EXPECT_EQ(bev(R(), reg, {variable(38 * 20)}, training_type::general, false), reason_none);  // 760/2280 = 1/3
        EXPECT_EQ(bev(R(), reg, {variable(38 * 20 - 1)}, training_type::general, false), reason_fraction_too_low);
        EXPECT_EQ(bev(R(), reg, {variable(38 * 60 / 5)}, training_type::general, false),
                  reason_fraction_too_low);  // 20%, the probe's case
    }
}

// docs/rules.md 4, open question 2: the variable-schedule minimum is a parameter.
TEST(LeaveEligibility, VariableScheduleMinimumIsAParameter) {
    const auto e = engine_with("leave.bev.fraction.variable_min", "0.5");
    const date d(2020, 1, 1);
    EXPECT_EQ(
        bev(e->leave(), regime::wallonia_bev, {employ(d, 10, 38, schedule::variable)}, training_type::general, false),
        reason_fraction_too_low);
    EXPECT_EQ(
        bev(e->leave(), regime::wallonia_bev, {employ(d, 19, 38, schedule::variable)}, training_type::general, false),
        reason_none);
}

// docs/rules.md 2.4: reformed Brussels BEV needs at least 25% of full time.
TEST(LeaveEligibility, BrusselsReformQuarter) {
    const date d(2023, 1, 1);
    explanation why;
    const date at(2023, 10, 1);
    EXPECT_EQ(bev_category(R(), regime::brussels_reformed, employment_at({employ(d, 10, 40)}, at),
                           training_type::general, false, at, why),
              reason_none);
    EXPECT_EQ(bev_category(R(), regime::brussels_reformed, employment_at({employ(d, 9, 40)}, at),
                           training_type::general, false, at, why),
              reason_fraction_too_low);
}

// bru.reform2023 (economie-emploi.brussels, docs/rules.md 2.4): the DmfA fraction of September of the school year,
// or of the month the training starts when September's does not open the right.
TEST(LeaveEligibility, BrusselsReformReferenceMonth) {
    std::vector<job> jobs{job{date(2010, 1, 1), date(2023, 11, 30), 38 * 60, 38 * 60, schedule::fixed},
                          job{date(2023, 12, 1), std::nullopt, 7 * 60, 38 * 60, schedule::fixed}};
    auto on = [&](date d) { return employment_at(jobs, d); };
    explanation why;
    const auto [sept, day] = brussels_employment(R(), school_year(2023), date(2024, 1, 9), on, why);
    EXPECT_EQ(day, date(2023, 9, 1));
    EXPECT_TRUE(sept.share.at_least_one());
    // 10% in September, 50% from January: the start month counts
    std::vector<job> later{job{date(2010, 1, 1), date(2023, 12, 31), 4 * 60, 40 * 60, schedule::fixed},
                           job{date(2024, 1, 1), std::nullopt, 20 * 60, 40 * 60, schedule::fixed}};
    const auto [fb, fb_day] = brussels_employment(
        R(), school_year(2023), date(2024, 1, 9), [&](date d) { return employment_at(later, d); }, why);
    EXPECT_EQ(fb_day, date(2024, 1, 1));
    EXPECT_EQ(fb.share, (fraction{1, 2}));
}

// docs/rules.md 2.3: reference month March of the preceding school year from 2023-2024, fallback month.
TEST(LeaveEligibility, VovReferenceMonthFallback) {
    std::vector<job> jobs{job{date(2022, 1, 1), date(2023, 9, 30), 15 * 60, 38 * 60, schedule::fixed},
                          job{date(2023, 10, 1), std::nullopt, 23 * 60, 38 * 60, schedule::fixed}};
    auto on = [&](date d) { return employment_at(jobs, d); };
    explanation why;
    // March 2023 at 15/38 < 50%; first training starts in October at 23/38: the fallback counts.
    auto ok = vov_employment_check(R(), school_year(2023), date(2023, 10, 16), date(2023, 10, 16), on, why);
    EXPECT_EQ(ok.reasons, reason_none);
    EXPECT_EQ(ok.reference_day, date(2023, 10, 1));
    EXPECT_EQ(ok.twp, (fraction{23, 38}));
    // First training in September: no fallback, no right that year.
    auto no = vov_employment_check(R(), school_year(2023), date(2023, 10, 16), date(2023, 9, 20), on, why);
    EXPECT_EQ(no.reasons, reason_twp_below_minimum_reference);
}

// docs/rules.md 2.3: up to 2022-2023 the reference month is September of the school year.
TEST(LeaveEligibility, VovSeptemberReferenceBefore2023) {
    std::vector<job> jobs{employ(date(2020, 1, 1), 19, 38)};
    explanation why;
    auto r = vov_employment_check(
        R(), school_year(2022), date(2022, 10, 3), date(2022, 10, 3), [&](date d) { return employment_at(jobs, d); },
        why);
    EXPECT_EQ(r.reasons, reason_none);
    EXPECT_EQ(r.reference_day, date(2022, 9, 1));
    EXPECT_TRUE(r.only_coinciding);  // exactly 50% on a fixed schedule
}

// docs/rules.md 2.3 (M): from 2025-2026 TWP >= 80% and >= 28 h/week.
TEST(LeaveEligibility, Vov2025Thresholds) {
    explanation why;
    auto check = [&](std::int64_t contract_min, std::int64_t full_min) {
        std::vector<job> jobs{job{date(2020, 1, 1), std::nullopt, contract_min, full_min, schedule::fixed}};
        return vov_employment_check(
                   R(), school_year(2025), date(2025, 10, 6), date(2025, 10, 6),
                   [&](date d) { return employment_at(jobs, d); }, why)
            .reasons;
    };
    EXPECT_EQ(check(30 * 60, 40 * 60), reason_twp_below_minimum_at_start | reason_twp_below_minimum_reference);  // 75%
    EXPECT_EQ(check(27 * 60, 27 * 60), reason_weekly_hours_below_minimum);  // 100% but 27 h
    EXPECT_EQ(check(28 * 60, 35 * 60), reason_none);                        // exactly 80% and 28 h
}

// docs/rules.md 2.2; seed 004: at least 32 lesson periods; a 28-period module is too small.
TEST(LeaveEligibility, MinimumContactHours) {
    explanation why;
    EXPECT_FALSE(meets_min_contact(R(), minutes{28 * 50}, minutes{50}, date(2020, 9, 1), why));
    EXPECT_TRUE(meets_min_contact(R(), minutes{32 * 50}, minutes{50}, date(2020, 9, 1), why));
    EXPECT_FALSE(meets_min_contact(R(), minutes{32 * 60 - 1}, minutes{60}, date(2020, 9, 1), why));
}

// Module combination toward the 32-hour minimum (issue 12, docs/research/leave-history.md
// section 6; rulebook leave.vov.module_combination.mode, leave.bev.module_combination.mode).
namespace {
training module(std::string id, const char* provider, const char* code, date first, int lessons,
                std::optional<date> start = std::nullopt) {
    training t = make_training(std::move(id), training_type::professional);
    if (provider) t.provider = provider;
    if (code) t.module_code = code;
    t.start = start;
    add_weekly(t, first, lessons, 120);
    return t;
}
worker_result decide(region r, std::vector<training> ts, int sy) {
    worker w = make_worker(r, {employ(date(2010, 1, 1), 38)});
    w.trainings = std::move(ts);
    return evaluate(R(), w, school_year(sy));
}
}  // namespace

// 2022-2023, VOV: modules of different providers may be combined (securex.2023: "1 september
// 2022 tot en met 31 augustus 2023"; liantis.2022). 20 h + 16 h = 36 h >= 32.
TEST(LeaveEligibility, VovDifferentProvidersCombineIn2022_2023) {
    const auto r =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2022, 9, 12), 10), module("b", "P2", "M2", date(2022, 10, 4), 8)}, 2022);
    ASSERT_EQ(r.trainings[0].reg, regime::vov);
    EXPECT_TRUE(r.trainings[0].eligible);
    EXPECT_TRUE(r.trainings[1].eligible);
    ASSERT_EQ(r.combined_of(0).size(), 1u);
    EXPECT_EQ(r.combined_of(0)[0], 1u);
    EXPECT_EQ(r.trainings[0].granted, hours(20));
    EXPECT_FALSE(r.trainings[0].reasons & reason_below_min_contact_hours);
}

// 2020-2021, VOV base rule: only modules of the same provider (securex.2023 "Principe").
TEST(LeaveEligibility, VovSameProviderOnlyIn2020_2021) {
    const auto other =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2020, 9, 14), 10), module("b", "P2", "M2", date(2020, 10, 6), 8)}, 2020);
    EXPECT_FALSE(other.trainings[0].eligible);
    EXPECT_TRUE(other.trainings[0].reasons & reason_below_min_contact_hours);
    EXPECT_TRUE(other.combined_of(0).empty());
    const auto same =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2020, 9, 14), 10), module("b", "P1", "M2", date(2020, 10, 6), 8)}, 2020);
    EXPECT_TRUE(same.trainings[0].eligible);
    EXPECT_TRUE(same.trainings[1].eligible);
    ASSERT_EQ(same.combined_of(1).size(), 1u);
    EXPECT_EQ(same.combined_of(1)[0], 0u);
}

// 2024-2025, VOV: modules of different providers still combine (L: bizplus.2025 names their end a
// 2025-2026 change); 2025-2026: "niet langer toegelaten" (bizplus.2025, M), the same provider only.
TEST(LeaveEligibility, VovDifferentProvidersCombineUntil2024_2025) {
    const auto r2024 =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2024, 9, 9), 10), module("b", "P2", "M2", date(2024, 10, 1), 8)}, 2024);
    EXPECT_TRUE(r2024.trainings[0].eligible);
    EXPECT_TRUE(r2024.trainings[1].eligible);
    ASSERT_EQ(r2024.combined_of(0).size(), 1u);
    const auto r2025 =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2025, 9, 8), 10), module("b", "P2", "M2", date(2025, 9, 30), 8)}, 2025);
    EXPECT_FALSE(r2025.trainings[0].eligible);
    EXPECT_TRUE(r2025.trainings[0].reasons & reason_below_min_contact_hours);
    EXPECT_TRUE(r2025.combined_of(0).empty());
    const auto same =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2025, 9, 8), 10), module("b", "P1", "M2", date(2025, 9, 30), 8)}, 2025);
    EXPECT_TRUE(same.trainings[0].eligible);
    EXPECT_TRUE(same.trainings[1].eligible);
}

// Same provider, but the starts lie more than 365 days apart (liantis.2022: "Binnen een periode
// van 365 dagen"); and the same module code is never combined with itself.
TEST(LeaveEligibility, VovCombinationWindowAndSameModule) {
    const auto far = decide(
        region::flanders,
        {module("a", "P1", "M1", date(2025, 9, 8), 10, date(2024, 6, 1)), module("b", "P1", "M2", date(2025, 9, 9), 8)},
        2025);
    EXPECT_FALSE(far.trainings[1].eligible);  // 2025-09-09 - 2024-06-01 = 465 days
    const auto near = decide(
        region::flanders,
        {module("a", "P1", "M1", date(2025, 9, 8), 10, date(2025, 6, 1)), module("b", "P1", "M2", date(2025, 9, 9), 8)},
        2025);
    EXPECT_TRUE(near.trainings[1].eligible);
    const auto twice =
        decide(region::flanders,
               {module("a", "P1", "M1", date(2022, 9, 12), 10), module("b", "P2", "M1", date(2022, 10, 4), 8)}, 2022);
    EXPECT_FALSE(twice.trainings[0].eligible);
}

// BEV: each module on its own (seed 004: "De module dient minimaal 32 lestijden te bedragen").
TEST(LeaveEligibility, BevModulesNeverCombine) {
    const auto r =
        decide(region::wallonia,
               {module("a", "P1", "M1", date(2022, 9, 12), 10), module("b", "P1", "M2", date(2022, 10, 4), 8)}, 2022);
    EXPECT_FALSE(r.trainings[0].eligible);
    EXPECT_TRUE(r.trainings[0].reasons & reason_below_min_contact_hours);
    EXPECT_TRUE(r.combined_of(0).empty());
}
