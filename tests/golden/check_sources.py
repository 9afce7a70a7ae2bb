#!/usr/bin/env python3
"""Sources a reader can follow (issue 12).

Fails when
  1. a rulebook value's `source` id has no entry in that rulebook's `sources`
     table nor in docs/sources.md;
  2. a rulebook `sources` entry for a non-project source has neither a `url` nor
     a row in docs/sources.md (where the URL and the page's date are kept);
  3. a golden case's `source.id` is unknown;
  4. a citation in code, tests, the rulebook or the docs points outside the
     repository: `docs/rules.md`-style paths must exist; a bare `rules.md` is
     allowed only while the repository holds exactly one rules.md; paths into
     the shared workspace (/work/...) are refused;
  5. the README's "Provisional parameters (P)" table and the rulebook disagree:
     a parameter with a P value that the table does not list, or a listed one
     with no P value (issue 12: the P values are those no source settles, each
     listed in the README with its reason).
Usage: check_sources.py SOURCE_DIR [--provisional-only]
"""
import json
import re
import subprocess
import sys
from pathlib import Path

CITED_DOCS = re.compile(r"(?<![\w./-])((?:docs/[\w./-]*|rules|architecture|style|sources)\.md)\b")
OUTSIDE = re.compile(r"/work/(?:shared|main|wt)/[\w./-]*")
TEXT_EXT = {".hpp", ".cpp", ".h", ".c", ".py", ".sh", ".json", ".md", ".txt", ".cmake", ".toml", ".pyi"}


def doc_ids(src: Path) -> set:
    text = (src / "docs" / "sources.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([^`]+)` \|", text, re.M))


def tracked(src: Path) -> list:
    out = subprocess.run(["git", "-C", str(src), "ls-files", "--cached", "--others", "--exclude-standard"],
                         capture_output=True, text=True)
    if out.returncode != 0:  # not a git checkout (an exported tree): walk it
        return [p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file() and "build" not in p.parts]
    return [f for f in out.stdout.split() if (src / f).is_file()]


def check_rulebooks(src: Path, ids_md: set, problems: list) -> set:
    all_ids = set(ids_md)
    for book in sorted((src / "rulebook").glob("*.json")):
        d = json.loads(book.read_text(encoding="utf-8"))
        table = d.get("sources", {})
        all_ids.update(table)
        for sid, entry in table.items():
            project = sid.startswith("edurules") or sid.startswith("spec.")
            if not project and "url" not in entry and sid not in ids_md:
                problems.append(f"{book.name}: source {sid!r} has no url and no row in docs/sources.md")
        for name, p in d.get("parameters", {}).items():
            for i, v in enumerate(p.get("values", [])):
                sid = v.get("source")
                if sid not in table and sid not in ids_md:
                    problems.append(f"{book.name}: {name} values[{i}] cites source {sid!r}, "
                                    "which is in neither its sources table nor docs/sources.md")
    return all_ids


def check_citations(src: Path, files: list, problems: list) -> None:
    names = {}
    for f in files:
        names.setdefault(Path(f).name, []).append(f)
    for f in files:
        if Path(f).suffix not in TEXT_EXT or f.startswith(("fuzz/corpus", "docs/research/")):
            continue
        try:
            text = (src / f).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            for m in OUTSIDE.finditer(line):
                problems.append(f"{f}:{n}: cites {m.group(0)!r}, outside the repository")
            for m in CITED_DOCS.finditer(line):
                cited = m.group(1)
                if cited.startswith(("http", "www.")) or "://" in line[max(0, m.start() - 80):m.start()]:
                    continue
                if "/" in cited:
                    if not (src / cited).exists() and not (src / Path(f).parent / cited).exists():
                        problems.append(f"{f}:{n}: cites {cited!r}, which is not in the repository")
                elif cited == "rules.md" and len(names.get(cited, [])) != 1:
                    problems.append(f"{f}:{n}: cites {cited!r}: the repository holds "
                                    f"{len(names.get(cited, []))} rules.md files")


def check_golden(src: Path, ids: set, problems: list) -> None:
    for case in sorted((src / "tests" / "golden").glob("*/*.json")):
        sid = json.loads(case.read_text(encoding="utf-8")).get("source", {}).get("id")
        if sid not in ids:
            problems.append(f"{case.relative_to(src)}: source id {sid!r} is unknown")


P_HEADING = "### Provisional parameters (P)"


def provisional_in_rulebooks(src: Path) -> set:
    out = set()
    for book in sorted((src / "rulebook").glob("*.json")):
        for name, p in json.loads(book.read_text(encoding="utf-8")).get("parameters", {}).items():
            if any(v.get("confidence") == "P" for v in p.get("values", [])):
                out.add(name)
    return out


def provisional_in_readme(src: Path, problems: list) -> set:
    lines = (src / "README.md").read_text(encoding="utf-8").splitlines()
    if P_HEADING not in lines:
        problems.append(f"README.md: no {P_HEADING!r} section")
        return set()
    listed, in_table = set(), False
    for line in lines[lines.index(P_HEADING) + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            in_table = True
            m = re.match(r"^\| `([\w.]+)` \|", line)
            if m:
                listed.add(m.group(1))
        elif in_table and line.strip():
            break
    return listed


def check_provisional(src: Path, problems: list) -> None:
    in_books, listed = provisional_in_rulebooks(src), provisional_in_readme(src, problems)
    for name in sorted(in_books - listed):
        problems.append(f"rulebook: {name} has a P value but is not in the README table {P_HEADING!r}")
    for name in sorted(listed - in_books):
        problems.append(f"README.md: {name} is listed as provisional but has no P value in rulebook/*.json")


def main(argv) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    src = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    problems = []
    if "--provisional-only" not in argv:  # ctest sources.provisional runs check 5 alone
        ids_md = doc_ids(src)
        ids = check_rulebooks(src, ids_md, problems)
        check_golden(src, ids, problems)
        check_citations(src, tracked(src), problems)
    check_provisional(src, problems)
    for p in problems:
        print("FAIL " + p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
