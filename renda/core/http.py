"""Small helpers for reading requests."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """Return the client's address, trusting X-Forwarded-For only behind known proxies."""
    if request is None:
        return None
    proxies = int(getattr(settings, "RENDA_PROXY_COUNT", 0))
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
