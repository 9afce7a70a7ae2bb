#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md and bench/results.png.
#
#   scripts/bench.sh [--quick] [--build DIR] [--reps N] [--peers-max-n N] [--no-node]
#
# 1. a Release build with EDURULES_BUILD_BENCH=ON in DIR (default build-bench);
# 2. the Google Benchmark suites bench_pe, bench_leave, bench_capi (every
#    repetition kept, JSON);
# 3. the Node side-by-side harness (bench/node: npm install, the addon over the C
#    ABI, the correctness gate, W1-W3), if node and npm are present;
# 4. bench/python/bench_batch.py (Python columnar batch next to C++), when the
#    bindings could be built with Debian's /usr/bin/python3;
# 5. bench/report.py (Debian's /usr/bin/python3 with matplotlib) writes the
#    report and the chart. Raw results stay in DIR/bench-results.
# --quick: few repetitions and W3 at 2*10^4 rows (minutes instead of ~30).
# --peers-max-n: the largest W3 population the peers run (default 10^6; ZEN
# needs minutes per pass at 10^6).
#
# The suites over large columns (bench_pe, bench_leave, the Python batch)
# run with glibc's malloc asking for transparent huge pages
# (GLIBC_TUNABLES=glibc.malloc.hugetlb=1; glibc 2.35+, ignored elsewhere).
# Where the kernel gives huge pages only on request (THP "madvise", as on the
# VM of bench/RESULTS.notes.md), columns of 10^6..10^7 rows on 4 KiB pages
# measure the machine's page faults and page walks, not the rules nor the
# memory's bandwidth: a plain sum over 10^7 leave rows took 570 ms on 4 KiB
# pages and 13 ms with the tunable.
# bench_capi (one request at a time), the Node harness (edurules and its
# peers side by side) and the memory of `book` run in the default
# environment, as a user's process does: for them the tunable uncovers no
# floor. One-request timings on that VM switch between two modes for minutes
# at a time, with or without the tunable (W1 at 0 completions 1.9-2.1 or
# 3.1 us, its limit baseline 265-305 or 450 ns): bench_capi interleaves its
# repetitions at random (Google Benchmark's
# --benchmark_enable_random_interleaving), so that the JSON path and its
# limit baseline are measured in the same minutes and share the mode; so do
# bench_pe and bench_leave (a batch and its limit baseline, a status with
# and without its explanation).
# The machine line of the report says which suites had the tunable.
set -euo pipefail
huge_pages="glibc.malloc.hugetlb=1${GLIBC_TUNABLES:+:$GLIBC_TUNABLES}"
default_tunables="${GLIBC_TUNABLES:-}"
# with_pages huge|default COMMAND...: runs COMMAND with the tunable or in the default environment
with_pages() {
  local mode=$1
  shift
  if [ "$mode" = huge ]; then
    GLIBC_TUNABLES="$huge_pages" "$@"
  elif [ -n "$default_tunables" ]; then
    GLIBC_TUNABLES="$default_tunables" "$@"
  else
    env -u GLIBC_TUNABLES "$@"
  fi
}

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-bench"
quick=0
reps=5
peers_max=1000000
with_node=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; reps=2 ;;
    --build) build=$2; shift ;;
    --reps) reps=$2; shift ;;
    --peers-max-n) peers_max=$2; shift ;;
    --no-node) with_node=0 ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
build=$(mkdir -p "$build" && cd "$build" && pwd)
out="$build/bench-results"
mkdir -p "$out"
jobs=$(nproc)

echo "== build ($build)"
py=()
# the Python bindings too, when Debian's python3 has what they need (for bench/python)
if /usr/bin/python3 -c 'import pybind11, numpy, pandas' 2>/dev/null; then
  py=(-DEDURULES_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3)
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DEDURULES_BUILD_BENCH=ON -DEDURULES_BUILD_TESTS=OFF "${py[@]}" >"$out/cmake.log"
cmake --build "$build" -j"$jobs" >>"$out/cmake.log" 2>&1 || { tail -30 "$out/cmake.log"; exit 1; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}'), transparent huge pages: $(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown); GLIBC_TUNABLES=$huge_pages for bench_pe, bench_leave and the Python batch; ${default_tunables:+GLIBC_TUNABLES=$default_tunables, }no huge-page tunable for bench_capi, the Node harness and the book memory"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "compiler: $(${CXX:-c++} --version | head -1)"
  echo "edurules: $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown), Release"
  echo "google benchmark: $(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null || echo unknown)"
  echo "repetitions: $reps$([ $quick = 1 ] && echo ' (quick mode)')"
} >"$out/machine.txt"

gb() { # gb huge|default NAME FILTER [options...]: one suite, every repetition in JSON
  local pages=$1 name=$2 filter=$3
  shift 3
  echo "== $name"
  with_pages "$pages" "$build/bench/$name" --benchmark_filter="$filter" --benchmark_repetitions="$reps" \
    --benchmark_min_time="$([ $quick = 1 ] && echo 0.05 || echo 0.3)" \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json "$@" | tail -n +4
}
if [ $quick = 1 ]; then
  gb huge bench_pe '^BM_(pe_status_single|rulebook|pe_status_batch/(1000|100000)/|pe_limit_baseline/(1000|100000)/|pe_memory)' \
    --benchmark_enable_random_interleaving=true
  gb huge bench_leave '^BM_leave_(worker|batch/(1000|100000)/|limit_baseline/(1000|100000)$)' \
    --benchmark_enable_random_interleaving=true
else
  # repetitions interleaved at random: a ratio's two sides (batch and limit
  # baseline, explained and plain) are measured in the same minutes
  gb huge bench_pe . --benchmark_enable_random_interleaving=true
  gb huge bench_leave . --benchmark_enable_random_interleaving=true
fi
gb default bench_capi . --benchmark_enable_random_interleaving=true

if [ $with_node = 1 ] && command -v node >/dev/null && command -v npm >/dev/null; then
  echo "== node harness"
  (cd "$root/bench/node" && npm install --no-audit --no-fund --silent)
  "$root/bench/node/build-addon.sh" "$build" >/dev/null
  node_args=(--json "$out/node.json" --peers-max-n "$peers_max")
  [ $quick = 1 ] && node_args+=(--quick)
  # a peer's 10^6 rows as objects need more than Node's default heap
  with_pages default env EDURULES_BUILD="$build" node --max-old-space-size=8192 "$root/bench/node/harness.js" "${node_args[@]}"
else
  rm -f "$out/node.json"
  echo "== node harness skipped (no node/npm, or --no-node)"
fi

rm -f "$out/python.txt"
if [ -f "$root/bench/python/bench_batch.py" ] && [ -d "$build/bindings/python/edurules" ]; then
  echo "== python batch"
  py_args=()
  [ $quick = 1 ] && py_args=(--sizes 20000)
  with_pages huge env PYTHONPATH="$build/bindings/python" /usr/bin/python3 "$root/bench/python/bench_batch.py" "${py_args[@]}" \
    >"$out/python.txt" 2>&1 || echo "(bench_batch.py failed; output kept)" >>"$out/python.txt"
  cat "$out/python.txt"
fi

rm -f "$out/book_memory.json"
if [ -x "$build/src/cli/edurules" ] && [ -x /usr/bin/time ]; then
  # The peak resident set of `book --format json` over a generated 10^6-row
  # upload (tests/cli/gen_big_pe.py, the data of ctest cli.memory): GNU time's
  # %M, the kernel's high-water mark of the tool alone; in the default
  # environment (memory as a user's setup counts it: huge pages round it up).
  echo "== book memory (10^6-row upload, --format json)"
  tmpd=$(mktemp -d)
  /usr/bin/python3 "$root/tests/cli/gen_big_pe.py" "$tmpd" 1000000 20000 >/dev/null
  rc=0
  with_pages default /usr/bin/time -f "%M" -o "$tmpd/peak" "$build/src/cli/edurules" book "$tmpd/dossier.json" "$tmpd/upload.csv" \
    --date 2025-06-01 --format json -q >/dev/null 2>&1 || rc=$?
  printf '{"rows": 1000000, "rc": %d, "peak_kib": %d}\n' "$rc" "$(tail -1 "$tmpd/peak")" >"$out/book_memory.json"
  cat "$out/book_memory.json"
  rm -rf "$tmpd"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
/usr/bin/python3 "$root/bench/report.py" "$out" "$root/bench/RESULTS.md" "$root/bench/results.png"
echo "wrote $root/bench/RESULTS.md and $root/bench/results.png (raw results in $out)"
