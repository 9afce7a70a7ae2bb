"""Reads the employer report as headless Chromium rendered it (--dump-dom) and
checks it against the CSV of the same overview: language, summary counts, row
order by urgency, points, flag words and bar widths.

Usage: check_insight_dom.py LANG CSV DOM MEASURED_DOM [EXPECTED SEU ORDER...]

The urgency order checked here is the documented one (include/edurules/
insight/attention.hpp): lapsed first; then points short or may renew without
a renewal dossier, by days left ascending, then points short descending; then
on track; then not registered. The category of each row is derived from the
CSV's own columns (status, points_short, renewal_submitted), independently of
the page.
"""
import csv
import sys
from decimal import Decimal
from html.parser import HTMLParser

RANK = {"lapsed": 1, "points_short": 2, "renew_without_dossier": 2, "on_track": 3, "not_registered": 4}
WORDS = {
    "nl": {"headers": ["SEU-nummer", "Naam", "Voortgang", "Aandacht"], "summary": "Samenvatting",
           "renew": "{n} dagen over, mag verlengen, geen verlengingsdossier", "mark": ",",
           "foreign": ["Summary", "Name", "points", "days left", "Progress"]},
    "en": {"headers": ["SEU number", "Name", "Progress", "Attention"], "summary": "Summary",
           "renew": "{n} days left, may renew, no renewal dossier", "mark": ".",
           "foreign": ["Samenvatting", "Naam", "punten", "dagen over", "Voortgang"]},
}


class Page(HTMLParser):
    """The html lang, the header cells, the summary counts and per participant row its data-* attributes
    and the text of each classed cell."""

    def __init__(self):
        super().__init__()
        self.lang, self.headers, self.counts, self.rows, self.text = None, [], {}, [], []
        self.row = self.cell = self.count = None
        self.in_th = self.in_n = self.skip = False
        self.h2 = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("style", "title", "script"):
            self.skip = True
        if tag == "th":
            self.in_th = True
            self.headers.append("")
        if tag == "li" and "count" in cls:
            self.count = a["data-category"]
        if tag == "span" and "n" in cls and self.count:
            self.in_n = True
            self.counts[self.count] = ""
        if tag == "tr" and "participant" in cls:
            self.row = {"attrs": a, "cells": {}, "text": ""}
            self.rows.append(self.row)
        elif tag == "td" and self.row is not None:
            self.cell = cls[-1]
            self.row["cells"][self.cell] = ""
        elif tag == "span" and self.row is not None and "of" in cls:
            self.row["of"] = a

    def handle_endtag(self, tag):
        if tag in ("style", "title", "script"):
            self.skip = False
        if tag == "th":
            self.in_th = False
        if tag == "span":
            self.in_n = False
        if tag == "li":
            self.count = None
        if tag == "td":
            self.cell = None
        if tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.in_th:
            self.headers[-1] += data
        if self.in_n:
            self.counts[self.count] += data
        if self.row is not None:
            self.row["text"] += data
            if self.cell:
                self.row["cells"][self.cell] += data


def parse(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


def category(c):
    """The row's category from the CSV's columns alone."""
    if c["status"] == "lapsed":
        return {"lapsed"}
    if c["status"] == "not_registered":
        return {"not_registered"}
    if c["status"] == "ended":  # renewable within the grace days, or not: the CSV cannot tell
        return {"renew_without_dossier", "not_registered", "on_track"}
    if Decimal(c["points_short"]) > 0:
        return {"points_short"}
    return {"on_track"} if c["renewal_submitted"] in ("yes", "true") else {"renew_without_dossier"}


def main(lang, csv_path, dom_path, measured_path, *order):
    w = WORDS[lang]
    csv_rows = list(csv.DictReader(open(csv_path, encoding="utf-8", newline="")))
    dom, measured = parse(dom_path), parse(measured_path)
    # Language: the html element and the labels.
    assert dom.lang == lang, f"<html lang={dom.lang!r}>, expected {lang!r}"
    text = " ".join(dom.text)
    for h in w["headers"]:
        assert h in dom.headers, f"header {h!r} not in {dom.headers}"
    assert w["summary"] in text, f"no {w['summary']!r} heading"
    for word in w["foreign"]:
        assert word not in text, f"{word!r} of the other language on the {lang} page"
    # Participants: exactly the CSV's.
    by_seu = {c["seu_number"]: c for c in csv_rows}
    seen = [r["attrs"]["data-seu"] for r in dom.rows]
    assert sorted(seen) == sorted(by_seu), f"page rows {seen}, CSV rows {sorted(by_seu)}"
    # Summary counts: per category, as the rows show them, summing to the total.
    cats = [r["attrs"]["data-category"] for r in dom.rows]
    for cat in RANK:
        assert int(dom.counts[cat]) == cats.count(cat), f"summary {cat}: {dom.counts[cat]}, rows {cats.count(cat)}"
    assert int(dom.counts["total"]) == len(csv_rows), f"summary total {dom.counts['total']}, CSV {len(csv_rows)}"
    # Every row: category from the CSV, points, flag words, no raw codes.
    keys = []
    for r in dom.rows:
        seu, a = r["attrs"]["data-seu"], r["attrs"]
        c = by_seu[seu]
        assert a["data-category"] in category(c), f"{seu}: category {a['data-category']}, CSV says {category(c)}"
        assert int(a["data-rank"]) == RANK[a["data-category"]], f"{seu}: rank {a['data-rank']}"
        if c["status"] == "registered":
            assert a["data-deadline-days"] == c["days_left"], f"{seu}: deadline {a['data-deadline-days']} vs {c}"
        if c["points_required"]:
            assert Decimal(r["of"]["data-earned"]) == Decimal(c["points_earned"]), f"{seu}: earned"
            assert Decimal(r["of"]["data-required"]) == Decimal(c["points_required"]), f"{seu}: required"
            assert Decimal(a["data-points-short"]) == Decimal(c["points_short"]), f"{seu}: short"
            earned = c["points_earned"].replace(".", w["mark"])
            others = {c["points_required"], c["points_short"]}
            if c["points_earned"] not in others:  # points shown once
                assert r["text"].count(earned) == 1, f"{seu}: {earned} shown {r['text'].count(earned)} times"
        why = r["cells"]["attention"]
        assert "_" not in why and "(" not in why, f"{seu}: raw code in {why!r}"
        if a["data-category"] == "renew_without_dossier" and c["status"] == "registered":
            want = w["renew"].format(n=c["days_left"])
            assert want in why, f"{seu}: {why!r} lacks {want!r}"
        days = int(a["data-deadline-days"]) if a["data-deadline-days"] else float("inf")
        short = Decimal(a["data-points-short"] or "0")
        keys.append((int(a["data-rank"]), days, -short))
    # Order: by urgency, and the known answer where one is given.
    for i in range(1, len(keys)):
        assert keys[i - 1] <= keys[i], f"row {i} ({seen[i]}) is more urgent than row {i - 1} ({seen[i - 1]})"
    if order:
        assert seen == list(order), f"order {seen}, expected {list(order)}"
    # Progress bars, as drawn by the browser: earned/required capped at 1.
    for m in measured.rows:
        seu = m["attrs"]["data-seu"]
        c = by_seu[seu]
        assert float(m["attrs"]["data-height"]) > 0, f"{seu}: row not rendered"
        if c["points_required"]:
            req = Decimal(c["points_required"])
            want = min(Decimal(1), Decimal(c["points_earned"]) / req) if req else Decimal(1)
            drawn = Decimal(m["attrs"]["data-drawn"])
            assert abs(drawn - want) <= Decimal("0.01"), f"{seu}: bar drawn at {drawn}, earned/required {want:.4f}"
        else:
            assert "data-drawn" not in m["attrs"], f"{seu}: a bar without a registration period"
    print(f"{len(csv_rows)} participants ({lang}): counts {dom.counts}, order {' '.join(seen)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
