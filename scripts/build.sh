#!/usr/bin/env bash
# Configures and builds edurules in ./build (Release with debug info).
# Python bindings are built against Debian's /usr/bin/python3 explicitly.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
gen=()
if command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEDURULES_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 "$@"
fi
cmake --build build -j "$jobs"
