"""Notices reach the inbox at once and e-mail/SMS through the real task queue."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from renda.core import notices, tick
from renda.core.models import Notification
from renda.core.sms import MemorySmsBackend
from renda.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def run_worker():
    call_command("worker", batch=True)


def test_inbox_notice_is_stored_and_marked_read():
    user = make_user()
    first = notices.notify(user, title="新的交办件", body="请在期限内答复")
    notices.notify(user, title="第二条")
    assert notices.inbox_for(user, unread_only=True).count() == 2
    assert notices.mark_read(user, [first.pk]) == 1
    assert list(notices.inbox_for(user, unread_only=True).values_list("title", flat=True)) == [
        "第二条"
    ]
    assert notices.mark_read(user) == 1
    assert notices.mark_read(user) == 0


@pytest.mark.django_db(transaction=True)
def test_email_and_sms_go_through_the_queue_after_commit():
    """The worker runs as in production: real commits, then `renda worker --batch`."""
    user = make_user(email="deputy@example.org", phone="13800138000")
    with transaction.atomic():
        notices.notify(user, title="留言待处理", body="一位群众给您留言", channels=["email", "sms"])
    assert not Notification.objects.filter(recipient=user).exists()  # no inbox channel asked
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == [] and MemorySmsBackend.outbox == []

    run_worker()

    assert [m.to for m in mail.outbox] == [["deputy@example.org"]]
    assert mail.outbox[0].subject == "留言待处理"
    assert MemorySmsBackend.outbox == [("13800138000", "留言待处理\n一位群众给您留言")]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_nothing_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = make_user(email="deputy@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notices.notify(user, title="x", channels=["email"])
    assert len(callbacks) == 1  # only runs on commit
    assert DBTaskResult.objects.count() == 0


def test_reminder_is_sent_once_even_when_tick_runs_twice():
    user = make_user()
    now = timezone.now()
    notices.reminder_schedule(
        key="test:1", recipient=user, due_at=now - dt.timedelta(minutes=1), title="答复期限将至"
    )
    notices.reminder_schedule(
        key="test:later", recipient=user, due_at=now + dt.timedelta(days=1), title="明天"
    )
    assert tick.run(now)["core.reminders"] == 1
    assert tick.run(now)["core.reminders"] == 0
    assert list(Notification.objects.filter(recipient=user).values_list("title", flat=True)) == [
        "答复期限将至"
    ]


def test_rescheduling_moves_an_unsent_reminder_and_cancel_stops_it():
    user = make_user()
    now = timezone.now()
    first = notices.reminder_schedule(
        key="k", recipient=user, due_at=now + dt.timedelta(days=3), title="三天后"
    )
    again = notices.reminder_schedule(
        key="k", recipient=user, due_at=now - dt.timedelta(days=1), title="已提前"
    )
    assert first.pk == again.pk and again.title == "已提前"
    assert notices.reminder_cancel("k")
    assert notices.send_due_reminders(now) == 0
    assert not notices.reminder_cancel("k")


def test_tick_command_prints_each_handler(capsys):
    call_command("tick")
    assert "core.reminders=0" in capsys.readouterr().out
