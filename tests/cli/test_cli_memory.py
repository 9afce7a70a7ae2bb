#!/usr/bin/env python3
"""`book` and `status` stream their rows (issue 14): peak memory stays flat in the
number of rows. No timing: each run's peak resident set (ru_maxrss from wait4).

Usage: test_cli_memory.py EDURULES_BINARY SOURCE_DIR
- book --format json of a generated 10^6-row upload peaks under 300 MB (it was
  2.35 GB when the whole result was built as one JSON tree);
- 10^6 rows peak at most 5x what 10^5 rows do (it was 9x), and each row beyond
  costs under 120 bytes: the upload text and the ledger of points booked (which a
  duplicate must be checked against), never the row's output;
- the 10^5-row JSON is whole (rows_in rows, counts that add up);
- status --format json and csv of a dossier with many participants peak within
  a few MB of status --format ndjson (which never kept its rows).
"""
import json
import os
import subprocess
import sys
import tempfile

MB = 1024 * 1024
passed = failed = 0


def check(name, ok, detail):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + name + ": " + detail, flush=True)
    passed += ok
    failed += not ok


def measure(out_path, args):
    """--measure mode: runs args, prints exit code, peak RSS and stderr as JSON."""
    with open(out_path, "wb") as out:
        p = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE)
        err = p.stderr.read().decode()
        _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps({"rc": p.returncode, "peak": usage.ru_maxrss * 1024, "err": err}))


def peak(args, out_path=os.devnull):
    """Runs the tool; returns (exit code, peak RSS in bytes, stderr). A child's
    peak counts its parent's resident set at the fork (Linux keeps the high-water
    mark across exec), so the tool is started from a fresh small interpreter."""
    r = subprocess.run([sys.executable, __file__, "--measure", out_path, binary] + args, check=True,
                       capture_output=True, text=True)
    m = json.loads(r.stdout)
    return m["rc"], m["peak"], m["err"]


if sys.argv[1] == "--measure":
    measure(sys.argv[2], sys.argv[3:])
    sys.exit(0)
binary, src = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    gen = os.path.join(src, "tests", "cli", "gen_big_pe.py")
    subprocess.run([sys.executable, gen, tmp, "1000000", "20000"], check=True)
    dossier, upload = os.path.join(tmp, "dossier.json"), os.path.join(tmp, "upload.csv")
    small = os.path.join(tmp, "upload_100k.csv")
    with open(upload) as f, open(small, "w") as g:
        for i, line in enumerate(f):
            if i > 100000:
                break
            g.write(line)
    book = ["book", dossier, "--date", "2025-06-01", "--format", "json", "-q"]

    out_small = os.path.join(tmp, "small.json")
    rc, p_small, err = peak(book[:2] + [small] + book[2:], out_small)
    check("book-100k-exit", rc == 1 and "rows in: 100000," in err, f"exit {rc}, {err.strip()}")
    with open(out_small) as f:
        doc = json.load(f)
    res = doc["result"]
    whole = (doc["kind"] == "pe.book" and res["rows_in"] == 100000 == len(res["rows"])
             and res["booked"] + res["rejected"] == 100000
             and res["booked"] == sum(r["status"] == "booked" for r in res["rows"]))
    check("book-100k-whole", whole, f"rows_in {res['rows_in']}, {len(res['rows'])} rows, booked {res['booked']}")
    del doc, res
    os.remove(out_small)

    rc, p_big, err = peak(book[:2] + [upload] + book[2:])
    check("book-1m-exit", rc == 1 and "rows in: 1000000," in err, f"exit {rc}, {err.strip()}")
    check("book-1m-peak", p_big < 300 * MB, f"peak {p_big / MB:.0f} MB at 10^6 rows (limit 300 MB)")
    check("book-flat", p_big < 5 * p_small, f"peak {p_small / MB:.0f} MB at 10^5 rows, {p_big / MB:.0f} MB at 10^6")
    per_row = (p_big - p_small) / 900000
    check("book-per-row", per_row < 120, f"{per_row:.0f} bytes per row beyond 10^5 (limit 120)")

    # status: a dossier of 20000 participants and 60000 completions.
    subprocess.run([sys.executable, gen, tmp, "1", "20000", "60000"], check=True)
    status = ["status", dossier, "--date", "2025-06-01", "--format"]
    peaks = {}
    for fmt in ("ndjson", "json", "csv"):
        rc, peaks[fmt], err = peak(status + [fmt])
        check(f"status-{fmt}-exit", rc == 0, f"exit {rc} {err.strip()}")
    for fmt in ("json", "csv"):
        check(f"status-{fmt}-flat", peaks[fmt] < 1.1 * peaks["ndjson"] + 4 * MB,
              f"peak {peaks[fmt] / MB:.0f} MB, ndjson {peaks['ndjson'] / MB:.0f} MB")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
