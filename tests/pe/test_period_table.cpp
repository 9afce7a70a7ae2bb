// The period-end table compiled in pe::rules (rules::period_from) gives the
// very period of period::of_months with the terms in force on the start day,
// on every start day it covers and outside it, also when the rulebook's dated
// terms change the period length or the month-overflow policy (docs/rules.md 1:
// "PE-registratie is 2 jaar geldig", Stappenplan seed 001; the length and the
// policy are rulebook parameters).
#include "pe_fixture.hpp"

using namespace pe_test;

namespace {
/// Every start day from `from` up to (not including) `to`: period_from
/// equals of_months with terms_at's months and policy. Returns the days checked.
std::int64_t expect_table_matches(const pe::rules& r, date from, date to) {
    std::int64_t checked = 0;
    for (date d = from; d < to; d = next_day(d), ++checked) {
        const period_terms& t = r.terms_at(d);
        const period want = period::of_months(d, t.months, t.overflow);
        const period got = r.period_from(d, t);
        if (got != want) {
            ADD_FAILURE() << "start " << to_iso(d) << ": table " << to_iso(got.last) << ", add_months "
                          << to_iso(want.last);
            return checked;
        }
    }
    return checked;
}

/// The built-in rulebook with the period length and the overflow policy
/// changing on dated versions inside the table's range.
std::shared_ptr<const rulebook> changing_terms() {
    const rulebook top = rulebook::from_json(R"({"schema_version":1,"sources":{"t":{"title":"test terms"}},
        "parameters":{
          "pe.registration.period_months":{"type":"integer","unit":"months","values":[
            {"value":24,"to":"2027-02-27","source":"t","confidence":"H"},
            {"value":13,"from":"2027-02-28","to":"2031-12-31","source":"t","confidence":"H"},
            {"value":36,"from":"2032-01-01","source":"t","confidence":"H"}]},
          "pe.registration.month_overflow":{"type":"text","allowed":["roll_forward","clamp"],"values":[
            {"value":"roll_forward","to":"2029-06-30","source":"t","confidence":"H"},
            {"value":"clamp","from":"2029-07-01","source":"t","confidence":"H"}]}}})");
    return std::make_shared<const rulebook>(rulebook::overlaid(*rulebook::builtin(), top));
}
}  // namespace

// Every start day of the table and a stretch on both sides of it (computed
// with add_months there), under the built-in terms.
TEST(PePeriodTable, BuiltinTermsMatchAddMonthsOnEveryDay) {
    const pe::rules& r = R();
    const date table_first = from_day_number(r.period_table_first());
    const date table_end = from_day_number(r.period_table_end());
    EXPECT_LE(table_first, date(2000, 1, 1));
    EXPECT_GE(table_end, date(2090, 1, 1));
    EXPECT_EQ(expect_table_matches(r, table_first - day_count(800), table_end + day_count(800)),
              (table_end - table_first).days() + 1600);
    // 29 February under roll_forward (the built-in policy): the day before 1 March.
    const period_terms& t = r.terms_at(date(2024, 2, 29));
    EXPECT_EQ(r.period_from(date(2024, 2, 29), t).last, date(2026, 2, 28));
}

// Dated terms: 24, then 13, then 36 months, and the policy switching to clamp,
// each change inside the table; every start day follows the terms of its day.
TEST(PePeriodTable, DatedTermsChangeInsideTheTable) {
    const engine e(changing_terms());
    const pe::rules& r = e.pe();
    expect_table_matches(r, from_day_number(r.period_table_first()), from_day_number(r.period_table_end()));
    EXPECT_EQ(r.period_from(date(2027, 2, 27), r.terms_at(date(2027, 2, 27))).last, date(2029, 2, 26));
    EXPECT_EQ(r.period_from(date(2027, 2, 28), r.terms_at(date(2027, 2, 28))).last, date(2028, 3, 27));
    // 31 January + 13 months under clamp: 29 February 2032 is the period's
    // first day not covered, so it ends on 28 February.
    EXPECT_EQ(r.period_from(date(2031, 1, 31), r.terms_at(date(2031, 1, 31))).last, date(2032, 2, 28));
    EXPECT_EQ(r.period_from(date(2032, 1, 1), r.terms_at(date(2032, 1, 1))).last, date(2034, 12, 31));
    // Terms that are not the start day's own are computed, not looked up.
    const period_terms& other = r.terms_at(date(2020, 1, 1));
    EXPECT_EQ(r.period_from(date(2033, 5, 31), other), period::of_months(date(2033, 5, 31), 24, other.overflow));
}

// The registration walk uses the table: periods under changing terms are the
// same as those built with add_months (period 1 of 24 months, period 2 of 13).
TEST(PePeriodTable, RegistrationWalkFollowsDatedTerms) {
    const engine e(changing_terms());
    const participant p = person("S", date(2025, 3, 1));
    const std::vector<booked_points> b{{date(2025, 6, 1), pts(12)}};
    std::vector<date> renewals{date(2027, 1, 5)};
    registration_facts f = registration_facts::of(p);
    f.renewal_requests = renewals;
    const status s = status_at(e.pe(), f, p.track, booked_span{b}, date(2027, 6, 1));
    ASSERT_TRUE(s.reg.current);
    EXPECT_EQ(s.reg.period_number, 2);
    EXPECT_EQ(s.reg.current->first, date(2027, 3, 1));
    EXPECT_EQ(s.reg.current->last, date(2028, 3, 31));
}
