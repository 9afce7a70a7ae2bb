// The individual training right (law of 3 October 2022), rule by rule. Each
// test names the source its expectation rests on (docs/sources.md section 4;
// docs/research/account.md section 3 lists the cases).
#include <gtest/gtest.h>

#include "edurules/account/balance.hpp"
#include "edurules/account/batch.hpp"
#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"

using namespace edurules;
using namespace edurules::account;

namespace {

const engine& eng() {
    static const engine e;
    return e;
}

decimal dec(const char* s) { return *decimal::parse(s); }

/// Reference period Q4 of n-2 and Q1-Q3 of n-1 before the period of `year`.
employer employer_of(const char* fte, int period_first, std::string pc = "") {
    employer e;
    e.quarters = {{period_first - 2, 4, dec(fte)},
                  {period_first - 1, 1, dec(fte)},
                  {period_first - 1, 2, dec(fte)},
                  {period_first - 1, 3, dec(fte)}};
    e.joint_committee = std::move(pc);
    return e;
}

worker full_timer(date from, std::int64_t contract = 2280) {
    worker w;
    w.id = "W1";
    w.jobs.push_back(job{from, std::nullopt, contract, 2280});
    return w;
}

year_result credit(const employer& e, const worker& w, int year) {
    explanation why;
    const auto& R = eng().account();
    return year_credit(R, e, w, year, day_length(R, e, w.jobs, date(year, 1, 1), why), why);
}

}  // namespace

// waso.faq (art. 50 §2): average over the declared quarters Q4 2022 - Q3 2023.
TEST(AccountSize, AverageOfTheDeclaredQuartersOfTheReferencePeriod) {
    employer e;
    e.quarters = {{2022, 4, dec("24.0")},
                  {2023, 1, dec("25.5")},
                  {2023, 2, dec("25.0")},
                  {2023, 3, dec("25.5")},
                  {2023, 4, dec("3")}};  // Q4 2023 is outside the reference period of 2024-2025
    explanation why;
    for (int year : {2024, 2025}) {
        const auto s = decide_size(eng().account(), e, year, why);
        EXPECT_EQ(s.cls, size_class::ge20);
        EXPECT_EQ(s.average.text(), "25");
        EXPECT_EQ(s.quarters_used, 4);
        EXPECT_EQ(s.period_first_year, 2024);
    }
}

// waso.faq: divided by "het aantal kwartalen waarvoor de werkgever ... aangegeven heeft"; "minstens 20".
TEST(AccountSize, FewQuartersDeclaredAndTheBoundaryTwenty) {
    employer e;
    e.quarters = {{2023, 2, dec("19.0")}, {2023, 3, dec("21.0")}};
    explanation why;
    const auto s = decide_size(eng().account(), e, 2024, why);
    EXPECT_EQ(s.quarters_used, 2);
    EXPECT_EQ(s.average.text(), "20");
    EXPECT_EQ(s.cls, size_class::ge20);
    // prato: "minstens 10 maar minder dan 20": 10.00 is class 10-19
    e.quarters = {{2023, 1, dec("10.00")}};
    EXPECT_EQ(decide_size(eng().account(), e, 2024, why).cls, size_class::from10to19);
}

TEST(AccountSize, NothingDeclaredNoFallbackIsAReasonNotACrash) {
    employer e;
    e.quarters = {{2020, 1, dec("50")}};
    const auto y = credit(e, full_timer(date(2024, 1, 1)), 2024);
    EXPECT_TRUE(y.reasons & reason_size_unknown);
    EXPECT_EQ(y.credit_minutes, 0);
    e.fallback_fte = dec("12");
    EXPECT_EQ(credit(e, full_timer(date(2024, 1, 1)), 2024).size.cls, size_class::from10to19);
}

// waso.pro: "4 dagen in 2023 en 5 dagen vanaf 2024" (at least 20 FTE).
TEST(AccountCredit, FullTimerAtAnEmployerOf25) {
    const auto y = credit(employer_of("25", 2024), full_timer(date(2020, 1, 1)), 2024);
    EXPECT_EQ(y.credit_days.text(), "5");
    EXPECT_EQ(y.credit_minutes, 5 * 456);
    EXPECT_EQ(credit(employer_of("25", 2022), full_timer(date(2020, 1, 1)), 2023).credit_days.text(), "4");
}

// waso.pro "pro rata ... arbeidsregime"; securex.prorata B = 80 %.
TEST(AccountCredit, FourFifthsPartTimer) {
    const auto y = credit(employer_of("25", 2024), full_timer(date(2020, 1, 1), 1824), 2024);
    EXPECT_EQ(y.credit_days.text(), "4");
}

// prato: "een opleidingsdag per VTE per jaar" for 10-19; waso.pro: below 10 excluded; pc200: 1 day below 10.
TEST(AccountCredit, EmployersOf15And8) {
    EXPECT_EQ(credit(employer_of("15", 2024), full_timer(date(2020, 1, 1)), 2024).credit_days.text(), "1");
    EXPECT_EQ(credit(employer_of("15", 2024), full_timer(date(2020, 1, 1), 1824), 2024).credit_days.text(), "0.8");
    const auto small = credit(employer_of("8", 2024), full_timer(date(2020, 1, 1)), 2024);
    EXPECT_EQ(small.credit_minutes, 0);
    EXPECT_TRUE(small.reasons & reason_outside_right);
    EXPECT_EQ(credit(employer_of("8", 2024, "200"), full_timer(date(2020, 1, 1)), 2024).credit_days.text(), "1");
}

// regiotalent: "De maand waarin je startte ... telt als een volledige maand"; 5 x 80% x 10/12.
TEST(AccountCredit, StartedMonthsCountWhole) {
    EXPECT_EQ(credit(employer_of("25", 2024), full_timer(date(2024, 7, 1)), 2024).credit_days.text(), "2.5");
    EXPECT_EQ(credit(employer_of("25", 2024), full_timer(date(2024, 7, 15)), 2024).credit_days.text(), "2.5");
    const auto y = credit(employer_of("40", 2024), full_timer(date(2024, 3, 29), 1824), 2024);
    EXPECT_EQ(y.credit_days.text(), "10/3");
    EXPECT_EQ(y.credit_minutes, 1520);  // 10/3 x 456, exact
}

// pc124 growth path; pc200 table.
TEST(AccountCredit, SectorAgreementsAsOverlays) {
    const worker w = full_timer(date(2020, 1, 1));
    EXPECT_EQ(credit(employer_of("25", 2024, "124"), w, 2024).credit_days.text(), "2.5");
    EXPECT_EQ(credit(employer_of("25", 2026, "124"), w, 2026).credit_days.text(), "3");
    EXPECT_EQ(credit(employer_of("25", 2030, "124"), w, 2030).credit_days.text(), "5");
    EXPECT_EQ(credit(employer_of("25", 2024, "200"), w, 2024).credit_days.text(), "3");
    EXPECT_EQ(credit(employer_of("25", 2028, "200"), w, 2028).credit_days.text(), "5");
    EXPECT_EQ(credit(employer_of("25", 2024, "200"), full_timer(date(2020, 1, 1), 1824), 2024).credit_days.text(),
              "2.4");
    // an unknown joint committee: the legal number
    EXPECT_EQ(credit(employer_of("25", 2024, "999"), w, 2024).credit_days.text(), "5");
}

// An unknown joint committee is legal (most have no sector agreement) and gets the legal days, but the
// explanation says that the rulebook knows no agreement for it: "999" passed without a word.
TEST(AccountCredit, AnUnknownJointCommitteeIsSaidToHaveNoSectorAgreement) {
    const worker w = full_timer(date(2020, 1, 1));
    const auto said = [&](const char* pc) {
        explanation why;
        const auto& R = eng().account();
        const employer e = employer_of("25", 2024, pc);
        year_credit(R, e, w, 2024, day_length(R, e, w.jobs, date(2024, 1, 1), why), why);
        for (const auto& st : why.steps())
            if (st.rule == "account.days.legal") return st.text();
        return std::string("no account.days.legal step");
    };
    EXPECT_EQ(said("999"),
              "size class ge20 (joint committee 999: the rulebook has no sector agreement for it): 5 day(s) per FTE in "
              "2024");
    EXPECT_EQ(said(""), "size class ge20: 5 day(s) per FTE in 2024");
}

// primion: "overgedragen naar het volgende jaar, zonder dat dit ten koste gaat van het opleidingsbudget".
TEST(AccountBalance, DaysNotTakenPassToTheNextYear) {
    worker w = full_timer(date(2023, 6, 1));
    w.trainings = {{"T1", date(2024, 3, 1), "formal", 456}, {"T2", date(2024, 9, 1), "informal", 456}};
    employer e = employer_of("25", 2024);
    e.quarters.push_back({2024, 4, dec("25")});  // reference of 2026 not needed before 2026
    const auto r = evaluate_worker(eng().account(), e, w, date(2025, 1, 1), true);
    ASSERT_EQ(r.years.size(), 3u);  // 2023, 2024, 2025
    EXPECT_EQ(r.years[1].taken_minutes, 912);
    EXPECT_EQ(r.years[1].balance_minutes, 3 * 456 + r.years[0].balance_minutes);
    EXPECT_EQ(r.years[2].credit_minutes, 5 * 456);
    EXPECT_EQ(r.balance_minutes, r.years[1].balance_minutes + 5 * 456);
}

// README (account.right): days are exact, minutes rounded once. werk.belgie.be
// (waso.faq): 4 days per FTE in 2023 at 20 FTE or more, pro rata the work
// regime: a 4/5 worker has 3.2 days, which 1459 rounded minutes of 456 would
// spell 1459/456 (independent legal probe, f5); a training takes its exact
// days, and a training taking the whole balance leaves 0 days.
TEST(AccountBalance, TheBalanceInDaysIsExactNotWorkedBackFromMinutes) {
    worker w = full_timer(date(2023, 1, 1), 1824);  // 30.4 of 38 hours
    employer e;
    e.fallback_fte = dec("25");
    auto r = evaluate_worker(eng().account(), e, w, date(2023, 12, 31), false);
    EXPECT_EQ(r.balance_minutes, 1459);
    EXPECT_EQ(r.balance_days.text(), "3.2");
    w.trainings = {{"T1", date(2023, 5, 2), "formal", 456}};
    r = evaluate_worker(eng().account(), e, w, date(2023, 12, 31), false);
    EXPECT_EQ(r.balance_minutes, 1003);
    EXPECT_EQ(r.balance_days.text(), "2.2");
    w.trainings = {{"T1", date(2023, 5, 2), "formal", 2000}};  // beyond the balance: taken whole
    r = evaluate_worker(eng().account(), e, w, date(2023, 12, 31), false);
    EXPECT_EQ(r.balance_minutes, 0);
    EXPECT_TRUE(r.balance_days.is_zero());
}

/// An employer of `fte` in joint committee 200, and a full-timer of it since 2024: the worker's account on
/// 2028-12-31, the last day of the sector's first five-year period, and on the day after.
struct pc200_window {
    employer e;
    worker_result before, after;
    explicit pc200_window(const char* fte) {
        e.fallback_fte = dec(fte);
        e.joint_committee = "200";
        const worker w = full_timer(date(2024, 1, 1));
        before = evaluate_worker(eng().account(), e, w, date(2028, 12, 31), false);
        after = evaluate_worker(eng().account(), e, w, date(2029, 1, 1), true);
    }
};

// pc200: "Op het einde van elke periode van 5 jaar wordt het saldo ... op 0 gezet".
TEST(AccountBalance, SectorResetAtTheEndOfItsPeriod) {
    const pc200_window x("25");
    EXPECT_EQ(x.before.balance_minutes, 19 * 456);
    const auto& after = x.after;
    EXPECT_EQ(after.years[4].lapsed_minutes, 19 * 456);
    EXPECT_TRUE(after.reasons & reason_lapsed_window_end);
    EXPECT_EQ(after.balance_minutes, 5 * 456);  // 2029's own credit
}

// pc200: "In bedrijven met minstens 20 werknemers ... Op het einde van elke periode van 5 jaar wordt het
// saldo ... op 0 gezet": the reset is for the class of at least 20; an employer of 15 FTE in PC 200 follows the
// general rule at the window's end (the balance is kept, the window end is noted).
TEST(AccountBalance, SectorResetOnlyForItsSizeClasses) {
    const pc200_window x("15");
    const auto& before = x.before;
    const auto& after = x.after;
    ASSERT_GT(before.balance_minutes, 0);
    ASSERT_EQ(after.years.size(), 6u);
    EXPECT_EQ(after.years[4].lapsed_minutes, 0);
    EXPECT_FALSE(after.reasons & reason_lapsed_window_end);
    EXPECT_TRUE(after.years[4].reasons & reason_window_end);
    EXPECT_EQ(after.balance_minutes, before.balance_minutes + after.years[5].credit_minutes);
    bool said = false;
    for (const auto& st : after.why.steps()) said = said || st.rule == "account.balance.sector_reset_scope";
    EXPECT_TRUE(said);
}

// A sector's reset_classes names size classes the account rules know: another word stops the engine at
// construction (errc::rulebook), naming the parameter, as every bad rulebook value is refused at load.
TEST(AccountBalance, ResetClassesOfUnknownWordsAreRefused) {
    const auto overlay = rulebook::from_json(R"({"schema_version":1,"sources":{"s":{"title":"a test"}},"parameters":{
        "account.be.sector.999.reset_every_years":{"type":"integer","values":[{"value":5,"source":"s","confidence":"L"}]},
        "account.be.sector.999.reset_anchor":{"type":"date","values":[{"value":"2024-01-01","source":"s","confidence":"L"}]},
        "account.be.sector.999.reset_classes":{"type":"text_list","values":[{"value":["ge21"],"source":"s","confidence":"L"}]}}})");
    const auto rb = std::make_shared<const rulebook>(rulebook::overlaid(*rulebook::builtin(), overlay));
    try {
        const engine e(rb);
        ADD_FAILURE() << "accepted";
    } catch (const error& x) {
        EXPECT_EQ(x.code(), errc::rulebook);
        EXPECT_NE(std::string(x.field()).find("account.be.sector.999.reset_classes"), std::string::npos) << x.what();
    }
}

// A sector an overlay adds (joint committee 999) is held to the declaration of the same parameter of
// the sectors the default rulebook knows (days_per_fte 0..366, two decimals): 9e16 days, which
// overflowed the balance in minutes, and -3 days are refused at load; a name without a joint
// committee is refused too (an independent hostile-input run found all three accepted).
TEST(AccountBalance, AddedSectorsKeepTheDeclaredRange) {
    auto load = [](const std::string& name, const std::string& value) {
        const auto overlay = rulebook::from_json(
            R"({"schema_version":1,"sources":{"s":{"title":"a test"}},"parameters":{")" + name +
            R"(":{"type":"decimal","values":[{"value":")" + value + R"(","source":"s","confidence":"L"}]}}})");
        const engine e(std::make_shared<const rulebook>(rulebook::overlaid(*rulebook::builtin(), overlay)));
    };
    for (const char* bad : {"90000000000000000", "-3", "4.125"}) {
        try {
            load("account.be.sector.999.ge20.days_per_fte", bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const error& x) {
            EXPECT_EQ(x.code(), errc::rulebook) << x.what();
            EXPECT_NE(std::string(x.field()).find("account.be.sector.999.ge20.days_per_fte"), std::string::npos);
        }
    }
    EXPECT_NO_THROW(load("account.be.sector.999.ge20.days_per_fte", "4.5"));
    EXPECT_THROW(load("account.be.sector..ge20.days_per_fte", "4.5"), error);
}

// securex.end: after resignation the remaining days cannot be taken.
TEST(AccountBalance, ResignationLapsesTheBalance) {
    worker w = full_timer(date(2024, 1, 1));
    w.jobs[0].to = date(2025, 6, 30);
    w.end = contract_end{date(2025, 6, 30), "resignation"};
    w.trainings = {{"T1", date(2024, 5, 1), "formal", 2 * 456}, {"T2", date(2025, 2, 1), "formal", 456}};
    employer e;
    e.fallback_fte = dec("25");
    const auto& R = eng().account();
    const auto at_end = evaluate_worker(R, e, w, date(2025, 6, 30), false);
    EXPECT_EQ(at_end.balance_minutes, 3 * 456 + 1140 - 456);  // 2025: 5 x 6/12 = 2.5 days = 1140 minutes
    const auto r = evaluate_worker(R, e, w, date(2025, 7, 1), false);
    EXPECT_EQ(r.balance_minutes, 0);
    EXPECT_TRUE(r.reasons & reason_lapsed_contract_end);
    w.end->ending = "dismissal_indemnity";
    EXPECT_TRUE(evaluate_worker(R, e, w, date(2025, 7, 1), false).reasons & reason_in_indemnity);
}

// horeca: 7 h 36 for 38 hours; bakkers: VOV and BEV do not count.
TEST(AccountTrainings, HalfDayCountsBevDoesNot) {
    worker w = full_timer(date(2024, 1, 1));
    w.trainings = {{"H", date(2024, 2, 1), "formal", 228},
                   {"V", date(2024, 3, 1), "vov", 32 * 60},
                   {"P", date(2024, 4, 1), "pe_activity", 120}};
    employer e;
    e.fallback_fte = dec("25");
    const auto r = evaluate_worker(eng().account(), e, w, date(2024, 12, 31), true);
    EXPECT_TRUE(r.trainings[0].counts);
    EXPECT_FALSE(r.trainings[1].counts);
    EXPECT_FALSE(r.trainings[2].counts);
    EXPECT_EQ(r.balance_days.text(), "4.5");
}

// waso.fr (droit individuel à la formation): "chaque travailleur employé ... a un droit individuel à
// la formation", a duty of the employer to its own worker. A training dated before, after or between the
// worker's jobs is not taken from the balance (probe cases c13, c61); one before hiring is outside the
// employment, not "before the first year" (c62: 2023 is a year of the right).
TEST(AccountTrainings, TrainingsOutsideEveryJobAreNotDeducted) {
    employer e = employer_of("40", 2024);
    const auto& R = eng().account();
    worker w = full_timer(date(2024, 6, 1));
    w.jobs[0].to = date(2024, 9, 30);
    w.trainings = {{"before", date(2024, 3, 1), "formal", 456},
                   {"in", date(2024, 7, 1), "formal", 456},
                   {"after", date(2024, 11, 1), "formal", 456}};
    auto r = evaluate_worker(R, e, w, date(2024, 12, 31), true);
    EXPECT_FALSE(r.trainings[0].counts);
    EXPECT_EQ(r.trainings[0].minutes, 0);
    EXPECT_TRUE(r.trainings[0].reasons & reason_outside_employment);
    EXPECT_TRUE(r.trainings[1].counts);
    EXPECT_FALSE(r.trainings[1].reasons & reason_outside_employment);
    EXPECT_FALSE(r.trainings[2].counts);
    EXPECT_TRUE(r.trainings[2].reasons & reason_outside_employment);
    EXPECT_EQ(r.years[0].taken_minutes, 456);
    EXPECT_EQ(r.balance_minutes, r.years[0].credit_minutes - 456);
    EXPECT_TRUE(r.reasons & reason_outside_employment);
    bool said = false;
    for (const auto& st : r.why.steps()) said = said || st.rule == "account.training.outside_employment";
    EXPECT_TRUE(said);

    // Between two jobs (c61).
    w = full_timer(date(2024, 1, 1));
    w.jobs[0].to = date(2024, 3, 31);
    w.jobs.push_back(job{date(2024, 10, 1), std::nullopt, 2280, 2280});
    w.trainings = {{"gap", date(2024, 6, 1), "formal", 456}};
    r = evaluate_worker(R, e, w, date(2024, 12, 31), false);
    EXPECT_FALSE(r.trainings[0].counts);
    EXPECT_TRUE(r.trainings[0].reasons & reason_outside_employment);
    EXPECT_EQ(r.years[0].taken_minutes, 0);

    // The year before hiring, itself a year of the right (c62): outside the employment, not before_first_year.
    w = full_timer(date(2024, 6, 1));
    w.trainings = {{"early", date(2023, 5, 1), "formal", 456}};
    r = evaluate_worker(R, e, w, date(2024, 12, 31), false);
    EXPECT_FALSE(r.trainings[0].counts);
    EXPECT_EQ(r.trainings[0].reasons, static_cast<std::uint32_t>(reason_outside_employment));
    EXPECT_FALSE(r.reasons & reason_before_first_year);
}

// waso.pro: the right starts in 2023 (account.be.first_year). A training while employed before it is taken from
// no balance: it does not count, with the reason before_first_year (it was reported counts: true).
TEST(AccountTrainings, TrainingsBeforeTheFirstYearDoNotCount) {
    worker w = full_timer(date(2021, 1, 1));
    w.trainings = {{"old", date(2022, 5, 1), "formal", 456}};
    employer e = employer_of("40", 2024);
    const auto r = evaluate_worker(eng().account(), e, w, date(2024, 12, 31), false);
    EXPECT_FALSE(r.trainings[0].counts);
    EXPECT_EQ(r.trainings[0].minutes, 0);
    EXPECT_TRUE(r.trainings[0].reasons & reason_before_first_year);
}

// horeca: a training day is the full-timer's working day, 7 h 36 for 38 hours a week. The worker's own full-time
// week is the reference (probe case c60: a job of 40 of 40 hours with no employer week got 456 minutes, 5 x 7.6 h
// instead of 5 x 8 h); the employer's week only when the worker has no job, the rulebook's day last.
TEST(AccountCredit, TrainingDayIsAFifthOfTheJobsFullTimeWeek) {
    const auto& R = eng().account();
    employer e = employer_of("40", 2024);
    worker w = full_timer(date(2020, 1, 1), 2400);
    w.jobs[0].full_time_minutes_per_week = 2400;
    auto r = evaluate_worker(R, e, w, date(2024, 12, 31), true);
    EXPECT_EQ(r.day_minutes.text(), "480");
    EXPECT_EQ(r.years.back().credit_minutes, 5 * 480);
    e.full_time_minutes_per_week = 2280;  // the employer's 38 hours do not override the job's 40 (c63)
    EXPECT_EQ(evaluate_worker(R, e, w, date(2024, 12, 31), false).day_minutes.text(), "480");
    w.jobs.clear();
    EXPECT_EQ(evaluate_worker(R, e, w, date(2024, 12, 31), false).day_minutes.text(), "456");
    e.full_time_minutes_per_week.reset();
    EXPECT_EQ(evaluate_worker(R, e, w, date(2024, 12, 31), false).day_minutes.text(), "456");
}

// A worker with two overlapping jobs at one employer is refused naming the later job's from (probe case c43: one of
// two 19/38 jobs was dropped without a reason); the engine models one work regime at a time.
TEST(AccountInput, OverlappingJobsAreRefusedNamingTheField) {
    const std::string req = R"({"schema_version":1,"kind":"account.right","date":"2024-12-31",
        "employer":{"fallback_fte":"40"},"workers":[{"id":"cc","jobs":[
        {"from":"2024-01-01","contract_per_week_hours":"19","full_time_per_week_hours":"38"},
        {"from":"2024-01-01","contract_per_week_hours":"19","full_time_per_week_hours":"38"}]}]})";
    try {
        io::evaluate_json(eng(), req);
        ADD_FAILURE() << "accepted";
    } catch (const error& x) {
        EXPECT_EQ(x.code(), errc::invalid_input) << x.what();
        EXPECT_EQ(std::string(x.field()), "workers[0].jobs[1].from") << x.what();
    }
    // back to back is not an overlap
    const std::string ok = R"({"schema_version":1,"kind":"account.right","date":"2024-12-31",
        "employer":{"fallback_fte":"40"},"workers":[{"id":"cc","jobs":[
        {"from":"2024-01-01","to":"2024-05-31","contract_per_week_hours":"19","full_time_per_week_hours":"38"},
        {"from":"2024-06-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}]}]})";
    EXPECT_NO_THROW(io::evaluate_json(eng(), ok));
}

// ---- the probe's findings (docs/research/account.md section 3, cases G11-G14) ----

namespace {

/// The step `rule` of `why`, or null.
std::optional<step_ref> step_of(const explanation& why, std::string_view rule) {
    for (const auto& st : why.steps())
        if (st.rule == rule) return st;
    return std::nullopt;
}

/// The rulebook source ids a step cites.
std::string sources_of(const step_ref& st) {
    std::string out;
    for (const auto& u : st.params) out += (out.empty() ? "" : ",") + u.param->name + "@" + u.version->source_id;
    return out;
}

}  // namespace

// Probe A5: a change of regime on 16 June 2024 (full time, then 19/38) at an employer of 25 FTE. The JSON path counts
// June once, for the job holding it (credit.hpp month_holder; regiotalent: every started month a whole month, at the
// regime in force; waso.pro: 5 days): 5 x (5 + 7 x 1/2) / 12 = 85/24. The batch counted June in both rows (95/24);
// with the worker column it decides the two rows as one worker-year and splits the same credit.
TEST(AccountBatch, OneWorkerYearCountsAMonthOnceAsTheJsonPath) {
    const auto& R = eng().account();
    worker w = full_timer(date(2020, 1, 1));
    w.jobs[0].to = date(2024, 6, 15);
    w.jobs.push_back(job{date(2024, 6, 16), std::nullopt, 1140, 2280});
    const employer e = employer_of("25", 2024);
    const auto json = evaluate_worker(R, e, w, date(2024, 12, 31), false).years.back();
    ASSERT_EQ(json.credit_days.text(), "85/24");
    const std::int32_t y[2] = {2024, 2024}, q[2] = {4, 4};
    const std::int64_t fte[2] = {100 * fte_units, 100 * fte_units}, c[2] = {2280, 1140}, f[2] = {2280, 2280};
    const std::int32_t from[2] = {to_epoch_day(date(2020, 1, 1)), to_epoch_day(date(2024, 6, 16))};
    const std::int32_t to[2] = {to_epoch_day(date(2024, 6, 15)), account::no_day};
    std::int64_t id[2] = {42, 42};
    batch_input in;
    in.rows = 2;
    in.year = y, in.reference_fte = fte, in.reference_quarters = q, in.from_day = from, in.to_day = to;
    in.contract_minutes = c, in.full_time_minutes = f;
    std::int32_t st[2], cls[2], months[2];
    std::int64_t minutes[2], num[2], den[2];
    std::uint32_t reasons[2];
    const batch_output out{st, cls, months, minutes, num, den, reasons};
    auto total = [&] { return fraction::of(num[0], den[0]) + fraction::of(num[1], den[1]); };
    ASSERT_EQ(right_batch(R, in, out), 0u);
    EXPECT_EQ(total().text(), "95/24");  // rows standing alone: June in both (documented in batch.hpp, edurules.h)
    in.worker = id;
    ASSERT_EQ(right_batch(R, in, out), 0u);
    EXPECT_EQ(months[0], 5);
    EXPECT_EQ(months[1], 7);
    EXPECT_EQ(fraction::of(num[0], den[0]).text(), "25/12");
    EXPECT_EQ(fraction::of(num[1], den[1]).text(), "35/24");
    EXPECT_EQ(total().text(), json.credit_days.text());
    EXPECT_EQ(minutes[0] + minutes[1], json.credit_minutes);
    EXPECT_EQ(months[0] + months[1], json.months);
    EXPECT_TRUE(reasons[0] & reason_month_in_other_row);
    EXPECT_FALSE(reasons[1] & reason_month_in_other_row);
    // overlapping jobs of one worker-year are refused, as the JSON path refuses them
    const std::int32_t from2[2] = {to_epoch_day(date(2020, 1, 1)), to_epoch_day(date(2024, 6, 10))};
    in.from_day = from2;
    EXPECT_EQ(right_batch(R, in, out), 2u);
    EXPECT_EQ(st[0], static_cast<std::int32_t>(batch_row_status::overlapping_jobs));
    EXPECT_EQ(st[1], static_cast<std::int32_t>(batch_row_status::overlapping_jobs));
    // rows of one worker-year must agree on the employer's columns
    in.from_day = from;
    const std::int64_t fte2[2] = {100 * fte_units, 60 * fte_units};
    in.reference_fte = fte2;
    EXPECT_EQ(right_batch(R, in, out), 2u);
    EXPECT_EQ(st[0], static_cast<std::int32_t>(batch_row_status::worker_mismatch));
}

// A job open to 9999-12-31 (the usual open-end sentinel, which the JSON path reads) was a bad_dates row: the
// batch stopped at day 2900000 (9909-12-04). It is decided as the JSON path decides it, to the calendar's last day.
TEST(AccountBatch, AJobToTheLastDayOfTheCalendarIsDecidedAsTheJsonPath) {
    const auto& R = eng().account();
    static_assert(last_job_day == 2932896);
    EXPECT_EQ(epoch_day(last_job_day), date(9999, 12, 31));
    worker w = full_timer(date(2020, 1, 1));
    w.jobs[0].to = date(9999, 12, 31);
    const auto json = evaluate_worker(R, employer_of("25", 2024), w, date(2024, 12, 31), false).years.back();
    const std::int32_t y[2] = {2024, 2024}, q[2] = {4, 4};
    const std::int64_t fte[2] = {100 * fte_units, 100 * fte_units}, c[2] = {2280, 2280}, f[2] = {2280, 2280};
    const std::int32_t from[2] = {to_epoch_day(date(2020, 1, 1)), last_job_day};
    const std::int32_t to[2] = {last_job_day, last_job_day};
    batch_input in;
    in.rows = 2;
    in.year = y, in.reference_fte = fte, in.reference_quarters = q, in.from_day = from, in.to_day = to;
    in.contract_minutes = c, in.full_time_minutes = f;
    std::int32_t st[2], cls[2], months[2];
    std::int64_t minutes[2], num[2], den[2];
    std::uint32_t reasons[2];
    ASSERT_EQ(right_batch(R, in, batch_output{st, cls, months, minutes, num, den, reasons}), 0u);
    EXPECT_EQ(months[0], json.months);
    EXPECT_EQ(minutes[0], json.credit_minutes);
    EXPECT_EQ(fraction::of(num[0], den[0]).text(), json.credit_days.text());
    EXPECT_EQ(months[1], 0);  // a job starting on the last day: no month of 2024
    const std::int32_t past[2] = {last_job_day + 1, last_job_day};
    in.to_day = past;
    EXPECT_EQ(right_batch(R, in, batch_output{st, cls, months, minutes, num, den, reasons}), 1u);
    EXPECT_EQ(st[0], static_cast<std::int32_t>(batch_row_status::bad_dates));
}

// Probe A10: a full-timer since 2020 evaluated on 2022-12-31 has no year of the right (waso.pro: the first is 2023,
// account.be.first_year); the JSON path printed an empty table and "balance 0" with no reason. It now says why, with
// the batch's reason code and the parameter.
TEST(AccountBalance, NoYearOfTheRightYetSaysWhy) {
    const auto r = evaluate_worker(eng().account(), employer_of("25", 2022), full_timer(date(2020, 1, 1)),
                                   date(2022, 12, 31), true);
    EXPECT_TRUE(r.years.empty());
    EXPECT_TRUE(r.reasons & reason_before_first_year);
    const auto st = step_of(r.why, "account.credit.before_first_year");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->text(),
              "2020 to 2022 are before 2023, the first year of the individual training right: no credit "
              "for them");
    EXPECT_EQ(sources_of(*st), "account.be.first_year@waso.pro");
}

// Probe A_outsideq: nothing declared in the reference period (2022-Q4 to 2023-Q3 for 2024), no fallback_fte, 50 FTE
// declared for 2024-Q1. Art. 50 §2 of the law of 3 October 2022 (waso.faq) refers to "het aantal werknemers
// tewerkgesteld op de laatste dag van het kwartaal waarbinnen de eerste tewerkstelling volgend op de referteperiode
// plaatsgreep" only when the employer "voor de bedoelde referteperiode geen aangiftes diende over te maken", which a
// request cannot show (the example's employer employed its full-timer in 2020-2021 and gave only later quarters), so
// the class stays unknown; the explanation no longer ignores 2024-Q1: it names it as outside the reference period and
// points to fallback_fte with the rule. With fallback_fte = 50 the class is ge20 (5 days, waso.pro).
TEST(AccountSize, AQuarterOutsideTheReferencePeriodIsNamedWithTheFallback) {
    const auto& R = eng().account();
    employer e;
    e.quarters = {{2024, 1, dec("50")}};
    explanation why;
    EXPECT_EQ(decide_size(R, e, 2024, why).cls, size_class::unknown);
    const auto st = step_of(why, "account.size.unknown");
    ASSERT_TRUE(st);
    const std::string text = st->text();
    EXPECT_NE(text.find("(declared 2024-Q1: outside the reference period)"), std::string::npos) << text;
    EXPECT_NE(text.find("art. 50 §2 takes the number employed on the last day of the quarter of its first "
                        "employment after it: give that as fallback_fte"),
              std::string::npos)
        << text;
    EXPECT_NE(sources_of(*st).find("@waso.faq"), std::string::npos);
    e.fallback_fte = dec("50");
    EXPECT_EQ(decide_size(R, e, 2024, why).cls, size_class::ge20);
    EXPECT_EQ(credit(e, full_timer(date(2024, 1, 1)), 2024).credit_days.text(), "5");
}

// Probe finding 4: a dismissal with notice lapses the open balance at the contract end. securex.end regulates it
// (the days may be taken during the notice, which ends with the contract): the explanation cites it through
// account.be.end.lapse_on and no longer says "an ending no source regulates".
TEST(AccountBalance, DismissalWithNoticeLapsesBySecurexEnd) {
    worker w = full_timer(date(2020, 1, 1));
    w.jobs[0].to = date(2024, 9, 30);
    w.end = contract_end{date(2024, 9, 30), "dismissal_notice"};
    const auto r = evaluate_worker(eng().account(), employer_of("25", 2024), w, date(2024, 12, 31), true);
    EXPECT_TRUE(r.reasons & reason_lapsed_contract_end);
    const auto st = step_of(r.why, "account.end.lapse");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->text().find("no source regulates"), std::string::npos) << st->text();
    EXPECT_EQ(sources_of(*st), "account.be.end.lapse_on@securex.end");
}
