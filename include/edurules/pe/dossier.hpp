// Whole-dossier decisions: the status of every participant on a date (after
// booking the dossier's completions), and the booking of a bulk upload.
// Every input row comes back decided or rejected with its reason.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "edurules/pe/booking.hpp"
#include "edurules/pe/status.hpp"

namespace edurules::pe {

struct participant_report {
    const participant* who = nullptr;
    status st;
};

struct dossier_report {
    date on;
    std::vector<booking> completions;              ///< one per dossier completion, dossier order
    std::vector<participant_report> participants;  ///< one per participant, dossier order
};

/// The dossier's statuses one participant at a time, for streaming: books the
/// dossier's completions dated on or before `on` and hands their decisions
/// (dossier order) to booked(std::vector<booking>&&), then calls
/// sink(const participant&, status&&) for each participant in dossier order as
/// it is decided; nothing else is kept.
template <class Booked, class Sink>
void evaluate_dossier_each(const rules& r, const dossier_index& idx, date on, bool explain, Booked&& booked,
                           Sink&& sink) {
    ledger l(r, idx);
    booked(l.book_dossier(on, explain));
    for (const participant& p : idx.data().participants)
        sink(p, status_at(r, registration_facts::of(p), p.track, l.booked_span_for(p), on, explain));
}

/// As above, returning the completions' decisions (dossier order) at the end.
template <class Sink>
std::vector<booking> evaluate_dossier_each(const rules& r, const dossier_index& idx, date on, bool explain,
                                           Sink&& sink) {
    std::vector<booking> completions;
    evaluate_dossier_each(
        r, idx, on, explain, [&](std::vector<booking>&& c) { completions = std::move(c); }, std::forward<Sink>(sink));
    return completions;
}

/// Status of every participant on `on`, counting the dossier's completions
/// dated on or before `on` that can be booked (the others are reported).
inline dossier_report evaluate_dossier(const rules& r, const dossier_index& idx, date on, bool explain = true) {
    dossier_report out;
    out.on = on;
    out.participants.reserve(idx.data().participants.size());
    evaluate_dossier_each(
        r, idx, on, explain, [&](std::vector<booking>&& c) { out.completions = std::move(c); },
        [&](const participant& p, status&& s) {
            out.participants.push_back({&p, std::move(s)});
        });
    return out;
}

/// One row of a bulk upload: a completion, or the reason it could not be read.
struct upload_row {
    std::size_t line = 0;           ///< 1-based line in the file (or index + 1)
    std::optional<completion> row;  ///< nullopt: unreadable (see field/problem)
    std::string field;              ///< unreadable: which field
    std::string problem;            ///< unreadable: what is wrong
    std::vector<std::string> raw;   ///< the row's text fields as read (seu, activity, date)
};

struct upload_report {
    std::size_t rows_in = 0;
    std::size_t booked = 0;
    std::size_t rejected = 0;
    std::vector<booking> rows;  ///< one per input row, input order
};

/// Books an upload one row at a time, for streaming: the dossier's own
/// completions are booked first (they are what the register already holds),
/// then each row passed to book(), in file order; each decision sees every
/// row booked before it. counts() holds rows_in == booked + rejected (its
/// rows stay empty).
class upload_booker {
public:
    upload_booker(const rules& r, const dossier_index& idx, date on, bool explain)
        : ledger_(r, idx), on_(on), explain_(explain) {
        ledger_.book_dossier(on, false);
    }

    /// The decision on one upload row (an unreadable row is rejected as
    /// invalid_row, naming its line, field and problem).
    booking book(const upload_row& u) {
        booking b;
        if (!u.row) {
            b.reason = booking_reason::invalid_row;
            b.problem = "line " + std::to_string(u.line) + ", " + u.field + ": " + u.problem;
            b.why = explanation(explain_);
            b.why.note("pe.booking.rejected", b.problem);
        } else {
            b = ledger_.book(*u.row, on_, explain_);
        }
        ++counts_.rows_in;
        if (b.booked())
            ++counts_.booked;
        else
            ++counts_.rejected;
        return b;
    }

    const upload_report& counts() const noexcept { return counts_; }

private:
    ledger ledger_;
    date on_;
    bool explain_;
    upload_report counts_;
};

/// Books an upload row by row (upload_booker), for streaming: sink(index,
/// booking&&) is called as each row is decided. Returns the counts (rows
/// stays empty); rows_in == booked + rejected, always. `progress` (if given)
/// is called as progress(done, total) every few thousand rows.
template <class Sink, class Progress = void (*)(std::size_t, std::size_t)>
upload_report book_upload_each(const rules& r, const dossier_index& idx, std::span<const upload_row> rows, date on,
                               bool explain, Sink&& sink, Progress progress = nullptr) {
    upload_booker booker(r, idx, on, explain);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        sink(i, booker.book(rows[i]));
        if (i % 4096 == 4095 || i + 1 == rows.size()) {
            if constexpr (std::is_pointer_v<Progress>) {
                if (progress) progress(i + 1, rows.size());
            } else {
                progress(i + 1, rows.size());
            }
        }
    }
    return booker.counts();
}

/// Books an upload against a dossier on `on` (book_upload_each, keeping every
/// row's booking in input order).
template <class Progress = void (*)(std::size_t, std::size_t)>
upload_report book_upload(const rules& r, const dossier_index& idx, std::span<const upload_row> rows, date on,
                          bool explain = false, Progress progress = nullptr) {
    std::vector<booking> kept;
    kept.reserve(rows.size());
    upload_report out = book_upload_each(
        r, idx, rows, on, explain, [&](std::size_t, booking&& b) { kept.push_back(std::move(b)); }, progress);
    out.rows = std::move(kept);
    return out;
}

}  // namespace edurules::pe
