// The Belgian paid-educational-leave parameters, resolved once from a rulebook.
// Declares no parameter itself: each topic header declares and resolves the
// parameters its rules read (`regime_params` in regime.hpp, `eligibility_params`
// in eligibility.hpp, `absence_params` in absence.hpp, `hours_params` in
// hours.hpp, `money_params` in money.hpp), and `rules` is all of them at once.
// tests/style/leave_params_home.py checks that no parameter is looked up here.
// Sources: docs/rules.md section 2; every legal number lives in rulebook/leave.json.
#pragma once

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

}  // namespace edurules::leave
