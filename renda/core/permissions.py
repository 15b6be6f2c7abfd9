"""Who may do what, and where: the one place every view and endpoint asks.

A permission is granted to roles. A role counts in the congress where it is held and, for the
roles in REACHES_DOWN, in every congress below it (a district's auditor also audits its
townships). Platform superusers may do everything except read the audit log, which belongs to
the auditor alone (等保 separation of the administrator and the auditor).
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from renda.core.models import Congress, Membership, User
from renda.core.roles import Role


class Perm(StrEnum):
    VIEW_AUDIT_LOG = "core.view_audit_log"
    MANAGE_MASTER_DATA = "core.manage_master_data"
    MANAGE_ACCOUNTS = "core.manage_accounts"
    USE_STAFF_PAGES = "core.use_staff_pages"


PERMISSIONS: dict[str, frozenset[str]] = {
    Perm.VIEW_AUDIT_LOG: frozenset({Role.AUDITOR}),
    Perm.MANAGE_MASTER_DATA: frozenset({Role.ADMIN}),
    Perm.MANAGE_ACCOUNTS: frozenset({Role.ADMIN}),
    Perm.USE_STAFF_PAGES: frozenset({Role.STAFF, Role.ADMIN}),
}

REACHES_DOWN: frozenset[str] = frozenset({Role.ADMIN, Role.AUDITOR, Role.STAFF})

# Permissions a superuser does not get by being one.
NOT_FOR_SUPERUSERS: frozenset[str] = frozenset({Perm.VIEW_AUDIT_LOG})


def register(perm: str, roles: set[str] | frozenset[str]) -> None:
    """Declare a module's permission and the roles that hold it (call from AppConfig.ready)."""
    PERMISSIONS[perm] = frozenset(roles)


def _memberships(user: User) -> list[tuple[str, str]]:
    """Return (role, congress path) pairs for the user, cached on the user object."""
    cached = getattr(user, "_renda_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, congress__is_active=True).values_list(
                "role", "congress__path"
            )
        )
        user._renda_memberships = cached
    return cached


def roles_in(user: User | AnonymousUser, congress: Congress) -> set[str]:
    """Return the roles that count for `user` in `congress` (held there or reaching down)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return {
        role
        for role, path in _memberships(user)
        if path == congress.path or (role in REACHES_DOWN and congress.path.startswith(path))
    }


def can(user: User | AnonymousUser, perm: str, congress: Congress | None = None) -> bool:
    """Tell whether `user` holds `perm` in `congress` (in any congress when None)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if perm not in PERMISSIONS:
        raise KeyError(f"unknown permission {perm!r}")
    if user.is_superuser and perm not in NOT_FOR_SUPERUSERS:
        return True
    allowed = PERMISSIONS[perm]
    if congress is None:
        return any(role in allowed for role, _path in _memberships(user))
    return bool(roles_in(user, congress) & allowed)


def congresses_where(user: User | AnonymousUser, perm: str) -> QuerySet[Congress]:
    """Return the congresses in which `user` holds `perm`, for filtering lists."""
    if not user.is_authenticated or not user.is_active:
        return Congress.objects.none()
    if user.is_superuser and perm not in NOT_FOR_SUPERUSERS:
        return Congress.objects.all()
    allowed = PERMISSIONS[perm]
    condition = Q(pk__in=[])
    for role, path in _memberships(user):
        if role in allowed:
            condition |= Q(path__startswith=path) if role in REACHES_DOWN else Q(path=path)
    return Congress.objects.filter(condition)
