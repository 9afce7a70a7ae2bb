// PE status of a participant on a date: period, points counted, points short,
// days left, renewal possible, lapsed, title; and the reminders due.
// Sources: SEU Stappenplan (seed 001): 12 points in 2 years, renewal, title
// "Register-Uitzendprofessional / Register-Backofficeprofessional"; SEU FAQ
// (seed 000): "Gedurende de registratieperiode wordt de deelnemer meermaals
// geinformeerd over de voortgang" (reminder moments are a P parameter).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "edurules/pe/registration.hpp"

namespace edurules::pe {

/// A reminder moment in the current period.
struct reminder {
    std::int64_t months_before = 0;  ///< months before the end of the period
    date on;                         ///< the day it is due
    points short_by;                 ///< points short on that day (0: no reminder is sent)
    bool sent = false;               ///< on <= the evaluation date and points were short then
    bool due_today = false;          ///< on == the evaluation date and points are short
};

/// What the status rules decide on a date besides the title, the reminders
/// and the explanation: the registration and the progress in its period.
/// status holds these and adds the rest; the columnar batch (batch.hpp)
/// writes only these, decided by the same function (status_core_into).
struct status_core {
    /// Provided, so that GCC sets the members one by one: when it can fold
    /// the default constructor to all zeros, it clears the whole struct
    /// with a `rep stos` (its generic tuning for 33 to 8192 bytes), whose
    /// start-up cost made the batch 15% slower per row (measured).
    status_core() noexcept {}
    registration reg;
    points short_by;  ///< max(0, required - earned) in the current period
    std::optional<std::int64_t>
        days_left;                  ///< registered: days from the date to the period's last day (0 on the last day)
    bool renewal_possible = false;  ///< enough points to renew at (or, within the grace days, after) the end
    /// Registered, short of points and no dispensation granted for the period
    /// (art. 10.1): it lapses at the end unless the points are earned.
    bool will_lapse = false;
    /// The first day without registration when the period ends short of points:
    /// will_lapse: the day it will lapse; lapsed: the day it lapsed (the lapse
    /// rule in registration_at decides it, registration::ended_on). Otherwise none.
    std::optional<date> lapses_on;
};

struct status : status_core {
    std::optional<std::string> title;  ///< the title the participant may use on the date
    param_use title_use;
    std::vector<reminder> reminders;  ///< schedule of the current period (registered only)
    explanation why;
};

/// A short human label of a status, as the reports show it.
inline std::string label(const status& s) {
    switch (s.reg.state) {
        case reg_state::registered:
            return s.renewal_possible ? "registered, may renew" : "registered, points short";
        case reg_state::lapsed:
            return s.reg.dispensation_pending ? "lapsed, dispensation pending" : "lapsed";
        case reg_state::ended:
            return s.renewal_possible ? "period ended, may renew" : "ended, not renewed";
        case reg_state::not_registered:
            return std::string("not registered (") + to_string(s.reg.reason) + ")";
    }
    return "?";
}

namespace texts {
/// (renewal_possible, last, short_by, days_left, granted_on, granted, pending)
inline void progress(std::string& o, const trace_args& a) {
    const date last = a.day(1);
    if (a.flag(0)) {
        o += "enough points: the registration may be renewed at the end of the period on " + to_iso(last);
        return;
    }
    o += pts(a, 2) + " points short with " + std::to_string(a.integer(3)) + " days left: ";
    if (a.flag(5)) {
        o += "the dispensation granted on " + to_iso(a.day(4)) +
             " (registration regulation art. 10.1) keeps the registration after " + to_iso(last);
        return;
    }
    o += "the registration lapses on " + to_iso(next_day(last)) + " unless the points are earned";
    if (a.flag(6)) o += " or the pending dispensation (registration regulation art. 10.1) is granted";
}
/// (title)
inline void title(std::string& o, const trace_args& a) {
    o += "while registered the participant may use the title ";
    o += a.text(0);
}
/// (months_before, short_by)
inline void reminder_due(std::string& o, const trace_args& a) {
    o += "reminder due today, " + std::to_string(a.integer(0)) + " months before the end: " + pts(a, 1) +
         " points short";
}
}  // namespace texts

/// The status on `d` without its title, reminders and explanation, decided
/// into `s` (a default status_core), recording into `why`: status_at's own
/// first step, and all a batch row needs (batch.hpp), so that both run this
/// one rule.
template <class Facts, class Booked>
void status_core_into(const rules& r, const Facts& f, const Booked& booked, date d, explanation& why, status_core& s) {
    detail::registration_into(r, f, booked, d, d, why, s.reg);
    const registration& g = s.reg;
    if (g.current && g.earned < g.required) s.short_by = g.required - g.earned;
    if (g.state == reg_state::registered) {
        const period& p = *g.current;
        s.days_left = (p.last - d).days();
        s.renewal_possible = g.earned >= g.required;
        // Art. 10.1 (seed 000): a dispensation granted for this period keeps
        // the registration at its end (registration_at decided it), so no lapse
        // is announced; a pending one leaves the lapse announced, depending on it.
        s.will_lapse = !s.renewal_possible && !g.dispensation_granted_on;
        if (s.will_lapse) s.lapses_on = next_day(p.last);
        why.record("pe.status.progress", texts::progress, {g.required_use}, s.renewal_possible, p.last,
                   s.short_by.hundredths, *s.days_left, g.dispensation_granted_on.value_or(p.last),
                   g.dispensation_granted_on.has_value(), g.dispensation_pending);
    } else if (g.state == reg_state::lapsed) {
        // Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12
        // punten in 2 jaar behaalt": the lapse rule dated it (registration_at).
        if (g.ended_on) s.lapses_on = *g.ended_on;
    } else if (g.state == reg_state::ended) {
        // pe.renewal.grace_days of the period, as registration_at read it
        const std::int64_t grace = r.terms_at(g.current->first).grace_days;
        s.renewal_possible = d <= g.current->last + day_count(grace);
    }
}

namespace detail {
/// status_at's rules, deciding into `s` (a default status whose explanation
/// is reset): status_core_into, then the title and the reminders of a
/// registered participant; `title` lends its room to the title.
template <class Facts, class Booked>
void decide_status(const rules& r, const Facts& f, std::optional<track> trk, const Booked& booked, date d,
                   bool with_reminders, std::string& title, status& s) {
    status_core_into(r, f, booked, d, s.why, s);
    const registration& g = s.reg;
    if (g.state != reg_state::registered) return;
    const period& p = *g.current;
    if (trk) {
        const std::string& t = ref<std::string>(
            *trk == track::uitzendprofessional ? *r.title_uitzend : *r.title_backoffice, d, s.title_use);
        title.assign(t);
        s.title = std::move(title);
        s.why.record("pe.status.title", texts::title, {s.title_use}, copied{t});
    }
    if (!with_reminders) return;
    param_use months_use;
    const auto& months = ref<std::vector<std::int64_t>>(*r.reminder_months, p.first, months_use);
    s.reminders.reserve(months.size());  // one block, not one per doubling
    for (const std::int64_t m : months) {
        reminder rem;
        rem.months_before = m;
        rem.on = add_months(p.last, -static_cast<int>(m), month_overflow::clamp);
        if (rem.on < p.first) continue;
        const points at = detail::points_in(booked, p, rem.on);
        if (at < g.required) rem.short_by = g.required - at;
        rem.sent = rem.on <= d && rem.short_by.hundredths > 0;
        rem.due_today = rem.on == d && rem.short_by.hundredths > 0;
        s.reminders.push_back(rem);
    }
    for (const auto& rem : s.reminders)
        if (rem.due_today)
            s.why.record("pe.reminders", texts::reminder_due, {months_use}, rem.months_before, rem.short_by.hundredths);
}
}  // namespace detail

/// The status on `d`, from the registration facts and the points that count.
/// `trk` is the diploma track (for the title), if known.
template <class Facts, class Booked>
status status_at(const rules& r, const Facts& f, std::optional<track> trk, const Booked& booked, date d,
                 recording explain = true, bool with_reminders = true) {
    status s;
    s.why.reset(explain);
    std::string title;
    detail::decide_status(r, f, trk, booked, d, with_reminders, title, s);
    return s;
}

/// status_at deciding into `s`: every field is set anew, and the room of its
/// explanation, reminders and title is kept, so a caller deciding many
/// participants into one status stops allocating once it is warm (the
/// explanation is then a preallocated trace).
template <class Facts, class Booked>
void status_into(const rules& r, const Facts& f, std::optional<track> trk, const Booked& booked, date d,
                 recording explain, bool with_reminders, status& s) {
    // every member of `status` set as a default status has it (the test
    // PeStatus.IntoAReusedStatusEqualsAFreshOne holds each member to that)
    thread_local std::string spare;  // a title's room while the status holds none
    std::string title = s.title ? std::move(*s.title) : std::move(spare);
    s.title.reset();
    static_cast<status_core&>(s) = status_core{};
    s.title_use = param_use{};
    s.reminders.clear();
    s.why.reset(explain);
    detail::decide_status(r, f, trk, booked, d, with_reminders, title, s);
    if (!s.title) spare = std::move(title);
}

}  // namespace edurules::pe
