"""Middleware of the core."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone


class PasswordExpiryMiddleware:
    """Send a person whose password is older than the allowed age to change it (等保 profile)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        max_age = settings.PASSWORD_MAX_AGE_DAYS
        user = getattr(request, "user", None)
        if max_age and user is not None and user.is_authenticated:
            changed = user.password_changed_at
            expired = changed is None or timezone.now() - changed > timedelta(days=max_age)
            target = reverse("core:password_change")
            exempt = (target, reverse("core:logout"), "/static/", "/api/", "/healthz")
            if expired and not request.path.startswith(exempt):
                return redirect(f"{target}?expired=1")
        return self.get_response(request)
