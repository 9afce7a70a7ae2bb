#!/usr/bin/env python3
"""Generates the PE sample data in this folder (deterministic; stdlib only).

dossier.json: ~60 participants with lapsed, renewed, renewable, borderline,
never-activated and diploma-less cases around the demo date 2025-06-01;
upload.csv: a provider's bulk upload with good rows and every kind of bad row.
Run: python3 examples/data/make_pe_sample.py
"""
import csv
import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20251)
D = dt.date.fromisoformat

FIRST = ["Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen", "Kim", "Lars",
         "Mila", "Noah", "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Tim", "Umut", "Vera", "Wout", "Yara", "Zoe"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
        "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani"]

activities = [
    ("ACT-ARB-01", "Actualiteiten arbeidsrecht", "e_learning", 90, "commercial", ["arbeidsrecht"]),
    ("ACT-CAO-02", "Wijzigingen ABU-cao 2024", "law_change_presentation", 60, "commercial", ["cao"]),
    ("ACT-WAB-03", "Wet arbeidsmarkt in balans", "webinar", 120, "commercial", ["arbeidsrecht", "contracten"]),
    ("ACT-DIS-04", "Omgaan met discriminerende verzoeken", "classroom", 180, "employer", ["wet- en regelgeving"]),
    ("ACT-ZIE-05", "Ziekte en re-integratie in de flex", "workshop", 150, "commercial", ["sociale zekerheid"]),
    ("ACT-APP-06", "Flexkennis app-module 1", "learning_app", 45, "commercial", ["cao"]),
    ("ACT-PRI-07", "Privacy en AVG voor intercedenten", "e_learning", 60, "commercial", ["privacy"]),
    ("ACT-FIS-08", "Loonheffingen en ketenaansprakelijkheid", "classroom", 240, "commercial", ["fiscaal"]),
    ("ACT-INT-09", "Intern: ons proces bij ziekmelding", "webinar", 60, "employer", ["sociale zekerheid"]),
    ("ACT-OLD-10", "Flexwet basis (oude inhoud)", "e_learning", 60, "commercial", ["arbeidsrecht"]),
    ("ACT-NEW-11", "Pensioen in de uitzendbranche", "e_learning", 75, "commercial", ["pensioen"]),
    ("ACT-UNR-12", "Niet erkende webinar", "webinar", 60, "commercial", ["cao"]),
]

recognitions = [
    # id, activity, decided, points, paid, content_version, withdrawn
    ("REC-01", "ACT-ARB-01", "2022-11-15", "1.5", "2022-10-01", None, None),
    ("REC-01B", "ACT-ARB-01", "2024-11-15", "1.5", "2024-10-01", None, None),  # re-recognised
    ("REC-02", "ACT-CAO-02", "2023-12-20", "1", "2023-11-01", None, None),
    ("REC-03", "ACT-WAB-03", "2023-02-01", "2", "2022-12-15", None, None),
    ("REC-04", "ACT-DIS-04", "2023-05-10", "3", "2023-03-20", None, None),
    ("REC-05", "ACT-ZIE-05", "2023-09-01", "2.5", "2023-07-15", None, None),
    ("REC-06", "ACT-APP-06", "2024-01-15", None, "2023-12-01", None, None),  # points from 45 min
    ("REC-07", "ACT-PRI-07", "2023-03-01", "1", "2023-01-10", None, "2024-09-01"),
    ("REC-08", "ACT-FIS-08", "2023-06-01", "4", "2023-04-20", None, None),
    ("REC-09", "ACT-INT-09", "2024-02-01", "1", "2024-01-05", None, None),
    ("REC-10", "ACT-OLD-10", "2023-01-10", "1", "2022-12-01", "v1", None),  # content changed 2024-03-01
    ("REC-11", "ACT-NEW-11", "2024-06-01", "1.25", "2024-04-15", None, None),
]
rec_valid = {}
for r in recognitions:
    start = D(r[2])
    end = D(f"{start.year + 2}-{start.month:02d}-{start.day:02d}") - dt.timedelta(days=1)
    if r[6]:
        end = min(end, D(r[6]) - dt.timedelta(days=1))
    if r[1] == "ACT-OLD-10":
        end = min(end, D("2024-02-29"))
    rec_valid.setdefault(r[1], []).append((start, end))

def recognised(act, day):
    return any(a <= day <= b for a, b in rec_valid.get(act, []))

EVAL = D("2025-06-01")
participants = []
completions = []

def add(diploma, activation=None, track="uitzendprofessional", renewals=(), dispensations=(), target=None, spread=None, note=""):
    n = len(participants) + 1
    seu = f"SEU-{100000 + n * 37}"
    name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
    p = {"seu_number": seu, "name": name, "track": track}
    if diploma:
        p["diploma_date"] = diploma
    if activation:
        p["activation_date"] = activation
    if renewals:
        p["renewal_requests"] = list(renewals)
    if dispensations:
        p["dispensations"] = list(dispensations)
    if note:
        p["note"] = note
    participants.append(p)
    if target and spread:
        a, b = D(spread[0]), D(spread[1])
        earned = 0.0
        tries = 0
        while earned < target and tries < 200:
            tries += 1
            day = a + dt.timedelta(days=rng.randrange((b - a).days + 1))
            act = rng.choice([x[0] for x in activities[:11]])
            if not recognised(act, day) or day > EVAL:
                continue
            pts = {"ACT-APP-06": 0.75}.get(act)
            if pts is None:
                pts = float(next(r[3] for r in recognitions if r[1] == act))
            if any(c["seu_number"] == seu and c["activity_id"] == act for c in completions):
                continue
            completions.append({"seu_number": seu, "activity_id": act, "completed": day.isoformat()})
            earned += pts
    return seu

# Period ended before 2025-06-01 with enough points and a renewal request: renewed.
for m in (1, 2, 3):
    add(f"2023-0{m}-1{m}", renewals=[f"2024-12-1{m}"], target=13, spread=(f"2023-0{m}-20", "2024-12-31"), note="renewed")
# Period ended with too few points: lapsed.
for m in (1, 3, 4):
    add(f"2023-0{m}-0{m + 2}", target=7, spread=(f"2023-0{m}-10", "2024-10-31"), note="lapsed")
# Lapsed, dispensation requested and granted; one still pending.
add("2023-02-20", dispensations=[{"requested": "2025-02-25", "decided": "2025-03-30", "granted": True}],
    target=9, spread=("2023-03-01", "2024-12-01"), note="kept by dispensation")
add("2023-04-10", dispensations=[{"requested": "2025-04-20"}], target=10, spread=("2023-05-01", "2025-01-31"),
    note="dispensation pending")
# Enough points, period ended, no renewal request: ended.
add("2023-03-28", target=12.5, spread=("2023-04-01", "2025-03-01"), note="not renewed")
# Borderline: period ends within weeks.
add("2023-06-05", target=11, spread=("2023-07-01", "2025-05-20"), note="borderline, weeks left")
add("2023-06-20", target=12, spread=("2023-07-01", "2025-05-20"), renewals=["2025-05-30"], note="just made it")
add("2023-06-30", track="backofficeprofessional", target=10.5, spread=("2023-07-01", "2025-05-25"), note="short, weeks left")
# Mid-period, various progress.
for i in range(24):
    month = 7 + i % 18
    y = 2023 + (month - 1) // 12
    mm = (month - 1) % 12 + 1
    dd = 1 + (i * 5) % 28
    target = [0, 2, 4, 6, 9, 12, 15][i % 7]
    track = "backofficeprofessional" if i % 4 == 0 else "uitzendprofessional"
    add(f"{y}-{mm:02d}-{dd:02d}", track=track, target=target,
        spread=(f"{y}-{mm:02d}-{dd:02d}", "2025-05-31") if target else None, note="in period")
# Leap day diploma.
add("2024-02-29", target=5, spread=("2024-03-01", "2025-05-01"), note="leap-day diploma")
# Old diplomas: activated (in period), activated long ago (renewed/lapsed), never activated.
add("2019-05-14", activation="2023-09-01", target=8, spread=("2023-09-01", "2025-05-01"), note="activated")
add("2020-11-02", activation="2024-01-15", track="backofficeprofessional", target=3, spread=("2024-02-01", "2025-04-01"), note="activated")
add("2021-03-09", activation="2022-10-01", target=14, spread=("2022-10-05", "2024-09-01"), renewals=["2024-09-15"], note="activated, renewed")
add("2018-06-30", note="never activated")
add("2022-12-31", note="diploma the day before automatic registration")
add("2023-01-01", target=4, spread=("2023-01-05", "2024-12-01"), note="first day of automatic registration")
# No diploma (may follow activities; no points recorded).
nodip = add(None, note="no diploma")
completions.append({"seu_number": nodip, "activity_id": "ACT-ARB-01", "completed": "2024-03-01"})
# Completions that do not count: activity withdrawn / content changed / not recognised / duplicate.
s0 = participants[15]["seu_number"]
completions += [
    {"seu_number": s0, "activity_id": "ACT-PRI-07", "completed": "2024-10-01"},
    {"seu_number": s0, "activity_id": "ACT-OLD-10", "completed": "2024-04-01"},
    {"seu_number": s0, "activity_id": "ACT-UNR-12", "completed": "2024-04-01"},
]

def activity_json(a):
    j = {"id": a[0], "title": a[1], "form": a[2], "provider": {"kind": a[4], "name": "SEU-erkende opleider" if a[4] == "commercial" else "Eigen organisatie"},
         "net_minutes": a[3], "test": {"questions": 10, "required_correct": 7}, "topics": a[5], "public": a[4] == "commercial"}
    if a[0] == "ACT-OLD-10":
        j["content"] = [{"version": "v1", "from": "2022-06-01"}, {"version": "v2", "from": "2024-03-01"}]
    return j

def recognition_json(r):
    j = {"id": r[0], "activity_id": r[1], "decided": r[2], "paid": r[4]}
    if r[3] is not None:
        j["points"] = r[3]
    if r[5]:
        j["content_version"] = r[5]
    if r[6]:
        j["withdrawn"] = r[6]
    return j

for p in participants:
    p.pop("note", None)
dossier = {"schema_version": 1, "participants": participants, "activities": [activity_json(a) for a in activities],
           "recognitions": [recognition_json(r) for r in recognitions], "completions": completions}
with open(os.path.join(HERE, "dossier.json"), "w", encoding="utf-8") as f:
    json.dump(dossier, f, indent=1, ensure_ascii=False)
    f.write("\n")

# The bulk upload: a provider books a webinar and an e-learning for many people.
rows = []
for p in participants[10:40]:
    if "diploma_date" in p:
        rows.append([p["seu_number"], "ACT-NEW-11", "2025-05-12"])
rows += [
    ["SEU-999999", "ACT-NEW-11", "2025-05-12"],            # unknown SEU number
    [participants[12]["seu_number"], "ACT-XYZ-99", "2025-05-12"],  # unknown activity
    [participants[12]["seu_number"], "ACT-UNR-12", "2025-05-12"],  # not recognised
    [participants[12]["seu_number"], "ACT-NEW-11", "2025-05-12"],  # duplicate of an earlier row
    [participants[3]["seu_number"], "ACT-NEW-11", "2025-05-12"],   # lapsed: not registered
    [nodip, "ACT-NEW-11", "2025-05-12"],                   # no diploma: not registered
    [participants[20]["seu_number"], "ACT-NEW-11", "2025-06-15"],  # after the booking date
    [participants[21]["seu_number"], "ACT-NEW-11", "2025-02-30"],  # impossible date
    [participants[22]["seu_number"], "", "2025-05-12"],    # missing activity
    [participants[23]["seu_number"], "ACT-CAO-02", "12-05-2025"],  # Dutch spreadsheet date
]
with open(os.path.join(HERE, "upload.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["seu_number", "activity_id", "completion_date"])
    w.writerows(rows)
print(f"{len(participants)} participants, {len(completions)} completions, {len(rows)} upload rows")
