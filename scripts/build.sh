#!/usr/bin/env bash
# Configures and builds edurules in ./build (Release with debug info), with
# the Python bindings built against Debian's /usr/bin/python3 explicitly
# (whatever python3 comes first on PATH). Re-running re-applies the options,
# so an older ./build is brought in line; the generator is chosen only once.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
gen=()
if [ ! -f build/CMakeCache.txt ] && command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
cmake -S . -B build "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DEDURULES_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
cmake --build build -j "$jobs"
