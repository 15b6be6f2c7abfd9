"""Load the pre-review rule set from YAML and compile its patterns once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

CATEGORIES = (
    "penalty",
    "licensing",
    "compulsory",
    "fee",
    "competition",
    "rights",
    "certification",
    "retroactive",
    "repealed_citation",
    "validity",
    "conflict",
)
DOC_TYPES = ("law", "administrative_regulation", "local_regulation", "rule", "normative")


@dataclass
class Rule:
    """One pre-review rule: what triggers it, what excuses it, and what to tell the reviewer."""

    id: str
    category: str
    description: str
    explanation: str
    basis: str
    version: int
    pattern: re.Pattern[str] | None = None
    exception: re.Pattern[str] | None = None
    #: matched against the whole sentence, not only the trigger's sub-clause (a proviso after ；)
    sentence_exception: re.Pattern[str] | None = None
    negation: bool = True
    check: str | None = None
    skip_doc_types: frozenset[str] = frozenset()
    parameters: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def applies_to(self, doc_type: str) -> bool:
        """Say whether documents of this type are checked by the rule."""
        return doc_type not in self.skip_doc_types


@dataclass
class RuleSet:
    """The rules with their version and the shared negation pattern."""

    version: str
    rules: list[Rule]
    negation: re.Pattern[str]
    prohibition: re.Pattern[str] | None = None
    negation_break: re.Pattern[str] | None = None

    def by_id(self, rule_id: str) -> Rule:
        """Return the rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


MACRO_RE = re.compile(r"\{([A-Z][A-Z_]*)\}")


def _expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace each {NAME} in a pattern by its macro (a regex quantifier never has letters)."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}} in {pattern!r}")
        return f"(?:{macros[name]})"

    return MACRO_RE.sub(sub, pattern)


def _alternation(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    """Compile a list of patterns into one alternation, or None if empty."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{_expand(p, macros)})" for p in patterns))


def build_ruleset(data: dict[str, Any]) -> RuleSet:
    """Validate and compile a rule set given as parsed YAML."""
    sets = data.get("exception_sets", {}) or {}
    macros: dict[str, str] = {}
    for name, value in (data.get("macros", {}) or {}).items():
        macros[name] = _expand(value, macros)
    rules = []
    seen: set[str] = set()
    for entry in data["rules"]:
        if entry["id"] in seen:
            raise ValueError(f"duplicate rule id {entry['id']}")
        seen.add(entry["id"])
        if entry["category"] not in CATEGORIES:
            raise ValueError(f"{entry['id']}: unknown category {entry['category']}")
        skip = frozenset(entry.get("skip_doc_types", []) or [])
        if not skip <= set(DOC_TYPES):
            raise ValueError(f"{entry['id']}: unknown document type in {sorted(skip)}")
        exceptions = list(entry.get("exceptions", []) or [])
        for name in entry.get("exception_sets", []) or []:
            exceptions.extend(sets[name])
        if not entry.get("check") and not entry.get("patterns"):
            raise ValueError(f"{entry['id']}: a rule needs patterns or a check")
        rules.append(
            Rule(
                id=entry["id"],
                category=entry["category"],
                description=entry["description"],
                explanation=entry["explanation"],
                basis=entry["basis"],
                version=int(entry.get("version", 1)),
                pattern=_alternation(entry.get("patterns", []) or [], macros),
                exception=_alternation(exceptions, macros),
                sentence_exception=_alternation(
                    list(entry.get("sentence_exceptions", []) or []), macros
                ),
                negation=bool(entry.get("negation", True)),
                check=entry.get("check"),
                skip_doc_types=skip,
                parameters=dict(entry.get("parameters", {}) or {}),
                examples={k: list(v or []) for k, v in (entry.get("examples") or {}).items()},
            )
        )
    optional = {
        key: re.compile(_expand(data[key], macros)) if data.get(key) else None
        for key in ("prohibitions", "negation_breaks")
    }
    return RuleSet(
        str(data["version"]),
        rules,
        re.compile(_expand(data["negations"], macros)),
        prohibition=optional["prohibitions"],
        negation_break=optional["negation_breaks"],
    )


def load_ruleset(path: str | Path) -> RuleSet:
    """Load a rule set from a YAML file."""
    return build_ruleset(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """Return the packaged rule set, compiled once."""
    text = resources.files(__package__).joinpath("data/rules.yaml").read_text(encoding="utf-8")
    return build_ruleset(yaml.safe_load(text))
