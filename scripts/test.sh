#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test:
#   1. the test suite through ctest: C++ (GoogleTest), C (the ABI from C,
#      valgrind, ThreadSanitizer threads, symbols, ABI baseline, packaging),
#      the command-line tool (incl. the HTML report in headless chromium),
#      Python (pytest), fuzz corpus replay, hostile inputs, batch integrity;
#   2. AddressSanitizer+UBSan over the C++/C suite and ThreadSanitizer over
#      the concurrency tests (scripts/sanitize.sh);
#   3. every libFuzzer target for a short bounded time (scripts/fuzz.sh);
#   4. the benchmarks in smoke mode, no timing assertions (bench/smoke.sh).
# Every stage runs even if an earlier one failed; the last line sums them up,
# and the exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
bash scripts/build.sh -DEDURULES_BUILD_BENCH=ON || exit 1
jobs=$(nproc 2>/dev/null || echo 2)
passed=0; failed=0; bad=()
tally() {  # tally STAGE LOG: adds the stage's "N passed, M failed" (or ctest's summary)
  # A stage's own "N passed, M failed" line wins (it may run several ctests);
  # else ctest's summary.
  local line p f
  line=$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
  if [ -n "$line" ]; then
    p=$(sed -E 's/^([^0-9]*: )?([0-9]+) passed.*/\2/' <<<"$line")
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  else
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$2" | tail -1)
    if [ -z "$line" ]; then failed=$((failed + 1)); bad+=("$1 (no summary)"); return; fi
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    p=$(( $(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line") - f ))
  fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || bad+=("$1")
}
stage() {  # stage NAME command...: runs it with its output shown and kept
  local name=$1; shift
  local log; log=$(mktemp)
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  tally "$name" "$log"
  if [ "$rc" -ne 0 ] && [[ " ${bad[*]-} " != *" $name"* ]]; then failed=$((failed + 1)); bad+=("$name (exit $rc)"); fi
  rm -f "$log"
}
# capi.tsan (a ThreadSanitizer build of its own inside ctest) is left to the
# sanitize stage, whose TSan tier runs the same tests and the integrity ones.
stage ctest bash -c "cd build && ctest --output-on-failure -j $jobs -E '^capi\.tsan$'"
stage sanitize bash scripts/sanitize.sh
stage fuzz env EDURULES_FUZZ_JOBS="$jobs" bash scripts/fuzz.sh 10
stage bench-smoke env EDURULES_BENCH_BUILD="$PWD/build" bash bench/smoke.sh
echo "=== summary${bad:+: failed in ${bad[*]}}"
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
