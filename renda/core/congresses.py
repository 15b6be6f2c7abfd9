"""Create and move congresses in the tree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import Congress, User


@transaction.atomic
def congress_create(
    *,
    code: str,
    name: str,
    level: int,
    parent: Congress | None = None,
    short_name: str = "",
    actor: User | None = None,
) -> Congress:
    """Add a congress under `parent`; a child sits at a lower level than its parent."""
    if parent is not None and level <= parent.level:
        raise ValidationError({"level": _("下级人大的层级必须低于上级人大。")})
    if Congress.objects.filter(code=code).exists():
        raise ValidationError({"code": _("编码“%(code)s”已被使用。") % {"code": code}})
    congress = Congress.objects.create(
        code=code,
        name=name,
        short_name=short_name,
        level=level,
        parent=parent,
        path=f"{parent.path if parent else '/'}{code}/",
    )
    audit_record("congress.create", actor=actor, congress=congress, target=congress)
    return congress
