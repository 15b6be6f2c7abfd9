"""Checks and normal forms for directory data (pure)."""

import pytest

from renda.directory import validators


@pytest.mark.parametrize(
    ("raw", "clean", "valid"),
    [
        ("13800138000", "13800138000", True),
        ("138 0013 8000", "13800138000", True),
        ("138-0013-8000", "13800138000", True),
        ("+8613800138000", "13800138000", True),
        ("0571-86001234", "0571-86001234", True),
        ("12800138000", "12800138000", False),
        ("1380013800", "1380013800", False),
        ("电话", "电话", False),
    ],
)
def test_phone_numbers(raw, clean, valid):
    assert validators.normalize_phone(raw) == clean
    assert validators.is_phone(clean) is valid


def test_id_number_check_digit():
    assert validators.is_id_number("11010519491231002X")  # the standard's own example
    assert not validators.is_id_number("110105194912310021")  # wrong check digit
    assert not validators.is_id_number("11010519491231002")  # too short
    assert validators.normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


def test_pinyin_forms_of_names():
    assert validators.name_initials("张志强") == "zzq"
    assert validators.name_pinyin("陈丽华") == "chenlihua"


def test_public_codes_are_long_random_and_unambiguous():
    codes = {validators.new_public_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and not set(c) & set("01ilo") for c in codes)
