#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: C++ (GoogleTest),
# C, the command-line tool and Python (pytest), all through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
