"""Deployment checks: PostgreSQL's locale and the holiday calendar's years."""

import datetime as dt

import pytest
from django.db import connection

from renda.core import calendar, checks
from renda.core.models import HolidayOverride

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgres_test_database_can_see_chinese():
    assert checks.postgres_ctype().upper() not in {"C", "POSIX"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower('人民代表大会') ~ '代表'")
        assert cursor.fetchone()[0] is True
    assert checks.check_postgres_ctype(databases=["default"]) == []


def test_unknown_holiday_years_are_reported_until_overridden():
    far = dt.date(2098, 3, 1)
    assert calendar.unknown_years(far) == [2098, 2099]
    HolidayOverride.objects.create(date=dt.date(2099, 1, 1), is_workday=False, note="元旦")
    assert calendar.unknown_years(far) == [2098]


def test_overrides_from_the_database_drive_deadlines():
    start = dt.date(2099, 1, 30)  # a Friday, in a year the package does not know
    assert calendar.deadline(start, 1, "working") == dt.date(2099, 2, 2)
    HolidayOverride.objects.create(date=dt.date(2099, 2, 2), is_workday=False)
    calendar.forget_overrides()
    assert calendar.deadline(start, 1, "working") == dt.date(2099, 2, 3)
    assert calendar.workdays_left(start, dt.date(2099, 2, 3)) == 1
