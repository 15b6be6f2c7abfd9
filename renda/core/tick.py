"""`renda tick`: run every module's due-and-overdue checks; each handler is idempotent."""

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import timezone

logger = logging.getLogger("renda.tick")

Handler = Callable[[dt.datetime], int]
_handlers: dict[str, Handler] = {}


def register(name: str) -> Callable[[Handler], Handler]:
    """Register a handler that acts on what is due at the given time and returns a count."""

    def decorator(handler: Handler) -> Handler:
        _handlers[name] = handler
        return handler

    return decorator


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """Run every handler once and return how much each did."""
    now = now or timezone.now()
    results = {}
    for name, handler in _handlers.items():
        results[name] = handler(now)
        logger.info("tick %s: %d", name, results[name])
    return results


@register("core.reminders")
def _send_reminders(now: dt.datetime) -> int:
    from renda.core.notices import send_due_reminders

    return send_due_reminders(now)
