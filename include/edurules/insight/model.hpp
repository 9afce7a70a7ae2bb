// Employer insight, the data: organisations, their contacts and roles, and
// participants' consents to a contact; an index that checks them once.
// Source: SEU "Instructie 'inzicht PE-voortgang medewerkers' - voor werkgevers"
// (seed 002), docs/rules.md 1 "Employer insight and consent":
// - "De persoon die het account aanmaakt krijgt de rol van beheerder van de
//   organisatie" -> role::administrator, exactly one per organisation.
// - "Alleen de beheerder en de 2e contactpersoon (indien aangemaakt)" ->
//   role::second_contact, at most one per organisation ("indien aangemaakt").
// - "Extra accounts voor contactpersonen of afdelingen (o.b.v. algemene
//   mailadressen)" -> role::contact, a person or a department (contact_kind);
//   the kind is informative only: a department may hold any role ("HR en/of
//   L&D (met algemene mailadressen) als beheerder").
// - "selecteer onder 'Werkgever/Organisatie' de werkgever en vervolgens de
//   contactpersoon/afdeling die je inzicht wilt geven" -> a consent names one
//   contact (and through it one organisation).
// - "Om tijdelijk inzicht te geven ... vul je een datum in het veld
//   'geautoriseerd tot' in. Vul je geen datum in? Dan krijgt de contactpersoon
//   onbeperkt inzage" -> consent::until, inclusive; nullopt = permanent.
// - "Intrekken van jouw toestemming kan altijd", "Intrekken van toestemming
//   kent geen terugwerkende kracht" -> consent::revoked: not valid on that day
//   and after, still valid on every day before it.
// Choices where the seed is silent (documented here and in the README):
// - consent::from is the day the consent was saved; it is valid from that day
//   on. A revocation before that day is refused as impossible input; revoked
//   on the same day means the consent never took effect.
// - Contact ids are unique across all organisations, so a contact id alone
//   names who is asking.
// - A participant may hold several consents to the same contact (e.g. one
//   expired and a new one); any one valid on a date is enough.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/error.hpp"

namespace edurules::insight {

/// A contact's role in its organisation (seed 002: beheerder, 2e
/// contactpersoon, contactpersonen of afdelingen).
enum class role : std::uint8_t { administrator = 0, second_contact = 1, contact = 2 };

inline const char* to_string(role r) {
    switch (r) {
        case role::administrator:
            return "administrator";
        case role::second_contact:
            return "second_contact";
        case role::contact:
            return "contact";
    }
    return "?";
}
inline std::optional<role> parse_role(std::string_view s) {
    if (s == "administrator") return role::administrator;
    if (s == "second_contact") return role::second_contact;
    if (s == "contact") return role::contact;
    return std::nullopt;
}

/// A person or a department (an account on a general mail address).
enum class contact_kind : std::uint8_t { person = 0, department = 1 };

inline const char* to_string(contact_kind k) { return k == contact_kind::person ? "person" : "department"; }
inline std::optional<contact_kind> parse_contact_kind(std::string_view s) {
    if (s == "person") return contact_kind::person;
    if (s == "department") return contact_kind::department;
    return std::nullopt;
}

struct contact {
    std::string id;  ///< unique across all organisations
    std::string name;
    insight::role role = role::contact;
    contact_kind kind = contact_kind::person;
    std::string email;
};

struct organisation {
    std::string id;
    std::string name;
    std::vector<contact> contacts;
};

/// A participant's consent to one contact: "inzage in het PE-dossier".
struct consent {
    std::string id;               ///< for citing in decisions and audit records
    std::string seu_number;       ///< the participant who gave it
    std::string contact_id;       ///< the contact (person or department) it was given to
    date from;                    ///< saved on this day; valid from this day on
    std::optional<date> until;    ///< "geautoriseerd tot": valid up to and including this day; nullopt = permanent
    std::optional<date> revoked;  ///< withdrawn on this day: not valid on it or after, never retroactive
};

/// Everything the insight rules need besides the PE dossier.
struct directory {
    std::vector<organisation> organisations;
    std::vector<consent> consents;
};

/// Where a contact sits.
struct contact_ref {
    const organisation* org = nullptr;
    const insight::contact* who = nullptr;
};

/// Lookups over a directory, built once; refuses duplicate ids, an
/// organisation without exactly one administrator or with more than one
/// second contact, consents naming an unknown contact, and impossible consent
/// dates, with an error naming the record and field.
class directory_index {
public:
    explicit directory_index(const directory& d) : d_(&d) {
        std::unordered_map<std::string, bool> org_ids;
        for (std::size_t i = 0; i < d.organisations.size(); ++i) {
            const organisation& o = d.organisations[i];
            const std::string at = "organisations[" + std::to_string(i) + "]";
            if (o.id.empty())
                throw error(errc::invalid_input, at + ".id", "must not be empty", static_cast<std::int64_t>(i));
            if (!org_ids.emplace(o.id, true).second)
                throw error(errc::invalid_input, at + ".id", "duplicate organisation id \"" + o.id + "\"",
                            static_cast<std::int64_t>(i));
            int admins = 0, seconds = 0;
            for (std::size_t k = 0; k < o.contacts.size(); ++k) {
                const contact& c = o.contacts[k];
                const std::string cat = at + ".contacts[" + std::to_string(k) + "]";
                if (c.id.empty())
                    throw error(errc::invalid_input, cat + ".id", "must not be empty", static_cast<std::int64_t>(i));
                if (!by_contact_.emplace(c.id, contact_ref{&o, &c}).second)
                    throw error(errc::invalid_input, cat + ".id",
                                "duplicate contact id \"" + c.id + "\" (contact ids are unique across organisations)",
                                static_cast<std::int64_t>(i));
                if (c.role == role::administrator) ++admins;
                if (c.role == role::second_contact) ++seconds;
                if (seconds > 1)
                    throw error(errc::invalid_input, cat + ".role",
                                "organisation \"" + o.id +
                                    "\" already has a second contact (seed 002: \"de 2e contactpersoon\")",
                                static_cast<std::int64_t>(i));
            }
            if (admins != 1)
                throw error(errc::invalid_input, at + ".contacts",
                            "organisation \"" + o.id + "\" needs exactly one administrator, has " +
                                std::to_string(admins) +
                                " (seed 002: the person who creates the account becomes its beheerder)",
                            static_cast<std::int64_t>(i));
        }
        std::unordered_map<std::string, bool> consent_ids;
        for (std::size_t i = 0; i < d.consents.size(); ++i) {
            const consent& c = d.consents[i];
            const std::string at = "consents[" + std::to_string(i) + "]";
            const auto rec = static_cast<std::int64_t>(i);
            if (c.id.empty()) throw error(errc::invalid_input, at + ".id", "must not be empty", rec);
            if (!consent_ids.emplace(c.id, true).second)
                throw error(errc::invalid_input, at + ".id", "duplicate consent id \"" + c.id + "\"", rec);
            if (c.seu_number.empty()) throw error(errc::invalid_input, at + ".seu_number", "must not be empty", rec);
            if (!by_contact_.count(c.contact_id))
                throw error(errc::invalid_input, at + ".contact", "unknown contact \"" + c.contact_id + "\"", rec);
            if (c.until && *c.until < c.from)
                throw error(
                    errc::invalid_input, at + ".until",
                    "authorised until " + to_iso(*c.until) + " is before the consent was given on " + to_iso(c.from),
                    rec);
            if (c.revoked && *c.revoked < c.from)
                throw error(errc::invalid_input, at + ".revoked",
                            "revoked on " + to_iso(*c.revoked) + ", before the consent was given on " + to_iso(c.from),
                            rec);
            by_participant_[c.seu_number].push_back(i);
        }
    }

    const directory& data() const noexcept { return *d_; }

    /// The contact with this id and its organisation; {nullptr, nullptr} if unknown.
    contact_ref find_contact(std::string_view id) const {
        auto it = by_contact_.find(std::string(id));
        return it == by_contact_.end() ? contact_ref{} : it->second;
    }
    const organisation* find_organisation(std::string_view id) const {
        for (const auto& o : d_->organisations)
            if (o.id == id) return &o;
        return nullptr;
    }
    /// Consents a participant gave (to any contact), in document order.
    std::vector<const consent*> consents_of(std::string_view seu_number) const {
        std::vector<const consent*> out;
        auto it = by_participant_.find(std::string(seu_number));
        if (it == by_participant_.end()) return out;
        for (auto i : it->second) out.push_back(&d_->consents[i]);
        return out;
    }
    /// The organisation a consent reaches (through its contact).
    const organisation* organisation_of(const consent& c) const { return find_contact(c.contact_id).org; }

private:
    const directory* d_;
    std::unordered_map<std::string, contact_ref> by_contact_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_participant_;
};

}  // namespace edurules::insight
