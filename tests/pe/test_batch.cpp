// The columnar PE status path gives the same answers as the single path and
// one result or one rejection per row, in order.
#include <random>

#include "pe_fixture.hpp"

using namespace pe_test;

TEST(PeBatch, MatchesSinglePathOnGeneratedPopulation) {
    std::mt19937 rng(42);
    const std::size_t n = 2000;
    std::vector<std::int32_t> diploma(n), activation(n), cday;
    std::vector<std::int64_t> off{0}, cpts, roff{0};
    std::vector<std::int32_t> rday, dreq, ddec;
    std::vector<std::int64_t> doff{0};
    std::vector<std::uint8_t> dgr;
    std::vector<participant> people;
    std::vector<std::vector<booked_points>> booked(n);
    const date at(2025, 6, 1);
    for (std::size_t i = 0; i < n; ++i) {
        const date dip = date(2020, 1, 1) + day_count(static_cast<int>(rng() % 2000));
        participant p = person("P" + std::to_string(i), dip);
        diploma[i] = to_epoch_day(dip);
        activation[i] = no_day;
        if (dip < date(2023, 1, 1) && rng() % 2) {
            p.activation_date = dip + day_count(static_cast<int>(rng() % 400));
            activation[i] = to_epoch_day(*p.activation_date);
        }
        const int k = static_cast<int>(rng() % 15);
        for (int j = 0; j < k; ++j) {
            const date c = dip + day_count(static_cast<int>(rng() % 1500));
            const std::int64_t h = 50 + static_cast<std::int64_t>(rng() % 300);
            booked[i].push_back({c, points{h}});
            cday.push_back(to_epoch_day(c));
            cpts.push_back(h);
        }
        off.push_back(static_cast<std::int64_t>(cday.size()));
        if (rng() % 3 == 0) {
            const date q = dip + day_count(700);
            p.renewal_requests.push_back(q);
            rday.push_back(to_epoch_day(q));
        }
        roff.push_back(static_cast<std::int64_t>(rday.size()));
        if (rng() % 3 == 0) {  // pending, granted or refused, requested near the end of the first period
            dispensation x;
            x.requested = dip + day_count(600 + static_cast<int>(rng() % 300));
            const unsigned kind = rng() % 3;
            if (kind > 0) x.decided = x.requested + day_count(static_cast<int>(rng() % 60));
            x.granted = kind == 1;
            p.dispensations.push_back(x);
            dreq.push_back(to_epoch_day(x.requested));
            ddec.push_back(x.decided ? to_epoch_day(*x.decided) : no_day);
            dgr.push_back(x.granted ? 1 : 0);
        }
        doff.push_back(static_cast<std::int64_t>(dreq.size()));
        people.push_back(p);
    }
    std::vector<std::uint8_t> state(n), reason(n), renew(n);
    std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
    std::vector<std::int64_t> earned(n), shrt(n);
    const status_columns in{diploma, activation, off, cday, cpts, roff, rday, doff, dreq, ddec, dgr};
    const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err};
    EXPECT_EQ(status_batch(R(), at, in, out), 0u);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const status s = status_of(people[i], booked[i], at);
        kept += s.reg.kept_by_dispensation || s.reg.dispensation_pending;
        ASSERT_EQ(state[i], static_cast<std::uint8_t>(s.reg.state)) << i;
        ASSERT_EQ(reason[i], static_cast<std::uint8_t>(s.reg.reason)) << i;
        ASSERT_EQ(pf[i], s.reg.current ? to_epoch_day(s.reg.current->first) : no_day) << i;
        ASSERT_EQ(earned[i], s.reg.earned.hundredths) << i;
        ASSERT_EQ(shrt[i], s.short_by.hundredths) << i;
        ASSERT_EQ(renew[i], s.renewal_possible ? 1 : 0) << i;
        ASSERT_EQ(left[i], s.days_left ? *s.days_left : -1) << i;
        ASSERT_EQ(pl[i], s.reg.current ? to_epoch_day(s.reg.current->last) : no_day) << i;
    }
    EXPECT_GT(kept, 20u);  // the population exercises dispensations (registration regulation art. 10.1)
}

TEST(PeBatch, BadRowsAreRejectedInPlace) {
    std::vector<std::int32_t> diploma{to_epoch_day(date(2023, 3, 15)), 99999999, to_epoch_day(date(2023, 3, 15)),
                                      to_epoch_day(date(2023, 3, 15))};
    std::vector<std::int32_t> activation{no_day, no_day, no_day, to_epoch_day(date(2023, 1, 1))};
    std::vector<std::int64_t> off{0, 1, 1, 2, 2};
    std::vector<std::int32_t> cday{to_epoch_day(date(2024, 1, 1)), to_epoch_day(date(2024, 1, 1))};
    std::vector<std::int64_t> cpts{1200, -5};
    const std::size_t n = diploma.size();
    std::vector<std::uint8_t> state(n), reason(n), renew(n);
    std::vector<std::int32_t> pf(n), pl(n), left(n), err(n);
    std::vector<std::int64_t> earned(n), shrt(n);
    const status_columns in{diploma, activation, off, cday, cpts, {}, {}};
    const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err};
    EXPECT_EQ(status_batch(R(), date(2024, 6, 1), in, out), 3u);
    EXPECT_EQ(err[0], 0);
    EXPECT_EQ(earned[0], 1200);
    EXPECT_EQ(err[1], static_cast<int>(batch_row_error::date_out_of_range));
    EXPECT_EQ(err[2], static_cast<int>(batch_row_error::negative_points));
    EXPECT_EQ(err[3], static_cast<int>(batch_row_error::activation_before_diploma));
    EXPECT_EQ(state[1], 255);
    std::vector<std::int64_t> short_off{0, 1};
    const status_columns wrong{diploma, activation, short_off, cday, cpts, {}, {}};
    EXPECT_THROW(status_batch(R(), date(2024, 6, 1), wrong, out), error);
}

// Offsets that leave a completion to no row (or to two) refuse the call,
// worded as the leave facts batch refuses its own (core/offsets.hpp); every
// face (C, Python frames) reads its columns through check_input_columns.
TEST(PeBatch, OffsetsThatOrphanCompletionsAreRefused) {
    std::vector<std::int32_t> diploma(2, to_epoch_day(date(2023, 3, 15))), activation(2, no_day);
    std::vector<std::int32_t> cday(3, to_epoch_day(date(2024, 1, 1)));
    std::vector<std::int64_t> cpts(3, 1200);
    auto refusal = [&](std::vector<std::int64_t> off, std::vector<std::int64_t> roff = {},
                       std::vector<std::int32_t> rday = {}) -> std::string {
        try {
            check_input_columns(status_columns{diploma, activation, off, cday, cpts, roff, rday});
        } catch (const error& e) {
            return e.field() + ": " + e.message();
        }
        return "accepted";
    };
    EXPECT_EQ(refusal({0, 1, 3}), "accepted");
    EXPECT_EQ(refusal({1, 2, 3}), "completion_offsets: must start at 0");
    EXPECT_EQ(refusal({0, 1, 1}), "completion_offsets: ends at 1, but the items have 3 values");
    EXPECT_EQ(refusal({0, 2, 1}), "completion_offsets: must not decrease (at 1)");
    EXPECT_EQ(refusal({0, 1, 3}, {0, 0, 1}, {to_epoch_day(date(2024, 1, 1))}), "accepted");
    EXPECT_EQ(refusal({0, 1, 3}, {0, 1, 1}, {1, 2}), "renewal_offsets: ends at 1, but the items have 2 values");
    EXPECT_EQ(refusal({0, 1, 3}, {}, {1, 2}),
              "renewal_offsets: is empty, but renewal_day has values that belong to no row");
}

// A completion of more than 1,000,000 points is refused by the JSON path
// (pe_json.cpp); the batch refuses the row too, where a sum of two INT64_MAX
// hundredths used to saturate silently (hostile-input review).
TEST(PeBatch, PointsAboveTheBoundRejectTheRow) {
    std::vector<std::int32_t> diploma(3, to_epoch_day(date(2023, 3, 15))), activation(3, no_day);
    std::vector<std::int64_t> off{0, 1, 3, 4};
    std::vector<std::int32_t> cday(4, to_epoch_day(date(2024, 1, 1)));
    std::vector<std::int64_t> cpts{max_hundredths_per_completion, INT64_MAX, INT64_MAX,
                                   max_hundredths_per_completion + 1};
    std::vector<std::uint8_t> state(3), reason(3), renew(3);
    std::vector<std::int32_t> pf(3), pl(3), left(3), err(3);
    std::vector<std::int64_t> earned(3), shrt(3);
    const status_columns in{diploma, activation, off, cday, cpts, {}, {}};
    const status_results out{state, reason, pf, pl, earned, shrt, left, renew, err};
    EXPECT_EQ(status_batch(R(), date(2024, 6, 1), in, out), 2u);  // rows rejected
    EXPECT_EQ(err[0], 0);
    EXPECT_EQ(earned[0], max_hundredths_per_completion);
    EXPECT_EQ(err[1], static_cast<int>(batch_row_error::too_many_points));
    EXPECT_EQ(err[2], static_cast<int>(batch_row_error::too_many_points));
    EXPECT_EQ(state[1], 255);
}

namespace {
/// One-row columns around a participant's facts (no completions).
struct one_row {
    std::vector<std::int32_t> diploma, activation, rday, dreq, ddec, cday;
    std::vector<std::int64_t> off{0, 0}, roff{0, 0}, doff{0, 0}, cpts;
    std::vector<std::uint8_t> dgr, state{0}, reason{0}, renew{0};
    std::vector<std::int32_t> pf{0}, pl{0}, left{0}, err{0};
    std::vector<std::int64_t> earned{0}, shrt{0}, item{0};
    status_columns in() const { return {diploma, activation, off, cday, cpts, roff, rday, doff, dreq, ddec, dgr}; }
    status_results out() { return {state, reason, pf, pl, earned, shrt, left, renew, err, item}; }
    void dispensation_of(std::int32_t req, std::int32_t dec, std::uint8_t gr) {
        dreq.push_back(req);
        ddec.push_back(dec);
        dgr.push_back(gr);
        doff = {0, static_cast<std::int64_t>(dreq.size())};
    }
};
}  // namespace

// Registration regulation art. 10.1 (docs/rules.md 1): a dispensation is a decision
// with a date. Contradictory facts are refused by every face with the same
// check (check_facts); the batch names the dispensation at fault.
TEST(PeBatch, ContradictoryFactsAreRowErrors) {
    const std::int32_t dip = to_epoch_day(date(2023, 3, 15));
    auto run = [](one_row& t) { return status_batch(R(), date(2025, 6, 1), t.in(), t.out()); };
    one_row a;
    a.diploma = {no_day};
    a.activation = {dip};
    EXPECT_EQ(run(a), 1u);
    EXPECT_EQ(a.err[0], static_cast<int>(batch_row_error::activation_without_diploma));
    one_row b;
    b.diploma = {dip};
    b.dispensation_of(dip + 700, dip + 800, 1);
    b.dispensation_of(dip + 710, dip + 700, 0);
    EXPECT_EQ(run(b), 1u);
    EXPECT_EQ(b.err[0], static_cast<int>(batch_row_error::dispensation_decided_before_request));
    EXPECT_EQ(b.item[0], 1);
    one_row c;
    c.diploma = {dip};
    c.dispensation_of(dip + 700, no_day, 1);
    EXPECT_EQ(run(c), 1u);
    EXPECT_EQ(c.err[0], static_cast<int>(batch_row_error::dispensation_granted_undecided));
    EXPECT_EQ(c.item[0], 0);
    one_row d;
    d.diploma = {dip};
    d.dispensation_of(dip + 700, dip + 710, 2);
    EXPECT_EQ(run(d), 1u);
    EXPECT_EQ(d.err[0], static_cast<int>(batch_row_error::bad_flag));
    one_row e;
    e.diploma = {dip};
    e.dispensation_of(no_day, no_day, 0);
    EXPECT_EQ(run(e), 1u);
    EXPECT_EQ(e.err[0], static_cast<int>(batch_row_error::date_out_of_range));
    one_row f;  // the first C entry point's rule: an activation without diploma is ignored
    f.diploma = {no_day};
    f.activation = {dip};
    status_columns legacy = f.in();
    legacy.refuse_activation_without_diploma = false;
    EXPECT_EQ(status_batch(R(), date(2025, 6, 1), legacy, f.out()), 0u);
    EXPECT_EQ(f.reason[0], static_cast<int>(not_registered_reason::no_diploma));
}

// A diploma or activation from which a registration period (24 months, seed 000) would end after
// 9999-12-31 is refused whatever the evaluation date, as the JSON path's ledger refuses it by name
// (PeBooking.RecordsWhosePeriodsPassTheCalendarEndAreRefusedByName); a probe found the batch deciding
// such a row not_registered in 2025 and refusing it only from 9998. One check: rules::start_fits_calendar.
TEST(PeBatch, DatesWhosePeriodPassesTheCalendarEndAreRefusedOnAnyDate) {
    const auto at = [](date when, date diploma, std::optional<date> activation = {}) {
        one_row t;
        t.diploma = {to_epoch_day(diploma)};
        t.activation = {activation ? to_epoch_day(*activation) : no_day};
        status_batch(R(), when, t.in(), t.out());
        return t.err[0];
    };
    const int out = static_cast<int>(batch_row_error::date_out_of_range);
    for (const date when : {date(2025, 1, 1), date(9998, 6, 1)}) {
        EXPECT_EQ(at(when, date(9998, 1, 2)), out);
        EXPECT_EQ(at(when, date(2020, 1, 1), date(9998, 1, 2)), out);
        EXPECT_EQ(at(when, date(9997, 12, 31)), 0);  // its period ends on 9999-12-30
    }
    EXPECT_TRUE(R().start_fits_calendar(date(9997, 12, 31)));
    EXPECT_FALSE(R().start_fits_calendar(date(9998, 1, 2)));
    EXPECT_TRUE(R().start_fits_calendar(date(2023, 3, 15)));
}

// A granted dispensation keeps a short period alive (art. 10.1); a pending
// one leaves it lapsed with the dispensation pending; a refused one lapses.
TEST(PeBatch, DispensationsDecideLikeTheSinglePath) {
    const date dip(2023, 3, 15);  // automatic registration (Stappenplan, seed 001): period to 2025-03-14
    const date at(2025, 6, 1);
    for (int kind = 0; kind < 3; ++kind) {
        participant p = person("D", dip);
        dispensation x{date(2025, 2, 1), std::nullopt, false};
        if (kind > 0) x.decided = date(2025, 3, 1);
        x.granted = kind == 1;
        p.dispensations.push_back(x);
        one_row t;
        t.diploma = {to_epoch_day(dip)};
        t.dispensation_of(to_epoch_day(x.requested), x.decided ? to_epoch_day(*x.decided) : no_day, x.granted);
        ASSERT_EQ(status_batch(R(), at, t.in(), t.out()), 0u);
        const status s = status_of(p, {}, at);
        EXPECT_EQ(t.state[0], static_cast<std::uint8_t>(s.reg.state)) << kind;
        EXPECT_EQ(t.pf[0], to_epoch_day(s.reg.current->first)) << kind;
        EXPECT_EQ(t.state[0], static_cast<std::uint8_t>(kind == 1 ? reg_state::registered : reg_state::lapsed)) << kind;
    }
}

// No limit on renewal requests per row (the old scratch of 64 was an
// artefact of copying them): 200 requests decide like the single path.
TEST(PeBatch, ManyRenewalRequestsPerRow) {
    const date dip(2023, 3, 15);
    participant p = person("R", dip);
    one_row t;
    t.diploma = {to_epoch_day(dip)};
    for (int k = 0; k < 200; ++k) {
        const date q = date(2023, 6, 1) + day_count(k * 5);
        p.renewal_requests.push_back(q);
        t.rday.push_back(to_epoch_day(q));
    }
    t.roff = {0, 200};
    std::vector<booked_points> booked{{date(2024, 1, 1), pts(12)}};
    t.cday = {to_epoch_day(date(2024, 1, 1))};
    t.cpts = {1200};
    t.off = {0, 1};
    const date at(2025, 6, 1);
    ASSERT_EQ(status_batch(R(), at, t.in(), t.out()), 0u);
    const status s = status_of(p, booked, at);
    EXPECT_EQ(t.state[0], static_cast<std::uint8_t>(s.reg.state));
    EXPECT_EQ(t.state[0], static_cast<std::uint8_t>(reg_state::registered));
    EXPECT_EQ(t.pf[0], to_epoch_day(date(2025, 3, 15)));  // renewed on request into period 2
}
