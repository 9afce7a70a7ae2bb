#!/usr/bin/env python3
"""Writes a large PE dossier and bulk upload for the memory test (seeded; stdlib only).

Usage: gen_big_pe.py OUT_DIR ROWS [PARTICIPANTS] [DOSSIER_COMPLETIONS]
OUT_DIR/dossier.json: PARTICIPANTS registered participants (diplomas in 2023-2024),
40 recognised activities (one unrecognised) and DOSSIER_COMPLETIONS completions;
OUT_DIR/upload.csv: ROWS rows, mostly bookable, with every kind of bad row mixed in
(unknown SEU number, unknown or unrecognised activity, impossible or missing date,
extra cells, future completions, duplicates).
"""
import datetime as dt
import json
import os
import random
import sys

out, rows = sys.argv[1], int(sys.argv[2])
n_people = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
n_done = int(sys.argv[4]) if len(sys.argv) > 4 else 0
rng = random.Random(14)
base = dt.date(2024, 1, 1)
acts = [f"ACT-{i:03d}" for i in range(40)]
seus = [f"SEU-{200000 + i}" for i in range(n_people)]

people = [{"seu_number": s, "name": f"Deelnemer {i}", "track": "uitzendprofessional",
           "diploma_date": (dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))).isoformat()}
          for i, s in enumerate(seus)]
activities = [{"id": a, "title": f"Activiteit {a}", "form": "e_learning",
               "provider": {"kind": "commercial", "name": "Opleider"}, "net_minutes": 60,
               "test": {"questions": 10, "required_correct": 7}, "topics": ["cao"], "public": True} for a in acts]
recognitions = [{"id": f"REC-{a}", "activity_id": a, "decided": "2023-06-01", "paid": "2023-05-01",
                 "points": str(1 + i % 4)} for i, a in enumerate(acts[:-1])]


def when():
    return base + dt.timedelta(days=rng.randrange(500))


completions = [{"seu_number": rng.choice(seus), "activity_id": rng.choice(acts), "completed": when().isoformat()}
               for _ in range(n_done)]
with open(os.path.join(out, "dossier.json"), "w") as f:
    json.dump({"schema_version": 1, "participants": people, "activities": activities,
               "recognitions": recognitions, "completions": completions}, f, indent=1)

with open(os.path.join(out, "upload.csv"), "w", newline="") as f:
    f.write("seu_number,activity_id,completion_date\n")
    last = None
    for i in range(rows):
        seu, act, d = rng.choice(seus), rng.choice(acts[:-1]), when().isoformat()
        k = rng.randrange(100)
        if k == 0:
            seu = "SEU-999999"
        elif k == 1:
            act = "ACT-NOPE"
        elif k == 2:
            d = "2024-02-30"
        elif k == 3:
            d = ""
        elif k == 4:
            d = d + ",extra"
        elif k == 5:
            d = "2030-01-01"
        elif k == 6 and last:
            seu, act, d = last
        elif k == 7:
            d = f"{d[8:10]}-{d[5:7]}-{d[0:4]}"  # DD-MM-YYYY as spreadsheets write it
        elif k == 8:
            act = '"' + act + '"'
        last = (seu, act, d)
        f.write(f"{seu},{act},{d}\n")
