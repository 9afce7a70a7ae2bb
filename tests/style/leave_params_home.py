#!/usr/bin/env python3
"""Every leave parameter has one home: the rule header that reads it (issue 11).

"Adding a leave parameter touches the rulebook JSON, one rule header and its
test." For every parameter of rulebook/leave.json this checks that its name is
looked up (need/maybe/lookup/require/find with the name as a string literal;
for the generated BEV cap cells, the literal prefix the cell name is built
from, e.g. "leave.bev.cap." + cell) in exactly one header of
include/edurules/leave/, and that this header is not rules.hpp, the
aggregator. It also fails when rules.hpp names any leave parameter at all or
calls a lookup, when a leave header looks up a name the rulebook does not
have, and when code outside include/edurules/leave/ looks one up.

Usage: leave_params_home.py ROOT      (exit 1 and one line per problem)
       leave_params_home.py --self-test ROOT
The self test re-runs the check on the tree with one parameter declared again
in rules.hpp and with one lookup duplicated in a second header, and fails
unless the check catches both."""
import json
import pathlib
import re
import sys

LEAVE_HEADERS = "include/edurules/leave"
AGGREGATOR = "rules.hpp"
OTHER_ROOTS = ("include", "src", "bindings/python/src")
LOOKUP = re.compile(
    r"\b(?:need|maybe|lookup|require|find)\s*\(\s*(?:[\w.>*-]+\s*,\s*)?\"(leave\.[A-Za-z0-9_.]*)\"(\s*\+)?")
ANY_LEAVE_LITERAL = re.compile(r"\"(leave\.[A-Za-z0-9_.]*)\"")
ANY_LOOKUP_CALL = re.compile(r"\b(?:need|maybe|require|find)\s*\(")


def strip_comments(text: str) -> str:
    """// and /* */ comments removed (string literals kept: they are the lookups)."""
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def lookups(text: str):
    """(literal, is_prefix) for every parameter lookup in a source text."""
    return [(m.group(1), m.group(2) is not None) for m in LOOKUP.finditer(strip_comments(text))]


def check(names, headers, others):
    """Problems as text lines. `headers`: leave header file name -> text;
    `others`: path -> text of every other C/C++ source."""
    problems = []
    homes = {n: set() for n in names}
    for file, text in sorted(headers.items()):
        for literal, prefix in lookups(text):
            if prefix:  # a generated name: "leave.bev.cap." + cell
                matched = [n for n in names if literal.endswith(".") and n.startswith(literal)]
            else:
                matched = [literal] if literal in homes else []
            if not matched:
                problems.append(f"{LEAVE_HEADERS}/{file}: looks up \"{literal}\", which rulebook/leave.json lacks")
            for n in matched:
                homes[n].add(file)
    for n, files in homes.items():
        if not files:
            problems.append(f"{n}: looked up in no header of {LEAVE_HEADERS}/ (no rule reads it)")
        elif len(files) > 1:
            problems.append(f"{n}: looked up in {len(files)} headers ({', '.join(sorted(files))}); "
                            "it belongs in the one rule header that reads it")
        elif AGGREGATOR in files:
            problems.append(f"{n}: looked up in {AGGREGATOR}; declare it in the topic header whose rule reads it")
    aggregator = strip_comments(headers.get(AGGREGATOR, ""))
    for literal in ANY_LEAVE_LITERAL.findall(aggregator):
        if any(n == literal or (literal.endswith(".") and n.startswith(literal)) for n in names):
            problems.append(f"{LEAVE_HEADERS}/{AGGREGATOR}: names the parameter \"{literal}\"; "
                            "rules.hpp only aggregates the topic params")
    if ANY_LOOKUP_CALL.search(aggregator):
        problems.append(f"{LEAVE_HEADERS}/{AGGREGATOR}: calls a parameter lookup; rules.hpp only aggregates")
    for path, text in sorted(others.items()):
        for literal, _ in lookups(text):
            if any(n == literal or n.startswith(literal) for n in names):
                problems.append(f"{path}: looks up \"{literal}\" outside {LEAVE_HEADERS}/")
    return problems


def load(root: pathlib.Path):
    names = list(json.loads((root / "rulebook/leave.json").read_text())["parameters"])
    headers = {p.name: p.read_text() for p in sorted((root / LEAVE_HEADERS).glob("*.hpp"))}
    others = {}
    for base in OTHER_ROOTS:
        for p in sorted((root / base).rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.suffix in {".hpp", ".h", ".cpp", ".c", ".cc"} and not rel.startswith(LEAVE_HEADERS + "/"):
                others[rel] = p.read_text()
    return names, headers, others


def self_test(names, headers, others):
    """The check must catch a parameter declared in rules.hpp again, and a
    lookup copied into a second header."""
    failures = []
    redeclared = dict(headers)
    redeclared[AGGREGATOR] = headers[AGGREGATOR].replace(
        "const rulebook* book;",
        "const rulebook* book;\n    const parameter* extra = need(*book, \"leave.vov.max_hours\", "
        "value_kind::duration);", 1)
    if redeclared[AGGREGATOR] == headers[AGGREGATOR] or not check(names, redeclared, others):
        failures.append("a parameter declared again in rules.hpp went unnoticed")
    duplicated = dict(headers)
    duplicated["money.hpp"] = headers["money.hpp"] + \
        "\ninline const parameter* p(const rulebook& rb) { return need(rb, \"leave.bev.cap.\" + std::string(\"x\"), " \
        "value_kind::duration); }\n"
    if not check(names, duplicated, others):
        failures.append("a cap cell looked up in a second header went unnoticed")
    return failures


def main(argv):
    args = [a for a in argv[1:] if a != "--self-test"]
    root = pathlib.Path(args[0] if args else ".")
    names, headers, others = load(root)
    problems = check(names, headers, others)
    if "--self-test" in argv:
        problems += self_test(names, headers, others)
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(names)} leave parameters, each looked up in one topic header of {LEAVE_HEADERS}/, "
              f"none in {AGGREGATOR}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
