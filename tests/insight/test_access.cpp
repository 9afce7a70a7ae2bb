// Consents and access decisions: validity edges (from, "geautoriseerd tot",
// revocation without retroactive effect), per-contact dossiers, the overview
// role rule, deny by default, and the directory checks.
// Source: seed 002 (Instructie 'inzicht PE-voortgang medewerkers').
#include "insight_fixture.hpp"

namespace insight_test {
namespace {

bool mentions(const explanation& why, std::string_view rule, std::string_view text = {}) {
    for (const auto& s : why.steps())
        if (s.rule == rule && s.text().find(text) != std::string::npos) return true;
    return false;
}

// "geautoriseerd tot": valid on that day, not on the day after.
TEST(InsightConsent, AuthorisedUntilIsInclusive) {
    const consent c = grant("K", "S1", "A-X", D(2024, 1, 1), D(2025, 5, 31));
    EXPECT_EQ(state_on(c, D(2025, 5, 31)), consent_state::valid);
    EXPECT_EQ(state_on(c, D(2025, 6, 1)), consent_state::expired);
}

// "Intrekken van toestemming kent geen terugwerkende kracht": revoked on R is
// not valid on R, and still valid the day before.
TEST(InsightConsent, RevokedOnTheDayIsNotValidThatDayButWasBefore) {
    const consent c = grant("K", "S1", "A-X", D(2024, 1, 1), std::nullopt, D(2025, 4, 15));
    EXPECT_EQ(state_on(c, D(2025, 4, 14)), consent_state::valid);
    EXPECT_EQ(state_on(c, D(2025, 4, 15)), consent_state::revoked);
    EXPECT_EQ(state_on(c, D(2026, 1, 1)), consent_state::revoked);
}

TEST(InsightConsent, ValidFromTheDayItIsGiven) {
    const consent c = grant("K", "S1", "A-X", D(2024, 3, 1));
    EXPECT_EQ(state_on(c, D(2024, 2, 29)), consent_state::not_started);
    EXPECT_EQ(state_on(c, D(2024, 3, 1)), consent_state::valid);
    // Without "geautoriseerd tot" the insight is unlimited ("onbeperkt").
    EXPECT_EQ(state_on(c, D(2099, 12, 31)), consent_state::valid);
}

TEST(InsightConsent, RevokedAndExpiredNamesTheEarlierEvent) {
    const consent early_revoke = grant("K", "S1", "A-X", D(2024, 1, 1), D(2024, 12, 31), D(2024, 6, 1));
    EXPECT_EQ(state_on(early_revoke, D(2025, 3, 1)), consent_state::revoked);
    const consent late_revoke = grant("K", "S1", "A-X", D(2024, 1, 1), D(2024, 12, 31), D(2025, 2, 1));
    EXPECT_EQ(state_on(late_revoke, D(2025, 3, 1)), consent_state::expired);
    EXPECT_EQ(state_on(late_revoke, D(2025, 1, 15)), consent_state::expired);
}

TEST(InsightAccess, DossierOpenOnlyWithAConsentInForce) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), D(2025, 5, 31))};
    const directory_index idx(d);
    auto on = [&](date day) { return may_see_dossier(idx, "A-X", "S1", day); };
    EXPECT_FALSE(on(D(2023, 12, 31)).allowed);
    EXPECT_EQ(on(D(2023, 12, 31)).reason, access_reason::consent_not_started);
    EXPECT_TRUE(on(D(2024, 1, 1)).allowed);
    const access_decision last = on(D(2025, 5, 31));
    EXPECT_TRUE(last.allowed);
    EXPECT_EQ(last.reason, access_reason::consent);
    ASSERT_NE(last.deciding, nullptr);
    EXPECT_EQ(last.deciding->id, "K1");
    const access_decision after = on(D(2025, 6, 1));
    EXPECT_FALSE(after.allowed);
    EXPECT_EQ(after.reason, access_reason::consent_expired);
    EXPECT_TRUE(mentions(after.why, "insight.consent.expired", "authorised until 2025-05-31 inclusive"));
    EXPECT_TRUE(mentions(after.why, "insight.role.dossier"));
}

TEST(InsightAccess, RevocationDeniesFromItsDayAndNotBefore) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), std::nullopt, D(2025, 6, 1))};
    const directory_index idx(d);
    EXPECT_TRUE(may_see_dossier(idx, "A-X", "S1", D(2025, 5, 31)).allowed);
    const access_decision a = may_see_dossier(idx, "A-X", "S1", D(2025, 6, 1));
    EXPECT_FALSE(a.allowed);
    EXPECT_EQ(a.reason, access_reason::consent_revoked);
    EXPECT_NE(a.message.find("revoked on 2025-06-01"), std::string::npos) << a.message;
}

TEST(InsightAccess, DenyByDefault) {
    directory d = two_orgs();
    const directory_index idx(d);
    const access_decision a = may_see_dossier(idx, "A-ADMIN", "S1", D(2025, 1, 1));
    EXPECT_FALSE(a.allowed);
    EXPECT_EQ(a.reason, access_reason::no_consent);
    EXPECT_EQ(a.deciding, nullptr);
    EXPECT_NE(a.message.find("no consent"), std::string::npos);
    const access_decision u = may_see_dossier(idx, "NOBODY", "S1", D(2025, 1, 1));
    EXPECT_FALSE(u.allowed);
    EXPECT_EQ(u.reason, access_reason::unknown_contact);
    EXPECT_FALSE(may_see_overview(idx, "NOBODY", D(2025, 1, 1)).allowed);
    EXPECT_EQ(may_see_overview(idx, "NOBODY", D(2025, 1, 1)).reason, access_reason::unknown_contact);
}

// Individual dossiers are per contact: a consent to X of org A does not open
// the dossier to Y of org A, nor to A's administrator.
TEST(InsightAccess, ConsentToOneContactDoesNotOpenTheDossierToAColleague) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1))};
    const directory_index idx(d);
    EXPECT_TRUE(may_see_dossier(idx, "A-X", "S1", D(2025, 1, 1)).allowed);
    const access_decision y = may_see_dossier(idx, "A-Y", "S1", D(2025, 1, 1));
    EXPECT_FALSE(y.allowed);
    EXPECT_EQ(y.reason, access_reason::no_consent);
    EXPECT_NE(y.message.find("consent K1 to contact A-X of the same organisation does not open the dossier"),
              std::string::npos)
        << y.message;
    EXPECT_FALSE(may_see_dossier(idx, "A-ADMIN", "S1", D(2025, 1, 1)).allowed);
    EXPECT_FALSE(may_see_dossier(idx, "B-ADMIN", "S1", D(2025, 1, 1)).allowed);
}

TEST(InsightAccess, DepartmentsAreContactsToo) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-DEPT", D(2024, 1, 1))};
    const directory_index idx(d);
    EXPECT_TRUE(may_see_dossier(idx, "A-DEPT", "S1", D(2025, 1, 1)).allowed);
    EXPECT_FALSE(may_see_overview(idx, "A-DEPT", D(2025, 1, 1)).allowed);
}

// "Alleen de beheerder en eventueel 2e contactpersoon hebben inzage in de
// overzichtsrapportage": a plain contact never, even with consents.
TEST(InsightAccess, OverviewOnlyForAdministratorAndSecondContact) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1)), grant("K2", "S2", "A-X", D(2024, 1, 1))};
    const directory_index idx(d);
    const access_decision admin = may_see_overview(idx, "A-ADMIN", D(2025, 1, 1));
    EXPECT_TRUE(admin.allowed);
    EXPECT_EQ(admin.reason, access_reason::role_allows);
    EXPECT_TRUE(may_see_overview(idx, "A-SECOND", D(2025, 1, 1)).allowed);
    const access_decision x = may_see_overview(idx, "A-X", D(2025, 1, 1));
    EXPECT_FALSE(x.allowed);
    EXPECT_EQ(x.reason, access_reason::role_denies);
    EXPECT_TRUE(mentions(x.why, "insight.role.no_overview", "only the administrator and the second contact"));
}

// The overview is per organisation: a consent to any of its contacts counts.
TEST(InsightAccess, OverviewMembershipCountsConsentsToAnyContactOfTheOrganisation) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1)), grant("K2", "S2", "B-X", D(2024, 1, 1)),
                  grant("K3", "S3", "A-Y", D(2024, 1, 1), D(2024, 12, 31))};
    const directory_index idx(d);
    const organisation& a = d.organisations[0];
    const access_decision s1 = in_overview(idx, a, "A-ADMIN", "S1", D(2025, 1, 1));
    EXPECT_TRUE(s1.allowed);
    EXPECT_EQ(s1.deciding->id, "K1");
    EXPECT_FALSE(in_overview(idx, a, "A-ADMIN", "S2", D(2025, 1, 1)).allowed);
    EXPECT_EQ(in_overview(idx, a, "A-ADMIN", "S2", D(2025, 1, 1)).reason, access_reason::no_consent);
    EXPECT_EQ(in_overview(idx, a, "A-ADMIN", "S3", D(2025, 1, 1)).reason, access_reason::consent_expired);
    EXPECT_TRUE(in_overview(idx, a, "A-ADMIN", "S3", D(2024, 12, 31)).allowed);
}

// A renewed consent after an expired one: any consent in force is enough; the
// denial cites the consent given last.
TEST(InsightAccess, SeveralConsentsToTheSameContact) {
    directory d = two_orgs();
    d.consents = {grant("OLD", "S1", "A-X", D(2023, 1, 1), D(2023, 12, 31)), grant("NEW", "S1", "A-X", D(2024, 3, 1))};
    const directory_index idx(d);
    const access_decision gap = may_see_dossier(idx, "A-X", "S1", D(2024, 2, 1));
    EXPECT_FALSE(gap.allowed);
    EXPECT_EQ(gap.reason, access_reason::consent_not_started);
    EXPECT_EQ(gap.deciding->id, "NEW");
    const access_decision now = may_see_dossier(idx, "A-X", "S1", D(2024, 3, 1));
    EXPECT_TRUE(now.allowed);
    EXPECT_EQ(now.deciding->id, "NEW");
}

TEST(InsightAccess, AuditRecordCarriesWhoWhomWhenAllowedWhy) {
    directory d = two_orgs();
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), std::nullopt, D(2025, 2, 1))};
    const directory_index idx(d);
    const audit_record r = audit_of(may_see_dossier(idx, "A-X", "S1", D(2025, 2, 1)));
    EXPECT_EQ(r.contact_id, "A-X");
    EXPECT_EQ(r.organisation_id, "ORG-A");
    EXPECT_EQ(r.seu_number, std::optional<std::string>("S1"));
    EXPECT_EQ(r.on, D(2025, 2, 1));
    EXPECT_FALSE(r.allowed);
    EXPECT_EQ(r.reason, "consent_revoked");
    EXPECT_EQ(r.consent_id, std::optional<std::string>("K1"));
    EXPECT_EQ(r.action, "dossier");
    EXPECT_FALSE(r.why.empty());
}

error index_error(const directory& d) {
    try {
        directory_index idx(d);
    } catch (const error& e) {
        return e;
    }
    ADD_FAILURE() << "no error";
    return error(errc::internal, "", "");
}

TEST(InsightDirectory, RefusesWhatTheSeedRulesOut) {
    directory d = two_orgs();
    d.organisations[0].contacts[0].role = role::contact;  // no administrator
    EXPECT_EQ(index_error(d).field(), "organisations[0].contacts");

    d = two_orgs();
    d.organisations[1].contacts[1].role = role::administrator;  // two administrators
    EXPECT_EQ(index_error(d).field(), "organisations[1].contacts");

    d = two_orgs();
    d.organisations[0].contacts[2].role = role::second_contact;  // two second contacts
    EXPECT_EQ(index_error(d).field(), "organisations[0].contacts[2].role");

    d = two_orgs();
    d.organisations[1].contacts[1].id = "A-X";  // contact ids are global
    EXPECT_EQ(index_error(d).field(), "organisations[1].contacts[1].id");

    d = two_orgs();
    d.consents = {grant("K1", "S1", "NOBODY", D(2024, 1, 1))};
    EXPECT_EQ(index_error(d).field(), "consents[0].contact");

    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), D(2023, 12, 31))};
    EXPECT_EQ(index_error(d).field(), "consents[0].until");

    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), std::nullopt, D(2023, 12, 31))};
    EXPECT_EQ(index_error(d).field(), "consents[0].revoked");

    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1)), grant("K1", "S2", "A-X", D(2024, 1, 1))};
    const error dup = index_error(d);
    EXPECT_EQ(dup.field(), "consents[1].id");
    EXPECT_EQ(dup.record(), 1);

    // Given and revoked on the same day: never in force, but not refused.
    d.consents = {grant("K1", "S1", "A-X", D(2024, 1, 1), std::nullopt, D(2024, 1, 1))};
    const directory_index ok(d);
    EXPECT_EQ(may_see_dossier(ok, "A-X", "S1", D(2024, 1, 1)).reason, access_reason::consent_revoked);
}

}  // namespace
}  // namespace insight_test
