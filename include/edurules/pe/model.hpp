// The PE data model: participants (SEU diploma holders), learning activities,
// recognitions and completions, and an index over a dossier of them.
// Sources: SEU FAQ werkgevers (seed 000), Stappenplan (seed 001); docs/rules.md 1.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/core/error.hpp"
#include "edurules/core/flat_index.hpp"

namespace edurules::pe {

/// Points are counted exactly, in hundredths of a point.
inline constexpr int points_scale = 2;

struct points {
    std::int64_t hundredths = 0;

    constexpr auto operator<=>(const points&) const = default;
    constexpr points& operator+=(points o) {
        hundredths += o.hundredths;
        return *this;
    }
    friend constexpr points operator+(points a, points b) { return points{a.hundredths + b.hundredths}; }
    friend constexpr points operator-(points a, points b) { return points{a.hundredths - b.hundredths}; }
    /// The exact value, as a decimal of two places ("36.70").
    constexpr decimal exact() const { return decimal{hundredths, points_scale}; }
    std::string to_string() const { return exact().to_string(); }
    /// From an exact decimal; nullopt if it has more than two decimals.
    static std::optional<points> from(const decimal& d) {
        auto v = d.in_scale(points_scale);
        if (!v) return std::nullopt;
        return points{*v};
    }
};

/// A plausibility bound, not a legal number: at most this many points for
/// one completion, which keeps every sum of a dossier's points exact in 64
/// bits. Every face refuses more: the JSON readers, the batch's rows
/// (batch_row_error::too_many_points) and so the Python frames.
inline constexpr std::int64_t max_points_per_completion = 1000000;
inline constexpr std::int64_t max_hundredths_per_completion = max_points_per_completion * 100;  // points_scale 2

/// The SEU diploma track; it decides the title a registered participant may use.
enum class track { uitzendprofessional, backofficeprofessional };

inline std::optional<track> parse_track(std::string_view s) {
    if (s == "uitzendprofessional") return track::uitzendprofessional;
    if (s == "backofficeprofessional") return track::backofficeprofessional;
    return std::nullopt;
}
inline const char* to_string(track t) {
    return t == track::uitzendprofessional ? "uitzendprofessional" : "backofficeprofessional";
}

/// A dispensation request (SEU registration regulation art. 10.1): it concerns
/// the registration period in which it was requested, or, when requested after
/// a lapse, the period that lapsed. Granted on `decided`, it keeps the
/// registration alive into the next period (docs/rules.md 1: "model it as a
/// decision with a date", P).
struct dispensation {
    date requested;
    std::optional<date> decided;  ///< nullopt: not decided yet
    bool granted = false;
};

/// A holder of the SEU diploma (or someone without one: then never registered).
struct participant {
    std::string seu_number;  ///< unique key
    std::string name;
    pe::track track = track::uitzendprofessional;
    std::optional<date> diploma_date;
    /// Diplomas before pe.registration.auto_from start their registration here.
    std::optional<date> activation_date;
    /// Dates on which the participant asked to renew (renewal dossier submitted).
    std::vector<date> renewal_requests;
    std::vector<dispensation> dispensations;
};

/// The test element every activity must contain (seed 000: "hoeveel vragen de
/// deelnemer goed moet beantwoorden om de leeractiviteit te kunnen afronden").
struct test_element {
    std::int64_t questions = 0;
    std::int64_t required_correct = 0;
};

/// The content of an activity from a date on; a recognition holds only while
/// the content it recognised is unchanged (seed 000: "bij ongewijzigde inhoud").
struct content_change {
    std::string version;
    date from;
};

enum class provider_kind { commercial, employer };

struct activity {
    std::string id;
    std::string title;
    std::string form;  ///< one of pe.activity.forms
    provider_kind provider = provider_kind::commercial;
    std::string provider_name;
    minutes net_duration;
    std::optional<test_element> test;
    /// SEU exam end terms covered. Nullopt: not given (the schema makes them
    /// optional); an empty list declares that it covers none (activity.hpp).
    std::optional<std::vector<std::string>> topics;
    bool public_calendar = true;          ///< internal/tailored activities may be hidden (seed 000)
    std::vector<content_change> content;  ///< sorted by `from`; empty = one unversioned content

    /// The content version in force on `d` ("" if unversioned or before the first).
    std::string_view content_version_at(date d) const {
        std::string_view v;
        for (const auto& c : content) {
            if (d < c.from) break;
            v = c.version;
        }
        return v;
    }
};

struct recognition {
    std::string id;
    std::string activity_id;
    date decided;                   ///< decision date: validity starts here
    std::string content_version;    ///< "" = the activity is unversioned
    std::optional<points> awarded;  ///< points per completion; nullopt: derived from net duration
    std::optional<date> paid;       ///< fee received: the committee decides within N weeks
    std::optional<date> withdrawn;  ///< recognition ended early; not valid from this date on
};

/// A completed activity registered (or to be registered) for a participant.
struct completion {
    std::string seu_number;
    std::string activity_id;
    date completed;
};

struct dossier {
    std::vector<participant> participants;
    std::vector<activity> activities;
    std::vector<recognition> recognitions;
    std::vector<completion> completions;
};

/// Lookups over a dossier, built once; refuses duplicate ids and dangling
/// references with an error naming the record and field. The keys are views
/// of the dossier's own ids: the dossier must outlive the index unchanged
/// (as it must for the records the lookups return).
class dossier_index {
public:
    explicit dossier_index(const dossier& d)
        : d_(&d), by_seu_(d.participants.size()), by_activity_(d.activities.size()) {
        for (std::size_t i = 0; i < d.participants.size(); ++i) {
            if (by_seu_.emplace(d.participants[i].seu_number, i) != i)
                throw error(errc::invalid_input, "participants[" + std::to_string(i) + "].seu_number",
                            "duplicate SEU number \"" + d.participants[i].seu_number + "\"",
                            static_cast<std::int64_t>(i));
        }
        for (std::size_t i = 0; i < d.activities.size(); ++i) {
            if (by_activity_.emplace(d.activities[i].id, i) != i)
                throw error(errc::invalid_input, "activities[" + std::to_string(i) + "].id",
                            "duplicate activity id \"" + d.activities[i].id + "\"", static_cast<std::int64_t>(i));
        }
        // The recognitions of activity a are the positions groups_[n_act + 1 + first(a) ..
        // n_act + 1 + first(a + 1)), in dossier order; first(a) = groups_[a]. One block holds
        // both, and each recognition's activity (`of`, at the end) while they are sorted.
        const std::size_t n_rec = d.recognitions.size(), n_act = d.activities.size();
        groups_.assign(n_act + 1 + 2 * n_rec, 0);
        const std::span<std::size_t> first(groups_.data(), n_act + 1), rec(groups_.data() + n_act + 1, n_rec),
            of(groups_.data() + n_act + 1 + n_rec, n_rec);
        edurules::detail::string_index rec_ids(n_rec);
        for (std::size_t i = 0; i < n_rec; ++i) {
            if (rec_ids.emplace(d.recognitions[i].id, i) != i)
                throw error(errc::invalid_input, "recognitions[" + std::to_string(i) + "].id",
                            "duplicate recognition id \"" + d.recognitions[i].id + "\"", static_cast<std::int64_t>(i));
            of[i] = by_activity_.find(d.recognitions[i].activity_id);
            if (of[i] == edurules::detail::string_index::npos)
                throw error(errc::invalid_input, "recognitions[" + std::to_string(i) + "].activity_id",
                            "unknown activity \"" + d.recognitions[i].activity_id + "\"", static_cast<std::int64_t>(i));
            ++first[of[i] + 1];
        }
        for (std::size_t a = 0; a < n_act; ++a) first[a + 1] += first[a];  // first[a + 1]: where a's range ends
        // A stable counting sort without a cursor array: from the last recognition
        // back, each takes the last free place of its activity's range, whose end
        // moves down until it stands at the range's start...
        for (std::size_t i = n_rec; i-- > 0;) rec[--first[of[i] + 1]] = i;
        // ...so first[a + 1] now holds where activity a starts: moved back by one.
        for (std::size_t a = 0; a < n_act; ++a) first[a] = first[a + 1];
        first[n_act] = n_rec;
        groups_.resize(n_act + 1 + n_rec);  // `of` is done with (no new block: shrinking keeps the room)
    }

    const dossier& data() const noexcept { return *d_; }
    const participant* find_participant(std::string_view seu) const {
        const std::size_t i = by_seu_.find(seu);
        return i == edurules::detail::string_index::npos ? nullptr : &d_->participants[i];
    }
    const activity* find_activity(std::string_view id) const {
        const std::size_t i = by_activity_.find(id);
        return i == edurules::detail::string_index::npos ? nullptr : &d_->activities[i];
    }
    /// Recognitions of an activity, in dossier order.
    std::vector<const recognition*> recognitions_of(const activity& a) const {
        std::vector<const recognition*> out;
        for (auto i : recognition_indices(a)) out.push_back(&d_->recognitions[i]);
        return out;
    }
    std::span<const std::size_t> recognition_indices(const activity& a) const {
        const auto idx = static_cast<std::size_t>(&a - d_->activities.data());
        const std::size_t base = d_->activities.size() + 1;
        return std::span<const std::size_t>(groups_).subspan(base + groups_[idx], groups_[idx + 1] - groups_[idx]);
    }

private:
    const dossier* d_;
    edurules::detail::string_index by_seu_;
    edurules::detail::string_index by_activity_;
    /// Per activity, then the end: where its recognitions start (activities + 1);
    /// then the recognition positions grouped by activity (recognitions).
    std::vector<std::size_t> groups_;
};

}  // namespace edurules::pe
