// Employer insight, the reports: the overview of an organisation's consenting
// participants (for the administrator and the second contact) and the
// individual dossier (completed activities, filterable by period) a contact
// may open. Every number comes from the PE engine (pe::evaluate_dossier);
// nothing here recomputes a PE rule.
// Source: seed 002 (Instructie 'inzicht PE-voortgang medewerkers'):
// - "De rapportage geeft onder meer van alle medewerkers inzicht in de
//   PE-periode, het behaalde aantal PE-punten en of de professional al een
//   dossier heeft ingediend om de PE-registratie te verlengen" -> overview
//   columns period start and end, points earned in the period, renewal dossier
//   submitted; docs/rules.md 1 adds status, points still needed and days left;
// - "Onder 'overzicht PE-activiteiten' is inzichtelijk welke leeractiviteiten
//   de PE-medewerker heeft afgerond" -> the individual dossier lists the booked
//   completions (activity, title, date, points); docs/rules.md 1: filterable by
//   period;
// - "Alleen voor beheerders (1e en 2e contactpersoon) is de rapportage
//   beschikbaar" -> see access.hpp.
// Choices where the seed is silent:
// - A consent opens the whole dossier, also activities completed before the
//   consent was given; the period filter is the viewer's, on completion dates.
// - "Completed" means booked (pe/booking.hpp): completions the register
//   refused are not in a dossier.
// - Consents naming an SEU number that is not in the PE dossier give no row.
// - "Renewal dossier submitted" is the PE engine's renewal_requested: a
//   renewal request counted for the current (or last) period by the date.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "edurules/insight/access.hpp"
#include "edurules/pe/dossier.hpp"

namespace edurules::insight {

/// One participant's PE progress, as the PE engine decided it.
struct progress_row {
    const pe::participant* who = nullptr;
    pe::status st;           ///< period, points earned/required/short, days left, renewal requested, state
    access_decision access;  ///< why this row may be shown
};

struct overview_report {
    date on;
    access_decision access;             ///< may the asking contact produce it (role rule)
    const organisation* org = nullptr;  ///< the asking contact's organisation (nullptr if unknown)
    std::vector<progress_row> rows;     ///< allowed only: the participants in the overview, dossier order
    std::vector<access_decision>
        entries;  ///< allowed only: each participant with a consent to the organisation, in or left out

    /// Audit records: the role decision, then every entry decision.
    std::vector<audit_record> audit() const {
        std::vector<audit_record> out{audit_of(access)};
        for (const auto& e : entries) out.push_back(audit_of(e));
        return out;
    }
};

/// A completed (booked) activity in an individual dossier.
struct activity_line {
    date completed;
    const pe::activity* act = nullptr;
    pe::points pts;
    const pe::recognition* rec = nullptr;
    std::size_t completion_index = 0;  ///< in the PE dossier's completions
};

struct dossier_view {
    access_decision access;
    const pe::participant* who = nullptr;   ///< allowed only
    std::optional<pe::status> st;           ///< allowed only
    std::optional<date> from, to;           ///< the period filter (inclusive), as asked
    std::vector<activity_line> activities;  ///< allowed only: booked completions in the filter, by date
    pe::points total;                       ///< sum of `activities`
};

/// Builds the reports of one date over one PE dossier and one directory. The
/// PE evaluation runs once, at construction; the reports only select from it.
/// Access decisions always carry their explanation (they are short and every
/// "no" needs its reason); `explain` governs the PE statuses' explanations.
/// Keeps references to both indexes (and their data): they must outlive it
/// and every report it returns. Const and thread-safe after construction.
class report_builder {
public:
    report_builder(const pe::rules& r, const pe::dossier_index& pe_idx, const directory_index& dir, date on,
                   bool explain = true)
        : pe_(&pe_idx), dir_(&dir), on_(on), report_(pe::evaluate_dossier(r, pe_idx, on, explain)) {
        for (std::size_t i = 0; i < report_.participants.size(); ++i)
            row_of_.emplace(report_.participants[i].who->seu_number, i);
    }

    date on() const noexcept { return on_; }
    const pe::dossier_report& pe_report() const noexcept { return report_; }

    /// The overview for `contact_id`'s organisation, if the contact may see
    /// it; otherwise the denial and no rows.
    overview_report overview(std::string_view contact_id) const {
        overview_report out;
        out.on = on_;
        out.access = may_see_overview(*dir_, contact_id, on_);
        out.org = dir_->find_contact(contact_id).org;
        if (!out.access.allowed) return out;
        for (const auto& pr : report_.participants) {
            bool any = false;
            for (const consent* c : dir_->consents_of(pr.who->seu_number))
                any = any || dir_->organisation_of(*c) == out.org;
            if (!any) continue;  // never consented to this organisation: not even named
            access_decision e = in_overview(*dir_, *out.org, contact_id, pr.who->seu_number, on_);
            if (e.allowed) out.rows.push_back(progress_row{pr.who, pr.st, e});
            out.entries.push_back(std::move(e));
        }
        return out;
    }

    /// `seu_number`'s individual dossier for `contact_id`, if a consent to
    /// that contact is in force; activities completed within [from, to]
    /// (either end open) and booked by the date.
    dossier_view dossier(std::string_view contact_id, std::string_view seu_number,
                         std::optional<date> from = std::nullopt, std::optional<date> to = std::nullopt) const {
        dossier_view v;
        v.from = from;
        v.to = to;
        v.access = may_see_dossier(*dir_, contact_id, seu_number, on_);
        if (!v.access.allowed) return v;
        auto it = row_of_.find(std::string(seu_number));
        if (it == row_of_.end()) {
            v.access.allowed = false;
            v.access.reason = access_reason::unknown_participant;
            v.access.message = "denied: " + std::string(seu_number) + " is not in the PE dossier";
            v.access.why.note("insight.participant.unknown", v.access.message);
            return v;
        }
        const pe::participant_report& pr = report_.participants[it->second];
        v.who = pr.who;
        v.st = pr.st;
        const auto& cs = pe_->data().completions;
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const pe::booking& b = report_.completions[i];
            if (!b.booked() || cs[i].seu_number != seu_number) continue;
            if (from && cs[i].completed < *from) continue;
            if (to && *to < cs[i].completed) continue;
            v.activities.push_back(
                activity_line{cs[i].completed, pe_->find_activity(cs[i].activity_id), b.pts, b.rec, i});
            v.total += b.pts;
        }
        std::stable_sort(v.activities.begin(), v.activities.end(),
                         [](const activity_line& x, const activity_line& y) { return x.completed < y.completed; });
        return v;
    }

    /// Every participant (in dossier order) who ever gave `contact_id` a
    /// consent, each decided on the date: the "professionals" a contact sees.
    std::vector<dossier_view> dossiers(std::string_view contact_id, std::optional<date> from = std::nullopt,
                                       std::optional<date> to = std::nullopt) const {
        std::vector<dossier_view> out;
        for (const auto& pr : report_.participants) {
            bool any = false;
            for (const consent* c : dir_->consents_of(pr.who->seu_number)) any = any || c->contact_id == contact_id;
            if (any) out.push_back(dossier(contact_id, pr.who->seu_number, from, to));
        }
        return out;
    }

private:
    const pe::dossier_index* pe_;
    const directory_index* dir_;
    date on_;
    pe::dossier_report report_;
    std::unordered_map<std::string, std::size_t> row_of_;
};

}  // namespace edurules::insight
