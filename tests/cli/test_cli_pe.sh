#!/usr/bin/env bash
# The edurules tool's PE commands: output, formats, errors and exit codes.
# Usage: test_cli_pe.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
check help 0 "Exit codes" -- "$bin" --help
check no-args 2 "Usage" -- "$bin"
check unknown-command 2 "unknown command" -- "$bin" frobnicate
check status-table 0 "SEU-100370 .*registered, may renew" -- "$bin" status "$data/dossier.json" --date 2025-06-01
check status-lapsed 0 "SEU-100148 .*lapsed" -- "$bin" status "$data/dossier.json" --date 2025-06-01
check status-csv 0 "^seu_number,name,state,status," -- "$bin" status "$data/dossier.json" --date 2025-06-01 --format csv
# Points earned and short are numbers in every state, as JSON and NDJSON give them: a participant
# not registered yet has 0.00 of each in the CSV too (the cells were empty); points required stays empty.
check status-csv-not-registered-points 0 '^SEU-100037,Bram Mulder,not_registered,[^,]*,,,0\.00,,0\.00,,false,' -- "$bin" status "$data/dossier.json" --date 2020-01-01 --format csv
check status-csv-points-as-json 0 "csv points = json points" -- bash -c "
  '$bin' status '$data/dossier.json' --date 2020-01-01 --format csv > '$tmp/s20.csv' &&
  '$bin' status '$data/dossier.json' --date 2020-01-01 --format json > '$tmp/s20.json' &&
  python3 -c 'import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
parts = json.load(open(sys.argv[2]))[\"result\"][\"participants\"]
assert len(rows) == len(parts) > 0
for r, p in zip(rows, parts):
    for k in (\"points_earned\", \"points_short\"):
        assert r[k] == p[k], (r[\"seu_number\"], k, r[k], p[k])
print(\"csv points = json points\")' '$tmp/s20.csv' '$tmp/s20.json'"
check status-json 0 '"points_required": "12.00"' -- "$bin" status "$data/dossier.json" --date 2025-06-01 --format json
check status-explain 0 "pe.points.required = 12 points \(H, seu.stappenplan\)" -- "$bin" status "$data/dossier.json" --date 2025-06-01 --explain
# A user rulebook value changes the result without recompiling (issue 2).
check set-16-points 0 "SEU-100370 .*registered, points short .*16.00" -- "$bin" status "$data/dossier.json" --date 2025-06-01 --wide --set pe.points.required=16
cat > "$tmp/rb.json" <<'JSON'
{"schema_version":1,"sources":{"cao":{"title":"Our CAO"}},"parameters":{"pe.points.required":{"type":"decimal","unit":"points","values":[{"value":"16","source":"cao","confidence":"H"}]}}}
JSON
check rulebook-file 0 "16.00" -- "$bin" status "$data/dossier.json" --date 2025-06-01 --wide --rulebook "$tmp/rb.json"
check rulebook-validate 0 "ok" -- "$bin" rulebook validate "$tmp/rb.json"
echo '{"schema_version":1,"sources":{},"parameters":{"pe.points.required":{"type":"decimal","values":[{"value":"x","source":"cao","confidence":"H"}]}}}' > "$tmp/bad_rb.json"
check rulebook-bad 4 'parameters\["pe.points.required"\].values\[0\].value' -- "$bin" status "$data/dossier.json" --rulebook "$tmp/bad_rb.json"
check set-unknown 4 "no such parameter" -- "$bin" status "$data/dossier.json" --set pe.nope=1
check set-misspelt 4 'parameters\["pe.points.requird"\]: no such parameter to override \(did you mean "pe.points.required"\?\)' -- "$bin" status "$data/dossier.json" --set pe.points.requird=16
# Bad input: impossible dates, malformed JSON, missing files.
sed 's/"diploma_date": "2023-01-11"/"diploma_date": "2023-02-30"/' "$data/dossier.json" > "$tmp/bad.json"
check impossible-date 3 'participants\[0\].diploma_date: not a date: "2023-02-30"' -- "$bin" status "$tmp/bad.json"
head -c 300 "$data/dossier.json" > "$tmp/trunc.json"
check truncated-json 3 "malformed JSON" -- "$bin" status "$tmp/trunc.json"
check missing-file 5 "cannot open" -- "$bin" status "$tmp/nope.json"
check bad-date-option 2 "not a date" -- "$bin" status "$data/dossier.json" --date 2025-02-30
# Bulk upload: rows in = booked + rejected; rejections exit 1 with reasons.
check book-balance 1 "rows in: 40, booked: 31, rejected: 9" -- "$bin" book "$data/dossier.json" "$data/upload.csv" --date 2025-06-01
check book-reasons 1 "unknown_seu_number.*|duplicate" -- "$bin" book "$data/dossier.json" "$data/upload.csv" --date 2025-06-01 --format csv
printf 'seu_number,activity_id,completion_date\r\nSEU-100370,ACT-NEW-11,2025-05-12\r\n' > "$tmp/ok.csv"
check book-all-ok 0 "rows in: 1, booked: 1, rejected: 0" -- "$bin" book "$data/dossier.json" "$tmp/ok.csv" --date 2025-06-01
# Cells outside the documented format are invalid rows naming line and field (hostile-input probe):
# a slash date was booked as DD/MM (05/12/2025 -> 2025-12-05); "SEU-1004"07 was glued into SEU-100407.
printf 'seu_number,activity_id,completion_date\nSEU-100370,ACT-NEW-11,05/12/2025\n"SEU-1004"07,ACT-NEW-11,2025-05-12\n' > "$tmp/outside.csv"
check book-slash-date 1 '^2,.*,rejected,invalid_row,,"line 2, completion_date: not a date: ""05/12/2025""' -- "$bin" book "$data/dossier.json" "$tmp/outside.csv" --date 2025-06-01 --format csv
check book-text-after-quote 1 '^3,.*,rejected,invalid_row,,"line 3, seu_number: text after the closing quote' -- "$bin" book "$data/dossier.json" "$tmp/outside.csv" --date 2025-06-01 --format csv
# Standard input with "-" (a FIFO as a file name is refused: inputs are regular files, issue 13).
check request 0 '"kind":"rulebook.describe"' -- bash -c "echo '{\"schema_version\":1,\"kind\":\"rulebook.describe\"}' | '$bin' request -"
check request-fifo 5 "is a FIFO" -- "$bin" request <(echo '{"schema_version":1,"kind":"rulebook.describe"}')
# pe.book with both "rows" and "csv": refused naming both (the rows were dropped silently).
echo '{"schema_version":1,"kind":"pe.book","date":"2025-06-01","dossier":{"schema_version":1,"participants":[]},"rows":[],"csv":"seu_number,activity_id,completed\n"}' > "$tmp/book-both.json"
check request-book-rows-and-csv 3 'csv: given with "rows".*not both' -- "$bin" request "$tmp/book-both.json"
# pe.activity: topics are optional (schemas/pe.dossier.schema.json). Without
# them the end-term fit is left to the recognition committee (seed 000); an
# empty list declares none (no_topics); unknown members are still refused.
act='{"schema_version":1,"kind":"pe.activity","date":"2024-01-01","activity":{"id":"A1","form":"e_learning","net_minutes":60,"test":{"questions":5,"required_correct":4}'
echo "$act}}" > "$tmp/act-no-topics.json"
check activity-no-topics 0 '"meets_criteria":true.*"topics_checked":false' -- "$bin" request "$tmp/act-no-topics.json"
echo "$act,\"topics\":[]}}" > "$tmp/act-empty-topics.json"
check activity-empty-topics 0 '"defects":\["no_topics"\]' -- "$bin" request "$tmp/act-empty-topics.json"
echo "$act,\"topic\":[\"cao\"]}}" > "$tmp/act-topic.json"
check activity-misspelt-topics 3 'activity.topic.*did you mean "topics"' -- "$bin" request "$tmp/act-topic.json"
# rulebook.describe refuses what it does not read, as every kind does: an
# unknown member (with the nearest), a date that is not one, a wrong type.
describe() { echo "{\"schema_version\":1,\"kind\":\"rulebook.describe\"$1}" > "$tmp/describe.json"; }
describe ',"dtae":"x","foo":[1],"date":"2023-02-29"'
check describe-unknown-member 3 'dtae: unknown member.*did you mean "date"' -- "$bin" request "$tmp/describe.json"
describe ',"date":"2023-02-29"'
check describe-bad-date 3 'date: not a date: "2023-02-29"' -- "$bin" request "$tmp/describe.json"
describe ',"date":5'
check describe-date-type 3 'date: expected a date' -- "$bin" request "$tmp/describe.json"
describe ',"explain":"yes"'
check describe-explain-type 3 'explain: expected true or false' -- "$bin" request "$tmp/describe.json"
describe ',"date":"2024-02-29","explain":false'
check describe-date 0 '"kind":"rulebook.describe"' -- "$bin" request "$tmp/describe.json"
check rulebook-show-json 0 '"kind":"rulebook.describe"' -- "$bin" rulebook show --date 2024-02-29 --format json
# pe.recognition: a date computed past 9999-12-31 names the member it comes
# from (there is no dossier in the request).
rec='{"schema_version":1,"kind":"pe.recognition","activity":{"id":"A1","form":"e_learning","net_minutes":60,"test":{"questions":5,"required_correct":4}},"recognition":{"id":"R1","activity_id":"A1"'
echo "$rec,\"decided\":\"9999-06-30\"}}" > "$tmp/rec-decided.json"
check recognition-decided-9999 3 '^edurules: .*: recognition\.decided: ' -- "$bin" request "$tmp/rec-decided.json"
echo "$rec,\"decided\":\"2024-06-30\",\"paid\":\"9999-12-20\"}}" > "$tmp/rec-paid.json"
check recognition-paid-9999 3 '^edurules: .*: recognition\.paid: ' -- "$bin" request "$tmp/rec-paid.json"
# request exits as book does: 1 when a pe.book row is rejected (the response all the same), 0 when all are booked.
python3 - "$data/dossier.json" "$data/upload.csv" "$tmp" <<'PY'
import json, sys
dossier, upload, tmp = json.load(open(sys.argv[1], encoding="utf-8")), open(sys.argv[2], encoding="utf-8").read(), sys.argv[3]
req = {"schema_version": 1, "kind": "pe.book", "date": "2025-06-01", "dossier": dossier}
json.dump(dict(req, csv=upload), open(f"{tmp}/book-rejected.json", "w", encoding="utf-8"))
json.dump(dict(req, csv="seu_number,activity_id,completion_date\nSEU-100370,ACT-NEW-11,2025-05-12\n"),
          open(f"{tmp}/book-ok.json", "w", encoding="utf-8"))
PY
check request-book-rejected 1 '"booked":31,"rejected":9' -- "$bin" request "$tmp/book-rejected.json"
check request-book-all-booked 0 '"booked":1,"rejected":0' -- "$bin" request "$tmp/book-ok.json"
# A misspelt header names the nearest accepted name (core/nearest.hpp), then all of them.
printf 'seu_numbr,activity_id,completion_date\nSEU-100407,ACT-NEW-11,2025-05-12\n' > "$tmp/typo.csv"
check upload-header-nearest 3 'header column 1 "seu_numbr" is not a known name \(did you mean "seu_number"\?\); accepted names: ' -- "$bin" book "$data/dossier.json" "$tmp/typo.csv" --date 2025-06-01
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
