// Employer insight, what needs attention: each overview row's category (on
// track, points short, may renew without a renewal dossier, lapsed, not
// registered), the facts behind it as notes a report words in its own
// language, and the order of urgency the employer's report shows. Every fact
// comes from the PE status (pe::status_at) and the rulebook's renewal terms;
// nothing here recomputes a PE rule, it only reads and ranks.
// Sources: seed 002 (Instructie 'inzicht PE-voortgang medewerkers': the
// overview shows "of de professional al een dossier heeft ingediend om de
// PE-registratie te verlengen"); seed 001 (Stappenplan: renewal with the
// required points, "De PE-registratie vervalt" otherwise); docs/rules.md 1.
//
// Urgency (documented choice, the seeds are silent on order):
//   1. lapsed: the registration is already lost (dispensation pending or not);
//   2. must act before a deadline: points short while registered, or enough
//      points but no renewal dossier where the rulebook requires one
//      (pe.renewal.requires_request), while registered or within the renewal
//      grace days (pe.renewal.grace_days) after the period;
//   3. on track: enough points and nothing to submit;
//   4. not registered (no diploma, not activated, before the start, or a
//      period that ended without renewal past its grace days).
// Within a rank: fewer days to the deadline first (none last), then more
// points short first, then dossier order (a stable sort).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "edurules/insight/report.hpp"
#include "edurules/pe/rules.hpp"

namespace edurules::insight {

/// The summary categories of the overview, in the order a report counts them.
enum class attention : std::uint8_t {
    on_track = 0,               ///< enough points, and a renewal dossier submitted (or none required)
    points_short = 1,           ///< registered with fewer points than required
    renew_without_dossier = 2,  ///< may renew (enough points) but no renewal dossier yet
    lapsed = 3,                 ///< the registration lapsed (too few points at the end)
    not_registered = 4,         ///< no registration in force and none to renew
};
inline constexpr std::size_t attention_count = 5;

inline const char* to_string(attention a) {
    switch (a) {
        case attention::on_track:
            return "on_track";
        case attention::points_short:
            return "points_short";
        case attention::renew_without_dossier:
            return "renew_without_dossier";
        case attention::lapsed:
            return "lapsed";
        case attention::not_registered:
            return "not_registered";
    }
    return "?";
}

/// One fact behind a row's category, for a report to word (no text here).
enum class note_kind : std::uint8_t {
    days_left = 0,                  ///< `days`: days left in the registration period (0: its last day)
    renew_days_left = 1,            ///< `days`: days left to renew, after the period (grace days)
    points_short = 2,               ///< `pts`: points still needed in the period
    may_renew = 3,                  ///< enough points to renew
    no_renewal_dossier = 4,         ///< a renewal dossier is required and none counts yet
    renewal_dossier_submitted = 5,  ///< a renewal dossier counts for the period
    lapsed_on = 6,                  ///< `on`: first day without registration
    dispensation_pending = 7,       ///< a dispensation request is not decided yet (lapsed, or points short)
    ended_not_renewed = 8,          ///< `on`: the period ended with enough points, not renewed in time
    no_diploma = 9,                 ///< not registered: no SEU diploma
    not_activated = 10,             ///< not registered: diploma before the automatic registration, PE not activated
    before_start = 11,              ///< not registered: the registration starts later
    dispensation_granted = 12,      ///< `on`: points short, but a dispensation granted then keeps the registration
};

struct note {
    note_kind kind = note_kind::days_left;
    std::int64_t days = 0;
    pe::points pts;
    std::optional<date> on;
};

/// A row's category, rank and facts.
struct row_attention {
    attention level = attention::not_registered;
    int rank = 0;                               ///< urgency rank, 1 = most urgent (see the header comment)
    std::optional<std::int64_t> deadline_days;  ///< days left to act (period end, or end of the grace days)
    pe::points short_by;
    std::vector<note> notes;  ///< in reading order
};

/// The category and facts of one participant's status on `on`.
inline row_attention attention_of(const pe::rules& r, const pe::status& s, date on) {
    const pe::registration& g = s.reg;
    row_attention a;
    a.short_by = s.short_by;
    auto add = [&](note_kind k, std::int64_t days = 0, pe::points p = {}, std::optional<date> d = std::nullopt) {
        a.notes.push_back(note{k, days, p, d});
    };
    const bool needs_dossier = g.current && r.terms_at(g.current->first).requires_request;
    switch (g.state) {
        case pe::reg_state::registered:
            a.deadline_days = s.days_left;
            if (s.days_left) add(note_kind::days_left, *s.days_left);
            if (!s.renewal_possible) {
                // points short; a dispensation granted for the period keeps the registration (the status
                // announces no lapse): nothing to act on; one still undecided is named
                a.level = g.dispensation_granted_on ? attention::on_track : attention::points_short;
                add(note_kind::points_short, 0, s.short_by);
                if (g.dispensation_granted_on) add(note_kind::dispensation_granted, 0, {}, g.dispensation_granted_on);
                if (g.dispensation_pending) add(note_kind::dispensation_pending);
            } else {
                add(note_kind::may_renew);
                const bool missing = needs_dossier && !g.renewal_requested;
                a.level = missing ? attention::renew_without_dossier : attention::on_track;
                if (missing) add(note_kind::no_renewal_dossier);
            }
            if (g.renewal_requested) add(note_kind::renewal_dossier_submitted);
            break;
        case pe::reg_state::ended:
            if (s.renewal_possible) {  // within the grace days: status_at decided it
                const auto grace = read<std::int64_t>(*r.renewal_grace_days, g.current->first);
                a.deadline_days = (g.current->last + day_count(grace.value) - on).days();
                a.level = needs_dossier ? attention::renew_without_dossier : attention::on_track;
                add(note_kind::renew_days_left, *a.deadline_days);
                add(note_kind::may_renew);
                if (needs_dossier) add(note_kind::no_renewal_dossier);
            } else {
                a.level = attention::not_registered;
                add(note_kind::ended_not_renewed, 0, {}, g.ended_on);
            }
            break;
        case pe::reg_state::lapsed:
            a.level = attention::lapsed;
            add(note_kind::lapsed_on, 0, {}, g.ended_on);
            if (s.short_by.hundredths > 0) add(note_kind::points_short, 0, s.short_by);
            if (g.dispensation_pending) add(note_kind::dispensation_pending);
            break;
        case pe::reg_state::not_registered:
            a.level = attention::not_registered;
            if (g.reason == pe::not_registered_reason::no_diploma) add(note_kind::no_diploma);
            if (g.reason == pe::not_registered_reason::not_activated) add(note_kind::not_activated);
            if (g.reason == pe::not_registered_reason::before_start) add(note_kind::before_start);
            break;
    }
    switch (a.level) {
        case attention::lapsed:
            a.rank = 1;
            break;
        case attention::points_short:
        case attention::renew_without_dossier:
            a.rank = 2;
            break;
        case attention::on_track:
            a.rank = 3;
            break;
        case attention::not_registered:
            a.rank = 4;
            break;
    }
    return a;
}

/// True when `x` is more urgent than `y` (see the header comment).
inline bool more_urgent(const row_attention& x, const row_attention& y) {
    if (x.rank != y.rank) return x.rank < y.rank;
    if (x.deadline_days.has_value() != y.deadline_days.has_value()) return x.deadline_days.has_value();
    if (x.deadline_days && *x.deadline_days != *y.deadline_days) return *x.deadline_days < *y.deadline_days;
    return y.short_by < x.short_by;
}

/// The overview rows ranked: each row with its attention, most urgent first,
/// and the count per category.
struct ranked_rows {
    struct entry {
        const progress_row* row = nullptr;  ///< points into the rows given to rank_by_urgency
        row_attention att;
    };
    std::vector<entry> rows;
    std::array<std::size_t, attention_count> counts{};

    std::size_t count(attention a) const { return counts[static_cast<std::size_t>(a)]; }
};

/// Ranks `rows` (evaluated on `on` with rules `r`) by urgency. The result
/// points into `rows`, which must outlive it.
inline ranked_rows rank_by_urgency(const pe::rules& r, date on, const std::vector<progress_row>& rows) {
    ranked_rows out;
    out.rows.reserve(rows.size());
    for (const auto& row : rows) {
        out.rows.push_back(ranked_rows::entry{&row, attention_of(r, row.st, on)});
        ++out.counts[static_cast<std::size_t>(out.rows.back().att.level)];
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const ranked_rows::entry& x, const ranked_rows::entry& y) {
        return more_urgent(x.att, y.att);
    });
    return out;
}

}  // namespace edurules::insight
