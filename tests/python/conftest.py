"""Shared fixtures: the built-in engine, the sample dossier and paths."""
from __future__ import annotations

import os
import pathlib
import sys

import pytest

SOURCE = pathlib.Path(os.environ.get("EDURULES_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE / "examples" / "python"
DOSSIER = SOURCE / "examples" / "data" / "dossier.json"
SAMPLE_DATE = "2025-06-01"
sys.path.insert(0, str(EXAMPLES))  # population.py, the examples as modules

import edurules  # noqa: E402


@pytest.fixture(scope="session")
def engine() -> edurules.Engine:
    return edurules.Engine()


@pytest.fixture(scope="session")
def dossier() -> dict:
    return edurules.load_dossier(DOSSIER)


@pytest.fixture(scope="session")
def sample_status(engine, dossier) -> dict:
    return engine.pe_status(dossier, SAMPLE_DATE, explain=False)
