#!/usr/bin/env python3
"""Golden cases: one JSON file per case, run through the built `edurules request`.

A case file (tests/golden/README.md describes the format):
  {
    "title":  "what the case shows",
    "source": {"id": "<id in docs/sources.md or the rulebook's sources>",
               "quote": "<the sentence the expectation rests on>", "section": "..."},
    "request": { ... the JSON request, exactly as for `edurules request` ... },
    "expect": [ {"path": "/result/workers/0/...", "value": <JSON value>}, ... ]
  }
Optional: "exit" (the expected exit code, default 0), "args" (extra CLI arguments,
e.g. ["--set", "leave.bev.rounding=down"]).

Usage: run_golden.py EDURULES_CLI SOURCE_DIR CASE.json [CASE.json ...]
Prints one line per failing expectation naming the case, the path, the expected
and the actual value; exits 1 when any expectation fails.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

_MISSING = object()


def known_source_ids(src: Path) -> set:
    ids = set()
    for book in (src / "rulebook").glob("*.json"):
        ids.update(json.loads(book.read_text(encoding="utf-8")).get("sources", {}).keys())
    sources_md = src / "docs" / "sources.md"
    if sources_md.exists():
        ids.update(re.findall(r"^\| `([^`]+)` \|", sources_md.read_text(encoding="utf-8"), re.M))
    return ids


def resolve(doc, pointer: str):
    """RFC 6901 JSON pointer; _MISSING when a step is absent."""
    if pointer == "":
        return doc
    if not pointer.startswith("/"):
        raise ValueError(f"path {pointer!r} is not a JSON pointer (must start with /)")
    cur = doc
    for raw in pointer[1:].split("/"):
        key = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, list):
            if not key.isdigit() or int(key) >= len(cur):
                return _MISSING
            cur = cur[int(key)]
        elif isinstance(cur, dict):
            if key not in cur:
                return _MISSING
            cur = cur[key]
        else:
            return _MISSING
    return cur


def same(expected, actual) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return expected == actual
    return expected == actual


def show(v) -> str:
    return "(absent)" if v is _MISSING else json.dumps(v, ensure_ascii=False)


# Kinds whose responses are also checked against their response schema here.
RESPONSE_SCHEMAS = {"account.": "account.response.schema.json"}


def schema_errors(src: Path, name: str, request, response) -> list:
    """The response of an account.* case must be valid under its schema (when jsonschema is installed)."""
    kind = request.get("kind", "") if isinstance(request, dict) else ""
    schema = next((s for prefix, s in RESPONSE_SCHEMAS.items() if kind.startswith(prefix)), None)
    if schema is None or response is None:
        return []
    try:
        import jsonschema
    except ImportError:
        return []
    validator = jsonschema.Draft202012Validator(json.loads((src / "schemas" / schema).read_text(encoding="utf-8")))
    return [f"{name}: response breaks {schema}: {e.message}" for e in validator.iter_errors(response)][:5]


def run_case(cli: str, src: Path, path: Path, ids: set) -> list:
    name = path.stem
    try:
        case = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [f"{name}: not valid JSON: {e}"]
    errors = []
    for key in ("source", "request", "expect"):
        if key not in case:
            errors.append(f"{name}: missing field '{key}'")
    if errors:
        return errors
    sid = case["source"].get("id", "") if isinstance(case["source"], dict) else ""
    if sid not in ids:
        errors.append(f"{name}: source id {sid!r} is in neither docs/sources.md nor a rulebook's sources")
    if not (case["source"].get("quote") or case["source"].get("section")):
        errors.append(f"{name}: source needs a quote or a section")
    proc = subprocess.run([cli, "request", "-", *case.get("args", [])], input=json.dumps(case["request"]),
                          capture_output=True, text=True)
    want_exit = case.get("exit", 0)
    if proc.returncode != want_exit:
        errors.append(f"{name}: exit {proc.returncode}, expected {want_exit}: {proc.stderr.strip()[:400]}")
        return errors
    try:
        response = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError as e:
        return errors + [f"{name}: the response is not JSON: {e}"]
    errors += schema_errors(src, name, case["request"], response)
    for i, exp in enumerate(case["expect"]):
        try:
            actual = resolve(response, exp["path"])
        except (KeyError, ValueError) as e:
            errors.append(f"{name}: expect[{i}]: {e}")
            continue
        if actual is _MISSING or not same(exp.get("value"), actual):
            errors.append(f"{name}: {exp['path']}: expected {show(exp.get('value'))}, actual {show(actual)}")
    return errors


def main(argv) -> int:
    if len(argv) < 4:
        print(__doc__)
        return 2
    cli, src, files = argv[1], Path(argv[2]), [Path(p) for p in argv[3:]]
    ids = known_source_ids(src)
    failed = 0
    for f in files:
        errs = run_case(cli, src, f, ids)
        for e in errs:
            print("FAIL " + e)
        if errs:
            failed += 1
        else:
            print(f"ok   {f.stem}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
