// Which trainings count as days taken of the individual training right
// (FOD WASO `waso.pro`: formal and informal training directly related to the
// work, and training on well-being at work; `bakkers`: "telt het VOV en het
// BEV niet mee voor het individueel opleidingsrecht", nor training outside
// the professional context). So the link to the leave domain the issue asked
// about is not supported: a BEV/VOV training does not reduce the balance. No
// source links a Dutch PE-recognised activity to this right: it counts only
// where a user sets account.be.training.pe_activity_counts (P, false).
// Only a training while the worker holds a job of this employer is taken from
// the balance: the right is the employer's duty to its own worker ("chaque
// travailleur employé ... a un droit individuel à la formation", SPF ETCS
// `waso.fr`); one dated before, between or after the worker's jobs is not.
#pragma once

#include <algorithm>

#include "edurules/account/rules.hpp"

namespace edurules::account {

inline bool in_list(const std::vector<std::string>& xs, std::string_view x) {
    return std::find(xs.begin(), xs.end(), x) != xs.end();
}

/// Whether one of `jobs` covers `day`.
inline bool employed_on(const std::vector<job>& jobs, date day) {
    for (const auto& j : jobs)
        if (j.span().contains(day)) return true;
    return false;
}

/// Whether `t`, a training of a worker with `jobs`, counts as days taken, and why.
inline training_result count_training(const rules& R, const std::vector<job>& jobs, const training& t,
                                      explanation& why) {
    training_result out;
    out.id = t.id;
    // waso.fr: "chaque travailleur employé ... a un droit individuel à la formation": a duty of the
    // employer to its own worker, so a training on a day of no job of the worker is not taken from it.
    if (!employed_on(jobs, t.day)) {
        out.reasons |= reason_outside_employment;
        why.add("account.training.outside_employment", [&] {
            return "training " + t.id + " (" + to_iso(t.day) +
                   ") is on a day of no job of the worker at this employer: not taken from the balance (the right "
                   "is the employer's duty to its own worker)";
        });
        return out;
    }
    const auto counting = read<std::vector<std::string>>(*R.counting_kinds, t.day);
    const auto excluded = read<std::vector<std::string>>(*R.not_counting_kinds, t.day);
    if (t.kind == "pe_activity" && !in_list(counting.value, t.kind) && !in_list(excluded.value, t.kind)) {
        const auto pe = read<bool>(*R.pe_activity_counts, t.day);
        out.counts = pe.value;
        why.add("account.training.pe_activity",
                [&] {
                    return "training " + t.id + " is a PE-recognised activity: " +
                           (pe.value ? std::string("counts (set by the rulebook)")
                                     : std::string("does not count (no source links PE activities to this right)"));
                },
                {pe.use});
    } else if (in_list(counting.value, t.kind)) {
        out.counts = true;
        why.add("account.training.counts",
                [&] { return "training " + t.id + " (" + t.kind + ", " + to_iso(t.day) + ") counts"; }, {counting.use});
    } else {
        why.add("account.training.not_counting",
                [&] {
                    return "training " + t.id + " (" + t.kind + ") does not count for the individual training right" +
                           (in_list(excluded.value, t.kind) ? "" : " (not a counting kind)");
                },
                {counting.use, excluded.use});
    }
    if (!out.counts) out.reasons |= reason_training_not_counting;
    out.minutes = out.counts ? t.minutes : 0;
    return out;
}

}  // namespace edurules::account
