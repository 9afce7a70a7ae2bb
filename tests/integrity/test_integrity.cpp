// Nothing lost, nothing reordered, nothing that depends on threads: the C++
// batch paths (pe::status_batch, leave::leave_hours_batch) and the JSON path
// (pe.book rows, io::evaluate_json) on generated data with bad rows injected
// at known places. Each input row gets exactly one result or one rejection,
// in input order; a bad row changes no other row's result; the same inputs
// give the same bytes on 1 thread and on several.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "edurules/engine.hpp"
#include "edurules/io/request.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/pe/batch.hpp"

using namespace edurules;
using json = nlohmann::json;

namespace {

const engine& E() {
    static const engine e;
    return e;
}

// ---- PE columns ------------------------------------------------------------

struct pe_table {
    std::vector<std::int32_t> diploma, activation, cday, rday;
    std::vector<std::int64_t> coff{0}, cpts, roff{0};
    std::vector<std::int32_t> expect;  // the row's expected batch_row_error

    /// A participant; `bad` injects one defect (0 = none).
    void add(std::mt19937& rng, int bad) {
        const std::int32_t dip = pe::to_epoch_day(date(2019, 1, 1)) + static_cast<std::int32_t>(rng() % 2200);
        diploma.push_back(dip);
        activation.push_back(rng() % 4 == 0 ? dip + static_cast<std::int32_t>(rng() % 300) : pe::no_day);
        const int k = static_cast<int>(rng() % 6);
        for (int j = 0; j < k; ++j) {
            cday.push_back(dip + static_cast<std::int32_t>(rng() % 1200));
            cpts.push_back(25 + static_cast<std::int64_t>(rng() % 400));
        }
        coff.push_back(static_cast<std::int64_t>(cday.size()));
        if (rng() % 5 == 0) rday.push_back(dip + 650);
        roff.push_back(static_cast<std::int64_t>(rday.size()));
        const std::size_t i = diploma.size() - 1;
        switch (bad) {
            case 1:  // a completion day past 9999-12-31
                cday.push_back(2932897), cpts.push_back(100), coff.back() += 1;
                break;
            case 2:  // negative points
                cday.push_back(dip + 10), cpts.push_back(-1), coff.back() += 1;
                break;
            case 3:  // activated before the diploma
                activation[i] = dip - 1;
                break;
            case 4:  // a diploma before 1900
                diploma[i] = -25568, activation[i] = pe::no_day;
                break;
            case 5:  // an activation without a diploma (contradictory facts)
                diploma[i] = pe::no_day, activation[i] = dip;
                break;
        }
        static const std::int32_t code[] = {0, 2, 3, 4, 2, 5};
        expect.push_back(code[bad]);
    }
    std::size_t rows() const { return diploma.size(); }
    pe::status_columns columns() const { return {diploma, activation, coff, cday, cpts, roff, rday}; }
};

struct pe_out {
    std::vector<std::uint8_t> state, reason, renew;
    std::vector<std::int32_t> pf, pl, left, err;
    std::vector<std::int64_t> earned, shrt;
    explicit pe_out(std::size_t n)
        : state(n, 77),
          reason(n, 77),
          renew(n, 77),
          pf(n, 77),
          pl(n, 77),
          left(n, 77),
          err(n, 77),
          earned(n, 77),
          shrt(n, 77) {}
    pe::status_results results() { return {state, reason, pf, pl, earned, shrt, left, renew, err}; }
    /// Row i as one tuple, to compare rows across runs.
    auto row(std::size_t i) const {
        return std::make_tuple(state[i], reason[i], renew[i], pf[i], pl[i], left[i], err[i], earned[i], shrt[i]);
    }
    bool operator==(const pe_out&) const = default;
};

pe_table generated_pe(std::size_t n, std::vector<std::size_t>* bad_rows = nullptr, unsigned seed = 8) {
    std::mt19937 rng(seed);
    pe_table t;
    for (std::size_t i = 0; i < n; ++i) {
        // bad rows: the first, the last, and every 97th, cycling through the defects
        const bool bad = i == 0 || i == n - 1 || i % 97 == 13;
        const int kind = bad ? static_cast<int>(i % 5) + 1 : 0;
        t.add(rng, kind);
        if (bad && bad_rows) bad_rows->push_back(i);
    }
    return t;
}

TEST(IntegrityPe, OneResultPerRowInOrderWithInjectedBadRows) {
    std::vector<std::size_t> bad;
    const pe_table t = generated_pe(3000, &bad);
    pe_out out(t.rows());
    const std::size_t rejected = pe::status_batch(E().pe(), date(2025, 6, 1), t.columns(), out.results());
    EXPECT_EQ(rejected, bad.size());
    for (std::size_t i = 0; i < t.rows(); ++i) {
        ASSERT_EQ(out.err[i], t.expect[i]) << "row " << i;
        ASSERT_EQ(out.state[i] == 255, t.expect[i] != 0) << "row " << i;  // one result or one rejection, never both
        ASSERT_NE(out.state[i], 77) << "row " << i << " was not written";
    }
    // A bad row changes no other row: each good row equals the same participant
    // evaluated alone (a batch of one row, built from the same columns).
    for (std::size_t i = 0; i < t.rows(); i += 7) {
        if (t.expect[i] != 0) continue;
        pe_table one;
        one.diploma = {t.diploma[i]};
        one.activation = {t.activation[i]};
        one.cday.assign(t.cday.begin() + t.coff[i], t.cday.begin() + t.coff[i + 1]);
        one.cpts.assign(t.cpts.begin() + t.coff[i], t.cpts.begin() + t.coff[i + 1]);
        one.coff = {0, static_cast<std::int64_t>(one.cday.size())};
        one.rday.assign(t.rday.begin() + t.roff[i], t.rday.begin() + t.roff[i + 1]);
        one.roff = {0, static_cast<std::int64_t>(one.rday.size())};
        pe_out o1(1);
        pe::status_batch(E().pe(), date(2025, 6, 1), one.columns(), o1.results());
        ASSERT_EQ(o1.row(0), out.row(i)) << "row " << i;
    }
}

TEST(IntegrityPe, SameBytesOnOneAndSeveralThreads) {
    const pe_table t = generated_pe(5000);
    pe_out one(t.rows()), many(t.rows());
    pe::status_batch(E().pe(), date(2025, 6, 1), t.columns(), one.results());
    const auto res = many.results();
    const std::size_t k = 4, step = (t.rows() + k - 1) / k;
    std::vector<std::thread> ts;
    for (std::size_t b = 0; b < t.rows(); b += step)
        ts.emplace_back([&, b] { pe::status_batch(E().pe(), date(2025, 6, 1), t.columns(), res, b, b + step); });
    for (auto& th : ts) th.join();
    EXPECT_TRUE(one == many);
}

// ---- leave columns -----------------------------------------------------------

struct leave_table {
    std::vector<std::uint8_t> region, type, coin;
    std::vector<std::int32_t> sy, start, expect_status;  // 99: any decided status
    std::vector<std::int64_t> contract, full, given, att, unj;
    void add(std::mt19937& rng, int bad) {
        const int y = 2019 + static_cast<int>(rng() % 5);
        region.push_back(static_cast<std::uint8_t>(1 + rng() % 3));
        type.push_back(static_cast<std::uint8_t>(rng() % 6));
        coin.push_back(static_cast<std::uint8_t>(rng() % 2));
        sy.push_back(y);
        start.push_back(y * 10000 + 901 + static_cast<std::int32_t>(rng() % 20));
        contract.push_back(600 + static_cast<std::int64_t>(rng() % 1700));
        full.push_back(2280);
        given.push_back(1200 + static_cast<std::int64_t>(rng() % 9000));
        att.push_back(given.back() * static_cast<std::int64_t>(70 + rng() % 31) / 100);
        unj.push_back(rng() % 3 == 0 ? given.back() / 20 : 0);
        std::int32_t st = 99;
        switch (bad) {
            case 1:
                region.back() = 0, st = leave::batch_bad_region;
                break;
            case 2:
                att.back() = given.back() + 1, st = leave::batch_bad_minutes;
                break;
            case 3:
                start.back() = y * 10000 + 230, st = leave::batch_bad_date;
                break;  // 30 February
            case 4:
                type.back() = 9, st = leave::batch_bad_code;
                break;
            case 5:
                full.back() = 0, st = leave::batch_bad_full_time;
                break;
            case 6:
                contract.back() = -1, st = leave::batch_bad_minutes;
                break;
        }
        expect_status.push_back(st);
    }
    leave::batch_input input() const {
        leave::batch_input in;
        in.rows = region.size();
        in.region = region, in.school_year = sy, in.training_start = start, in.training_type = type;
        in.contract_minutes = contract, in.full_time_minutes = full, in.given_minutes = given;
        in.attended_minutes = att, in.unjustified_minutes = unj, in.coinciding = coin;
        return in;
    }
};

leave_table generated_leave(std::size_t n) {
    std::mt19937 rng(8);
    leave_table t;
    for (std::size_t i = 0; i < n; ++i) {
        const bool bad = i == 0 || i == n - 1 || i % 89 == 5;
        t.add(rng, bad ? static_cast<int>(i % 6) + 1 : 0);
    }
    return t;
}

TEST(IntegrityLeave, OneResultPerRowInOrderWithInjectedBadRows) {
    const leave_table t = generated_leave(3000);
    const std::size_t n = t.region.size();
    std::vector<std::int64_t> granted(n, -7);
    std::vector<std::int32_t> status(n, 77);
    std::vector<std::uint32_t> reasons(n);
    std::vector<std::uint8_t> regime(n, 77);
    leave::leave_hours_batch(E().leave(), t.input(), {granted, status, reasons, regime});
    for (std::size_t i = 0; i < n; ++i) {
        if (t.expect_status[i] != 99) {
            ASSERT_EQ(status[i], t.expect_status[i]) << "row " << i;
            ASSERT_EQ(granted[i], 0) << "row " << i;
        } else {
            ASSERT_TRUE(status[i] == leave::batch_granted || status[i] == leave::batch_not_eligible)
                << "row " << i << " status " << status[i];
            ASSERT_GE(granted[i], 0) << "row " << i;
        }
    }
    // Each good row alone gives what it gave among the bad ones.
    for (std::size_t i = 1; i < n; i += 11) {
        if (t.expect_status[i] != 99) continue;
        leave::batch_input one;
        one.rows = 1;
        one.region = std::span(&t.region[i], 1), one.school_year = std::span(&t.sy[i], 1);
        one.training_start = std::span(&t.start[i], 1), one.training_type = std::span(&t.type[i], 1);
        one.contract_minutes = std::span(&t.contract[i], 1), one.full_time_minutes = std::span(&t.full[i], 1);
        one.given_minutes = std::span(&t.given[i], 1), one.attended_minutes = std::span(&t.att[i], 1);
        one.unjustified_minutes = std::span(&t.unj[i], 1), one.coinciding = std::span(&t.coin[i], 1);
        std::int64_t g = -1;
        std::int32_t s = -1;
        std::uint32_t r = 0;
        std::uint8_t m = 0;
        leave::leave_hours_batch(E().leave(), one,
                                 {std::span(&g, 1), std::span(&s, 1), std::span(&r, 1), std::span(&m, 1)});
        ASSERT_EQ(std::make_tuple(g, s, r, m), std::make_tuple(granted[i], status[i], reasons[i], regime[i]))
            << "row " << i;
    }
}

// ---- the JSON path -------------------------------------------------------------

TEST(IntegrityJson, PeBookRowsOneResultEachInOrder) {
    // 2000 upload rows against a small dossier, every 10th bad in some way.
    json rows = json::array();
    std::set<std::size_t> bad;
    for (std::size_t i = 0; i < 2000; ++i) {
        json r{{"seu_number", "S" + std::to_string(i % 3)}, {"activity_id", "A1"}, {"completed", "2024-05-12"}};
        if (i % 10 == 3) {
            r["completed"] = "2023-02-29";
            bad.insert(i);
        }
        if (i % 10 == 7) {
            r.erase("activity_id");
            bad.insert(i);
        }
        if (i % 100 == 51) {
            r = json(42);
            bad.insert(i);
        }
        rows.push_back(r);
    }
    const json req{{"schema_version", 1},
                   {"kind", "pe.book"},
                   {"date", "2025-06-01"},
                   {"rows", rows},
                   {"dossier", json::parse(R"({"schema_version":1,
                      "participants":[{"seu_number":"S0","diploma_date":"2023-03-01"},{"seu_number":"S1","diploma_date":"2023-03-01"},
                                      {"seu_number":"S2","diploma_date":"2023-03-01"}],
                      "activities":[{"id":"A1","form":"classroom","net_minutes":240}],
                      "recognitions":[{"id":"R1","activity_id":"A1","decided":"2023-01-10","points":"4"}]})")}};
    const json out = json::parse(io::evaluate_json(E(), req.dump()));
    const json& res = out["result"];
    ASSERT_EQ(res["rows"].size(), rows.size());
    EXPECT_EQ(res["rows_in"], rows.size());
    EXPECT_EQ(res["booked"].get<std::size_t>() + res["rejected"].get<std::size_t>(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const json& r = res["rows"][i];
        ASSERT_EQ(r["line"], i + 1) << i;
        if (bad.count(i)) {
            ASSERT_EQ(r["status"], "rejected") << i;
            ASSERT_FALSE(r.value("field", std::string()).empty()) << i << ": " << r.dump();
        }
    }
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(IntegrityJson, SameBytesAcrossRunsAndThreads) {
    const std::string src = EDURULES_SOURCE_DIR;
    std::vector<std::string> reqs{
        R"({"schema_version":1,"kind":"pe.status","date":"2025-06-01","explain":true,"dossier":)" +
            read(src + "/examples/data/dossier.json") + "}",
        read(src + "/examples/data/leave.json"),
        R"({"schema_version":1,"kind":"rulebook.describe"})",
    };
    std::vector<std::string> first;
    for (const auto& r : reqs) first.push_back(io::evaluate_json(E(), r));
    for (const auto& r : first) ASSERT_GT(r.size(), 100u);
    // Again, from four threads at once, each request several times.
    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> ts;
    for (std::size_t k = 0; k < got.size(); ++k)
        ts.emplace_back([&, k] {
            for (int rep = 0; rep < 2; ++rep)
                for (std::size_t j = 0; j < reqs.size(); ++j)
                    got[k].push_back(io::evaluate_json(E(), reqs[(j + k) % reqs.size()]));
        });
    for (auto& t : ts) t.join();
    for (std::size_t k = 0; k < got.size(); ++k)
        for (std::size_t j = 0; j < got[k].size(); ++j)
            ASSERT_TRUE(got[k][j] == first[(j % reqs.size() + k) % reqs.size()]) << "thread " << k << " request " << j;
    // A second engine (a fresh rulebook load) answers byte for byte the same.
    const engine other;
    for (std::size_t j = 0; j < reqs.size(); ++j) ASSERT_TRUE(io::evaluate_json(other, reqs[j]) == first[j]) << j;
}

}  // namespace
