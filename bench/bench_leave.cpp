// Leave benchmarks: one worker's school year (weekly lessons with absences,
// trimester certificate periods and the 10% rule, as W2 of the Node harness)
// through leave::evaluate, explanations off and on; the v1 columnar batch
// (10^3..10^7 rows, 1 and 2 threads) and the limit baseline over its
// columns; the v2 facts batch (`leave_facts_batch`: workers with weekly
// lessons and absences as CSR columns, 10^3..10^5 workers, 1 and 2 threads)
// and the limit baseline over its columns.
#include <benchmark/benchmark.h>

#include <random>
#include <thread>

#include "edurules/engine.hpp"
#include "edurules/leave/batch.hpp"
#include "edurules/leave/columns.hpp"
#include "edurules/leave/evaluate.hpp"

using namespace edurules;
using namespace edurules::leave;

namespace {
const engine& eng() {
    static const engine e;
    return e;
}

/// A full-time Walloon worker with one training: `weeks` weekly lessons from
/// September 2023, an unjustified or justified absence on ~`absent_pct`% of them.
worker make_worker(int weeks, int absent_pct, std::uint32_t seed = 3) {
    std::mt19937 rng(seed);
    worker w;
    w.id = "W";
    w.reg = region::wallonia;
    w.jobs.push_back(job{date(2015, 1, 1), std::nullopt, 2280, 2280, schedule::fixed});
    training t;
    t.id = "T";
    t.type = training_type::professional;
    date d(2023, 9, 6);
    for (int k = 0; k < weeks; ++k, d += boost::gregorian::days(7)) {
        const int len = 30 * static_cast<int>(4 + rng() % 4);
        t.lessons.push_back(lesson{d, 18 * 60, 18 * 60 + len});
        if (static_cast<int>(rng() % 100) < absent_pct) {
            absence a;
            a.day = d;
            a.length = minutes{len};
            a.reason = rng() % 2 ? "illness" : "unjustified";
            t.absences.push_back(a);
        }
    }
    t.start = t.lessons.front().day;
    w.trainings.push_back(std::move(t));
    return w;
}

void single(benchmark::State& st, bool explain) {
    const worker w = make_worker(static_cast<int>(st.range(0)), 12);
    for (auto _ : st) {
        auto r = evaluate(eng().leave(), w, school_year(2023), explain);
        benchmark::DoNotOptimize(r);
    }
    st.SetItemsProcessed(st.iterations());
}
void BM_leave_worker_single(benchmark::State& st) { single(st, false); }
void BM_leave_worker_single_explained(benchmark::State& st) { single(st, true); }
BENCHMARK(BM_leave_worker_single)->Arg(10)->Arg(40);
BENCHMARK(BM_leave_worker_single_explained)->Arg(10)->Arg(40);

/// Rows like W3 leave of the Node harness (Wallonia 2023-2024, shares 4/5..1).
struct leave_population {
    std::vector<std::uint8_t> region, type;
    std::vector<std::int32_t> year, start;
    std::vector<std::int64_t> contract, full, given, attended, unjustified;
    explicit leave_population(std::size_t n, std::uint32_t seed = 9) {
        std::mt19937 rng(seed);
        const std::uint8_t types[] = {0, 1, 4};
        const std::int64_t contracts[] = {2280, 2040, 1824};
        for (std::size_t i = 0; i < n; ++i) {
            region.push_back(3);
            year.push_back(2023);
            start.push_back(20230901 + static_cast<std::int32_t>(rng() % 28));
            type.push_back(types[rng() % 3]);
            contract.push_back(contracts[rng() % 3]);
            full.push_back(2280);
            const std::int64_t g = 30 * (40 + static_cast<std::int64_t>(rng() % 261));
            const std::int64_t u = rng() % 10 < 3 ? 30 * static_cast<std::int64_t>(rng() % (g / 150 + 1)) : 0;
            const std::int64_t j = 30 * static_cast<std::int64_t>(rng() % (g / 300 + 1));
            given.push_back(g);
            unjustified.push_back(u);
            attended.push_back(std::max<std::int64_t>(0, g - u - j));
        }
    }
    batch_input columns(std::size_t b, std::size_t e) const {
        batch_input in;
        in.rows = e - b;
        auto s = [&](const auto& v) { return std::span(v.data() + b, e - b); };
        in.region = s(region);
        in.school_year = s(year);
        in.training_start = s(start);
        in.training_type = s(type);
        in.contract_minutes = s(contract);
        in.full_time_minutes = s(full);
        in.given_minutes = s(given);
        in.attended_minutes = s(attended);
        in.unjustified_minutes = s(unjustified);
        return in;
    }
    static constexpr double bytes_per_row = 1 + 1 + 4 + 4 + 5 * 8;
};

void BM_leave_batch(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const auto threads = static_cast<unsigned>(st.range(1));
    const leave_population pop(n);
    std::vector<std::int64_t> granted(n);
    std::vector<std::int32_t> status(n);
    std::vector<std::uint32_t> reasons(n);
    auto run = [&](std::size_t b, std::size_t e) {
        batch_output out{std::span(granted.data() + b, e - b),
                         std::span(status.data() + b, e - b),
                         std::span(reasons.data() + b, e - b),
                         {}};
        leave_hours_batch(eng().leave(), pop.columns(b, e), out);
    };
    for (auto _ : st) {
        if (threads <= 1) {
            run(0, n);
        } else {
            std::vector<std::thread> ts;
            for (unsigned t = 0; t < threads; ++t)
                ts.emplace_back([&, t] { run(n * t / threads, n * (t + 1) / threads); });
            for (auto& t : ts) t.join();
        }
        benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_row"] = leave_population::bytes_per_row;
}
BENCHMARK(BM_leave_batch)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({10000000, 1})
    ->Args({100000, 2})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// The limit baseline for the leave columns: read them once (a plain sum).
void BM_leave_limit_baseline(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const leave_population pop(n);
    for (auto _ : st) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            sum += pop.region[i] + pop.type[i] + pop.year[i] + pop.start[i] + pop.contract[i] + pop.full[i] +
                   pop.given[i] + pop.attended[i] + pop.unjustified[i];
        benchmark::DoNotOptimize(sum);
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_leave_limit_baseline)->Arg(1000)->Arg(100000)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond);

/// Workers for the v2 batch, like `make_worker` (Wallonia 2023-2024, one
/// training of 10..40 weekly lessons of 2..3.5 h, ~12% of them missed,
/// illness or unjustified), with the shares of the v1 population; as facts
/// columns (every column `facts_table` writes, optional ones included).
struct facts_population {
    facts_table table;
    explicit facts_population(std::size_t n, std::uint32_t seed = 11) {
        std::mt19937 rng(seed);
        const training_type types[] = {training_type::professional, training_type::general, training_type::language};
        const std::int64_t contracts[] = {2280, 2040, 1824};
        for (std::size_t i = 0; i < n; ++i) {
            worker w = make_worker(10 + static_cast<int>(rng() % 31), 12, static_cast<std::uint32_t>(rng()));
            w.jobs.front().contract_minutes_per_week = contracts[rng() % 3];
            training& t = w.trainings.front();
            t.type = types[rng() % 3];
            const auto shift = boost::gregorian::days(static_cast<long>(rng() % 7));
            for (auto& l : t.lessons) l.day += shift;
            for (auto& a : t.absences) a.day += shift;
            t.start = t.lessons.front().day;
            table.add(w, school_year(2023));
        }
    }
    /// Calls `f(span)` for every input column (each value read once).
    template <class F>
    void each_column(F&& f) const {
        const auto& t = table;
        f(t.region), f(t.school_year), f(t.sector), f(t.at_most_upper_secondary), f(t.vov_sanctioned);
        f(t.bev_elsewhere), f(t.wage), f(t.new_job_on), f(t.passed_off), f(t.passed);
        f(t.job_off), f(t.job_from), f(t.job_to), f(t.job_contract), f(t.job_full), f(t.job_variable);
        f(t.training_off), f(t.type), f(t.coinciding), f(t.raised), f(t.organisation), f(t.lesson_periods);
        f(t.recognised), f(t.counting), f(t.graduate), f(t.exam_contract), f(t.employer_proposed);
        f(t.career_oriented), f(t.assessment), f(t.start), f(t.language_kind), f(t.module_code), f(t.provider);
        f(t.career_attest), f(t.enrolled_on), f(t.exams), f(t.credits), f(t.competences);
        f(t.lesson_off), f(t.lesson_day), f(t.lesson_start), f(t.lesson_end), f(t.lesson_mode);
        f(t.lesson_cancelled), f(t.lesson_coinciding);
        f(t.absence_off), f(t.absence_day), f(t.absence_reason), f(t.absence_declared), f(t.absence_hol_from);
        f(t.absence_hol_to), f(t.absence_minutes), f(t.taken_off), f(t.taken_day), f(t.taken_minutes);
    }
    double bytes_per_worker() const {
        std::size_t bytes = 0;
        each_column([&](const auto& v) { bytes += v.size() * sizeof(v[0]); });
        return static_cast<double>(bytes) / static_cast<double>(table.region.size());
    }
};

void BM_leave_facts_batch(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const auto threads = static_cast<unsigned>(st.range(1));
    const facts_population pop(n);
    const facts_columns cols = pop.table.columns();
    const std::size_t T = cols.training_type.size();
    std::vector<std::int32_t> w_status(n), t_status(T);
    std::vector<std::int64_t> w_granted(n), t_granted(T), t_money(T);
    std::vector<std::uint32_t> t_reasons(T);
    worker_columns_out wo;
    wo.status = w_status;
    wo.granted_minutes = w_granted;
    training_columns_out to;
    to.status = t_status;
    to.granted_minutes = t_granted;
    to.reasons = t_reasons;
    to.reimbursement_cents = t_money;
    for (auto _ : st) {
        if (threads <= 1) {
            leave_facts_batch(eng().leave(), cols, wo, to);
        } else {  // the columns checked once, then each thread decides its workers with its own scratch
            facts_batch::check_shape(cols, wo, to);
            std::vector<std::thread> ts;
            for (unsigned t = 0; t < threads; ++t)
                ts.emplace_back([&, t] {
                    facts_batch::scratch s;
                    facts_batch::run(eng().leave(), cols, n * t / threads, n * (t + 1) / threads, wo, to, s);
                });
            for (auto& t : ts) t.join();
        }
        benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_worker"] = pop.bytes_per_worker();
    st.counters["lessons_per_worker"] = static_cast<double>(pop.table.lesson_day.size()) / static_cast<double>(n);
}
BENCHMARK(BM_leave_facts_batch)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// The limit baseline for the v2 columns: read every input column once (a plain sum).
void BM_leave_facts_limit_baseline(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const facts_population pop(n);
    for (auto _ : st) {
        std::int64_t sum = 0;
        pop.each_column([&](const auto& v) {
            for (const auto x : v) sum += static_cast<std::int64_t>(x);
        });
        benchmark::DoNotOptimize(sum);
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_worker"] = pop.bytes_per_worker();
}
BENCHMARK(BM_leave_facts_limit_baseline)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
