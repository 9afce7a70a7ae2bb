// The PE (SEU permanent education) parameters, resolved once from a rulebook.
// Sources: SEU FAQ werkgevers (seed 000), Stappenplan (seed 001), Instructie
// inzicht PE-voortgang (seed 002); docs/rules.md section 1.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "edurules/core/dated.hpp"
#include "edurules/core/rulebook.hpp"

namespace edurules::pe {

/// The parameters that govern one registration period, already typed, for a
/// range of period start dates over which none of them changes. Built once
/// per engine from the rulebook ("compiling" the rulebook for the hot path);
/// each value keeps its param_use for explanations.
struct period_terms {
    std::int64_t first_day = 0;  ///< day number (Boost/Julian) of the first start date covered
    std::int64_t last_day = 0;   ///< ... and of the last
    int months = 0;
    month_overflow overflow = month_overflow::roll_forward;
    std::int64_t required_hundredths = 0;
    std::int64_t grace_days = 0;
    bool requires_request = true;
    param_use months_use, overflow_use, required_use, grace_use, request_use;
};

/// Pointers to every PE parameter, checked at construction: a rulebook that
/// lacks one (or gives it the wrong type) is refused with errc::rulebook.
/// Values are read per decision at the relevant date with `read<T>(*p, d)`.
class rules {
public:
    const rulebook* book;
    const parameter* period_months;
    const parameter* auto_from;
    const parameter* month_overflow_policy;
    const parameter* points_required;
    const parameter* minutes_per_point;
    const parameter* points_rounding;
    const parameter* renewal_grace_days;
    const parameter* renewal_requires_request;
    const parameter* reminder_months;
    const parameter* forms;
    const parameter* individual_forms;
    const parameter* min_individual;
    const parameter* min_meeting;
    const parameter* test_required;
    const parameter* recognition_validity_months;
    const parameter* recognition_decision_weeks;
    const parameter* collective_min_group;
    const parameter* title_uitzend;
    const parameter* title_backoffice;
    // Text parameters parsed once (core/dated.hpp), read per decision with `.at(d)`.
    dated<edurules::month_overflow> overflow;  ///< pe.registration.month_overflow
    dated<rounding> points_rounding_mode;      ///< pe.points.rounding
    dated<date> auto_from_date;                ///< pe.registration.auto_from, read with `.at(d)`

    explicit rules(const rulebook& rb)
        : book(&rb),
          period_months(need(rb, "pe.registration.period_months", value_kind::integer)),
          auto_from(need(rb, "pe.registration.auto_from", value_kind::date)),
          month_overflow_policy(need(rb, "pe.registration.month_overflow", value_kind::text)),
          points_required(need(rb, "pe.points.required", value_kind::decimal)),
          minutes_per_point(need(rb, "pe.points.minutes_per_point", value_kind::duration)),
          points_rounding(need(rb, "pe.points.rounding", value_kind::text)),
          renewal_grace_days(need(rb, "pe.renewal.grace_days", value_kind::integer)),
          renewal_requires_request(need(rb, "pe.renewal.requires_request", value_kind::boolean)),
          reminder_months(need(rb, "pe.reminders.months_before_end", value_kind::integer_list)),
          forms(need(rb, "pe.activity.forms", value_kind::text_list)),
          individual_forms(need(rb, "pe.activity.individual_forms", value_kind::text_list)),
          min_individual(need(rb, "pe.activity.min_minutes.individual", value_kind::duration)),
          min_meeting(need(rb, "pe.activity.min_minutes.meeting", value_kind::duration)),
          test_required(need(rb, "pe.activity.test_required", value_kind::boolean)),
          recognition_validity_months(need(rb, "pe.recognition.validity_months", value_kind::integer)),
          recognition_decision_weeks(need(rb, "pe.recognition.decision_weeks", value_kind::integer)),
          collective_min_group(need(rb, "pe.collective.min_group_size", value_kind::integer)),
          title_uitzend(need(rb, "pe.title.uitzendprofessional", value_kind::text)),
          title_backoffice(need(rb, "pe.title.backofficeprofessional", value_kind::text)),
          overflow(dated_overflow(*month_overflow_policy)),
          points_rounding_mode(dated_rounding(*points_rounding)),
          auto_from_date(dated<date>::read(*auto_from)) {
        compile_period_terms();
        compile_period_ends();
        compile_late_start();
    }

    /// Whether a registration period and a recognition's validity starting
    /// on `start` both end by 9999-12-31 (a record that starts later is
    /// refused by name: booking.hpp's ledger on the JSON path, the batches'
    /// date_out_of_range), judged by the terms in force on that day. Throws
    /// errc::rulebook naming a parameter that has no value on `start`.
    bool start_fits_calendar(date start) const {
        if (static_cast<std::int64_t>(start.day_number()) < late_start_) return true;  // room for any term
        const period_terms& t = terms_at(start);
        const auto rec_months = read<std::int64_t>(*recognition_validity_months, start);
        try {
            (void)period::of_months(start, t.months, t.overflow);
            (void)period::of_months(start, static_cast<int>(rec_months.value), t.overflow);
        } catch (const error& e) {
            if (e.code() != errc::invalid_input) throw;
            return false;
        }
        return true;
    }
    /// The first day from which start_fits_calendar works the terms out
    /// (before it, every term the rulebook holds ends by 9999-12-31).
    std::int64_t late_start_day() const noexcept { return late_start_; }

    /// The period terms for a period starting on `start`. Throws errc::rulebook
    /// naming the parameter that has no value on that date.
    const period_terms& terms_at(date start) const {
        const std::int64_t d = start.day_number();
        for (const auto& t : terms_)
            if (t.first_day <= d && d <= t.last_day) return t;
        // Not covered: let the rulebook say which parameter is missing.
        for (const parameter* p :
             {period_months, month_overflow_policy, points_required, renewal_grace_days, renewal_requires_request})
            p->require(start);
        throw error(errc::internal, "pe.rules", "period terms not compiled for " + to_iso(start));
    }

    /// The registration period starting on `start` under `t`, the terms in
    /// force on that day (terms_at): period::of_months(start, t.months,
    /// t.overflow). Common start days are looked up in a table compiled once
    /// from the terms; other days (or other terms) are computed.
    period period_from(date start, const period_terms& t) const {
        const std::int64_t d = start.day_number();
        const auto i = static_cast<std::uint64_t>(d - ends_first_);
        if (i < period_ends_.size() && t.first_day <= d && d <= t.last_day) {
            const std::uint16_t len = period_ends_[i];
            if (len != 0) return period{start, from_day_number(d + len)};
        }
        return period::of_months(start, t.months, t.overflow);
    }

    /// The start days the period table covers, [first, end) as day numbers.
    std::int64_t period_table_first() const noexcept { return ends_first_; }
    std::int64_t period_table_end() const noexcept {
        return ends_first_ + static_cast<std::int64_t>(period_ends_.size());
    }

private:
    std::int64_t late_start_ = 0;
    /// m months end fewer than 31 x (m + 1) days after their start: a start
    /// further than that from the calendar's end, for the longest term any
    /// version gives, fits without working its periods out.
    void compile_late_start() {
        std::int64_t longest = 0;
        for (const parameter* p : {period_months, recognition_validity_months})
            for (const auto& v : p->versions) longest = std::max(longest, std::get<std::int64_t>(v.value));
        late_start_ = static_cast<std::int64_t>(date(9999, 12, 31).day_number()) - 31 * (longest + 1);
    }
    std::vector<period_terms> terms_;
    /// Start day -> days from the start to the period's last day (0: not in
    /// the table, computed instead), for starts from ends_first_ on.
    std::vector<std::uint16_t> period_ends_;
    std::int64_t ends_first_ = 0;

    /// The years of start days the period table covers: a cache bound, not a
    /// rule (start days outside are computed with add_months, to the same
    /// result). 110 years of starts, 80 KiB.
    static constexpr int period_table_from_year = 1990;
    static constexpr int period_table_to_year = 2099;

    /// Fills period_ends_ month by month: for a start on day k of a month, the
    /// period ends the day before day k of the month `months` later, or,
    /// when that month is shorter, before its last day (clamp) or the day after
    /// it (roll_forward): add_months's arithmetic (core/calendar.hpp) on day
    /// numbers, checked against it on every day by tests/pe.
    void compile_period_ends() {
        using cal = boost::gregorian::gregorian_calendar;
        auto first_of = [](int y, int m) -> std::int64_t {
            return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1).day_number();
        };
        auto days_in = [](int y, int m) {
            return static_cast<int>(
                cal::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m)));
        };
        ends_first_ = first_of(period_table_from_year, 1);
        const std::int64_t end = first_of(period_table_to_year + 1, 1);
        period_ends_.assign(static_cast<std::size_t>(end - ends_first_), 0);
        for (const period_terms& t : terms_) {
            for (int y = period_table_from_year; y <= period_table_to_year; ++y)
                for (int m = 1; m <= 12; ++m) {
                    const std::int64_t month_first = first_of(y, m);
                    const int days = days_in(y, m);
                    if (month_first + days <= t.first_day || month_first > t.last_day) continue;
                    const int ym = y * 12 + (m - 1) + t.months;
                    const int ty = ym / 12, tm = ym % 12 + 1;
                    const std::int64_t target_first = first_of(ty, tm);
                    const int target_days = days_in(ty, tm);
                    for (int k = 1; k <= days; ++k) {
                        const std::int64_t start = month_first + k - 1;
                        if (start < t.first_day || start > t.last_day) continue;
                        const std::int64_t next = k <= target_days                      ? target_first + k - 1
                                                  : t.overflow == month_overflow::clamp ? target_first + target_days - 1
                                                                                        : target_first + target_days;
                        const std::int64_t len = next - 1 - start;
                        if (len > 0 && len <= UINT16_MAX)
                            period_ends_[static_cast<std::size_t>(start - ends_first_)] =
                                static_cast<std::uint16_t>(len);
                    }
                }
        }
    }

    void compile_period_terms() {
        const parameter* ps[] = {period_months, month_overflow_policy, points_required, renewal_grace_days,
                                 renewal_requires_request};
        // Every date on which one of them may change.
        std::vector<std::int64_t> cuts{static_cast<std::int64_t>(date(1900, 1, 1).day_number()),
                                       static_cast<std::int64_t>(date(9999, 12, 31).day_number()) + 1};
        for (const parameter* p : ps)
            for (const auto& v : p->versions) {
                if (v.from) cuts.push_back(v.from->day_number());
                if (v.to) cuts.push_back(static_cast<std::int64_t>(v.to->day_number()) + 1);
            }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
            const date at(boost::gregorian::gregorian_calendar::from_day_number(
                static_cast<boost::gregorian::gregorian_calendar::date_int_type>(cuts[i])));
            bool complete = true;
            for (const parameter* p : ps) complete = complete && p->at(at) != nullptr;
            if (!complete) continue;  // terms_at() reports the missing parameter
            period_terms t;
            t.first_day = cuts[i];
            t.last_day = cuts[i + 1] - 1;
            const auto months = read<std::int64_t>(*period_months, at);
            const auto& policy = overflow.at(at);
            const auto required = read<decimal>(*points_required, at);
            const auto grace = read<std::int64_t>(*renewal_grace_days, at);
            const auto request = read<bool>(*renewal_requires_request, at);
            // A guard behind the rulebook's declaration (1..1200), for the int below.
            if (months.value <= 0 || months.value > 1200)
                throw error(errc::rulebook, "parameters[\"" + period_months->name + "\"]", "must be 1 to 1200 months");
            t.overflow = policy.value;
            const auto req = required.value.in_scale(2);
            if (!req || *req < 0)
                throw error(errc::rulebook, "parameters[\"" + points_required->name + "\"]",
                            "must be a non-negative number with at most two decimals");
            if (grace.value < 0)
                throw error(errc::rulebook, "parameters[\"" + renewal_grace_days->name + "\"]", "cannot be negative");
            t.months = static_cast<int>(months.value);
            t.required_hundredths = *req;
            t.grace_days = grace.value;
            t.requires_request = request.value;
            t.months_use = months.use;
            t.overflow_use = policy.use;
            t.required_use = required.use;
            t.grace_use = grace.use;
            t.request_use = request.use;
            terms_.push_back(t);
        }
    }

public:
    static const parameter* need(const rulebook& rb, std::string_view name, value_kind kind) {
        return rb.require(name, kind, "PE");
    }
};

}  // namespace edurules::pe
