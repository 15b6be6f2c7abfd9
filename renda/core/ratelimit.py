"""Count attempts per key in fixed time windows, in the shared cache.

With REDIS_URL set the counts are shared by every worker process; with the local-memory cache
each process counts on its own (fine for one machine's demo, not for production).
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renda.core.http import client_ip


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    retry_after: int


def hit(key: str, *, limit: int, window: int, now: float | None = None) -> Decision:
    """Count one attempt for `key`; allowed while at most `limit` fall in the current window."""
    now = time.time() if now is None else now
    bucket = int(now // window)
    count = _count(f"rl:{key}:{bucket}", timeout=window + 1)
    retry_after = max(1, math.ceil((bucket + 1) * window - now))
    return Decision(allowed=count <= limit, count=count, retry_after=retry_after)


def _count(cache_key: str, *, timeout: int) -> int:
    """Add one to the window's count; the first attempt of a window creates it.

    Incrementing first makes the usual case one cache operation (on Redis, two round trips
    instead of three), since only the first attempt of a window finds no key.
    """
    try:
        return cache.incr(cache_key)
    except ValueError:  # no count yet in this window
        pass
    if cache.add(cache_key, 1, timeout=timeout):
        return 1
    try:  # another request created it first
        return cache.incr(cache_key)
    except ValueError:  # and it expired in between
        cache.set(cache_key, 1, timeout=timeout)
        return 1


def device_key(request: HttpRequest) -> str:
    """This browser's key for per-device limits: its session key, starting a session if none.

    Limits per device stop one phone flooding without shutting out a crowd that shares one
    address (a reception hall behind one NAT gateway); per-address limits stay generous.
    """
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def peek(key: str, *, window: int, now: float | None = None) -> int:
    """Return how many attempts `key` has made in the current window, without counting one."""
    now = time.time() if now is None else now
    return int(cache.get(f"rl:{key}:{int(now // window)}") or 0)


def limit_requests(
    scope: str,
    *,
    limit: int,
    window: int,
    key: Callable[[HttpRequest], str] = lambda request: client_ip(request) or "unknown",
    methods: tuple[str, ...] = ("POST",),
):
    """Refuse a view's requests beyond `limit` per `window` seconds for one key (429 in Chinese)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods:
                decision = hit(f"{scope}:{key(request)}", limit=limit, window=window)
                if not decision.allowed:
                    response = render(
                        request,
                        "core/rate_limited.html",
                        {"retry_after": decision.retry_after},
                        status=429,
                    )
                    response["Retry-After"] = str(decision.retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
