#!/usr/bin/env python3
"""What an HR analyst runs on the sample data: the PE status of every
participant on a date (CSV, and a chart of points earned against days left,
coloured by status), and the Belgian leave hours of the sample workers (CSV,
and a chart of the hours granted and taken against the cap).

    /usr/bin/python3 examples/python/analysis.py [--dossier FILE] [--leave FILE] [--date 2025-06-01] [--out DIR]

PE: the dossier's completions are booked by the engine's single path (which
checks recognitions and registration on each completion date); the booked
points then go through the columnar batch, which is what one would run on a
whole population exported from a register. Leave: the sample workers have
several trainings sharing a cap, suspensions and VOV specifics; their hours
come from the JSON path (Engine.leave_evaluate). Engine.leave_hours_frame
decides the same facts from DataFrames through the same evaluation.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import edurules  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_DOSSIER = HERE.parent / "data" / "dossier.json"
DEFAULT_LEAVE = HERE.parent / "data" / "leave.json"
COLOURS = {"registered": "#1b9e77", "lapsed": "#d95f02", "ended": "#7570b3", "not_registered": "#999999"}


def pe_status(engine: edurules.Engine, dossier: dict, date: str) -> pd.DataFrame:
    """The batch status of the dossier's participants, with name and track."""
    frames = edurules.pe_frames(dossier)
    booked = edurules.booked_completions(engine.pe_status(dossier, date, explain=False))
    status = engine.pe_status_frame(frames.participants, booked, date)
    status.insert(1, "name", frames.participants["name"].to_numpy())
    status.insert(2, "track", frames.participants["track"].to_numpy())
    # days past the end of the last period, for those no longer registered
    status["days_since_end"] = (pd.Timestamp(date) - status["period_end"]).dt.days.where(status["state"] != "registered")
    return status


def required_points(engine: edurules.Engine, date: str) -> float:
    """pe.points.required in force on `date`, read from the rulebook."""
    versions = engine.rulebook()["parameters"]["pe.points.required"]["values"]
    for v in versions:
        if (v.get("from") or "0000") <= date <= (v.get("to") or "9999"):
            return float(v["value"])
    return float(versions[-1]["value"])


def chart(status: pd.DataFrame, required: float, date: str, path: pathlib.Path) -> None:
    """Points earned against days left (negative: days since the period ended), by status."""
    fig, ax = plt.subplots(figsize=(10, 6), dpi=120)
    placed = status[status["period_end"].notna()].copy()
    placed["x"] = placed["days_left"].astype("float").fillna(-placed["days_since_end"])
    for state, colour in COLOURS.items():
        part = placed[placed["state"] == state]
        if len(part):
            ax.scatter(part["x"], part["points_earned"], s=36, c=colour, label=f"{state} ({len(part)})",
                       edgecolors="white", linewidths=0.5)
    ax.axhline(required, color="black", linestyle="--", linewidth=1)
    ax.text(ax.get_xlim()[1], required, f"  {required:g} points required", va="bottom", ha="right", fontsize=8)
    ax.axvline(0, color="grey", linewidth=0.8)
    risk = placed[(placed["state"] == "registered") & (placed["points_short"] > 0) & (placed["x"] <= 180)]
    for _, row in risk.iterrows():  # a handful of labels on the chart, not a data path
        ax.annotate(row["seu_number"], (row["x"], row["points_earned"]), fontsize=7, xytext=(4, 4),
                    textcoords="offset points")
    unplaced = int(status["period_end"].isna().sum())
    ax.set_xlabel("days left in the registration period (negative: days since it ended)")
    ax.set_ylabel("PE points earned in the period")
    ax.set_title(f"PE points against days left on {date}" + (f" ({unplaced} never registered, not shown)" if unplaced else ""))
    ax.legend(title="status", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def leave_chart(table: pd.DataFrame, path: pathlib.Path) -> None:
    """Per worker: the cap (or VOV maximum), the hours granted and the hours taken."""
    per = table.groupby("worker_id", sort=False).agg(
        region=("region", "first"), regime=("regime", lambda r: "/".join(sorted(set(map(str, r))))),
        cap=("cap_hours", "first"), vov=("vov_maximum_hours", "first"), granted=("worker_granted_hours", "first"), taken=("worker_taken_hours", "first"))
    per = per.iloc[::-1]
    # a worker moving from BEV to VOV in the year has both ceilings
    limit = per["cap"].astype(float).fillna(0) + per["vov"].astype(float).fillna(0)
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(per) + 1.5), dpi=120)
    y = range(len(per))
    colours = {"flanders": "#e6ab02", "brussels": "#1f78b4", "wallonia": "#e7298a"}
    ax.barh(y, limit, color="#dddddd", height=0.8, label="BEV cap + VOV maximum")
    ax.barh(y, per["granted"].astype(float), color=[colours.get(r, "grey") for r in per["region"]], height=0.5,
            label="granted")
    ax.scatter(per["taken"].astype(float), list(y), marker="|", s=200, color="black", label="taken", zorder=3)
    ax.set_yticks(list(y))
    ax.set_yticklabels([f"{w} ({g})" for w, g in zip(per.index, per["regime"])], fontsize=8)
    ax.set_xlabel("hours of paid educational leave")
    ax.set_title("Leave hours granted and taken against the cap (colour: region)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
    first = ax.legend(loc="lower right", fontsize=8)
    ax.add_artist(first)
    ax.legend(handles, list(colours), title="region", loc="upper right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dossier", type=pathlib.Path, default=DEFAULT_DOSSIER)
    ap.add_argument("--leave", type=pathlib.Path, default=DEFAULT_LEAVE)
    ap.add_argument("--date", default="2025-06-01")
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("analysis-output"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    engine = edurules.Engine()
    dossier = edurules.load_dossier(args.dossier)
    status = pe_status(engine, dossier, args.date)
    csv_path = args.out / "pe_status.csv"
    status.to_csv(csv_path, index=False, date_format="%Y-%m-%d")
    png_path = args.out / "pe_points_vs_days_left.png"
    chart(status, required_points(engine, args.date), args.date, png_path)
    print(status["state"].value_counts().to_string())
    print(f"wrote {csv_path} and {png_path}")
    if args.leave and args.leave.exists():
        leave = edurules.leave_table(engine.leave_evaluate(args.leave, explain=False))
        leave_csv = args.out / "leave_hours.csv"
        leave.to_csv(leave_csv, index=False)
        leave_png = args.out / "leave_hours_vs_cap.png"
        leave_chart(leave, leave_png)
        print(f"wrote {leave_csv} and {leave_png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
