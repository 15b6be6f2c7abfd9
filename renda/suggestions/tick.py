"""`renda tick` handlers: overdue replies and overdue commitments, each announced once."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import notices
from renda.core.models import User
from renda.core.tick import register
from renda.suggestions.models import Commitment, State, Suggestion
from renda.suggestions.services import record, suggestion_url


def _tell(users, suggestion: Suggestion, title: str) -> None:
    for user in users:
        notices.notify(
            user, title=title, url=suggestion_url(suggestion), kind="suggestion",
            congress=suggestion.congress, channels=(notices.INBOX, notices.SMS),
        )  # fmt: skip


def _unit_and_staff(suggestion: Suggestion):
    return User.objects.filter(
        organizations=suggestion.lead_unit_id, is_active=True
    ).distinct().union(
        User.objects.filter(
            memberships__congress=suggestion.congress_id, memberships__role="staff",
            is_active=True,
        ).distinct()
    )  # fmt: skip


@register("suggestions.overdue")
def overdue_replies(now: dt.datetime) -> int:
    """Tell the lead unit and staff once when a reply deadline has passed."""
    today = timezone.localtime(now).date()
    due = Suggestion.objects.filter(
        state__in=(State.ASSIGNED, State.REHANDLING), due_on__lt=today, overdue_notified=False
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            if not Suggestion.objects.filter(pk=pk, overdue_notified=False).update(
                overdue_notified=True
            ):
                continue
            suggestion = Suggestion.objects.select_related("congress", "lead_unit").get(pk=pk)
            title = _("建议 %(number)s 已超过答复期限（%(due)s），请尽快答复") % {
                "number": suggestion.number,
                "due": suggestion.due_on,
            }
            _tell(_unit_and_staff(suggestion), suggestion, title)
            record(suggestion, verb="overdue", summary=_("超过答复期限"), actor=None)
            count += 1
    return count


@register("suggestions.commitments")
def overdue_commitments(now: dt.datetime) -> int:
    """Tell the lead unit and staff once when a dated promise passes without being kept."""
    today = timezone.localtime(now).date()
    due = Commitment.objects.filter(
        kept_on__isnull=True, due_on__lt=today, overdue_notified=False
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            if not Commitment.objects.filter(pk=pk, overdue_notified=False).update(
                overdue_notified=True
            ):
                continue
            commitment = Commitment.objects.select_related("suggestion__congress").get(pk=pk)
            suggestion = commitment.suggestion
            title = _("建议 %(number)s 的承诺事项“%(text)s”已过期未兑现") % {
                "number": suggestion.number,
                "text": commitment.text,
            }
            _tell(_unit_and_staff(suggestion), suggestion, title)
            count += 1
    return count
