"""Extract references to laws and their articles, with titles normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import NUMERAL_CHARS, cn_to_int

N = f"[{NUMERAL_CHARS}]+"
CN = "[一二三四五六七八九十]+"
PRC = "中华人民共和国"
SELF_KINDS = "法|条例|规定|办法|细则|决定|规则|实施办法|实施细则|意见|通知|标准"

_REF = (
    rf"第(?P<art>{N})条(?:之(?P<sub>{CN}))?(?:第(?P<para>{N})款)?(?:第[（(]?(?P<item>{N})[）)]?项)?"
)
_MORE = (
    rf"(?:(?P<join>[、和及与或]|至|到)(?:第(?P<art2>{N})条)?"
    rf"(?:第(?P<para2>{N})款)?(?:第[（(]?(?P<item2>{N})[）)]?项)?)"
)
TITLE_RE = re.compile(r"《(?P<title>[^《》\n]{1,80})》")
REF_RE = re.compile(_REF)
MORE_RE = re.compile(_MORE)
SELF_RE = re.compile(rf"本(?P<kind>{SELF_KINDS})" + _REF)
BARE_RE = re.compile(r"(?:依照|依据|根据|按照|违反|适用|依)" + _REF)
REVISION_NOTE_RE = re.compile(r"[（(][^（）()]*(?:修订|修正|修改|年)[^（）()]*[）)]$")
LAW_SUFFIXES = (
    "法",
    "条例",
    "规定",
    "办法",
    "细则",
    "决定",
    "规则",
    "解释",
    "决议",
    "纲要",
    "规划",
)
_BRACKETS = str.maketrans({"(": "（", ")": "）", "<": "〈", ">": "〉", "[": "〔", "]": "〕"})


@dataclass
class Citation:
    """A reference to a law (or to the citing text itself) and, if given, an article."""

    raw: str
    title: str | None
    normalized_title: str | None
    article: int | None
    start: int
    end: int
    article_sub: int | None = None
    paragraph: int | None = None
    item: int | None = None
    article_end: int | None = None
    self_reference: bool = False
    is_law: bool = True


def normalize_title(title: str) -> str:
    """Return the short title for matching: no 中华人民共和国, full-width brackets, no spaces."""
    text = "".join(title.split()).translate(_BRACKETS).strip("《》")
    text = REVISION_NOTE_RE.sub("", text) if not text.endswith(("（试行）", "（暂行）")) else text
    if text.startswith(PRC) and len(text) > len(PRC):
        text = text[len(PRC) :]
    return text


def _int(text: str | None) -> int | None:
    """Convert a numeral that may be absent."""
    return cn_to_int(text) if text else None


def _refs_after(text: str, pos: int) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    """Return the article references that directly follow a position, with any list or range."""
    out: list[tuple[re.Match[str], re.Match[str] | None]] = []
    tail = text[pos : pos + 12]
    skip = len(tail) - len(tail.lstrip("的有关规定中 "))
    skip = 0 if not tail[skip:].startswith("第") else skip
    match = REF_RE.match(text, pos + skip)
    if match is None:
        return out
    out.append((match, None))
    end = match.end()
    while True:
        more = MORE_RE.match(text, end)
        if more is None or not (more["art2"] or more["para2"] or more["item2"]):
            break
        if more["join"] in ("至", "到") and len(out) == 1 and out[0][1] is None:
            out[0] = (match, more)
        else:
            out.append((match, more))
        end = more.end()
    return out


def _citation(
    raw_span: tuple[int, int],
    text: str,
    title: str | None,
    first: re.Match[str],
    more: re.Match[str] | None,
    *,
    self_reference: bool = False,
) -> Citation:
    """Build one citation from a reference match and an optional list continuation."""
    start, end = raw_span
    article = _int(first["art"])
    paragraph = _int(first["para"])
    item = _int(first["item"])
    article_end = None
    if more is not None:
        if more["join"] in ("至", "到"):
            article_end = _int(more["art2"])
        else:
            if more["art2"]:
                article, paragraph, item = _int(more["art2"]), None, None
            if more["para2"]:
                paragraph, item = _int(more["para2"]), None
            if more["item2"]:
                item = _int(more["item2"])
        end = more.end()
    normalized = normalize_title(title) if title else None
    return Citation(
        raw=text[start:end],
        title=title,
        normalized_title=normalized,
        article=article,
        article_sub=_int(first["sub"]),
        paragraph=paragraph,
        item=item,
        article_end=article_end,
        start=start,
        end=end,
        self_reference=self_reference,
        is_law=normalized is None or normalized.endswith(LAW_SUFFIXES) or "法" in normalized,
    )


def extract_citations(text: str) -> list[Citation]:
    """Return every reference to a law, article, paragraph or item in text, in order."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in TITLE_RE.finditer(text):
        title = match["title"]
        refs = _refs_after(text, match.end())
        if not refs:
            found.append(
                Citation(
                    raw=match.group(),
                    title=title,
                    normalized_title=normalize_title(title),
                    article=None,
                    start=match.start(),
                    end=match.end(),
                    is_law=normalize_title(title).endswith(LAW_SUFFIXES),
                )
            )
            continue
        for first, more in refs:
            citation = _citation((match.start(), first.end()), text, title, first, more)
            found.append(citation)
            taken.append((first.start(), citation.end))
    for pattern, is_bare in ((SELF_RE, False), (BARE_RE, True)):
        for match in pattern.finditer(text):
            ref_start = match.start("art") - 1
            if any(s <= ref_start < e for s, e in taken):
                continue
            start = ref_start if is_bare else match.start()
            refs = _refs_after(text, ref_start)
            for first, more in refs:
                citation = _citation(
                    (start, first.end()), text, None, first, more, self_reference=True
                )
                found.append(citation)
                taken.append((ref_start, citation.end))
    found.sort(key=lambda c: (c.start, c.end))
    return found
