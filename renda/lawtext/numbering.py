"""Rebuild the labels Word generates from numbering definitions (w:numPr and numbering.xml).

A paragraph numbered by Word's list feature holds no label text: it points (w:numPr, directly or
through its style) at a list (w:num) whose abstract definition gives, per level, the format
(decimal, chineseCounting…), the pattern (第%1条, %1、, （%1）, %1.) and the start value. The
counters run in document order per list; a level's counter restarts when a lower level moves on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from .numerals import int_to_cn

IDEOGRAPH_CYCLE = "甲乙丙丁戊己庚辛壬癸"
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
CHINESE_FORMATS = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }
)
SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}


@dataclass
class Level:
    """One level of a list definition."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    suffix: str = " "


@dataclass
class _List:
    """A list (w:num): its abstract definition's levels and its start overrides."""

    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)


def _val(element: Any, tag: str) -> str | None:
    """Return the w:val of a child element, or None."""
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def format_number(value: int, fmt: str) -> str:
    """Write a counter value in a Word number format."""
    if fmt in CHINESE_FORMATS:
        return int_to_cn(value)
    if fmt == "ideographTraditional":
        return IDEOGRAPH_CYCLE[(value - 1) % len(IDEOGRAPH_CYCLE)]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", value
        for amount, digits in ROMAN:
            while rest >= amount:
                out, rest = out + digits, rest - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


class Numbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, document: Any) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.lists: dict[str, _List] = {}
        self.styles: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            self._read_numbering(root)
        self._read_styles(document)

    def _read_numbering(self, root: Any) -> None:
        """Read the abstract definitions and the lists of numbering.xml."""
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                start = _val(lvl, "w:start")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = Level(
                    fmt=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") or "",
                    start=int(start) if start else 1,
                    suffix=SUFFIXES.get(_val(lvl, "w:suff") or "tab", " "),
                )
            self.abstracts[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            entry = _List(_val(num, "w:abstractNumId") or "")
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    entry.overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.lists[num.get(qn("w:numId"))] = entry

    def _read_styles(self, document: Any) -> None:
        """Remember the paragraph styles that carry a numbering reference."""
        try:
            root = document.styles.element
        except (KeyError, NotImplementedError):
            return
        for style in root.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                ilvl = _val(num_pr, "w:ilvl")
                self.styles[style.get(qn("w:styleId"))] = (
                    _val(num_pr, "w:numId"),
                    int(ilvl) if ilvl else None,
                )

    def _reference(self, paragraph: Any) -> tuple[str | None, int]:
        """Return the list id and level a paragraph points at, directly or by its style."""
        ppr = paragraph.find(qn("w:pPr"))
        num_id, ilvl = None, None
        if ppr is not None:
            style = _val(ppr, "w:pStyle")
            if style in self.styles:
                num_id, ilvl = self.styles[style]
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = _val(num_pr, "w:numId") or num_id
                level = _val(num_pr, "w:ilvl")
                ilvl = int(level) if level else ilvl
        return num_id, ilvl or 0

    def label(self, paragraph: Any) -> str:
        """Advance the paragraph's list counter and return its label with the separator."""
        num_id, ilvl = self._reference(paragraph)
        entry = self.lists.get(num_id or "")
        if entry is None or num_id == "0":
            return ""
        levels = self.abstracts.get(entry.abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id or "", {})
        start = entry.overrides.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for index in range(9, -1, -1):
            marker = f"%{index + 1}"
            if marker in text:
                value = counters.get(index, entry.overrides.get(index, self._start(levels, index)))
                fmt = levels[index].fmt if index in levels else "decimal"
                text = text.replace(marker, format_number(value, fmt))
        if level.fmt == "bullet" or not text.strip():
            return ""
        return text + level.suffix

    @staticmethod
    def _start(levels: dict[int, Level], index: int) -> int:
        """Return a level's start value (1 when the level is not defined)."""
        return levels[index].start if index in levels else 1
