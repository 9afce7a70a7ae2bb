// The columnar PE path allocates nothing per row (batch.hpp contract), also
// for rows with renewal requests and dispensations (pending, granted,
// refused), lapsed, ended and rejected rows: counts global allocations
// around a run of the batch over 3 rows and over 3000.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#include "../alloc_count.hpp"
#include "pe_fixture.hpp"

using namespace pe_test;

TEST(PeBatch, NoHeapAllocationPerRow) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const pe::rules& rr = R();  // the engine is built (and allocates) before counting
    auto run = [&](std::size_t n) {
        std::vector<std::int32_t> diploma(n), activation(n), cday, rday, dreq, ddec;
        std::vector<std::int64_t> coff{0}, cpts, roff{0}, doff{0};
        std::vector<std::uint8_t> dgr;
        for (std::size_t i = 0; i < n; ++i) {
            const int k = static_cast<int>(i % 7);
            const date dip = date(k == 3 ? 2023 : 2019 + k, 1 + static_cast<int>(i % 12), 15);
            diploma[i] = k == 6 ? no_day : to_epoch_day(dip);  // k == 6: no diploma
            activation[i] = k < 3 ? to_epoch_day(dip + day_count(30)) : no_day;
            if (k == 5) activation[i] = to_epoch_day(dip - day_count(3));  // rejected row
            for (int j = 0; j < k; ++j) {
                cday.push_back(to_epoch_day(dip + day_count(100 * j)));
                cpts.push_back(300 + 300 * j);
            }
            coff.push_back(static_cast<std::int64_t>(cday.size()));
            if (k % 2 == 0) rday.push_back(to_epoch_day(dip + day_count(720)));
            roff.push_back(static_cast<std::int64_t>(rday.size()));
            if (k % 3 != 2) {
                dreq.push_back(to_epoch_day(dip + day_count(700)));
                ddec.push_back(k % 3 == 0 ? no_day : to_epoch_day(dip + day_count(740)));
                dgr.push_back(k % 3 == 1 ? 1 : 0);
            }
            doff.push_back(static_cast<std::int64_t>(dreq.size()));
        }
        std::vector<std::uint8_t> state(n), reason(n), renew(n);
        std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
        std::vector<std::int64_t> earned(n), shrt(n), item(n);
        const status_columns in{diploma, activation, coff, cday, cpts, roff, rday, doff, dreq, ddec, dgr};
        const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err, item};
        const long before = allocations.load();
        status_batch(rr, date(2025, 6, 1), in, out);
        const long used = allocations.load() - before;
        std::size_t states[4] = {0, 0, 0, 0};
        for (auto s : state)
            if (s < 4) ++states[s];
        if (n > 100)
            for (auto c : states) EXPECT_GT(c, 0u);  // every state is exercised
        std::size_t rejected_rows = 0;
        for (auto e : err) rejected_rows += e != 0;
        if (n > 100) EXPECT_GT(rejected_rows, 0u);
        std::printf("rows %zu: states %zu %zu %zu %zu, rejected %zu, allocations %ld\n", n, states[0], states[1],
                    states[2], states[3], rejected_rows, used);
        return used;
    };
    const long few = run(3);
    const long many = run(3000);
    EXPECT_EQ(many, few);
    EXPECT_EQ(many, 0);
}

// Explanations are recorded, not written (core/explain.hpp): an explanation
// reused across decisions (clear() keeps its pools) allocates nothing once
// warm, whichever registration rules fire (automatic, activation, period,
// renewal, dispensation, lapse, not renewed) and with recognition and points
// steps; the texts are formatted only when read.
TEST(PeExplanation, ReusedExplanationAllocatesNothingOnceWarm) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const pe::rules& rr = R();
    std::vector<participant> people;
    for (int k = 0; k < 8; ++k) {
        participant p = person("P" + std::to_string(k), date(k % 2 ? 2019 : 2023, 1 + k, 10 + k),
                               k % 2 ? std::optional<date>(date(2020, 2, 1)) : std::nullopt);
        if (k % 4 == 1) p.renewal_requests.push_back(date(2021, 12, 1));
        if (k % 4 == 3) p.dispensations.push_back(dispensation{date(2022, 1, 15), date(2022, 2, 1), k == 3});
        people.push_back(std::move(p));
    }
    std::vector<booked_points> booked;
    for (int j = 0; j < 40; ++j) booked.push_back({date(2019, 6, 1) + day_count(45 * j), points{50}});
    const activity a = elearning("A1", 90);
    const recognition with_points = recog("R1", "A1", date(2020, 5, 1));
    const recognition by_duration = recog("R2", "A1", date(2020, 5, 1), std::nullopt);

    explanation why;
    std::size_t steps = 0;
    auto decide_all = [&] {
        for (const participant& p : people)
            for (const date d : {date(2018, 1, 1), date(2021, 6, 1), date(2023, 3, 1), date(2026, 9, 1)}) {
                why.clear();
                (void)registration_at(rr, registration_facts::of(p), booked_span{booked}, d, why);
                (void)recognition_validity(rr, with_points, a, &why);
                (void)completion_points(rr, with_points, a, &why);
                (void)completion_points(rr, by_duration, a, &why);
                steps += why.size();
            }
    };
    decide_all();  // warm: the pools reach their size
    steps = 0;
    const long before = allocations.load();
    decide_all();
    EXPECT_EQ(allocations.load() - before, 0);
    EXPECT_GT(steps, 100u);
    // Reading formats the text (and may allocate): the sentence is whole.
    EXPECT_EQ(why.steps().back().text(), "90 min net study time at 60 min per point gives 1.50 points");
}

// pe::status_into decides into a status reused across participants (its
// explanation, reminders and title keep their room): every member equals
// what a fresh status_at gives, whatever the status held before (registered
// with title and reminders, lapsed, ended, not registered, explained or
// not), and once warm it allocates nothing (the explanation is then a
// preallocated trace: issue 14).
namespace {
struct status_case {
    participant p;
    std::vector<booked_points> booked;
    date on;
    std::optional<track> trk;
    bool explain;
};
std::vector<status_case> status_cases() {
    std::vector<status_case> cs;
    for (int k = 0; k < 12; ++k) {
        status_case c;
        c.p = person("S" + std::to_string(k), k == 5 ? std::nullopt : std::optional<date>(date(2019 + k % 5, 1 + k, 9)),
                     k % 3 == 1 ? std::optional<date>(date(2024, 2, 1)) : std::nullopt);
        if (k % 4 == 2) c.p.renewal_requests.push_back(date(2021 + k % 5, 6, 1));
        if (k % 6 == 3) c.p.dispensations.push_back(dispensation{date(2021, 11, 1), date(2021, 12, 1), k == 3});
        for (int j = 0; j < (k * 7) % 13; ++j) c.booked.push_back({date(2019, 3, 1) + day_count(61 * j), pts(1)});
        c.on = date(2020 + k % 6, 1 + (k * 5) % 12, 1 + k);
        if (k % 3 != 2) c.trk = k % 2 ? track::backofficeprofessional : track::uitzendprofessional;
        c.explain = k % 2 == 0;
        cs.push_back(std::move(c));
    }
    // and one of each state by construction (seed 000/001: 12 points in 2 years)
    auto add = [&](std::vector<booked_points> booked, std::vector<date> renewals, date on) {
        status_case c;
        c.p = person("X" + std::to_string(cs.size()), date(2023, 1, 9));
        c.p.renewal_requests = std::move(renewals);
        c.booked = std::move(booked);
        c.on = on;
        c.trk = track::uitzendprofessional;
        c.explain = cs.size() % 2 == 0;
        cs.push_back(std::move(c));
    };
    std::vector<booked_points> enough;
    for (int j = 0; j < 13; ++j) enough.push_back({date(2023, 2, 1) + day_count(30 * j), pts(1)});
    add({}, {}, date(2026, 6, 1));                       // lapsed: no points in the first period
    add(enough, {}, date(2025, 2, 1));                   // ended: enough points, no renewal request
    add(enough, {date(2024, 12, 1)}, date(2025, 6, 1));  // registered in the second period
    return cs;
}
void expect_same_status(const status& a, const status& b, int k) {
    SCOPED_TRACE("case " + std::to_string(k));
    EXPECT_EQ(a.reg.state, b.reg.state);
    EXPECT_EQ(a.reg.reason, b.reg.reason);
    EXPECT_EQ(a.reg.first_start, b.reg.first_start);
    EXPECT_EQ(a.reg.current.has_value(), b.reg.current.has_value());
    if (a.reg.current && b.reg.current) EXPECT_EQ(a.reg.current->first, b.reg.current->first);
    EXPECT_EQ(a.reg.period_number, b.reg.period_number);
    EXPECT_EQ(a.reg.earned.hundredths, b.reg.earned.hundredths);
    EXPECT_EQ(a.reg.required.hundredths, b.reg.required.hundredths);
    EXPECT_EQ(a.reg.renewal_requested, b.reg.renewal_requested);
    EXPECT_EQ(a.reg.kept_by_dispensation, b.reg.kept_by_dispensation);
    EXPECT_EQ(a.reg.dispensation_pending, b.reg.dispensation_pending);
    EXPECT_EQ(a.reg.dispensation_granted_on, b.reg.dispensation_granted_on);
    EXPECT_EQ(a.reg.ended_on, b.reg.ended_on);
    EXPECT_EQ(a.reg.required_use.version, b.reg.required_use.version);
    EXPECT_EQ(a.short_by.hundredths, b.short_by.hundredths);
    EXPECT_EQ(a.days_left, b.days_left);
    EXPECT_EQ(a.renewal_possible, b.renewal_possible);
    EXPECT_EQ(a.will_lapse, b.will_lapse);
    EXPECT_EQ(a.lapses_on, b.lapses_on);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.title_use.version, b.title_use.version);
    ASSERT_EQ(a.reminders.size(), b.reminders.size());
    for (std::size_t i = 0; i < a.reminders.size(); ++i) {
        EXPECT_EQ(a.reminders[i].months_before, b.reminders[i].months_before);
        EXPECT_EQ(a.reminders[i].on, b.reminders[i].on);
        EXPECT_EQ(a.reminders[i].short_by.hundredths, b.reminders[i].short_by.hundredths);
        EXPECT_EQ(a.reminders[i].sent, b.reminders[i].sent);
        EXPECT_EQ(a.reminders[i].due_today, b.reminders[i].due_today);
    }
    EXPECT_EQ(a.why.enabled(), b.why.enabled());
    ASSERT_EQ(a.why.size(), b.why.size());
    auto x = a.why.steps().begin();
    for (const auto& y : b.why.steps()) {
        EXPECT_EQ((*x).rule, y.rule);
        EXPECT_EQ((*x).text(), y.text());
        ++x;
    }
}
}  // namespace

TEST(PeStatus, IntoAReusedStatusEqualsAFreshOne) {
    const auto cases = status_cases();
    std::size_t states[4] = {0, 0, 0, 0}, titled = 0, reminded = 0;
    status reused;
    for (int round = 0; round < 2; ++round)  // every case after every other kind of status
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const std::size_t k = round == 0 ? i : cases.size() - 1 - i;
            const status_case& c = cases[k];
            const auto facts = registration_facts::of(c.p);
            status_into(R(), facts, c.trk, booked_span{c.booked}, c.on, c.explain, true, reused);
            const status fresh = status_at(R(), facts, c.trk, booked_span{c.booked}, c.on, c.explain, true);
            expect_same_status(reused, fresh, static_cast<int>(k));
            ++states[static_cast<int>(fresh.reg.state)];
            titled += fresh.title.has_value();
            reminded += !fresh.reminders.empty();
        }
    for (int st = 0; st < 4; ++st) EXPECT_GT(states[st], 0u) << to_string(static_cast<reg_state>(st));
    EXPECT_GT(titled, 0u);
    EXPECT_GT(reminded, 0u);
}

TEST(PeStatus, IntoAReusedStatusAllocatesNothingOnceWarm) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    const auto cases = status_cases();
    status s;
    std::size_t steps = 0;
    auto decide_all = [&] {
        for (const status_case& c : cases) {
            status_into(R(), registration_facts::of(c.p), c.trk, booked_span{c.booked}, c.on, true, true, s);
            steps += s.why.size();
        }
    };
    decide_all();  // warm
    steps = 0;
    const long before = allocations.load();
    decide_all();
    EXPECT_EQ(allocations.load() - before, 0);
    EXPECT_GT(steps, 20u);
}

// A dossier's index holds its ids in a few flat tables: building it
// allocates as often for 1,000 activities and recognitions as for 10 (it was
// one node per id and one vector per activity, most of what a JSON request
// of a few dozen records allocated). Duplicates and dangling references are
// still refused by name (PeModel tests).
TEST(PeIndex, AllocatesPerTableNotPerRecord) {
    if (!EDURULES_COUNT_ALLOCATIONS) GTEST_SKIP() << "allocation counting is off under sanitizers";
    auto allocations_for = [](int n) -> long {
        dossier d;
        for (int i = 0; i < n; ++i) {
            d.participants.emplace_back().seu_number = "SEU-" + std::to_string(100000 + i);
            d.activities.push_back(elearning("ACTIVITY-NUMBER-" + std::to_string(i), 90));
            d.recognitions.push_back(recog("RECOGNITION-NUMBER-" + std::to_string(i),
                                           "ACTIVITY-NUMBER-" + std::to_string(n - 1 - i), date(2020, 5, 1)));
        }
        const long before = allocations.load();
        const dossier_index idx(d);
        const long used = allocations.load() - before;
        // every lookup answers from the flat tables
        for (int i = 0; i < n; ++i) {
            EXPECT_EQ(idx.find_participant("SEU-" + std::to_string(100000 + i)), &d.participants[i]);
            const activity* a = idx.find_activity("ACTIVITY-NUMBER-" + std::to_string(i));
            EXPECT_EQ(a, &d.activities[i]);
            const auto recs = idx.recognition_indices(*a);
            EXPECT_TRUE(recs.size() == 1 && recs[0] == static_cast<std::size_t>(n - 1 - i));
        }
        EXPECT_EQ(idx.find_activity("ACTIVITY-NUMBER-x"), nullptr);
        return used;
    };
    const long small = allocations_for(10);
    EXPECT_EQ(allocations_for(1000), small);
    EXPECT_LE(small, 8);
}
