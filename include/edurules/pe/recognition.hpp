// Recognitions (erkenningen): valid 2 years from the decision while the
// content is unchanged; the committee decides within 8 weeks after payment;
// points count when the recognition is valid on the completion date.
// Sources: SEU FAQ werkgevers (seed 000): "Een erkenning is, bij ongewijzigde
// inhoud, 2 jaar geldig"; "De erkenningscommissie beslist binnen maximaal 8
// weken na ontvangst van de betaling"; "Alleen erkende leeractiviteiten komen
// in aanmerking voor PE-punten". docs/rules.md 1.
#pragma once

#include <optional>
#include <string>

#include "edurules/core/explain.hpp"
#include "edurules/pe/model.hpp"
#include "edurules/pe/rules.hpp"

namespace edurules::pe {

// Sentences of the recognition and points steps, written when an explanation
// is read from the values the rules recorded (explain.hpp).
namespace texts {
/// (rec.id, decided, last)
inline void recognition_valid(std::string& o, const trace_args& a) {
    o += "recognition " + std::string(a.text(0)) + " decided " + to_iso(a.day(1)) + " is valid until " +
         to_iso(a.day(2));
}
/// (rec.id, withdrawn)
inline void recognition_withdrawn(std::string& o, const trace_args& a) {
    o += "recognition " + std::string(a.text(0)) + " was withdrawn on " + to_iso(a.day(1));
}
/// (a.id, version, from, rec.id)
inline void content_changed(std::string& o, const trace_args& a) {
    o += "the content of " + std::string(a.text(0)) + " changed to version " + std::string(a.text(1)) + " on " +
         to_iso(a.day(2)) + ", ending recognition " + std::string(a.text(3));
}
/// (paid, deadline, in_time, decided)
inline void decision_deadline(std::string& o, const trace_args& a) {
    o += "paid " + to_iso(a.day(0)) + ": the committee decides by " + to_iso(a.day(1)) +
         (a.flag(2) ? "; decided in time on " : "; decided late on ") + to_iso(a.day(3));
}
/// (rec.id, awarded)
inline void points_awarded(std::string& o, const trace_args& a) {
    o += "recognition " + std::string(a.text(0)) + " awards " + points{a.integer(1)}.to_string() + " points";
}
/// (net minutes, minutes per point, points)
inline void points_from_duration(std::string& o, const trace_args& a) {
    o += std::to_string(a.integer(0)) + " min net study time at " + std::to_string(a.integer(1)) +
         " min per point gives " + points{a.integer(2)}.to_string() + " points";
}
}  // namespace texts

/// The days on which a recognition is valid: from the decision for
/// pe.recognition.validity_months, cut short by a withdrawal or by a change of
/// the activity's content away from the recognised version.
inline period recognition_validity(const rules& r, const recognition& rec, const activity& a,
                                   explanation* why = nullptr) {
    const auto months = read<std::int64_t>(*r.recognition_validity_months, rec.decided);
    const auto& policy = r.overflow.at(rec.decided);
    period p = period::of_months(rec.decided, static_cast<int>(months.value), policy.value);
    if (why)
        why->record("pe.recognition.validity", texts::recognition_valid, {months.use, policy.use}, copied{rec.id},
                    rec.decided, p.last);
    if (rec.withdrawn && *rec.withdrawn <= p.last) {
        p.last = prev_day(*rec.withdrawn);
        if (why)
            why->record("pe.recognition.withdrawn", texts::recognition_withdrawn, {}, copied{rec.id}, *rec.withdrawn);
    }
    if (!rec.content_version.empty()) {
        // The content must be the recognised version on every valid day: the
        // recognition ends the day before the content changes away from it.
        for (const auto& c : a.content) {
            if (c.from <= rec.decided) continue;
            if (c.from > p.last) break;
            if (c.version != rec.content_version) {
                p.last = prev_day(c.from);
                if (why)
                    why->record("pe.recognition.content_changed", texts::content_changed, {}, copied{a.id},
                                copied{c.version}, c.from, copied{rec.id});
                break;
            }
        }
    }
    return p;
}

/// The latest date on which the committee must decide: the payment date plus
/// pe.recognition.decision_weeks weeks.
inline resolved<date> recognition_decision_deadline(const rules& r, date paid) {
    const auto weeks = read<std::int64_t>(*r.recognition_decision_weeks, paid);
    constexpr std::int64_t days_per_week = 7;
    return {add_days(paid, weeks.value * days_per_week), weeks.use};
}

/// Whether the committee decided a paid recognition in time: the decision
/// date is on or before the deadline (payment plus
/// pe.recognition.decision_weeks weeks; seed 000: "De erkenningscommissie
/// beslist binnen maximaal 8 weken na ontvangst van de betaling").
struct decision_term {
    date deadline;
    bool in_time = false;
    param_use use;
};
inline decision_term recognition_decision_term(const rules& r, const recognition& rec, date paid,
                                               explanation* why = nullptr) {
    const auto dl = recognition_decision_deadline(r, paid);
    const decision_term t{dl.value, !(dl.value < rec.decided), dl.use};
    if (why)
        why->record("pe.recognition.decision_deadline", texts::decision_deadline, {t.use}, paid, t.deadline, t.in_time,
                    rec.decided);
    return t;
}

/// A recognition judged whole: its validity, whether it holds on a date (if
/// one is given) and, once paid, whether it was decided in time.
struct recognition_assessment {
    period validity;
    std::optional<bool> valid_on_date;      ///< set when a date is given
    std::optional<decision_term> decision;  ///< set when the fee was paid
    explanation why;
};
inline recognition_assessment assess_recognition(const rules& r, const recognition& rec, const activity& a,
                                                 std::optional<date> on) {
    recognition_assessment out;
    out.validity = recognition_validity(r, rec, a, &out.why);
    if (on) out.valid_on_date = out.validity.contains(*on);
    if (rec.paid) out.decision = recognition_decision_term(r, rec, *rec.paid, &out.why);
    return out;
}

/// Points one completion of `a` under `rec` earns: the recognition's own
/// points, or the net duration at pe.points.minutes_per_point (1 point = 1
/// hour of net study time, seed 001, P), rounded once by pe.points.rounding.
inline points completion_points(const rules& r, const recognition& rec, const activity& a, explanation* why = nullptr) {
    if (rec.awarded) {
        if (why) why->record("pe.points.awarded", texts::points_awarded, {}, copied{rec.id}, rec.awarded->hundredths);
        return *rec.awarded;
    }
    const auto per = read<minutes>(*r.minutes_per_point, rec.decided);
    const auto& mode = r.points_rounding_mode.at(rec.decided);
    const detail::i128 scaled = static_cast<detail::i128>(a.net_duration.count) * detail::pow10(points_scale);
    // the bound stated points have (model.hpp), checked before the quotient is narrowed to 64 bits
    if (scaled > static_cast<detail::i128>(max_hundredths_per_completion) * per.value.count)
        throw error(errc::invalid_input, "net_minutes",
                    "activity " + a.id + ": " + std::to_string(a.net_duration.count) + " net minutes at " +
                        std::to_string(per.value.count) + " minutes a point give more than " +
                        std::to_string(max_points_per_completion) + " points for one completion");
    const points pts{div_round(scaled, per.value.count, mode.value)};
    if (why)
        why->record("pe.points.from_duration", texts::points_from_duration, {per.use, mode.use}, a.net_duration.count,
                    per.value.count, pts.hundredths);
    return pts;
}

}  // namespace edurules::pe
