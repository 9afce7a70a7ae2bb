// The development account ledger (SER advice 17/04, recommendation B; seed 003):
// deposits by party, collective deposits, vouchers with an expiry, spending on
// the kinds the rulebook declares eligible; nothing negative, nothing lost.
#include <gtest/gtest.h>

#include "edurules/account/ledger.hpp"
#include "edurules/engine.hpp"

using namespace edurules;
using namespace edurules::account;

namespace {
const rules& R() {
    static const engine e;
    return e.account();
}
ledger_event deposit(const char* id, date d, std::vector<share> s) {
    ledger_event e;
    e.id = id;
    e.day = d;
    e.shares = std::move(s);
    return e;
}
ledger_event spend(const char* id, date d, const char* kind, std::int64_t cents) {
    ledger_event e;
    e.id = id;
    e.day = d;
    e.type = event_type::spend;
    e.kind = kind;
    e.cents = cents;
    return e;
}
}  // namespace

// seed 003: "werknemers, werkgevers en anderen"; "collectieve stortingen die door werknemers en werkgevers samen".
TEST(AccountLedger, DepositsCollectiveDepositAndEligibleSpend) {
    const date d(2025, 1, 10);
    std::vector<ledger_event> ev{deposit("D1", d, {{"worker", 10000}}), deposit("D2", d, {{"employer", 20000}}),
                                 deposit("D3", d, {{"worker", 5000}, {"employer", 5000}})};
    auto L = evaluate_ledger(R(), ev, d, true);
    EXPECT_EQ(L.balance(), 40000);
    EXPECT_TRUE(L.balanced);
    ev.push_back(spend("S1", date(2025, 2, 1), "career_scan", 30000));
    ev.push_back(spend("S2", date(2025, 3, 1), "career_scan", 15000));
    ev.push_back(spend("S3", date(2025, 3, 1), "hobby_course", 100));
    L = evaluate_ledger(R(), ev, date(2025, 12, 31), true);
    EXPECT_TRUE(L.events[3].accepted);
    EXPECT_FALSE(L.events[4].accepted);
    EXPECT_TRUE(L.events[4].reasons & ledger_insufficient_funds);
    EXPECT_TRUE(L.events[5].reasons & ledger_kind_not_eligible);
    EXPECT_EQ(L.balance(), 10000);
    EXPECT_TRUE(L.balanced);
}

// seed 003 names no expiry: account.nl.voucher.expiry_months is P; a voucher's own expiry is kept.
TEST(AccountLedger, EarmarkedVoucherAndItsLapse) {
    ledger_event v = deposit("V1", date(2025, 1, 1), {{"government", 50000}});
    v.type = event_type::voucher;
    v.kinds = {"evc"};
    v.expires = date(2026, 12, 31);
    std::vector<ledger_event> ev{v, spend("S1", date(2025, 5, 1), "course_recognised", 1000),
                                 spend("S2", date(2025, 6, 1), "evc", 20000)};
    auto L = evaluate_ledger(R(), ev, date(2026, 12, 31), true);
    EXPECT_TRUE(L.events[1].reasons & ledger_earmarked_elsewhere);
    EXPECT_TRUE(L.events[2].accepted);
    EXPECT_EQ(L.balance(), 30000);
    L = evaluate_ledger(R(), ev, date(2027, 1, 1), true);
    EXPECT_EQ(L.balance(), 0);
    EXPECT_EQ(L.lapsed, 30000);
    EXPECT_TRUE(L.balanced);
}

// seed 003: spent on "alle relevante loopbaanontwikkelactiviteiten", which the rulebook lists
// (account.nl.eligible_kinds). A voucher earmarked for a kind not on that list could never be
// spent and lapsed whole; it is refused with its reason, naming the nearest eligible kind.
TEST(AccountLedger, VoucherForAKindNotEligibleIsRefusedNamingTheNearestKind) {
    ledger_event v = deposit("V1", date(2025, 1, 1), {{"government", 50000}});
    v.type = event_type::voucher;
    v.kinds = {"evc", "evcc"};
    const auto L = evaluate_ledger(R(), {v, spend("S1", date(2025, 2, 1), "evcc", 100)}, date(2025, 3, 1), true);
    EXPECT_FALSE(L.events[0].accepted);
    EXPECT_EQ(L.events[0].reasons, ledger_kind_not_eligible);
    EXPECT_TRUE(L.vouchers.empty());
    EXPECT_EQ(L.deposited, 0);
    EXPECT_EQ(L.balance(), 0);
    EXPECT_TRUE(L.balanced);
    std::string texts;
    for (const auto& st : L.why.steps()) texts += st.text() + "\n";
    EXPECT_NE(texts.find("V1: refused, the voucher names \"evcc\", not a kind the account may pay for (did you mean "
                         "\"evc\"?)"),
              std::string::npos)
        << texts;
    EXPECT_NE(texts.find("S1: refused, \"evcc\" is not a kind the account may pay for (did you mean \"evc\"?)"),
              std::string::npos)
        << texts;
}

TEST(AccountLedger, UnknownPartyRefused) {
    auto L = evaluate_ledger(R(), {deposit("D1", date(2025, 1, 1), {{"neighbour", 100}})}, date(2025, 1, 1), true);
    EXPECT_FALSE(L.events[0].accepted);
    EXPECT_TRUE(L.events[0].reasons & ledger_party_not_allowed);
    EXPECT_EQ(L.balance(), 0);
}

// seed 003 (the SER development account) and the README rule "the ledger checks deposited = spent +
// lapsed + balance": deposited_by_party keyed on the parties allowed on the evaluation date dropped an
// employer's 200.00 accepted in 2025 once an overlay removed "employer" from account.nl.parties from
// 2026 (the breakdown summed to less than the deposits and balanced still said true). The breakdown is
// keyed by each accepted deposit's own party, sums to the deposits, and balanced checks that too.
TEST(AccountLedger, BreakdownByPartyKeepsADepositorTheRulebookDropsLater) {
    const engine e(std::make_shared<const rulebook>(rulebook::with_value(
        *rulebook::builtin(), "account.nl.parties", R"(["worker","government","sector_fund"])", date(2026, 1, 1))));
    const date d(2025, 1, 10);
    std::vector<ledger_event> ev{deposit("D1", d, {{"worker", 10000}}), deposit("D2", d, {{"employer", 20000}}),
                                 deposit("D3", d, {{"worker", 5000}, {"employer", 5000}}),
                                 deposit("D4", date(2026, 2, 1), {{"employer", 700}})};
    const auto L = evaluate_ledger(e.account(), ev, date(2026, 6, 1), true);
    EXPECT_TRUE(L.events[1].accepted);
    EXPECT_FALSE(L.events[3].accepted);  // 2026: the employer may no longer deposit
    EXPECT_EQ(L.deposited, 40000);
    std::int64_t sum = 0, employer = -1;
    for (const auto& p : L.deposited_by_party) {
        sum += p.cents;
        if (p.party == "employer") employer = p.cents;
    }
    EXPECT_EQ(employer, 25000);
    EXPECT_EQ(sum, L.deposited);
    EXPECT_TRUE(L.balanced);
    ASSERT_EQ(L.deposited_by_party.size(), 4u);  // the parties of `date` in rulebook order, then the employer
    EXPECT_EQ(L.deposited_by_party[0].party, "worker");
    EXPECT_EQ(L.deposited_by_party[3].party, "employer");
}

// seed 003: "collectieve stortingen die door werknemers en werkgevers samen kunnen worden gedaan": a
// collective deposit is one event, booked whole or not at all; a misspelt party refuses it whole (the
// worker's valid share too), and the explanation says so, naming the share, the party and the nearest
// allowed one (it said only "a party may not deposit").
TEST(AccountLedger, AMisspeltPartyIsNamedWithItsShareAndTheNearestParty) {
    const auto L = evaluate_ledger(R(), {deposit("D1", date(2025, 1, 1), {{"worker", 10000}, {"employr", 5000}})},
                                   date(2025, 6, 1), true);
    EXPECT_FALSE(L.events[0].accepted);
    EXPECT_EQ(L.events[0].reasons, ledger_party_not_allowed);
    EXPECT_EQ(L.deposited, 0);
    std::string texts;
    for (const auto& st : L.why.steps()) texts += st.text() + "\n";
    EXPECT_NE(texts.find("D1: refused whole (a collective deposit is booked whole or not at all), from[1] party "
                         "\"employr\" may not deposit (did you mean \"employer\"?)"),
              std::string::npos)
        << texts;
    const auto one =
        evaluate_ledger(R(), {deposit("D2", date(2025, 1, 1), {{"neighbour", 100}})}, date(2025, 6, 1), true);
    texts.clear();
    for (const auto& st : one.why.steps()) texts += st.text() + "\n";
    EXPECT_NE(texts.find("D2: refused, from[0] party \"neighbour\" may not deposit\n"), std::string::npos) << texts;
}
