"""What every projects service shares: who the actor is, and refusing moves the workflow forbids."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from renda.core.codes import random_code
from renda.core.models import Congress, User
from renda.core.permissions import can
from renda.directory.models import Deputy
from renda.projects import workflow
from renda.projects.models import Project
from renda.projects.permissions import MANAGE, REPORT, VOTE
from renda.projects.workflow import Actor, Kind


def new_code(length: int = 8) -> str:
    """Return a random code without look-alike characters (0/O, 1/I/L)."""
    return random_code(length)


def serving_deputy(user: User | None, congress: Congress) -> Deputy | None:
    """Return the user's serving deputy record in `congress`, if they are one."""
    if user is None or not user.is_authenticated:
        return None
    return Deputy.objects.filter(user=user, congress=congress, status=Deputy.Status.SERVING).first()


def actors_for(user: User | None, congress: Congress, project: Project | None = None) -> set[Actor]:
    """Return the workflow actors `user` counts as in `congress` (for `project`'s unit)."""
    actors = {Actor.PUBLIC}
    if user is None or not user.is_authenticated:
        return actors
    if can(user, MANAGE, congress):
        actors.add(Actor.STAFF)
    if (
        project is not None
        and can(user, REPORT, congress)
        and (
            project.unit.members.filter(pk=user.pk).exists()
            or project.co_units.filter(members=user).exists()
        )
    ):
        actors.add(Actor.UNIT)
    if can(user, VOTE, congress) and serving_deputy(user, congress) is not None:
        actors.add(Actor.DEPUTY)
    return actors


def require(kind: Kind, state: str, action: str, actors: set[Actor]) -> str:
    """Return the state that follows, or raise: PermissionDenied or ValidationError in Chinese."""
    decision = workflow.decide(kind, state, action, actors)
    if decision.allowed:
        return decision.next_state or state
    if workflow.decide(kind, state, action, set(Actor)).allowed:
        raise PermissionDenied(_("您没有进行这项操作的权限。"))
    raise ValidationError(_("当前状态下不能进行这项操作。"))


def require_text(value: str, field: str, label: str, max_length: int) -> str:
    """Return `value` stripped, or raise a Chinese error at `field` if empty or too long."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("请填写%(label)s。") % {"label": label}})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("%(label)s不能超过 %(n)d 个字。") % {"label": label, "n": max_length}}
        )
    return value
