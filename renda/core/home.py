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
