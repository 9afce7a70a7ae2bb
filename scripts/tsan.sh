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
  # Exactly the configuration of scripts/sanitize.sh's TSan tier, so that the
  # two share one build: -O1 -g1 (line tables), what TSan needs for useful
  # reports at about half the compile time of -O2 -g; the sanitizer also in
  # CMAKE_*_FLAGS so the core library is instrumented (fuzz/README.md, F9);
  # the hook adds tests/integrity.
  tsan="-fsanitize=thread -fno-omit-frame-pointer"
  cmake -S . -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g1" \
    -DEDURULES_SANITIZE=thread -DEDURULES_BUILD_CLI=OFF -DEDURULES_INSTALL=OFF \
    "-DCMAKE_CXX_FLAGS=$tsan" "-DCMAKE_C_FLAGS=$tsan" \
    "-DCMAKE_EXE_LINKER_FLAGS=$tsan" "-DCMAKE_SHARED_LINKER_FLAGS=$tsan" \
    -DEDURULES_BUILD_PYTHON=OFF -DEDURULES_BUILD_BENCH=OFF -DEDURULES_UNITY=ON \
    "-DCMAKE_PROJECT_edurules_INCLUDE=$PWD/fuzz/attach.cmake" "$@"
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
