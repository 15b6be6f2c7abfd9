"""Write to the append-only audit log."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from renda.core.http import client_ip
from renda.core.models import AuditEvent, Congress, User


def audit_record(
    action: str,
    *,
    actor: User | None = None,
    request: HttpRequest | None = None,
    congress: Congress | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry: `action` is a stable key such as "account.login" or "data.reveal"."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor else "",
        action=action,
        congress=congress,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        ip=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request else ""),
        data=data or {},
    )
