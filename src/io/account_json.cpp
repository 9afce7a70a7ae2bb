// JSON codec of the account domain (schemas/account.request.schema.json,
// schemas/account.response.schema.json). Kinds: account.right (the Belgian
// individual training right of each worker of one employer, year by year, and
// the balance at a date) and account.ledger (the SER development account:
// deposits, vouchers, spending, balance). Decodes strictly (unknown members
// refused naming path and nearest name), calls the rules in
// include/edurules/account/ and encodes their results; decides nothing.
#include <set>

#include "edurules/account/balance.hpp"
#include "edurules/account/ledger.hpp"
#include "edurules/core/nearest.hpp"
#include "handlers.hpp"

namespace edurules::io::detail {

namespace {

using namespace edurules::account;

// Physical bounds that keep exact arithmetic in range (not legal numbers).
constexpr std::int64_t max_week_minutes = 7 * 24 * 60;
constexpr std::int64_t max_training_minutes = 366 * 24 * 60;
constexpr std::int64_t max_cents = 1000000000000;  // ten billion euros
constexpr std::int64_t max_fte_units = 100000000;  // 10,000,000 FTE at 1 decimal place

template <std::size_t N>
std::string enum_member(const json& obj, std::string_view key, const path& p,
                        const std::array<std::string_view, N>& names) {
    const std::string s = get_string(obj, key, p);
    for (auto n : names)
        if (n == s) return s;
    invalid(p / key, "unknown value " + show(json(s)) + edurules::one_of(s, names));
}

/// A duration given as `<base>_minutes` (whole minutes) or `<base>_hours` (exact decimal).
std::optional<std::int64_t> opt_duration(const json& obj, const std::string& base, const path& p, std::int64_t max) {
    const json* m = find(obj, base + "_minutes");
    const json* h = find(obj, base + "_hours");
    if (m && h) invalid(p / (base + "_hours"), "give either " + base + "_minutes or " + base + "_hours, not both");
    if (!m && !h) return std::nullopt;
    const path where = m ? p / (base + "_minutes") : p / (base + "_hours");
    const minutes v = m ? as_minutes(*m, where) : as_hours(*h, where);
    if (v.count <= 0) invalid(where, "must be more than 0");
    if (v.count > max) invalid(where, "more than " + std::to_string(max) + " minutes");
    return v.count;
}
std::int64_t req_duration(const json& obj, const std::string& base, const path& p, std::int64_t max) {
    auto v = opt_duration(obj, base, p, max);
    if (!v) invalid(p / (base + "_minutes"), "missing (or give " + base + "_hours)");
    return *v;
}

decimal fte_value(const json& j, const path& p) {
    const decimal d = as_decimal(j, p);
    const auto units = d.in_scale(4);
    if (!units) invalid(p, "at most 4 decimals: " + show(j));
    if (d.is_negative() || *units > max_fte_units * 1000) invalid(p, "must be 0 to 10000000 FTE: " + show(j));
    return d;
}

std::int64_t cents_value(const json& obj, std::string_view key, const path& p) {
    const json& j = member(obj, key, p);
    const decimal d = as_decimal(j, p / key);
    const auto c = d.in_scale(2);
    if (!c) invalid(p / key, "an amount in euros with at most 2 decimals, got " + show(j));
    if (*c <= 0) invalid(p / key, "must be more than 0: " + show(j));
    if (*c > max_cents) invalid(p / key, "too large: " + show(j));
    return *c;
}

quarter_fte decode_quarter(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"quarter", "fte"}, p);
    const std::string q = get_string(j, "quarter", p);
    if (q.size() != 7 || q[4] != '-' || q[5] != 'Q' || q[6] < '1' || q[6] > '4' ||
        q.find_first_not_of("0123456789", 0) != 4)
        invalid(p / "quarter", "expected YYYY-Qn (e.g. 2023-Q4), got " + show(json(q)));
    if (!parse_iso_date(q.substr(0, 4) + "-01-01"))  // the years a date may have (0000-Q1 was taken)
        invalid(p / "quarter", "a year outside the years a date given may have (1900..9999), got " + show(json(q)));
    quarter_fte out;
    out.year = std::stoi(q.substr(0, 4));
    out.quarter = q[6] - '0';
    out.fte = fte_value(member(j, "fte", p), p / "fte");
    return out;
}

employer decode_employer(const json& j, const path& p) {
    require_object(j, p);
    require_known(
        j, {"quarters", "fallback_fte", "joint_committee", "full_time_per_week_minutes", "full_time_per_week_hours"},
        p);
    employer out;
    std::set<int> seen;
    if (const json* qs = find(j, "quarters")) {
        require_array(*qs, p / "quarters");
        for (std::size_t i = 0; i < qs->size(); ++i) {
            out.quarters.push_back(decode_quarter((*qs)[i], (p / "quarters")[i]));
            if (!seen.insert(out.quarters.back().year * 4 + out.quarters.back().quarter).second)
                invalid((p / "quarters")[i] / "quarter", "declared twice");
        }
    }
    if (const json* f = find(j, "fallback_fte")) out.fallback_fte = fte_value(*f, p / "fallback_fte");
    if (auto pc = opt_string(j, "joint_committee", p)) out.joint_committee = *pc;
    out.full_time_minutes_per_week = opt_duration(j, "full_time_per_week", p, max_week_minutes);
    return out;
}

job decode_job(const json& j, const path& p) {
    require_object(j, p);
    require_known(j,
                  {"from", "to", "contract_per_week_hours", "contract_per_week_minutes", "full_time_per_week_hours",
                   "full_time_per_week_minutes"},
                  p);
    job out;
    out.from = get_date(j, "from", p);
    out.to = opt_date(j, "to", p);
    if (out.to && *out.to < out.from) invalid(p / "to", "ends before it starts (" + to_iso(out.from) + ")");
    out.contract_minutes_per_week = req_duration(j, "contract_per_week", p, max_week_minutes);
    out.full_time_minutes_per_week = req_duration(j, "full_time_per_week", p, max_week_minutes);
    if (out.contract_minutes_per_week > out.full_time_minutes_per_week)
        invalid(p / (find(j, "contract_per_week_hours") ? "contract_per_week_hours" : "contract_per_week_minutes"),
                "more than full time");
    return out;
}

training decode_training(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "date", "kind", "minutes", "hours"}, p);
    training t;
    t.id = get_string(j, "id", p);
    t.day = get_date(j, "date", p);
    t.kind = enum_member(j, "kind", p, training_kind_names);
    const json* m = find(j, "minutes");
    const json* h = find(j, "hours");
    if (m && h) invalid(p / "hours", "give either minutes or hours, not both");
    if (!m && !h) invalid(p / "minutes", "missing (or give hours)");
    const path where = m ? p / "minutes" : p / "hours";
    t.minutes = (m ? as_minutes(*m, where) : as_hours(*h, where)).count;
    if (t.minutes <= 0 || t.minutes > max_training_minutes) invalid(where, "must be more than 0 and at most a year");
    return t;
}

worker decode_worker(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "jobs", "trainings", "end"}, p);
    worker w;
    w.id = get_string(j, "id", p);
    const json& jobs = require_array(member(j, "jobs", p), p / "jobs");
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        w.jobs.push_back(decode_job(jobs[i], (p / "jobs")[i]));
        // One work regime at a time: the credit takes one job per month and the training day one full-time
        // week, so concurrent jobs at one employer (two part-time contracts) are refused, not summed.
        const job& b = w.jobs.back();
        for (std::size_t k = 0; k < i; ++k) {
            const job& a = w.jobs[k];
            if (!a.span().overlaps(b.span())) continue;
            invalid((p / "jobs")[i] / "from", "overlaps jobs[" + std::to_string(k) + "] (from " + to_iso(a.from) +
                                                  "): concurrent jobs at one employer are not modelled; give one "
                                                  "job with the summed contract hours");
        }
    }
    if (const json* e = find(j, "end")) {
        const path ep = p / "end";
        require_object(*e, ep);
        require_known(*e, {"date", "ending"}, ep);
        w.end = contract_end{get_date(*e, "date", ep), enum_member(*e, "ending", ep, ending_names)};
        for (std::size_t i = 0; i < w.jobs.size(); ++i)
            if (!w.jobs[i].to || w.end->last_day < *w.jobs[i].to)
                invalid((p / "jobs")[i] / "to", "runs past the contract end " + to_iso(w.end->last_day));
    }
    std::set<std::string> ids;
    if (const json* ts = find(j, "trainings")) {
        require_array(*ts, p / "trainings");
        for (std::size_t i = 0; i < ts->size(); ++i) {
            w.trainings.push_back(decode_training((*ts)[i], (p / "trainings")[i]));
            if (!ids.insert(w.trainings.back().id).second) invalid((p / "trainings")[i] / "id", "duplicate id");
            if (w.end && w.end->last_day < w.trainings.back().day)
                invalid((p / "trainings")[i] / "date", "after the contract end " + to_iso(w.end->last_day));
        }
    }
    return w;
}

json reasons_json(std::uint32_t bits, const auto& codes) {
    json out = json::array();
    for (std::size_t b = 0; b < codes.size(); ++b)
        if (bits & (1u << b)) out.push_back(std::string(codes[b]));
    return out;
}

void write_reasons(json_writer& w, std::uint32_t bits, const auto& codes) {
    w.begin_array();
    for (std::size_t b = 0; b < codes.size(); ++b)
        if (bits & (1u << b)) w.value(codes[b]);
    w.end_array();
}

// The account.right answer, written as it is decided (members in name order,
// as the document tree wrote them): one worker evaluated, written and
// forgotten at a time, the explanation formatted once, into the answer.
void write_year(json_writer& w, const year_result& y) {
    w.begin_object();
    w.key("average_fte");
    y.size.cls == size_class::unknown ? w.null() : w.value(y.size.average.text());
    w.member("balance_minutes", y.balance_minutes).member("carried_in_minutes", y.carried_in_minutes);
    w.key("credit").begin_object().member("days", y.credit_days.text()).member("minutes", y.credit_minutes);
    w.end_object().key("days_per_fte");
    y.days.known ? w.value(y.days.days.to_string()) : w.null();
    w.member("excess_minutes", y.excess_minutes)
        .member("indemnity_minutes", y.indemnity_minutes)
        .member("lapsed_minutes", y.lapsed_minutes)
        .member("months", y.months)
        .member("period_first_year", y.size.period_first_year)
        .member("quarters_used", y.size.quarters_used)
        .key("reasons");
    write_reasons(w, y.reasons, reason_codes);
    w.member("regime_months", y.regime_months.text())
        .member("sector_agreement", y.days.sector)
        .member("size_class", std::string_view(to_string(y.size.cls)))
        .member("taken_minutes", y.taken_minutes)
        .member("year", y.year)
        .end_object();
}

void write_worker(json_writer& w, const engine& e, const worker_result& r, bool explain) {
    w.begin_object();
    w.key("balance").begin_object().member("days", r.balance_days.text()).member("minutes", r.balance_minutes);
    w.end_object().member("day_minutes", r.day_minutes.text());
    if (explain) {
        w.key("explanation");
        write_explanation(w, r.why, e.book());
    }
    w.member("id", r.id).key("reasons");
    write_reasons(w, r.reasons, reason_codes);
    w.key("trainings").begin_array();
    for (const auto& t : r.trainings) {
        w.begin_object().member("after_date", t.after_date).member("counts", t.counts).member("id", t.id);
        w.member("minutes", t.minutes).key("reasons");
        write_reasons(w, t.reasons, reason_codes);
        w.end_object();
    }
    w.end_array().key("years").begin_array();
    for (const auto& y : r.years) write_year(w, y);
    w.end_array().end_object();
}

ledger_event decode_event(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "date", "type", "from", "kinds", "expires", "kind", "amount"}, p);
    ledger_event e;
    e.id = get_string(j, "id", p);
    e.day = get_date(j, "date", p);
    const std::string type = enum_member(j, "type", p, std::array<std::string_view, 3>{"deposit", "voucher", "spend"});
    e.type = type == "deposit" ? event_type::deposit : type == "voucher" ? event_type::voucher : event_type::spend;
    if (e.type == event_type::voucher && e.id == free_source)
        invalid(p / "id",
                "\"free\" is reserved for the free balance (a spend's paid_from names it as its source); "
                "give the voucher another id");
    auto only = [&](std::initializer_list<const char*> keys, const char* what) {
        for (const char* k : keys)
            if (find(j, k)) invalid(p / k, std::string("not allowed on ") + what);
    };
    if (e.type == event_type::spend) {
        only({"from", "kinds", "expires"}, "a spend");
        e.kind = get_string(j, "kind", p);
        e.cents = cents_value(j, "amount", p);
        return e;
    }
    only({"kind", "amount"}, type == "deposit" ? "a deposit (give from[].amount)" : "a voucher (give from[].amount)");
    if (e.type == event_type::deposit) only({"kinds", "expires"}, "a deposit");
    const json& from = require_array(member(j, "from", p), p / "from");
    if (from.empty()) invalid(p / "from", "names no party");
    if (e.type == event_type::voucher && from.size() != 1) invalid(p / "from", "a voucher has exactly one issuer");
    for (std::size_t i = 0; i < from.size(); ++i) {
        const path sp = (p / "from")[i];
        require_object(from[i], sp);
        require_known(from[i], {"party", "amount"}, sp);
        e.shares.push_back(share{get_string(from[i], "party", sp), cents_value(from[i], "amount", sp)});
    }
    if (const json* ks = find(j, "kinds")) {
        require_array(*ks, p / "kinds");
        for (std::size_t i = 0; i < ks->size(); ++i) e.kinds.push_back(as_string((*ks)[i], (p / "kinds")[i]));
    }
    e.expires = opt_date(j, "expires", p);
    if (e.expires && *e.expires < e.day) invalid(p / "expires", "before the voucher is issued");
    return e;
}

json handle_ledger(const engine& e, const json& req, date at, bool explain) {
    const path root;
    const json& evs = require_array(member(req, "events", root), root / "events");
    std::vector<ledger_event> events;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < evs.size(); ++i) {
        events.push_back(decode_event(evs[i], (root / "events")[i]));
        if (!ids.insert(events.back().id).second) invalid((root / "events")[i] / "id", "duplicate id");
    }
    // a party the rulebook never allows (account.nl.parties' closed "allowed" words) is a misspelt code,
    // refused by field; one allowed on other dates only is the event's refusal (party_not_allowed)
    const std::vector<std::string>& known_parties = e.account().parties->limits.allowed;
    for (std::size_t i = 0; i < events.size() && !known_parties.empty(); ++i)
        for (std::size_t k = 0; k < events[i].shares.size(); ++k)
            if (const std::string& party = events[i].shares[k].party;
                std::find(known_parties.begin(), known_parties.end(), party) == known_parties.end())
                invalid(((root / "events")[i] / "from")[k] / "party",
                        "unknown party " + show(json(party)) + edurules::one_of(party, known_parties));
    const ledger_result L = evaluate_ledger(e.account(), events, at, explain);
    json evj = json::array(), vj = json::array(), parties = json::object();
    for (const auto& r : L.events) {
        json paid = json::array();
        for (const auto& a : r.paid_from)
            paid.push_back(json{{"source", a.source}, {"amount", format_scaled(a.cents, 2)}});
        evj.push_back(json{{"id", r.id},
                           {"status", r.accepted                        ? "accepted"
                                      : (r.reasons & ledger_after_date) ? "after_date"
                                                                        : "refused"},
                           {"reasons", reasons_json(r.reasons, ledger_reason_codes)},
                           {"paid_from", std::move(paid)}});
    }
    for (const auto& v : L.vouchers)
        vj.push_back(json{{"id", v.id},
                          {"party", v.party},
                          {"kinds", v.kinds},
                          {"expires", v.expires ? json(to_iso(*v.expires)) : json()},
                          {"issued", format_scaled(v.issued, 2)},
                          {"remaining", format_scaled(v.remaining, 2)},
                          {"lapsed", format_scaled(v.lapsed, 2)},
                          {"lapsed_on", v.lapsed_on ? json(to_iso(*v.lapsed_on)) : json()}});
    for (const auto& s : L.deposited_by_party) parties[s.party] = format_scaled(s.cents, 2);
    json out{{"date", to_iso(at)},
             {"events", std::move(evj)},
             {"vouchers", std::move(vj)},
             {"balance", {{"free", format_scaled(L.free_cents, 2)}, {"total", format_scaled(L.balance(), 2)}}},
             {"totals",
              {{"deposited", format_scaled(L.deposited, 2)},
               {"spent", format_scaled(L.spent, 2)},
               {"lapsed", format_scaled(L.lapsed, 2)},
               {"balanced", L.balanced}}},
             {"deposited_by_party", std::move(parties)}};
    if (explain) out["explanation"] = explanation_to_json(L.why, e.book());
    return out;
}

}  // namespace

namespace {
/// The members each account kind uses (schemas/account.request.schema.json
/// says the same): a member of the other kind is refused, not ignored.
constexpr std::string_view right_members[] = {"schema_version", "kind", "date", "explain", "employer", "workers"};
constexpr std::string_view ledger_members[] = {"schema_version", "kind", "date", "explain", "events"};

date account_date(const json& req, std::string_view kind, bool& explain) {
    const path root;
    if (kind == "account.right") require_kind_members(req, kind, right_members);
    if (kind == "account.ledger") require_kind_members(req, kind, ledger_members);
    const date at = get_date(req, "date", root);
    explain = find(req, "explain") ? as_bool(req["explain"], root / "explain") : true;
    return at;
}
}  // namespace

void write_account_right(json_writer& w, const engine& e, const json& req) {
    const path root;
    bool explain = true;
    const date at = account_date(req, "account.right", explain);
    const employer emp = decode_employer(member(req, "employer", root), root / "employer");
    const json& ws = require_array(member(req, "workers", root), root / "workers");
    std::vector<worker> workers;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < ws.size(); ++i) {  // every worker read and checked before anything is written
        workers.push_back(decode_worker(ws[i], (root / "workers")[i]));
        if (!ids.insert(workers.back().id).second) invalid((root / "workers")[i] / "id", "duplicate id");
    }
    w.begin_object().member("date", at).key("workers").begin_array();
    for (const auto& wk : workers) write_worker(w, e, evaluate_worker(e.account(), emp, wk, at, explain), explain);
    w.end_array().end_object();
}

json handle_account(const engine& e, std::string_view kind, const json& req) {
    const path root;
    bool explain = true;
    const date at = account_date(req, kind, explain);
    if (kind == "account.ledger") return handle_ledger(e, req, at, explain);
    invalid(root / "kind", "unknown account request kind " + show(json(std::string(kind))) +
                               edurules::one_of(kind, std::string_view("account.right, account.ledger")));
}

}  // namespace edurules::io::detail
