"""Random codes people read, type and say aloud: no look-alike characters (0/O, 1/I/L)."""

import secrets

#: digits and capitals without 0, 1, I, L and O
UNAMBIGUOUS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def random_code(length: int = 8, alphabet: str = UNAMBIGUOUS) -> str:
    """Return `length` characters of `alphabet`, every code equally likely.

    One draw from the system's random source for the whole code (a submission makes one).
    """
    base = len(alphabet)
    number = secrets.randbelow(base**length)
    characters = []
    for _ in range(length):
        number, digit = divmod(number, base)
        characters.append(alphabet[digit])
    return "".join(characters)
