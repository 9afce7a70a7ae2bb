#!/usr/bin/env bash
# Checks the export list of the C library: every defined dynamic symbol
# starts with edr_, and every function the header declares with EDR_API is
# exported; with a third argument, that every declared function is called
# somewhere in the C tests there. Usage:
#   check-symbols.sh <libedurules_c.so> <edurules.h> [<tests/c dir>]
# (ctest capi.symbols).
set -euo pipefail
lib=${1:?usage: check-symbols.sh <libedurules_c.so> <edurules.h>}
header=${2:?usage: check-symbols.sh <libedurules_c.so> <edurules.h>}

exported=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
if [ -z "$exported" ]; then
  echo "check-symbols: $lib exports nothing" >&2
  exit 1
fi
stray=$(grep -v '^edr_' <<<"$exported" || true)
declared=$(grep -E '^EDR_API ' "$header" | grep -o 'EDR_API[^(]*(' | sed -E 's/.*[^A-Za-z0-9_](edr_[A-Za-z0-9_]*)[(]$/\1/' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
undeclared=$(comm -13 <(echo "$declared") <(grep '^edr_' <<<"$exported"))

status=0
if [ -n "$stray" ]; then
  echo "check-symbols: exported symbols outside edr_*:" >&2
  sed 's/^/  /' <<<"$stray" >&2
  status=1
fi
if [ -n "$missing" ]; then
  echo "check-symbols: declared in $(basename "$header") but not exported:" >&2
  sed 's/^/  /' <<<"$missing" >&2
  status=1
fi
if [ -n "$undeclared" ]; then
  echo "check-symbols: exported but not declared in $(basename "$header"):" >&2
  sed 's/^/  /' <<<"$undeclared" >&2
  status=1
fi
if [ -n "${3:-}" ]; then
  untested=$(for f in $declared; do grep -qw "$f" "$3"/*.c || echo "$f"; done)
  if [ -n "$untested" ]; then
    echo "check-symbols: declared but never called from the C tests in $3:" >&2
    sed 's/^/  /' <<<"$untested" >&2
    status=1
  fi
fi
if [ $status -eq 0 ]; then
  echo "check-symbols: $(wc -l <<<"$exported") symbols, all edr_*, all declared${3:+, all called from the C tests}"
fi
exit $status
