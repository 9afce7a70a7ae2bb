#!/usr/bin/env bash
# Rulebook constraints through the edurules tool (issue 13, "A rulebook knows
# its constraints"): every value outside its parameter's declaration is
# refused at load with exit 4, naming parameter, values[i] and value; nothing
# divides by zero, loops or wraps a month.
# Usage: test_cli_rulebook.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
for f in common pe leave; do
  check "validate-default-$f" 0 "ok" -- "$bin" rulebook validate "$src/rulebook/$f.json"
done
# --set: each of these crashed (SIGFPE), looped or wrapped before.
check set-minutes-per-point-0 4 'parameters\["pe.points.minutes_per_point"\].values\[0\].value: 0 is below the minimum 1' -- \
  "$bin" status "$data/dossier.json" --date 2025-06-01 --set pe.points.minutes_per_point=0
check set-lesson-period-0 4 'parameters\["leave.training.lesson_period_minutes"\].values\[0\].value: 0 is below the minimum 1' -- \
  "$bin" leave "$data/leave.json" --set leave.training.lesson_period_minutes=0
check set-certificate-period-0 4 'parameters\["leave.bev.certificate_period_months"\].values\[0\].value: 0 is below the minimum 1' -- \
  "$bin" leave "$data/leave.json" --set leave.bev.certificate_period_months=0
check set-month-65537 4 'parameters\["leave.vov.reference_month"\].values\[[0-9]\].value: 65537 is above the maximum 12' -- \
  "$bin" leave "$data/leave.json" --set leave.vov.reference_month=65537@2023-09-01
check set-month-4294967297 4 'parameters\["leave.vov.reference_month"\].values\[0\].value: 4294967297 is above the maximum 12' -- \
  "$bin" leave "$data/leave.json" --set leave.vov.reference_month=4294967297
check set-month-2^64-1 4 'leave.vov.reference_month.*within 64 bits' -- \
  "$bin" leave "$data/leave.json" --set leave.vov.reference_month=18446744073709551615
check set-negative-rate 4 'parameters\["leave.rate.vov"\].values\[[0-9]\].value: -1.00 is below the minimum 0.00' -- \
  "$bin" leave "$data/leave.json" --set leave.rate.vov=-1@2025-09-01
check set-unknown-rounding 4 'parameters\["leave.bev.rounding"\].values\[0\].value: "banker" is not one of the allowed values \(half_up, half_even, down, up\)' -- \
  "$bin" leave "$data/leave.json" --set leave.bev.rounding=banker
check set-unknown-overflow 4 'pe.registration.month_overflow.*"wrap" is not one of the allowed values' -- \
  "$bin" status "$data/dossier.json" --set pe.registration.month_overflow=wrap
check set-ok 0 "" -- "$bin" status "$data/dossier.json" --date 2025-06-01 --set pe.points.minutes_per_point=45
# rulebook validate: exit 4 with the message for a bad file.
rb() { printf '{"schema_version":1,"sources":{"u":{"title":"mine"}},"parameters":{%s}}\n' "$1"; }
rb '"leave.vov.max_hours":{"type":"duration","unit":"hours","values":[
  {"from":"2019-09-01","to":"2020-08-31","value":"125","source":"u","confidence":"H"},
  {"from":"2021-09-01","value":"125","source":"u","confidence":"H"}]}' > "$tmp/gap.json"
check validate-gap 4 'parameters\["leave.vov.max_hours"\].values\[1\].from: leaves a gap from 2020-09-01 to 2021-08-31 after values\[0\]' -- \
  "$bin" rulebook validate "$tmp/gap.json"
rb '"leave.vov.reference_month":{"type":"integer","unit":"month","values":[{"value":65537,"source":"u","confidence":"H"}]}' > "$tmp/month.json"
check validate-month-65537 4 'values\[0\].value: 65537 is above the maximum 12' -- "$bin" rulebook validate "$tmp/month.json"
rb '"leave.vov.reference_month":{"type":"integer","unit":"month","values":[{"value":4294967297,"source":"u","confidence":"H"}]}' > "$tmp/month2.json"
check validate-month-4294967297 4 'values\[0\].value: 4294967297 is above the maximum 12' -- "$bin" rulebook validate "$tmp/month2.json"
rb '"pe.points.rounding":{"type":"text","values":[{"value":"bankers","source":"u","confidence":"H"}]}' > "$tmp/round.json"
check validate-rounding 4 'parameters\["pe.points.rounding"\].values\[0\].value: "bankers" is not one of the allowed values' -- \
  "$bin" rulebook validate "$tmp/round.json"
rb '"leave.rate.vov":{"type":"money","unit":"EUR/hour","values":[{"value":"-14.91","source":"u","confidence":"H"}]}' > "$tmp/rate.json"
check validate-negative-rate 4 'values\[0\].value: -14.91 is below the minimum 0.00' -- "$bin" rulebook validate "$tmp/rate.json"
# An overlay that declares a wider range does not widen the default rulebook's:
# it is refused at the member that would widen it (a wider "max" with values
# inside both loaded, exit 0, and the export still showed the built-in max).
rb '"pe.points.minutes_per_point":{"type":"duration","unit":"minutes","min":0,"values":[{"value":0,"source":"u","confidence":"H"}]}' > "$tmp/wide.json"
check validate-widen 4 'wide.json:[0-9]+:[0-9]+: parameters\["pe.points.minutes_per_point"\].min: is 0, wider than the min 1 of the built-in declaration' -- "$bin" rulebook validate "$tmp/wide.json"
check rulebook-option-widen 4 'minutes_per_point"\].min: is 0, wider' -- "$bin" status "$data/dossier.json" --rulebook "$tmp/wide.json"
rb '"pe.points.required":{"type":"decimal","max":"20000","values":[{"value":"16","source":"u","confidence":"H"}]}' > "$tmp/widemax.json"
check overlay-widen-max 4 'widemax.json:[0-9]+:[0-9]+: parameters\["pe.points.required"\].max: is 20000, wider than the max 10000 of the built-in declaration: an overlay may narrow a declaration, never widen it' -- "$bin" rulebook export --rulebook "$tmp/widemax.json"
check validate-widen-max 4 'pe.points.required"\].max: is 20000, wider' -- "$bin" rulebook validate "$tmp/widemax.json"
rb '"pe.points.required":{"type":"decimal","max":"100","values":[{"value":"16","source":"u","confidence":"H"}]}' > "$tmp/narrowmax.json"
check overlay-narrow-max 0 '"max": "100"' -- "$bin" rulebook export --rulebook "$tmp/narrowmax.json"
# gaps: the overlay declares them; the built-in declaration has none (it said the parameter "declares no gaps")
rb '"pe.points.required":{"type":"decimal","gaps":true,"values":[{"value":"16","from":"2025-01-01","to":"2025-03-31","source":"u","confidence":"H"},{"value":"17","from":"2025-06-01","source":"u","confidence":"H"}]}' > "$tmp/addgaps.json"
check overlay-adds-gaps 4 'pe.points.required"\].gaps: the built-in declaration has no gaps between dated values, and an overlay cannot add them' -- "$bin" rulebook export --rulebook "$tmp/addgaps.json"
rb '"pe.points.minutes_per_point":{"type":"duration","unit":"minutes","values":[{"value":45,"source":"u","confidence":"H","untill":"2030-01-01"}]}' > "$tmp/member.json"
check validate-unknown-member 4 'values\[0\].untill: unknown member; known members: from, to, ' -- "$bin" rulebook validate "$tmp/member.json"
# The export of the default rulebook carries its declarations and validates again.
"$bin" rulebook export > "$tmp/export.json"
check export-declares 0 "" -- grep -q '"allowed"' "$tmp/export.json"
check validate-export 0 "ok" -- "$bin" rulebook validate "$tmp/export.json"
# A misspelt allowed word gets the nearest one (core/nearest.hpp, as leave codes do).
check set-allowed-nearest 4 '"clmap" is not one of the allowed values \(roll_forward, clamp\) \(did you mean "clamp"\?\)' -- "$bin" status "$data/dossier.json" --date 2025-06-01 --set pe.registration.month_overflow=clmap
# --set of a decimal: the range first, with the declared bound (it said "has more than 2 decimal(s)").
check set-above-max 4 'pe.points.required"\].values\[0\].value: 100000000000000000 is above the maximum 10000' -- "$bin" status "$data/dossier.json" --date 2025-06-01 --set pe.points.required=100000000000000000
check set-above-max-int64 4 '"9223372036854775807" is above the maximum 10000' -- "$bin" status "$data/dossier.json" --date 2025-06-01 --set pe.points.required=9223372036854775807
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
