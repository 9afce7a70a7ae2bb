// What needs the employer's attention: the category of each participant (on
// track, points short, may renew without a renewal dossier, lapsed, not
// registered), the facts behind it, and the urgency order of the report.
// Sources: seed 002 (the overview shows "of de professional al een dossier
// heeft ingediend om de PE-registratie te verlengen"); seed 001 ("Bij behalen
// van de benodigde punten (12), kan de deelnemer de registratie voor 2 jaar
// verlengen"; otherwise "De PE-registratie vervalt"); the rulebook's
// pe.renewal.requires_request and pe.renewal.grace_days.
#include <fstream>
#include <sstream>

#include "edurules/insight/attention.hpp"
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

/// Every participant of the sample dossier as an overview row on `on`.
struct rows_on {
    pe::dossier_index idx{sample()};
    pe::dossier_report report;
    std::vector<progress_row> rows;
    rows_on(const engine& e, date on) : report(pe::evaluate_dossier(e.pe(), idx, on, false)) {
        for (const auto& p : report.participants) {
            progress_row& r = rows.emplace_back();
            r.who = p.who;
            r.st = p.st;
        }
    }
    const pe::status& of(std::string_view seu) const {
        for (const auto& r : rows)
            if (r.who->seu_number == seu) return r.st;
        throw std::out_of_range(std::string(seu));
    }
};

std::vector<note_kind> kinds(const row_attention& a) {
    std::vector<note_kind> out;
    for (const auto& n : a.notes) out.push_back(n.kind);
    return out;
}

// Kim Vos has 12.75 of 12 points three days before her period ends and no
// renewal dossier: she may renew, but must still submit it (requires_request).
TEST(InsightAttention, EnoughPointsWithoutRenewalDossierIsFlaggedWithTheDaysLeft) {
    const engine& e = builtin_engine();
    const rows_on w(e, D(2025, 6, 1));
    const row_attention a = attention_of(e.pe(), w.of("SEU-100370"), D(2025, 6, 1));
    EXPECT_EQ(a.level, attention::renew_without_dossier);
    EXPECT_EQ(a.rank, 2);
    ASSERT_TRUE(a.deadline_days.has_value());
    EXPECT_EQ(*a.deadline_days, 3);
    EXPECT_EQ(kinds(a),
              (std::vector<note_kind>{note_kind::days_left, note_kind::may_renew, note_kind::no_renewal_dossier}));
    EXPECT_EQ(a.notes[0].days, 3);
}

TEST(InsightAttention, SubmittedRenewalDossierIsOnTrack) {
    const engine& e = builtin_engine();
    const rows_on w(e, D(2025, 6, 1));
    const row_attention a = attention_of(e.pe(), w.of("SEU-100407"), D(2025, 6, 1));  // Lars Dijkstra
    EXPECT_EQ(a.level, attention::on_track);
    EXPECT_EQ(a.notes.back().kind, note_kind::renewal_dossier_submitted);
}

TEST(InsightAttention, LapsedNamesTheDayThePointsShortAndAPendingDispensation) {
    const engine& e = builtin_engine();
    const rows_on w(e, D(2025, 6, 1));
    const row_attention a = attention_of(e.pe(), w.of("SEU-100296"), D(2025, 6, 1));  // Ilse de Wit
    EXPECT_EQ(a.level, attention::lapsed);
    EXPECT_EQ(a.rank, 1);
    EXPECT_EQ(kinds(a),
              (std::vector<note_kind>{note_kind::lapsed_on, note_kind::points_short, note_kind::dispensation_pending}));
    EXPECT_EQ(a.notes[0].on, D(2025, 4, 10));
    EXPECT_EQ(a.notes[1].pts.hundredths, 100);
}

// Points short while registered: a dispensation granted for the period keeps the registration (seed 000: "In
// dit geval is het mogelijk om een dispensatieverzoek in te dienen"; the status announces no lapse), so the row
// is on track and says why; one still undecided keeps the row points short and is named.
TEST(InsightAttention, PointsShortWithADispensationGrantedOrPending) {
    const engine& e = builtin_engine();
    const rows_on w(e, D(2025, 6, 1));
    const pe::status* shortish = nullptr;
    for (const auto& r : w.rows)
        if (attention_of(e.pe(), r.st, D(2025, 6, 1)).level == attention::points_short) shortish = &r.st;
    ASSERT_NE(shortish, nullptr);
    pe::status granted = *shortish;
    granted.reg.dispensation_granted_on = D(2025, 5, 20);
    const row_attention a = attention_of(e.pe(), granted, D(2025, 6, 1));
    EXPECT_EQ(a.level, attention::on_track);
    EXPECT_EQ(a.notes.back().kind, note_kind::dispensation_granted);
    EXPECT_EQ(a.notes.back().on, D(2025, 5, 20));
    pe::status pending = *shortish;
    pending.reg.dispensation_pending = true;
    const row_attention b = attention_of(e.pe(), pending, D(2025, 6, 1));
    EXPECT_EQ(b.level, attention::points_short);
    EXPECT_EQ(b.notes.back().kind, note_kind::dispensation_pending);
}

// Without a renewal request in the rulebook, enough points is all it takes.
TEST(InsightAttention, NoDossierNeededWhenTheRulebookRenewsAutomatically) {
    const engine e(std::make_shared<const rulebook>(
        rulebook::with_value(*rulebook::builtin(), "pe.renewal.requires_request", "false")));
    const rows_on w(e, D(2025, 6, 1));
    const row_attention a = attention_of(e.pe(), w.of("SEU-100370"), D(2025, 6, 1));
    EXPECT_EQ(a.level, attention::on_track);
    EXPECT_EQ(kinds(a), (std::vector<note_kind>{note_kind::days_left, note_kind::may_renew}));
}

// Within the renewal grace days after the period, the deadline is the grace
// period's end; after it, the registration is simply not renewed.
TEST(InsightAttention, GraceDaysGiveTheDaysLeftToRenew) {
    const engine e(
        std::make_shared<const rulebook>(rulebook::with_value(*rulebook::builtin(), "pe.renewal.grace_days", "30")));
    const rows_on w(e, D(2025, 6, 10));  // Kim's period ended on 2025-06-04
    const row_attention a = attention_of(e.pe(), w.of("SEU-100370"), D(2025, 6, 10));
    EXPECT_EQ(a.level, attention::renew_without_dossier);
    ASSERT_TRUE(a.deadline_days.has_value());
    EXPECT_EQ(*a.deadline_days, 24);  // 2025-06-04 + 30 days = 2025-07-04
    EXPECT_EQ(a.notes.front().kind, note_kind::renew_days_left);
    const rows_on later(e, D(2025, 7, 5));
    const row_attention b = attention_of(e.pe(), later.of("SEU-100370"), D(2025, 7, 5));
    EXPECT_EQ(b.level, attention::not_registered);
    EXPECT_EQ(kinds(b), (std::vector<note_kind>{note_kind::ended_not_renewed}));
}

// The report order: lapsed, then who must act before a deadline (fewest days,
// then most points short), then on track, then not registered; counts add up.
TEST(InsightAttention, RankedByUrgencyWithCountsPerCategory) {
    const engine& e = builtin_engine();
    const rows_on w(e, D(2025, 6, 1));
    const ranked_rows r = rank_by_urgency(e.pe(), D(2025, 6, 1), w.rows);
    ASSERT_EQ(r.rows.size(), w.rows.size());
    std::size_t sum = 0;
    for (std::size_t c = 0; c < attention_count; ++c) sum += r.counts[c];
    EXPECT_EQ(sum, w.rows.size());
    for (std::size_t i = 1; i < r.rows.size(); ++i)
        EXPECT_FALSE(more_urgent(r.rows[i].att, r.rows[i - 1].att)) << r.rows[i].row->who->seu_number;
    EXPECT_EQ(r.rows.front().att.level, attention::lapsed);
    EXPECT_EQ(r.rows.back().att.level, attention::not_registered);
    // Kim (3 days, may renew) comes before every points-short row with more days.
    std::size_t kim = 0, noah = 0;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        if (r.rows[i].row->who->seu_number == "SEU-100370") kim = i;
        if (r.rows[i].row->who->seu_number == "SEU-101406") noah = i;
    }
    EXPECT_LT(kim, noah);
}

}  // namespace
}  // namespace insight_test
