# Shared harness of the CLI test scripts (sourced): counters and `check`.
# check NAME EXPECTED_EXIT PATTERN -- command...: the command must exit with
# EXPECTED_EXIT and (unless PATTERN is empty) print a line matching PATTERN.
pass=0; fail=0
check() {
  local name=$1 want=$2 pat=$3; shift 4
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want" ]; then echo "FAIL $name: exit $rc, expected $want"; echo "$out" | head -5; fail=$((fail+1)); return; fi
  if [ -n "$pat" ] && ! grep -qE -- "$pat" <<<"$out"; then echo "FAIL $name: output lacks /$pat/"; echo "$out" | head -5; fail=$((fail+1)); return; fi
  echo "ok   $name"; pass=$((pass+1))
}
