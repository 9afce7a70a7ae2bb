// Registration periods: automatic registration for diplomas from 2023-01-01,
// activation for older ones, 2-year periods, renewal with 12 points, lapse
// with fewer, dispensation (registration regulation art. 10.1).
// Sources: SEU Stappenplan (seed 001): "Medewerkers die na 1-1-2023 het
// SEU-diploma hebben behaald zijn automatisch voor een periode van 2 jaar
// geregistreerd ... Met een diploma voor 1-1-2023 kan PE geactiveerd worden";
// "PE-registratie is 2 jaar geldig. Bij behalen van de benodigde punten (12),
// kan de deelnemer de registratie voor 2 jaar verlengen". SEU FAQ (seed 000):
// "De PE-registratie vervalt als de medewerker minder dan 12 punten in 2 jaar
// behaalt. Het behaalde SEU-diploma blijft geldig"; dispensation: art. 10.1
// of the registratiereglement. docs/rules.md 1.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "edurules/core/explain.hpp"
#include "edurules/pe/model.hpp"
#include "edurules/pe/recognition.hpp"
#include "edurules/pe/rules.hpp"

namespace edurules::pe {

/// A completion that counts: its date and the points it earned.
struct booked_points {
    date on;
    points pts;
};

/// Read-only access to a participant's booked points, by position. The
/// registration rules are written against this shape so that the single
/// path (a vector of booked_points) and the columnar batch path (arrays of
/// days and points) run the very same code.
struct booked_span {
    std::span<const booked_points> items;
    /// Empty, or the running sums of `items` in date order (size() + 1 of
    /// them, sums[i] = the hundredths of items[0..i), all exact): then
    /// points_in finds a period's points by two binary searches.
    std::span<const std::int64_t> sums = {};
    std::size_t size() const noexcept { return items.size(); }
    /// The completion's day as a day number (Boost's Julian day number).
    std::int64_t day(std::size_t i) const noexcept { return items[i].on.day_number(); }
    points pts(std::size_t i) const noexcept { return items[i].pts; }
};

enum class reg_state : std::uint8_t {
    not_registered = 0,  ///< never registered on that date (see reason)
    registered = 1,      ///< in a registration period
    lapsed = 2,          ///< a period ended with too few points (diploma stays valid)
    ended = 3,           ///< a period ended with enough points but was not renewed
};
inline const char* to_string(reg_state s) {
    switch (s) {
        case reg_state::not_registered:
            return "not_registered";
        case reg_state::registered:
            return "registered";
        case reg_state::lapsed:
            return "lapsed";
        case reg_state::ended:
            return "ended";
    }
    return "?";
}

enum class not_registered_reason : std::uint8_t { none = 0, no_diploma = 1, not_activated = 2, before_start = 3 };
inline const char* to_string(not_registered_reason r) {
    switch (r) {
        case not_registered_reason::none:
            return "none";
        case not_registered_reason::no_diploma:
            return "no_diploma";
        case not_registered_reason::not_activated:
            return "not_activated";
        case not_registered_reason::before_start:
            return "before_start";
    }
    return "?";
}

/// What a participant brings to the registration rules. The rules read facts
/// through this shape only (diploma, activation, and renewal requests and
/// dispensations by position), so that the single path (this struct, over a
/// participant's vectors) and the columnar batch path (batch.hpp,
/// detail::column_facts over arrays of days) run the very same code.
struct registration_facts {
    std::optional<date> diploma;
    std::optional<date> activation;
    std::span<const date> renewal_requests;
    std::span<const dispensation> dispensations;

    static registration_facts of(const participant& p) {
        return {p.diploma_date, p.activation_date, p.renewal_requests, p.dispensations};
    }
    std::size_t renewal_count() const noexcept { return renewal_requests.size(); }
    date renewal_at(std::size_t i) const noexcept { return renewal_requests[i]; }
    std::size_t dispensation_count() const noexcept { return dispensations.size(); }
    dispensation dispensation_at(std::size_t i) const noexcept { return dispensations[i]; }
};

/// Facts the registration rules cannot judge: they contradict each other.
/// Every face refuses them (the JSON codec naming the field, the batches with
/// a row error), through check_facts below.
enum class facts_defect : std::uint8_t {
    none = 0,
    activation_without_diploma = 1,           ///< an activation date but no diploma date
    activation_before_diploma = 2,            ///< activation before the diploma (nothing to activate yet)
    dispensation_decided_before_request = 3,  ///< a decision dated before its request
    dispensation_granted_undecided = 4,       ///< granted, but without a decision date
};
inline const char* to_string(facts_defect d) {
    switch (d) {
        case facts_defect::none:
            return "none";
        case facts_defect::activation_without_diploma:
            return "activation_without_diploma";
        case facts_defect::activation_before_diploma:
            return "activation_before_diploma";
        case facts_defect::dispensation_decided_before_request:
            return "dispensation_decided_before_request";
        case facts_defect::dispensation_granted_undecided:
            return "dispensation_granted_undecided";
    }
    return "?";
}

/// The first contradiction in a participant's facts; `which` (if given)
/// receives the position of the offending dispensation. A dispensation is a
/// decision with a date (docs/rules.md 1, art. 10.1): granted needs that date, and
/// the decision cannot precede the request.
template <class Facts>
facts_defect check_facts(const Facts& f, std::size_t* which = nullptr) {
    if (f.activation && !f.diploma) return facts_defect::activation_without_diploma;
    if (f.activation && *f.activation < *f.diploma) return facts_defect::activation_before_diploma;
    for (std::size_t k = 0, n = f.dispensation_count(); k < n; ++k) {
        const dispensation x = f.dispensation_at(k);
        if (which) *which = k;
        if (x.decided && *x.decided < x.requested) return facts_defect::dispensation_decided_before_request;
        if (x.granted && !x.decided) return facts_defect::dispensation_granted_undecided;
    }
    return facts_defect::none;
}

/// A participant's registration on a date.
struct registration {
    reg_state state = reg_state::not_registered;
    not_registered_reason reason = not_registered_reason::none;
    std::optional<date> first_start;    ///< start of the first period
    std::optional<period> current;      ///< registered: the period holding the date; lapsed/ended: the last one
    int period_number = 0;              ///< 1 for the first period
    points earned;                      ///< points in `current` from completions on or before the date
    points required;                    ///< points the current period requires
    bool renewal_requested = false;     ///< a renewal request counts for `current` (on or before the date)
    bool kept_by_dispensation = false;  ///< `current` exists thanks to a granted dispensation
    /// A dispensation for `current` is requested and not decided yet: lapsed,
    /// or registered with points short (whether it lapses at the end depends on it).
    bool dispensation_pending = false;
    /// Registered with points short: the day a dispensation for `current` was
    /// granted, which keeps the registration at the end of the period (art. 10.1).
    std::optional<date> dispensation_granted_on;
    std::optional<date> ended_on;  ///< lapsed/ended: the first day without registration
    param_use required_use;        ///< the value behind `required`
};

namespace detail {
/// Whether points of `n` values, each of `in_range_of_small`, sum exactly in
/// an int64: |value| < 2^40 for all and fewer than 2^22 of them, so |sum| < 2^62.
inline constexpr std::uint64_t small_points = std::uint64_t{1} << 40;
inline constexpr std::size_t most_small_points = std::size_t{1} << 22;
constexpr bool in_range_of_small(std::int64_t hundredths) {
    return static_cast<std::uint64_t>(hundredths) + small_points < 2 * small_points;
}

/// Points booked within [p.first, min(p.last, until)]. Days are compared as
/// integers: this loop is the heart of every batch evaluation. It runs without
/// a branch per completion (completion days are in no order the loop could
/// predict); when a value is so large that the sum could overflow, the sum is
/// taken again, saturating (columns from callers may hold any int64). Items
/// given with exact running sums (booked_span::sums, the ledger's) are summed
/// by two binary searches instead.
template <class Booked>
points points_in(const Booked& booked, const period& p, date until) {
    const std::int64_t first = p.first.day_number();
    // the earlier of the two as integers: a select, not a branch on the dates
    const std::int64_t last = std::min<std::int64_t>(until.day_number(), p.last.day_number());
    const std::size_t n = booked.size();
    if constexpr (requires { booked.sums; }) {
        if (!booked.sums.empty()) {                    // items in date order with exact running sums (the ledger's)
            const auto from = [&](std::int64_t day) {  // the first item on or after `day`
                return static_cast<std::size_t>(
                    std::partition_point(
                        booked.items.begin(), booked.items.end(),
                        [&](const booked_points& b) { return static_cast<std::int64_t>(b.on.day_number()) < day; }) -
                    booked.items.begin());
            };
            const std::size_t lo = from(first), hi = from(last + 1);
            return points{hi > lo ? booked.sums[hi] - booked.sums[lo] : 0};
        }
    }
    if (last < first) return points{0};  // no day in the period (the loops below would sum none either)
    // first <= d <= last as one unsigned offset from `first` within `span`; an
    // offset beyond it has its top bit set, in the offset itself or in
    // span - offset: a mask made with a shift and a subtraction, not a
    // compare of 64-bit values (which SSE2 lacks), so that GCC vectorizes
    // this loop (callgrind, the columnar batch at 10 completions a row: the
    // instructions of its sums fell by about a sixth). The offsets are taken
    // in 32 bits, four to an SSE2 register: days are those of dates
    // (1400-01-01 to 9999-12-31 at most, fewer than 2^22 days apart), so
    // each offset and the span are exact there (the same count fell again by
    // about an eighth).
    const auto span = static_cast<std::uint32_t>(last - first);
    std::uint64_t sum = 0, range = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto off = static_cast<std::uint32_t>(booked.day(i) - first);
        const auto v = static_cast<std::uint64_t>(booked.pts(i).hundredths);
        const std::uint64_t in = std::uint64_t{(off | (span - off)) >> 31} - 1;  // all ones when first <= d <= last
        sum += v & in;
        range |= v;
    }
    // All values in [0, 2^40) (a negative one sets the top bit): the sum is exact.
    if (range < small_points && n < most_small_points) return points{static_cast<std::int64_t>(sum)};
    std::int64_t sat = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t d = booked.day(i);
        if (__builtin_add_overflow(sat, (first <= d && d <= last) ? booked.pts(i).hundredths : 0, &sat))
            sat = INT64_MAX;
    }
    return points{sat};
}

}  // namespace detail

// Sentences of the registration steps, written when an explanation is read
// from the values the rules recorded (explain.hpp).
namespace texts {
inline void no_diploma(std::string& o, const trace_args&) {
    o += "no SEU diploma: only diploma holders can be registered";
}
/// (diploma, auto_from)
inline void automatic(std::string& o, const trace_args& a) {
    o += "diploma of " + to_iso(a.day(0)) + " (on or after " + to_iso(a.day(1)) +
         "): registered automatically from the diploma date";
}
/// (diploma, auto_from, start)
inline void activated(std::string& o, const trace_args& a) {
    o += "diploma of " + to_iso(a.day(0)) + " (before " + to_iso(a.day(1)) + "): registration activated on " +
         to_iso(a.day(2));
}
/// (diploma, auto_from)
inline void not_activated(std::string& o, const trace_args& a) {
    o += "diploma of " + to_iso(a.day(0)) + " is before " + to_iso(a.day(1)) + " and registration was never activated";
}
/// (start, d)
inline void starts_later(std::string& o, const trace_args& a) {
    o += "registration starts on " + to_iso(a.day(0)) + ", after " + to_iso(a.day(1));
}
inline std::string pts(const trace_args& a, std::size_t i) { return points{a.integer(i)}.to_string(); }
/// (number, first, last, earned, required)
inline void period_runs(std::string& o, const trace_args& a) {
    o += "period " + std::to_string(a.integer(0)) + " runs " + to_iso(a.day(1)) + " to " + to_iso(a.day(2)) + ": " +
         pts(a, 3) + " of " + pts(a, 4) + " points so far";
}
/// (number, first, last, earned, required, requires_request)
inline void renewed(std::string& o, const trace_args& a) {
    o += "period " + std::to_string(a.integer(0)) + " (" + to_iso(a.day(1)) + " to " + to_iso(a.day(2)) +
         ") ended with " + pts(a, 3) + " of " + pts(a, 4) + " points and was renewed" +
         (a.flag(5) ? " on request" : " automatically");
}
/// (number, last, required, requested, pending, granted, decided)
inline void dispensation_ahead(std::string& o, const trace_args& a) {
    o += "a dispensation (registration regulation art. 10.1) for period " + std::to_string(a.integer(0)) +
         " was requested on " + to_iso(a.day(3));
    if (a.flag(4))
        o += " and is not decided yet: whether the registration continues after " + to_iso(a.day(1)) +
             " with fewer than " + pts(a, 2) + " points depends on it";
    else if (a.flag(5))
        o += " and granted on " + to_iso(a.day(6)) + ": the registration continues after " + to_iso(a.day(1)) +
             " even with fewer than " + pts(a, 2) + " points";
    else
        o += " and refused on " + to_iso(a.day(6)) + ": it does not keep the registration after " + to_iso(a.day(1));
}
/// (number, earned, required, decided)
inline void kept_by_dispensation(std::string& o, const trace_args& a) {
    o += "period " + std::to_string(a.integer(0)) + " ended with " + pts(a, 1) + " of " + pts(a, 2) +
         " points; dispensation (registration regulation art. 10.1) granted on " + to_iso(a.day(3)) +
         " keeps the registration";
}
/// (number, last, earned, required, renew_until)
inline void not_renewed(std::string& o, const trace_args& a) {
    o += "period " + std::to_string(a.integer(0)) + " ended on " + to_iso(a.day(1)) + " with " + pts(a, 2) + " of " +
         pts(a, 3) + " points, but no renewal was requested by " + to_iso(a.day(4));
}
/// (number, last, earned, required, ended_on, pending, has_dispensation, granted, requested)
inline void lapsed(std::string& o, const trace_args& a) {
    o += "period " + std::to_string(a.integer(0)) + " ended on " + to_iso(a.day(1)) + " with " + pts(a, 2) + " of " +
         pts(a, 3) + " points: the registration lapsed on " + to_iso(a.day(4)) + " (the diploma stays valid)";
    if (a.flag(5))
        o += "; a dispensation requested on " + to_iso(a.day(8)) + " is not decided yet";
    else if (a.flag(6) && !a.flag(7))
        o += "; the dispensation requested on " + to_iso(a.day(8)) + " was refused";
}
}  // namespace texts

namespace detail {

/// The first day of registration: the diploma date from pe.registration.auto_from
/// on (automatic), else the activation date (Stappenplan, seed 001), written
/// to `out.first_start`. False, with `out.reason` set, when there is none.
template <class Facts>
bool registration_start(const rules& r, const Facts& f, registration& out, explanation& why) {
    if (!f.diploma) {
        out.reason = not_registered_reason::no_diploma;
        why.record("pe.registration.diploma", texts::no_diploma, {});
        return false;
    }
    const auto& auto_from = r.auto_from_date.at(*f.diploma);
    date start;
    if (!(*f.diploma < auto_from.value)) {
        start = *f.diploma;
        why.record("pe.registration.automatic", texts::automatic, {auto_from.use}, *f.diploma, auto_from.value);
    } else if (f.activation) {
        start = *f.activation < *f.diploma ? *f.diploma : *f.activation;
        why.record("pe.registration.activation", texts::activated, {auto_from.use}, *f.diploma, auto_from.value, start);
    } else {
        out.reason = not_registered_reason::not_activated;
        why.record("pe.registration.activation", texts::not_activated, {auto_from.use}, *f.diploma, auto_from.value);
        return false;
    }
    out.first_start = start;
    return true;
}

/// Whether a renewal request made on or before `d` counts for period `p`:
/// made within the period or its grace days (pe.renewal.grace_days).
template <class Facts>
bool renewal_requested_for(const Facts& f, const period& p, date renew_until, date d) {
    for (std::size_t k = 0, n = f.renewal_count(); k < n; ++k) {
        const date q = f.renewal_at(k);
        if (p.first <= q && q <= renew_until && q <= d) return true;
    }
    return false;
}

/// The dispensation that concerns a period (art. 10.1), among those requested
/// from `from` to `until`, as known on `known`: the first one granted by then,
/// else the last one requested (pending or refused). `from` is the period's
/// first day, or the day after the request of the dispensation that kept the
/// period before it: a dispensation concerns the period it was requested in or,
/// after the lapse, the period that lapsed, and one grant keeps one period
/// (what is requested after a grant concerns the periods that follow; nothing
/// follows a lapsed period, so every later request concerns it).
/// Returns its position in `f`, or no_dispensation when none concerns the
/// period: a position, not a std::optional<dispensation>, because the
/// optional's copy into the caller stored its engaged flag as a byte and read
/// it back wider (a store-forwarding stall that perf put at about 12% of the
/// columnar batch's time, on rows that have no dispensation at all).
inline constexpr std::size_t no_dispensation = SIZE_MAX;
template <class Facts>
std::size_t dispensation_for(const Facts& f, date from, date until, date known) {
    std::size_t found = no_dispensation;
    for (std::size_t k = 0, n = f.dispensation_count(); k < n; ++k) {
        const dispensation x = f.dispensation_at(k);
        if (x.requested < from || until < x.requested) continue;
        if (x.granted && x.decided && *x.decided <= known) return k;
        found = k;
    }
    return found;
}

/// registration_at's rules, deciding into `out` (a default registration):
/// status_at decides into its own result this way, without a copy. The
/// registration is on `d`, as the participant's requests and decisions dated
/// on or before `known` (not before `d`) show it.
template <class Facts, class Booked>
void registration_into(const rules& r, const Facts& f, const Booked& booked, date d, date known, explanation& why,
                       registration& out) {
    if (!detail::registration_start(r, f, out, why)) return;
    const date start = *out.first_start;
    if (d < start) {
        out.reason = not_registered_reason::before_start;
        why.record("pe.registration.start", texts::starts_later, {}, start, d);
        return;
    }

    date p_start = start;
    date disp_from = start;  // the first request day that can concern the period (dispensation_for)
    bool by_dispensation = false;
    for (int number = 1;; ++number) {
        const period_terms& t = r.terms_at(p_start);
        out.current = r.period_from(p_start, t);  // decided in place: no period copied through the stack
        const period& p = *out.current;
        const date renew_until = p.last + day_count(t.grace_days);

        out.period_number = number;
        out.required = points{t.required_hundredths};
        out.required_use = t.required_use;
        out.kept_by_dispensation = by_dispensation;
        out.earned = detail::points_in(booked, p, d);
        out.renewal_requested = detail::renewal_requested_for(f, p, renew_until, known);

        if (d <= p.last) {
            out.state = reg_state::registered;
            why.record("pe.registration.period", texts::period_runs, {t.months_use, t.overflow_use, t.required_use},
                       number, p.first, p.last, out.earned.hundredths, out.required.hundredths);
            // Seed 000: "De PE-registratie vervalt als de medewerker minder dan 12
            // punten in 2 jaar behaalt ... In dit geval is het mogelijk om een
            // dispensatieverzoek in te dienen" (art. 10.1). A request made within
            // the period is known before its end: granted, it keeps the
            // registration at the end (the branch below); undecided, the end
            // depends on it. It matters only while points are short.
            if (out.earned < out.required) {
                const std::size_t k = detail::dispensation_for(f, disp_from, known < p.last ? known : p.last, known);
                if (k != no_dispensation) {
                    const dispensation disp = f.dispensation_at(k);
                    out.dispensation_pending = !disp.decided || known < *disp.decided;
                    if (!out.dispensation_pending && disp.granted) out.dispensation_granted_on = *disp.decided;
                    why.record("pe.registration.dispensation", texts::dispensation_ahead, {t.required_use}, number,
                               p.last, out.required.hundredths, disp.requested, out.dispensation_pending, disp.granted,
                               disp.decided.value_or(disp.requested));
                }
            }
            return;
        }

        // The period is over on `d`: renew, keep by dispensation, or end.
        const bool enough = out.earned >= out.required;
        if (enough && (out.renewal_requested || !t.requires_request)) {
            why.record("pe.registration.renewal", texts::renewed,
                       {t.months_use, t.required_use, t.request_use, t.grace_use}, number, p.first, p.last,
                       out.earned.hundredths, out.required.hundredths, t.requires_request);
            p_start = disp_from = next_day(p.last);
            by_dispensation = false;
            continue;
        }
        // A dispensation granted for the period keeps the registration with or
        // without the points: a participant who earned them after asking is
        // never worse off than one who did not (no renewal request needed
        // either way; the grant stands in for it).
        const std::size_t k = detail::dispensation_for(f, disp_from, known, known);
        const bool any = k != no_dispensation;
        const dispensation disp = any ? f.dispensation_at(k) : dispensation{};
        if (any && disp.granted && disp.decided && *disp.decided <= known) {
            why.record("pe.registration.dispensation", texts::kept_by_dispensation, {}, number, out.earned.hundredths,
                       out.required.hundredths, *disp.decided);
            p_start = next_day(p.last);
            disp_from = std::max(p_start, next_day(disp.requested));  // this grant is used up
            by_dispensation = true;
            continue;
        }
        out.ended_on = next_day(p.last);
        if (enough) {
            out.state = reg_state::ended;
            why.record("pe.registration.not_renewed", texts::not_renewed, {t.required_use, t.request_use, t.grace_use},
                       number, p.last, out.earned.hundredths, out.required.hundredths, renew_until);
        } else {
            out.state = reg_state::lapsed;
            out.dispensation_pending = any && (!disp.decided || known < *disp.decided);
            why.record("pe.registration.lapse", texts::lapsed, {t.months_use, t.required_use}, number, p.last,
                       out.earned.hundredths, out.required.hundredths, *out.ended_on, out.dispensation_pending, any,
                       any && disp.granted, any ? disp.requested : date(p.last));
        }
        return;
    }
}
}  // namespace detail

/// The registration of a participant on `d`, walking the 2-year periods from
/// the first start. `booked` holds the points that count (see booking.hpp).
/// Parameters are read at each period's first day. `f` is a
/// registration_facts or any view of the same shape (see there).
template <class Facts, class Booked>
registration registration_at(const rules& r, const Facts& f, const Booked& booked, date d, explanation& why) {
    registration out;
    detail::registration_into(r, f, booked, d, d, why, out);
    return out;
}

/// The registration on `d` as it is known on a later day `known` (a booking
/// date): renewal requests and dispensation requests and decisions dated up
/// to `known` count, so that a period kept by a dispensation decided after
/// `d` holds `d` (README: a granted dispensation continues the registration;
/// the period is the one the status on `known` shows). Points are those of
/// `booked` on or before `d`.
template <class Facts, class Booked>
registration registration_at(const rules& r, const Facts& f, const Booked& booked, date d, date known,
                             explanation& why) {
    registration out;
    detail::registration_into(r, f, booked, d, known < d ? d : known, why, out);
    return out;
}

}  // namespace edurules::pe
