#!/usr/bin/env bash
# The committed .clang-format is the house style: every C and C++ source of
# the project must be formatted by it (clang-format --dry-run --Werror).
# Usage: clang_format.sh SOURCE_DIR [CLANG_FORMAT]
set -uo pipefail
root=${1:-.}
cf=${2:-clang-format}
cd "$root" || exit 2
mapfile -d '' files < <(find include src tests bindings bench fuzz examples \
    -path fuzz/corpus -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.c' -o -name '*.h' \) -print0)
bad=0
for f in "${files[@]}"; do
    if ! "$cf" --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f (run: $cf -i $f)"
        bad=$((bad + 1))
    fi
done
echo "clang-format: ${#files[@]} files checked, $bad not formatted"
[ "$bad" -eq 0 ]
