// Point registration: a completion is booked for a participant when the
// participant is known and registered on the completion date (as the requests
// and decisions known on the booking date show it), the activity is
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
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/flat_index.hpp"
#include "edurules/core/short_text.hpp"
#include "edurules/pe/recognition.hpp"
#include "edurules/pe/registration.hpp"

namespace edurules::pe {

enum class booking_reason : std::uint8_t {
    booked = 0,
    unknown_seu_number = 1,
    not_registered = 2,  ///< not registered on the completion date (as known on the booking date)
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

/// One booking decision, and the values its sentence names (booking_sentence
/// writes the sentence from them when someone reads it: a decision formats
/// no text).
struct booking {
    booking_reason reason = booking_reason::booked;
    points pts;                        ///< booked: points earned
    const recognition* rec = nullptr;  ///< booked: the recognition that made it count
    date booked_on;                    ///< the booking date (completion_in_future: the completion is after it)
    /// not_recognised: the last recognition that did not hold on the completion date (null: none), and its validity
    const recognition* missed = nullptr;
    period missed_validity{};
    /// not_registered: the participant's registration on the completion date
    reg_state state = reg_state::not_registered;
    not_registered_reason not_registered_why = not_registered_reason::none;
    std::optional<date> ended_on;
    std::string problem;  ///< invalid_row: "line N, field: problem"
    explanation why;
    bool booked() const noexcept { return reason == booking_reason::booked; }
};

namespace detail {
/// Where booking_sentence writes: its pieces are copied into a buffer on the
/// stack and reach the string in one append (a sentence is a few short
/// pieces; std::string::append per piece cost more than the rest of it).
class sentence_out {
public:
    explicit sentence_out(std::string& to) : to_(to) {}
    sentence_out(const sentence_out&) = delete;
    sentence_out& operator=(const sentence_out&) = delete;
    sentence_out& operator<<(std::string_view x) {
        if (x.size() > room - n_) {
            flush();
            if (x.size() > room) {
                to_.append(x);
                return *this;
            }
        }
        edurules::detail::copy_short(buf_ + n_, x);
        n_ += x.size();
        return *this;
    }
    sentence_out& operator<<(edurules::detail::fixed_text x) { return *this << std::string_view(x); }
    sentence_out& operator<<(date d) {
        if (10 > room - n_) flush();
        write_iso(d, buf_ + n_);
        n_ += 10;
        return *this;
    }
    sentence_out& operator<<(points p) {
        if (25 > room - n_) flush();  // write_to's room at two places (23 + 2)
        n_ += p.exact().write_to(buf_ + n_);
        return *this;
    }
    /// Appends what is buffered to the string: call once the sentence is written.
    void flush() {
        to_.append(buf_, n_);
        n_ = 0;
    }

private:
    static constexpr std::size_t room = 192;
    std::string& to_;
    std::size_t n_ = 0;
    char buf_[room];
};
}  // namespace detail

/// The sentence of booking `b` of completion `c` (null for an unreadable
/// upload row), written to `o` piece by piece (`o << text`, `o << date`,
/// `o << points`: detail::sentence_out, or a JSON writer's string; the pieces
/// spelt here come as edurules::detail::fixed_text): what was
/// booked, or why not. Written only when read (a response, a report row),
/// from the values the decision kept.
template <class Out>
void write_booking_sentence(Out& o, const booking& b, const completion* c) {
    if (b.reason == booking_reason::invalid_row || !c) {
        o << std::string_view(b.problem);
        return;
    }
    using namespace edurules::detail::text_literals;  // pieces spelt here: length and plainness known
    switch (b.reason) {
        case booking_reason::booked:
            o << "booked "_fixed << b.pts << " points for "_fixed << std::string_view(c->seu_number) << " ("_fixed
              << std::string_view(c->activity_id) << ", "_fixed << c->completed << ", recognition "_fixed;
            if (b.rec) o << std::string_view(b.rec->id);
            o << ")"_fixed;
            break;
        case booking_reason::unknown_seu_number:
            o << "unknown SEU number \""_fixed << std::string_view(c->seu_number) << "\""_fixed;
            break;
        case booking_reason::unknown_activity:
            o << "unknown activity \""_fixed << std::string_view(c->activity_id) << "\""_fixed;
            break;
        case booking_reason::completion_in_future:
            o << "completion date "_fixed << c->completed << " is after the booking date "_fixed << b.booked_on;
            break;
        case booking_reason::duplicate:
            o << "activity "_fixed << std::string_view(c->activity_id) << " completed on "_fixed << c->completed
              << " is already booked for "_fixed << std::string_view(c->seu_number);
            break;
        case booking_reason::not_recognised:
            if (!b.missed) {
                o << "activity "_fixed << std::string_view(c->activity_id) << " has no recognition"_fixed;
            } else {
                const bool early = c->completed < b.missed_validity.first;
                o << "recognition "_fixed << std::string_view(b.missed->id) << " of "_fixed
                  << std::string_view(c->activity_id) << (early ? " starts on "_fixed : " was valid until "_fixed)
                  << (early ? b.missed_validity.first : b.missed_validity.last);
            }
            o << " (completed "_fixed << c->completed << ")"_fixed;
            break;
        case booking_reason::not_registered:
            o << std::string_view(c->seu_number) << " is not registered on "_fixed << c->completed;
            if ((b.state == reg_state::lapsed || b.state == reg_state::ended) && b.ended_on)  // as status words it
                o << " (its period ended on "_fixed << date(*b.ended_on - boost::gregorian::days(1))
                  << (b.state == reg_state::lapsed ? " short of points: the registration lapsed on "_fixed
                                                   : " without a renewal: the registration ended on "_fixed)
                  << *b.ended_on << ")"_fixed;
            else
                o << " ("_fixed << std::string_view(to_string(b.not_registered_why)) << ")"_fixed;
            break;
        case booking_reason::invalid_row:
            break;
    }
}

/// The same, appended to `out`.
inline void booking_sentence(std::string& out, const booking& b, const completion* c) {
    if (b.reason == booking_reason::invalid_row || !c) {
        out += b.problem;
        return;
    }
    detail::sentence_out o(out);
    write_booking_sentence(o, b, c);
    o.flush();
}
/// The same, as a new string.
inline std::string booking_sentence(const booking& b, const completion* c) {
    std::string out;
    booking_sentence(out, b, c);
    return out;
}

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
    }

    /// Books one completion as of `today` (completions after it are refused).
    booking book(const completion& c, date today, bool explain = true) {
        booking b;
        b.why = explanation(explain);
        b.booked_on = today;
        // the sentence goes into the explanation only when it is on; every
        // path returns `b` itself, built in the caller's place (no copy)
        const auto decided = [&](booking_reason r) {
            b.reason = r;
            if (b.why.enabled())
                b.why.note(b.booked() ? "pe.booking.booked" : "pe.booking.rejected", booking_sentence(b, &c));
        };
        const participant* p = idx_->find_participant(c.seu_number);
        if (!p) {
            decided(booking_reason::unknown_seu_number);
            return b;
        }
        const activity* a = idx_->find_activity(c.activity_id);
        if (!a) {
            decided(booking_reason::unknown_activity);
            return b;
        }
        if (today < c.completed) {
            decided(booking_reason::completion_in_future);
            return b;
        }
        const booking_key k = key(*p, *a, c.completed);
        if (seen_.contains(k)) {
            decided(booking_reason::duplicate);
            return b;
        }

        // Recognition valid on the completion date (docs/rules.md 1, P): the most
        // recently decided one that holds.
        const recognition* rec = nullptr;
        for (const std::size_t i : idx_->recognition_indices(*a)) {
            const recognition& cand = idx_->data().recognitions[i];
            const period v = validity(i, *a);
            if (v.contains(c.completed)) {
                if (!rec || rec->decided < cand.decided) rec = &cand;
            } else {
                b.missed = &cand;  // the last one that did not hold, for the sentence
                b.missed_validity = v;
            }
        }
        if (!rec) {
            decided(booking_reason::not_recognised);
            return b;
        }
        if (b.why.enabled()) recognition_validity(*r_, *rec, *a, &b.why);

        // Registered on the completion date, as the requests and decisions known
        // on the booking date show it: the period the status on `today` shows
        // (README: a granted dispensation continues the registration; art. 10.1,
        // seed 000), so a completion before a later dispensation decision
        // counts in the period the decision kept.
        if (booked_.empty()) booked_.resize(idx_->data().participants.size());  // on the first booking
        participant_points& mine = booked_[position(*p)];
        const registration g = registration_at(*r_, registration_facts::of(*p), mine.span(), c.completed, today, b.why);
        if (g.state != reg_state::registered) {
            b.state = g.state;
            b.not_registered_why = g.reason;
            b.ended_on = g.ended_on;
            decided(booking_reason::not_registered);
            return b;
        }
        b.rec = rec;
        b.pts = completion_points(*r_, *rec, *a, b.why.enabled() ? &b.why : nullptr);
        mine.add(booked_points{c.completed, b.pts});
        seen_.insert(k);
        decided(booking_reason::booked);
        return b;
    }

    /// Books every completion of the dossier dated on or before `today`, in
    /// date order (stable), and returns the decisions in dossier order.
    std::vector<booking> book_dossier(date today, bool explain = true) {
        const auto& cs = idx_->data().completions;
        std::vector<booking> out(cs.size());
        seen_.reserve(seen_.size() + cs.size());  // one table for every booking, not one per doubling
        std::vector<std::size_t> order;           // empty: the dossier is in date order already (the usual export)
        if (!std::is_sorted(cs.begin(), cs.end(),
                            [](const completion& x, const completion& y) { return x.completed < y.completed; })) {
            order.resize(cs.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t x, std::size_t y) { return cs[x].completed < cs[y].completed; });
        }
        for (std::size_t k = 0; k < cs.size(); ++k) {
            const std::size_t i = order.empty() ? k : order[k];
            out[i] = book(cs[i], today, explain);
        }
        return out;
    }

    /// The points booked for a participant, in date order.
    std::span<const booked_points> booked_for(const participant& p) const { return booked_span_for(p).items; }
    /// The same with their running sums, for the registration rules.
    booked_span booked_span_for(const participant& p) const {
        const auto& ps = idx_->data().participants;
        const std::less<const participant*> before;  // a total order, also for a participant from elsewhere
        if (booked_.empty() || before(&p, ps.data()) || !before(&p, ps.data() + ps.size())) return {};
        return booked_[position(p)].span();
    }

private:
    /// `table[record].field` fits the calendar (its name is written only on refusal).
    void fits_calendar(date start, const char* table, const char* field, std::size_t record) const {
        if (!r_->start_fits_calendar(start))
            throw error(errc::invalid_input, std::string(table) + "[" + std::to_string(record) + "]." + field,
                        "too late: a period from " + to_iso(start) + " would end after 9999-12-31",
                        static_cast<std::int64_t>(record));
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
    /// A dossier participant's position in the dossier.
    std::size_t position(const participant& p) const {
        return static_cast<std::size_t>(&p - idx_->data().participants.data());
    }
    booking_key key(const participant& p, const activity& a, date on) const {
        const auto& d = idx_->data();
        return {static_cast<std::uint32_t>(position(p)), static_cast<std::uint32_t>(&a - d.activities.data()),
                static_cast<std::uint32_t>(on.day_number())};
    }
    const rules* r_;
    const dossier_index* idx_;
    /// Recognition i's validity window (of activity a, the one it belongs
    /// to), worked out on its first use and kept: it depends on nothing else.
    const period& validity(std::size_t i, const activity& a) {
        if (validity_.empty()) validity_.resize(idx_->data().recognitions.size());  // on the first booking
        if (!validity_[i]) validity_[i] = recognition_validity(*r_, idx_->data().recognitions[i], a, nullptr);
        return *validity_[i];
    }

    /// A participant's bookings in date order (a later booking of the same
    /// day after the earlier), with their running sums while every value is
    /// small enough for them to be exact (detail::in_range_of_small): a
    /// dossier's completions are booked in date order, so each booking
    /// appends one sum, and every registration_at finds a period's points by
    /// binary search instead of summing all earlier bookings again.
    struct participant_points {
        std::vector<booked_points> items;
        /// items.size() + 1 running sums, or empty: before the first booking (no
        /// block for a participant who has none), and once a value is too large
        /// (empty while items are not): points_in then sums the items.
        std::vector<std::int64_t> sums;
        /// Room made at the first booking: a few, not one block per doubling from one.
        static constexpr std::size_t first_room = 8;
        void add(const booked_points& b) {
            if (items.empty()) {
                items.reserve(first_room);
                sums.reserve(first_room + 1);
                sums.push_back(0);
            }
            const auto at = static_cast<std::size_t>(
                std::upper_bound(items.begin(), items.end(), b,
                                 [](const booked_points& x, const booked_points& y) { return x.on < y.on; }) -
                items.begin());
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), b);
            if (sums.empty()) return;  // dropped at an earlier booking
            if (!detail::in_range_of_small(b.pts.hundredths) || items.size() >= detail::most_small_points) {
                sums.clear();
                return;
            }
            sums.insert(sums.begin() + static_cast<std::ptrdiff_t>(at) + 1, sums[at] + b.pts.hundredths);
            for (std::size_t j = at + 2; j < sums.size(); ++j) sums[j] += b.pts.hundredths;
        }
        booked_span span() const { return booked_span{items, sums}; }
    };

    std::vector<std::optional<period>> validity_;
    std::vector<participant_points> booked_;  ///< by dossier position; empty until the first booking
    /// Bookings made; no key has all three fields at UINT32_MAX (the constructor caps the positions).
    edurules::detail::flat_set<booking_key, booking_key_hash> seen_{booking_key{UINT32_MAX, UINT32_MAX, UINT32_MAX}};
};

}  // namespace edurules::pe
