#!/usr/bin/env bash
# Builds the benchmark's Node addon (addon.c) against Node's N-API headers
# and the C ABI library of a CMake build: build-addon.sh BUILD_DIR.
# Writes BUILD_DIR/bench/edurules_bench.node (nothing lands in the source tree).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: build-addon.sh BUILD_DIR}" && pwd)
lib="$build/src/capi"
[ -e "$lib/libedurules_c.so" ] || { echo "build-addon: no $lib/libedurules_c.so (build the edurules_c target first)" >&2; exit 1; }
inc=""
for d in /usr/include/node "$(dirname "$(dirname "$(command -v node)")")/include/node" "$here/node_modules/node-api-headers/include"; do
  if [ -f "$d/node_api.h" ]; then inc="$d"; break; fi
done
[ -n "$inc" ] || { echo "build-addon: node_api.h not found (apt-get install libnode-dev, or npm i node-api-headers)" >&2; exit 1; }
mkdir -p "$build/bench"
out="$build/bench/edurules_bench.node"
${CC:-cc} -std=c11 -O2 -fPIC -shared -Wall -Wextra -Wno-unused-parameter \
  -I"$inc" -I"$root/include" \
  "$here/addon.c" -o "$out" -L"$lib" -ledurules_c -Wl,-rpath,"$lib"
echo "$out"
