// Collective registration: an employer registers a group of at least 10
// employees at once; each must hold the SEU diploma and gets a 2-year period
// from the registration date.
// Source: SEU Stappenplan (seed 001), "7. Collectieve registratie: Registreer
// groepen vanaf 10 werknemers in een keer"; "Deelnemers zijn vanaf aanmelding
// gedurende 2 jaar geregistreerd. Dit geldt zowel voor individuele als
// collectieve registraties". docs/rules.md 1 (P).
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "edurules/pe/booking.hpp"

namespace edurules::pe {

enum class member_reason : std::uint8_t {
    accepted = 0,
    unknown_seu_number = 1,
    no_diploma = 2,          ///< no diploma, or the diploma is dated after the registration date
    already_registered = 3,  ///< already in a registration period on that date
    duplicate = 4,           ///< named twice in the request
    group_too_small = 5,     ///< eligible, but the group has too few eligible members
};
inline const char* to_string(member_reason r) {
    switch (r) {
        case member_reason::accepted:
            return "accepted";
        case member_reason::unknown_seu_number:
            return "unknown_seu_number";
        case member_reason::no_diploma:
            return "no_diploma";
        case member_reason::already_registered:
            return "already_registered";
        case member_reason::duplicate:
            return "duplicate";
        case member_reason::group_too_small:
            return "group_too_small";
    }
    return "?";
}

struct collective_member {
    std::string seu_number;
    member_reason reason = member_reason::accepted;
    std::string message;
    std::optional<period> first_period;  ///< accepted: the 2-year period from the registration date
};

struct collective_result {
    bool accepted = false;
    std::int64_t eligible = 0;
    std::int64_t min_group = 0;
    std::vector<collective_member> members;  ///< one per requested SEU number, in request order
    explanation why;
};

/// Decides a collective registration on `on`. Members who cannot be
/// registered are refused with their reason; the group as a whole is accepted
/// when at least pe.collective.min_group_size members are eligible (choice:
/// an ineligible member does not sink the others; documented in README).
inline collective_result collective_registration(const rules& r, const dossier_index& idx, const ledger& booked,
                                                 date on, std::span<const std::string> seu_numbers,
                                                 bool explain = true) {
    collective_result out;
    out.why = explanation(explain);
    const auto min = read<std::int64_t>(*r.collective_min_group, on);
    const auto months = read<std::int64_t>(*r.period_months, on);
    const month_overflow policy = r.overflow.at(on).value;
    out.min_group = min.value;
    std::unordered_set<std::string> seen;
    for (const auto& seu : seu_numbers) {
        collective_member m;
        m.seu_number = seu;
        const participant* p = idx.find_participant(seu);
        if (!seen.insert(seu).second) {
            m.reason = member_reason::duplicate;
            m.message = seu + " is named more than once";
        } else if (!p) {
            m.reason = member_reason::unknown_seu_number;
            m.message = "unknown SEU number \"" + seu + "\"";
        } else if (!p->diploma_date || on < *p->diploma_date) {
            m.reason = member_reason::no_diploma;
            m.message = seu + " holds no SEU diploma on " + to_iso(on);
        } else {
            explanation none(recording::nothing);
            const registration g = registration_at(r, registration_facts::of(*p), booked.booked_span_for(*p), on, none);
            if (g.state == reg_state::registered) {
                m.reason = member_reason::already_registered;
                m.message = seu + " is already registered until " + to_iso(g.current->last);
            } else {
                ++out.eligible;
                m.first_period = period::of_months(on, static_cast<int>(months.value), policy);
            }
        }
        out.members.push_back(std::move(m));
    }
    out.accepted = out.eligible >= min.value;
    for (auto& m : out.members) {
        if (m.reason != member_reason::accepted) continue;
        if (out.accepted) {
            m.message = m.seu_number + " registered from " + to_iso(m.first_period->first) + " to " +
                        to_iso(m.first_period->last);
        } else {
            m.reason = member_reason::group_too_small;
            m.message = m.seu_number + " is eligible, but the group is too small for a collective registration";
            m.first_period.reset();
        }
    }
    out.why.add("pe.collective.group_size",
                [&] {
                    return std::to_string(out.eligible) + " eligible member(s), at least " + std::to_string(min.value) +
                           " needed: the collective registration is " + (out.accepted ? "accepted" : "refused");
                },
                {min.use, months.use});
    return out;
}

}  // namespace edurules::pe
