"""`renda tick`: tell recipients of new messages; mark overdue ones once and tell who holds them."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.channel.models import Message
from renda.channel.services import notify_new, office_users, recipient_users
from renda.channel.workflow import OPEN_STATES, State
from renda.core import tick
from renda.core.notices import notify


@tick.register("channel.new")
def tell_recipients(now: dt.datetime) -> int:
    """The minute digest: each recipient hears of its new messages in one notice."""
    return notify_new(now)


@tick.register("channel.overdue")
def mark_overdue(now: dt.datetime) -> int:
    """Flag open messages past their time limit; each is flagged and reported once."""
    today = timezone.localdate(now)
    due = Message.objects.filter(
        state__in=OPEN_STATES, due_on__lt=today, overdue_since__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            if not Message.objects.filter(pk=pk, overdue_since__isnull=True).update(
                overdue_since=today
            ):
                continue
            message = Message.objects.select_related(
                "deputy__user", "station__manager", "unit", "congress"
            ).get(pk=pk)
            holders = (
                list(message.unit.members.filter(is_active=True))
                if message.unit_id and message.state in {State.ASSIGNED, State.UNIT_HANDLING}
                else recipient_users(message)
                if message.state in {State.RECEIVED, State.HANDLING}
                else []
            )
            for user in holders + office_users(message.congress):
                notify(
                    user, kind="channel.overdue", congress=message.congress,
                    channels=("inbox", "sms") if user in holders else ("inbox",),
                    title=_("留言 %(code)s 已逾期") % {"code": message.tracking_code},
                    body=_("答复期限 %(due)s 已过，请尽快办理。") % {"due": message.due_on},
                    url=f"/channel/messages/{message.pk}/",
                )  # fmt: skip
            count += 1
    return count
