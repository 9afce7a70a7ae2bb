#!/usr/bin/env bash
# Issue 13 through the tool: outputs fail loudly, one guarded CSV writer,
# inputs refused as files (directories, FIFOs, devices, size limit,
# dossier_file inside its folder), strict uploads and PE documents.
# Usage: test_cli_strict.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
D=(--date 2025-06-01)
cp "$data/insight.json" "$data/dossier.json" "$tmp/"

# --- Outputs fail loudly: exit 5 naming the file, never 0 (issue 13).
check full-status 5 "/dev/full: write failed" -- "$bin" status "$data/dossier.json" "${D[@]}" --output /dev/full
check full-status-csv 5 "/dev/full" -- "$bin" status "$data/dossier.json" "${D[@]}" --format csv --output /dev/full
check full-book 5 "/dev/full" -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --quiet --output /dev/full
check full-leave 5 "/dev/full" -- "$bin" leave "$data/leave.json" --output /dev/full
check full-request 5 "/dev/full" -- "$bin" request "$src/tests/hostile/inputs/date-1900.json" --output /dev/full
check full-rulebook 5 "/dev/full" -- "$bin" rulebook show --output /dev/full
check full-export 5 "/dev/full" -- "$bin" rulebook export --output /dev/full
check full-insight 5 "/dev/full" -- "$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}" --output /dev/full
check stdout-full 5 "standard output: write failed" -- bash -c "'$bin' status '$data/dossier.json' --date 2025-06-01 >/dev/full"
# --help, --version and a command's --help are outputs too (they said exit 0 to a full or closed stdout).
check help-full 5 "standard output: write failed" -- bash -c "'$bin' --help >/dev/full"
check version-full 5 "standard output: write failed" -- bash -c "'$bin' --version >/dev/full"
check command-help-full 5 "standard output: write failed" -- bash -c "'$bin' status --help >/dev/full"
check version-closed 5 "standard output: write failed" -- bash -c "'$bin' --version >&-"
check command-help-closed 5 "standard output: write failed" -- bash -c "'$bin' leave -h >&-"
check no-output-dir 5 "cannot open file for writing" -- "$bin" status "$data/dossier.json" "${D[@]}" --output "$tmp/no/such/dir/out.txt"
# insight: the audit record is written and flushed before the report; if it
# cannot be, nothing is released.
"$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}" --audit /dev/full >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 5 ] && [ ! -s "$tmp/out" ] && grep -q "/dev/full" "$tmp/err"; then echo "ok   audit-full-releases-nothing"; pass=$((pass+1))
else echo "FAIL audit-full-releases-nothing: exit $rc, $(wc -c <"$tmp/out") bytes out"; fail=$((fail+1)); fi
"$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}" --audit "$tmp/no/dir/audit.log" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 5 ] && [ ! -s "$tmp/out" ] && grep -q "cannot open audit file" "$tmp/err"; then echo "ok   audit-unopenable-releases-nothing"; pass=$((pass+1))
else echo "FAIL audit-unopenable-releases-nothing: exit $rc, $(wc -c <"$tmp/out") bytes out"; fail=$((fail+1)); fi
check audit-ok 0 "PE overview" -- "$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}" --audit "$tmp/audit.log"
check audit-written 0 '"allowed"' -- cat "$tmp/audit.log"

# --- One guarded CSV writer: cells starting with = + - @ get an apostrophe.
python3 - "$data" "$tmp" <<'PY'
import json, sys
data, tmp = sys.argv[1], sys.argv[2]
d = json.load(open(f"{data}/dossier.json"))
d["participants"][0]["name"] = "=HYPERLINK(\"http://x\",\"y\")"
d["participants"][1]["name"] = "@SUM(A1)"
json.dump(d, open(f"{tmp}/evil-dossier.json", "w"))
ins = json.load(open(f"{data}/insight.json"))
ins["dossier_file"] = "evil-dossier.json"
json.dump(ins, open(f"{tmp}/evil-insight.json", "w"))
lv = json.load(open(f"{data}/leave.json"))
lv["workers"][0]["id"] = "+cmd|' /C calc'!A0"
json.dump(lv, open(f"{tmp}/evil-leave.json", "w"))
rb = {"schema_version": 1, "sources": {"-evil": {"title": "=1+1"}},
      "parameters": {"pe.points.required": {"type": "decimal", "unit": "points",
                     "values": [{"value": "16", "source": "-evil", "confidence": "H"}]}}}
json.dump(rb, open(f"{tmp}/evil-rb.json", "w"))
PY
printf 'seu_number,activity_id,completion_date\nSEU-100037,=WEBSERVICE("x"),2025-05-01\n' > "$tmp/evil.csv"
check csv-status-guard 0 "^SEU-100037,\"'=HYPERLINK" -- "$bin" status "$tmp/evil-dossier.json" "${D[@]}" --format csv
check csv-status-guard-at 0 "^SEU-100074,'@SUM\(A1\)" -- "$bin" status "$tmp/evil-dossier.json" "${D[@]}" --format csv
check csv-book-guard 1 ",\"'=WEBSERVICE\(\"\"x\"\"\)\"," -- "$bin" book "$data/dossier.json" "$tmp/evil.csv" "${D[@]}" --format csv --quiet
check csv-leave-guard 0 "^'\+cmd\|' /C calc'!A0,2019-2020," -- "$bin" leave "$tmp/evil-leave.json" --format csv
check csv-insight-guard 0 "^SEU-100037,\"'=HYPERLINK" -- "$bin" insight "$tmp/evil-insight.json" --contact FLEX-HR "${D[@]}" --format csv
check csv-rulebook-guard 0 "^pe.points.required,16.*,'-evil" -- "$bin" rulebook show "${D[@]}" --format csv --rulebook "$tmp/evil-rb.json"

# --- Inputs: directories, FIFOs, devices and oversized files are I/O errors (exit 5) naming the path.
mkdir "$tmp/dir"; mkfifo "$tmp/fifo"
check input-directory 5 "$tmp/dir: is a directory" -- "$bin" status "$tmp/dir" "${D[@]}"
check upload-directory 5 "$tmp/dir: is a directory" -- "$bin" book "$data/dossier.json" "$tmp/dir" "${D[@]}" --quiet
check input-fifo 5 "$tmp/fifo: is a FIFO" -- timeout 10 "$bin" status "$tmp/fifo" "${D[@]}"
check input-dev-zero 5 "/dev/zero: is a device" -- timeout 10 "$bin" request /dev/zero
check rulebook-directory 5 "$tmp/dir: is a directory" -- "$bin" rulebook validate "$tmp/dir"
check input-too-large 5 "more than the input limit of 100 bytes" -- "$bin" status "$data/dossier.json" "${D[@]}" --max-input-bytes 100
check input-too-large-env 5 "more than the input limit of 1024 bytes" -- env EDURULES_MAX_INPUT_BYTES=1K "$bin" status "$data/dossier.json" "${D[@]}"
check input-limit-bad 2 "max-input-bytes" -- "$bin" status "$data/dossier.json" --max-input-bytes lots
# a bad EDURULES_MAX_INPUT_BYTES is configuration, exit 2 as the option (it was 3, "bad input file")
check input-limit-env-bad 2 'EDURULES_MAX_INPUT_BYTES: expected a positive number of bytes .* got "99999999999999999999"' -- env EDURULES_MAX_INPUT_BYTES=99999999999999999999 "$bin" rulebook validate "$src/rulebook/pe.json"
check input-limit-env-zero 2 'EDURULES_MAX_INPUT_BYTES' -- env EDURULES_MAX_INPUT_BYTES=0 "$bin" status "$data/dossier.json" "${D[@]}"
check input-limit-option-wins 0 "SEU-100037" -- env EDURULES_MAX_INPUT_BYTES=lots "$bin" status "$data/dossier.json" "${D[@]}" --max-input-bytes 64M
check input-limit-raised 0 "SEU-100037" -- "$bin" status "$data/dossier.json" "${D[@]}" --max-input-bytes 64M
check stdin-too-large 5 "standard input: more than the input limit" -- bash -c "head -c 5000 /dev/zero | '$bin' request - --max-input-bytes 4K"
# dossier_file stays inside the document's folder unless allowed.
python3 -c "
import json,sys; d=json.load(open('$tmp/insight.json')); d['dossier_file']='../../../../etc/passwd'; json.dump(d,open('$tmp/escape.json','w'))"
check dossier-file-escape 3 "dossier_file: \"../../../../etc/passwd\" is outside the document's folder" -- "$bin" insight "$tmp/escape.json" --contact FLEX-HR "${D[@]}"
check dossier-file-escape-allowed 3 "/etc/passwd" -- "$bin" insight "$tmp/escape.json" --contact FLEX-HR "${D[@]}" --allow-dossier-outside
ln -s /etc "$tmp/etc-link"
python3 -c "
import json; d=json.load(open('$tmp/insight.json')); d['dossier_file']='etc-link/passwd'; json.dump(d,open('$tmp/link.json','w'))"
check dossier-file-symlink-escape 3 "dossier_file: .*outside the document's folder" -- "$bin" insight "$tmp/link.json" --contact FLEX-HR "${D[@]}"
check dossier-file-inside 0 "PE overview" -- "$bin" insight "$tmp/insight.json" --contact FLEX-HR "${D[@]}"

# --- CSV upload: nothing lost silently, the whole file refused when unusable.
printf 'seu_number,activity_id,completion_date\nSEU-100407,ACT-NEW-11,2025-05-12,SEU-100444,ACT-NEW-11,2025-05-12\n' > "$tmp/glued.csv"
check upload-glued 1 "5 extra non-empty cell|6 cells where 3 are expected" -- "$bin" book "$data/dossier.json" "$tmp/glued.csv" "${D[@]}" --quiet --wide
printf 'seu_number,activity_id,completion_date\nSEU-100407,ACT-NEW-11,2025-05-12\nSEU-100444,"ACT-NEW-11,2025-05-12\nSEU-100481,ACT-NEW-11,2025-05-12\n' > "$tmp/unterminated.csv"
check upload-unterminated 3 "upload: line 3: a quote opened on this line \(field 2\) is never closed" -- "$bin" book "$data/dossier.json" "$tmp/unterminated.csv" "${D[@]}" --quiet
printf 'seu_number,activity,when\nSEU-100407,ACT-NEW-11,2025-05-12\n' > "$tmp/header.csv"
check upload-header-unknown 3 "header column 3 \"when\" is not a known name; accepted names: seu_number" -- "$bin" book "$data/dossier.json" "$tmp/header.csv" "${D[@]}" --quiet
printf 'completion_date,seu,x\nSEU-100407,ACT-NEW-11,2025-05-12\n' > "$tmp/header2.csv"
check upload-header-partial 3 "\"x\" is not a known name" -- "$bin" book "$data/dossier.json" "$tmp/header2.csv" "${D[@]}" --quiet
printf 'seu_number,completion_date\nSEU-100407,2025-05-12\n' > "$tmp/header3.csv"
check upload-header-missing 3 "the header lacks the activity_id column" -- "$bin" book "$data/dossier.json" "$tmp/header3.csv" "${D[@]}" --quiet
: > "$tmp/empty.csv"
check upload-empty 3 "upload: is empty" -- "$bin" book "$data/dossier.json" "$tmp/empty.csv" "${D[@]}" --quiet
printf 'seu_number,activity_id,completion_date\r\n' > "$tmp/header-only.csv"
check upload-header-only 3 "upload: has a header but no rows" -- "$bin" book "$data/dossier.json" "$tmp/header-only.csv" "${D[@]}" --quiet
check upload-sample 1 "SEU-100407 .*booked" -- "$bin" book "$data/dossier.json" "$data/upload.csv" "${D[@]}" --quiet

# --- Strict PE documents: an unknown member is refused naming path and nearest name.
check wrong-file 3 "unknown member" -- "$bin" status "$data/leave.json" "${D[@]}"
python3 -c "
import json; d=json.load(open('$data/dossier.json')); d['participant']=d.pop('participants'); json.dump(d,open('$tmp/participant.json','w'))
d=json.load(open('$data/dossier.json')); d['participants'][2]['renewal_request']=d['participants'][2].pop('renewal_requests'); json.dump(d,open('$tmp/renewal.json','w'))"
check misspelt-participants 3 "participant: unknown member \(did you mean \"participants\"\?\)" -- "$bin" status "$tmp/participant.json" "${D[@]}"
check misspelt-renewal 3 "participants\[2\].renewal_request: unknown member \(did you mean \"renewal_requests\"\?\)" -- "$bin" status "$tmp/renewal.json" "${D[@]}"
# An overlay's values replace the built-in ones only over the dates they
# span: a value from 2030 left every earlier date with no value, which
# `rulebook validate` passed and `status` then failed on midway (leaving a
# CSV header behind, hostile-input review). Now the law's 12 points stay in
# force before 2030; an existing --output file is replaced only on success.
printf '%s' '{"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{"pe.points.required":{"type":"decimal","values":[{"from":"2030-01-01","value":"16","source":"s","confidence":"H"}]}}}' >"$tmp/later.json"
check overlay-later-validates 0 "ok, 1 parameters" -- "$bin" rulebook validate "$tmp/later.json"
check overlay-later-keeps-earlier 0 ",12.00," -- "$bin" status "$data/dossier.json" "${D[@]}" --rulebook "$tmp/later.json" --format csv
check overlay-later-applies 0 "pe.points.required +16 " -- "$bin" rulebook show --date 2030-01-01 --rulebook "$tmp/later.json"
echo kept >"$tmp/kept.csv"
check output-kept-on-failure 3 "" -- "$bin" status "$data/leave.json" "${D[@]}" --format csv --output "$tmp/kept.csv"
if [ "$(cat "$tmp/kept.csv")" = kept ] && ! ls "$tmp"/kept.csv.* >/dev/null 2>&1; then echo "ok   output-kept-content"; pass=$((pass+1)); else echo "FAIL output-kept-content"; fail=$((fail+1)); fi
check output-replaced 0 "" -- "$bin" status "$data/dossier.json" "${D[@]}" --format csv --output "$tmp/kept.csv"
if head -1 "$tmp/kept.csv" | grep -q '^seu_number,'; then echo "ok   output-replaced-content"; pass=$((pass+1)); else echo "FAIL output-replaced-content"; fail=$((fail+1)); fi
printf '%s' '{"schema_version":1,"sources":{"s":{"title":"t"}},"parameters":{"pe.points.requird":{"type":"decimal","values":[{"value":"16","source":"s","confidence":"H"}]}}}' >"$tmp/typo.json"
check overlay-unknown-name 4 "typo.json:1:[0-9]+: parameters\[\"pe.points.requird\"\]: no such parameter in the rulebook it overlays \(did you mean \"pe.points.required\"\?\)" -- "$bin" rulebook validate "$tmp/typo.json"
echo "cli strict: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
