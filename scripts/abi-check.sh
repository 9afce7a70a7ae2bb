#!/usr/bin/env bash
# Compares the built C library's ABI with the committed baseline
# abi/edurules_c.abi (abigail-tools). Fails on an incompatible change; a
# compatible one (an added function) passes with a notice to refresh the
# baseline. Usage: abi-check.sh <libedurules_c.so> (ctest capi.abi).
# To change the ABI on purpose, see abi/README.md (scripts/abi-update.sh).
# The experimental entry points (#ifdef EDR_EXPERIMENTAL) are not checked.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lib=${1:?usage: abi-check.sh <libedurules_c.so>}
baseline=${2:-$here/abi/edurules_c.abi}
header=$here/include/edurules/edurules.h

if ! command -v abidiff >/dev/null; then
  echo "abi-check: abidiff not found (apt-get install abigail-tools); skipped" >&2
  exit 77
fi
if ! readelf -S "$lib" | grep -q '\.debug_info'; then
  echo "abi-check: $lib has no debug info (build RelWithDebInfo or Debug); skipped" >&2
  exit 77
fi
if [ ! -f "$baseline" ]; then
  echo "abi-check: no baseline at $baseline; create it with scripts/abi-update.sh" >&2
  exit 1
fi

# The experimental part of the header (between `#ifdef EDR_EXPERIMENTAL` and
# `#endif /* EDR_EXPERIMENTAL */`) may change in any version: its functions
# and types are left out of the comparison (an abidiff suppression list made
# from the header, so a new experimental entry point needs no edit here).
supp=$(mktemp)
trap 'rm -f "$supp"' EXIT
experimental=$(sed -n '/^#ifdef EDR_EXPERIMENTAL/,/^#endif \/\* EDR_EXPERIMENTAL \*\//p' "$header")
exp_funcs=$(grep -E '^EDR_API ' <<<"$experimental" | grep -o 'EDR_API[^(]*(' |
  sed -E 's/.*[^A-Za-z0-9_](edr_[A-Za-z0-9_]*)[(]$/\1/' | sort -u | paste -sd'|' || true)
exp_types=$(grep -oE '^} edr_[A-Za-z0-9_]+' <<<"$experimental" | cut -c3- | sort -u | paste -sd'|' || true)
{
  if [ -n "$exp_funcs" ]; then printf '[suppress_function]\n  name_regexp = ^(%s)$\n\n' "$exp_funcs"; fi
  if [ -n "$exp_types" ]; then printf '[suppress_type]\n  name_regexp = ^(%s)$\n' "$exp_types"; fi
} >"$supp"

set +e
abidiff --no-show-locs --header-file2 "$header" --drop-private-types --exported-interfaces-only \
  --suppressions "$supp" --fail-no-debug-info "$baseline" "$(readlink -f "$lib")"
rc=$?
set -e
# abidiff's status is a bit field: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change.
if (( rc & 3 )); then
  echo "abi-check: abidiff failed (status $rc)" >&2
  exit 1
fi
if (( rc & 8 )); then
  echo "abi-check: INCOMPATIBLE ABI change against $baseline (see above)." >&2
  echo "abi-check: within a major version nothing is removed or re-signed; add a _v2 function instead." >&2
  echo "abi-check: if the break is intended (new major version), see abi/README.md." >&2
  exit 1
fi
if (( rc & 4 )); then
  echo "abi-check: compatible ABI change (e.g. a new function); refresh the baseline with scripts/abi-update.sh" >&2
fi
echo "abi-check: ABI compatible with $(basename "$baseline")"
