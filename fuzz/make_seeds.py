#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzz corpora (fuzz/corpus/<target>/
seed-*) from examples/data and small cases. The committed corpora are these
seeds plus what long fuzz runs added (merged with -merge=1, so minimal).
Rerun after changing the examples: python3 fuzz/make_seeds.py"""
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
OUT = ROOT / "fuzz" / "corpus"


def write(target, name, content):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(content, (dict, list)):
        content = json.dumps(content, separators=(",", ":"), ensure_ascii=False)
    if isinstance(content, str):
        content = content.encode("utf-8")
    (d / f"seed-{name}").write_bytes(content)


dossier = json.loads((DATA / "dossier.json").read_text())
insight = json.loads((DATA / "insight.json").read_text())
leave = json.loads((DATA / "leave.json").read_text())

# A small dossier: a few participants (one with a dispensation, one
# activated), every activity they use, their completions.
keep = [p for p in dossier["participants"] if p["seu_number"] in
        ("SEU-100037", "SEU-100259", "SEU-100148", "SEU-100370", "SEU-100111")]
keep += [p for p in dossier["participants"] if "activation_date" in p][:1]
seus = {p["seu_number"] for p in keep}
comps = [c for c in dossier["completions"] if c["seu_number"] in seus][:20]
acts = {c["activity_id"] for c in comps}
small = {"schema_version": 1, "participants": keep,
         "activities": [a for a in dossier["activities"] if a["id"] in acts],
         "recognitions": [r for r in dossier["recognitions"] if r["activity_id"] in acts],
         "completions": comps}

# ---- dossier target: two bytes of date offset, then the document ----------
for name, days in (("small", 9283), ("small-early", 8500)):
    write("dossier", name, struct.pack("<H", days) + json.dumps(small).encode())
write("dossier", "empty-lists", struct.pack("<H", 9000) + b'{"schema_version":1,"participants":[],"completions":[]}')
write("dossier", "bad-date", struct.pack("<H", 9000) +
      b'{"schema_version":1,"participants":[{"seu_number":"X","diploma_date":"2023-02-29"}]}')

# ---- request target: every kind ----------------------------------------
def req(kind, **members):
    return {"schema_version": 1, "kind": kind, **members}

write("request", "describe", req("rulebook.describe"))
for k in ("pe.status", "pe.reminders"):
    write("request", k, req(k, date="2025-06-01", explain=True, dossier=small))
write("request", "pe.book-csv", req("pe.book", date="2025-06-01", dossier=small,
      csv="seu_number;activity_id;completion_date\r\nSEU-100037;ACT-ARB-01;12-05-2025\r\n\"SEU-100259\";\"ACT-CAO-02\";2025-05-12\r\nX;Y;2025-02-29\r\n"))
write("request", "pe.book-rows", req("pe.book", date="2025-06-01", dossier=small, explain=True, rows=[
    {"seu_number": "SEU-100037", "activity_id": "ACT-ARB-01", "completed": "2025-05-12"},
    {"seu_number": "SEU-100037", "activity_id": "NOPE", "completed": "2025-05-12"},
    {"seu_number": 7, "activity_id": "ACT-ARB-01", "completed": "2025-05-12"}]))
act = dossier["activities"][0]
write("request", "pe.activity", req("pe.activity", date="2025-06-01", activity=act))
write("request", "pe.recognition", req("pe.recognition", date="2025-06-01", activity=act,
      recognition=dossier["recognitions"][0]))
write("request", "pe.collective", req("pe.collective", date="2025-06-01", dossier=small,
      seu_numbers=[p["seu_number"] for p in keep]))
lw = dict(leave)
lw["workers"] = leave["workers"][:4]
for k in ("leave.evaluate", "leave.regime", "leave.eligibility", "leave.entitlement", "leave.absence",
          "leave.reimbursement", "leave.deadlines"):
    w = dict(lw, kind=k)
    if k != "leave.evaluate":
        w["workers"] = leave["workers"][4 + len(k) % 5: 6 + len(k) % 5]
    write("request", k, w)
ins = {k: v for k, v in insight.items() if k not in ("description", "dossier_file")}
ins_seus = {c["seu_number"] for c in ins["consents"]}
ins_dossier = dict(small, participants=[p for p in dossier["participants"] if p["seu_number"] in ins_seus][:8])
for k, contact in (("insight.access", "FLEX-NOORD"), ("insight.overview", "FLEX-HR"), ("insight.dossier", "FLEX-NOORD")):
    write("request", k, dict(req(k, date="2025-06-01", contact=contact, explain=True, dossier=ins_dossier), **ins))
write("request", "unknown-kind", req("pe.nope"))
write("request", "no-version", {"kind": "pe.status"})
write("request", "nested", '{"schema_version":1,"kind":"pe.status","date":' + "[" * 50 + "]" * 50 + "}")

# ---- rulebook target ---------------------------------------------------
for f in sorted((ROOT / "rulebook").glob("*.json")):
    if f.stat().st_size < 20000:
        write("rulebook", f.stem, f.read_bytes())
rb = json.loads((ROOT / "rulebook" / "leave.json").read_text())
# a slice of the big leave rulebook: every parameter type occurs
slice_ = {"schema_version": 1, "sources": rb["sources"], "parameters": dict(list(rb["parameters"].items())[:25])}
write("rulebook", "leave-slice", slice_)
write("rulebook", "overlay", {"schema_version": 1, "sources": {"cao": {"title": "Our CAO"}}, "parameters": {
    "pe.points.required": {"type": "decimal", "unit": "points", "values": [{"value": "16", "source": "cao", "confidence": "H"}]},
    "pe.registration.period_months": {"type": "integer", "unit": "months", "values": [
        {"value": 24, "source": "cao", "confidence": "H", "to": "2024-12-31"},
        {"value": 36, "source": "cao", "confidence": "P", "from": "2025-01-01"}]}}})
write("rulebook", "types", {"schema_version": 1, "sources": {"s": {"title": "t"}}, "parameters": {
    "x.money": {"type": "money", "values": [{"value": "21.30", "source": "s", "confidence": "M"}]},
    "x.duration": {"type": "duration", "unit": "hours", "values": [{"value": "1.5", "source": "s", "confidence": "L"}]},
    "x.date": {"type": "date", "values": [{"value": "2024-02-29", "source": "s", "confidence": "H"}]},
    "x.list": {"type": "integer_list", "values": [{"value": [1, 2, 3], "source": "s", "confidence": "H"}]},
    "x.words": {"type": "text_list", "values": [{"value": ["a", "b"], "source": "s", "confidence": "H"}]},
    "x.flag": {"type": "boolean", "values": [{"value": True, "source": "s", "confidence": "H"}]}}})

# ---- upload_csv target -------------------------------------------------
write("upload_csv", "example", (DATA / "upload.csv").read_bytes()[:600])
write("upload_csv", "excel-nl", b"\xef\xbb\xbfSEU-nummer;Activiteit;Datum\r\nSEU-1;A1;12-05-2024\r\n\"SEU-2\";\"A;2\";\"01/02/2024\"\r\n")
write("upload_csv", "quotes", b'seu_number,activity_id,completion_date\n"SEU-1","A""1",2024-05-12\n"multi\nline",A2,2024-05-12\n,,\n')
write("upload_csv", "tabs", b"seu\tactivity\tdate\nSEU-1\tA1\t2024-02-29\nSEU-2\tA2\t2023-02-29\n")
write("upload_csv", "no-header", b"SEU-1,A1,2024-05-12\nSEU-1,A1\n\n  SEU-2 , A2 , 2024-13-01 \n")

# ---- dates target ------------------------------------------------------
for i, s in enumerate(["2024-02-29", "2023-02-29", "1900-01-01", "9999-12-31", "1899-12-31", "2023-9-01",
                       "2019-2020", "9998-9999", "1900-1901", "21.30", "-0.05", "123456789.123456789",
                       "1.", ".5", "2019-08-31"]):
    write("dates", f"{i:02d}", s)
write("dates", "yyyymmdd", struct.pack("<i", 20240229) + b"")

# ---- capi_batch target: first byte even = PE, odd = leave ----------------
import random
rnd = random.Random(8)
for i in range(6):
    write("capi_batch", f"pe-{i}", bytes([0, 4 + i, i * 7 % 256]) + bytes(rnd.randrange(256) for _ in range(120)))
    write("capi_batch", f"leave-{i}", bytes([1, 4 + i, i * 5 % 256]) + bytes(rnd.randrange(256) for _ in range(160)))
