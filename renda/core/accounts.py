"""Create accounts, grant roles and issue API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from renda.core.audit import audit_record
from renda.core.models import ApiToken, Congress, Membership, User

TOKEN_PREFIX = "rd_"


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    phone: str = "",
    email: str = "",
    is_superuser: bool = False,
    validate: bool = True,
    actor: User | None = None,
) -> User:
    """Create an account; the password must pass the configured validators."""
    user = User(
        username=username,
        full_name=full_name,
        phone=phone,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    audit_record("account.create", actor=actor, target=user)
    return user


@transaction.atomic
def membership_grant(
    *, user: User, congress: Congress, role: str, office: str = "", actor: User | None = None
) -> Membership:
    """Give `user` a role in `congress` (idempotent)."""
    membership, created = Membership.objects.get_or_create(
        user=user, congress=congress, role=role, defaults={"office": office}
    )
    if created:
        audit_record(
            "membership.grant",
            actor=actor,
            congress=congress,
            target=user,
            data={"role": role, "office": office},
        )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User | None = None) -> None:
    """Take a role away."""
    audit_record(
        "membership.revoke",
        actor=actor,
        congress=membership.congress,
        target=membership.user,
        data={"role": membership.role},
    )
    membership.delete()


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_issue(
    *, user: User, name: str, days: int | None = None, actor: User | None = None
) -> tuple[ApiToken, str]:
    """Create an API token and return it with its secret, which is shown only this once."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:10],
        key_hash=_hash(raw),
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    audit_record("token.issue", actor=actor or user, target=user, data={"token": token.prefix})
    return token, raw


def token_authenticate(raw: str) -> User | None:
    """Return the active user a live token belongs to, recording its use."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(raw), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or (token.expires_at and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User) -> None:
    """Revoke a token at once."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record("token.revoke", actor=actor, target=token.user, data={"token": token.prefix})
