#!/usr/bin/env bash
# The catalogue of hostile inputs (catalogue.tsv) through the edurules tool:
# every entry with a cli_exit must end with that exit code and name its field
# (in the message on stderr for an error, in the JSON output otherwise).
# request (and cli-request: the tool only) entries run as `edurules request FILE`, rulebook entries as
# `edurules rulebook validate FILE`, cli-book as `edurules book
# inputs/dossier-small.json FILE --format json`, cli-status as `edurules
# status FILE --format json`. Generated inputs are written by hostile_runner.
# Usage: run_cli.sh EDURULES HOSTILE_RUNNER SOURCE_DIR
set -u
bin=$1; runner=$2; src=$3
here=$src/tests/hostile; inputs=$here/inputs
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; open=0
while IFS=$'\t' read -r id entry input code field cli_exit note; do
  case "$id" in ''|'#'*) continue ;; esac
  [ "$cli_exit" = "-" ] && continue
  if [ "${id%!}" != "$id" ]; then echo "OPEN $id: known finding, not run ($note)"; open=$((open+1)); continue; fi
  file=$inputs/$input
  case "$input" in path:*) file=${input#path:} ;; dir:) file=$inputs ;; esac
  if [ "$entry" = cli-args ]; then :; elif [ "${input#gen:}" != "$input" ]; then
    file=$tmp/$id.in
    "$runner" --write "$here/catalogue.tsv" "$inputs" "$id" "$file" || { echo "FAIL $id: cannot generate"; fail=$((fail+1)); continue; }
  fi
  case "$entry" in
    request|cli-request) cmd=("$bin" request "$file") ;;
    rulebook) cmd=("$bin" rulebook validate "$file") ;;
    cli-book) cmd=("$bin" book "$inputs/dossier-small.json" "$file" --date 2025-06-01 --format json --quiet) ;;
    cli-status) cmd=("$bin" status "$file" --date 2025-06-01 --format json) ;;
    rulebook-load) cmd=("$bin" rulebook validate "$file") ;;
    cli-args)  # the input column is the argument list: @IN@ inputs/, @TMP@ a scratch folder
      read -ra args <<<"${input//@IN@/$inputs}"; args=("${args[@]//@TMP@/$tmp}"); cmd=("$bin" "${args[@]}") ;;
    *) echo "FAIL $id: unknown entry $entry"; fail=$((fail+1)); continue ;;
  esac
  "${cmd[@]}" >"$tmp/out" 2>"$tmp/err"; rc=$?
  rm -f "$tmp/$id.in"
  if [ "$rc" -ne "$cli_exit" ]; then
    echo "FAIL $id: exit $rc, expected $cli_exit: $(head -c 300 "$tmp/err")"; fail=$((fail+1)); continue
  fi
  if [ "$field" != "-" ]; then
    if [ "$code" = "EDR_OK" ]; then where=$tmp/out; else where=$tmp/err; fi
    # JSON output of `request` is compact, that of book/status indented: the
    # catalogue writes what each gives.
    # Alternatives separated by | (the C ABI names an argument, the tool the file).
    found=0
    IFS='|' read -ra alts <<<"$field"
    for a in "${alts[@]}"; do grep -qF -- "$a" "$where" && found=1; done
    if [ "$found" -eq 0 ]; then
      echo "FAIL $id: $(basename "$where") lacks '$field': $(head -c 300 "$where")"; fail=$((fail+1)); continue
    fi
  fi
  echo "ok   $id: exit $rc $(head -c 160 "$tmp/err" | tr '\n' ' ')"; pass=$((pass+1))
done < "$here/catalogue.tsv"
echo "hostile (edurules tool): $pass passed, $fail failed, $open open findings not run"
[ "$fail" -eq 0 ]
