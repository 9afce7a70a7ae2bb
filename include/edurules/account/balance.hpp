// Days not taken and the balance at a date (research 1.7). The balance passes
// to the next year on top of its credit: "overgedragen naar het volgende jaar,
// zonder dat dit ten koste gaat van het opleidingsbudget" (`primion`,
// `strelia`; the FLA holds the days carried, `clb.fla`). The yearly days are
// to be reached over five-year windows from 1 January 2024 (`strelia`); what
// happens to a balance at a window's end has no source for the statutory
// regime (P: it is kept, account.be.reset_at_window_end), while PC 200 sets it
// to 0 (`pc200`). At the contract end (`securex.end`): after resignation or
// dismissal for serious cause the open days lapse; with an indemnity in lieu
// of notice they count in the indemnity; other endings are not regulated
// (P: account.be.end.lapse_unregulated). Balances are whole minutes (a day is
// the full-timer's working day), never negative: training beyond the balance
// is reported, not owed.
#pragma once

#include <algorithm>

#include "edurules/account/credit.hpp"
#include "edurules/account/trainings.hpp"

namespace edurules::account {

/// The open balance at a contract end that lies within `year` and before `at`:
/// lapses, goes into the indemnity, or stays.
inline void apply_contract_end(const rules& R, const contract_end& end, date at, year_result& y, std::int64_t& balance,
                               explanation& why) {
    if (end.last_day.year() != y.year || !(end.last_day < at)) return;
    const auto lapse = read<std::vector<std::string>>(*R.lapse_on, end.last_day);
    const auto indem = read<std::vector<std::string>>(*R.indemnity_includes, end.last_day);
    const std::int64_t open = balance;
    if (in_list(indem.value, end.ending)) {
        y.indemnity_minutes += open;
        balance = 0;
        y.reasons |= reason_in_indemnity;
        why.add("account.end.indemnity",
                [&] {
                    return "contract ended " + to_iso(end.last_day) + " (" + end.ending + "): the open " +
                           std::to_string(open) + " minutes count in the indemnity in lieu of notice";
                },
                {indem.use});
        return;
    }
    const bool listed = in_list(lapse.value, end.ending);
    const auto unregulated = read<bool>(*R.lapse_unregulated, end.last_day);
    if (!listed && !unregulated.value) {
        why.add("account.end.kept",
                [&] { return "contract ended " + to_iso(end.last_day) + " (" + end.ending + "): balance kept"; },
                {lapse.use, unregulated.use});
        return;
    }
    y.lapsed_minutes += open;
    balance = 0;
    y.reasons |= reason_lapsed_contract_end;
    why.add(
        "account.end.lapse",
        [&] {
            return "contract ended " + to_iso(end.last_day) + " (" + end.ending + "): the open " +
                   std::to_string(open) + " minutes lapse from " + to_iso(next_day(end.last_day)) +
                   (listed ? "" : " (an ending no source regulates)");
        },
        listed ? std::initializer_list<param_use>{lapse.use} : std::initializer_list<param_use>{unregulated.use});
}

/// Whether 31 December of `year` ends a window of `every` years from `anchor`.
inline bool window_ends(int year, int anchor, std::int64_t every) {
    return year >= anchor && (year + 1 - anchor) % every == 0;
}

/// The end of `year` (before `at`): window end (reset or information) and carry-over.
inline void apply_year_end(const rules& R, const employer& emp, year_result& y, std::int64_t& balance,
                           explanation& why) {
    const date dec31(static_cast<unsigned short>(y.year), 12, 31);
    const sector* s = emp.joint_committee.empty() ? nullptr : R.sector_of(emp.joint_committee);
    bool reset = false, sector_rule = false;
    if (s && s->reset_every_years) {  // the sector's period, read once; the reset only for its size classes
        const auto every = read<std::int64_t>(*s->reset_every_years, dec31);
        const auto anchor = read<date>(*s->reset_anchor, dec31);
        const bool ends = window_ends(y.year, anchor.value.year(), every.value);
        param_use scope;
        sector_rule = s->resets(y.size.cls, dec31, scope);
        if (sector_rule && ends) {
            reset = true;
            why.add("account.balance.sector_reset",
                    [&] {
                        return "joint committee " + emp.joint_committee + ": the balance of " +
                               std::to_string(balance) + " minutes is set to 0 at the end of the " +
                               std::to_string(every.value) + "-year period on " + to_iso(dec31);
                    },
                    {every.use, anchor.use});
        } else if (!sector_rule && ends) {
            why.add(
                "account.balance.sector_reset_scope",
                [&] {
                    return "joint committee " + emp.joint_committee + ": its " + std::to_string(every.value) +
                           "-year balance reset is not for this employer's size class (" + to_string(y.size.cls) +
                           "); the general rule applies";
                },
                scope.param ? std::initializer_list<param_use>{scope, every.use, anchor.use}
                            : std::initializer_list<param_use>{every.use, anchor.use});
        }
    }
    if (!sector_rule) {
        const auto every = read<std::int64_t>(*R.averaging_years, dec31);
        const auto anchor = read<date>(*R.averaging_anchor, dec31);
        if (window_ends(y.year, anchor.value.year(), every.value)) {
            const auto r = read<bool>(*R.reset_at_window_end, dec31);
            reset = r.value;
            y.reasons |= reason_window_end;
            why.add("account.balance.window_end",
                    [&] {
                        return "end of the " + std::to_string(every.value) + "-year window on " + to_iso(dec31) +
                               (reset
                                    ? ": the balance lapses"
                                    : ": the balance is kept (no text of the law in hand says it lapses: provisional)");
                    },
                    {every.use, anchor.use, r.use});
        }
    }
    if (reset) {
        y.lapsed_minutes += balance;
        y.reasons |= reason_lapsed_window_end;
        balance = 0;
        return;
    }
    const auto carry = read<bool>(*R.carry_over, dec31);
    if (!carry.value && balance > 0) {
        y.lapsed_minutes += balance;
        y.reasons |= reason_lapsed_no_carry_over;
        why.add("account.balance.no_carry_over",
                [&] { return std::to_string(balance) + " minutes not taken in " + std::to_string(y.year) + " lapse"; },
                {carry.use});
        balance = 0;
    } else if (balance > 0) {
        why.add("account.balance.carry_over",
                [&] {
                    return std::to_string(balance) + " minutes not taken in " + std::to_string(y.year) + " pass to " +
                           std::to_string(y.year + 1);
                },
                {carry.use});
    }
}

/// Counts the trainings of `year` (dated up to `at`) against the balance.
inline void take_trainings(const rules& R, const worker& w, date at, year_result& y, std::int64_t& balance,
                           std::vector<training_result>& out, explanation& why) {
    for (std::size_t i = 0; i < w.trainings.size(); ++i) {
        const training& t = w.trainings[i];
        if (t.day.year() != y.year) continue;
        training_result& r = out[i];
        if (at < t.day) {
            r.after_date = true;
            continue;
        }
        r = count_training(R, w.jobs, t, why);
        if (!r.counts) continue;
        const std::int64_t take = std::min(r.minutes, balance);
        balance -= take;
        y.taken_minutes += take;
        if (take < r.minutes) {
            y.excess_minutes += r.minutes - take;
            r.reasons |= reason_training_beyond_balance;
            why.add("account.training.beyond_balance", [&] {
                return "training " + t.id + ": " + std::to_string(r.minutes - take) +
                       " minutes beyond the balance (the balance stays at 0; training beyond the right is no debt)";
            });
        }
    }
}

/// The worker's right year by year up to `at`, and the balance on `at`.
inline worker_result evaluate_worker(const rules& R, const employer& emp, const worker& w, date at, bool explain) {
    worker_result out;
    out.id = w.id;
    out.why = explanation(explain);
    out.day_minutes = day_length(R, emp, w.jobs, at, out.why);
    out.trainings.resize(w.trainings.size());
    for (std::size_t i = 0; i < w.trainings.size(); ++i) out.trainings[i].id = w.trainings[i].id;
    int first = at.year() + 1;
    for (const auto& j : w.jobs) first = std::min(first, static_cast<int>(j.from.year()));
    const auto first_year = read<std::int64_t>(*R.first_year, at);
    if (first < first_year.value) {
        // the batch's reason for such a year (credit.hpp), said here too: with no year of the right up to `at`
        // the years list is empty and this is the only word on why the balance is 0
        out.reasons |= reason_before_first_year;
        const int last = std::min(static_cast<int>(at.year()), static_cast<int>(first_year.value) - 1);
        out.why.add(
            "account.credit.before_first_year",
            [&] {
                return (first == last ? std::to_string(first) : std::to_string(first) + " to " + std::to_string(last)) +
                       (first == last ? " is" : " are") + " before " + std::to_string(first_year.value) +
                       ", the first year of the individual training right: no credit" +
                       (first == last ? "" : " for them");
            },
            {first_year.use});
        first = static_cast<int>(first_year.value);
    }
    std::int64_t balance = 0;
    // The balance in days is kept exact beside the minutes (README: days are
    // exact, minutes rounded once): credits add their exact days, a training
    // takes its minutes' exact days, and a balance emptied is 0 days (a
    // 4/5 worker's 3.2 days stay 3.2, not 1459/456 worked back from minutes).
    fraction days;
    for (int year = first; year <= at.year(); ++year) {
        year_result y = year_credit(R, emp, w, year, out.day_minutes, out.why);
        y.carried_in_minutes = balance;
        balance += y.credit_minutes;
        days = days + y.credit_days;
        const std::int64_t before = balance;
        take_trainings(R, w, at, y, balance, out.trainings, out.why);
        if (balance != before)
            days = days + fraction::of(-(before - balance) * out.day_minutes.den, out.day_minutes.num);
        if (w.end) apply_contract_end(R, *w.end, at, y, balance, out.why);
        if (year < at.year()) apply_year_end(R, emp, y, balance, out.why);
        if (balance == 0) days = fraction{};
        y.balance_minutes = balance;
        out.reasons |= y.reasons;
        out.years.push_back(std::move(y));
    }
    // Trainings in no year decided: before the worker's first job (outside the employment) or, while employed,
    // before the first year of the right (waso.pro); neither is taken from a balance.
    for (std::size_t i = 0; i < w.trainings.size(); ++i) {
        const training& t = w.trainings[i];
        if (at < t.day) out.trainings[i].after_date = true;
        if (t.day.year() >= first || at < t.day) continue;
        training_result& r = out.trainings[i];
        r = count_training(R, w.jobs, t, out.why);
        if (!r.counts) continue;
        r.counts = false;
        r.minutes = 0;
        r.reasons |= reason_before_first_year;
        out.why.add("account.training.before_first_year",
                    [&] {
                        return "training " + t.id + " (" + to_iso(t.day) + ") is before " +
                               std::to_string(first_year.value) +
                               ", the first year of the individual training right: not taken from a balance";
                    },
                    {first_year.use});
    }
    for (const auto& t : out.trainings) out.reasons |= t.reasons;
    out.balance_minutes = balance;
    out.balance_days = days;
    out.why.add("account.balance.at", [&] {
        return "balance on " + to_iso(at) + ": " + std::to_string(balance) + " minutes = " + out.balance_days.text() +
               " day(s)";
    });
    return out;
}

}  // namespace edurules::account
