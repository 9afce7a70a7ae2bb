#!/usr/bin/env bash
# The edurules tool's leave command: output, formats, rulebook overrides,
# errors naming the field, and exit codes.
# Usage: test_cli_leave.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
# The default table fits 80 columns; --wide shows every column (issue 15).
# docs/rules.md 2.2: 100 h x 20/38 -> 53 h
check leave-table 0 "WAL-PARTTIME .*wallonia_bev .*yes .*52.63% .*120 .*100 .*53 " -- "$bin" leave "$data/leave.json" --wide
check leave-not-eligible 0 "WAL-28-DISTANCE .*below_min_contact_hours" -- "$bin" leave "$data/leave.json" --wide
check leave-suspension 0 "WAL-SUSPENDED .*sql-module .*2022-05-24..2022-11-23" -- "$bin" leave "$data/leave.json" --wide
check leave-csv 0 "^worker,school_year,training,regime,regime_label,eligible" -- "$bin" leave "$data/leave.json" --format csv
# issue 15: a code column and a label column
check leave-csv-label 0 ",vov,Flemish training leave \\(VOV\\)," -- "$bin" leave "$data/leave.json" --format csv

# Issue 15: an error in a well-formed document names file, line, column and field.
cat > "$tmp/badfield.json" <<'JSON'
{
  "schema_version": 1,
  "kind": "leave.evaluate",
  "school_year": "2023-2024",
  "workers": [
    {
      "id": "a",
      "regon": "flanders"
    }
  ]
}
JSON
check leave-field-line 3 "badfield.json:8:7: workers\\[0\\]\\.regon: unknown member" -- "$bin" leave "$tmp/badfield.json"
check leave-json 0 '"granted_hours"|"granted": \{' -- "$bin" leave "$data/leave.json" --format json
check leave-explain 0 "leave.bev.rounding = half_up \(M, edurules.leave.policy\)" -- "$bin" leave "$data/leave.json" --explain
# docs/rules.md 4, open question 1: the rounding is a parameter
check leave-rounding-down 0 "WAL-PARTTIME .* 52 " -- "$bin" leave "$data/leave.json" --wide --set leave.bev.rounding=down
check leave-school-year 0 "FL-PUBLIC +2024-2025" -- "$bin" leave "$data/leave.json" --wide --school-year 2024-2025
# a bad --school-year is the command line's fault (exit 2, naming the option), not the document's (it was exit 3 at leave.json:4)
check leave-bad-school-year-option 2 "--school-year: expected a school year like 2020-2021, got '2023-2025'" -- "$bin" leave "$data/leave.json" --school-year 2023-2025
cat > "$tmp/bad.json" <<'JSON'
{"schema_version":1,"school_year":"2020-2021","workers":[{"id":"x","establishment_unit":{"region":"atlantis"},"jobs":[],"trainings":[]}]}
JSON
check leave-bad-region 3 "workers\[0\]\.establishment_unit\.region: unknown region" -- "$bin" leave "$tmp/bad.json"
cat > "$tmp/overlap.json" <<'JSON'
{"schema_version":1,"school_year":"2020-2021","workers":[{"id":"x","establishment_unit":{"region":"wallonia"},
 "jobs":[{"from":"2020-01-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}],
 "trainings":[{"id":"t","type":"general","lessons":[{"date":"2020-09-07","start":"18:00","end":"20:00"},{"date":"2020-09-07","start":"19:00","end":"21:00"}]}]}]}
JSON
check leave-overlap 3 "workers\[0\]\.trainings\[0\]\.lessons\[1\]\.start: overlaps lessons\[0\]" -- "$bin" leave "$tmp/overlap.json"
# Hours beyond 64 bits are too large, not negative (2^63 read as a signed number wrapped).
for n in 9223372036854775808 18446744073709551615; do
  sed "0,/\"contract_per_week_hours\": \"38\"/s//\"contract_per_week_hours\": $n/" "$data/leave.json" > "$tmp/big.json"
  check "leave-hours-$n" 3 "contract_per_week_hours: number too large: $n" -- "$bin" leave "$tmp/big.json"
  sed "0,/\"leave_hours\": \"3\"/s//\"leave_hours\": $n/" "$data/leave.json" > "$tmp/big.json"
  check "leave-taken-hours-$n" 3 "leave_hours: number too large: $n" -- "$bin" leave "$tmp/big.json"
done
check leave-missing-file 5 "" -- "$bin" leave "$tmp/nope.json"
check leave-usage 2 "" -- "$bin" leave
# The document's "explain" decides unless --explain/--no-explain is given, as in
# `edurules request` ("explain": true gave no explanation through leave --format json).
n_expl() { "$@" | grep -o '"explanation"' | wc -l; }
PY=/usr/bin/python3
$PY -c "import json,sys; d=json.load(open(sys.argv[1])); d['explain']=True; json.dump(d,open(sys.argv[2],'w'))" "$data/leave.json" "$tmp/loud.json"
$PY -c "import json,sys; d=json.load(open(sys.argv[1])); d['explain']=False; json.dump(d,open(sys.argv[2],'w'))" "$data/leave.json" "$tmp/quiet.json"
req=$(n_expl "$bin" request "$tmp/loud.json")
check leave-explain-member 0 "^$req$" -- n_expl "$bin" leave "$tmp/loud.json" --format json
check leave-explain-member-request 0 "^0$" -- n_expl "$bin" request "$tmp/quiet.json"
check leave-explain-false 0 "^0$" -- n_expl "$bin" leave "$tmp/quiet.json" --format json
check leave-explain-option-wins 0 "^$req$" -- n_expl "$bin" leave "$tmp/quiet.json" --format json --explain
check leave-no-explain-wins 0 "^0$" -- n_expl "$bin" leave "$tmp/loud.json" --format json --no-explain
check leave-no-explain-csv 2 "--no-explain has no effect with --format csv" -- "$bin" leave "$tmp/loud.json" --format csv --no-explain
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
