"""Mask personal data for display (phone 138****8000, ID 110101********1234, name 张*)."""


def mask_phone(phone: str) -> str:
    """Keep the first three and last four digits of a phone number."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(number: str) -> str:
    """Keep the region code (six) and the last four characters of an ID number."""
    value = number.strip()
    if len(value) <= 10:
        return "*" * len(value)
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}"


def mask_name(name: str) -> str:
    """Keep the family name (the first character) and hide the rest."""
    value = name.strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)
