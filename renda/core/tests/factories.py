"""Build test data through the real services."""

import itertools

from renda.core.accounts import membership_grant, user_create
from renda.core.congresses import congress_create
from renda.core.models import Congress, User

PASSWORD = "Test#Pass2026"
_seq = itertools.count(1)


def make_congress(
    *, parent: Congress | None = None, level: int | None = None, **kwargs
) -> Congress:
    """Create a congress below `parent` (a county congress by default)."""
    n = next(_seq)
    if level is None:
        level = parent.level + 1 if parent else Congress.Level.COUNTY
    return congress_create(
        code=kwargs.pop("code", f"c{n}"),
        name=kwargs.pop("name", f"测试{n}区人大常委会"),
        level=level,
        parent=parent,
        **kwargs,
    )


def make_user(*, roles: dict[str, Congress] | None = None, **kwargs) -> User:
    """Create an account holding `roles` (role -> congress)."""
    n = next(_seq)
    user = user_create(
        username=kwargs.pop("username", f"user{n}"),
        password=kwargs.pop("password", PASSWORD),
        full_name=kwargs.pop("full_name", f"测试用户{n}"),
        **kwargs,
    )
    for role, congress in (roles or {}).items():
        membership_grant(user=user, congress=congress, role=role)
    return user
