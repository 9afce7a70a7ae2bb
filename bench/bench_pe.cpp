// PE benchmarks: one participant's status (0..60 completions, explanations on
// and off), the columnar batch (10^3..10^7 participants, 1 and 2 threads), and
// the limit baseline: one plain pass over the same input columns.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "edurules/engine.hpp"
#include "pe_population.hpp"

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

/// One participant of the seeded population with `per` booked completions.
struct one_participant {
    std::vector<pe::booked_points> booked;
    pe::registration_facts facts;
    explicit one_participant(int per) {
        const auto pop = bench::make_pe_population(1, per);
        for (int k = 0; k < per; ++k)
            booked.push_back({pe::epoch_day(pop.completion_day[static_cast<std::size_t>(k)]),
                              pe::points{pop.points[static_cast<std::size_t>(k)]}});
        facts.diploma = pe::epoch_day(pop.diploma[0]);
    }
};

void single_status(benchmark::State& st, bool explain) {
    const one_participant one(static_cast<int>(st.range(0)));
    for (auto _ : st) {
        auto s = pe::status_at(eng().pe(), one.facts, pe::track::uitzendprofessional, pe::booked_span{one.booked}, at,
                               explain, false);
        benchmark::DoNotOptimize(s);
    }
    st.SetItemsProcessed(st.iterations());
}
void BM_pe_status_single(benchmark::State& st) { single_status(st, false); }
void BM_pe_status_single_explained(benchmark::State& st) { single_status(st, true); }
BENCHMARK(BM_pe_status_single)->Arg(0)->Arg(10)->Arg(30)->Arg(60);
BENCHMARK(BM_pe_status_single_explained)->Arg(0)->Arg(10)->Arg(30)->Arg(60);

/// The same decision into one status reused across calls (pe::status_into),
/// as a caller deciding many participants does: the explanation is then a
/// preallocated trace, and the plain and explained paths differ only by
/// what the explanation records.
void reused_status(benchmark::State& st, bool explain) {
    const one_participant one(static_cast<int>(st.range(0)));
    pe::status s;
    for (auto _ : st) {
        pe::status_into(eng().pe(), one.facts, pe::track::uitzendprofessional, pe::booked_span{one.booked}, at, explain,
                        false, s);
        benchmark::DoNotOptimize(s);
    }
    st.SetItemsProcessed(st.iterations());
}
void BM_pe_status_reused(benchmark::State& st) { reused_status(st, false); }
void BM_pe_status_reused_explained(benchmark::State& st) { reused_status(st, true); }
BENCHMARK(BM_pe_status_reused)->Arg(0)->Arg(60);
BENCHMARK(BM_pe_status_reused_explained)->Arg(0)->Arg(60);

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
                ts.emplace_back(
                    [&, t] { pe::status_batch(eng().pe(), at, in, out, n * t / threads, n * (t + 1) / threads); });
            for (auto& t : ts) t.join();
        }
        benchmark::ClobberMemory();
    }
    st.SetItemsProcessed(st.iterations() * static_cast<std::int64_t>(n));
    st.counters["bytes_in_per_participant"] = in_bytes(10);
    st.counters["bytes_out_per_participant"] = out_bytes;
    st.counters["peak_rss_bytes_per_participant"] = peak_rss_bytes() / static_cast<double>(n);
}
BENCHMARK(BM_pe_status_batch)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({10000000, 1})
    ->Args({100000, 2})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The limit baseline: read the same input columns once (a plain sum), on
// 1 or 2 threads (each reading its half).
std::int64_t column_sum(const bench::pe_population& pop, std::size_t b, std::size_t e) {
    std::int64_t sum = 0;
    for (std::size_t i = b; i < e; ++i)
        sum += pop.diploma[i] + pop.activation[i] + pop.offsets[i] + pop.renewal_offsets[i];
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
BENCHMARK(BM_pe_limit_baseline)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({10000000, 1})
    ->Args({100000, 2})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

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
    const one_participant one(60);
    double first = 0, last = 0;
    for (auto _ : st) {
        for (std::int64_t c = 0; c < calls; ++c) {
            auto s = pe::status_at(eng().pe(), one.facts, pe::track::uitzendprofessional, pe::booked_span{one.booked},
                                   at, true, false);
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

// Bench-local prototypes (not engine code) for the month arithmetic that perf
// shows at about a fifth of the PE batch's time (edurules::add_months via
// period::of_months): the same arithmetic on day numbers with the
// civil-from-days / days-from-civil algorithms (checked against add_months on
// every day 1900..2100), and a table of period ends built once.
namespace civil {
constexpr std::int64_t days_from(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
struct ymd {
    std::int64_t y;
    unsigned m, d;
};
constexpr ymd from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
}
constexpr unsigned last_day(std::int64_t y, unsigned m) {
    constexpr unsigned char t[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : t[m - 1];
}
/// Epoch days in, epoch days out.
constexpr std::int64_t add_months(std::int64_t z, int n, month_overflow policy) {
    const ymd a = from_days(z);
    const std::int64_t ym = a.y * 12 + (a.m - 1) + n;
    const std::int64_t y = ym >= 0 ? ym / 12 : (ym - 11) / 12;
    const auto m = static_cast<unsigned>(ym - y * 12 + 1);
    const unsigned last = last_day(y, m);
    if (a.d <= last) return days_from(y, m, a.d);
    return days_from(y, m, last) + (policy == month_overflow::roll_forward ? 1 : 0);
}
}  // namespace civil

std::vector<std::int32_t> random_days(std::size_t n) {
    std::mt19937 rng(11);
    std::vector<std::int32_t> v(n);
    for (auto& x : v) x = pe::to_epoch_day(date(2021, 1, 1)) + static_cast<std::int32_t>(rng() % 1600);
    return v;
}
void BM_proto_add_months_boost(benchmark::State& st) {
    const auto days = random_days(4096);
    std::size_t i = 0;
    for (auto _ : st) {
        const date d = add_months(pe::epoch_day(days[i++ & 4095]), 24, month_overflow::roll_forward);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_proto_add_months_boost);
void BM_proto_add_months_civil(benchmark::State& st) {
    for (std::int32_t z = pe::to_epoch_day(date(1900, 1, 1)); z < pe::to_epoch_day(date(2100, 1, 1)); ++z)
        for (auto pol : {month_overflow::roll_forward, month_overflow::clamp})
            if (civil::add_months(z, 24, pol) != pe::to_epoch_day(add_months(pe::epoch_day(z), 24, pol)) ||
                civil::add_months(z, 1, pol) != pe::to_epoch_day(add_months(pe::epoch_day(z), 1, pol))) {
                st.SkipWithError("the prototype disagrees with edurules::add_months");
                return;
            }
    const auto days = random_days(4096);
    std::size_t i = 0;
    for (auto _ : st) {
        const std::int64_t d = civil::add_months(days[i++ & 4095], 24, month_overflow::roll_forward);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_proto_add_months_civil);
/// A table of "start day -> last day of its 24-month period" for 2000..2100
/// (37k entries, 146 KiB): what an engine could compile once per rulebook.
void BM_proto_period_end_table(benchmark::State& st) {
    const std::int32_t lo = pe::to_epoch_day(date(2000, 1, 1)), hi = pe::to_epoch_day(date(2100, 1, 1));
    std::vector<std::int32_t> table(static_cast<std::size_t>(hi - lo));
    for (std::int32_t z = lo; z < hi; ++z)
        table[static_cast<std::size_t>(z - lo)] =
            static_cast<std::int32_t>(civil::add_months(z, 24, month_overflow::roll_forward) - 1);
    const auto days = random_days(4096);
    std::size_t i = 0;
    for (auto _ : st) {
        const std::int32_t z = days[i++ & 4095];
        const std::int32_t last =
            z >= lo && z < hi ? table[static_cast<std::size_t>(z - lo)]
                              : static_cast<std::int32_t>(civil::add_months(z, 24, month_overflow::roll_forward) - 1);
        benchmark::DoNotOptimize(last);
    }
}
BENCHMARK(BM_proto_period_end_table);
}  // namespace

BENCHMARK_MAIN();
