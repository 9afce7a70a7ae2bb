#!/usr/bin/env bash
# The edurules tool's insight command: overview for administrator and second
# contact only, per-contact dossiers, consent edges, formats, audit lines,
# errors and exit codes. Usage: test_cli_insight.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data; in=$data/insight.json
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
lacks() {  # lacks NAME PATTERN -- command...: exit status ignored, output must not match
  local name=$1 pat=$2; shift 3
  if "$@" 2>&1 | grep -qE -- "$pat"; then echo "FAIL $name: output has /$pat/"; fail=$((fail+1)); else echo "ok   $name"; pass=$((pass+1)); fi
}
D=(--date 2025-06-01)
check help 0 "insight INPUT.json --contact ID" -- "$bin" --help
check admin-overview 0 "SEU-100370 +Kim Vos +2023-06-05" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --wide
check second-contact-overview 0 "SEU-100407 +Lars Dijkstra .* yes " -- "$bin" insight "$in" --contact FLEX-LD "${D[@]}" --wide
check plain-contact-no-overview 0 "only the administrator and the second contact" -- "$bin" insight "$in" --contact FLEX-NOORD "${D[@]}"
lacks plain-contact-sees-only-own "SEU-100037|SEU-100407" -- "$bin" insight "$in" --contact FLEX-NOORD "${D[@]}"
lacks no-consent-never-shown "SEU-100333" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format json
lacks other-org-not-shown "SEU-100444" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format csv
check two-orgs-a 0 "^SEU-100370,Kim Vos," -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format csv
check two-orgs-b 0 "^SEU-100370,Kim Vos," -- "$bin" insight "$in" --contact BACK-ADMIN "${D[@]}" --format csv
# Consent edges: until D valid on D, not on D+1; revoked on D not valid on D; from D valid from D.
check until-on-day 0 "^SEU-100185," -- "$bin" insight "$in" --contact FLEX-HR --date 2025-06-01 --format csv
lacks until-day-after "^SEU-100185," -- "$bin" insight "$in" --contact FLEX-HR --date 2025-06-02 --format csv
check revoked-day-before 0 "SEU-100703 authorised contact FLEX-ZUID" -- "$bin" insight "$in" --contact FLEX-ZUID --participant SEU-100703 --date 2025-05-31
check revoked-on-day 1 "revoked on 2025-06-01" -- "$bin" insight "$in" --contact FLEX-ZUID --participant SEU-100703 --date 2025-06-01
check from-day-before 1 "is given only on 2025-06-02" -- "$bin" insight "$in" --contact BACK-ADMIN --participant SEU-100481 --date 2025-06-01
check from-on-day 0 "SEU-100481 authorised contact BACK-ADMIN" -- "$bin" insight "$in" --contact BACK-ADMIN --participant SEU-100481 --date 2025-06-02
check colleague-denied 1 "does not open the dossier to FLEX-ZUID" -- "$bin" insight "$in" --contact FLEX-ZUID --participant SEU-100370 "${D[@]}"
check admin-needs-own-consent 1 "no consent" -- "$bin" insight "$in" --contact FLEX-HR --participant SEU-100074 "${D[@]}"
check unknown-contact 1 "unknown contact" -- "$bin" insight "$in" --contact NOBODY "${D[@]}"
# Individual dossier: activities, period filter, formats.
check dossier-table 0 "Completed activities" -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}"
check dossier-csv 0 "^seu_number,name,completed,activity_id,title,points,recognition_id" -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}" --format csv
lacks dossier-period "SEU-100370,Kim Vos,2024-" -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}" --format csv --from 2025-01-01 --to 2025-12-31
check dossier-json 0 '"total_points"' -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}" --format json
check dossiers-flag 0 "PE dossiers visible to HR Flexwerk" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --dossiers
check explain-table 0 "insight.consent.revoked.*revoked on 2025-04-15" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --explain
check format-override 0 "^seu_number,name" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html --format csv
check overview-json 0 '"reason": "role_allows"' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format json
check html 0 "<!DOCTYPE html>" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html
check html-eq 0 "<!DOCTYPE html>" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format=html
lacks html-no-script "<script|https?://" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html
check html-dossier 0 'class="activities"' -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 "${D[@]}" --format html
check html-dutch-default 0 '<html lang="nl">' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html
check html-english 0 '<html lang="en">' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html --lang en
check html-flag-words 0 '3 dagen over, mag verlengen, geen verlengingsdossier' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html
lacks html-no-raw-codes 'not_activated\)|\(not_|>registered, ' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format html
# Audit: one JSON line per decision, appended.
"$bin" insight "$in" --contact FLEX-HR "${D[@]}" --audit "$tmp/audit.jsonl" > /dev/null
"$bin" insight "$in" --contact FLEX-ZUID --participant SEU-100703 "${D[@]}" --audit "$tmp/audit.jsonl" > /dev/null 2>&1
check audit-lines 0 "" -- python3 - "$tmp/audit.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
recs = [json.loads(l) for l in lines]
assert len(recs) >= 3, len(recs)
for r in recs:
    for k in ("who", "whom", "when", "allowed", "why", "reason", "logged_at"):
        assert k in r, (k, r)
assert recs[0]["action"] == "overview" and recs[0]["allowed"] is True and recs[0]["whom"] is None
last = recs[-1]
assert last["who"] == "FLEX-ZUID" and last["whom"] == "SEU-100703" and last["allowed"] is False, last
assert last["reason"] == "consent_revoked" and last["consent_id"] == "C-14", last
assert all(r["whom"] != "SEU-100333" for r in recs)
PY
# Embedded dossier instead of dossier_file; the request path.
python3 - "$in" "$data/dossier.json" "$tmp/embedded.json" "$tmp/request.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
del doc["dossier_file"]
doc["dossier"] = json.load(open(sys.argv[2], encoding="utf-8"))
json.dump(doc, open(sys.argv[3], "w", encoding="utf-8"))
doc.pop("description", None)  # a document member, not a request member (strict requests, issue 13)
doc.update(kind="insight.overview", contact="FLEX-LD", date="2025-06-01")
json.dump(doc, open(sys.argv[4], "w", encoding="utf-8"))
PY
check embedded-dossier 0 "SEU-100370 +Kim Vos" -- "$bin" insight "$tmp/embedded.json" --contact FLEX-HR "${D[@]}"
check request 0 '"kind":"insight.overview"' -- "$bin" request "$tmp/request.json"
# request answers an insight.* request with exit 0 even when access is refused:
# the refusal is in the response (only the insight command turns it into exit 1).
ask() {  # ask NAME KIND JSON-MEMBERS: a request from the embedded document
  python3 - "$tmp/request.json" "$tmp/$1.json" "$2" "$3" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc.update(kind=sys.argv[3], **json.loads(sys.argv[4]))
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"))
PY
}
ask ov-plain insight.overview '{"contact": "FLEX-NOORD"}'
check request-overview-denied 0 '"allowed":false' -- "$bin" request "$tmp/ov-plain.json"
ask acc-nobody insight.access '{"contact": "NOBODY"}'
check request-access-unknown 0 '"reason":"unknown_contact"' -- "$bin" request "$tmp/acc-nobody.json"
# The JSON Schemas (draft 2020-12) accept the sample and the tool's responses, and refuse a wrong one.
if python3 -c "import jsonschema, referencing" 2>/dev/null; then
check schemas 0 "schemas ok" -- python3 - "$src" "$bin" "$tmp" <<'PY'
import json, subprocess, sys, jsonschema
from referencing import Registry, Resource
src, binary, tmp = sys.argv[1:4]
load = lambda p: json.load(open(p, encoding="utf-8"))
reg = Registry()
for n in ("pe.dossier.schema.json", "insight.request.schema.json", "insight.response.schema.json"):
    s = load(f"{src}/schemas/{n}")
    jsonschema.Draft202012Validator.check_schema(s)
    reg = reg.with_resource(s["$id"], Resource.from_contents(s))
req_s, resp_s = load(f"{src}/schemas/insight.request.schema.json"), load(f"{src}/schemas/insight.response.schema.json")
V = lambda schema: jsonschema.Draft202012Validator(schema, registry=reg)
doc = load(f"{src}/examples/data/insight.json")
V({"$ref": req_s["$id"] + "#/$defs/document"}).validate(doc)
base = {k: v for k, v in doc.items() if k not in ("dossier_file", "description")}
base["dossier"] = load(f"{src}/examples/data/dossier.json")
for kind, extra in [("insight.access", {"contact": "FLEX-LD"}), ("insight.overview", {"contact": "FLEX-HR", "explain": True}),
                    ("insight.overview", {"contact": "FLEX-NOORD"}), ("insight.dossier", {"contact": "FLEX-NOORD"}),
                    ("insight.dossier", {"contact": "FLEX-NOORD", "participant": "SEU-100370", "from": "2024-01-01"}),
                    ("insight.access", {"contact": "NOBODY", "participant": "SEU-100370"})]:
    r = dict(base, kind=kind, date="2025-06-01", **extra)
    V(req_s).validate(r)
    open(f"{tmp}/schema_req.json", "w", encoding="utf-8").write(json.dumps(r))
    out = json.loads(subprocess.run([binary, "request", f"{tmp}/schema_req.json"], capture_output=True, text=True, check=True).stdout)
    V(resp_s).validate(out)
    out["result"]["audit"][0]["reason"] = "because"
    assert not V(resp_s).is_valid(out), "the response schema accepts a made-up reason"
print("schemas ok")
PY
else
  echo "skip schemas (python3 jsonschema not installed)"
fi
# Errors and usage.
check no-contact 2 "needs --contact" -- "$bin" insight "$in" "${D[@]}"
check bad-format 2 "must be table, json, csv or html" -- "$bin" insight "$in" --contact FLEX-HR --format pdf
check bad-lang 2 "--lang must be nl or en" -- "$bin" insight "$in" --contact FLEX-HR --format html --lang de
check bad-from 2 "not a date" -- "$bin" insight "$in" --contact FLEX-HR --participant SEU-100370 --from 2025-13-01
check unknown-option 2 "unknown option" -- "$bin" insight "$in" --contact FLEX-HR --colour red
# An option that would change nothing in this combination is refused (exit 2),
# and nothing is shown or audited: --from/--to choose the activities shown,
# which only --participant's dossier and the JSON of the dossiers listed hold.
check from-without-participant 2 "--from chooses the completed activities shown.*--participant" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --from 2025-01-01
check to-without-participant-csv 2 "--to chooses the completed activities shown" -- "$bin" insight "$in" --contact FLEX-NOORD "${D[@]}" --to 2025-01-01 --format csv
check from-overview-json 2 "the overview of FLEX-HR shows none.*--dossiers" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --from 2025-01-01 --format json --audit "$tmp/idle-audit.jsonl"
[ ! -e "$tmp/idle-audit.jsonl" ] && echo "ok   idle-option-no-audit" && pass=$((pass+1)) || { echo "FAIL idle-option-no-audit"; fail=$((fail+1)); }
check from-dossiers-json 0 '"from": "2025-01-01"' -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --from 2025-01-01 --format json --dossiers
check from-plain-contact-json 0 '"from": "2025-01-01"' -- "$bin" insight "$in" --contact FLEX-NOORD "${D[@]}" --from 2025-01-01 --format json
check dossiers-with-participant 2 "--dossiers lists .* --participant shows one" -- "$bin" insight "$in" --contact FLEX-NOORD --participant SEU-100370 --dossiers "${D[@]}"
check lang-without-html 2 "--lang is the language of the HTML report" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --lang en
# --audit and --output naming one file (the same path, another spelling, a
# symbolic or a hard link, or a file not there yet) are refused before
# anything is written: the report would replace the audit log.
mkdir -p "$tmp/same"; log=$tmp/same/audit.jsonl
echo '{"earlier":"audit record that must survive"}' > "$log"
ln -s audit.jsonl "$tmp/same/symlink.jsonl"; ln "$log" "$tmp/same/hardlink.jsonl"
for o in same:"$log" spelt:"$tmp/same/../same/audit.jsonl" symlink:"$tmp/same/symlink.jsonl" hardlink:"$tmp/same/hardlink.jsonl"; do
  check "audit-is-output-${o%%:*}" 2 "--audit .* and --output .* are the same file" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --format csv --audit "$log" -o "${o#*:}"
done
[ "$(cat "$log")" = '{"earlier":"audit record that must survive"}' ] && [ -z "$(ls "$tmp/same" | grep -v 'audit\|link')" ] && echo "ok   audit-is-output-log-kept" && pass=$((pass+1)) || { echo "FAIL audit-is-output-log-kept"; fail=$((fail+1)); }
check audit-is-new-output 2 "are the same file" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --audit "$tmp/same/new.jsonl" --output "$tmp/same/../same/new.jsonl"
[ ! -e "$tmp/same/new.jsonl" ] && echo "ok   audit-is-new-output-nothing-written" && pass=$((pass+1)) || { echo "FAIL audit-is-new-output-nothing-written"; fail=$((fail+1)); }
# not there yet, spelt relative and through a folder, or through a link to a
# file not yet there (both were written, the audit lost: hostile probe)
mkdir -p "$tmp/same/sub"; ln -s dangling.jsonl "$tmp/same/tolink.jsonl"
check audit-is-new-output-relative 2 "are the same file" -- sh -c 'cd "$1" && shift && "$@" --audit ./sub/../rel.jsonl -o rel.jsonl' _ "$tmp/same" "$bin" insight "$in" --contact FLEX-HR "${D[@]}"
check audit-is-new-output-dangling-link 2 "are the same file" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --audit "$tmp/same/tolink.jsonl" -o "$tmp/same/dangling.jsonl"
[ ! -e "$tmp/same/rel.jsonl" ] && [ ! -e "$tmp/same/dangling.jsonl" ] && echo "ok   audit-is-new-output-links-nothing-written" && pass=$((pass+1)) || { echo "FAIL audit-is-new-output-links-nothing-written"; fail=$((fail+1)); }
check audit-beside-output 0 "" -- "$bin" insight "$in" --contact FLEX-HR "${D[@]}" --audit "$log" -o "$tmp/same/report.txt"
sed 's/"until": "2025-05-31"/"until": "2025-02-30"/' "$in" > "$tmp/bad.json"
cp "$data/dossier.json" "$tmp/dossier.json"
check bad-consent-date 3 'consents\[2\].until: not a date' -- "$bin" insight "$tmp/bad.json" --contact FLEX-HR "${D[@]}"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['consents'][0]['seu_number']='SEU-999999'; json.dump(d,open(sys.argv[2],'w'),indent=2)" "$in" "$tmp/unknown-seu.json"
check consent-unknown-seu-located 3 'unknown-seu.json:[0-9]+:[0-9]+: consents\[0\].seu_number: SEU number "SEU-999999" is not in the PE dossier' -- "$bin" insight "$tmp/unknown-seu.json" --contact FLEX-HR "${D[@]}"
sed 's/"dossier_file": "dossier.json"/"dossier_file": "nope.json"/' "$in" > "$tmp/nofile.json"
check missing-dossier-file 5 "cannot open" -- "$bin" insight "$tmp/nofile.json" --contact FLEX-HR "${D[@]}"
check missing-input 5 "cannot open" -- "$bin" insight "$tmp/nope.json" --contact FLEX-HR
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
