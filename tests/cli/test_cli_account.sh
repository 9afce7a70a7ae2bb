#!/usr/bin/env bash
# The edurules tool's account command: the individual training right and the
# development account ledger; formats, rulebook overrides, strict input and
# exit codes. Sources: docs/sources.md section 4.
# Usage: test_cli_account.sh EDURULES_BINARY SOURCE_DIR
set -u
bin=$1; src=$2; data=$src/examples/data
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/check.sh"  # pass/fail counters and check()
# waso.pro: 5 days from 2024 (>= 20 FTE); primion: carried to the next year
check account-table 0 "full-timer +2024 +ge20 +5 +12 +5 +2280 " -- "$bin" account "$data/account.json" --wide
check account-balance 0 "full-timer: balance 8 day\(s\) \(3648 minutes\)" -- "$bin" account "$data/account.json"
# regiotalent: 5 x 80% x 10/12 = 10/3 days, kept exact
check account-thirds 0 "four-fifths +2024 +ge20 +5 +10 +10/3 +1520 " -- "$bin" account "$data/account.json" --wide
check account-narrow 0 "four-fifths +2024 +10/3 " -- "$bin" account "$data/account.json"
check account-csv 0 "^worker,year,size_class,days_per_fte,months,credit_days" -- "$bin" account "$data/account.json" --format csv
check account-json 0 '"kind": "account.right"' -- "$bin" account "$data/account.json" --format json
check account-explain 0 "account.be.days_per_fte.ge20 = 5 \(H, waso.pro\)" -- "$bin" account "$data/account.json" --explain
check account-date 0 "full-timer: balance 3 day\(s\)" -- "$bin" account "$data/account.json" --date 2024-12-31
# a bad --date is the command line's fault (exit 2, naming the option), not the document's (it was exit 3 at account.json:4)
check account-bad-date-option 2 "--date: not a date" -- "$bin" account "$data/account.json" --date 2025-13-01
# a rulebook override: no carry-over
check account-no-carry 0 "full-timer +2024 .*lapsed_no_carry_over" -- "$bin" account "$data/account.json" --set account.be.carry_over=false
# seed 003: refused spends with their reasons; nothing lost
check ledger-table 0 "S3 +refused +kind_not_eligible" -- "$bin" account "$data/account_ledger.json"
check ledger-balance 0 "balance 175.50 EUR \(free 175.50\); deposited 975.50, spent 499.99, lapsed 300.01" -- "$bin" account "$data/account_ledger.json"
cat > "$tmp/bad.json" <<'JSON'
{"schema_version":1,"kind":"account.right","date":"2024-12-31","employer":{"joint_comittee":"200"},"workers":[]}
JSON
check account-misspelt 3 "employer\.joint_comittee: unknown member.*joint_committee" -- "$bin" account "$tmp/bad.json"
cat > "$tmp/bad2.json" <<'JSON'
{"schema_version":1,"kind":"account.ledger","date":"2024-12-31","events":[{"id":"D","date":"2024-01-01","type":"deposit","from":[{"party":"worker","amount":"1.001"}]}]}
JSON
check ledger-cents 3 "events\[0\]\.from\[0\]\.amount: an amount in euros with at most 2 decimals" -- "$bin" account "$tmp/bad2.json"
# Hours beyond 64 bits are too large, not negative (2^63 read as a signed number wrapped).
sed '0,/"hours": "7.6"/s//"hours": 9223372036854775808/' "$data/account.json" > "$tmp/big.json"
check account-hours-2p63 3 "hours: number too large: 9223372036854775808" -- "$bin" account "$tmp/big.json"
# Only account.right and account.ledger: another kind was printed as JSON (exit 0) or
# broke the table and CSV (exit 70, an internal json type_error); a missing kind was
# taken as account.right, where `request` refuses it.
printf '{"schema_version":1,"kind":"rulebook.describe","date":"2025-01-01"}\n' > "$tmp/describe.json"
for f in table csv json; do
  check "account-foreign-kind-$f" 3 'describe.json:1:21: kind: is "rulebook.describe", not an account kind.*account.right or account.ledger' -- "$bin" account "$tmp/describe.json" --format $f
done
check account-leave-kind 3 'kind: is "leave.evaluate", not an account kind' -- "$bin" account "$data/leave.json" --format json
printf '{"schema_version":1,"date":"2024-12-31","employer":{},"workers":[]}\n' > "$tmp/nokind.json"
check account-missing-kind 3 "nokind.json: kind: missing: the account command reads account.right or account.ledger" -- "$bin" account "$tmp/nokind.json"
check account-missing-file 5 "" -- "$bin" account "$tmp/nope.json"
check account-usage 2 "" -- "$bin" account
# The document's "explain" decides unless --explain/--no-explain is given, as in
# `edurules request` (account.json says true: request gave 3 explanations, account --format json 0).
n_expl() { "$@" | grep -o '"explanation"' | wc -l; }
req=$(n_expl "$bin" request "$data/account.json")
check account-explain-member 0 "^$req$" -- n_expl "$bin" account "$data/account.json" --format json
check account-explain-member-table 0 "^  - \[" -- "$bin" account "$data/account.json"
check account-no-explain 0 "^0$" -- n_expl "$bin" account "$data/account.json" --format json --no-explain
sed 's/"explain": *true/"explain": false/' "$data/account.json" > "$tmp/quiet.json"
check account-explain-false 0 "^0$" -- n_expl "$bin" account "$tmp/quiet.json" --format json
check account-explain-option-wins 0 "^$req$" -- n_expl "$bin" account "$tmp/quiet.json" --format json --explain
check account-explain-both 2 "--explain and --no-explain contradict" -- "$bin" account "$data/account.json" --explain --no-explain
# Probe A10: a full-timer since 2020 on 2022-12-31 has no year of the right (waso.pro, account.be.first_year = 2023);
# the table was empty and the balance line gave no reason.
cat > "$tmp/a10.json" <<'JSON'
{"schema_version":1,"kind":"account.right","date":"2022-12-31","explain":false,"employer":{"fallback_fte":"25"},"workers":[{"id":"w","jobs":[{"from":"2020-01-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}]}]}
JSON
check account-before-first-year 0 "^w: balance 0 day\(s\) \(0 minutes\): before_first_year$" -- "$bin" account "$tmp/a10.json"
check account-before-first-year-explain 0 "account.credit.before_first_year\] 2020 to 2022 are before 2023" -- "$bin" account "$tmp/a10.json" --explain
check account-before-first-year-source 0 "account.be.first_year = 2023 \(P, waso.pro\)" -- "$bin" account "$tmp/a10.json" --explain
# Probe A_outsideq: nothing declared in the reference period, 2024-Q1 declared at 50 FTE, no fallback_fte: the
# explanation names the quarter as outside the reference period and points to fallback_fte (art. 50 par. 2, waso.faq).
cat > "$tmp/outq.json" <<'JSON'
{"schema_version":1,"kind":"account.right","date":"2024-12-31","explain":false,"employer":{"quarters":[{"quarter":"2024-Q1","fte":"50"}]},"workers":[{"id":"w","jobs":[{"from":"2024-01-01","contract_per_week_hours":"38","full_time_per_week_hours":"38"}]}]}
JSON
check account-outside-quarter 0 "\(declared 2024-Q1: outside the reference period\), and no fallback_fte.*give that as fallback_fte" -- "$bin" account "$tmp/outq.json" --explain
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
