"""The layout rules of docs/architecture.md, checked on the source tree."""

import ast
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "renda"

# app -> renda packages it must not import (dependencies point one way).
DOMAIN = {"renda.channel", "renda.suggestions", "renda.legislation", "renda.filings",
          "renda.projects", "renda.activities"}  # fmt: skip
FORBIDDEN = {
    "lawtext": {"django", "ninja", "renda.core", "renda.api", "renda.settings"},
    "core": {"renda.directory", "renda.dashboard", *DOMAIN},
    "directory": {"renda.dashboard", *DOMAIN},
    # Domain apps call each other's services in one direction only: the channel hands messages
    # on to suggestions, legislation and projects; none of those imports the channel.
    "suggestions": {"renda.dashboard", "renda.channel"},
    "legislation": {"renda.dashboard", "renda.channel"},
    "filings": {"renda.dashboard", "renda.channel"},
    "projects": {"renda.dashboard", "renda.channel"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: Path):
    return [p for p in folder.rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_dependencies_point_one_way(app):
    offending = []
    for path in python_files(PACKAGE / app):
        for name in imports_of(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[app]):
                offending.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offending == []


def test_no_module_grows_past_600_lines():
    long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in python_files(PACKAGE)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert long == []


def test_english_catalogue_is_complete_and_compiled():
    po_path = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in mo}
    missing = [e.msgid for e in po.translated_entries() if compiled.get(e.msgid) != e.msgstr]
    assert missing == [], "run `make messages` after editing the .po file"
