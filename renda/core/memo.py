"""Look-ups remembered for a while in this process, for the hot paths that repeat them.

A citizen's submission needs the recipient and today's due dates on every request; reading them
from the shared cache (a Redis round trip in production, unpickling every time) costs more than
remembering them for a minute in each worker. Each worker asks the database at most once a
minute per key, and a change reaches every worker within `seconds`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
#: every memo's store, so `forget_all()` (tests, or after a bulk change) empties them together
_STORES: list[dict] = []
#: more keys than this in one memo and it starts afresh (public codes are unbounded input)
MAX_KEYS = 4096


def remember_for(seconds: float) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember what the decorated function returns for its (hashable) arguments, `seconds` long."""

    def decorator(func: Callable[..., T]) -> Callable[..., T]:
        store: dict[tuple[Hashable, ...], tuple[float, Any]] = {}
        _STORES.append(store)

        @functools.wraps(func)
        def wrapper(*args: Hashable) -> T:
            now = time.monotonic()
            found = store.get(args)
            if found is not None and found[0] > now:
                return found[1]
            value = func(*args)
            if len(store) >= MAX_KEYS:
                store.clear()
            store[args] = (now + seconds, value)
            return value

        wrapper.forget = store.clear  # type: ignore[attr-defined]
        return wrapper

    return decorator


def forget_all() -> None:
    """Empty every memo of this process."""
    for store in _STORES:
        store.clear()
