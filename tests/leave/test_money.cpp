// Tests for include/edurules/leave/money.hpp (docs/rules.md 2.2, 2.3 money and dates).
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace leave_test;

namespace {
reimbursement pay(regime reg, minutes m, int sy) {
    explanation why;
    std::vector<rate_part> parts;
    return reimburse(R(), reg, training_type::professional, m, school_year(sy), parts, why);
}
deadlines dates(regime reg, int sy, date start, std::optional<date> enrolled = {}, std::optional<date> job = {}) {
    explanation why;
    return leave_deadlines(R(), reg, school_year(sy), start, enrolled, job, why);
}
}  // namespace

// docs/rules.md 2.2/2.3: EUR 21.30 Flanders and Wallonia, 22.07 Brussels from 2022-2023, VOV 14.91 from 2025-2026.
TEST(LeaveMoney, RatesByRegionAndSchoolYear) {
    EXPECT_EQ(pay(regime::flanders_bev, hours(10), 2019).rate_cents, 2130);
    EXPECT_EQ(pay(regime::wallonia_bev, hours(10), 2024).rate_cents, 2130);
    EXPECT_EQ(pay(regime::brussels_bev, hours(10), 2021).rate_cents, 2130);
    EXPECT_EQ(pay(regime::brussels_bev, hours(10), 2022).rate_cents, 2207);
    EXPECT_EQ(pay(regime::brussels_reformed, hours(10), 2023).rate_cents, 2207);
    EXPECT_EQ(pay(regime::vov, hours(10), 2024).rate_cents, 2130);
    EXPECT_EQ(pay(regime::vov, hours(10), 2025).rate_cents, 1491);
    EXPECT_EQ(pay(regime::none, hours(10), 2025).amount_cents, 0);
}

// 2013-2014 claims were paid per training category (legalworld.2015.types, easypay.2014.types:
// "18,49 euro voor de algemene opleidingen", 22.08 the maximum): a general training gets 18.49 in
// every BEV region that year only; other types keep the maximum (their category needs the provider).
// Brussels 2014-2015: the maximum 22.08 ratified by the Brussels government (lexgo.2015.bru, L).
TEST(LeaveMoney, GeneralTrainingRateOf2013To2014AndBrussels2014To2015) {
    const auto general = [](regime reg, int sy) {
        explanation why;
        std::vector<rate_part> parts;
        return reimburse(R(), reg, training_type::general, hours(60), school_year(sy), parts, why);
    };
    for (const regime reg : {regime::flanders_bev, regime::wallonia_bev, regime::brussels_bev}) {
        const auto g = general(reg, 2013);
        EXPECT_EQ(g.rate_cents, 1849);
        EXPECT_EQ(g.amount_cents, 110940);  // 60 h x 18.49
        EXPECT_EQ(g.rate_use.param, R().rate_bev_general);
        EXPECT_EQ(pay(reg, hours(60), 2013).rate_cents, 2208);  // professional: the maximum
        EXPECT_EQ(general(reg, 2012).rate_cents, 2165);         // 2012-2013: one maximum for every type
    }
    EXPECT_EQ(general(regime::flanders_bev, 2014).rate_cents, 2130);  // one forfait again (vl.bvr.2015.forfait)
    EXPECT_EQ(general(regime::brussels_bev, 2014).rate_cents, 2208);
    EXPECT_EQ(pay(regime::brussels_bev, hours(40), 2014).amount_cents, 88320);
    EXPECT_EQ(general(regime::vov, 2024).rate_cents, 2130);  // VOV has one rate
}

// Exact cents: 93.75 h x EUR 21.30 = EUR 1996.875 -> 1996.88 (money rounding half_up).
TEST(LeaveMoney, ExactCentsRoundedOnce) {
    EXPECT_EQ(pay(regime::vov, minutes{93 * 60 + 45}, 2020).amount_cents, 199688);
    EXPECT_EQ(pay(regime::wallonia_bev, hours(53), 2020).amount_cents, 112890);
}

// docs/rules.md 2.2 (M): wage ceiling per school year; 2022-2023 changes on 2023-01-01.
TEST(LeaveMoney, WageCeilings) {
    EXPECT_EQ(wage_ceiling(R(), date(2019, 9, 1)).value, 292800);
    EXPECT_EQ(wage_ceiling(R(), date(2021, 9, 1)).value, 304700);
    EXPECT_EQ(wage_ceiling(R(), date(2022, 12, 31)).value, 317000);
    EXPECT_EQ(wage_ceiling(R(), date(2023, 1, 1)).value, 336400);
    EXPECT_EQ(wage_ceiling(R(), date(2025, 9, 1)).value, 371400);
}

// docs/research/leave-history.md 2.1 (issue 12): ceilings back to 2012-2013 (knack.2013, M;
// werk.belgie.2013, H) and the 2026-2027 gap (P: the indexation count is unknown).
TEST(LeaveMoney, WageCeilingHistoryAndGap) {
    EXPECT_EQ(wage_ceiling(R(), date(2012, 9, 1)).value, 270600);
    EXPECT_EQ(wage_ceiling(R(), date(2014, 8, 31)).value, 276000);
    EXPECT_EQ(wage_ceiling(R(), date(2017, 9, 1)).value, 287100);
    EXPECT_EQ(R().wage_ceiling->at(date(2026, 9, 1)), nullptr);
    std::vector<dated_amount> out;
    const auto missing = wage_ceilings_in(R(), school_year(2026).days(), std::nullopt, out);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(*missing, date(2026, 9, 1));
    // 2022-2023: two ceilings, the worker's wage capped at each (wal.cep, H)
    EXPECT_FALSE(wage_ceilings_in(R(), school_year(2022).days(), 340000, out).has_value());
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(*out[0].capped_wage_cents, 317000);
    EXPECT_EQ(*out[1].capped_wage_cents, 336400);
    EXPECT_EQ(out[1].span.first, date(2023, 1, 1));
}

// leave-history.md 2.2-2.5: the federal maximum forfaits 21.65 (2012-2013, depla.2013, M) and
// 22.08 (2013-2014, werk.belgie.2013, H); Brussels 2014-2015 and VOV 2026-2027 are gaps: no
// amount, the missing parameter named, and no exception (issue 12: partial knowledge is a reason).
TEST(LeaveMoney, RateHistoryAndGaps) {
    EXPECT_EQ(pay(regime::flanders_bev, hours(10), 2012).rate_cents, 2165);
    EXPECT_EQ(pay(regime::wallonia_bev, hours(10), 2013).rate_cents, 2208);
    EXPECT_EQ(pay(regime::brussels_bev, hours(10), 2013).amount_cents, 22080);
    EXPECT_EQ(pay(regime::brussels_bev, hours(10), 2014).rate_cents, 2208);  // lexgo.2015.bru (L)
    const auto gap = pay(regime::vov, hours(10), 2026);  // the 2025 cut is temporary, with no end date
    EXPECT_FALSE(gap.known());
    EXPECT_EQ(gap.missing, R().rate_vov);
    EXPECT_EQ(gap.missing_on, date(2026, 9, 1));
    EXPECT_EQ(gap.amount_cents, 0);
    EXPECT_TRUE(pay(regime::vov, hours(10), 2025).known());
}

// leave-history.md 2.18: claim deadlines per school year (fiduplan, easypay.2016.vl, partena.bru.2018: M).
TEST(LeaveMoney, ClaimDeadlineHistory) {
    EXPECT_EQ(*dates(regime::flanders_bev, 2012, date(2012, 9, 10)).claim_until, date(2014, 6, 30));
    EXPECT_EQ(*dates(regime::flanders_bev, 2014, date(2014, 9, 10)).claim_until, date(2016, 3, 31));
    EXPECT_EQ(*dates(regime::wallonia_bev, 2015, date(2015, 9, 7)).claim_until, date(2017, 6, 30));
    EXPECT_EQ(*dates(regime::brussels_bev, 2016, date(2016, 9, 7)).claim_until, date(2018, 6, 30));
    EXPECT_EQ(*dates(regime::brussels_bev, 2017, date(2017, 9, 7)).claim_until, date(2018, 12, 31));
}

// COVID extensions (a legal probe's findings). Wallonia, wal.emploi.covid (1 April 2020): « L'employeur peut
// introduire ses demandes de remboursement relatives à l'année 2019 jusqu'au 30 juin 2020 » (2018-2019 claims, due
// 31 March 2020; was 2020-03-31). Brussels, bru.terugbetaling (https://economie-werk.brussels/educatief-verlof-
// terugbetaling): 2019-2020 claims "ten laatste op 31 december 2020 (deze deadline werd uitzonderlijk verlengd tot
// 31 januari 2021)" (was 2020-12-31). The years around them keep the usual dates.
TEST(LeaveMoney, ClaimDeadlinesExtendedDuringCovid) {
    EXPECT_EQ(*dates(regime::wallonia_bev, 2018, date(2018, 9, 10)).claim_until, date(2020, 6, 30));
    EXPECT_EQ(*dates(regime::wallonia_bev, 2017, date(2017, 9, 11)).claim_until, date(2019, 3, 31));
    EXPECT_EQ(*dates(regime::wallonia_bev, 2019, date(2019, 9, 9)).claim_until, date(2021, 3, 31));
    EXPECT_EQ(*dates(regime::brussels_bev, 2019, date(2019, 9, 9)).claim_until, date(2021, 1, 31));
    EXPECT_EQ(*dates(regime::brussels_bev, 2018, date(2018, 9, 10)).claim_until, date(2019, 12, 31));
    EXPECT_EQ(*dates(regime::brussels_bev, 2020, date(2020, 9, 7)).claim_until, date(2021, 12, 31));
}

// docs/rules.md 2.2: enrolment certificate by 31 October, or 15 days after a later enrolment or new job.
TEST(LeaveMoney, EnrolmentCertificateDeadline) {
    EXPECT_EQ(dates(regime::wallonia_bev, 2020, date(2020, 9, 7)).enrolment_certificate, date(2020, 10, 31));
    EXPECT_EQ(dates(regime::wallonia_bev, 2020, date(2020, 9, 7), date(2020, 10, 20)).enrolment_certificate,
              date(2020, 11, 4));
    EXPECT_EQ(
        dates(regime::wallonia_bev, 2020, date(2020, 9, 7), date(2020, 9, 1), date(2021, 2, 1)).enrolment_certificate,
        date(2021, 2, 16));
}

// docs/rules.md 2.2/2.3: claims: Flemish BEV 31 Dec, Wallonia 31 March, Brussels 1 Sep..31 Dec after the school year;
// VOV 3 months before to 3 months after the training start.
TEST(LeaveMoney, ClaimDeadlines) {
    EXPECT_EQ(*dates(regime::flanders_bev, 2019, date(2018, 9, 10)).claim_until, date(2020, 12, 31));
    EXPECT_EQ(*dates(regime::wallonia_bev, 2020, date(2020, 9, 7)).claim_until, date(2022, 3, 31));
    const auto b = dates(regime::brussels_bev, 2022, date(2022, 9, 7));
    EXPECT_EQ(*b.claim_from, date(2023, 9, 1));
    EXPECT_EQ(*b.claim_until, date(2023, 12, 31));
    const auto v = dates(regime::vov, 2023, date(2023, 11, 30));
    EXPECT_EQ(*v.claim_from, date(2023, 8, 30));
    EXPECT_EQ(*v.claim_until, date(2024, 2, 29));  // the day before 30 February (roll_forward: 1 March)
}

// vl.bev.terugbetaling
// (https://www.vlaanderen.be/als-werkgever-een-terugbetaling-aanvragen/procedure-terugbetaling-werkgever):
// "Als werkgever kunt u de terugbetaling van het betaald educatief verlof aanvragen vanaf het einde van elk
// schooljaar ... voor het schooljaar 2020-2021 ... vanaf 1 september 2021. De deadline is 31 december 2021."
// The Flemish BEV claim window opens on 1 September after the school year (it had no first day; the
// legal probe of issue 14); under the federal rule before 2014-2015 likewise (groups.2014, M).
TEST(LeaveMoney, FlemishBevClaimOpensAtTheEndOfTheSchoolYear) {
    const auto d = dates(regime::flanders_bev, 2020, date(2018, 9, 3));
    ASSERT_TRUE(d.claim_from);
    EXPECT_EQ(*d.claim_from, date(2021, 9, 1));
    EXPECT_EQ(*d.claim_until, date(2021, 12, 31));
    const auto federal = dates(regime::flanders_bev, 2012, date(2012, 9, 10));
    ASSERT_TRUE(federal.claim_from);
    EXPECT_EQ(*federal.claim_from, date(2013, 9, 1));
    EXPECT_EQ(*federal.claim_until, date(2014, 6, 30));
}

// The VOV claim term of 3 months ends the day before the same date (leave.vov.claim_term_ends_day_before).
// liantis.2022.claims (https://www.liantis.be/nl/nieuws/aanvraag-terugbetaling-vlaams-opleidingsverlof): "Opleidingen
// die op 1 september 2022 startten, moet je ten laatste op 30 november 2022 indienen" (was 2022-12-01, a legal
// probe's finding); vl.vov.terugbetaling, 2019-2020: "t.e.m. 31 oktober 2020 of uiterlijk binnen de 3 maanden na de
// start van de opleiding voor opleidingen die gestart zijn na 1 augustus 2020": a start on 1 August ends on 31
// October, where the two rules meet.
TEST(LeaveMoney, VovClaimTermEndsTheDayBeforeTheSameDate) {
    EXPECT_EQ(*dates(regime::vov, 2022, date(2022, 9, 1)).claim_until, date(2022, 11, 30));
    EXPECT_EQ(*dates(regime::vov, 2019, date(2020, 8, 1)).claim_until, date(2020, 10, 31));
    EXPECT_EQ(*dates(regime::vov, 2019, date(2020, 8, 2)).claim_until, date(2020, 11, 1));
    EXPECT_EQ(*dates(regime::vov, 2022, date(2022, 9, 1)).claim_from, date(2022, 6, 1));  // from: the same date
}

// vl.vov.terugbetaling
// (https://www.vlaanderen.be/vlaams-opleidingsverlof/als-werkgever-een-terugbetaling-aanvragen-voor-vlaams-opleidingsverlof):
// "U moet de aanvraag indienen ten laatste 3 maanden na de start van de opleiding (of 3 maanden na indiensttreding
// bij verandering van werkgever)". A training from 2022-09-06 and a new employer from 2023-01-09: the new employer
// claims until 2023-04-08, the day before 9 April (leave.vov.claim_term_ends_day_before; was 2022-12-05, before the
// new job's own enrolment-certificate date 2023-01-24).
TEST(LeaveMoney, VovClaimOnAChangeOfEmployerRunsFromTheHiring) {
    const auto d = dates(regime::vov, 2022, date(2022, 9, 6), std::nullopt, date(2023, 1, 9));
    EXPECT_EQ(d.enrolment_certificate, date(2023, 1, 24));
    EXPECT_EQ(*d.claim_from, date(2022, 6, 6));
    EXPECT_EQ(*d.claim_until, date(2023, 4, 8));
    // a new job before the training starts moves nothing: the start is later
    EXPECT_EQ(*dates(regime::vov, 2022, date(2022, 9, 6), std::nullopt, date(2022, 8, 1)).claim_until,
              date(2022, 12, 5));
    // through the whole evaluation, with the two jobs
    worker w = make_worker(region::flanders, {job{date(2015, 1, 1), date(2023, 1, 6), 38 * 60, 38 * 60},
                                              job{date(2023, 1, 9), std::nullopt, 38 * 60, 38 * 60}});
    w.new_job_on = date(2023, 1, 9);
    training t = make_training("t", training_type::professional);
    add_weekly(t, date(2022, 9, 6), 30, 180);
    w.trainings.push_back(t);
    const worker_result r = evaluate(R(), w, school_year(2022), true);
    ASSERT_EQ(r.trainings[0].reg, regime::vov);
    EXPECT_EQ(*r.trainings[0].dates.claim_until, date(2023, 4, 8));
}

// vl.vov.terugbetaling
// (https://www.vlaanderen.be/vlaams-opleidingsverlof/als-werkgever-een-terugbetaling-aanvragen-voor-vlaams-opleidingsverlof),
// school year 2019-2020: "Terugbetalingsaanvragen voor schooljaar 19-20 kunnen nog ingediend worden t.e.m.
// 31 oktober 2020 of uiterlijk binnen de 3 maanden na de start van de opleiding voor opleidingen die gestart zijn
// na 1 augustus 2020" (leave.vov.claim_extended_until). A training started 2019-09-10: claim until 2020-10-31
// (was 2019-12-10). liantis.2022.claims
// (https://www.liantis.be/nl/nieuws/aanvraag-terugbetaling-vlaams-opleidingsverlof): trainings started
// 2021-09-01..2022-08-31 until 2022-11-30; strict 3 months from 2022-2023.
TEST(LeaveMoney, VovClaimWindowsWidenedFor2019_2020And2021_2022) {
    EXPECT_EQ(*dates(regime::vov, 2019, date(2019, 9, 10)).claim_until, date(2020, 10, 31));
    EXPECT_EQ(*dates(regime::vov, 2019, date(2019, 9, 10)).claim_from, date(2019, 6, 10));    // unchanged
    EXPECT_EQ(*dates(regime::vov, 2019, date(2020, 8, 15)).claim_until, date(2020, 11, 14));  // 3 months is later
    EXPECT_EQ(*dates(regime::vov, 2021, date(2021, 9, 7)).claim_until, date(2022, 11, 30));
    EXPECT_EQ(*dates(regime::vov, 2022, date(2022, 9, 6)).claim_until, date(2022, 12, 5));
    explanation why;
    (void)leave_deadlines(R(), regime::vov, school_year(2019), date(2019, 9, 10), std::nullopt, std::nullopt, why);
    bool named = false;
    for (const auto& step : why.steps())
        for (const auto& u : step.params)
            named = named || (u.param && u.param->name == "leave.vov.claim_extended_until");
    EXPECT_TRUE(named);
}

// Issue 12, mid-year changes apply by date (docs/research/leave-history.md section 3): a rate
// that changes during the school year pays each part of the approved leave at the rate of its
// days. The default rulebook has no mid-year rate change (rates follow the school year the
// claim covers), so a rulebook overlay sets EUR 25.00 from 2023-01-01 (a user override).
namespace {
std::unique_ptr<engine> wallonia_rate_from_2023(const char* before, const char* from_2023) {
    const rulebook a = rulebook::with_value(*rulebook::builtin(), "leave.rate.wallonia_bev", before, date(2022, 9, 1),
                                            date(2022, 12, 31));
    return std::make_unique<engine>(std::make_shared<const rulebook>(
        rulebook::with_value(a, "leave.rate.wallonia_bev", from_2023, date(2023, 1, 1), date(2023, 8, 31))));
}
}  // namespace

TEST(LeaveMoney, MidYearRateAppliesByTheDateOfTheLeaveHours) {
    const auto e = wallonia_rate_from_2023("21.30", "25.00");
    worker w = make_worker(region::wallonia, {employ(date(2005, 1, 1), 38, 38)});
    training t = make_training("pro", training_type::professional);
    add_weekly(t, date(2022, 9, 5), 10, 120);  // 20 h in 2022
    add_weekly(t, date(2023, 1, 9), 10, 120);  // 20 h in 2023
    w.trainings.push_back(t);
    const auto r = evaluate(e->leave(), w, school_year(2022));
    const auto& tr = r.trainings[0];
    ASSERT_EQ(tr.granted, hours(40));
    ASSERT_TRUE(tr.money.known());
    EXPECT_EQ(tr.money.amount_cents, 20 * 2130 + 20 * 2500);  // EUR 926.00
    const auto parts = r.rates_of(0);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].span, (period{date(2022, 9, 1), date(2022, 12, 31)}));
    EXPECT_EQ(parts[0].rate_cents, 2130);
    EXPECT_EQ(parts[0].approved.hours_text(), "20");
    EXPECT_EQ(parts[1].span, (period{date(2023, 1, 1), date(2023, 8, 31)}));
    EXPECT_EQ(parts[1].rate_cents, 2500);
    EXPECT_EQ(parts[1].attended, hours(20));
    // the wage ceilings of the year (wal.cep, H) each carry the leave of their days
    ASSERT_EQ(r.wage_ceilings.size(), 2u);
    EXPECT_EQ(r.wage_ceilings[0].approved.hours_text(), "20");
    EXPECT_EQ(r.wage_ceilings[1].approved.hours_text(), "20");
    // the worker's capped wage is the first day's ceiling (as the schema says); the step says the ceiling changes
    // during the year (emploi.wallonie.be: 3,170 until 31 December 2022, 3,364 from 1 January 2023), so the
    // headline is not read as the ceiling of every leave hour
    w.monthly_wage_cents = 400000;
    const auto c = evaluate(e->leave(), w, school_year(2022));
    ASSERT_TRUE(c.capped_monthly_wage_cents.has_value());
    bool said = false;
    for (const auto& s : c.why.steps())
        if (s.rule == "leave.money.wage_ceiling")
            said = s.text().find("changes during the school year") != std::string::npos;
    EXPECT_TRUE(said);
}

// One rounding: 30 min at EUR 21.31 (1065.5 cents) + 30 min at EUR 25.01 (1250.5 cents) is
// 2316 cents exactly; rounding each part first would give 2317.
TEST(LeaveMoney, MidYearAmountIsRoundedOnce) {
    const auto e = wallonia_rate_from_2023("21.31", "25.01");
    const std::vector<attended_day> days{{date(2022, 10, 3), minutes{90}}, {date(2023, 2, 6), minutes{90}}};
    std::vector<rate_part> parts;
    explanation why;
    const auto m = reimburse(e->leave(), regime::wallonia_bev, training_type::professional, minutes{60}, days,
                             date(2022, 9, 1), school_year(2022), parts, why);
    ASSERT_TRUE(m.known());
    EXPECT_EQ(m.amount_cents, 2316);
    ASSERT_EQ(m.parts_count, 2u);
    EXPECT_EQ(parts[0].approved.hours_text(), "0.5");
    // leave without attended days (credits, exams) is dated on the day its right was decided
    parts.clear();
    EXPECT_EQ(reimburse(e->leave(), regime::wallonia_bev, training_type::professional, minutes{60}, {},
                        date(2023, 3, 1), school_year(2022), parts, why)
                  .amount_cents,
              2501);
}

// A rate missing for part of the year that carries leave: no amount, the reason names the
// parameter and the first day without a value (Flemish BEV forfait ends 2021-12-31,
// vl.bvr.2015.forfait); leave only before the end needs no later value.
TEST(LeaveMoney, RateMissingForPartOfTheYear) {
    std::vector<rate_part> parts;
    explanation why;
    const std::vector<attended_day> days{{date(2021, 10, 4), minutes{60}}, {date(2022, 2, 7), minutes{60}}};
    const auto m = reimburse(R(), regime::flanders_bev, training_type::professional, minutes{120}, days,
                             date(2021, 9, 1), school_year(2021), parts, why);
    EXPECT_FALSE(m.known());
    EXPECT_EQ(m.missing, R().rate_flanders_bev);
    EXPECT_EQ(m.missing_on, date(2022, 1, 1));
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[1].version, nullptr);
    parts.clear();
    const auto ok = reimburse(R(), regime::flanders_bev, training_type::professional, minutes{60},
                              std::span(days).first(1), date(2021, 9, 1), school_year(2021), parts, why);
    EXPECT_TRUE(ok.known());
    EXPECT_EQ(ok.amount_cents, 2130);
    // no leave approved: no rate needed, even in a year without one (Brussels 2014-2015)
    EXPECT_TRUE(pay(regime::brussels_bev, minutes{0}, 2014).known());
}
