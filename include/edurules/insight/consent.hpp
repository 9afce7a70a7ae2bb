// Employer insight: is a participant's consent in force on a date?
// Source: seed 002 (Instructie 'inzicht PE-voortgang medewerkers'):
// - "voor bepaalde of onbepaalde periode inzage geven in hun PE-dossier";
// - "Om tijdelijk inzicht te geven in jouw dossier vul je een datum in het
//   veld 'geautoriseerd tot' in. Vul je geen datum in? Dan krijgt de
//   contactpersoon onbeperkt inzage in jouw PE-dossier" -> `until` inclusive:
//   valid on that day, not on the day after;
// - "Intrekken van jouw toestemming kan altijd", "Intrekken van toestemming
//   kent geen terugwerkende kracht" -> revoked on R: not valid on R or later,
//   valid on every earlier day (a decision about an earlier day is unchanged).
// Choice where the seed is silent: the consent is valid from the day it was
// given (`from`), inclusive.
#pragma once

#include <string>

#include "edurules/insight/model.hpp"

namespace edurules::insight {

enum class consent_state : std::uint8_t {
    valid = 0,
    not_started = 1,  ///< the date is before the consent was given
    expired = 2,      ///< the date is after "authorised until"
    revoked = 3,      ///< the consent was revoked on or before the date
};

inline const char* to_string(consent_state s) {
    switch (s) {
        case consent_state::valid:
            return "valid";
        case consent_state::not_started:
            return "not_started";
        case consent_state::expired:
            return "expired";
        case consent_state::revoked:
            return "revoked";
    }
    return "?";
}

/// The state of a consent on `d`. When it has both expired and been revoked
/// by `d`, the earlier event names the state (the expiry takes effect on the
/// day after "authorised until"; on the same day the revocation is named).
inline consent_state state_on(const consent& c, date d) {
    if (d < c.from) return consent_state::not_started;
    const bool revoked = c.revoked && *c.revoked <= d;
    const bool expired = c.until && *c.until < d;
    if (revoked && expired) return *c.revoked <= next_day(*c.until) ? consent_state::revoked : consent_state::expired;
    if (revoked) return consent_state::revoked;
    if (expired) return consent_state::expired;
    return consent_state::valid;
}

/// One sentence on the consent's state on `d`, naming the consent, the
/// participant and the contact.
inline std::string describe(const consent& c, consent_state s, date d) {
    const std::string who = "consent " + c.id + " of " + c.seu_number + " to contact " + c.contact_id;
    const std::string span =
        "given on " + to_iso(c.from) + (c.until ? ", authorised until " + to_iso(*c.until) : ", permanent");
    switch (s) {
        case consent_state::valid:
            return who + " (" + span + ") is in force on " + to_iso(d) +
                   (c.revoked ? "; it is revoked from " + to_iso(*c.revoked) + ", which is not retroactive" : "");
        case consent_state::not_started:
            return who + " is given only on " + to_iso(c.from) + ", after " + to_iso(d);
        case consent_state::expired:
            return who + " (" + span + ") expired: it was authorised until " + to_iso(*c.until) +
                   " inclusive, not on " + to_iso(d);
        case consent_state::revoked:
            return who + " (" + span + ") was revoked on " + to_iso(*c.revoked) +
                   ": not in force from that day on, so not on " + to_iso(d);
    }
    return who;
}

}  // namespace edurules::insight
