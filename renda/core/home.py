"""Panels on the personal home page, contributed by modules per role."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A block on the home page: a title and a template.

    The template sees the page's context plus `data`, what `context(request)` returns.
    """

    roles: frozenset[str]
    title: str
    template: str
    context: Callable[[HttpRequest], dict] | None = None
    order: int = 100


_panels: list[Panel] = []


def register_panel(panel: Panel) -> None:
    """Add a panel (call from a module's AppConfig.ready)."""
    _panels.append(panel)


def panels_for(roles: set[str]) -> list[Panel]:
    """Return the panels shown to someone holding `roles`, in order."""
    return sorted((p for p in _panels if p.roles & roles), key=lambda p: p.order)


@dataclass(frozen=True)
class PublicEntry:
    """A way in for the public, shown on the front page: a title, a line, and where it goes."""

    title: str
    description: str
    url_name: str
    order: int = 100


_entries: list[PublicEntry] = []


def register_public_entry(entry: PublicEntry) -> None:
    """Add a link to the front page (call from a module's AppConfig.ready)."""
    if entry not in _entries:
        _entries.append(entry)


def public_entries() -> list[PublicEntry]:
    """Return the front page's links, in order."""
    return sorted(_entries, key=lambda e: e.order)
