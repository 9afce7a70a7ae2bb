#!/usr/bin/env python3
"""No function in include/ or src/ is longer than LIMIT lines (issue 11).

Reads C and C++ sources, strips comments and literals, and measures every
function body: a `{` whose preceding declaration has a parameter list and is
not a control statement, class, namespace, enum, initializer or lambda inside
another body. Lambdas and local classes count toward their enclosing function.
Prints each offender as path:line: name (N lines) and exits 1 if any."""
import pathlib
import re
import sys

LIMIT = 120
ROOTS = ("include", "src", "bindings/python/src")
EXTS = {".hpp", ".h", ".cpp", ".c", ".cc"}
CONTROL = re.compile(r"\b(if|for|while|switch|catch|return|else|do|try)\b\s*(\(|$)")
NON_FUNCTION = re.compile(r"\b(namespace|class|struct|union|enum)\b")


def strip(text: str) -> str:
    """Comments, strings and character literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def no_preprocessor(s: str) -> str:
    """Preprocessor lines (and their continuations) blanked."""
    lines = s.split("\n")
    cont = False
    for k, line in enumerate(lines):
        if cont or line.lstrip().startswith("#"):
            cont = line.rstrip().endswith("\\")
            lines[k] = " " * len(line)
    return "\n".join(lines)


def functions(text: str):
    """(first line, name, line count) of every outermost function body."""
    s = no_preprocessor(strip(text))
    stack = []  # (kind, start offset) for each open brace
    last_stop = 0
    for i, c in enumerate(s):
        if c == "{":
            head = s[last_stop:i]
            inside_function = any(k == "function" for k, _, _ in stack)
            kind = "block"
            if not inside_function:
                h = " ".join(head.split())
                if ")" in h and not h.endswith("extern") and not CONTROL.search(h) and not NON_FUNCTION.search(h.split("(")[0]) \
                        and not h.rstrip().endswith("=") and not re.search(r"=\s*\[", h):
                    kind = "function"
            stack.append((kind, i, head))
            last_stop = i + 1
        elif c == "}":
            if stack:
                kind, start, head = stack.pop()
                if kind == "function":
                    first = s.count("\n", 0, start) + 1
                    last = s.count("\n", 0, i) + 1
                    name = " ".join(head.split())[-90:]
                    yield first, name, last - first + 1
            last_stop = i + 1
        elif c == ";":
            last_stop = i + 1


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    bad = 0
    count = 0
    for r in ROOTS:
        for p in sorted((root / r).rglob("*")):
            if p.suffix not in EXTS or not p.is_file():
                continue
            for line, name, n in functions(p.read_text(encoding="utf-8", errors="replace")):
                count += 1
                if n > LIMIT:
                    bad += 1
                    print(f"{p.relative_to(root)}:{line}: {name} ({n} lines, limit {LIMIT})")
    print(f"function length: {count} functions read, {bad} longer than {LIMIT} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
