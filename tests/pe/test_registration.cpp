// Registration periods, renewal, lapse and dispensation.
// Sources: SEU Stappenplan (seed 001) and FAQ werkgevers (seed 000); docs/rules.md 1.
#include "pe_fixture.hpp"

using namespace pe_test;

// Seed 001: "Medewerkers die na 1-1-2023 het SEU-diploma hebben behaald zijn
// automatisch voor een periode van 2 jaar geregistreerd" (P).
TEST(PeRegistration, DiplomaFrom2023RegistersAutomaticallyForTwoYears) {
    const participant p = person("S1", date(2023, 3, 15));
    const status s = status_of(p, {}, date(2023, 3, 15));
    EXPECT_EQ(s.reg.state, reg_state::registered);
    EXPECT_EQ(s.reg.current->first, date(2023, 3, 15));
    EXPECT_EQ(s.reg.current->last, date(2025, 3, 14));  // 2 years, both ends included
    EXPECT_EQ(s.reg.period_number, 1);
    EXPECT_EQ(*s.days_left, (date(2025, 3, 14) - date(2023, 3, 15)).days());
    EXPECT_EQ(status_of(p, {}, date(2023, 3, 14)).reg.reason, not_registered_reason::before_start);
}

// Seed 001: 1 January 2023 itself is not "voor 1-1-2023": automatic.
TEST(PeRegistration, FirstOfJanuary2023IsAutomaticAndTheDayBeforeIsNot) {
    EXPECT_EQ(status_of(person("S", date(2023, 1, 1)), {}, date(2023, 6, 1)).reg.state, reg_state::registered);
    const status old = status_of(person("S", date(2022, 12, 31)), {}, date(2023, 6, 1));
    EXPECT_EQ(old.reg.state, reg_state::not_registered);
    EXPECT_EQ(old.reg.reason, not_registered_reason::not_activated);
    EXPECT_FALSE(old.why.empty());
}

// Seed 001: "Met een diploma voor 1-1-2023 kan PE geactiveerd ... worden" (P).
TEST(PeRegistration, OlderDiplomaStartsOnActivation) {
    const participant p = person("S", date(2019, 6, 1), date(2024, 2, 1));
    EXPECT_EQ(status_of(p, {}, date(2024, 1, 31)).reg.reason, not_registered_reason::before_start);
    const status s = status_of(p, {}, date(2024, 2, 1));
    EXPECT_EQ(s.reg.state, reg_state::registered);
    EXPECT_EQ(s.reg.current->last, date(2026, 1, 31));
}

// docs/rules.md 1: only diploma holders can be registered.
TEST(PeRegistration, NoDiplomaNeverRegistered) {
    const status s = status_of(person("S", std::nullopt), {{date(2024, 1, 1), pts(5)}}, date(2024, 6, 1));
    EXPECT_EQ(s.reg.state, reg_state::not_registered);
    EXPECT_EQ(s.reg.reason, not_registered_reason::no_diploma);
}

// Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12 punten
// in 2 jaar behaalt. Het behaalde SEU-diploma blijft geldig." (H)
TEST(PeRegistration, FewerThanTwelvePointsLapsesTheDayAfterThePeriod) {
    const participant p = person("S", date(2023, 3, 15));
    const std::vector<booked_points> b{{date(2023, 5, 1), pts(6)},
                                       {date(2025, 3, 14), points{599}}};  // 6 + 5.99 = 11.99
    const status last_day = status_of(p, b, date(2025, 3, 14));
    EXPECT_EQ(last_day.reg.state, reg_state::registered);
    EXPECT_EQ(last_day.short_by, points{1});
    EXPECT_TRUE(last_day.will_lapse);
    EXPECT_EQ(*last_day.lapses_on, date(2025, 3, 15));
    EXPECT_EQ(*last_day.days_left, 0);
    const status after = status_of(p, b, date(2025, 3, 15));
    EXPECT_EQ(after.reg.state, reg_state::lapsed);
    EXPECT_EQ(*after.reg.ended_on, date(2025, 3, 15));
    EXPECT_FALSE(after.title);
}

// Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12 punten
// in 2 jaar behaalt" (issue 12: a lapsed participant's lapses_on was null).
// The day the registration lapsed stays the lapse date on every later date;
// an ended (not renewed, enough points) or registered-and-on-track
// participant has none.
TEST(PeRegistration, LapsedParticipantCarriesTheDayItLapsed) {
    const participant p = person("S", date(2023, 3, 15));
    const std::vector<booked_points> short_b{{date(2023, 5, 1), pts(6)}};
    for (const date d : {date(2025, 3, 15), date(2026, 1, 2), date(2030, 12, 31)}) {
        const status s = status_of(p, short_b, d);
        ASSERT_EQ(s.reg.state, reg_state::lapsed);
        ASSERT_TRUE(s.lapses_on) << to_iso(d);
        EXPECT_EQ(*s.lapses_on, date(2025, 3, 15));
        EXPECT_EQ(*s.lapses_on, *s.reg.ended_on);
        EXPECT_FALSE(s.will_lapse);
    }
    const status ended = status_of(p, {{date(2024, 1, 10), pts(12)}}, date(2025, 3, 15));
    EXPECT_EQ(ended.reg.state, reg_state::ended);
    EXPECT_FALSE(ended.lapses_on);
    const status on_track = status_of(p, {{date(2024, 1, 10), pts(12)}}, date(2024, 6, 1));
    EXPECT_FALSE(on_track.lapses_on);
}

// Art. 10.1: a lapse while a dispensation is pending is still dated.
TEST(PeRegistration, LapsedWithDispensationPendingCarriesTheLapseDate) {
    participant p = person("S", date(2023, 3, 15));
    p.dispensations = {dispensation{date(2025, 3, 1), std::nullopt, false}};
    const status s = status_of(p, {}, date(2025, 4, 1));
    ASSERT_EQ(s.reg.state, reg_state::lapsed);
    EXPECT_TRUE(s.reg.dispensation_pending);
    EXPECT_EQ(*s.lapses_on, date(2025, 3, 15));
}

// Seed 001: "Bij behalen van de benodigde punten (12), kan de deelnemer de
// registratie voor 2 jaar verlengen" (H); next period starts the day after (P).
TEST(PeRegistration, TwelvePointsAndARenewalRequestRenewForTwoYears) {
    participant p = person("S", date(2023, 3, 15));
    p.renewal_requests = {date(2025, 2, 1)};
    const std::vector<booked_points> b{{date(2024, 1, 10), pts(12)}};
    const status before_end = status_of(p, b, date(2025, 3, 14));
    EXPECT_TRUE(before_end.renewal_possible);
    EXPECT_FALSE(before_end.will_lapse);
    const status s = status_of(p, b, date(2025, 3, 15));
    EXPECT_EQ(s.reg.state, reg_state::registered);
    EXPECT_EQ(s.reg.period_number, 2);
    EXPECT_EQ(s.reg.current->first, date(2025, 3, 15));
    EXPECT_EQ(s.reg.current->last, date(2027, 3, 14));
    EXPECT_EQ(s.reg.earned, points{});  // points stay in their own period
}

TEST(PeRegistration, EnoughPointsWithoutRenewalRequestEnds) {
    const participant p = person("S", date(2023, 3, 15));
    const status s = status_of(p, {{date(2024, 1, 10), pts(12)}}, date(2025, 3, 15));
    EXPECT_EQ(s.reg.state, reg_state::ended);
    EXPECT_EQ(*s.reg.ended_on, date(2025, 3, 15));
    EXPECT_FALSE(s.renewal_possible);  // grace 0 days (P)
}

// A user rulebook changes the outcome without recompiling: automatic renewal.
TEST(PeRegistration, AutomaticRenewalIsAParameter) {
    const auto rb = std::make_shared<const rulebook>(
        rulebook::with_value(*rulebook::builtin(), "pe.renewal.requires_request", "false"));
    const engine e(rb);
    const participant p = person("S", date(2023, 3, 15));
    EXPECT_EQ(status_of(p, {{date(2024, 1, 10), pts(12)}}, date(2025, 3, 15), e.pe()).reg.state, reg_state::registered);
}

// Issue 2: "A user-supplied rulebook changes a result (e.g. 16 points required)".
TEST(PeRegistration, UserRulebookRequiringSixteenPoints) {
    const rulebook top = rulebook::from_json(R"({"schema_version":1,"sources":{"mine":{"title":"Our sector agreement"}},
        "parameters":{"pe.points.required":{"type":"decimal","unit":"points",
        "values":[{"value":"16","source":"mine","confidence":"H"}]}}})");
    const engine e(std::make_shared<const rulebook>(rulebook::overlaid(*rulebook::builtin(), top)));
    const participant p = person("S", date(2023, 3, 15));
    const std::vector<booked_points> b{{date(2024, 1, 10), pts(12)}};
    EXPECT_TRUE(status_of(p, b, date(2024, 6, 1)).renewal_possible);
    const status s = status_of(p, b, date(2024, 6, 1), e.pe());
    EXPECT_FALSE(s.renewal_possible);
    EXPECT_EQ(s.short_by, pts(4));
}

// Boundary: a period starting on 29 February ends on 28 February two years
// later (roll_forward policy, P); with "clamp" it ends on 27 February.
TEST(PeRegistration, LeapDayStart) {
    const participant p = person("S", date(2024, 2, 29));
    EXPECT_EQ(status_of(p, {}, date(2024, 3, 1)).reg.current->last, date(2026, 2, 28));
    const engine clamp(std::make_shared<const rulebook>(
        rulebook::with_value(*rulebook::builtin(), "pe.registration.month_overflow", "clamp")));
    EXPECT_EQ(status_of(p, {}, date(2024, 3, 1), clamp.pe()).reg.current->last, date(2026, 2, 27));
}

// Boundary: end of month start (31 August) and points on the first and last day.
TEST(PeRegistration, PointsOnFirstAndLastDayCount) {
    participant p = person("S", date(2023, 8, 31));
    const std::vector<booked_points> b{
        {date(2023, 8, 31), pts(6)}, {date(2025, 8, 30), pts(6)}, {date(2025, 8, 31), pts(50)}};
    const status s = status_of(p, b, date(2025, 8, 30));
    EXPECT_EQ(s.reg.current->last, date(2025, 8, 30));
    EXPECT_EQ(s.reg.earned, pts(12));  // the 31 August 2025 completion is in the next period
    EXPECT_TRUE(s.renewal_possible);
}

// Points earned after the evaluation date are not counted yet.
TEST(PeRegistration, FuturePointsNotCounted) {
    const participant p = person("S", date(2023, 3, 15));
    const status s = status_of(p, {{date(2024, 6, 2), pts(12)}}, date(2024, 6, 1));
    EXPECT_EQ(s.reg.earned, points{});
}

// SEU registration regulation art. 10.1 (seed 000): a dispensation may keep
// the registration alive; modelled as a decision with a date (P).
TEST(PeRegistration, DispensationKeepsRegistration) {
    participant p = person("S", date(2023, 3, 15));
    p.dispensations = {dispensation{date(2025, 3, 20), date(2025, 4, 15), true}};
    const std::vector<booked_points> b{{date(2024, 1, 10), pts(8)}};
    const status pending = status_of(p, b, date(2025, 4, 1));
    EXPECT_EQ(pending.reg.state, reg_state::lapsed);
    EXPECT_TRUE(pending.reg.dispensation_pending);
    const status kept = status_of(p, b, date(2025, 4, 15));
    EXPECT_EQ(kept.reg.state, reg_state::registered);
    EXPECT_TRUE(kept.reg.kept_by_dispensation);
    EXPECT_EQ(kept.reg.current->first, date(2025, 3, 15));
    p.dispensations[0].granted = false;
    const status refused = status_of(p, b, date(2025, 4, 15));
    EXPECT_EQ(refused.reg.state, reg_state::lapsed);
    EXPECT_FALSE(refused.reg.dispensation_pending);
}

// Seed 000 (art. 10.1): a granted dispensation continues the registration;
// renewal is the participant's own act (seed 001: "kan de deelnemer zijn/haar
// registratie verlengen"). Two participants with the same grant and no
// renewal request: the one who earned the 12 points after asking kept her
// registration as the one who did not (independent legal probe, f2: the one
// with 12.00 points ended, the one with 0 stayed registered).
TEST(PeRegistration, AGrantedDispensationKeepsTheRegistrationWithOrWithoutThePoints) {
    participant p = person("S", date(2023, 3, 15));
    p.dispensations = {dispensation{date(2025, 1, 1), date(2025, 2, 1), true}};
    const status full = status_of(p, {{date(2024, 6, 1), pts(12)}}, date(2025, 4, 1));
    const status shrt = status_of(p, {}, date(2025, 4, 1));
    for (const status* s : {&full, &shrt}) {
        EXPECT_EQ(s->reg.state, reg_state::registered);
        EXPECT_TRUE(s->reg.kept_by_dispensation);
        EXPECT_EQ(s->reg.current->first, date(2025, 3, 15));
        EXPECT_TRUE(s->title.has_value());
    }
    p.dispensations.clear();  // without the grant: 12 points and no request end the registration
    EXPECT_EQ(status_of(p, {{date(2024, 6, 1), pts(12)}}, date(2025, 4, 1)).reg.state, reg_state::ended);
}

namespace {
/// The text of the explanation's first step with rule `rule`, or "" if none.
std::string step_text(const status& s, std::string_view rule) {
    for (const auto& st : s.why.steps())
        if (st.rule == rule) return st.text();
    return "";
}
}  // namespace

// Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12 punten
// in 2 jaar behaalt ... In dit geval is het mogelijk om een dispensatieverzoek
// in te dienen" (art. 10.1 of the registration regulation); README: a granted
// dispensation continues the registration. A dispensation granted before the
// period ends is known on every later day of it: the status announces no lapse
// (the registration continues at the end, as registration_at then decides),
// and the explanation names the dispensation (probe c04.json, D3).
TEST(PeRegistration, DispensationGrantedBeforeTheEndAnnouncesNoLapse) {
    participant p = person("D3", date(2024, 12, 6));  // period 1 ends 2026-12-05
    p.dispensations = {dispensation{date(2026, 11, 1), date(2026, 11, 15), true}};
    const std::vector<booked_points> b{{date(2025, 1, 10), pts(5)}};
    const status undecided = status_of(p, b, date(2026, 11, 14));
    EXPECT_TRUE(undecided.will_lapse);
    EXPECT_TRUE(undecided.reg.dispensation_pending);
    for (const date d : {date(2026, 11, 15), date(2026, 11, 20), date(2026, 12, 5)}) {
        SCOPED_TRACE(to_iso(d));
        const status s = status_of(p, b, d);
        ASSERT_EQ(s.reg.state, reg_state::registered);
        EXPECT_EQ(s.reg.period_number, 1);
        EXPECT_EQ(s.short_by, pts(7));
        EXPECT_FALSE(s.renewal_possible);
        EXPECT_FALSE(s.will_lapse);
        EXPECT_FALSE(s.lapses_on);
        EXPECT_FALSE(s.reg.dispensation_pending);
        EXPECT_EQ(s.reg.dispensation_granted_on, date(2026, 11, 15));
        const std::string disp = step_text(s, "pe.registration.dispensation");
        EXPECT_NE(disp.find("granted on 2026-11-15"), std::string::npos) << disp;
        const std::string progress = step_text(s, "pe.status.progress");
        EXPECT_EQ(progress.find("lapses"), std::string::npos) << progress;
        EXPECT_NE(progress.find("dispensation"), std::string::npos) << progress;
    }
    const status after = status_of(p, b, date(2026, 12, 6));
    EXPECT_EQ(after.reg.state, reg_state::registered);
    EXPECT_EQ(after.reg.period_number, 2);
    EXPECT_TRUE(after.reg.kept_by_dispensation);
    EXPECT_FALSE(after.reg.dispensation_granted_on);  // period 2 has none of its own
}

// Seed 000 and art. 10.1 as above: a request not decided on the status date is
// pending before the end as after it (probe c04.json D1, c07.json N2 requested
// on the last day), and the lapse announcement says it depends on the decision;
// a request refused before the end leaves the announcement as it was and says
// so; with enough points the request decides nothing and is not shown pending.
TEST(PeRegistration, DispensationRequestedBeforeTheEndIsPendingUntilDecided) {
    participant p = person("D1", date(2024, 12, 6));  // period 1 ends 2026-12-05
    p.dispensations = {dispensation{date(2026, 11, 1), std::nullopt, false}};
    const std::vector<booked_points> b{{date(2025, 1, 10), pts(5)}};
    EXPECT_FALSE(status_of(p, b, date(2026, 10, 31)).reg.dispensation_pending);  // not requested yet
    for (const date d : {date(2026, 11, 1), date(2026, 11, 20), date(2026, 12, 5)}) {
        SCOPED_TRACE(to_iso(d));
        const status s = status_of(p, b, d);
        ASSERT_EQ(s.reg.state, reg_state::registered);
        EXPECT_TRUE(s.reg.dispensation_pending);
        EXPECT_TRUE(s.will_lapse);
        EXPECT_EQ(s.lapses_on, date(2026, 12, 6));
        const std::string progress = step_text(s, "pe.status.progress");
        EXPECT_NE(progress.find("lapses on 2026-12-06"), std::string::npos) << progress;
        EXPECT_NE(progress.find("pending dispensation"), std::string::npos) << progress;
        const std::string disp = step_text(s, "pe.registration.dispensation");
        EXPECT_NE(disp.find("requested on 2026-11-01 and is not decided yet"), std::string::npos) << disp;
    }
    EXPECT_TRUE(status_of(p, b, date(2026, 12, 6)).reg.dispensation_pending);  // lapsed, still pending

    participant n2 = person("N2", date(2024, 12, 6));  // requested on the last day, granted the day after
    n2.dispensations = {dispensation{date(2026, 12, 5), date(2026, 12, 6), true}};
    const status last_day = status_of(n2, {}, date(2026, 12, 5));
    EXPECT_TRUE(last_day.reg.dispensation_pending);
    EXPECT_TRUE(last_day.will_lapse);
    EXPECT_TRUE(status_of(n2, {}, date(2026, 12, 6)).reg.kept_by_dispensation);

    p.dispensations[0].decided = date(2026, 11, 20);  // refused before the end
    const status refused = status_of(p, b, date(2026, 11, 25));
    EXPECT_FALSE(refused.reg.dispensation_pending);
    EXPECT_FALSE(refused.reg.dispensation_granted_on);
    EXPECT_TRUE(refused.will_lapse);
    EXPECT_EQ(refused.lapses_on, date(2026, 12, 6));
    EXPECT_EQ(step_text(refused, "pe.status.progress").find("dispensation"), std::string::npos);
    EXPECT_NE(step_text(refused, "pe.registration.dispensation").find("refused on 2026-11-20"), std::string::npos);

    p.dispensations[0].decided.reset();
    const status enough = status_of(p, {{date(2025, 1, 10), pts(12)}}, date(2026, 11, 20));
    EXPECT_TRUE(enough.renewal_possible);
    EXPECT_FALSE(enough.reg.dispensation_pending);
}

// Art. 10.1 (seed 000) as the README models it: a dispensation concerns the
// period it was requested in or, after a lapse, the period that lapsed. One
// grant keeps one period (probe c04.json D4: granted 2027-01-10 after the lapse
// of 2026-12-06, it also kept period 2 on 2028-12-06), and a request made in
// the kept period concerns that period, not the one before it (a refusal in
// period 2 made period 1 lapse after all, also for a booking judged later).
TEST(PeRegistration, EachDispensationConcernsOnePeriod) {
    participant d4 = person("D4", date(2024, 12, 6));  // period 1 ends 2026-12-05, period 2 2028-12-05
    d4.dispensations = {dispensation{date(2026, 12, 10), date(2027, 1, 10), true}};
    const status kept = status_of(d4, {}, date(2027, 1, 10));
    EXPECT_EQ(kept.reg.period_number, 2);
    EXPECT_TRUE(kept.reg.kept_by_dispensation);
    EXPECT_FALSE(kept.reg.dispensation_granted_on);  // the grant is period 1's
    EXPECT_TRUE(kept.will_lapse);
    const status end2 = status_of(d4, {}, date(2028, 12, 6));
    EXPECT_EQ(end2.reg.state, reg_state::lapsed);
    EXPECT_EQ(end2.reg.period_number, 2);
    EXPECT_EQ(end2.reg.ended_on, date(2028, 12, 6));

    participant m = person("M", date(2024, 12, 6));
    m.dispensations = {dispensation{date(2026, 11, 1), date(2026, 11, 15), true},
                       dispensation{date(2028, 11, 1), date(2028, 11, 10), false}};
    const status refused = status_of(m, {}, date(2028, 11, 20));
    ASSERT_EQ(refused.reg.state, reg_state::registered);
    EXPECT_EQ(refused.reg.period_number, 2);
    EXPECT_TRUE(refused.will_lapse);
    EXPECT_EQ(refused.lapses_on, date(2028, 12, 6));
    EXPECT_NE(step_text(refused, "pe.registration.dispensation").find("granted on 2026-11-15"), std::string::npos);
    const status lapsed = status_of(m, {}, date(2028, 12, 6));
    EXPECT_EQ(lapsed.reg.state, reg_state::lapsed);
    EXPECT_EQ(lapsed.reg.period_number, 2);
    explanation none(false);
    EXPECT_EQ(registration_at(R(), registration_facts::of(m), booked_span{}, date(2027, 6, 1), date(2028, 11, 20), none)
                  .state,
              reg_state::registered);  // a completion in period 2, booked after the refusal
    m.dispensations[1].decided.reset();
    m.dispensations[1].granted = false;
    const status pending = status_of(m, {}, date(2028, 11, 20));
    EXPECT_EQ(pending.reg.period_number, 2);
    EXPECT_TRUE(pending.reg.dispensation_pending);
}

// Seed 001: "Medewerkers die zijn geregistreerd voor PE mogen zich
// Register-Uitzendprofessional of Register-Backofficeprofessional noemen" (P).
TEST(PeRegistration, TitleByTrackOnlyWhileRegistered) {
    participant p = person("S", date(2023, 3, 15));
    EXPECT_EQ(*status_of(p, {}, date(2024, 1, 1)).title, "Register-Uitzendprofessional");
    p.track = track::backofficeprofessional;
    EXPECT_EQ(*status_of(p, {}, date(2024, 1, 1)).title, "Register-Backofficeprofessional");
    EXPECT_FALSE(status_of(p, {}, date(2025, 3, 15)).title);
}

// Seed 000: reminded several times; moments 12, 6, 3, 1 months before the end (P).
TEST(PeRegistration, RemindersWhilePointsShort) {
    const participant p = person("S", date(2023, 3, 15));  // period ends 2025-03-14
    const std::vector<booked_points> b{{date(2024, 1, 1), pts(4)}, {date(2024, 12, 1), pts(8)}};
    const status s = status_of(p, b, date(2024, 9, 14));
    ASSERT_EQ(s.reminders.size(), 4u);
    EXPECT_EQ(s.reminders[0].on, date(2024, 3, 14));
    EXPECT_TRUE(s.reminders[0].sent);
    EXPECT_EQ(s.reminders[0].short_by, pts(8));
    EXPECT_EQ(s.reminders[1].on, date(2024, 9, 14));
    EXPECT_TRUE(s.reminders[1].due_today);
    EXPECT_EQ(s.reminders[2].on, date(2024, 12, 14));
    EXPECT_EQ(s.reminders[2].short_by, points{});  // 12 points by then: no reminder
    EXPECT_FALSE(s.reminders[2].sent);
}

TEST(PeRegistration, ExplanationNamesParametersAndSources) {
    const status s = status_of(person("S", date(2023, 3, 15)), {}, date(2025, 3, 15));
    bool lapse = false, cites_required = false;
    for (const auto& st : s.why.steps()) {
        lapse = lapse || st.rule == "pe.registration.lapse";
        for (const auto& u : st.params) cites_required = cites_required || u.param->name == "pe.points.required";
    }
    EXPECT_TRUE(lapse);
    EXPECT_TRUE(cites_required);
    EXPECT_TRUE(s.why.uses_provisional());  // auto_from is provisional (P)
}

// docs/rules.md 1 (dispensation "as a decision with a date", art. 10.1 of the
// registration regulation) and Stappenplan (seed 001: activation of a diploma):
// facts that contradict each other are found by one check for every face.
TEST(PeRegistration, CheckFactsFindsContradictions) {
    participant p = person("C", date(2023, 3, 15));
    EXPECT_EQ(check_facts(registration_facts::of(p)), facts_defect::none);
    p.activation_date = date(2023, 3, 1);
    EXPECT_EQ(check_facts(registration_facts::of(p)), facts_defect::activation_before_diploma);
    p.diploma_date.reset();
    EXPECT_EQ(check_facts(registration_facts::of(p)), facts_defect::activation_without_diploma);
    participant q = person("D", date(2023, 3, 15));
    q.dispensations.push_back({date(2025, 1, 1), date(2025, 2, 1), true});
    q.dispensations.push_back({date(2025, 1, 1), std::nullopt, true});
    std::size_t which = 99;
    EXPECT_EQ(check_facts(registration_facts::of(q), &which), facts_defect::dispensation_granted_undecided);
    EXPECT_EQ(which, 1u);
    q.dispensations[1] = {date(2025, 1, 1), date(2024, 12, 31), false};
    EXPECT_EQ(check_facts(registration_facts::of(q), &which), facts_defect::dispensation_decided_before_request);
}
