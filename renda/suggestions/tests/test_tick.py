"""Overdue handlers: each overdue reply or commitment is announced once."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.models import Notification
from renda.suggestions import handling, tick
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.conftest import assigned

pytestmark = pytest.mark.django_db


def test_overdue_reply_is_announced_once(world):
    suggestion = assigned(world)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    now = timezone.now()
    assert tick.overdue_replies(now) == 1
    assert tick.overdue_replies(now) == 0
    assert (
        Notification.objects.filter(recipient=world.unit_user, title__contains="超过").count() == 1
    )
    assert Notification.objects.filter(recipient=world.staff, title__contains="超过").count() == 1


def test_overdue_commitment_is_announced_once(world):
    suggestion = assigned(world)
    handling.reply_submit(
        suggestion=suggestion, result_class="B", body="列入计划", actor=world.unit_user,
        commitments=[("设站", timezone.localdate() + dt.timedelta(days=5))],
    )  # fmt: skip
    later = timezone.now() + dt.timedelta(days=10)
    assert tick.overdue_commitments(later) == 1
    assert tick.overdue_commitments(later) == 0
