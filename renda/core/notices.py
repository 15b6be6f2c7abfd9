"""Tell people things: the in-app inbox, e-mail and SMS, and reminders that fall due."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from renda.core.models import Congress, Notification, Reminder, User
from renda.core.tasks import deliver_email, deliver_sms

INBOX, EMAIL, SMS = "inbox", "email", "sms"


def notify(
    recipient: User,
    *,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "general",
    congress: Congress | None = None,
    channels: Iterable[str] = (INBOX,),
) -> Notification | None:
    """Put a notice in the inbox and queue e-mail or SMS once the transaction commits."""
    channels = set(channels)
    notification = None
    if INBOX in channels:
        notification = Notification.objects.create(
            recipient=recipient, congress=congress, kind=kind, title=title, body=body, url=url
        )
    text = f"{title}\n{body}".strip()
    if EMAIL in channels and recipient.email:
        email = recipient.email
        transaction.on_commit(lambda: deliver_email.enqueue(email, title, text))
    if SMS in channels and recipient.phone:
        phone = recipient.phone
        transaction.on_commit(lambda: deliver_sms.enqueue(phone, text))
    return notification


def inbox_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """Return `user`'s notices, newest first."""
    notices = Notification.objects.filter(recipient=user)
    return notices.filter(read_at__isnull=True) if unread_only else notices


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of `user`'s unread notices read; return how many changed."""
    notices = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=list(ids))
    return notices.update(read_at=timezone.now())


@transaction.atomic
def reminder_schedule(
    *,
    key: str,
    recipient: User,
    due_at: dt.datetime,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "reminder",
    congress: Congress | None = None,
    channels: Iterable[str] = (INBOX,),
) -> Reminder:
    """Schedule a reminder once per `key`; scheduling again moves it if not yet sent."""
    values = {
        "recipient": recipient,
        "due_at": due_at,
        "title": title,
        "body": body,
        "url": url,
        "kind": kind,
        "congress": congress,
        "channels": sorted(set(channels)),
    }
    reminder, created = Reminder.objects.get_or_create(key=key, defaults=values)
    if not created and reminder.sent_at is None:
        for field, value in values.items():
            setattr(reminder, field, value)
        reminder.cancelled_at = None
        reminder.save()
    return reminder


def reminder_cancel(key: str) -> bool:
    """Cancel an unsent reminder (when the task it is about was done in time)."""
    return bool(
        Reminder.objects.filter(key=key, sent_at__isnull=True, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now()
        )
    )


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send every reminder that is due and unsent, each exactly once, even if run twice."""
    now = now or timezone.now()
    due = Reminder.objects.filter(
        due_at__lte=now, sent_at__isnull=True, cancelled_at__isnull=True
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            # The conditional UPDATE is the claim: only one runner can flip sent_at.
            if not Reminder.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=now):
                continue
            reminder = Reminder.objects.select_related("recipient").get(pk=pk)
            notify(
                reminder.recipient,
                title=reminder.title,
                body=reminder.body,
                url=reminder.url,
                kind=reminder.kind,
                congress=reminder.congress,
                channels=reminder.channels or (INBOX,),
            )
            sent += 1
    return sent
