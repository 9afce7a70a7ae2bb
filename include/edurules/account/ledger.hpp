// The development account (ontwikkelrekening) proposed by the SER (advice
// 17/04, recommendation B; seed 003): "Iedere burger krijgt de mogelijkheid een
// ontwikkelrekening te openen"; deposits by "werknemers, werkgevers en
// anderen", collective deposits agreed by social partners "die door
// werknemers en werkgevers samen kunnen worden gedaan", targeted government
// deposits and vouchers, O&O sector funds (`kuijer`); spent on "alle relevante
// loopbaanontwikkelactiviteiten" (a recognised course, second studies,
// certificate modules, career scan, APK, EVC, "etc."): the rulebook declares
// the eligible kinds (account.nl.eligible_kinds). The seed sets no amounts, no
// voucher expiry and no spending order: those are provisional parameters.
// The ledger itself never goes negative and loses no cent: every refused
// spend has its reason, every lapse is booked, and deposited = spent + lapsed
// + balance is checked on every evaluation.
#pragma once

#include <algorithm>
#include <numeric>

#include "edurules/account/rules.hpp"
#include "edurules/account/trainings.hpp"
#include "edurules/core/nearest.hpp"

namespace edurules::account {

enum class event_type : std::uint8_t { deposit, voucher, spend };

/// One party's part of a deposit (a collective deposit has several).
struct share {
    std::string party;
    std::int64_t cents = 0;
};

struct ledger_event {
    std::string id;
    date day;
    event_type type = event_type::deposit;
    std::vector<share> shares;       ///< deposit, voucher: who pays how much (a voucher: one share)
    std::vector<std::string> kinds;  ///< voucher: kinds it may pay for (empty: any eligible kind)
    std::optional<date> expires;     ///< voucher: last day it may be spent
    std::string kind;                ///< spend: the activity kind
    std::int64_t cents = 0;          ///< spend: the amount
};

/// Why a ledger event was refused or a voucher lapsed; bits. Values pinned.
enum ledger_reason : std::uint32_t {
    ledger_ok = 0,
    ledger_party_not_allowed = 1u << 0,
    ledger_kind_not_eligible = 1u << 1,
    ledger_insufficient_funds = 1u << 2,   ///< would make the balance negative
    ledger_earmarked_elsewhere = 1u << 3,  ///< vouchers that could pay are earmarked for other kinds
    ledger_single_source = 1u << 4,        ///< partial spends off: no single source could pay it whole
    ledger_after_date = 1u << 5,
};
inline constexpr std::array<std::string_view, 6> ledger_reason_codes{"party_not_allowed",  "kind_not_eligible",
                                                                     "insufficient_funds", "earmarked_elsewhere",
                                                                     "single_source",      "after_date"};

/// The name `paid_from` gives the free balance; no voucher may have it as its
/// id (the JSON reader refuses it at `events[i].id`), so every source names
/// one fund.
inline constexpr std::string_view free_source = "free";

struct allocation {
    std::string source;  ///< free_source or the voucher's id
    std::int64_t cents = 0;
};

struct event_result {
    std::string id;
    bool accepted = false;
    std::uint32_t reasons = ledger_ok;
    std::vector<allocation> paid_from;
};

struct voucher_state {
    std::string id;
    std::string party;
    std::vector<std::string> kinds;
    std::optional<date> expires;
    std::int64_t issued = 0, remaining = 0, lapsed = 0;
    std::optional<date> lapsed_on;
};

struct ledger_result {
    std::vector<event_result> events;  ///< in input order
    std::vector<voucher_state> vouchers;
    std::int64_t free_cents = 0;
    std::int64_t deposited = 0, spent = 0, lapsed = 0;
    /// Every party whose deposits or vouchers were accepted, keyed by the
    /// party of the deposit itself (as allowed on its own date): the parties
    /// allowed on the evaluation date in the rulebook's order (0 when they
    /// gave nothing), then any other depositor in the order it first paid.
    std::vector<share> deposited_by_party;
    /// deposited == spent + lapsed + free + vouchers remaining, and
    /// deposited == the sum of deposited_by_party.
    bool balanced = false;
    explanation why;
    std::int64_t balance() const {
        std::int64_t v = free_cents;
        for (const auto& x : vouchers) v += x.remaining;
        return v;
    }
};

namespace ledger_detail {

inline std::string euros(std::int64_t cents) { return format_scaled(cents, 2); }

/// Vouchers whose last day is before `d` lapse (booked, never silently dropped).
inline void lapse_vouchers(ledger_result& L, date d) {
    for (auto& v : L.vouchers)
        if (v.expires && *v.expires < d && v.remaining > 0) {
            v.lapsed = v.remaining;
            v.lapsed_on = next_day(*v.expires);
            L.lapsed += v.remaining;
            L.why.add("account.ledger.voucher_lapse", [&] {
                return "voucher " + v.id + ": " + euros(v.remaining) + " unused lapse from " + to_iso(*v.lapsed_on);
            });
            v.remaining = 0;
        }
}

/// A collective deposit is one event agreed by the parties together (seed
/// 003: "collectieve stortingen die door werknemers en werkgevers samen
/// kunnen worden gedaan"): a share of a party the rulebook does not allow on
/// its date refuses the whole deposit, valid shares included, and the
/// explanation names each such share, its party and the nearest allowed one.
inline bool parties_allowed(const ledger_event& e, const resolved<std::vector<std::string>>& parties, ledger_result& L,
                            event_result& r) {
    std::string bad;
    for (std::size_t i = 0; i < e.shares.size(); ++i)
        if (!in_list(parties.value, e.shares[i].party))
            bad += (bad.empty() ? "" : "; ") + std::string("from[") + std::to_string(i) + "] party \"" +
                   e.shares[i].party + "\" may not deposit" + did_you_mean(e.shares[i].party, parties.value);
    if (bad.empty()) return true;
    r.reasons |= ledger_party_not_allowed;
    L.why.add("account.ledger.party",
              [&] {
                  return e.id + ": refused" +
                         (e.shares.size() > 1 ? " whole (a collective deposit is booked whole or not at all)" : "") +
                         ", " + bad;
              },
              {parties.use});
    return false;
}

/// Adds an accepted deposit's shares to the breakdown by their own party.
inline void add_to_parties(const ledger_event& e, ledger_result& L) {
    for (const auto& s : e.shares) {
        auto p = std::find_if(L.deposited_by_party.begin(), L.deposited_by_party.end(),
                              [&](const share& x) { return x.party == s.party; });
        if (p == L.deposited_by_party.end()) p = L.deposited_by_party.insert(p, share{s.party, 0});
        p->cents += s.cents;
    }
}

/// Deposits and vouchers: every paying party must be one the rulebook allows,
/// and a voucher earmarked for kinds may name only kinds the account may pay
/// for on its issue date (account.nl.eligible_kinds): a voucher for "evcc"
/// could never be spent and would lapse whole, so it is refused, naming the
/// kind and the nearest eligible one.
inline void book_deposit(const rules& R, const ledger_event& e, ledger_result& L, event_result& r) {
    const auto parties = read<std::vector<std::string>>(*R.parties, e.day);
    if (!parties_allowed(e, parties, L, r)) return;
    if (!e.kinds.empty()) {
        const auto eligible = read<std::vector<std::string>>(*R.eligible_kinds, e.day);
        const auto bad = std::find_if(e.kinds.begin(), e.kinds.end(),
                                      [&](const std::string& k) { return !in_list(eligible.value, k); });
        if (bad != e.kinds.end()) {
            r.reasons |= ledger_kind_not_eligible;
            L.why.add("account.ledger.kind",
                      [&, k = *bad] {
                          return e.id + ": refused, the voucher names \"" + k +
                                 "\", not a kind the account may pay for" + did_you_mean(k, eligible.value);
                      },
                      {eligible.use});
            return;
        }
    }
    r.accepted = true;
    std::int64_t total = 0;
    for (const auto& s : e.shares) total += s.cents;
    add_to_parties(e, L);
    L.deposited += total;
    if (e.type == event_type::deposit) {
        L.free_cents += total;
        L.why.add("account.ledger.deposit",
                  [&] { return e.id + ": " + euros(total) + " deposited on " + to_iso(e.day); }, {parties.use});
        return;
    }
    voucher_state v{e.id, e.shares.front().party, e.kinds, e.expires, total, total, 0, std::nullopt};
    const auto months = read<std::int64_t>(*R.voucher_expiry_months, e.day);
    if (!v.expires && months.value > 0)
        v.expires = prev_day(add_months(e.day, static_cast<int>(months.value), month_overflow::clamp));
    L.why.add("account.ledger.voucher",
              [&] {
                  return e.id + ": voucher of " + euros(total) +
                         (v.expires ? ", usable until " + to_iso(*v.expires) : std::string(", no expiry"));
              },
              {parties.use, months.use});
    L.vouchers.push_back(std::move(v));
}

/// The funds a spend of `kind` may use, in the order the rulebook says.
inline std::vector<std::size_t> usable_vouchers(const ledger_result& L, std::string_view kind) {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < L.vouchers.size(); ++i)
        if (L.vouchers[i].remaining > 0 && (L.vouchers[i].kinds.empty() || in_list(L.vouchers[i].kinds, kind)))
            idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = L.vouchers[a].expires;
        const auto& y = L.vouchers[b].expires;
        return x && (!y || *x < *y);
    });
    return idx;
}

inline void book_spend(const rules& R, const ledger_event& e, ledger_result& L, event_result& r) {
    const auto eligible = read<std::vector<std::string>>(*R.eligible_kinds, e.day);
    if (!in_list(eligible.value, e.kind)) {
        r.reasons |= ledger_kind_not_eligible;
        L.why.add("account.ledger.kind",
                  [&] {
                      return e.id + ": refused, \"" + e.kind + "\" is not a kind the account may pay for" +
                             did_you_mean(e.kind, eligible.value);
                  },
                  {eligible.use});
        return;
    }
    const auto order = read<std::string>(*R.spend_order, e.day);
    const auto partial = read<bool>(*R.partial_spend, e.day);
    const auto vs = usable_vouchers(L, e.kind);
    // sources in order: voucher indexes, and SIZE_MAX for the free balance
    std::vector<std::size_t> src(vs);
    if (order.value == "free_first")
        src.insert(src.begin(), SIZE_MAX);
    else
        src.push_back(SIZE_MAX);
    auto avail = [&](std::size_t s) { return s == SIZE_MAX ? L.free_cents : L.vouchers[s].remaining; };
    std::int64_t total = 0, best = 0;
    for (auto s : src) total += avail(s), best = std::max(best, avail(s));
    const bool ok = partial.value ? total >= e.cents : best >= e.cents;
    if (!ok) {
        r.reasons |= partial.value || total < e.cents ? ledger_insufficient_funds : ledger_single_source;
        std::int64_t other = 0;
        for (const auto& v : L.vouchers)
            if (v.remaining > 0 && !v.kinds.empty() && !in_list(v.kinds, e.kind)) other += v.remaining;
        if (other > 0 && total < e.cents) r.reasons |= ledger_earmarked_elsewhere;
        L.why.add("account.ledger.refused",
                  [&] {
                      return e.id + ": refused, " + euros(e.cents) + " for " + e.kind + " but " + euros(total) +
                             " may pay for it" +
                             (other > 0 ? " (" + euros(other) + " in vouchers for other kinds)" : "") +
                             ": the balance may not go negative";
                  },
                  {order.use, partial.use});
        return;
    }
    std::int64_t left = e.cents;
    for (auto s : src) {
        if (left == 0) break;
        if (!partial.value && avail(s) < e.cents) continue;
        const std::int64_t take = std::min(left, avail(s));
        if (take == 0) continue;
        (s == SIZE_MAX ? L.free_cents : L.vouchers[s].remaining) -= take;
        r.paid_from.push_back({s == SIZE_MAX ? std::string(free_source) : L.vouchers[s].id, take});
        left -= take;
    }
    r.accepted = true;
    L.spent += e.cents;
    L.why.add("account.ledger.spend",
              [&] { return e.id + ": " + euros(e.cents) + " spent on " + e.kind + " on " + to_iso(e.day); },
              {eligible.use, order.use, partial.use});
}

}  // namespace ledger_detail

/// Books every event dated up to `at` in date order (ties in input order) and
/// gives the balance on `at`.
inline ledger_result evaluate_ledger(const rules& R, const std::vector<ledger_event>& events, date at, bool explain) {
    ledger_result L;
    L.why = explanation(explain);
    const auto parties = read<std::vector<std::string>>(*R.parties, at);
    for (const auto& p : parties.value) L.deposited_by_party.push_back({p, 0});
    L.events.resize(events.size());
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return events[a].day < events[b].day; });
    for (std::size_t i : order) {
        const ledger_event& e = events[i];
        event_result& r = L.events[i];
        r.id = e.id;
        if (at < e.day) {
            r.reasons |= ledger_after_date;
            continue;
        }
        ledger_detail::lapse_vouchers(L, e.day);
        if (e.type == event_type::spend)
            ledger_detail::book_spend(R, e, L, r);
        else
            ledger_detail::book_deposit(R, e, L, r);
    }
    ledger_detail::lapse_vouchers(L, at);
    std::int64_t by_party = 0;
    for (const auto& p : L.deposited_by_party) by_party += p.cents;
    const bool flows = L.deposited == L.spent + L.lapsed + L.balance();
    L.balanced = flows && by_party == L.deposited;
    L.why.add("account.ledger.balance", [&] {
        return "balance on " + to_iso(at) + ": " + ledger_detail::euros(L.balance()) +
               (flows ? "" : " (the ledger does not balance)") +
               (by_party == L.deposited ? "" : " (the deposits by party do not add up to the deposits)");
    });
    return L;
}

}  // namespace edurules::account
