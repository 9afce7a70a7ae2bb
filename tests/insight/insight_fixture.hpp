// Shared fixture for the insight tests: two organisations, their contacts,
// and small builders for consents. Sources: seed 002 (see the headers).
#pragma once

#include <gtest/gtest.h>

#include "edurules/engine.hpp"
#include "edurules/insight/access.hpp"
#include "edurules/insight/consent.hpp"
#include "edurules/insight/model.hpp"
#include "edurules/insight/report.hpp"

namespace insight_test {
using namespace edurules;
using namespace edurules::insight;
using boost::gregorian::date;

inline date D(int y, int m, int d) {
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

inline const engine& builtin_engine() {
    static const engine e;
    return e;
}

inline contact person(std::string id, role r) {
    contact c;
    c.id = std::move(id);
    c.name = "Name of " + c.id;
    c.role = r;
    return c;
}

/// Org A: A-ADMIN (administrator), A-SECOND (second contact), A-X and A-Y
/// (plain contacts), A-DEPT (a department, plain contact). Org B: B-ADMIN,
/// B-X. Org C: C-ADMIN, C-SECOND (no participant consents to C).
inline directory two_orgs() {
    directory d;
    organisation a{"ORG-A", "Alpha Uitzend", {}};
    a.contacts = {person("A-ADMIN", role::administrator), person("A-SECOND", role::second_contact),
                  person("A-X", role::contact), person("A-Y", role::contact), person("A-DEPT", role::contact)};
    a.contacts.back().kind = contact_kind::department;
    organisation b{"ORG-B", "Beta Backoffice", {}};
    b.contacts = {person("B-ADMIN", role::administrator), person("B-X", role::contact)};
    organisation c{"ORG-C", "Gamma Detachering", {}};
    c.contacts = {person("C-ADMIN", role::administrator), person("C-SECOND", role::second_contact)};
    d.organisations = {a, b, c};
    return d;
}

inline consent grant(std::string id, std::string seu, std::string to, date from,
                     std::optional<date> until = std::nullopt, std::optional<date> revoked = std::nullopt) {
    return consent{std::move(id), std::move(seu), std::move(to), from, until, revoked};
}

}  // namespace insight_test
