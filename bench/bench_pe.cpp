// PE benchmarks: one participant's status (0..60 completions, explanations on
// and off), the columnar batch (10^3..10^7 participants, 1 and 2 threads), and
// the limit baseline: one plain pass over the same input columns.
#include "edurules/engine.hpp"
#include "pe_population.hpp"

#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

using namespace edurules;

namespace {
const engine& eng() {
    static const engine e;
    return e;
}
const boost::gregorian::date at(2025, 6, 1);

/// Resident set size now, from /proc/self/statm (0 if unavailable).
double rss_bytes() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}
/// Peak resident set size of the process so far.
double peak_rss_bytes() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) * 1024.0;
}
/// Bytes of input and output columns per participant at `per` completions.
constexpr double in_bytes(int per) { return 2 * 4 + 2 * 8 + per * (4 + 8); }
constexpr double out_bytes = 1 + 1 + 4 + 4 + 8 + 8 + 4 + 1 + 4;

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
    st.counters["bytes_in_per_participant"] = in_bytes(10);
    st.counters["bytes_out_per_participant"] = out_bytes;
    st.counters["peak_rss_bytes_per_participant"] = peak_rss_bytes() / static_cast<double>(n);
}
BENCHMARK(BM_pe_status_batch)->Args({1000, 1})->Args({100000, 1})->Args({1000000, 1})->Args({10000000, 1})
    ->Args({100000, 2})->Args({1000000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// The limit baseline: read the same input columns once (a plain sum), on
// 1 or 2 threads (each reading its half).
std::int64_t column_sum(const bench::pe_population& pop, std::size_t b, std::size_t e) {
    std::int64_t sum = 0;
    for (std::size_t i = b; i < e; ++i) sum += pop.diploma[i] + pop.activation[i] + pop.offsets[i] + pop.renewal_offsets[i];
    const auto k0 = static_cast<std::size_t>(pop.offsets[b]), k1 = static_cast<std::size_t>(pop.offsets[e]);
    for (std::size_t k = k0; k < k1; ++k) sum += pop.completion_day[k] + pop.points[k];
    return sum;
}
void BM_pe_limit_baseline(benchmark::State& st) {
    const auto n = static_cast<std::size_t>(st.range(0));
    const auto threads = static_cast<unsigned>(st.range(1));
    const auto pop = bench::make_pe_population(n, 10);
    for (auto _ : st) {
        if (threads <= 1) {
            benchmark::DoNotOptimize(column_sum(pop, 0, n));
        } else {
            std::vector<std::thread> ts;
            std::vector<std::int64_t> sums(threads);
            for (unsigned t = 0; t < threads; ++t)
                ts.emplace_back([&, t] { sums[t] = column_sum(pop, n * t / threads, n * (t + 1) / threads); });
            for (auto& t : ts) t.join();
            benchmark::DoNotOptimize(sums.data());
        }
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_participant"] = in_bytes(10);
}
BENCHMARK(BM_pe_limit_baseline)->Args({1000, 1})->Args({100000, 1})->Args({1000000, 1})->Args({10000000, 1})
    ->Args({100000, 2})->Args({1000000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

// Memory stays flat: 10^7 evaluations (100 passes over 10^5 participants)
// with the resident set measured after the first pass and after the last.
void BM_pe_memory_flat_batch(benchmark::State& st) {
    const std::size_t n = 100000;
    const int passes = static_cast<int>(st.range(0));
    const auto pop = bench::make_pe_population(n, 10);
    bench::pe_results res(n);
    const auto in = pop.columns();
    const auto out = res.spans();
    double first = 0, last = 0;
    for (auto _ : st) {
        for (int p = 0; p < passes; ++p) {
            benchmark::DoNotOptimize(pe::status_batch(eng().pe(), at, in, out));
            if (p == 0) first = rss_bytes();
        }
        last = rss_bytes();
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n) * passes);
    st.counters["evaluations"] = static_cast<double>(n) * passes;
    st.counters["rss_after_first_pass_bytes"] = first;
    st.counters["rss_after_last_pass_bytes"] = last;
    st.counters["rss_growth_bytes"] = last - first;
    st.counters["column_bytes_per_participant"] = in_bytes(10) + out_bytes;
}
BENCHMARK(BM_pe_memory_flat_batch)->Arg(100)->Iterations(1)->Unit(benchmark::kMillisecond);

// The same for the single path with explanations on (allocates per call):
// 10^6 calls, resident set after the first 10^4 and at the end.
void BM_pe_memory_flat_single(benchmark::State& st) {
    const auto calls = st.range(0);
    const auto pop = bench::make_pe_population(1, 60);
    std::vector<pe::booked_points> booked;
    for (int k = 0; k < 60; ++k) booked.push_back({pe::epoch_day(pop.completion_day[static_cast<std::size_t>(k)]), pe::points{pop.points[static_cast<std::size_t>(k)]}});
    pe::registration_facts f;
    f.diploma = pe::epoch_day(pop.diploma[0]);
    double first = 0, last = 0;
    for (auto _ : st) {
        for (std::int64_t c = 0; c < calls; ++c) {
            auto s = pe::status_at(eng().pe(), f, pe::track::uitzendprofessional, pe::booked_span{booked}, at, true, false);
            benchmark::DoNotOptimize(s);
            if (c == 10000) first = rss_bytes();
        }
        last = rss_bytes();
    }
    st.SetItemsProcessed(st.iterations() * calls);
    st.counters["rss_growth_bytes"] = last - first;
}
BENCHMARK(BM_pe_memory_flat_single)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond);

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
