#!/usr/bin/env bash
# The command line and the one output contract (issue 15): unknown options
# refused with the nearest valid one (exit 2) on every subcommand, help per
# subcommand, choices validated, "-" for standard input on every file
# argument, errors naming file and line, colour only when asked or on a
# terminal, every JSON output inside the envelope (schemas/envelope.schema.json),
# NDJSON lines, the CSV contract, tables within 80 columns.
# Usage: test_cli_contract.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
PY=/usr/bin/python3
D=(--date 2025-06-01)
lacks() {  # lacks NAME PATTERN -- command...: exit status ignored, output must not match
  local name=$1 pat=$2; shift 3
  if "$@" 2>&1 | grep -qE -- "$pat"; then echo "FAIL $name: output has /$pat/"; fail=$((fail+1)); else echo "ok   $name"; pass=$((pass+1)); fi
}

# --- Unknown options: exit 2 naming the nearest valid option, on every subcommand.
check unknown-status 2 'unknown option .--formt. for status \(did you mean "--format"\?\)' -- "$bin" status "$data/dossier.json" --formt csv
check unknown-book 2 'did you mean "--quiet"' -- "$bin" book "$data/dossier.json" "$data/upload.csv" --quite
check unknown-leave 2 'did you mean "--school-year"' -- "$bin" leave "$data/leave.json" --school-yaer 2024-2025
check unknown-insight 2 'did you mean "--contact"' -- "$bin" insight "$data/insight.json" --contakt FLEX-HR
check unknown-request 2 'did you mean "--output"' -- "$bin" request "$data/leave.json" --outptu x.json
check unknown-rulebook 2 'did you mean "--rulebook"' -- "$bin" rulebook show --rulebok x.json
check unknown-output-file 2 'unknown option .--output-file.' -- "$bin" status "$data/dossier.json" --output-file "$tmp/x.csv"
[ ! -e "$tmp/x.csv" ] && { echo "ok   unknown-writes-nothing"; pass=$((pass+1)); } || { echo "FAIL unknown-writes-nothing"; fail=$((fail+1)); }
check unknown-eq 2 'did you mean "--format"' -- "$bin" status "$data/dossier.json" --formt=csv
check unknown-command 2 'unknown command .stauts. \(did you mean "status"\?\)' -- "$bin" stauts "$data/dossier.json"
check option-of-other-command 2 "unknown option '--contact' for status" -- "$bin" status "$data/dossier.json" --contact X
check extra-argument 2 "unexpected argument" -- "$bin" leave "$data/leave.json" "$data/leave.json"
# Choices validated, with the nearest.
check format-choice 2 '--format: must be table, json, csv or ndjson, not .jsn. \(did you mean "json"\?\)' -- "$bin" status "$data/dossier.json" --format jsn
check format-leave-no-ndjson 2 "--format: must be table, json or csv" -- "$bin" leave "$data/leave.json" --format ndjson
check color-choice 2 '--color: must be auto, always or never' -- "$bin" status "$data/dossier.json" --color sometimes
check rulebook-action 2 "rulebook takes show, export or validate, not 'shwo'" -- "$bin" rulebook shwo
check missing-positional 2 "DOSSIER is required" -- "$bin" status

# --- Help per subcommand; -h after a subcommand.
check status-help 0 "--explain" -- "$bin" status --help
lacks status-help-only "school-year|--contact|--participant|Exit codes:$" -- "$bin" status --help
check status-h-after 0 "DOSSIER" -- "$bin" status "$data/dossier.json" -h
check leave-help 0 "--school-year" -- "$bin" leave --help
lacks leave-help-only "--contact|--quiet|--date" -- "$bin" leave --help
check insight-help 0 "--allow-dossier-outside" -- "$bin" insight -h
check book-help 0 "UPLOAD" -- "$bin" book --help
check request-help 0 "REQUEST" -- "$bin" request --help
check rulebook-help 0 "validate" -- "$bin" rulebook --help
check root-help 0 "Exit codes" -- "$bin" --help

# --- "-" is standard input on every file argument (and standard output for --output).
check stdin-status 0 "SEU-100370" -- bash -c "'$bin' status - --date 2025-06-01 < '$data/dossier.json'"
check stdin-book-dossier 1 "rows in: 40" -- bash -c "'$bin' book - '$data/upload.csv' --date 2025-06-01 --quiet < '$data/dossier.json'"
check stdin-book-upload 1 "rows in: 40" -- bash -c "'$bin' book '$data/dossier.json' - --date 2025-06-01 --quiet < '$data/upload.csv'"
check stdin-twice 2 "only one input can be -" -- bash -c "'$bin' book - - --quiet < '$data/upload.csv'"
check stdin-closed 5 "standard input: not open" -- bash -c "'$bin' status - --date 2025-06-01 <&-"
check stdin-leave 0 "WAL-PARTTIME" -- bash -c "'$bin' leave - --wide < '$data/leave.json'"
check stdin-insight 0 "SEU-100370" -- bash -c "cd '$data' && '$bin' insight - --contact FLEX-HR --date 2025-06-01 < insight.json"
check stdin-request 0 '"kind":"rulebook.describe"' -- bash -c "echo '{\"schema_version\":1,\"kind\":\"rulebook.describe\"}' | '$bin' request -"
check stdin-rulebook-validate 0 "standard input: ok" -- bash -c "'$bin' rulebook validate - < '$src/rulebook/pe.json'"
echo '{"schema_version":1,"sources":{"cao":{"title":"Our CAO"}},"parameters":{"pe.points.required":{"type":"decimal","unit":"points","values":[{"value":"16","source":"cao","confidence":"H"}]}}}' > "$tmp/rb.json"
check stdin-rulebook-option 0 "16.00" -- bash -c "'$bin' status '$data/dossier.json' --date 2025-06-01 --wide --rulebook - < '$tmp/rb.json'"
# standard input named twice, once as the document and once as --rulebook: refused before anything is read
# (it was read as the rulebook first, and the document's members were refused as a bad rulebook, exit 4)
check stdin-twice-rulebook-account 2 "only one input can be -" -- bash -c "'$bin' account - --rulebook - < '$data/account.json'"
check stdin-twice-rulebook-leave 2 "only one input can be -" -- bash -c "'$bin' leave - --rulebook - < '$data/leave.json'"
check stdin-twice-rulebook-status 2 "only one input can be -" -- bash -c "'$bin' status - --rulebook - < '$data/dossier.json'"
check stdin-twice-rulebook-request 2 "only one input can be -" -- bash -c "'$bin' request - --rulebook - < '$tmp/rb.json'"
check stdin-twice-rulebooks 2 "only one input can be -" -- bash -c "'$bin' status '$data/dossier.json' --rulebook - --rulebook - < '$tmp/rb.json'"
check output-dash 0 "SEU-100370" -- "$bin" status "$data/dossier.json" "${D[@]}" --output -
check audit-dash 0 '"allowed":true' -- "$bin" insight "$data/insight.json" --contact FLEX-HR "${D[@]}" --audit -

# --- Errors name the file, and the line and column (of the malformed text, or of the bad field).
printf '{"schema_version": 1,\n "participants": [\n  {"seu_number": }\n ]}\n' > "$tmp/broken.json"
check error-file-line 3 "$tmp/broken.json:3:[0-9]+" -- "$bin" status "$tmp/broken.json"
check error-stdin-line 3 "standard input:3:[0-9]+" -- bash -c "'$bin' status - < '$tmp/broken.json'"
sed 's/"diploma_date": "2023-01-11"/"diploma_date": "2023-02-30"/' "$data/dossier.json" > "$tmp/bad.json"
# a well-formed document's bad field: file, line and column of its member, and the field
check error-file-field 3 "$tmp/bad.json:8:4: participants\[0\].diploma_date: not a date" -- "$bin" status "$tmp/bad.json"
# request named neither file nor line (hostile probe): the same as status
printf '{"schema_version": 1, "kind": "pe.status", "date": "2025-06-01",\n "dossier": {"schema_version": 1, "participants": [\n  {"seu_number": "S1", "diploma_date": "2023-02-30"}]}}\n' > "$tmp/badreq.json"
check error-request-field 3 "$tmp/badreq.json:3:24: dossier.participants\[0\].diploma_date: not a date" -- "$bin" request "$tmp/badreq.json"
# the column (from 1) and the byte offset (from 0) of the same bad byte agree, as the C ABI's offset does
printf '{"kind":"pe.status","date":"2025-01-01","x":"\377"}' > "$tmp/badutf8.json"
check error-request-byte 3 "$tmp/badutf8.json:1:46: .*\(at byte 45\)" -- "$bin" request "$tmp/badutf8.json"
printf 'seu_number,activity_id,completion_date\nSEU-100444,"ACT-NEW-11,2025-05-12\n' > "$tmp/unterminated.csv"
check error-csv-line 3 "$tmp/unterminated.csv.*line 2" -- "$bin" book "$data/dossier.json" "$tmp/unterminated.csv" --quiet

# --- Colour: only when asked, or on a terminal without NO_COLOR.
check color-always 0 $'\e\\[1m' -- "$bin" status "$data/dossier.json" "${D[@]}" --color always
lacks color-never $'\e\\[' -- "$bin" status "$data/dossier.json" "${D[@]}" --color never
lacks color-auto-pipe $'\e\\[' -- "$bin" status "$data/dossier.json" "${D[@]}"
check color-error 2 $'\e\\[1;31medurules:' -- "$bin" status "$data/dossier.json" --formt x --color always
if command -v script >/dev/null; then
  check color-tty 0 $'\e\\[1m' -- script -qec "'$bin' status '$data/dossier.json' --date 2025-06-01" /dev/null
  lacks color-tty-no-color $'\e\\[' -- env NO_COLOR=1 script -qec "'$bin' status '$data/dossier.json' --date 2025-06-01" /dev/null
fi

# --- Tables fit 80 columns; --wide shows every column.
for c in "status $data/dossier.json ${D[*]}" "book $data/dossier.json $data/upload.csv ${D[*]} --quiet" \
         "leave $data/leave.json" "insight $data/insight.json --contact FLEX-HR ${D[*]}" \
         "insight $data/insight.json --contact FLEX-NOORD --participant SEU-100370 ${D[*]}" "rulebook show ${D[*]}" \
         "account $data/account.json" "account $data/account_ledger.json"; do
  read -ra args <<<"$c"
  # the table's width is its rule line's (every cell is cut to its column)
  w=$("$bin" "${args[@]}" 2>/dev/null | LC_ALL=C.UTF-8 awk '/^-+(  -+)*$/ { if (length($0) > m) m = length($0) } END { print m+0 }')
  if [ "$w" -le 80 ]; then echo "ok   width-${args[0]}: $w"; pass=$((pass+1)); else echo "FAIL width-${args[0]}: $w columns"; fail=$((fail+1)); fi
done
check status-wide 0 "may renew .*title" -- "$bin" status "$data/dossier.json" "${D[@]}" --wide
lacks status-narrow "period start" -- "$bin" status "$data/dossier.json" "${D[@]}"

# --- Every JSON output carries the envelope; NDJSON lines parse; the CSV contract.
if $PY -c "import jsonschema" 2>/dev/null; then
check contract 0 "contract ok" -- $PY - "$src" "$bin" "$tmp" <<'PY'
import csv, io, json, subprocess, sys, warnings, jsonschema
src, binary, tmp = sys.argv[1:4]
data = f"{src}/examples/data"
load = lambda p: json.load(open(p, encoding="utf-8"))
schemas = {}
for n in ("envelope", "pe.dossier", "pe.response", "leave.response", "insight.response", "insight.request",
          "account.response"):
    s = load(f"{src}/schemas/{n}.schema.json")
    jsonschema.Draft202012Validator.check_schema(s)
    schemas[n] = s
store = {s["$id"]: s for s in schemas.values()}
def V(schema):  # Debian 12's jsonschema 4.10 resolves $ref through RefResolver (newer: referencing)
    warnings.simplefilter("ignore", DeprecationWarning)
    return jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))
envelope = V(schemas["envelope"])
domain = {"pe": schemas["pe.response"], "leave": schemas["leave.response"], "insight": schemas["insight.response"],
          "account": schemas["account.response"]}
D = ["--date", "2025-06-01"]
def run(*args, ok=(0, 1)):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    assert p.returncode in ok, (args, p.returncode, p.stderr)
    return p.stdout
req = f"{tmp}/describe.json"
open(req, "w").write('{"schema_version":1,"kind":"rulebook.describe"}')
outputs = {
    "status": run("status", f"{data}/dossier.json", *D, "--format", "json"),
    "status-explain": run("status", f"{data}/dossier.json", *D, "--format", "json", "--explain"),
    "book": run("book", f"{data}/dossier.json", f"{data}/upload.csv", *D, "--format", "json", "--quiet"),
    "leave": run("leave", f"{data}/leave.json", "--format", "json"),
    "account-right": run("account", f"{data}/account.json", "--format", "json"),
    "account-ledger": run("account", f"{data}/account_ledger.json", "--format", "json"),
    "insight-overview": run("insight", f"{data}/insight.json", "--contact", "FLEX-HR", *D, "--format", "json"),
    "insight-dossiers": run("insight", f"{data}/insight.json", "--contact", "FLEX-HR", *D, "--format", "json", "--dossiers"),
    "insight-participant": run("insight", f"{data}/insight.json", "--contact", "FLEX-NOORD", "--participant", "SEU-100370", *D, "--format", "json"),
    "insight-denied": run("insight", f"{data}/insight.json", "--contact", "NOBODY", *D, "--format", "json"),
    "request": run("request", req),
    "rulebook-show": run("rulebook", "show", *D, "--format", "json"),
}
for name, text in outputs.items():
    doc = json.loads(text)
    envelope.validate(doc)
    dom = domain.get(doc["kind"].split(".")[0])
    if dom: V(dom).validate(doc)
assert json.loads(outputs["status"])["kind"] == "pe.status"
assert json.loads(outputs["book"])["kind"] == "pe.book"
assert json.loads(outputs["insight-overview"])["kind"] == "insight.overview"
assert not envelope.is_valid({"schema_version": 1, "kind": "pe.status"}), "a result-less document passes"
# NDJSON: one envelope per line, as many lines as rows.
status_json = json.loads(outputs["status"])["result"]
lines = run("status", f"{data}/dossier.json", *D, "--format", "ndjson").splitlines()
assert len(lines) == len(status_json["participants"]), len(lines)
status_item = V({"$ref": schemas["pe.response"]["$id"] + "#/$defs/status"})
for l in lines:
    j = json.loads(l); envelope.validate(j); assert j["kind"] == "pe.status.participant"; status_item.validate(j["result"])
assert [json.loads(l)["result"] for l in lines] == status_json["participants"]
book_json = json.loads(outputs["book"])["result"]
lines = run("book", f"{data}/dossier.json", f"{data}/upload.csv", *D, "--format", "ndjson", "--quiet").splitlines()
assert len(lines) == book_json["rows_in"] + 1
rows = [json.loads(l) for l in lines]
for j in rows: envelope.validate(j)
assert [j["result"] for j in rows[:-1]] == book_json["rows"]
assert rows[-1]["kind"] == "pe.book.summary" and rows[-1]["result"] == {k: book_json[k] for k in ("rows_in", "booked", "rejected")}
# CSV: a code column beside the label, true/false, numbers as numbers.
def table(*args):
    return list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"), newline="")))
def number(v): return v == "" or float(v) is not None
st = table("status", f"{data}/dossier.json", *D)
assert {"state", "status"} <= set(st[0]), st[0].keys()
for r in st:
    assert r["state"] in ("not_registered", "registered", "lapsed", "ended"), r["state"]
    assert r["renewal_possible"] in ("true", "false"), r
    for k in ("points_earned", "points_required", "points_short", "days_left"): number(r[k])
lv = table("leave", f"{data}/leave.json")
for r in lv:
    assert r["eligible"] in ("true", "false"), r
    for k in ("employment_percent", "cap_hours", "attended_hours", "granted_hours", "reimbursement_eur"): number(r[k])
    assert ", " not in r["reasons"], r["reasons"]
acc = table("account", f"{data}/account.json")
for r in acc:
    for k in ("year", "months", "credit_minutes", "balance_minutes"): number(r[k])
    assert ", " not in r["reasons"], r["reasons"]
ins = table("insight", f"{data}/insight.json", "--contact", "FLEX-HR", *D)
for r in ins:
    assert r["renewal_submitted"] in ("true", "false") and r["status"] in ("not_registered", "registered", "lapsed", "ended"), r
    assert r["status_label"], r
bk = table("book", f"{data}/dossier.json", f"{data}/upload.csv", *D, "--quiet")
for r in bk: assert r["status"] in ("booked", "rejected") and r["reason"], r
rb = table("rulebook", "show", *D)
assert list(rb[0]) == ["parameter", "value", "unit", "confidence", "source"], list(rb[0])
for r in rb:  # a value with a unit is a number (or a list of them), the unit in its own column
    if r["unit"]: assert r["value"].startswith("[") or float(r["value"]) is not None, r
    assert not r["value"].endswith(" hours") and not r["value"].endswith(" points"), r
print("contract ok")
PY
else
  echo "skip contract (python3 jsonschema not installed)"
fi
# -o naming an input file (any spelling, a link) is refused before anything is
# written (the dossier became a status table, exit 0): exit 2, the input kept.
mkdir -p "$tmp/inout"
cp "$data/dossier.json" "$tmp/inout/dossier.json"; cp "$data/upload.csv" "$tmp/inout/upload.csv"
cp "$data/leave.json" "$tmp/inout/leave.json"; cp "$data/account.json" "$tmp/inout/account.json"
ln -s dossier.json "$tmp/inout/link.json"
echo '{"schema_version":1,"sources":{},"parameters":{}}' > "$tmp/inout/rb.json"
for c in "status:status $tmp/inout/dossier.json -o $tmp/inout/dossier.json" \
         "status-link:status $tmp/inout/dossier.json -o $tmp/inout/link.json" \
         "status-spelling:status $tmp/inout/dossier.json -o $tmp/inout/../inout/dossier.json" \
         "book-upload:book $tmp/inout/dossier.json $tmp/inout/upload.csv -o $tmp/inout/upload.csv" \
         "leave:leave $tmp/inout/leave.json -o $tmp/inout/leave.json" \
         "account:account $tmp/inout/account.json -o $tmp/inout/account.json" \
         "request:request $tmp/inout/leave.json -o $tmp/inout/leave.json" \
         "rulebook-file:status $tmp/inout/dossier.json --rulebook $tmp/inout/rb.json -o $tmp/inout/rb.json" \
         "rulebook-validate:rulebook validate $tmp/inout/rb.json -o $tmp/inout/rb.json"; do
  # shellcheck disable=SC2086
  check "output-is-input-${c%%:*}" 2 "--output .* is the input file" -- "$bin" ${c#*:}
done
cmp -s "$data/dossier.json" "$tmp/inout/dossier.json" && cmp -s "$data/upload.csv" "$tmp/inout/upload.csv" &&
  cmp -s "$data/leave.json" "$tmp/inout/leave.json" && cmp -s "$data/account.json" "$tmp/inout/account.json" &&
  [ "$(cat "$tmp/inout/rb.json")" = '{"schema_version":1,"sources":{},"parameters":{}}' ] &&
  [ -z "$(ls "$tmp/inout" | grep -v '^\(dossier.json\|upload.csv\|leave.json\|account.json\|link.json\|rb.json\)$')" ] &&
  { echo "ok   output-is-input-inputs-kept"; pass=$((pass+1)); } || { echo "FAIL output-is-input-inputs-kept"; fail=$((fail+1)); }
check output-beside-input 0 "" -- "$bin" status "$tmp/inout/dossier.json" --date 2025-06-01 -o "$tmp/inout/status.txt"
# standard input from a directory is an input error naming it (exit 5), not empty input (exit 3)
check stdin-directory 5 "standard input: is a directory" -- sh -c "\"\$0\" status - --date 2025-06-01 < \"\$1\"" "$bin" "$data"
# book's balance line on standard error is checked like every other write (exit 5 when it cannot be written)
check book-stderr-full 5 "" -- sh -c "\"\$0\" book \"\$1/dossier.json\" \"\$1/upload.csv\" --date 2025-06-01 -o /dev/null 2>/dev/full" "$bin" "$data"
# -o through a symbolic link writes the link's target and keeps the link; a file replaced keeps its mode
# (a probe: the link was replaced by a regular file and the target left as it was; a 0640 file became 0644).
mkdir -p "$tmp/linked"
echo old > "$tmp/linked/target.txt"; chmod 640 "$tmp/linked/target.txt"; ln -s target.txt "$tmp/linked/out.txt"
check output-through-link 0 "" -- "$bin" status "$tmp/inout/dossier.json" --date 2025-06-01 -o "$tmp/linked/out.txt"
[ -L "$tmp/linked/out.txt" ] && grep -q SEU- "$tmp/linked/target.txt" && [ "$(stat -c %a "$tmp/linked/target.txt")" = 640 ] &&
  [ -z "$(ls "$tmp/linked" | grep -v '^\(target.txt\|out.txt\)$')" ] &&
  { echo "ok   output-through-link-kept"; pass=$((pass+1)); } || { echo "FAIL output-through-link-kept"; ls -la "$tmp/linked"; fail=$((fail+1)); }
# A rulebook file that is not well-formed JSON is a bad rulebook (exit 4, was
# 3), named once with its line and column (it said "bad.json: bad.json:").
printf '{"schema_version":1,\n "parameters": {,}}\n' > "$tmp/syntax.json"
check rulebook-syntax-validate 4 "^edurules: rulebook error: [^ ]*syntax.json:2:17: malformed JSON" -- "$bin" rulebook validate "$tmp/syntax.json"
check rulebook-syntax-overlay 4 "^edurules: rulebook error: [^ ]*syntax.json:2:17: malformed JSON" -- "$bin" status "$data/dossier.json" --rulebook "$tmp/syntax.json"
printf '{"schema_version":1,\n "parameters":{}, "x":1}' > "$tmp/toplevel.json"
check rulebook-top-member-once 4 "^edurules: rulebook error: [^ ]*toplevel.json:2:[0-9]+: x: unknown member" -- "$bin" rulebook validate "$tmp/toplevel.json"
# an empty --output and an output that cannot be opened say which and why (hostile probe: neither did)
check output-empty-name 2 "--output needs a file name" -- "$bin" status "$data/dossier.json" -o ''
check output-open-reason 5 "$tmp/no/such/dir/x.txt: cannot open file for writing: No such file or directory" -- "$bin" status "$data/dossier.json" -o "$tmp/no/such/dir/x.txt"
# --- An option that would change nothing is refused (exit 2), naming it and why; each
# command declares only the options it honours. All of these were accepted, output unchanged.
check explain-status-csv 2 '--explain has no effect with --format csv: .*; use --format table, json or ndjson' -- "$bin" status "$data/dossier.json" "${D[@]}" --format csv --explain
check explain-leave-csv 2 '--explain has no effect with --format csv: .*; use --format table or json' -- "$bin" leave "$data/leave.json" --format csv --explain
check explain-account-csv 2 '--explain has no effect with --format csv' -- "$bin" account "$data/account.json" --format csv --explain
check explain-book-table 2 '--explain has no effect with --format table: .*; use --format json or ndjson' -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --explain
check explain-book-csv 2 '--explain has no effect with --format csv' -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --format csv --explain
check explain-insight-html 2 '--explain has no effect with --format html' -- "$bin" insight "$data/insight.json" --contact FLEX-HR "${D[@]}" --format html --explain
check explain-insight-csv 2 '--explain has no effect with --format csv' -- "$bin" insight "$data/insight.json" --contact FLEX-HR "${D[@]}" --format csv --explain
check explain-book-json 1 '' -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --format json --explain -q
check explain-status-ndjson 0 '"explanation"' -- "$bin" status "$data/dossier.json" "${D[@]}" --format ndjson --explain
for f in json csv ndjson; do
  check "wide-status-$f" 2 "--wide has no effect with --format $f: it widens the table; use --format table" -- "$bin" status "$data/dossier.json" "${D[@]}" --format $f --wide
done
check wide-leave-json 2 '--wide has no effect with --format json' -- "$bin" leave "$data/leave.json" --format json --wide
check wide-book-csv 2 '--wide has no effect with --format csv' -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --format csv --wide
check wide-account-json 2 '--wide has no effect with --format json' -- "$bin" account "$data/account.json" --format json --wide
check wide-insight-html 2 '--wide has no effect with --format html' -- "$bin" insight "$data/insight.json" --contact FLEX-HR "${D[@]}" --format html --wide
check wide-rulebook-show-csv 2 '--wide has no effect with --format csv' -- "$bin" rulebook show --format csv --wide
check wide-rulebook-show-table 0 'pe.points.required' -- "$bin" rulebook show --wide
check export-format 2 '--format has no effect on rulebook export: it writes the rulebook in force as a rulebook file \(JSON\)' -- "$bin" rulebook export --format csv
check export-format-json 2 '--format has no effect on rulebook export' -- "$bin" rulebook export --format json
check export-date 2 '--date has no effect on rulebook export: .*rulebook show lists the values on a date' -- "$bin" rulebook export --date 2025-01-01
check export-wide 2 '--wide has no effect on rulebook export' -- "$bin" rulebook export --wide
check export-rulebook-kept 0 '"schema_version": 1' -- "$bin" rulebook export --rulebook "$src/rulebook/pe.json" -o -
"$bin" rulebook export > "$tmp/export.json"
check validate-date 2 '--date has no effect on rulebook validate: it checks FILE' -- "$bin" rulebook validate "$tmp/export.json" --date 1999-01-01
check validate-format 2 '--format has no effect on rulebook validate' -- "$bin" rulebook validate "$tmp/export.json" --format csv
check validate-wide 2 '--wide has no effect on rulebook validate' -- "$bin" rulebook validate "$tmp/export.json" --wide
check validate-rulebook 2 '--rulebook has no effect on rulebook validate' -- "$bin" rulebook validate "$tmp/export.json" --rulebook "$tmp/export.json"
check validate-set 2 '--set has no effect on rulebook validate' -- "$bin" rulebook validate "$tmp/export.json" --set pe.points.required=16
check validate-output 0 '' -- "$bin" rulebook validate "$tmp/export.json" -o "$tmp/validate.txt"
# status has no progress display: --quiet is not one of its options
check quiet-status 2 "unknown option '--quiet' for status" -- "$bin" status "$data/dossier.json" "${D[@]}" --quiet
echo "cli contract: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
