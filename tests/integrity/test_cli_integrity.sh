#!/usr/bin/env bash
# `edurules book` on a generated upload of 3000 rows with bad rows injected at
# known places: exactly one reported row per input row, in file order (the
# JSON "line" numbers run 2, 3, ... without a gap), every injected bad row
# rejected with its field or reason, booked + rejected = rows in; the CSV
# output has one line per row too. Determinism: book, status and request run
# twice give byte-identical output.
# Usage: test_cli_integrity.sh EDURULES SOURCE_DIR
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
python3 - "$tmp" <<'PY'
import json, random, sys
tmp = sys.argv[1]
rnd = random.Random(8)
people = [{"seu_number": f"S{i:04d}", "diploma_date": "2023-03-01"} for i in range(200)]
dossier = {"schema_version": 1, "participants": people,
           "activities": [{"id": "A1", "form": "classroom", "net_minutes": 240}],
           "recognitions": [{"id": "R1", "activity_id": "A1", "decided": "2023-01-10", "points": "4"}]}
json.dump(dossier, open(f"{tmp}/dossier.json", "w"))
rows, bad = [], []
for i in range(3000):
    seu, act, day = f"S{rnd.randrange(200):04d}", "A1", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    kind = i % 23
    if kind == 3: day = "2023-02-29"
    elif kind == 7: act = ""
    elif kind == 11: seu = "NOBODY"
    elif kind == 13: day = "31-04-2024"
    elif kind == 17: seu = ""
    rows.append(f"{seu},{act},{day}")
    bad.append(kind in (3, 7, 11, 13, 17))
open(f"{tmp}/upload.csv", "w", newline="").write("seu_number,activity_id,completion_date\r\n" + "\r\n".join(rows) + "\r\n")
json.dump(bad, open(f"{tmp}/bad.json", "w"))
PY
"$bin" book "$tmp/dossier.json" "$tmp/upload.csv" --date 2025-06-01 --format json --quiet >"$tmp/book1.json" 2>"$tmp/err1"; rc1=$?
"$bin" book "$tmp/dossier.json" "$tmp/upload.csv" --date 2025-06-01 --format json --quiet >"$tmp/book2.json" 2>/dev/null
"$bin" book "$tmp/dossier.json" "$tmp/upload.csv" --date 2025-06-01 --format csv --quiet >"$tmp/book.csv" 2>/dev/null
if [ "$rc1" -ne 1 ]; then echo "FAIL book: exit $rc1, expected 1 (some rows rejected): $(head -c 300 "$tmp/err1")"; fail=1; fi
python3 - "$tmp" <<'PY' || fail=1
import csv, json, sys
tmp = sys.argv[1]
doc = json.load(open(f"{tmp}/book1.json"))
assert doc["kind"] == "pe.book", doc.get("kind")  # the output envelope (issue 15)
out = doc["result"]
bad = json.load(open(f"{tmp}/bad.json"))
rows = out["rows"]
problems = []
if len(rows) != len(bad): problems.append(f"{len(rows)} rows reported for {len(bad)} input rows")
if out["rows_in"] != len(bad) or out["booked"] + out["rejected"] != len(bad): problems.append(f"counts {out['rows_in']} {out['booked']} {out['rejected']}")
for i, (r, b) in enumerate(zip(rows, bad)):
    if r["line"] != i + 2: problems.append(f"row {i}: line {r['line']}, expected {i + 2} (order)"); break
    if b and r["status"] != "rejected": problems.append(f"row {i}: injected bad row was {r['status']}"); break
    if r["status"] == "rejected" and not (r.get("field") or r.get("reason")): problems.append(f"row {i}: rejected without field or reason")
with open(f"{tmp}/book.csv", newline="") as f:
    n = sum(1 for _ in csv.reader(f)) - 1
if n != len(bad): problems.append(f"CSV output has {n} rows for {len(bad)}")
for p in problems[:10]: print("FAIL book:", p)
print(f"book: {len(rows)} rows in, {out['booked']} booked, {out['rejected']} rejected, in file order" if not problems else "")
sys.exit(1 if problems else 0)
PY
cmp -s "$tmp/book1.json" "$tmp/book2.json" || { echo "FAIL book: two runs differ"; fail=1; }
data=$src/examples/data
"$bin" status "$data/dossier.json" --date 2025-06-01 --format json --explain >"$tmp/s1" 2>&1
"$bin" status "$data/dossier.json" --date 2025-06-01 --format json --explain >"$tmp/s2" 2>&1
cmp -s "$tmp/s1" "$tmp/s2" || { echo "FAIL status: two runs differ"; fail=1; }
"$bin" request "$data/leave.json" >"$tmp/r1" 2>&1
"$bin" request "$data/leave.json" >"$tmp/r2" 2>&1
cmp -s "$tmp/r1" "$tmp/r2" && [ -s "$tmp/r1" ] || { echo "FAIL request: two runs differ (or empty)"; fail=1; }
"$bin" leave "$data/leave.json" --format json --explain >"$tmp/l1" 2>&1
"$bin" leave "$data/leave.json" --format json --explain >"$tmp/l2" 2>&1
cmp -s "$tmp/l1" "$tmp/l2" || { echo "FAIL leave: two runs differ"; fail=1; }
[ "$fail" -eq 0 ] && echo "integrity (edurules tool): ok; book, status, request and leave byte-identical across runs"
exit "$fail"
