#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzzer.cpp) with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer in ./build-fuzz (or $EDURULES_FUZZ_BUILD_DIR)
# and runs each for SECONDS (default 20) on a scratch copy of its committed
# corpus (fuzz/corpus/<name>), so CI does not grow the repository. Any
# finding fails the run and is left in build-fuzz/findings/<name>/.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Environment: EDURULES_FUZZ_JOBS (parallel targets, default 1),
# EDURULES_FUZZ_MERGE=1 (merge what was found back into fuzz/corpus: use it
# after a long local run, then commit the corpus), EDURULES_FUZZ_MASK_KNOWN=1
# (the targets step around the open findings of fuzz/README.md, so only new
# ones fail the run; set on the first configure of the build dir).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
secs=${1:-20}
shift || true
build=${EDURULES_FUZZ_BUILD_DIR:-build-fuzz}
cxx=${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++)}
cc=${CC_FUZZ:-$(command -v clang-14 || command -v clang)}
jobs=$(nproc 2>/dev/null || echo 2)
gen=()
if command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  # fuzzer-no-link gives the library libFuzzer's coverage instrumentation;
  # -fno-sanitize-recover makes every UBSan report a crash the fuzzer sees.
  # The sanitizers go in CMAKE_*_FLAGS, not only EDURULES_SANITIZE: the
  # top-level CMakeLists.txt adds those options after add_library(edurules),
  # so the core library itself would not be instrumented (fuzz/README.md, F9).
  san="-fsanitize=address,undefined -fno-omit-frame-pointer"
  # -O1 with line tables, as OSS-Fuzz builds its targets: about 40% less
  # compile time than -O2 (this build is part of every CI run).
  cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -DNDEBUG" \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
    "-DCMAKE_CXX_FLAGS=$san -fsanitize=fuzzer-no-link -fno-sanitize-recover=all -gline-tables-only" \
    "-DCMAKE_C_FLAGS=$san -fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
    "-DCMAKE_EXE_LINKER_FLAGS=$san" "-DCMAKE_SHARED_LINKER_FLAGS=$san" \
    -DEDURULES_SANITIZE=address,undefined -DEDURULES_FUZZ=ON -DEDURULES_UNITY=ON \
    -DEDURULES_FUZZ_MASK_KNOWN="$( [ "${EDURULES_FUZZ_MASK_KNOWN:-0}" = 1 ] && echo ON || echo OFF)" \
    -DEDURULES_BUILD_TESTS=OFF -DEDURULES_BUILD_CLI=OFF -DEDURULES_BUILD_PYTHON=OFF \
    -DEDURULES_BUILD_BENCH=OFF -DEDURULES_INSTALL=OFF \
    "-DCMAKE_PROJECT_edurules_INCLUDE=$src/fuzz/attach.cmake"
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(rulebook request request_diff dossier upload_csv dates capi_batch rulebook_values)
fi
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
failed=()
run_one() {
  local name=$1
  local work="$build/work/$name" found="$build/findings/$name"
  rm -rf "$work"; mkdir -p "$work" "$found"
  local dict=()
  [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  # -timeout: one input taking 10 s is a finding (a loop that does not end);
  # -rss_limit_mb: 2 GB, more than any input of max_len needs.
  # -max_len 16384: deep enough for every structure, too shallow for F2's
  # stack overflow (README) to come back on every run.
  if "$build/fuzz/fuzz_$name" "$work" "fuzz/corpus/$name" "${dict[@]}" \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -artifact_prefix="$found/" -print_final_stats=1 >"$build/findings/$name.log" 2>&1; then
    echo "fuzz $name: ok ($(grep -m1 'stat::number_of_executed_units' "$build/findings/$name.log" | awk '{print $2}') runs in ${secs}s)"
    if [ "${EDURULES_FUZZ_MERGE:-0}" = 1 ]; then
      "$build/fuzz/fuzz_$name" -merge=1 "fuzz/corpus/$name" "$work" >/dev/null 2>&1
    fi
    return 0
  fi
  echo "fuzz $name: FINDING (see $build/findings/$name.log and $found/)"
  grep -m5 -E 'ERROR|FINDING|runtime error' "$build/findings/$name.log" || true
  return 1
}
# EDURULES_FUZZ_JOBS targets at a time (each libFuzzer run is one process);
# every target's outcome is kept in a file and read back in target order.
par=${EDURULES_FUZZ_JOBS:-1}
mkdir -p "$build/findings"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$par" ]; do sleep 0.2; done
  ( if run_one "$t" >"$build/findings/$t.out" 2>&1; then echo 0; else echo 1; fi >"$build/findings/$t.rc" ) &
done
wait
for t in "${targets[@]}"; do
  cat "$build/findings/$t.out" 2>/dev/null
  [ "$(cat "$build/findings/$t.rc" 2>/dev/null)" = 0 ] || failed+=("$t")
done
echo "fuzz: $(( ${#targets[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed${failed:+ (${failed[*]})}"
[ ${#failed[@]} -eq 0 ]
