// Employer insight: access decisions (may contact C see participant P's
// dossier on D; may C produce the overview on D; is P in C's organisation's
// overview on D) with their reasons, and the audit record of each decision.
// Deny by default: access follows only from a consent in force, or for the
// overview from the role. Source: seed 002 (Instructie 'inzicht PE-voortgang
// medewerkers'):
// - "Kunnen deze professionals jou als werkgever selecteren en voor bepaalde
//   of onbepaalde periode inzage geven in hun PE-dossier" and "Toestemming
//   krijgen van medewerker ... is het noodzakelijk dat zij hiervoor
//   toestemming geven" -> no consent, no access;
// - "Andere contactpersonen hebben geen toegang tot de (totaal) rapportage,
//   maar kunnen wel de individuele dossiers inzien van personen die hen hebben
//   geautoriseerd" and "Als de medewerker een contactpersoon ... heeft
//   geautoriseerd krijgt deze inzage in het dossier" -> an individual dossier
//   is opened by a consent to that very contact, whatever its role; a consent
//   to another contact of the same organisation does not open it;
// - "Alleen de beheerder en eventueel 2e contactpersoon hebben inzage in de
//   overzichtsrapportage van de PE-voortgang van alle PE-medewerkers" and
//   "Kun je rapportages downloaden waarin de PE-voortgang van alle
//   medewerkers die hiervoor toestemming hebben gegeven zichtbaar is" -> the
//   overview is for the administrator and the second contact only, and holds
//   every participant with a consent in force to any contact of the
//   organisation ("PE-medewerker ... die de werkgever inzage heeft gegeven").
// Choice where the seed is silent: the administrator and the second contact
// see individual dossiers on the same terms as any contact (a consent to them);
// through the overview they see every consenting participant's summary only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "edurules/core/explain.hpp"
#include "edurules/insight/consent.hpp"

namespace edurules::insight {

/// What a decision is about.
enum class access_action : std::uint8_t {
    dossier = 0,         ///< may the contact open the participant's individual dossier
    overview = 1,        ///< may the contact produce the organisation's overview report
    overview_entry = 2,  ///< is the participant in the organisation's overview
};

inline const char* to_string(access_action a) {
    switch (a) {
        case access_action::dossier:
            return "dossier";
        case access_action::overview:
            return "overview";
        case access_action::overview_entry:
            return "overview_entry";
    }
    return "?";
}

enum class access_reason : std::uint8_t {
    consent = 0,              ///< allowed: a consent in force (consent_id)
    role_allows = 1,          ///< allowed: administrator or second contact (overview)
    unknown_contact = 2,      ///< denied: no such contact
    no_consent = 3,           ///< denied: the participant never gave this contact (organisation) a consent
    consent_not_started = 4,  ///< denied: the only consents start later
    consent_expired = 5,      ///< denied: "authorised until" has passed
    consent_revoked = 6,      ///< denied: revoked on or before the date
    role_denies = 7,          ///< denied: a plain contact never gets the overview
    unknown_participant = 8,  ///< denied: the participant is not in the PE dossier
};

inline const char* to_string(access_reason r) {
    switch (r) {
        case access_reason::consent:
            return "consent";
        case access_reason::role_allows:
            return "role_allows";
        case access_reason::unknown_contact:
            return "unknown_contact";
        case access_reason::no_consent:
            return "no_consent";
        case access_reason::consent_not_started:
            return "consent_not_started";
        case access_reason::consent_expired:
            return "consent_expired";
        case access_reason::consent_revoked:
            return "consent_revoked";
        case access_reason::role_denies:
            return "role_denies";
        case access_reason::unknown_participant:
            return "unknown_participant";
    }
    return "?";
}

/// One access decision. `message` is the decisive sentence; `why` the whole
/// chain (role rule, every consent looked at).
struct access_decision {
    access_action action = access_action::dossier;
    std::string contact_id;                 ///< who asks (overview_entry: the organisation's asking contact, if any)
    std::string organisation_id;            ///< "" if the contact is unknown
    std::optional<insight::role> role;      ///< the asking contact's role, if known
    std::optional<std::string> seu_number;  ///< whom it is about (nullopt for the overview itself)
    date on;
    bool allowed = false;  ///< deny by default
    access_reason reason = access_reason::no_consent;
    const consent* deciding =
        nullptr;  ///< the consent that decided (allowed, or the latest one that no longer/not yet holds)
    std::string message;
    explanation why;
};

/// The audit record of a decision (who, whom, when, allowed, why), ready to
/// be written as one JSON line.
struct audit_record {
    date on;
    std::string action;
    std::string contact_id;
    std::string organisation_id;
    std::optional<std::string> seu_number;
    bool allowed = false;
    std::string reason;
    std::optional<std::string> consent_id;
    std::string why;
};

inline audit_record audit_of(const access_decision& a) {
    return audit_record{a.on,
                        to_string(a.action),
                        a.contact_id,
                        a.organisation_id,
                        a.seu_number,
                        a.allowed,
                        to_string(a.reason),
                        a.deciding ? std::optional<std::string>(a.deciding->id) : std::nullopt,
                        a.message};
}

namespace detail {

inline access_reason denial_of(consent_state s) {
    switch (s) {
        case consent_state::not_started:
            return access_reason::consent_not_started;
        case consent_state::expired:
            return access_reason::consent_expired;
        case consent_state::revoked:
            return access_reason::consent_revoked;
        case consent_state::valid:
            break;
    }
    return access_reason::no_consent;
}

inline const char* rule_of(consent_state s) {
    switch (s) {
        case consent_state::valid:
            return "insight.consent.valid";
        case consent_state::not_started:
            return "insight.consent.not_started";
        case consent_state::expired:
            return "insight.consent.expired";
        case consent_state::revoked:
            return "insight.consent.revoked";
    }
    return "insight.consent";
}

/// Looks at `cands` (consents of one participant to the contacts that count)
/// on `d`: the first one in force decides for access; without one, the one
/// given last decides the denial. Every consent looked at is explained.
inline void decide_by_consent(access_decision& a, const std::vector<const consent*>& cands, date d) {
    const consent* valid = nullptr;
    const consent* latest = nullptr;
    consent_state latest_state = consent_state::valid;
    for (const consent* c : cands) {
        const consent_state s = state_on(*c, d);
        a.why.add(rule_of(s), [&] { return describe(*c, s, d); });
        if (s == consent_state::valid) {
            if (!valid) valid = c;
        } else if (!latest || !(c->from < latest->from)) {
            latest = c;
            latest_state = s;
        }
    }
    if (valid) {
        a.allowed = true;
        a.reason = access_reason::consent;
        a.deciding = valid;
    } else if (latest) {
        a.allowed = false;
        a.reason = denial_of(latest_state);
        a.deciding = latest;
    } else {
        a.allowed = false;
        a.reason = access_reason::no_consent;
    }
}

inline access_decision start(access_action what, std::string_view contact_id, const contact_ref& who, date d,
                             bool explain) {
    access_decision a;
    a.action = what;
    a.contact_id = std::string(contact_id);
    a.on = d;
    a.why = explanation(explain);
    if (who.org) {
        a.organisation_id = who.org->id;
        a.role = who.who->role;
    }
    return a;
}

inline bool deny_unknown_contact(access_decision& a, const contact_ref& who) {
    if (who.org) return false;
    a.allowed = false;
    a.reason = access_reason::unknown_contact;
    a.message = "denied: unknown contact \"" + a.contact_id + "\"";
    a.why.note("insight.contact.unknown", a.message);
    return true;
}

}  // namespace detail

/// May contact `contact_id` open the individual dossier of `seu_number` on
/// `d`? Only a consent of that participant to that very contact, in force on
/// `d`, opens it (any role).
inline access_decision may_see_dossier(const directory_index& idx, std::string_view contact_id,
                                       std::string_view seu_number, date d, bool explain = true) {
    const contact_ref who = idx.find_contact(contact_id);
    access_decision a = detail::start(access_action::dossier, contact_id, who, d, explain);
    a.seu_number = std::string(seu_number);
    if (detail::deny_unknown_contact(a, who)) return a;
    a.why.add("insight.role.dossier", [&] {
        return "contact " + a.contact_id + " (" + to_string(who.who->role) + " of " + who.org->id +
               ") sees the individual dossiers of participants who authorised this contact; a consent to another "
               "contact does "
               "not count";
    });
    std::vector<const consent*> mine;
    std::vector<const consent*> colleagues;
    for (const consent* c : idx.consents_of(seu_number)) {
        if (c->contact_id == contact_id)
            mine.push_back(c);
        else if (idx.organisation_of(*c) == who.org)
            colleagues.push_back(c);
    }
    detail::decide_by_consent(a, mine, d);
    const std::string whom(seu_number);
    if (a.allowed) {
        a.message = whom + " authorised contact " + a.contact_id + " (consent " + a.deciding->id +
                    "): dossier open on " + to_iso(d);
    } else if (a.deciding) {
        a.message = "denied: " + describe(*a.deciding, state_on(*a.deciding, d), d);
    } else {
        a.message = "denied: " + whom + " has given contact " + a.contact_id + " no consent";
        for (const consent* c : colleagues)
            if (state_on(*c, d) == consent_state::valid) {
                a.message += " (the consent " + c->id + " to contact " + c->contact_id +
                             " of the same organisation does not open the dossier to " + a.contact_id + ")";
                break;
            }
    }
    a.why.note(a.allowed ? "insight.access.allowed" : "insight.access.denied", a.message);
    return a;
}

/// May contact `contact_id` produce its organisation's overview report on
/// `d`? Only the administrator and the second contact may, whatever consents
/// the contact holds.
inline access_decision may_see_overview(const directory_index& idx, std::string_view contact_id, date d,
                                        bool explain = true) {
    const contact_ref who = idx.find_contact(contact_id);
    access_decision a = detail::start(access_action::overview, contact_id, who, d, explain);
    if (detail::deny_unknown_contact(a, who)) return a;
    const role r = who.who->role;
    a.allowed = r == role::administrator || r == role::second_contact;
    a.reason = a.allowed ? access_reason::role_allows : access_reason::role_denies;
    a.message = a.allowed ? "contact " + a.contact_id + " is the " +
                                (r == role::administrator ? "administrator" : "second contact") + " of " + who.org->id +
                                ": may produce the overview report"
                          : "denied: contact " + a.contact_id + " is a plain contact of " + who.org->id +
                                "; only the administrator and the second contact see the overview report";
    a.why.note(a.allowed ? "insight.role.overview" : "insight.role.no_overview", a.message);
    return a;
}

/// Is `seu_number` in the overview of organisation `org` on `d`? Yes when a
/// consent of the participant to any contact of the organisation is in force.
/// `contact_id` (the asking contact) is recorded in the decision only.
inline access_decision in_overview(const directory_index& idx, const organisation& org, std::string_view contact_id,
                                   std::string_view seu_number, date d, bool explain = true) {
    const contact_ref who = idx.find_contact(contact_id);
    access_decision a = detail::start(access_action::overview_entry, contact_id, who, d, explain);
    a.organisation_id = org.id;
    a.seu_number = std::string(seu_number);
    std::vector<const consent*> to_org;
    for (const consent* c : idx.consents_of(seu_number))
        if (idx.organisation_of(*c) == &org) to_org.push_back(c);
    a.why.add("insight.overview.member", [&] {
        return "the overview of " + org.id + " holds the participants with a consent in force to any of its contacts";
    });
    detail::decide_by_consent(a, to_org, d);
    const std::string whom(seu_number);
    if (a.allowed)
        a.message = whom + " is in the overview of " + org.id + " (consent " + a.deciding->id + " to contact " +
                    a.deciding->contact_id + ")";
    else if (a.deciding)
        a.message = "left out: " + describe(*a.deciding, state_on(*a.deciding, d), d);
    else
        a.message = "left out: " + whom + " has given " + org.id + " no consent";
    a.why.note(a.allowed ? "insight.overview.included" : "insight.overview.excluded", a.message);
    return a;
}

}  // namespace edurules::insight
