#!/usr/bin/env bash
# Smoke mode of the benchmarks, so they never rot: builds them, runs every
# suite for a moment (no timing assertions), checks the C program's first
# answer, runs the Node harness's correctness gate (if node and npm are
# present) and the report writer. Exits non-zero on any failure; the last
# line is "N passed, M failed".
#
# Build directory: $EDURULES_BENCH_BUILD if set; else ./build when scripts/build.sh
# has built the library there (the bench option is switched on and only the
# bench targets are built: seconds); else ./build-bench-smoke (Release, a full
# build: minutes on 2 cores).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
step() { # step NAME command...: runs it, output to a log shown on failure
  local name=$1
  shift
  local t0=$SECONDS
  if "$@" >"$log/step.out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL $name ($((SECONDS - t0)) s)"
    tail -25 "$log/step.out" | sed 's/^/     /'
  fi
}

gen=()
command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
if [ -n "${EDURULES_BENCH_BUILD:-}" ]; then
  build=$EDURULES_BENCH_BUILD
  configure=(cmake -S "$root" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DEDURULES_BUILD_BENCH=ON -DEDURULES_BUILD_TESTS=OFF)
elif [ -f "$root/build/CMakeCache.txt" ] && [ -f "$root/build/libedurules.a" ]; then
  build=$root/build
  configure=(cmake -S "$root" -B "$build" -DEDURULES_BUILD_BENCH=ON)
else
  build=$root/build-bench-smoke
  configure=(cmake -S "$root" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DEDURULES_BUILD_BENCH=ON -DEDURULES_BUILD_TESTS=OFF)
fi
jobs=$(nproc 2>/dev/null || echo 2)
targets=(bench_pe bench_leave bench_capi first_answer edurules_c edurules_cli)
build_all() { "${configure[@]}" && cmake --build "$build" -j "$jobs" --target "${targets[@]}"; }
step "build ($build)" build_all
bin=$build/bench
out=$log/results
mkdir -p "$out"

no_errors() { # the suite's JSON must hold results and no error
  /usr/bin/python3 - "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
runs = [b for b in doc["benchmarks"] if b.get("run_type") == "iteration"]
bad = [b["name"] + ": " + b.get("error_message", "") for b in runs if b.get("error_occurred")]
if not runs or bad:
    sys.exit("no results" if not runs else "\n".join(bad))
print(len(runs), "benchmarks ran")
EOF
}
suite() { # suite NAME FILTER
  "$bin/$1" --benchmark_filter="$2" --benchmark_min_time=0.01 --benchmark_out="$out/$1.json" \
    --benchmark_out_format=json >/dev/null && no_errors "$out/$1.json"
}
step "bench_pe" suite bench_pe '^BM_(pe_status_single|pe_status_batch/(1000|100000)/|pe_limit_baseline/(1000|100000)/|rulebook)'
step "bench_leave" suite bench_leave '^BM_leave_(worker|batch/(1000|100000)/|limit_baseline/(1000|100000)$)'
step "bench_capi" suite bench_capi '.'
first_answer() { "$bin/first_answer" "$root/bench/fixtures/tiny_status.json" | grep -q '"points_earned":"2.00"'; }
step "first_answer answers" first_answer
report() {
  cp "$out"/bench_*.json "$log/" && echo "smoke" >"$log/machine.txt" &&
    /usr/bin/python3 "$root/bench/report.py" "$log" "$log/RESULTS.md" "$log/results.png" && grep -q "## Targets" "$log/RESULTS.md"
}
step "report.py writes a report" report

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  node_gate() {
    (cd "$root/bench/node" && { [ -d node_modules/@gorules/zen-engine ] || npm install --no-audit --no-fund --silent; }) &&
      "$root/bench/node/build-addon.sh" "$build" &&
      EDURULES_BUILD="$build" node "$root/bench/node/harness.js" --gate-only
  }
  step "node harness: correctness gate (edurules, ZEN, json-logic-engine)" node_gate
else
  echo "skip node harness (node or npm not found)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
