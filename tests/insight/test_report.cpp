// The reports: the overview holds exactly the participants who gave the
// organisation insight, with numbers taken from the PE engine; the individual
// dossier lists the booked activities, filterable by period; a plain contact
// never gets the overview.
// Source: seed 002 ("De rapportage geeft ... inzicht in de PE-periode, het
// behaalde aantal PE-punten en of de professional al een dossier heeft
// ingediend"; "welke leeractiviteiten de PE-medewerker heeft afgerond").
#include <fstream>
#include <set>
#include <sstream>

#include "edurules/io/pe_json.hpp"
#include "insight_fixture.hpp"

namespace insight_test {
namespace {

const pe::dossier& sample() {
    static const pe::dossier d = [] {
        std::ifstream in(std::string(EDURULES_SOURCE_DIR) + "/examples/data/dossier.json");
        std::stringstream ss;
        ss << in.rdbuf();
        return io::parse_dossier(ss.str());
    }();
    return d;
}

const date demo = D(2025, 6, 1);

std::set<std::string> seus(const std::vector<progress_row>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r.who->seu_number);
    return out;
}

struct world {
    directory dir = two_orgs();
    pe::dossier_index pe_idx{sample()};
    world() {
        dir.consents = {
            grant("K1", "SEU-100370", "A-X", D(2023, 7, 1)),                  // Kim Vos: org A ...
            grant("K2", "SEU-100370", "B-X", D(2024, 9, 1)),                  // ... and org B
            grant("K3", "SEU-100407", "A-ADMIN", D(2023, 7, 1)),              // Lars Dijkstra, renewal submitted
            grant("K4", "SEU-100111", "A-Y", D(2023, 4, 1), D(2025, 5, 31)),  // expired the day before
            grant("K5", "SEU-100148", "A-SECOND", D(2023, 2, 1), std::nullopt, demo),  // revoked on the day
            grant("K6", "SEU-100185", "A-DEPT", D(2023, 3, 10), demo),                 // last authorised day
            grant("K7", "SEU-100481", "B-ADMIN", next_day(demo)),                      // starts tomorrow
        };
    }
};

TEST(InsightOverview, HoldsExactlyTheParticipantsWithAConsentInForceToTheOrganisation) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const overview_report a = b.overview("A-ADMIN");
    ASSERT_TRUE(a.access.allowed);
    EXPECT_EQ(seus(a.rows), (std::set<std::string>{"SEU-100370", "SEU-100407", "SEU-100185"}));
    // Every participant with a consent to the organisation has a decision, in or out.
    EXPECT_EQ(a.entries.size(), 5u);
    for (const auto& e : a.entries) {
        if (*e.seu_number == "SEU-100111") {
            EXPECT_EQ(e.reason, access_reason::consent_expired);
        }
        if (*e.seu_number == "SEU-100148") {
            EXPECT_EQ(e.reason, access_reason::consent_revoked);
        }
    }
    const overview_report bo = b.overview("B-ADMIN");
    ASSERT_TRUE(bo.access.allowed);
    EXPECT_EQ(seus(bo.rows), (std::set<std::string>{"SEU-100370"}));
    EXPECT_EQ(bo.entries.size(), 2u);  // SEU-100481 left out: not started
}

// One participant consenting to two organisations shows in both, and only there.
TEST(InsightOverview, ParticipantInTwoOrganisationsShowsInBothAndOnlyThere) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    EXPECT_EQ(seus(b.overview("A-ADMIN").rows).count("SEU-100370"), 1u);
    EXPECT_EQ(seus(b.overview("B-ADMIN").rows).count("SEU-100370"), 1u);
    const overview_report c = b.overview("C-SECOND");
    ASSERT_TRUE(c.access.allowed);
    EXPECT_TRUE(c.rows.empty());
    EXPECT_TRUE(c.entries.empty());
    // In each organisation it is that organisation's consent that counts.
    for (const char* who : {"A-ADMIN", "B-ADMIN"})
        for (const auto& r : b.overview(who).rows)
            if (r.who->seu_number == "SEU-100370") {
                EXPECT_EQ(r.access.deciding->id, std::string(who) == "A-ADMIN" ? "K1" : "K2");
            }
}

TEST(InsightOverview, ParticipantWithoutConsentAppearsNowhere) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    for (const char* c : {"A-ADMIN", "A-SECOND", "B-ADMIN", "C-ADMIN"}) {
        const overview_report r = b.overview(c);
        EXPECT_EQ(seus(r.rows).count("SEU-100333"), 0u) << c;
        for (const auto& e : r.entries) EXPECT_NE(*e.seu_number, "SEU-100333") << c;
        for (const auto& a : r.audit()) EXPECT_NE(a.seu_number.value_or(""), "SEU-100333") << c;
    }
    for (const char* c : {"A-X", "A-Y", "A-DEPT", "B-X", "A-ADMIN"})
        for (const auto& v : b.dossiers(c)) EXPECT_NE(*v.access.seu_number, "SEU-100333") << c;
    EXPECT_FALSE(b.dossier("A-ADMIN", "SEU-100333").access.allowed);
}

TEST(InsightOverview, PlainContactGetsNoRowsEvenWithConsents) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const overview_report x = b.overview("A-X");
    EXPECT_FALSE(x.access.allowed);
    EXPECT_EQ(x.access.reason, access_reason::role_denies);
    EXPECT_TRUE(x.rows.empty());
    EXPECT_TRUE(x.entries.empty());
    ASSERT_EQ(x.audit().size(), 1u);
    EXPECT_FALSE(x.audit()[0].allowed);
    // ... but it opens the dossier that authorised it.
    EXPECT_TRUE(b.dossier("A-X", "SEU-100370").access.allowed);
}

TEST(InsightOverview, NumbersComeFromThePeEngine) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const pe::dossier_report pe_r = pe::evaluate_dossier(builtin_engine().pe(), w.pe_idx, demo, false);
    const overview_report a = b.overview("A-SECOND");
    ASSERT_EQ(a.rows.size(), 3u);
    for (const auto& row : a.rows) {
        const pe::status* st = nullptr;
        for (const auto& pr : pe_r.participants)
            if (pr.who->seu_number == row.who->seu_number) st = &pr.st;
        ASSERT_NE(st, nullptr);
        EXPECT_EQ(row.st.reg.state, st->reg.state);
        EXPECT_EQ(row.st.reg.current, st->reg.current);
        EXPECT_EQ(row.st.reg.earned, st->reg.earned);
        EXPECT_EQ(row.st.short_by, st->short_by);
        EXPECT_EQ(row.st.days_left, st->days_left);
        EXPECT_EQ(row.st.reg.renewal_requested, st->reg.renewal_requested);
    }
    // Lars Dijkstra submitted his renewal dossier on 2025-05-30.
    for (const auto& row : a.rows)
        if (row.who->seu_number == "SEU-100407") {
            EXPECT_TRUE(row.st.reg.renewal_requested);
        }
}

TEST(InsightOverview, ConsentUntilTheDayCountsThatDayOnly) {
    world w;
    const directory_index idx(w.dir);
    const report_builder today(builtin_engine().pe(), w.pe_idx, idx, demo);
    const report_builder tomorrow(builtin_engine().pe(), w.pe_idx, idx, next_day(demo));
    EXPECT_EQ(seus(today.overview("A-ADMIN").rows).count("SEU-100185"), 1u);
    EXPECT_EQ(seus(tomorrow.overview("A-ADMIN").rows).count("SEU-100185"), 0u);
    // The consent starting tomorrow shows up tomorrow in org B.
    EXPECT_EQ(seus(today.overview("B-ADMIN").rows).count("SEU-100481"), 0u);
    EXPECT_EQ(seus(tomorrow.overview("B-ADMIN").rows).count("SEU-100481"), 1u);
    // Revoked on the day: gone on the day, present the day before.
    const report_builder yesterday(builtin_engine().pe(), w.pe_idx, idx, prev_day(demo));
    EXPECT_EQ(seus(yesterday.overview("A-ADMIN").rows).count("SEU-100148"), 1u);
    EXPECT_EQ(seus(today.overview("A-ADMIN").rows).count("SEU-100148"), 0u);
}

TEST(InsightDossier, ListsBookedActivitiesFilterableByPeriod) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const dossier_view all = b.dossier("A-X", "SEU-100370");
    ASSERT_TRUE(all.access.allowed);
    ASSERT_NE(all.who, nullptr);
    ASSERT_FALSE(all.activities.empty());
    // Every line is a booked completion of this participant, in date order,
    // and the total is their sum.
    pe::points sum;
    const pe::dossier_report pe_r = pe::evaluate_dossier(builtin_engine().pe(), w.pe_idx, demo, false);
    std::size_t booked = 0;
    for (std::size_t i = 0; i < sample().completions.size(); ++i)
        if (sample().completions[i].seu_number == "SEU-100370" && pe_r.completions[i].booked()) ++booked;
    EXPECT_EQ(all.activities.size(), booked);
    for (std::size_t i = 0; i < all.activities.size(); ++i) {
        const auto& a = all.activities[i];
        EXPECT_EQ(sample().completions[a.completion_index].seu_number, "SEU-100370");
        EXPECT_TRUE(pe_r.completions[a.completion_index].booked());
        EXPECT_EQ(a.pts, pe_r.completions[a.completion_index].pts);
        ASSERT_NE(a.act, nullptr);
        EXPECT_FALSE(a.act->title.empty());
        if (i) {
            EXPECT_FALSE(a.completed < all.activities[i - 1].completed);
        }
        sum += a.pts;
    }
    EXPECT_EQ(all.total, sum);

    const date from = D(2024, 1, 1), to = D(2024, 12, 31);
    const dossier_view y2024 = b.dossier("A-X", "SEU-100370", from, to);
    ASSERT_TRUE(y2024.access.allowed);
    EXPECT_LT(y2024.activities.size(), all.activities.size());
    for (const auto& a : y2024.activities) {
        EXPECT_FALSE(a.completed < from);
        EXPECT_FALSE(to < a.completed);
    }
    std::size_t in_range = 0;
    for (const auto& a : all.activities) in_range += !(a.completed < from) && !(to < a.completed);
    EXPECT_EQ(y2024.activities.size(), in_range);
}

TEST(InsightDossier, DeniedViewCarriesNoData) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const dossier_view v = b.dossier("A-Y", "SEU-100370");  // K1 is to A-X, not A-Y
    EXPECT_FALSE(v.access.allowed);
    EXPECT_EQ(v.who, nullptr);
    EXPECT_FALSE(v.st.has_value());
    EXPECT_TRUE(v.activities.empty());
    const dossier_view expired = b.dossier("A-Y", "SEU-100111");
    EXPECT_EQ(expired.access.reason, access_reason::consent_expired);
    EXPECT_TRUE(expired.activities.empty());
}

TEST(InsightDossier, ConsentForAnSeuNumberOutsideTheDossierOpensNothing) {
    world w;
    w.dir.consents.push_back(grant("K9", "SEU-999999", "A-X", D(2024, 1, 1)));
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const dossier_view v = b.dossier("A-X", "SEU-999999");
    EXPECT_FALSE(v.access.allowed);
    EXPECT_EQ(v.access.reason, access_reason::unknown_participant);
    EXPECT_EQ(seus(b.overview("A-ADMIN").rows).count("SEU-999999"), 0u);
}

TEST(InsightDossier, ContactSeesTheDossiersThatAuthorisedIt) {
    world w;
    const directory_index idx(w.dir);
    const report_builder b(builtin_engine().pe(), w.pe_idx, idx, demo);
    const auto views = b.dossiers("A-Y");
    ASSERT_EQ(views.size(), 1u);  // only SEU-100111, whose consent expired
    EXPECT_FALSE(views[0].access.allowed);
    const auto x = b.dossiers("A-X");
    ASSERT_EQ(x.size(), 1u);
    EXPECT_TRUE(x[0].access.allowed);
    EXPECT_EQ(x[0].who->seu_number, "SEU-100370");
}

}  // namespace
}  // namespace insight_test
