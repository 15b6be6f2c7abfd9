"""`insert_one` writes the row `save()` writes, on SQLite and PostgreSQL alike."""

import datetime as dt

import pytest
from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
from django.test.utils import isolate_apps

from renda.core.db.insert import insert_one
from renda.core.models import HolidayOverride, Notification
from renda.core.tests.factories import make_congress, make_user

pytestmark = pytest.mark.django_db


def test_the_row_is_the_one_save_writes():
    user, congress = make_user(), make_congress()
    fields = dict(
        recipient=user, congress=congress, kind="channel", title="新留言 <b>", body="😀全角１２３"
    )
    saved = Notification.objects.create(**fields)
    inserted = insert_one(Notification(**fields))
    assert inserted.pk is not None and inserted.pk != saved.pk
    assert not inserted._state.adding and inserted._state.db == "default"
    again = Notification.objects.get(pk=inserted.pk)
    assert model_to_dict(again, exclude=["id"]) == model_to_dict(saved, exclude=["id"])
    # auto_now_add was filled in on the object, as save() does, and stored as written
    assert inserted.created_at is not None and again.created_at == inserted.created_at
    assert again.read_at is None and again.url == ""


def test_dates_and_nulls_round_trip():
    day = insert_one(HolidayOverride(date=dt.date(2027, 2, 6), is_workday=True, note=""))
    assert HolidayOverride.objects.get(pk=day.pk).date == dt.date(2027, 2, 6)
    orphan = insert_one(Notification(recipient=make_user(), congress=None, title="无届别"))
    assert Notification.objects.get(pk=orphan.pk).congress_id is None


def test_a_unique_clash_raises_and_leaves_the_transaction_usable():
    HolidayOverride.objects.create(date=dt.date(2027, 2, 7), is_workday=True, note="")
    with transaction.atomic():
        with pytest.raises(IntegrityError), transaction.atomic():
            insert_one(HolidayOverride(date=dt.date(2027, 2, 7), is_workday=False, note=""))
        insert_one(HolidayOverride(date=dt.date(2027, 2, 8), is_workday=False, note=""))
    assert set(HolidayOverride.objects.values_list("date", flat=True)) == {
        dt.date(2027, 2, 7),
        dt.date(2027, 2, 8),
    }


def test_a_failed_insert_marks_the_outer_transaction_for_rollback():
    with pytest.raises(IntegrityError), transaction.atomic():
        HolidayOverride.objects.create(date=dt.date(2027, 3, 1), is_workday=True, note="")
        try:
            insert_one(HolidayOverride(date=dt.date(2027, 3, 1), is_workday=True, note=""))
        finally:
            assert transaction.get_connection().needs_rollback
    assert not HolidayOverride.objects.filter(date=dt.date(2027, 3, 1)).exists()


@isolate_apps("renda.core")
def test_models_it_cannot_write_like_save_are_refused():
    class Stamped(models.Model):  # noqa: DJ008
        title = models.CharField(max_length=10)

        def save(self, *args, **kwargs):  # a save() of its own would be skipped: refused
            self.title = self.title.upper()
            super().save(*args, **kwargs)

    class Defaulted(models.Model):  # noqa: DJ008
        title = models.CharField(max_length=10, db_default="无")

    with pytest.raises(TypeError, match="save"):
        insert_one(Stamped(title="x"))
    with pytest.raises(TypeError, match="database defaults"):
        insert_one(Defaulted())
