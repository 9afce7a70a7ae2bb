"""The JSON Schemas and the decoders say the same (issue 13, strict documents).

Every bundled example request is valid under its schema and decided by the
engine. A seeded corpus of mutations of them (a member added with a misspelt
or unknown name, a member renamed, a required member removed) is refused by
the schema exactly when the decoder refuses it for its structure: a schema
that refuses a document the engine accepts, or an engine that ignores a member
the schema does not know, fails this test."""
from __future__ import annotations

import copy
import json
import pathlib
import random

import pytest

import edurules

jsonschema = pytest.importorskip("jsonschema")  # Debian python3-jsonschema (scripts/setup.sh)

from conftest import SOURCE  # noqa: E402

SCHEMAS = SOURCE / "schemas"
DATA = SOURCE / "examples" / "data"
MISSPELT = ["untill", "Revoked", "participant", "explian", "regoin", "lesons", "trainngs", "x"]


def _validator(name: str):
    store = {}
    for p in SCHEMAS.glob("*.schema.json"):
        doc = json.loads(p.read_text(encoding="utf-8"))
        store[doc.get("$id", p.name)] = doc
        store[p.name] = doc
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    resolver = jsonschema.RefResolver(base_uri=schema.get("$id", ""), referrer=schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def _leave_request() -> dict:
    return json.loads((DATA / "leave.json").read_text(encoding="utf-8"))


def _insight_request() -> dict:
    doc = json.loads((DATA / "insight.json").read_text(encoding="utf-8"))
    doc.pop("dossier_file", None)
    doc.pop("description", None)
    doc["dossier"] = json.loads((DATA / "dossier.json").read_text(encoding="utf-8"))
    contact = doc["organisations"][0]["contacts"][0]["id"]
    doc.update({"kind": "insight.overview", "date": "2025-06-01", "contact": contact})
    return doc


def _dossier() -> dict:
    return json.loads((DATA / "dossier.json").read_text(encoding="utf-8"))


def _pe_status_request() -> dict:
    return {"schema_version": 1, "kind": "pe.status", "date": "2025-06-01", "dossier": _dossier()}


def _pe_book_request() -> dict:
    lines = (DATA / "upload.csv").read_text(encoding="utf-8").splitlines()[1:4]
    rows = [dict(zip(("seu_number", "activity_id", "completed"), line.split(","))) for line in lines]
    return {"schema_version": 1, "kind": "pe.book", "date": "2025-06-01", "dossier": _dossier(), "rows": rows}


def _account_right_request() -> dict:
    return json.loads((DATA / "account.json").read_text(encoding="utf-8"))


def _account_ledger_request() -> dict:
    return json.loads((DATA / "account_ledger.json").read_text(encoding="utf-8"))


CASES = {
    "leave": (_leave_request, "leave.request.schema.json"),
    "account.right": (_account_right_request, "account.request.schema.json"),
    "account.ledger": (_account_ledger_request, "account.request.schema.json"),
    "insight": (_insight_request, "insight.request.schema.json"),
    "pe.status": (_pe_status_request, "pe.request.schema.json"),
    "pe.book": (_pe_book_request, "pe.request.schema.json"),
}


def _objects(node, path=(), into_dossier=False):
    """Every object in a document with its path (lists of many items: the first three)."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            if k == "dossier" and not into_dossier:
                continue  # the embedded PE dossier is mutated by the PE cases
            yield from _objects(v, path + (k,), into_dossier)
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _objects(v, path + (i,), into_dossier)


def _decoder_refuses(engine, doc) -> str | None:
    try:
        response = engine.evaluate(json.dumps(doc))
    except (edurules.InvalidInput, edurules.ParseError) as e:
        return str(e)
    # pe.book reports a row it cannot read as a rejected row, naming the field
    # (nothing is lost): a row with an unknown member is refused that way.
    for row in response.get("result", {}).get("rows", []) if doc.get("kind") == "pe.book" else []:
        if row.get("status") == "rejected" and "unknown member" in row.get("message", ""):
            return row["field"] + ": " + row["message"]
    return None


@pytest.mark.parametrize("case", sorted(CASES))
def test_examples_are_valid_and_decided(engine, case):
    make, schema = CASES[case]
    doc = make()
    errors = sorted(e.message for e in _validator(schema).iter_errors(doc))
    assert errors == []
    assert _decoder_refuses(engine, doc) is None


@pytest.mark.parametrize("case", sorted(CASES))
def test_mutations_are_refused_by_both_or_neither(engine, case):
    make, schema = CASES[case]
    validator = _validator(schema)
    base = make()
    objects = list(_objects(base, into_dossier=case.startswith("pe.")))
    rng = random.Random(20261202)
    checked = refused = 0
    for _ in range(150):
        doc = copy.deepcopy(base)
        path, _ = rng.choice(objects)
        node = doc
        for k in path:
            node = node[k]
        what = rng.choice(["add", "rename", "remove"])
        if what == "add":
            node[rng.choice(MISSPELT)] = rng.choice([True, "2024-01-01", 1])
        elif node:
            key = rng.choice(sorted(node))
            value = node.pop(key)
            if what == "rename":
                node[key[:-1] + key[-1].upper() if key[-1].isalpha() else key + "_"] = value
        schema_ok = validator.is_valid(doc)
        refusal = _decoder_refuses(engine, doc)
        checked += 1
        if not schema_ok:
            refused += 1
            assert refusal is not None, f"{case} {what} at {path}: the schema refuses it, the decoder accepts it"
        elif refusal is not None:
            assert "unknown member" not in refusal, (
                f"{case} {what} at {path}: the schema accepts it, the decoder refuses its structure: {refusal}")
    assert checked == 150 and refused > 50


@pytest.mark.parametrize(
    "where, member, field",
    [((), "participant", "dossier.participant"), (("participants", 0), "renewal_request", "renewal_request"),
     (("activities", 0), "titel", "title")],
)
def test_pe_misspelt_members_are_refused_naming_path_and_nearest(engine, where, member, field):
    doc = _pe_status_request()
    node = doc["dossier"]
    for k in where:
        node = node[k]
    if member == "participant":
        node[member] = node.pop("participants")
    elif member == "renewal_request":
        node[member] = ["2024-12-11"]
    else:
        node[member] = "x"
    with pytest.raises(edurules.InvalidInput) as e:
        engine.evaluate(json.dumps(doc))
    assert field in str(e.value) and "unknown member" in str(e.value)
    assert not _validator("pe.request.schema.json").is_valid(doc)


@pytest.mark.parametrize(
    "make, where, member, field",
    [(_account_right_request, ("employer",), "joint_comittee", "employer.joint_comittee"),
     (_account_right_request, ("workers", 0, "jobs", 0), "untill", "workers[0].jobs[0].untill"),
     (_account_ledger_request, ("events", 0), "ammount", "events[0].ammount")],
)
def test_account_misspelt_members_are_refused_naming_path_and_nearest(engine, make, where, member, field):
    doc = make()
    node = doc
    for k in where:
        node = node[k]
    node[member] = "x"
    with pytest.raises(edurules.InvalidInput) as e:
        engine.evaluate(json.dumps(doc))
    assert field in str(e.value) and "unknown member" in str(e.value)
    assert not _validator("account.request.schema.json").is_valid(doc)


@pytest.mark.parametrize("make, member, value", [
    (_pe_status_request, "rows", "garbage"), (_pe_status_request, "seu_numbers", []),
    (_pe_status_request, "csv", "x"), (_pe_book_request, "bookings", True),
    (_insight_request, "participant", "SEU-1"), (_insight_request, "from", "2025-01-01"),
    (_account_right_request, "events", []), (_account_ledger_request, "workers", []),
])
def test_a_member_of_another_kind_is_refused_by_schema_and_decoder(engine, make, member, value):
    """Each kind takes only its own members: a member another kind reads
    ("rows" in a pe.status request) was ignored by the decoder and accepted by
    the schema; both refuse it now, the decoder naming the member and kind."""
    doc = make()
    doc[member] = value
    schema = CASES[doc["kind"] if doc["kind"] in CASES else doc["kind"].split(".")[0]][1]
    assert not _validator(schema).is_valid(doc)
    with pytest.raises(edurules.InvalidInput) as e:
        engine.evaluate(json.dumps(doc))
    assert e.value.field == member and f"unknown member of a {doc['kind']} request" in str(e.value)


def _properties_named(node, name):
    """Every schema fragment declaring property `name`, anywhere in `node`."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict) and name in node["properties"]:
            yield node["properties"][name]
        for v in node.values():
            yield from _properties_named(v, name)
    elif isinstance(node, list):
        for v in node:
            yield from _properties_named(v, name)


def _ledger_request() -> dict:
    return {"schema_version": 1, "kind": "account.ledger", "date": "2026-01-01", "events": [
        {"id": "D1", "date": "2025-01-10", "type": "deposit", "from": [{"party": "worker", "amount": "100.00"}]}]}


@pytest.mark.parametrize("domain, member, parameter, make, path, misspelt, meant", [
    ("leave", "sector", "leave.regime.sectors", _leave_request, ("workers", 0), "privat", "private"),
    ("leave", "language_kind", "leave.brussels.raised_languages", _leave_request, ("workers", 0, "trainings", 0),
     "nationl", "national"),
    ("account", "party", "account.nl.parties", _ledger_request, ("events", 0, "from", 0), "workr", "worker"),
])
def test_closed_words_are_the_rulebooks_and_a_misspelt_one_is_refused_by_both(engine, domain, member, parameter, make,
                                                                              path, misspelt, meant):
    """The schema lists the words the rulebook allows (the decoder's vocabulary: the parameter's "allowed"), and
    both refuse another, the decoder naming the nearest word."""
    rulebook = json.loads((SOURCE / "rulebook" / f"{domain}.json").read_text(encoding="utf-8"))
    schema_name = f"{domain}.request.schema.json"
    declared = list(_properties_named(json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8")), member))
    assert declared and all(d.get("enum") == rulebook["parameters"][parameter]["allowed"] for d in declared), declared
    doc = make()
    assert _validator(schema_name).is_valid(doc) and _decoder_refuses(engine, doc) is None
    node = doc
    for k in path:
        node = node[k]
    node[member] = misspelt
    assert not _validator(schema_name).is_valid(doc)
    refusal = _decoder_refuses(engine, doc)
    assert refusal is not None and f'"{misspelt}" (did you mean "{meant}"?)' in refusal, refusal
