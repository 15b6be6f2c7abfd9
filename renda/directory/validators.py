"""Checks and normal forms for directory data (pure: no database)."""

import re

from pypinyin import Style, lazy_pinyin

from renda.core.codes import random_code

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i


def normalize_phone(value: str) -> str:
    """Strip spaces, dashes between digit groups of mobiles and a +86 prefix."""
    value = re.sub(r"[\s\u3000]", "", str(value or ""))
    value = value.removeprefix("+86").removeprefix("0086")
    return value.replace("-", "") if MOBILE.match(value.replace("-", "")) else value


def is_phone(value: str) -> bool:
    """Accept a mainland mobile number or a landline with area code."""
    return bool(MOBILE.match(value) or LANDLINE.match(value))


def normalize_id_number(value: str) -> str:
    """Upper-case the check character and strip spaces."""
    return re.sub(r"\s", "", str(value or "")).upper()


def is_id_number(value: str) -> bool:
    """Check an 18-character resident ID number, check digit included (GB 11643-1999)."""
    if not ID_NUMBER.match(value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17]


def name_initials(name: str) -> str:
    """Return the pinyin initials of a Chinese name: 张志强 -> zzq."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def name_pinyin(name: str) -> str:
    """Return the toneless pinyin of a name run together: 张志强 -> zhangzhiqiang."""
    return "".join(lazy_pinyin(name)).lower()


def new_public_code(length: int = 8) -> str:
    """Return a random code for public URLs and QR codes, easy to read aloud."""
    return random_code(length, CODE_ALPHABET)
