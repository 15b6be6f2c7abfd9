"""Deadline arithmetic on China's official holiday arrangement (pure, no database)."""

import datetime as dt

import pytest

from renda.core import workdays

D = dt.date


def test_sunday_make_up_day_is_a_workday_and_national_day_is_not():
    assert workdays.is_workday(D(2025, 9, 28))  # Sunday worked for National Day 2025
    assert not workdays.is_workday(D(2025, 10, 8))  # last day of the 2025 holiday
    assert workdays.is_workday(D(2025, 10, 11))  # Saturday worked after it


def test_working_days_skip_the_holiday_and_count_make_up_days():
    assert workdays.add(D(2025, 9, 30), 1, "working") == D(2025, 10, 9)
    # Friday + 3: Saturday rests, Sunday 28th is a make-up working day.
    assert workdays.add(D(2025, 9, 26), 3, workdays.Unit.WORKING) == D(2025, 9, 30)


def test_calendar_deadline_on_a_holiday_moves_to_the_next_working_day():
    assert workdays.add(D(2025, 9, 30), 2, "calendar") == D(2025, 10, 9)
    assert workdays.add(D(2025, 9, 1), 7, "calendar") == D(2025, 9, 8)


def test_months_keep_the_day_or_fall_back_to_the_month_end():
    assert workdays.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    # 2026-02-28 is a Saturday worked for the Spring Festival, so it stays.
    assert workdays.add(D(2026, 1, 31), 1, "months") == D(2026, 2, 28)


def test_zero_is_the_start_day_and_negative_amounts_are_refused():
    assert workdays.add(D(2025, 10, 3), 0, "working") == D(2025, 10, 3)
    with pytest.raises(ValueError):
        workdays.add(D(2025, 10, 3), -1, "calendar")


def test_overrides_win_and_cover_years_the_package_lacks():
    overrides = {D(2027, 2, 8): False, D(2027, 2, 6): True}
    assert not workdays.is_known_year(2099)
    assert workdays.is_workday(D(2027, 2, 8))  # a Monday, by the weekend rule
    assert not workdays.is_workday(D(2027, 2, 8), overrides)
    assert workdays.is_workday(D(2027, 2, 6), overrides)  # a Saturday made a workday
    assert workdays.add(D(2027, 2, 5), 1, "working", overrides) == D(2027, 2, 6)


def test_count_workdays_is_signed():
    assert workdays.count_workdays(D(2025, 9, 26), D(2025, 10, 10)) == 5
    assert workdays.count_workdays(D(2025, 10, 10), D(2025, 9, 26)) == -5
    assert workdays.count_workdays(D(2025, 10, 10), D(2025, 10, 10)) == 0
