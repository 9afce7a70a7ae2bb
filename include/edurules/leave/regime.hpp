// Which leave regime applies to a training in a school year (docs/rules.md 2.1).
// Sources: seed 004 and Vlaanderen.be (VOV for trainings starting on or after
// 1 September 2019; BEV trainings started by 2018-2019 continue until
// 31 December 2021); Brussels-Capital BEV and its reform from 2023-2024;
// Walloon congé-éducation payé; Herstelwet 22 January 1985 section 6
// (private sector only). The region is the establishment unit's (DmfA),
// never the residence or head office.
#pragma once

#include "edurules/core/explain.hpp"
#include "edurules/leave/facts.hpp"
#include "edurules/leave/model.hpp"

namespace edurules::leave {

/// Looks a leave parameter up at engine construction: a rulebook that lacks it
/// (or gives it the wrong type) is refused with errc::rulebook naming it.
inline const parameter* need(const rulebook& rb, std::string_view name, value_kind kind) {
    return rb.require(name, kind, "leave");
}
/// The same for a parameter a rulebook may leave out (null when it does).
inline const parameter* maybe(const rulebook& rb, std::string_view name, value_kind kind) {
    return rb.find(name) ? need(rb, name, kind) : nullptr;
}

/// The parameters of the regime rules (docs/rules.md 2.1), and the leave
/// month convention (`leave.month_overflow`, parsed once) that every topic
/// counting months receives from here.
struct regime_params {
    const parameter* sectors;
    const parameter* vov_from;
    const parameter* bev_continuation_until;
    const parameter* brussels_reform_from;
    const parameter* month_overflow;
    const parameter* covered_until;  ///< the last day of the last school year the rulebook covers
    dated<edurules::month_overflow> overflow;

    explicit regime_params(const rulebook& rb)
        : sectors(need(rb, "leave.regime.sectors", value_kind::text_list)),
          vov_from(need(rb, "leave.regime.vov_from", value_kind::date)),
          bev_continuation_until(need(rb, "leave.regime.bev_continuation_until", value_kind::date)),
          brussels_reform_from(need(rb, "leave.regime.brussels_reform_from", value_kind::date)),
          month_overflow(need(rb, "leave.month_overflow", value_kind::text)),
          covered_until(need(rb, "leave.coverage.last_day", value_kind::date)),
          overflow(dated_overflow(*month_overflow)) {}
};

struct regime_decision {
    regime reg = regime::none;
    std::uint32_t reasons = reason_none;
};

/// The words a sector may be: the "allowed" list of leave.regime.sectors
/// (private, public), not its value (the sectors with a right). The
/// vocabulary is closed but holds words without a right: "public" is known
/// and decided (no right, reason not_private_sector, docs/rules.md 2.1); a
/// word the rulebook does not know ("privat") is refused by check_sector,
/// never decided as a sector without a right. A rulebook that declares no
/// allowed words leaves the sector open.
inline const std::vector<std::string>& known_sectors(const regime_params& R) { return R.sectors->limits.allowed; }

/// A sector outside known_sectors, or an empty error.
inline facts_error check_sector(const regime_params& R, const worker& w) {
    const auto& known = known_sectors(R);
    if (known.empty() || listed(known, w.sector)) return {};
    return facts_error{facts_problem::unknown_sector, "", facts_error::no_training, 0, "sector", 0};
}

/// The regime for a training starting on `training_start`, evaluated for
/// school year `sy`, for a worker whose establishment unit is in `reg`.
inline regime_decision decide_regime(const regime_params& R, region reg, std::string_view sector, date training_start,
                                     school_year sy, explanation& why) {
    const date at = sy.first_day();
    param_use u_sec;
    const auto& sectors = ref<std::vector<std::string>>(*R.sectors, at, u_sec);
    if (!listed(sectors, sector)) {
        why.add("leave.regime.sector",
                [&] {
                    return "sector \"" + std::string(sector) +
                           "\" has no right to paid educational leave (private sector only)";
                },
                {u_sec});
        return {regime::none, reason_not_private_sector};
    }
    switch (reg) {
        case region::flanders: {
            const auto vov_from = read<date>(*R.vov_from, training_start);
            if (!(training_start < vov_from.value)) {
                why.add("leave.regime.flanders_vov",
                        [&] {
                            return "establishment unit in Flanders, training starts " + to_iso(training_start) +
                                   ", on or after " + to_iso(vov_from.value) + ": Vlaams opleidingsverlof (VOV)";
                        },
                        {vov_from.use});
                return {regime::vov, reason_none};
            }
            const auto until = read<date>(*R.bev_continuation_until, training_start);
            if (until.value < at) {
                why.add("leave.regime.flanders_bev_ended",
                        [&] {
                            return "training started " + to_iso(training_start) +
                                   " under BEV, which continues only until " + to_iso(until.value) + "; school year " +
                                   sy.name() + " starts after it: no leave";
                        },
                        {vov_from.use, until.use});
                return {regime::none, reason_bev_ended};
            }
            why.add("leave.regime.flanders_bev",
                    [&] {
                        return "establishment unit in Flanders, training started " + to_iso(training_start) +
                               ", before " + to_iso(vov_from.value) + ": Flemish BEV continues, hours until " +
                               to_iso(until.value) + " at the latest";
                    },
                    {vov_from.use, until.use});
            return {regime::flanders_bev, reason_none};
        }
        case region::brussels: {
            const auto reform = read<date>(*R.brussels_reform_from, at);
            if (reform.value <= at) {
                why.add("leave.regime.brussels_reformed",
                        [&] {
                            return "establishment unit in Brussels-Capital, school year " + sy.name() + " from " +
                                   to_iso(reform.value) + ": reformed Brussels BEV";
                        },
                        {reform.use});
                return {regime::brussels_reformed, reason_none};
            }
            why.add("leave.regime.brussels_bev",
                    [&] {
                        return "establishment unit in Brussels-Capital, school year " + sy.name() +
                               " before the reform of " + to_iso(reform.value) + ": Brussels BEV";
                    },
                    {reform.use});
            return {regime::brussels_bev, reason_none};
        }
        case region::wallonia:
            // (a lambda, not note(): a disabled explanation must not build the text)
            why.add("leave.regime.wallonia",
                    [] { return std::string("establishment unit in Wallonia: Walloon BEV (congé-éducation payé)"); });
            return {regime::wallonia_bev, reason_none};
    }
    return {regime::none, reason_none};
}

/// The sentence for reason bit `bit` on date `on`; a date it mentions comes
/// from the parameter that decides it (an overlay changes the sentence too).
inline std::string reason_text(const regime_params& R, std::uint32_t bit, date on) {
    std::size_t b = 0;
    while (b < reason_texts.size() && (1u << b) != bit) ++b;
    if (b == reason_texts.size()) return "?";
    std::string text(reason_texts[b]);
    if (bit == reason_bev_ended) {
        const auto* v = R.bev_continuation_until->at(on);
        text += v ? " " + to_iso(std::get<date>(v->value)) + " (see explanation)" : " (see explanation)";
    }
    return text;
}
}  // namespace edurules::leave
