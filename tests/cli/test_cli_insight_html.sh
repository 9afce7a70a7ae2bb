#!/usr/bin/env bash
# The HTML overview in a real headless browser (Debian's chromium): the page
# the tool writes renders, shows the same numbers as the CSV for every
# participant, and its progress bars are drawn at the width earned/required.
# Usage: test_cli_insight_html.sh EDURULES_BINARY SOURCE_DIR
# Exits 77 (ctest SKIP_RETURN_CODE) only when chromium is not installed.
set -u
bin=$1; src=$2; in=$src/examples/data/insight.json
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium not installed"; exit 77; fi
command -v python3 > /dev/null || { echo "FAIL: python3 is needed to compare DOM and CSV"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0

browse() {  # browse MODE(dump-dom|screenshot) FILE OUT
  local profile; profile=$(mktemp -d "$tmp/profile.XXXXXX")
  local args=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
              --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1400,1000)
  if [ "$1" = dump-dom ]; then
    timeout 120 "$chromium" "${args[@]}" --dump-dom "file://$2" > "$3" 2> "$tmp/chromium.err"
  else
    (cd "$tmp" && timeout 120 "$chromium" "${args[@]}" --screenshot="$3" "file://$2" > /dev/null 2> "$tmp/chromium.err")
  fi
}

# contact date: the administrator's overview and a plain contact's list.
for case in "FLEX-HR 2025-06-01" "BACK-ADMIN 2025-06-02" "FLEX-NOORD 2025-06-01"; do
  set -- $case; contact=$1; day=$2; name="$contact-$day"
  "$bin" insight "$in" --contact "$contact" --date "$day" --format html --output "$tmp/$name.html" \
    || { echo "FAIL $name: html exit $?"; fail=$((fail+1)); continue; }
  "$bin" insight "$in" --contact "$contact" --date "$day" --format csv --output "$tmp/$name.csv" \
    || { echo "FAIL $name: csv exit $?"; fail=$((fail+1)); continue; }
  # The same page with a measuring script appended (the page itself has none):
  # it writes each bar's drawn width ratio into the DOM for --dump-dom.
  python3 - "$tmp/$name.html" "$tmp/$name.measure.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>
for (const tr of document.querySelectorAll('tr.participant')) {
  const bar = tr.querySelector('.bar'), fill = tr.querySelector('.fill');
  if (bar && fill) tr.setAttribute('data-drawn', (fill.getBoundingClientRect().width / bar.getBoundingClientRect().width).toFixed(4));
  const r = tr.getBoundingClientRect();
  tr.setAttribute('data-height', r.height.toFixed(1));
}
document.body.setAttribute('data-table-width', (document.querySelector('table') || document.body).getBoundingClientRect().width.toFixed(0));
</script></body>"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", probe))
PY
  if ! browse dump-dom "$tmp/$name.html" "$tmp/$name.dom.html" || ! browse dump-dom "$tmp/$name.measure.html" "$tmp/$name.measured.html"; then
    echo "FAIL $name: chromium failed"; tail -5 "$tmp/chromium.err"; fail=$((fail+1)); continue
  fi
  if python3 - "$tmp/$name.csv" "$tmp/$name.dom.html" "$tmp/$name.measured.html" <<'PY'
import csv, sys
from decimal import Decimal
from html.parser import HTMLParser

class Rows(HTMLParser):
    """Collects, per <tr class="participant ...">, the text of each classed <td> and the row's data-* attributes."""
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell, self.title, self.in_title = [], None, None, "", False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title": self.in_title = True
        if tag == "tr" and "participant" in (a.get("class") or "").split():
            self.row = {"attrs": a, "cells": {}}
            self.rows.append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = (a.get("class") or "").split()[-1]
            self.row["cells"][self.cell] = ""
        elif tag == "div" and self.row is not None and "fill" in (a.get("class") or "").split():
            self.row["fill_style"] = a.get("style", "")
    def handle_endtag(self, tag):
        if tag == "title": self.in_title = False
        if tag == "td": self.cell = None
        if tag == "tr": self.row = None
    def handle_data(self, data):
        if self.in_title: self.title += data
        if self.row is not None and self.cell: self.row["cells"][self.cell] += data

def parse(path):
    p = Rows(); p.feed(open(path, encoding="utf-8").read()); return p

csv_rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
dom, measured = parse(sys.argv[2]), parse(sys.argv[3])
assert dom.title.strip(), "the rendered page has no title"
assert len(dom.rows) == len(csv_rows), f"DOM shows {len(dom.rows)} participants, CSV has {len(csv_rows)}"
by_seu = {r["cells"]["seu"].strip(): r for r in dom.rows}
assert len(by_seu) == len(csv_rows), "duplicate participant rows in the DOM"
num = lambda s: Decimal(s) if s.strip() else None
for c in csv_rows:
    seu = c["seu_number"]
    assert seu in by_seu, f"{seu} is in the CSV but not on the page"
    cells = by_seu[seu]["cells"]
    got = {"name": cells["name"].strip(), "period_start": cells["start"].strip(), "period_end": cells["end"].strip(),
           # the page says yes/no, the CSV true/false (the CSV contract, issue 15)
           "renewal_submitted": {"yes": "true", "no": "false"}.get(cells["renewal"].strip(), cells["renewal"].strip())}
    for k, v in got.items():
        assert v == c[k], f"{seu} {k}: page {v!r}, CSV {c[k]!r}"
    for csv_key, cell in (("points_earned", "earned"), ("points_required", "required"), ("points_short", "short"), ("days_left", "days-left")):
        assert num(cells[cell]) == num(c[csv_key]), f"{seu} {csv_key}: page {cells[cell]!r}, CSV {c[csv_key]!r}"
    # The progress bar: as drawn by the browser, earned/required capped at 1.
    m = next(r for r in measured.rows if r["attrs"]["data-seu"] == seu)
    assert float(m["attrs"]["data-height"]) > 0, f"{seu}: row not rendered"
    if c["points_required"]:
        want = min(Decimal(1), Decimal(c["points_earned"]) / Decimal(c["points_required"])) if Decimal(c["points_required"]) else Decimal(1)
        drawn = Decimal(m["attrs"]["data-drawn"])
        assert abs(drawn - want) <= Decimal("0.01"), f"{seu}: bar drawn at {drawn}, earned/required is {want:.4f}"
    else:
        assert "data-drawn" not in m["attrs"], f"{seu}: a bar without a registration period"
print(f"{len(csv_rows)} participants: page and CSV agree, bars drawn to scale")
PY
  then echo "ok   $name"; else echo "FAIL $name"; fail=$((fail+1)); fi
done

# A screenshot renders to a real PNG.
"$bin" insight "$in" --contact FLEX-HR --date 2025-06-01 --format html --output "$tmp/shot.html"
browse screenshot "$tmp/shot.html" "$tmp/shot.png"
if [ -s "$tmp/shot.png" ] && [ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
  echo "ok   screenshot"
else
  echo "FAIL screenshot"; tail -5 "$tmp/chromium.err"; fail=$((fail+1))
fi
[ "$fail" -eq 0 ]
