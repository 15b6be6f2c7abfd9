"""Input rules and small pure helpers of the channel (no database)."""

import re

MAX_CONTENT = 2000
MIN_CONTENT = 5
MAX_PHOTOS = 3
REOPEN_DAYS = 30  # a citizen may reopen within this many days of the reply
DEFAULT_WORKING_DAYS = {"opinion": 15, "help": 10, "legislative": 20, "other": 15}

_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])")


def scrub(text: str) -> str:
    """Mask phone numbers and ID numbers a citizen typed into a text before it is published."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return _PHONE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


def format_code(code: str) -> str:
    """Show a tracking code in two groups for reading aloud: K7M29XQ4 -> K7M2-9XQ4."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def normalize_code(text: str) -> str:
    """Accept a tracking code typed with dashes, spaces or in lower case."""
    return re.sub(r"[\s\-－]", "", text or "").upper()
