// Point registration: a completion is booked for a participant when the
// participant is known and registered on the completion date, the activity is
// known and recognised on that date, and it is not booked already; otherwise
// it is rejected with the reason. Nothing is silently dropped.
// Sources: SEU FAQ (seed 000): "De aanbieder van de leeractiviteit is
// verantwoordelijk voor de registratie van de PE-punten. Registratie gebeurt op
// basis van het unieke SEU-nummer"; "Excel bestand met unieke SEU-nummers te
// uploaden"; "Alleen erkende leeractiviteiten komen in aanmerking voor
// PE-punten"; non-registered people may follow activities, but "deze worden
// niet in het PE-register opgenomen". docs/rules.md 1 (point registration).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "edurules/core/flat_index.hpp"
#include "edurules/pe/recognition.hpp"
#include "edurules/pe/registration.hpp"

namespace edurules::pe {

enum class booking_reason : std::uint8_t {
    booked = 0,
    unknown_seu_number = 1,
    not_registered = 2,  ///< the participant is not registered on the completion date
    unknown_activity = 3,
    not_recognised = 4,        ///< no recognition of the activity is valid on the completion date
    duplicate = 5,             ///< same participant, activity and completion date already booked
    completion_in_future = 6,  ///< completion date after the booking date
    invalid_row = 7,           ///< a field is missing or malformed (bulk upload)
};

inline const char* to_string(booking_reason r) {
    switch (r) {
        case booking_reason::booked:
            return "booked";
        case booking_reason::unknown_seu_number:
            return "unknown_seu_number";
        case booking_reason::not_registered:
            return "not_registered";
        case booking_reason::unknown_activity:
            return "unknown_activity";
        case booking_reason::not_recognised:
            return "not_recognised";
        case booking_reason::duplicate:
            return "duplicate";
        case booking_reason::completion_in_future:
            return "completion_in_future";
        case booking_reason::invalid_row:
            return "invalid_row";
    }
    return "?";
}

struct booking {
    booking_reason reason = booking_reason::booked;
    std::string message;               ///< one sentence: what was booked, or why not
    points pts;                        ///< booked: points earned
    const recognition* rec = nullptr;  ///< booked: the recognition that made it count
    explanation why;
    bool booked() const noexcept { return reason == booking_reason::booked; }
};

/// The points booked so far, per participant, growing as completions are
/// booked. Book a dossier's completions in date order, then an upload's rows
/// in file order; each decision sees everything booked before it.
class ledger {
public:
    /// Checks up front that every registration start and recognition decision
    /// leaves room for a whole period before the calendar ends (9999-12-31),
    /// so such a record is refused by name instead of failing mid-way.
    ledger(const rules& r, const dossier_index& idx) : r_(&r), idx_(&idx) {
        const auto& d = idx.data();
        if (d.participants.size() > UINT32_MAX || d.activities.size() > UINT32_MAX)
            throw error(errc::invalid_input, "dossier", "more than 4294967295 participants or activities");
        for (std::size_t i = 0; i < d.participants.size(); ++i) {
            const participant& p = d.participants[i];
            for (auto [when, field] :
                 {std::pair{p.diploma_date, "diploma_date"}, std::pair{p.activation_date, "activation_date"}})
                if (when) fits_calendar(*when, "participants", field, i);
        }
        for (std::size_t i = 0; i < d.recognitions.size(); ++i)
            fits_calendar(d.recognitions[i].decided, "recognitions", "decided", i);
        validity_.resize(d.recognitions.size());
    }

    /// Books one completion as of `today` (completions after it are refused).
    /// `sentence` false (with `explain` false) leaves the message empty, for
    /// callers that do not report the bookings; the decision is the same.
    booking book(const completion& c, date today, bool explain = true, bool sentence = true) {
        booking b;
        b.why = explanation(explain);
        // the sentence of a decision, made only when someone reads it
        const bool say = sentence || explain;
        const auto reject = [&](booking_reason r, auto&& message) -> booking& {
            b.reason = r;
            if (say) {
                b.message = message();
                b.why.note("pe.booking.rejected", b.message);
            }
            return b;
        };
        const participant* p = idx_->find_participant(c.seu_number);
        if (!p)
            return reject(booking_reason::unknown_seu_number,
                          [&] { return "unknown SEU number \"" + c.seu_number + "\""; });
        const activity* a = idx_->find_activity(c.activity_id);
        if (!a)
            return reject(booking_reason::unknown_activity,
                          [&] { return "unknown activity \"" + c.activity_id + "\""; });
        if (today < c.completed)
            return reject(booking_reason::completion_in_future, [&] {
                return "completion date " + to_iso(c.completed) + " is after the booking date " + to_iso(today);
            });
        const booking_key k = key(*p, *a, c.completed);
        if (seen_.contains(k))
            return reject(booking_reason::duplicate, [&] {
                return "activity " + c.activity_id + " completed on " + to_iso(c.completed) +
                       " is already booked for " + c.seu_number;
            });

        // Recognition valid on the completion date (docs/rules.md 1, P): the most
        // recently decided one that holds.
        const recognition* rec = nullptr;
        const recognition* last_miss = nullptr;  // the last recognition that did not hold, for the message
        for (const std::size_t i : idx_->recognition_indices(*a)) {
            const recognition& cand = idx_->data().recognitions[i];
            const period v = validity(i, *a);
            if (v.contains(c.completed)) {
                if (!rec || rec->decided < cand.decided) rec = &cand;
            } else {
                last_miss = &cand;
            }
        }
        if (!rec)
            return reject(booking_reason::not_recognised, [&] { return not_recognised_message(*a, last_miss, c); });
        if (b.why.enabled()) recognition_validity(*r_, *rec, *a, &b.why);

        // Registered on the completion date.
        std::vector<booked_points>& mine = booked_[p];
        const registration g = registration_at(*r_, registration_facts::of(*p), booked_span{mine}, c.completed, b.why);
        if (g.state != reg_state::registered)
            return reject(booking_reason::not_registered, [&] {
                std::string m = c.seu_number + " is not registered on " + to_iso(c.completed);
                if (g.state == reg_state::lapsed || g.state == reg_state::ended)
                    m += " (registration ended on " + to_iso(*g.ended_on) + ")";
                else
                    m += std::string(" (") + to_string(g.reason) + ")";
                return m;
            });
        b.rec = rec;
        b.pts = completion_points(*r_, *rec, *a, b.why.enabled() ? &b.why : nullptr);
        const booked_points entry{c.completed, b.pts};
        mine.insert(std::upper_bound(mine.begin(), mine.end(), entry,
                                     [](const booked_points& x, const booked_points& y) { return x.on < y.on; }),
                    entry);
        seen_.insert(k);
        if (!say) return b;
        // one allocation for the sentence
        const std::string pts = b.pts.to_string(), on = to_iso(c.completed);
        b.message.reserve(48 + pts.size() + c.seu_number.size() + a->id.size() + rec->id.size());
        b.message.append("booked ").append(pts).append(" points for ").append(c.seu_number).append(" (");
        b.message.append(a->id).append(", ").append(on).append(", recognition ").append(rec->id).append(")");
        b.why.note("pe.booking.booked", b.message);
        return b;
    }

    /// Books every completion of the dossier dated on or before `today`, in
    /// date order (stable), and returns the decisions in dossier order
    /// (`sentences` as for book()).
    std::vector<booking> book_dossier(date today, bool explain = true, bool sentences = true) {
        const auto& cs = idx_->data().completions;
        std::vector<std::size_t> order(cs.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return cs[x].completed < cs[y].completed; });
        std::vector<booking> out(cs.size());
        for (const std::size_t i : order) out[i] = book(cs[i], today, explain, sentences);
        return out;
    }

    /// The points booked for a participant, in date order.
    std::span<const booked_points> booked_for(const participant& p) const {
        auto it = booked_.find(&p);
        if (it == booked_.end()) return {};
        return it->second;
    }

private:
    /// Why no recognition holds on the completion date: the last one that
    /// did not (in the index's order), or that there is none.
    std::string not_recognised_message(const activity& a, const recognition* miss, const completion& c) const {
        std::string m;
        const period window = miss ? recognition_validity(*r_, *miss, a, nullptr) : period{};
        if (!miss)
            m = "activity " + a.id + " has no recognition";
        else if (c.completed < window.first)
            m = "recognition " + miss->id + " of " + a.id + " starts on " + to_iso(window.first);
        else
            m = "recognition " + miss->id + " of " + a.id + " was valid until " + to_iso(window.last);
        return m + " (completed " + to_iso(c.completed) + ")";
    }
    /// `table[record].field` fits the calendar (its name is written only on refusal).
    void fits_calendar(date start, const char* table, const char* field, std::size_t record) const {
        try {
            const period_terms& t = r_->terms_at(start);
            (void)period::of_months(start, t.months, t.overflow);
            const auto rec_months = read<std::int64_t>(*r_->recognition_validity_months, start);
            (void)period::of_months(start, static_cast<int>(rec_months.value), t.overflow);
        } catch (const error& e) {
            if (e.code() != errc::invalid_input) throw;
            throw error(errc::invalid_input, std::string(table) + "[" + std::to_string(record) + "]." + field,
                        "too late: a period from " + to_iso(start) + " would end after 9999-12-31",
                        static_cast<std::int64_t>(record));
        }
    }
    /// What makes a booking a duplicate: the same participant, activity and
    /// completion date (a dossier's SEU numbers and activity ids are unique,
    /// so their positions stand for them; kept small, as there is one per row
    /// booked).
    struct booking_key {
        std::uint32_t participant, activity, day;
        bool operator==(const booking_key&) const = default;
    };
    struct booking_key_hash {
        std::size_t operator()(const booking_key& k) const noexcept {
            const std::uint64_t h = (std::uint64_t{k.participant} << 32 | k.activity) * 0x9E3779B97F4A7C15ull;
            return static_cast<std::size_t>(h ^ (h >> 29) ^ (std::uint64_t{k.day} * 0xC2B2AE3D27D4EB4Full));
        }
    };
    booking_key key(const participant& p, const activity& a, date on) const {
        const auto& d = idx_->data();
        return {static_cast<std::uint32_t>(&p - d.participants.data()),
                static_cast<std::uint32_t>(&a - d.activities.data()), static_cast<std::uint32_t>(on.day_number())};
    }
    const rules* r_;
    const dossier_index* idx_;
    /// Recognition i's validity window (of activity a, the one it belongs
    /// to), worked out on its first use and kept: it depends on nothing else.
    const period& validity(std::size_t i, const activity& a) {
        if (!validity_[i]) validity_[i] = recognition_validity(*r_, idx_->data().recognitions[i], a, nullptr);
        return *validity_[i];
    }

    std::vector<std::optional<period>> validity_;
    std::unordered_map<const participant*, std::vector<booked_points>> booked_;
    /// Bookings made; no key has all three fields at UINT32_MAX (the constructor caps the positions).
    edurules::detail::flat_set<booking_key, booking_key_hash> seen_{booking_key{UINT32_MAX, UINT32_MAX, UINT32_MAX}};
};

}  // namespace edurules::pe
