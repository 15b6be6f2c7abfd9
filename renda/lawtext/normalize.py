"""Normalise raw text and recognise page furniture (page numbers, running headers)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

_TRANSLATE = str.maketrans(
    {
        "\u3000": " ",
        "\xa0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\f": "\n",
        "\v": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)

PAGE_NUMBER_RE = re.compile(
    r"[-—–－]\s*\d{1,4}\s*[-—–－]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
_STRUCTURAL_START_RE = re.compile(
    r"第|[（(][一二三四五六七八九十\d]|\d+[.．、]|[一二三四五六七八九十]+、"
)
_TERMINAL = "。；：！？;:!?，,"


@dataclass(slots=True)
class Line:
    """A non-blank line: stripped text and its span in the normalised source."""

    text: str
    start: int
    end: int


def normalize(text: str) -> str:
    """Return text with one kind of newline and space, zero-width characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TRANSLATE)


def iter_lines(text: str) -> Iterator[Line]:
    """Yield the non-blank lines of normalised text, stripped, with their offsets."""
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = match.start() + lead
        yield Line(stripped, start, start + len(stripped))


def running_headers(lines: list[Line]) -> set[str]:
    """Return short lines repeated three times or more that read like page headers."""
    counts = Counter(
        line.text
        for line in lines
        if len(line.text) <= 40
        and line.text[-1] not in _TERMINAL
        and not _STRUCTURAL_START_RE.match(line.text)
    )
    return {text for text, n in counts.items() if n >= 3}


def is_page_number(text: str) -> bool:
    """Say whether a stripped line is only a page number."""
    return PAGE_NUMBER_RE.fullmatch(text) is not None
