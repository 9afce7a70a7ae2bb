// Benchmarks through the C ABI (edurules.h) only: the JSON request path
// (edr_evaluate_json on the W1 and W2 fixtures the Node harness uses),
// loading a rulebook (built-in, and from JSON text), and a process's cold
// start to its first answer (first_answer.c and the edurules tool, spawned
// and waited for, N times).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "edurules/edurules.h"

extern char** environ;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

const edr_engine* engine() {
    static edr_engine* e = [] {
        edr_engine* x = nullptr;
        if (edr_engine_new(&x, nullptr) != EDR_OK) throw std::runtime_error(edr_error_last()->message);
        return x;
    }();
    return e;
}

/// The fixture requests of a workload (bench/fixtures/w1.json, w2.json), as text.
const std::vector<std::string>& requests(const char* name) {
    static std::vector<std::string> w1, w2;
    auto& v = std::string(name) == "w1" ? w1 : w2;
    if (v.empty()) {
        const auto all =
            nlohmann::json::parse(read_file(std::string(EDURULES_SOURCE_DIR) + "/bench/fixtures/" + name + ".json"));
        for (const auto& q : all) v.push_back(q.dump());
    }
    return v;
}

/// The W1 requests with `n` completions (all of them when n < 0).
std::vector<std::string> w1_with(long n) {
    std::vector<std::string> mine;
    for (const auto& q : requests("w1")) {
        const auto c = static_cast<long>(nlohmann::json::parse(q)["dossier"]["completions"].size());
        if (n < 0 || c == n) mine.push_back(q);
    }
    return mine;
}

/// Times edr_evaluate_json over `qs` in turn, reusing one output buffer.
void evaluate_in_turn(benchmark::State& st, const std::vector<std::string>& qs) {
    edr_buf out = EDR_BUF_INIT;
    std::size_t i = 0;
    for (auto _ : st) {
        const auto& q = qs[i++ % qs.size()];
        if (edr_evaluate_json(&out, engine(), q.data(), q.size()) != EDR_OK) {
            st.SkipWithError(edr_error_last()->message);
            break;
        }
        benchmark::DoNotOptimize(out.ptr);
    }
    edr_buf_dispose(&out);
    st.SetItemsProcessed(st.iterations());
}

/// W1 (pe.status of one participant) with a given number of completions,
/// or all 64 fixtures when the argument is -1.
void BM_capi_json_pe_status(benchmark::State& st) { evaluate_in_turn(st, w1_with(st.range(0))); }
BENCHMARK(BM_capi_json_pe_status)->Arg(0)->Arg(10)->Arg(30)->Arg(60)->Arg(-1);

/// The same requests with `"bookings": false` (the status alone, no record
/// per completion): what the Node harness asks on W1, as the peers answer it.
void BM_capi_json_pe_status_only(benchmark::State& st) {
    std::vector<std::string> qs = w1_with(st.range(0));
    for (auto& q : qs) {
        auto j = nlohmann::json::parse(q);
        j["bookings"] = false;
        q = j.dump();
    }
    evaluate_in_turn(st, qs);
}
BENCHMARK(BM_capi_json_pe_status_only)->Arg(0)->Arg(60)->Arg(-1);

// ---- the JSON limit: parsing the same request bytes and nothing else --------

/// Touches every value of an On-Demand value (the reading any decoder does at least).
std::size_t touch(simdjson::ondemand::value v) {
    using simdjson::ondemand::json_type;
    std::size_t n = 0;
    switch (v.type().value()) {
        case json_type::object:
            for (auto f : v.get_object()) n += f.unescaped_key().value().size() + touch(f.value());
            return n;
        case json_type::array:
            for (auto x : v.get_array()) n += touch(x.value());
            return n;
        case json_type::string:
            return v.get_string().value().size();
        case json_type::number:
            return static_cast<std::size_t>(v.get_double().value());
        case json_type::boolean:
            return v.get_bool().value();
        default:
            return v.is_null();
    }
}

/// simdjson On-Demand (the API the fast request reader uses) parsing each
/// request and touching every value: the JSON limit baseline of the JSON path.
void limit_in_turn(benchmark::State& st, const std::vector<std::string>& qs) {
    std::vector<simdjson::padded_string> padded;
    for (const auto& q : qs) padded.emplace_back(q);
    simdjson::ondemand::parser parser;
    std::size_t i = 0;
    for (auto _ : st) {
        auto doc = parser.iterate(padded[i++ % padded.size()]);
        std::size_t n = 0;
        for (auto f : doc.get_object()) n += f.unescaped_key().value().size() + touch(f.value());
        benchmark::DoNotOptimize(n);
    }
    st.SetItemsProcessed(st.iterations());
}
void BM_json_limit_pe_status(benchmark::State& st) { limit_in_turn(st, w1_with(st.range(0))); }
BENCHMARK(BM_json_limit_pe_status)->Arg(0)->Arg(10)->Arg(30)->Arg(60)->Arg(-1);
void BM_json_limit_leave_entitlement(benchmark::State& st) { limit_in_turn(st, requests("w2")); }
BENCHMARK(BM_json_limit_leave_entitlement);

/// For comparison: simdjson's DOM parser (runtime-dispatched SIMD kernels,
/// builds its tape) and nlohmann's SAX reader with handlers that do nothing,
/// on the same bytes (the readers the fast request reader was chosen from).
void BM_json_simdjson_dom_pe_status(benchmark::State& st) {
    const auto qs = w1_with(st.range(0));
    simdjson::dom::parser parser;
    std::size_t i = 0;
    for (auto _ : st) {
        simdjson::dom::element doc = parser.parse(qs[i++ % qs.size()]).value();
        benchmark::DoNotOptimize(doc);
    }
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_json_simdjson_dom_pe_status)->Arg(0)->Arg(60)->Arg(-1);

struct no_sax : nlohmann::json_sax<nlohmann::json> {
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(std::int64_t) override { return true; }
    bool number_unsigned(std::uint64_t) override { return true; }
    bool number_float(double, const std::string&) override { return true; }
    bool string(std::string&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(std::string&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};
void BM_json_nlohmann_sax_pe_status(benchmark::State& st) {
    const auto qs = w1_with(st.range(0));
    std::size_t i = 0;
    no_sax sax;
    for (auto _ : st) benchmark::DoNotOptimize(nlohmann::json::sax_parse(qs[i++ % qs.size()], &sax));
    st.SetItemsProcessed(st.iterations());
}
BENCHMARK(BM_json_nlohmann_sax_pe_status)->Arg(0)->Arg(60)->Arg(-1);

/// W2 (leave.entitlement of one worker over a school year of lessons with absences).
void BM_capi_json_leave_entitlement(benchmark::State& st) {
    const auto& all = requests("w2");
    evaluate_in_turn(st, all);
}
BENCHMARK(BM_capi_json_leave_entitlement);

/// Loading the built-in rulebook and building an engine on it.
void BM_capi_engine_builtin(benchmark::State& st) {
    for (auto _ : st) {
        edr_engine* e = nullptr;
        if (edr_engine_new(&e, nullptr) != EDR_OK) st.SkipWithError(edr_error_last()->message);
        edr_engine_free(e);
    }
}
BENCHMARK(BM_capi_engine_builtin);

/// Loading a rulebook from JSON text (the built-in one, exported) and building an engine.
void BM_capi_rulebook_parse_and_engine(benchmark::State& st) {
    edr_rulebook* rb = nullptr;
    edr_buf text = EDR_BUF_INIT;
    if (edr_rulebook_builtin(&rb) != EDR_OK || edr_rulebook_to_json(&text, rb) != EDR_OK) {
        st.SkipWithError(edr_error_last()->message);
        return;
    }
    edr_rulebook_free(rb);
    for (auto _ : st) {
        edr_engine* e = nullptr;
        if (edr_engine_new_json(&e, text.ptr, text.size, nullptr, 0) != EDR_OK)
            st.SkipWithError(edr_error_last()->message);
        edr_engine_free(e);
    }
    st.counters["rulebook_bytes"] = static_cast<double>(text.size);
    edr_buf_dispose(&text);
}
BENCHMARK(BM_capi_rulebook_parse_and_engine);

/// Spawns argv, waits for it, and fails on a non-zero exit.
void spawn_and_wait(benchmark::State& st, std::vector<std::string> argv) {
    std::vector<char*> a;
    for (auto& s : argv) a.push_back(s.data());
    a.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const auto t0 = std::chrono::steady_clock::now();
    if (posix_spawn(&pid, a[0], &fa, nullptr, a.data(), environ) != 0) {
        st.SkipWithError(("cannot spawn " + argv[0]).c_str());
        posix_spawn_file_actions_destroy(&fa);
        return;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const auto t1 = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) st.SkipWithError((argv[0] + " failed").c_str());
    st.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
}

const std::string tiny = std::string(EDURULES_SOURCE_DIR) + "/bench/fixtures/tiny_status.json";

/// Cold start of a small C program linked to libedurules_c: exec, engine, one answer.
void BM_cold_start_c_program(benchmark::State& st) {
    for (auto _ : st) spawn_and_wait(st, {EDR_FIRST_ANSWER, tiny});
}
BENCHMARK(BM_cold_start_c_program)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(20);

/// Cold start of the edurules tool: `edurules request tiny_status.json`.
void BM_cold_start_cli(benchmark::State& st) {
    if (std::string(EDR_CLI).empty()) {
        st.SkipWithError("the edurules tool was not built (EDURULES_BUILD_CLI=OFF)");
        return;
    }
    for (auto _ : st) spawn_and_wait(st, {EDR_CLI, "request", tiny});
}
BENCHMARK(BM_cold_start_cli)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(20);

/// A process that only execs and exits (/bin/true): the floor under both.
void BM_cold_start_floor(benchmark::State& st) {
    for (auto _ : st) spawn_and_wait(st, {"/bin/true"});
}
BENCHMARK(BM_cold_start_floor)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
