"""Look up the status of a law: in force, amended, repealed, replaced by, with dates."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .citations import normalize_title

STATUSES = ("in_force", "amended", "repealed")
#: Extra YAML files (os.pathsep-separated) whose entries extend or override the packaged list.
ENV_EXTRA_FILES = "RENDA_LAWTEXT_LAWS"


@dataclass(frozen=True)
class LawStatus:
    """The status of one law, regulation or rule and the dates that made it so."""

    title: str
    status: str
    level: str = "law"
    effective: str | None = None
    amended: tuple[str, ...] = ()
    repealed_on: str | None = None
    replaced_by: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def repealed(self) -> bool:
        """Say whether the law is no longer in force."""
        return self.status == "repealed"


@dataclass
class LawRegistry:
    """Laws keyed by normalised title; later entries override earlier ones."""

    laws: dict[str, LawStatus] = field(default_factory=dict)

    def add(self, law: LawStatus) -> None:
        """Register a law under its title and aliases."""
        if law.status not in STATUSES:
            raise ValueError(f"{law.title}: status must be one of {STATUSES}, not {law.status!r}")
        for name in (law.title, *law.aliases):
            self.laws[normalize_title(name)] = law

    def load(self, path: str | Path) -> None:
        """Add every entry of a YAML laws file."""
        self.extend(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def extend(self, data: dict[str, Any] | list[dict[str, Any]]) -> None:
        """Add entries given as mappings with the keys of LawStatus."""
        entries = data["laws"] if isinstance(data, dict) else data
        for entry in entries:
            values = {k: v for k, v in entry.items() if k in LawStatus.__dataclass_fields__}
            for key in ("effective", "repealed_on"):
                if values.get(key) is not None:
                    values[key] = str(values[key])
            values["amended"] = tuple(str(d) for d in values.get("amended", ()) or ())
            values["aliases"] = tuple(values.get("aliases", ()) or ())
            self.add(LawStatus(**values))

    def status(self, title: str) -> LawStatus | None:
        """Return the status of a law by any form of its title, or None if unknown."""
        return self.laws.get(normalize_title(title))


@lru_cache(maxsize=1)
def default_registry() -> LawRegistry:
    """Return the packaged laws list, extended by the files named in RENDA_LAWTEXT_LAWS."""
    registry = LawRegistry()
    data = resources.files(__package__).joinpath("data/laws.yaml").read_text(encoding="utf-8")
    registry.extend(yaml.safe_load(data))
    for extra in filter(None, os.environ.get(ENV_EXTRA_FILES, "").split(os.pathsep)):
        registry.load(extra)
    return registry


def law_status(title: str) -> LawStatus | None:
    """Return the status of a law by title (with or without 中华人民共和国), or None."""
    return default_registry().status(title)
