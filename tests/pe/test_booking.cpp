// Point booking and bulk uploads: every row booked or rejected with a reason.
// Sources: SEU FAQ werkgevers (seed 000); docs/rules.md 1 (point registration).
#include "edurules/pe/dossier.hpp"
#include "pe_fixture.hpp"

using namespace pe_test;

namespace {
dossier sample() {
    dossier d;
    d.participants.push_back(person("S1", date(2023, 3, 15)));
    d.participants.push_back(person("S2", date(2019, 1, 1)));  // never activated
    d.participants.push_back(person("S3", date(2022, 5, 1), date(2023, 6, 1)));
    d.activities.push_back(elearning("A1", 90));
    d.activities.push_back(elearning("A2", 60));
    d.activities.push_back(elearning("A3", 60));
    d.recognitions.push_back(recog("R1", "A1", date(2023, 1, 1), points{150}));
    d.recognitions.push_back(recog("R2", "A2", date(2024, 1, 1)));
    return d;
}
}  // namespace

// Seed 000: only recognised activities earn points; points are registered by
// SEU number; non-registered participants get no points recorded.
TEST(PeBooking, ReasonsForEveryRejection) {
    const dossier d = sample();
    const dossier_index idx(d);
    ledger l(R(), idx);
    const date today(2024, 6, 1);
    EXPECT_EQ(l.book({"S1", "A1", date(2024, 2, 1)}, today).reason, booking_reason::booked);
    EXPECT_EQ(l.book({"S1", "A1", date(2024, 2, 1)}, today).reason, booking_reason::duplicate);
    EXPECT_EQ(l.book({"S1", "A1", date(2024, 2, 2)}, today).reason, booking_reason::booked);  // another day
    EXPECT_EQ(l.book({"S9", "A1", date(2024, 2, 1)}, today).reason, booking_reason::unknown_seu_number);
    EXPECT_EQ(l.book({"S1", "A9", date(2024, 2, 1)}, today).reason, booking_reason::unknown_activity);
    EXPECT_EQ(l.book({"S1", "A3", date(2024, 2, 1)}, today).reason, booking_reason::not_recognised);
    EXPECT_EQ(l.book({"S1", "A2", date(2023, 12, 31)}, today).reason,
              booking_reason::not_recognised);                                                // before decision
    EXPECT_EQ(l.book({"S1", "A2", date(2024, 1, 1)}, today).reason, booking_reason::booked);  // decision day
    EXPECT_EQ(l.book({"S2", "A2", date(2024, 3, 1)}, today).reason, booking_reason::not_registered);
    EXPECT_EQ(l.book({"S3", "A1", date(2023, 5, 31)}, today).reason,
              booking_reason::not_registered);  // before activation
    EXPECT_EQ(l.book({"S1", "A2", date(2024, 6, 2)}, today).reason, booking_reason::completion_in_future);
    const booking b = l.book({"S3", "A2", date(2024, 3, 1)}, today);
    EXPECT_TRUE(b.booked());
    EXPECT_EQ(b.pts, pts(1));
    EXPECT_EQ(b.rec->id, "R2");
    ASSERT_EQ(l.booked_for(d.participants[0]).size(), 3u);  // kept in date order
    EXPECT_EQ(l.booked_for(d.participants[0])[0].on, date(2024, 1, 1));
    EXPECT_EQ(l.booked_for(d.participants[0])[0].pts, points{100});
    EXPECT_EQ(l.booked_for(d.participants[0])[1].pts, points{150});
}

// Seed 000: recognition valid 2 years; the last valid day books, the next does not.
TEST(PeBooking, RecognitionExpiryBoundary) {
    const dossier d = sample();
    const dossier_index idx(d);
    ledger l(R(), idx);
    EXPECT_TRUE(l.book({"S1", "A1", date(2024, 12, 31)}, date(2025, 6, 1)).booked());
    const completion c{"S1", "A1", date(2025, 1, 1)};
    const booking late = l.book(c, date(2025, 6, 1));
    EXPECT_EQ(late.reason, booking_reason::not_recognised);
    EXPECT_NE(booking_sentence(late, &c).find("valid until 2024-12-31"), std::string::npos);
}

// Dossier completions are booked in date order; the ones that do not count are
// reported, none is dropped.
TEST(PeBooking, DossierBookingKeepsEveryRow) {
    dossier d = sample();
    d.completions = {{"S1", "A1", date(2024, 2, 1)},
                     {"S9", "A1", date(2024, 2, 1)},
                     {"S1", "A1", date(2024, 2, 1)},
                     {"S1", "A2", date(2024, 1, 5)}};
    const dossier_index idx(d);
    ledger l(R(), idx);
    const auto out = l.book_dossier(date(2024, 6, 1));
    ASSERT_EQ(out.size(), d.completions.size());
    EXPECT_TRUE(out[0].booked());
    EXPECT_EQ(out[1].reason, booking_reason::unknown_seu_number);
    EXPECT_EQ(out[2].reason, booking_reason::duplicate);
    EXPECT_TRUE(out[3].booked());
}

// A decision formats no text: its sentence is written when read, from the
// values it kept, one per reason (seed 000 reasons, as the golden outputs
// show them); with explanations on, the explanation ends with that sentence.
TEST(PeBooking, EverySentenceIsWrittenFromTheDecision) {
    const dossier d = sample();
    const dossier_index idx(d);
    ledger l(R(), idx), explained(R(), idx);
    const date today(2024, 6, 1);
    const std::vector<std::pair<completion, std::string>> cases = {
        {{"S1", "A1", date(2024, 2, 1)}, "booked 1.50 points for S1 (A1, 2024-02-01, recognition R1)"},
        {{"S1", "A1", date(2024, 2, 1)}, "activity A1 completed on 2024-02-01 is already booked for S1"},
        {{"S9", "A1", date(2024, 2, 1)}, "unknown SEU number \"S9\""},
        {{"S1", "A9", date(2024, 2, 1)}, "unknown activity \"A9\""},
        {{"S1", "A3", date(2024, 2, 1)}, "activity A3 has no recognition (completed 2024-02-01)"},
        {{"S1", "A2", date(2023, 12, 31)}, "recognition R2 of A2 starts on 2024-01-01 (completed 2023-12-31)"},
        {{"S2", "A2", date(2024, 3, 1)}, "S2 is not registered on 2024-03-01 (not_activated)"},
        {{"S1", "A2", date(2024, 6, 2)}, "completion date 2024-06-02 is after the booking date 2024-06-01"},
    };
    for (const auto& [c, sentence] : cases) {
        const booking b = l.book(c, today, false);
        EXPECT_EQ(booking_sentence(b, &c), sentence);
        std::string appended = "> ";
        booking_sentence(appended, b, &c);
        EXPECT_EQ(appended, "> " + sentence);
        const booking e = explained.book(c, today, true);
        EXPECT_EQ(e.reason, b.reason);
        ASSERT_FALSE(e.why.steps().empty());
        EXPECT_EQ(e.why.steps().back().text(), sentence);
    }
    // a registration that lapsed (seed 000: 12 points within the period, which S1 has not earned)
    const completion after{"S1", "A2", date(2025, 5, 1)};
    const booking lapsed = l.book(after, date(2025, 6, 1), false);
    EXPECT_EQ(lapsed.state, reg_state::lapsed);
    EXPECT_EQ(booking_sentence(lapsed, &after),
              "S1 is not registered on 2025-05-01 (its period ended on 2025-03-14 short of points: the "
              "registration lapsed on 2025-03-15)");  // the day it lapsed is not the period's last (probe f7)
    booking unreadable;
    unreadable.reason = booking_reason::invalid_row;
    unreadable.problem = "line 3, completed: not a date";
    EXPECT_EQ(booking_sentence(unreadable, nullptr), "line 3, completed: not a date");
}

TEST(PeBooking, DuplicateIdsInDossierAreErrorsNamingTheRecord) {
    dossier d = sample();
    d.participants.push_back(person("S1", date(2023, 1, 1)));
    try {
        dossier_index idx(d);
        FAIL();
    } catch (const error& e) {
        EXPECT_EQ(e.field(), "participants[3].seu_number");
        EXPECT_EQ(e.record(), 3);
    }
    const auto field_refused = [](const dossier& x) -> std::string {
        try {
            dossier_index idx(x);
        } catch (const error& e) {
            return e.field() + ": " + e.what();
        }
        return "accepted";
    };
    d = sample();
    d.recognitions.push_back(recog("R9", "NOPE", date(2024, 1, 1)));
    EXPECT_NE(field_refused(d).find("recognitions[" + std::to_string(d.recognitions.size() - 1) +
                                    "].activity_id: unknown activity \"NOPE\""),
              std::string::npos)
        << field_refused(d);
    d = sample();
    d.activities.push_back(d.activities.front());
    EXPECT_EQ(field_refused(d).rfind("activities[" + std::to_string(d.activities.size() - 1) + "].id: ", 0), 0u)
        << field_refused(d);
    d = sample();
    d.recognitions.push_back(d.recognitions.front());
    EXPECT_EQ(field_refused(d).rfind("recognitions[" + std::to_string(d.recognitions.size() - 1) + "].id: ", 0), 0u)
        << field_refused(d);
}

// Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12 punten
// in 2 jaar behaalt ... In dit geval is het mogelijk om een dispensatieverzoek
// in te dienen" (art. 10.1); README: a granted dispensation continues the
// registration. Whether a completion falls in a registration period is judged
// with the decisions known on the booking date, the period the status on that
// date shows: points earned between the end of a period and a later grant
// count in the period it keeps (probe r1.json: D2 decided 2026-12-20, D6
// granted 2028-06-10 for the period that ended 2026-12-05); before the
// decision, or when refused, the completion is not booked.
TEST(PeBooking, CompletionInAPeriodKeptByALaterDispensationIsBooked) {
    dossier d;
    d.participants.push_back(person("D2", date(2024, 12, 6)));  // period 1 ends 2026-12-05
    d.participants.back().dispensations = {dispensation{date(2026, 11, 1), date(2026, 12, 20), true}};
    d.participants.push_back(person("D6", date(2024, 12, 6)));
    d.participants.back().dispensations = {dispensation{date(2028, 6, 1), date(2028, 6, 10), true}};
    d.participants.push_back(person("D5", date(2024, 12, 6)));
    d.participants.back().dispensations = {dispensation{date(2026, 11, 1), date(2026, 12, 20), false}};
    d.activities.push_back(elearning("E5", 300));
    d.recognitions.push_back(recog("R5", "E5", date(2026, 6, 1), pts(5)));
    const dossier_index idx(d);

    ledger before(R(), idx);  // booked the day before the decision: not registered (yet)
    const completion early{"D2", "E5", date(2026, 12, 10)};
    const booking refused = before.book(early, date(2026, 12, 19));
    EXPECT_EQ(refused.reason, booking_reason::not_registered);
    EXPECT_EQ(refused.ended_on, date(2026, 12, 6));

    ledger l(R(), idx);
    const date today(2026, 12, 21);
    for (const date on : {date(2026, 12, 6), date(2026, 12, 19), date(2026, 12, 20)}) {
        const completion c{"D2", "E5", on};
        const booking b = l.book(c, today);
        EXPECT_TRUE(b.booked()) << booking_sentence(b, &c);
        bool names_grant = false;
        for (const auto& st : b.why.steps())
            names_grant = names_grant || (st.rule == "pe.registration.dispensation" &&
                                          st.text().find("granted on 2026-12-20") != std::string::npos);
        EXPECT_TRUE(names_grant) << to_iso(on);
    }
    const status s = status_at(R(), registration_facts::of(d.participants[0]), std::nullopt,
                               l.booked_span_for(d.participants[0]), today);
    EXPECT_EQ(s.reg.period_number, 2);
    EXPECT_EQ(s.reg.current->first, date(2026, 12, 6));
    EXPECT_EQ(s.reg.earned, pts(15));  // the three completions count in the kept period
    EXPECT_EQ(l.book({"D5", "E5", date(2026, 12, 10)}, today).reason, booking_reason::not_registered);

    EXPECT_EQ(l.book({"D6", "E5", date(2027, 3, 10)}, date(2028, 6, 9)).reason, booking_reason::not_registered);
    EXPECT_TRUE(l.book({"D6", "E5", date(2027, 3, 11)}, date(2028, 6, 15)).booked());
}

// The same for a renewal requested within pe.renewal.grace_days after the end
// (Stappenplan, seed 001: "Bij behalen van de benodigde punten (12), kan de
// deelnemer de registratie voor 2 jaar verlengen"): once the request is made,
// a completion between the end and the request falls in the renewed period.
TEST(PeBooking, CompletionBeforeARenewalRequestInTheGraceDaysIsBooked) {
    const engine e(
        std::make_shared<const rulebook>(rulebook::with_value(*rulebook::builtin(), "pe.renewal.grace_days", "30")));
    dossier d;
    d.participants.push_back(person("S", date(2023, 3, 15)));  // period 1 ends 2025-03-14
    d.participants.back().renewal_requests = {date(2025, 3, 25)};
    d.activities.push_back(elearning("E12", 720));
    d.recognitions.push_back(recog("R12", "E12", date(2024, 1, 1), pts(12)));
    d.completions = {{"S", "E12", date(2024, 1, 10)}, {"S", "E12", date(2025, 3, 20)}};
    const dossier_index idx(d);
    ledger l(e.pe(), idx);
    const auto out = l.book_dossier(date(2025, 4, 1));
    EXPECT_TRUE(out[0].booked());
    EXPECT_TRUE(out[1].booked()) << booking_sentence(out[1], &d.completions[1]);
    ledger early(e.pe(), idx);  // booked before the request: the period had ended
    EXPECT_EQ(early.book_dossier(date(2025, 3, 24))[1].reason, booking_reason::not_registered);
}

// Seed 001: collective registration of groups from 10 employees (P), each
// with the diploma, each 2 years from the registration date.
TEST(PeCollective, GroupOfTenWithDiplomas) {
    dossier d;
    std::vector<std::string> names;
    for (int i = 0; i < 10; ++i) {
        d.participants.push_back(person("C" + std::to_string(i), date(2020, 1, 1)));
        names.push_back("C" + std::to_string(i));
    }
    d.participants.push_back(person("NODIP", std::nullopt));
    d.participants.push_back(person("NEW", date(2024, 1, 1)));  // automatically registered already
    names.push_back("NODIP");
    names.push_back("NEW");
    names.push_back("C0");
    const dossier_index idx(d);
    const ledger l(R(), idx);
    const auto res = collective_registration(R(), idx, l, date(2024, 3, 1), names);
    EXPECT_TRUE(res.accepted);
    EXPECT_EQ(res.eligible, 10);
    ASSERT_EQ(res.members.size(), 13u);
    EXPECT_EQ(res.members[0].reason, member_reason::accepted);
    EXPECT_EQ(res.members[0].first_period->last, date(2026, 2, 28));
    EXPECT_EQ(res.members[10].reason, member_reason::no_diploma);
    EXPECT_EQ(res.members[11].reason, member_reason::already_registered);
    EXPECT_EQ(res.members[12].reason, member_reason::duplicate);
    names.erase(names.begin() + 1);  // C1 out: nine eligible
    const auto small = collective_registration(R(), idx, l, date(2024, 3, 1), names);
    EXPECT_FALSE(small.accepted);
    EXPECT_EQ(small.members[0].reason, member_reason::group_too_small);
}

// Seed 000: "Een PE-registratie is persoonsgebonden. Als een deelnemer van
// werkgever verandert behoudt deze de behaalde PE-punten" (H): points are
// booked by SEU number, whatever employer provided the activity.
TEST(PeBooking, PointsStayWithTheParticipantAcrossEmployers) {
    dossier d = sample();
    activity internal_a = elearning("INT-A", 60);
    internal_a.provider = provider_kind::employer;
    internal_a.provider_name = "Employer A";
    activity internal_b = internal_a;
    internal_b.id = "INT-B";
    internal_b.provider_name = "Employer B";
    d.activities.push_back(internal_a);
    d.activities.push_back(internal_b);
    d.recognitions.push_back(recog("RA", "INT-A", date(2023, 1, 1), pts(6)));
    d.recognitions.push_back(recog("RB", "INT-B", date(2023, 1, 1), pts(6)));
    d.completions = {{"S1", "INT-A", date(2023, 6, 1)}, {"S1", "INT-B", date(2024, 6, 1)}};
    const dossier_index idx(d);
    const auto report = evaluate_dossier(R(), idx, date(2024, 7, 1));
    EXPECT_EQ(report.participants[0].st.reg.earned, pts(12));
    EXPECT_TRUE(report.participants[0].st.renewal_possible);
}

// The streaming forms behind `status/book --format ndjson` (issue 15) decide
// exactly as the whole-report forms: same statuses and bookings, same order,
// same counts, each handed over as it is decided.
TEST(PeBooking, StreamingFormsDecideAsTheReports) {
    dossier d = sample();
    d.completions = {{"S1", "A1", date(2024, 2, 1)}, {"S9", "A1", date(2024, 2, 1)}};
    const dossier_index idx(d);
    const date on(2024, 6, 1);
    const auto report = evaluate_dossier(R(), idx, on);
    std::vector<std::pair<std::string, status>> seen;
    const auto comps = evaluate_dossier_each(
        R(), idx, on, true, [&](const participant& p, status&& s) { seen.emplace_back(p.seu_number, std::move(s)); });
    ASSERT_EQ(comps.size(), report.completions.size());
    ASSERT_EQ(seen.size(), report.participants.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].first, report.participants[i].who->seu_number);
        EXPECT_EQ(seen[i].second.reg.earned, report.participants[i].st.reg.earned);
        EXPECT_EQ(label(seen[i].second), label(report.participants[i].st));
    }
    std::vector<upload_row> rows(3);
    rows[0].line = 2, rows[0].row = completion{"S1", "A2", date(2024, 3, 1)};
    rows[1].line = 3, rows[1].field = "completion_date", rows[1].problem = "not a date";
    rows[2].line = 4, rows[2].row = completion{"S1", "A2", date(2024, 3, 1)};  // the same again
    const upload_report whole = book_upload(R(), idx, rows, on);
    std::vector<std::size_t> order;
    std::vector<booking_reason> reasons;
    const upload_report counts = book_upload_each(R(), idx, rows, on, false, [&](std::size_t i, booking&& b) {
        order.push_back(i);
        reasons.push_back(b.reason);
    });
    EXPECT_TRUE(counts.rows.empty());
    EXPECT_EQ(counts.rows_in, 3u);
    EXPECT_EQ(counts.booked, whole.booked);
    EXPECT_EQ(counts.rejected, whole.rejected);
    EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2}));
    ASSERT_EQ(whole.rows.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(reasons[i], whole.rows[i].reason);
    EXPECT_EQ(reasons[1], booking_reason::invalid_row);
    EXPECT_EQ(reasons[2], booking_reason::duplicate);
}

// A ledger refuses up front, by name, a registration start or a recognition
// decision from which a period (24 months, seed 000) would end after the
// calendar's last day (9999-12-31); one that ends before it is taken,
// including those close enough to the end to be worked out month by month.
TEST(PeBooking, RecordsWhosePeriodsPassTheCalendarEndAreRefusedByName) {
    auto ledger_of = [](std::optional<date> diploma, date decided) {
        dossier d;
        d.participants.push_back(person("S1", date(2023, 3, 15)));
        d.participants.push_back(person("S2", diploma));
        d.activities.push_back(elearning("A1"));
        d.recognitions.push_back(recog("R1", "A1", date(2023, 1, 1)));
        d.recognitions.push_back(recog("R2", "A1", decided));
        const dossier_index idx(d);
        const ledger l(R(), idx);  // throws here, naming the record
    };
    EXPECT_NO_THROW(ledger_of(date(9000, 1, 1), date(9000, 1, 1)));
    EXPECT_NO_THROW(ledger_of(date(9997, 12, 31), date(9997, 12, 31)));
    try {
        ledger_of(date(9998, 1, 2), date(9000, 1, 1));
        ADD_FAILURE() << "a registration ending on 10000-01-01 was accepted";
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::invalid_input);
        EXPECT_NE(std::string(e.what()).find("participants[1].diploma_date"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("would end after 9999-12-31"), std::string::npos) << e.what();
    }
    try {
        ledger_of(date(9000, 1, 1), date(9999, 6, 1));
        ADD_FAILURE() << "a recognition valid past 9999-12-31 was accepted";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("recognitions[1].decided"), std::string::npos) << e.what();
    }
}

// The dossier's index groups each activity's recognitions in dossier order,
// and refuses a recognition id given twice by its record, with few
// recognitions and with many (the index's tables grow past their first size).
TEST(PeDossierIndex, GroupsRecognitionsInDossierOrderAndRefusesDuplicateIds) {
    for (const std::size_t n : {std::size_t{3}, std::size_t{8}, std::size_t{9}, std::size_t{40}}) {
        dossier d;
        d.activities.push_back(elearning("A0", 60));
        d.activities.push_back(elearning("A1", 60));
        d.activities.push_back(elearning("A2", 60));  // none of its own
        for (std::size_t i = 0; i < n; ++i)           // A1, A0, A1, A0, ...: interleaved
            d.recognitions.push_back(recog("R" + std::to_string(i), i % 2 ? "A0" : "A1", date(2023, 1, 1)));
        const dossier_index idx(d);
        for (std::size_t a = 0; a < 3; ++a) {
            const auto got = idx.recognition_indices(d.activities[a]);
            std::vector<std::size_t> want;
            for (std::size_t i = 0; i < n; ++i)
                if (a < 2 && (i % 2 == 1) == (a == 0)) want.push_back(i);
            EXPECT_EQ(std::vector<std::size_t>(got.begin(), got.end()), want) << n << " recognitions, A" << a;
        }
        d.recognitions.push_back(recog("R1", "A2", date(2023, 1, 1)));  // R1 again, as the last one
        try {
            const dossier_index twice(d);
            ADD_FAILURE() << n << " recognitions: a duplicate id was accepted";
        } catch (const error& e) {
            EXPECT_EQ(e.field(), "recognitions[" + std::to_string(n) + "].id") << n << " recognitions";
            EXPECT_NE(std::string(e.what()).find("duplicate recognition id \"R1\""), std::string::npos) << e.what();
        }
    }
}

// The ledger's running sums (points_in by binary search) give the very sums
// of the plain loop over the same bookings, for every period and date: in
// date order, out of order (an upload), several on one day, and once a value
// is too large for exact sums (the ledger drops them and points_in sums the
// bookings, saturating). Rule: docs/rules.md 1, points earned in a period.
TEST(PeLedger, RunningSumsAgreeWithSummingEveryBooking) {
    dossier d;
    d.participants.push_back(person("S1", date(2023, 3, 15)));
    d.participants.push_back(person("S2", date(2023, 3, 15)));
    for (int i = 0; i < 6; ++i) {
        d.activities.push_back(elearning("A" + std::to_string(i), 60));
        d.recognitions.push_back(
            recog("R" + std::to_string(i), "A" + std::to_string(i), date(2023, 1, 1), points{25 + 37 * i}));
    }
    d.activities.push_back(elearning("HUGE", 60));
    d.recognitions.push_back(recog("RH", "HUGE", date(2023, 1, 1), points{std::int64_t{1} << 41}));
    const dossier_index idx(d);
    ledger l(R(), idx);
    const date today(2025, 12, 31);
    // S1: out of date order, three bookings on one day; S2 gets a value too large for exact sums
    const int days[] = {400, 20, 20, 600, 20, 90, 365, 366, 1, 640};
    for (int k = 0; k < 10; ++k) {
        const date on = date(2023, 3, 15) + day_count(days[k]);
        ASSERT_TRUE(l.book({"S1", "A" + std::to_string(k % 6), on}, today).booked()) << k;
        ASSERT_TRUE(l.book({"S2", k == 4 ? "HUGE" : "A" + std::to_string(k % 6), on}, today).booked()) << k;
    }
    const booked_span s1 = l.booked_span_for(d.participants[0]), s2 = l.booked_span_for(d.participants[1]);
    ASSERT_EQ(s1.sums.size(), 11u);  // exact: kept
    EXPECT_TRUE(s2.sums.empty());    // 2^41 hundredths: dropped
    for (std::size_t i = 1; i < s1.items.size(); ++i) EXPECT_LE(s1.items[i - 1].on, s1.items[i].on);
    std::int64_t nonzero = 0;
    for (int from = -5; from < 760; from += 7)
        for (int len : {0, 1, 19, 200, 730}) {
            const period p{date(2023, 3, 15) + day_count(from), date(2023, 3, 15) + day_count(from + len)};
            for (int until : {from - 1, from + len / 2, from + len, from + len + 30}) {
                const date u = date(2023, 3, 15) + day_count(until);
                const points fast = pe::detail::points_in(s1, p, u);
                EXPECT_EQ(fast, pe::detail::points_in(booked_span{s1.items}, p, u)) << from << " " << len;
                nonzero += fast.hundredths != 0;
                EXPECT_EQ(pe::detail::points_in(s2, p, u), pe::detail::points_in(booked_span{s2.items}, p, u));
            }
        }
    EXPECT_GT(nonzero, 100);  // the periods do catch bookings
}

// The ledger keeps each participant's bookings by dossier position: a
// participant without bookings, or one that is not the dossier's own record
// (a copy), has none; the others have theirs in date order.
TEST(PeLedger, BookingsAreKeptByDossierPosition) {
    dossier d;
    for (const char* s : {"S1", "S2", "S3"}) d.participants.push_back(person(s, date(2023, 3, 15)));
    d.activities.push_back(elearning("A", 60));
    d.recognitions.push_back(recog("R", "A", date(2023, 1, 1), points{150}));
    const dossier_index idx(d);
    ledger l(R(), idx);
    const participant copy = d.participants[0];
    EXPECT_TRUE(l.booked_span_for(d.participants[0]).items.empty());  // nothing booked yet
    const date today(2025, 12, 31);
    ASSERT_TRUE(l.book({"S3", "A", date(2024, 5, 1)}, today).booked());
    ASSERT_TRUE(l.book({"S1", "A", date(2024, 2, 1)}, today).booked());
    ASSERT_TRUE(l.book({"S3", "A", date(2024, 1, 1)}, today).booked());
    const booked_span s1 = l.booked_span_for(d.participants[0]), s3 = l.booked_span_for(d.participants[2]);
    EXPECT_EQ(s1.items.size(), 1u);
    EXPECT_TRUE(l.booked_span_for(d.participants[1]).items.empty());
    ASSERT_EQ(s3.items.size(), 2u);
    EXPECT_EQ(s3.items[0].on, date(2024, 1, 1));
    EXPECT_EQ(s3.sums.size(), 3u);
    EXPECT_EQ(s3.sums[2], 300);
    EXPECT_TRUE(l.booked_span_for(copy).items.empty());  // not the dossier's record
}
