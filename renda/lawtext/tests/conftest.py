"""Shared fixtures: the five real law texts and their hand-counted structure."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def law_index() -> list[dict[str, str]]:
    """Return the rows of INDEX.tsv (file, title, chapters, sections, articles…)."""
    with (DATA / "INDEX.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture
def law_text():
    """Return a function reading one of the real law texts by file name."""
    return lambda name: (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _clean_services():
    """Shadow the project's autouse Django fixture: the engine's tests need no Django."""
    yield
