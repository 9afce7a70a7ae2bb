#!/usr/bin/env bash
# Regenerates the committed ABI baseline abi/edurules_c.abi from a build of
# libedurules_c (RelWithDebInfo or Debug, so it has debug info). Run it only
# for an intended ABI change and commit the result with the change; see
# abi/README.md. Usage: abi-update.sh [path/to/libedurules_c.so]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lib=${1:-}
if [ -z "$lib" ]; then
  for d in build-capi build; do
    if [ -e "$here/$d/src/capi/libedurules_c.so" ]; then lib=$here/$d/src/capi/libedurules_c.so; break; fi
  done
fi
if [ -z "$lib" ] || [ ! -e "$lib" ]; then
  echo "abi-update: build libedurules_c first, or pass its path" >&2
  exit 1
fi
mkdir -p "$here/abi"
# Only what edurules.h declares: the exported functions and the types they
# reach (edr_error, edr_buf); the opaque handles stay declarations and the
# C++ core's types stay out. The header path must be absolute to match the
# debug info.
abidw --no-corpus-path --no-comp-dir-path --no-show-locs \
  --header-file "$here/include/edurules/edurules.h" --drop-private-types --exported-interfaces-only \
  --out-file "$here/abi/edurules_c.abi" "$(readlink -f "$lib")"
# A build through ccache with base_dir set records relative source paths in
# the debug info; abidw then cannot match them to the header and silently
# drops every struct, leaving a baseline that checks function names only.
if ! grep -q "<class-decl name='edr_error'" "$here/abi/edurules_c.abi"; then
  git -C "$here" checkout -q -- abi/edurules_c.abi 2>/dev/null || true
  echo "abi-update: $lib has no usable type information for edurules.h (relative debug paths?)." >&2
  echo "abi-update: rebuild the C shim without ccache and retry, e.g." >&2
  echo "  rm -f build/src/capi/CMakeFiles/edurules_c.dir/*.o && CCACHE_DISABLE=1 cmake --build build --target edurules_c" >&2
  exit 1
fi
echo "abi-update: wrote abi/edurules_c.abi from $lib"
