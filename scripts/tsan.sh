#!/usr/bin/env bash
# ThreadSanitizer run of the C ABI's concurrency test: builds the C++ core,
# libedurules_c and tests/c/test_threads.c with -fsanitize=thread in
# ./build-tsan (or $EDURULES_TSAN_BUILD_DIR), then runs ctest capi.threads
# (several threads evaluating on one shared engine) and capi.c. Fails on any
# data race TSan reports. Also run by ctest as capi.tsan (incremental after
# the first run). Usage: bash scripts/tsan.sh [extra cmake options]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${EDURULES_TSAN_BUILD_DIR:-build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)
gen=()
if command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 -g1 (line tables): what TSan needs for useful reports, and much
  # quicker to compile than the default -O2 -g.
  cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DEDURULES_SANITIZE=thread -DEDURULES_BUILD_CLI=OFF -DEDURULES_INSTALL=OFF "$@"
fi
cmake --build "$build" -j "$jobs" --target test_capi_threads test_capi
# halt_on_error: the first race fails the run; TSan's default exit code is 66.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
# Some kernels randomise mmap more than TSan's shadow layout allows; running
# without address randomisation (setarch -R) avoids "unexpected memory mapping".
runner=()
if command -v setarch >/dev/null 2>&1 && setarch "$(uname -m)" -R true 2>/dev/null; then
  runner=(setarch "$(uname -m)" -R)
fi
cd "$build"
"${runner[@]}" ctest -R '^capi\.(threads|c)$' --output-on-failure
