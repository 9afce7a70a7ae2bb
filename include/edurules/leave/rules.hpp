// The Belgian paid-educational-leave parameters, resolved once from a rulebook.
// Declares no parameter itself: each topic header declares and resolves the
// parameters its rules read (`regime_params` in regime.hpp, `eligibility_params`
// in eligibility.hpp, `absence_params` in absence.hpp, `hours_params` in
// hours.hpp, `money_params` in money.hpp), and `rules` is all of them at once.
// tests/style/leave_params_home.py checks that no parameter is looked up here.
// Sources: docs/rules.md section 2; every legal number lives in rulebook/leave.json.
#pragma once

#include <string>
#include <string_view>

#include "edurules/core/nearest.hpp"
#include "edurules/core/rulebook.hpp"
#include "edurules/leave/absence.hpp"
#include "edurules/leave/eligibility.hpp"
#include "edurules/leave/hours.hpp"
#include "edurules/leave/money.hpp"
#include "edurules/leave/regime.hpp"

namespace edurules::leave {

/// Every leave parameter, checked at construction: a rulebook that lacks one
/// (or gives it the wrong type) is refused with errc::rulebook. A rule
/// function takes the params of its topic (`const hours_params&`, ...), so a
/// `rules` passes to any of them. The topics that count months get the one
/// month convention resolved by `regime_params`.
struct rules : regime_params, eligibility_params, absence_params, hours_params, money_params {
    const rulebook* book;

    explicit rules(const rulebook& rb)
        : regime_params(rb),
          eligibility_params(rb, regime_params::overflow),
          absence_params(rb, regime_params::overflow),
          hours_params(rb),
          money_params(rb, regime_params::overflow),
          book(&rb) {}
};

/// The closed words of a worker's facts, after check_facts: the sector
/// (check_sector), the trainings' language kinds (check_language_kinds) and
/// the absence reasons (check_absence_reasons). Every face runs it (the JSON
/// readers refuse at the field, the batch rejects the worker with the
/// problem), so that a misspelt word is never decided as another.
inline facts_error check_words(const rules& R, const worker& w, std::span<const training> trainings) {
    if (auto e = check_sector(R, w)) return e;
    if (auto e = check_language_kinds(R, trainings)) return e;
    return check_absence_reasons(R, trainings);
}

/// The words known for a word problem (check_words), with the parameter that
/// declares them; null for another problem.
inline const parameter* words_of(const rules& R, facts_problem p) {
    if (p == facts_problem::unknown_sector) return R.sectors;
    if (p == facts_problem::unknown_language_kind) return R.brussels_raised_languages;
    return nullptr;
}

/// Whether `value` is one of the closed words `words` declares (an empty
/// list: any word), as check_sector and check_language_kinds decide it.
inline bool known_word(const parameter& words, std::string_view value) {
    return words.limits.allowed.empty() || listed(words.limits.allowed, value);
}

/// The refusal of a closed word outside its list (check_words), the same
/// text on every face: `unknown value "nationl" (did you mean "national"?);
/// one of ... (leave.brussels.raised_languages)`, the value quoted as JSON
/// text, as the JSON readers quote a value (src/leave/evaluate.cpp).
std::string unknown_word_message(const parameter& words, std::string_view value);

}  // namespace edurules::leave
