"""The working-day calendar with the administrators' overrides from the database."""

import datetime as dt

from django.core.cache import cache

from renda.core import workdays
from renda.core.models import HolidayOverride

_CACHE_KEY = "core:holiday-overrides:v1"


def overrides() -> dict[dt.date, bool]:
    """Return the administrators' holiday overrides, cached until one changes."""
    cached = cache.get(_CACHE_KEY)
    if cached is None:
        cached = dict(HolidayOverride.objects.values_list("date", "is_workday"))
        cache.set(_CACHE_KEY, cached, timeout=3600)
    return cached


def forget_overrides() -> None:
    """Drop the cached overrides; call after an override is saved or deleted."""
    cache.delete(_CACHE_KEY)


def is_workday(day: dt.date) -> bool:
    """Tell whether `day` is a working day."""
    return workdays.is_workday(day, overrides())


def deadline(start: dt.date, amount: int, unit: workdays.Unit | str) -> dt.date:
    """Return the due date `amount` calendar days, working days or months after `start`."""
    return workdays.add(start, amount, unit, overrides())


def workdays_left(today: dt.date, due: dt.date) -> int:
    """Count working days from `today` to `due` (negative once overdue)."""
    return workdays.count_workdays(today, due, overrides())


def unknown_years(today: dt.date) -> list[int]:
    """List this year and next if the holiday package lacks them and no override covers them."""
    missing = []
    for year in (today.year, today.year + 1):
        if workdays.is_known_year(year):
            continue
        if not HolidayOverride.objects.filter(date__year=year).exists():
            missing.append(year)
    return missing
