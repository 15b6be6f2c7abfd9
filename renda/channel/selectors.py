"""Reads of citizens' messages for inboxes, the office, the public wall and the API."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from renda.channel.models import Message
from renda.channel.workflow import OPEN_STATES, State
from renda.core import permissions
from renda.core.models import User
from renda.core.timeline import timeline_for


def _base() -> QuerySet[Message]:
    return Message.objects.select_related("deputy", "station", "unit", "congress")


def inbox_for(user: User) -> QuerySet[Message]:
    """Messages addressed to the user as a deputy or as a station's manager."""
    return _base().filter(Q(deputy__user=user) | Q(station__manager=user))


def office_queue(user: User) -> QuerySet[Message]:
    """Messages on the fast track in the congresses whose office the user works in."""
    congresses = permissions.congresses_where(user, "channel.route")
    return _base().filter(congress__in=congresses)


def unit_queue(user: User) -> QuerySet[Message]:
    """Messages assigned to the user's organizations."""
    return _base().filter(unit__members=user)


def visible_to(user: User) -> QuerySet[Message]:
    """Every message the user may open."""
    congresses = permissions.congresses_where(user, "channel.route")
    return _base().filter(
        Q(deputy__user=user) | Q(station__manager=user) | Q(unit__members=user)
        | Q(congress__in=congresses)
    ).distinct()  # fmt: skip


def overdue(messages: QuerySet[Message], today: dt.date) -> QuerySet[Message]:
    """Open messages past their time limit, the oldest first."""
    return messages.filter(state__in=OPEN_STATES, due_on__lt=today).order_by("due_on")


def public_wall() -> QuerySet[Message]:
    """Answered messages whose authors agreed to publish them."""
    return (
        _base()
        .filter(consent_publish=True, state__in=[State.REPLIED, State.RATED])
        .exclude(reply="")
        .order_by("-replied_at")
    )


@dataclass(frozen=True)
class Received:
    """The first step of every message, read from the message row (no timeline row is written)."""

    at: dt.datetime
    summary: str
    verb: str = "received"
    actor = None
    actor_label: str = ""
    is_public: bool = True


def steps(message: Message, *, public_only: bool = False) -> list:
    """The message's steps, oldest first: its receipt, then its timeline.

    Messages received before receipt was read from the row have it on the timeline already.
    """
    events = list(timeline_for(message, public_only=public_only))
    if events and events[0].verb == "received":
        return events
    received = Received(
        at=message.received_at,
        actor_label=_("系统"),
        summary=_("留言已收到，%(to)s将在 %(due)s 前答复。") % {
            "to": message.recipient.name, "due": message.first_due_on.isoformat()
        },
    )  # fmt: skip
    return [received, *events]
