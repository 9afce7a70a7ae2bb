// PE benchmarks: one participant's status (0..60 completions, explanations on
// and off), the columnar batch (10^3..10^7 participants, 1 and 2 threads), and
// the limit baseline: one plain pass over the same input columns.
#include "edurules/engine.hpp"
#include "pe_population.hpp"

#include <benchmark/benchmark.h>

#include <thread>

using namespace edurules;

namespace {
const engine& eng() {
    static const engine e;
    return e;
}
const boost::gregorian::date at(2025, 6, 1);

void single_status(benchmark::State& st, bool explain) {
    const auto per = static_cast<int>(st.range(0));
    const auto pop = bench::make_pe_population(1, per);
    std::vector<pe::booked_points> booked;
    for (int k = 0; k < per; ++k) booked.push_back({pe::epoch_day(pop.completion_day[static_cast<std::size_t>(k)]), pe::points{pop.points[static_cast<std::size_t>(k)]}});
    pe::registration_facts f;
    f.diploma = pe::epoch_day(pop.diploma[0]);
    for (auto _ : st) {
        auto s = pe::status_at(eng().pe(), f, pe::track::uitzendprofessional, pe::booked_span{booked}, at, explain, false);
        benchmark::DoNotOptimize(s);
    }
    st.SetItemsProcessed(st.iterations());
}
void BM_pe_status_single(benchmark::State& st) { single_status(st, false); }
void BM_pe_status_single_explained(benchmark::State& st) { single_status(st, true); }
BENCHMARK(BM_pe_status_single)->Arg(0)->Arg(10)->Arg(30)->Arg(60);
BENCHMARK(BM_pe_status_single_explained)->Arg(0)->Arg(10)->Arg(30)->Arg(60);

void BM_pe_status_batch(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const auto threads = static_cast<unsigned>(st.range(1));
    const auto pop = bench::make_pe_population(n, 10);
    bench::pe_results res(n);
    const auto in = pop.columns();
    const auto out = res.spans();
    for (auto _ : st) {
        if (threads <= 1) {
            benchmark::DoNotOptimize(pe::status_batch(eng().pe(), at, in, out));
        } else {
            std::vector<std::thread> ts;
            for (unsigned t = 0; t < threads; ++t)
                ts.emplace_back([&, t] { pe::status_batch(eng().pe(), at, in, out, n * t / threads, n * (t + 1) / threads); });
            for (auto& t : ts) t.join();
        }
        benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_participant"] = static_cast<double>(sizeof(std::int32_t) * 2 + sizeof(std::int64_t) * 2 +
                                                                  10 * (sizeof(std::int32_t) + sizeof(std::int64_t)));
}
BENCHMARK(BM_pe_status_batch)->Args({1000, 1})->Args({100000, 1})->Args({1000000, 1})->Args({10000000, 1})
    ->Args({100000, 2})->Args({1000000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// The limit baseline: read the same input columns once (a plain sum).
void BM_pe_limit_baseline(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const auto pop = bench::make_pe_population(n, 10);
    for (auto _ : st) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i) sum += pop.diploma[i] + pop.activation[i] + pop.offsets[i] + pop.renewal_offsets[i];
        for (std::size_t k = 0; k < pop.points.size(); ++k) sum += pop.completion_day[k] + pop.points[k];
        benchmark::DoNotOptimize(sum);
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_pe_limit_baseline)->Arg(1000)->Arg(100000)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond);

void BM_rulebook_builtin_parse(benchmark::State& st) {
    for (auto _ : st) {
        auto rb = std::make_shared<const rulebook>(rulebook::overlaid(*rulebook::builtin(), rulebook{}));
        engine e(rb);
        benchmark::DoNotOptimize(e);
    }
}
BENCHMARK(BM_rulebook_builtin_parse);
}  // namespace

BENCHMARK_MAIN();
