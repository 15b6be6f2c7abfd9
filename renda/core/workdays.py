"""Deadline arithmetic in calendar days, working days or months (pure: no Django).

Working days follow China's public holidays and make-up working days from `chinese_calendar`;
`overrides` (date -> is_workday) come first, so an administrator can correct a date or supply
a year the package does not know yet. For such a year, weekends are rest days.
"""

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from enum import StrEnum

import chinese_calendar

Overrides = Mapping[dt.date, bool]
_NONE: Overrides = {}


class Unit(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"
    MONTHS = "months"


def is_known_year(year: int) -> bool:
    """Tell whether the holiday package has the official arrangement for `year`."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@functools.lru_cache(maxsize=8192)
def _official_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def is_workday(day: dt.date, overrides: Overrides = _NONE) -> bool:
    """Tell whether `day` is a working day."""
    if day in overrides:
        return overrides[day]
    return _official_workday(day)


def add_months(start: dt.date, months: int) -> dt.date:
    """Add calendar months, keeping the day or falling back to the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


def add(start: dt.date, amount: int, unit: Unit | str, overrides: Overrides = _NONE) -> dt.date:
    """Return the date `amount` units after `start` (the day of a deadline).

    Working days count from the day after `start`: 3 working days from a Friday is Wednesday.
    A calendar-day or month deadline that falls on a rest day moves to the next working day,
    as time limits in Chinese administrative law do.
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    unit = Unit(unit)
    if unit is Unit.WORKING:
        day, left = start, amount
        while left:
            day += dt.timedelta(days=1)
            if is_workday(day, overrides):
                left -= 1
        return day
    day = start + dt.timedelta(days=amount) if unit is Unit.CALENDAR else add_months(start, amount)
    while amount and not is_workday(day, overrides):
        day += dt.timedelta(days=1)
    return day


def count_workdays(start: dt.date, end: dt.date, overrides: Overrides = _NONE) -> int:
    """Count working days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -count_workdays(end, start, overrides)
    total, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        total += is_workday(day, overrides)
    return total
