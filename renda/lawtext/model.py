"""Dataclasses for a parsed legal text and their JSON shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Item:
    """A 项 such as （一）, or a 目 such as 1. inside an item."""

    number: int
    label: str
    text: str
    start: int
    end: int
    subitems: list[Item] = field(default_factory=list)


@dataclass
class Paragraph:
    """A 款: the lead text of a paragraph and the items listed under it."""

    number: int
    text: str
    start: int
    end: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Table:
    """Rows of a table found inside an article or attachment, cells split on tabs or bars."""

    rows: list[list[str]]
    start: int
    end: int


@dataclass
class Heading:
    """A 编, 分编, 章 or 节 heading; `heading` is the line as written."""

    kind: str
    number: int
    label: str
    title: str
    heading: str
    start: int
    end: int
    parent: str | None = None


@dataclass
class Article:
    """A 条 with its place in the hierarchy, its text and its paragraphs."""

    number: int
    label: str
    text: str
    start: int
    end: int
    sub_number: int | None = None
    caption: str | None = None
    part: str | None = None
    subpart: str | None = None
    chapter: str | None = None
    section: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Attachment:
    """An 附件 after the articles, kept whole."""

    label: str
    title: str
    text: str
    start: int
    end: int


@dataclass
class Effective:
    """The clause that says when the text takes effect."""

    article: str | None
    text: str
    date: str | None
    on_publication: bool
    start: int
    end: int


@dataclass
class Span:
    """A piece of source text with where it was and why it is listed."""

    text: str
    start: int
    end: int
    reason: str


@dataclass
class LawDocument:
    """A parsed law, regulation, rule, normative document or draft."""

    title: str
    source: str
    preamble: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    parts: list[Heading] = field(default_factory=list)
    subparts: list[Heading] = field(default_factory=list)
    chapters: list[Heading] = field(default_factory=list)
    sections: list[Heading] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    effective: Effective | None = None
    numbering: str = "articles"
    unplaced: list[Span] = field(default_factory=list)
    removed: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def closing_chapter(self) -> Heading | None:
        """Return the 附则 chapter, if any."""
        for chapter in reversed(self.chapters):
            if "".join(chapter.title.split()) == "附则":
                return chapter
        return None

    def counts(self) -> dict[str, int]:
        """Return how many parts, subparts, chapters, sections and articles were found."""
        return {
            "parts": len(self.parts),
            "subparts": len(self.subparts),
            "chapters": len(self.chapters),
            "sections": len(self.sections),
            "articles": len(self.articles),
        }

    def article_at(self, offset: int) -> Article | None:
        """Return the article whose span holds the offset into the normalised source."""
        lo, hi = 0, len(self.articles)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.articles[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.articles) and self.articles[lo].start <= offset:
            return self.articles[lo]
        return None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready shape printed by `renda parse-law --json`."""
        closing = self.closing_chapter
        return {
            "title": self.title,
            "preamble": self.preamble,
            "counts": self.counts(),
            "numbering": self.numbering,
            "parts": [asdict(h) for h in self.parts],
            "subparts": [asdict(h) for h in self.subparts],
            "chapters": [asdict(h) for h in self.chapters],
            "sections": [asdict(h) for h in self.sections],
            "articles": [asdict(a) for a in self.articles],
            "closing_chapter": closing.heading if closing else None,
            "attachments": [asdict(a) for a in self.attachments],
            "effective": asdict(self.effective) if self.effective else None,
            "toc": self.toc,
            "unplaced": [asdict(s) for s in self.unplaced],
            "removed": [asdict(s) for s in self.removed],
            "warnings": self.warnings,
        }
