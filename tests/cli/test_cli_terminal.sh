#!/usr/bin/env bash
# Input data never reaches the terminal as control characters: a name, id or
# upload field holding ESC, BEL, CR, LF, NUL, a C1 control (U+0080..U+009F) or
# a bidirectional override is shown escaped (\u001b, \r, \n) in every table
# and text output, and in error messages, so it cannot set the window title,
# clear the screen or forge a row; the table stays aligned. CSV and JSON keep
# the data as it is, escaped per their formats.
# Usage: test_cli_terminal.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
D=(--date 2025-06-01)

# The hostile documents: the first participant's name (and the first
# activity's title, a worker's id, an upload field) carry control characters.
python3 - "$data" "$tmp" <<'PY'
import json, sys
data, tmp = sys.argv[1:3]
evil = "Evil\u001b]0;pwned\u0007\u001b[2J\r\nFAKE ROW\u0000x\u009b31m\u202eZ\u007f"
d = json.load(open(f"{data}/dossier.json", encoding="utf-8"))
d["participants"][0]["name"] = evil
for a in d["activities"]:
    a["title"] = "Title\u001b[31m\ttab"
json.dump(d, open(f"{tmp}/dossier.json", "w", encoding="utf-8"))
json.dump(evil, open(f"{tmp}/evil.json", "w", encoding="utf-8"))
ins = json.load(open(f"{data}/insight.json", encoding="utf-8"))
ins["dossier_file"] = "dossier.json"
json.dump(ins, open(f"{tmp}/insight.json", "w", encoding="utf-8"))
lv = json.load(open(f"{data}/leave.json", encoding="utf-8"))
lv["workers"][0]["id"] = "W\u001b[2J\r\nFAKE"
json.dump(lv, open(f"{tmp}/leave.json", "w", encoding="utf-8"))
ac = json.load(open(f"{data}/account.json", encoding="utf-8"))
ac["workers"][0]["id"] = "W\u001b[2J\r\nFAKE"
json.dump(ac, open(f"{tmp}/account.json", "w", encoding="utf-8"))
req = {"schema_version": 1, "kind": "pe.status", "date": "2025-06-01", "dossier": d, "d\u001b[2Jx": 1}
json.dump(req, open(f"{tmp}/bad_member.json", "w", encoding="utf-8"))
PY
printf 'seu_number,activity_id,completion_date\nSEU-1\033]0;x\007,ACT-NEW-11,2025-05-12\n' > "$tmp/upload.csv"

# clean FILE: no C0 control but LF, no DEL, no C1, no bidi override in the
# output; the escaped forms named after FILE must all be there.
clean() {
  python3 - "$@" <<'PY'
import re, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")
bad = re.findall(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
assert not bad, f"raw control characters: {bad!r}"
for want in sys.argv[2:]:
    assert want in text, f"lacks {want!r}"
assert not re.search(r"^FAKE", text, re.M), "a forged line"
print("clean")
PY
}
# aligned FILE HEADER: in the table whose header line starts with HEADER,
# every row has the header's column starts (a blank before each, text on it).
aligned() {
  python3 - "$@" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
h = next(i for i, l in enumerate(lines) if l.startswith(sys.argv[2]))
header, rule = lines[h], lines[h + 1]
starts = [i for i in range(1, len(rule)) if rule[i] == "-" and rule[i - 1] == " "]
rows = []
for l in lines[h + 2:]:
    if not l.strip() or len(l) <= starts[-1]: break  # the table ends (a total line)
    rows.append(l)
assert rows, "no rows"
for r in rows:
    for s in starts:
        assert r[s - 1] == " ", f"column at {s} shifted in {r!r}"
print("aligned")
PY
}

esc='Evil\u001b]0;pwned\u0007\u001b[2J\r\nFAKE ROW\u0000x\u009b31m\u202eZ\u007f'
"$bin" status "$tmp/dossier.json" "${D[@]}" --wide > "$tmp/status-wide.txt"
check status-wide-escaped 0 clean -- clean "$tmp/status-wide.txt" "$esc"
check status-wide-aligned 0 aligned -- aligned "$tmp/status-wide.txt" "SEU number"
"$bin" status "$tmp/dossier.json" "${D[@]}" > "$tmp/status.txt"
check status-narrow-escaped 0 clean -- clean "$tmp/status.txt" 'Evil\u001~'
check status-narrow-aligned 0 aligned -- aligned "$tmp/status.txt" "SEU number"
"$bin" status "$tmp/dossier.json" "${D[@]}" --explain > "$tmp/status-explain.txt"
check status-explain-escaped 0 clean -- clean "$tmp/status-explain.txt"
# CSV and JSON keep the name as it is, quoted and escaped per their formats.
"$bin" status "$tmp/dossier.json" "${D[@]}" --format csv > "$tmp/status.csv"
check status-csv-roundtrip 0 "csv ok" -- python3 -c '
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows[0]["name"] == json.load(open(sys.argv[2], encoding="utf-8")), rows[0]["name"]
print("csv ok")' "$tmp/status.csv" "$tmp/evil.json"
"$bin" status "$tmp/dossier.json" "${D[@]}" --format json > "$tmp/status.json"
check status-json-escaped 0 "json ok" -- python3 -c '
import json, re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
assert not re.search(r"[\x00-\x09\x0b-\x1f]", raw), "raw control characters in JSON"
doc = json.loads(raw)
assert doc["result"]["participants"][0]["name"] == json.load(open(sys.argv[2], encoding="utf-8"))
print("json ok")' "$tmp/status.json" "$tmp/evil.json"
# book: an upload field with an OSC sequence, shown escaped in the table.
"$bin" book "$tmp/dossier.json" "$tmp/upload.csv" "${D[@]}" --wide > "$tmp/book.txt" 2>&1
check book-escaped 0 clean -- clean "$tmp/book.txt" 'SEU-1\u001b]0;x\u0007'
# insight: the overview table, one dossier with its activities (titles), --explain.
"$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}" --wide --explain > "$tmp/insight.txt"
check insight-overview-escaped 0 clean -- clean "$tmp/insight.txt"
"$bin" insight "$tmp/insight.json" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}" --wide > "$tmp/insight-one.txt"
check insight-dossier-escaped 0 clean -- clean "$tmp/insight-one.txt" 'Title\u001b[31m\ttab'
check insight-dossier-aligned 0 aligned -- aligned "$tmp/insight-one.txt" "completed"
# leave and account: a worker id, in the table and the explanation.
"$bin" leave "$tmp/leave.json" --wide --explain > "$tmp/leave.txt"
check leave-escaped 0 clean -- clean "$tmp/leave.txt" 'W\u001b[2J\r\nFAKE'
"$bin" account "$tmp/account.json" --wide --explain > "$tmp/account.txt"
check account-escaped 0 clean -- clean "$tmp/account.txt" 'W\u001b[2J\r\nFAKE'
# Error messages name the bad member escaped too.
"$bin" request "$tmp/bad_member.json" > "$tmp/err.txt" 2>&1
check error-escaped 0 clean -- clean "$tmp/err.txt" 'd\u001b[2Jx'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
