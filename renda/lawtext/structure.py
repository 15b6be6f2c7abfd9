"""Parse the structure of a Chinese legal text: 编/分编/章/节/条/款/项/目."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import (
    Article,
    Attachment,
    Effective,
    Heading,
    Item,
    LawDocument,
    Paragraph,
    Span,
    Table,
)
from .normalize import Line, is_page_number, iter_lines, normalize, running_headers
from .numerals import NUMERAL_CHARS, cn_to_int

N = f"[{NUMERAL_CHARS}][{NUMERAL_CHARS} ]*?"
CN = "[一二三四五六七八九十百零〇]+"

HEADING_RE = re.compile(
    rf"第 *(?P<num>{N}) *(?P<kind>分编|编|章|节)(?: +(?P<title>.*)|(?P<tight>[^ ].*))?"
)
ARTICLE_RE = re.compile(
    rf"第 *(?P<num>{N}) *条(?:之(?P<sub>{CN}))?(?P<sep> *)"
    r"(?P<caption>【[^】]*】|\[[^\]]*\]|［[^］]*］)? *(?P<body>.*)"
)
OUTLINE_RE = re.compile(rf"(?P<num>{CN})、 *(?P<body>.*)")
ITEM_RE = re.compile(rf"[（(] *(?P<num>{CN}) *[）)] *(?P<body>.*)")
SUBITEM_RE = re.compile(
    r"(?:(?P<a>\d{1,3}) *[.．、](?!\d)|[（(] *(?P<b>\d{1,3}) *[）)]|(?P<c>[①-⑳])) *(?P<body>.*)"
)
ATTACHMENT_RE = re.compile(rf"附 *(?:件|表) *(?P<num>[{NUMERAL_CHARS}]*) *[:：]? *(?P<title>.*)")
NOTE_RE = re.compile(r"[【\[［].*[】\]］]|[（(](?:注|编者注|注释|说明)[:：].*[）)]")
TOC_RE = re.compile(r"目 *录")
REVISION_NOTE_RE = re.compile(r"[（(].*(?:通过|修正|修订|公布|施行|批准).*[）)]")
TITLE_SUFFIX_RE = re.compile(r"[（(][^（）()]*(?:草案|征求意见稿|送审稿|试行|暂行)[^（）()]*[）)]")
MD_TABLE_RULE_RE = re.compile(r"\|?[ :\-|]+\|?")
EFFECTIVE_RES = (
    re.compile(r"自(?P<when>[^，。；]{0,40}?)起(?:施行|实施|生效)"),
    re.compile(r"(?:本|此)[^，。；]{0,12}(?:施行|实施)"),
)
DATE_RE = re.compile(
    r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4}) *年 *(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2}) *月"
    r" *(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3}) *日"
)
TERMINAL = "。；：！？;:!?"
CLOSE_MARKS = "”’」』）)】"

LEVELS = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}


def _number(text: str) -> int | None:
    """Return the value of a numeral, or None if it is not one."""
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def _label(text: str) -> str:
    """Remove typesetting spaces inside a label: 第 一 条 becomes 第一条."""
    return "".join(text.split())


def _ends_sentence(text: str) -> bool:
    """Say whether a line closes its sentence, so the next line starts a new paragraph."""
    stripped = text.rstrip(CLOSE_MARKS)
    return (bool(stripped) and stripped[-1] in TERMINAL) or (text[-1:] in "”」" and len(text) > 1)


def _is_table_row(text: str) -> bool:
    """Say whether a line is a table row (tab-separated cells or a Markdown row)."""
    return "\t" in text or (text.startswith("|") and text.endswith("|"))


def _cells(text: str) -> list[str]:
    """Split a table row into its cells."""
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    return [cell.strip() for cell in text.strip("|").split("|")]


@dataclass
class _State:
    """What the parser is inside while it walks the lines."""

    part: Heading | None = None
    subpart: Heading | None = None
    chapter: Heading | None = None
    section: Heading | None = None
    article: Article | None = None
    paragraph: Paragraph | None = None
    item: Item | None = None
    subitem: Item | None = None
    table: Table | None = None
    attachment: Attachment | None = None
    pending_title: Heading | None = None
    pending_body: bool = False
    last_line_open: bool = False
    body_lines: list[str] = field(default_factory=list)


class _Parser:
    """Walk the lines of a normalised text once and build a LawDocument."""

    def __init__(self, text: str, *, outline: bool) -> None:
        self.doc = LawDocument(
            title="", source=text, numbering="outline" if outline else "articles"
        )
        self.outline = outline
        self.state = _State()

    def run(self, lines: list[Line]) -> LawDocument:
        """Classify every line and place it in the document."""
        headers = running_headers(lines)
        title_seen = False
        in_toc = False
        toc_first: str | None = None
        for line in lines:
            text = line.text
            if is_page_number(text):
                self.doc.removed.append(Span(text, line.start, line.end, "page number"))
                continue
            if (text in headers and title_seen and text != self.doc.title) or (
                text == self.doc.title and title_seen and self.doc.articles
            ):
                self.doc.removed.append(Span(text, line.start, line.end, "running header"))
                continue
            if not title_seen:
                if REVISION_NOTE_RE.fullmatch(text):
                    self.doc.preamble.append(text)
                    continue
                title_seen = True
                if not self._structural(text):
                    self.doc.title = text
                    continue
            if not self.doc.articles and not self.doc.chapters and not self.doc.parts:
                if len(self.doc.preamble) == 0 and TITLE_SUFFIX_RE.fullmatch(text):
                    self.doc.title += text
                    continue
                if TOC_RE.fullmatch(text):
                    in_toc = True
                    continue
            if in_toc:
                key = _label(text)
                if toc_first is None:
                    toc_first = key
                elif key == toc_first:
                    in_toc = False
                if in_toc:
                    self.doc.toc.append(text)
                    continue
            self._place(line)
        self._close_article()
        self._close_attachment()
        self._finish()
        return self.doc

    def _structural(self, text: str) -> bool:
        """Say whether a line is a heading or an article label."""
        return bool(self._heading(text) or self._article(text, strict=True))

    def _heading(self, text: str) -> re.Match[str] | None:
        """Match a 编/分编/章/节 heading line, rejecting sentences that merely begin with 第X章."""
        if len(text) > 60 or text[-1] in "。；，,;":
            return None
        match = HEADING_RE.fullmatch(text)
        if not match or _number(match["num"]) is None:
            return None
        tight = match["tight"]
        if tight and (tight[0] in "第的规所中" or any(ch in tight for ch in "，。")):
            return None
        return match

    def _article(self, text: str, *, strict: bool = False) -> re.Match[str] | None:
        """Match an article label at the start of a line, as 第X条 or 一、 in outline mode."""
        if self.outline:
            match = OUTLINE_RE.match(text)
            return match if match and _number(match["num"]) is not None else None
        match = ARTICLE_RE.match(text)
        if not match:
            return None
        number = _number(match["num"])
        if number is None:
            return None
        if match["sep"] or match["caption"] or not match["body"]:
            return match
        body = match["body"]
        if body[0] in "第的规所中和、及至或（(" or strict:
            return None
        expected = self.doc.articles[-1].number + 1 if self.doc.articles else 1
        current = self.state.article
        if current is not None and current.number == number:
            return None
        return match if number == expected or not self.doc.articles else None

    def _place(self, line: Line) -> None:
        """Put one line where it belongs."""
        st = self.state
        text = line.text
        if st.attachment is not None:
            self._extend_attachment(line)
            return
        if self.doc.articles or st.article is not None:
            att = ATTACHMENT_RE.fullmatch(text)
            if att and len(text) <= 60 and text[-1] not in "。；，":
                self._close_article()
                st.attachment = Attachment(
                    _label(text[: att.start("title")]).rstrip(":："),
                    att["title"],
                    "",
                    line.start,
                    line.end,
                )
                return
        heading = self._heading(text)
        if heading is not None:
            self._open_heading(heading, line)
            return
        article = self._article(text)
        if article is not None:
            self._open_article(article, line)
            return
        if st.pending_title is not None and len(text) <= 30 and text[-1] not in TERMINAL:
            self._complete_title(st.pending_title, text, line)
            return
        st.pending_title = None
        if st.article is None:
            if self.doc.chapters or self.doc.parts or self.doc.sections:
                self.doc.unplaced.append(Span(text, line.start, line.end, "outside any article"))
            else:
                self.doc.preamble.append(text)
            return
        self._extend_article(line)

    def _open_heading(self, match: re.Match[str], line: Line) -> None:
        """Start a 编, 分编, 章 or 节."""
        st = self.state
        self._close_article()
        kind = LEVELS[match["kind"]]
        number = _number(match["num"]) or 0
        title = (match["title"] or match["tight"] or "").strip()
        label = _label(line.text[: match.start("kind")]) + match["kind"]
        parent_map = {
            "part": None,
            "subpart": st.part,
            "chapter": st.subpart or st.part,
            "section": st.chapter,
        }
        parent = parent_map[kind]
        heading = Heading(
            kind,
            number,
            label,
            title,
            line.text,
            line.start,
            line.end,
            parent.heading if parent else None,
        )
        siblings = {
            "part": self.doc.parts,
            "subpart": self.doc.subparts,
            "chapter": self.doc.chapters,
            "section": self.doc.sections,
        }[kind]
        self._check_heading_number(heading, siblings)
        siblings.append(heading)
        if kind == "part":
            st.part, st.subpart, st.chapter, st.section = heading, None, None, None
        elif kind == "subpart":
            st.subpart, st.chapter, st.section = heading, None, None
        elif kind == "chapter":
            st.chapter, st.section = heading, None
        else:
            st.section = heading
        st.pending_title = heading if not title else None

    def _check_heading_number(self, heading: Heading, siblings: list[Heading]) -> None:
        """Warn when a heading number does not follow its predecessor in the same scope."""
        st = self.state
        scope = {"part": None, "subpart": st.part, "chapter": st.part, "section": st.chapter}
        parent = scope[heading.kind]
        previous = siblings[-1] if siblings else None
        if previous is not None and parent is not None and previous.start < parent.start:
            previous = None
        expected = previous.number + 1 if previous else 1
        if heading.number != expected:
            after = previous.label if previous else "the start of its scope"
            self.doc.warnings.append(f"{heading.label} follows {after}")

    def _complete_title(self, heading: Heading, text: str, line: Line) -> None:
        """Take a short line after a bare 第X章 as that heading's title."""
        heading.title = text
        heading.heading = f"{heading.heading} {text}"
        heading.end = line.end
        self.state.pending_title = None

    def _open_article(self, match: re.Match[str], line: Line) -> None:
        """Start a new article from its label line."""
        st = self.state
        self._close_article()
        st.pending_title = None
        number = _number(match["num"]) or 0
        sub = _number(match["sub"]) if "sub" in match.groupdict() and match["sub"] else None
        label = _label(
            line.text[: match.start("body")]
            if self.outline
            else line.text[: match.end("sub") if sub else match.start("sep")]
        )
        caption = match["caption"] if "caption" in match.groupdict() else None
        st.article = Article(
            number=number,
            label=label,
            text="",
            start=line.start,
            end=line.end,
            sub_number=sub,
            caption=caption.strip("【】[]［］") if caption else None,
            part=st.part.heading if st.part else None,
            subpart=st.subpart.heading if st.subpart else None,
            chapter=st.chapter.heading if st.chapter else None,
            section=st.section.heading if st.section else None,
        )
        st.body_lines = []
        body = match["body"].strip()
        if body:
            body_start = line.start + match.start("body")
            self._extend_article(Line(body, body_start, line.end))

    def _extend_article(self, line: Line) -> None:
        """Add a line to the open article as a paragraph, item, sub-item, table row or note."""
        st = self.state
        art = st.article
        assert art is not None
        text = line.text
        art.end = line.end
        if _is_table_row(text):
            if MD_TABLE_RULE_RE.fullmatch(text) and "-" in text:
                return
            if st.table is None:
                st.table = Table([], line.start, line.end)
                art.tables.append(st.table)
            st.table.rows.append(_cells(text))
            st.table.end = line.end
            st.body_lines.append(text)
            st.last_line_open = False
            return
        st.table = None
        if NOTE_RE.fullmatch(text):
            art.notes.append(text)
            st.body_lines.append(text)
            return
        if st.last_line_open and not ITEM_RE.match(text) and not SUBITEM_RE.match(text):
            target = st.subitem or st.item or st.paragraph
            if target is not None:
                target.text += text
                target.end = line.end
                st.body_lines[-1] += text
                st.last_line_open = not _ends_sentence(text)
                return
        item = ITEM_RE.match(text)
        sub = None if item else SUBITEM_RE.match(text)
        if item and _number(item["num"]) is not None:
            if st.paragraph is None:
                self._new_paragraph("", line)
            assert st.paragraph is not None
            st.item = Item(
                _number(item["num"]) or 0,
                _label(text[: item.start("body")]),
                item["body"],
                line.start,
                line.end,
            )
            st.paragraph.items.append(st.item)
            st.paragraph.end = line.end
            st.subitem = None
        elif sub and (st.item is not None or st.paragraph is not None):
            number = (
                int(sub["a"] or sub["b"])
                if (sub["a"] or sub["b"])
                else "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(sub["c"]) + 1
            )
            entry = Item(
                number, _label(text[: sub.start("body")]), sub["body"], line.start, line.end
            )
            if st.item is not None:
                st.item.subitems.append(entry)
                st.item.end = line.end
                st.subitem = entry
            else:
                assert st.paragraph is not None
                st.paragraph.items.append(entry)
                st.item = entry
            assert st.paragraph is not None
            st.paragraph.end = line.end
        else:
            self._new_paragraph(text, line)
        st.body_lines.append(text)
        st.last_line_open = not _ends_sentence(text)

    def _new_paragraph(self, text: str, line: Line) -> None:
        """Start a new 款 in the open article."""
        st = self.state
        assert st.article is not None
        st.paragraph = Paragraph(len(st.article.paragraphs) + 1, text, line.start, line.end)
        st.article.paragraphs.append(st.paragraph)
        st.item = None
        st.subitem = None

    def _close_article(self) -> None:
        """Finish the open article and check its number follows the previous one."""
        st = self.state
        art = st.article
        if art is None:
            return
        art.text = "\n".join(st.body_lines)
        if self.doc.articles:
            prev = self.doc.articles[-1]
            if art.sub_number is None and art.number != prev.number + 1:
                self.doc.warnings.append(f"{art.label} follows {prev.label}")
        elif art.number != 1:
            self.doc.warnings.append(f"first article is {art.label}")
        self.doc.articles.append(art)
        st.article = st.paragraph = st.item = st.subitem = st.table = None
        st.body_lines = []
        st.last_line_open = False

    def _extend_attachment(self, line: Line) -> None:
        """Add a line to the open attachment, or start the next attachment."""
        st = self.state
        att = ATTACHMENT_RE.fullmatch(line.text)
        if att and len(line.text) <= 60 and line.text[-1] not in "。；，":
            self._close_attachment()
            st.attachment = Attachment(
                _label(line.text[: att.start("title")]).rstrip(":："),
                att["title"],
                "",
                line.start,
                line.end,
            )
            return
        assert st.attachment is not None
        if not st.attachment.title and not st.attachment.text:
            st.attachment.title = line.text
        else:
            st.attachment.text += ("\n" if st.attachment.text else "") + line.text
        st.attachment.end = line.end

    def _close_attachment(self) -> None:
        """Store the open attachment."""
        if self.state.attachment is not None:
            self.doc.attachments.append(self.state.attachment)
            self.state.attachment = None

    def _finish(self) -> None:
        """Find the effective-date clause."""
        for art in reversed(self.doc.articles):
            found = _effective(art.text, art.start + (len(art.label) if art.text else 0))
            if found is not None:
                found.article = art.label
                found.start, found.end = art.start, art.end
                self.doc.effective = found
                return


def _effective(text: str, offset: int) -> Effective | None:
    """Find a 自…起施行 clause in text and read its date."""
    matches = [m for pattern in EFFECTIVE_RES for m in pattern.finditer(text)]
    if not matches:
        return None
    first = [m for m in matches if m.re is EFFECTIVE_RES[0]]
    match = first[-1] if first else matches[-1]
    when = match.groupdict().get("when") or ""
    date = None
    found = DATE_RE.search(when)
    if found:
        y, m, d = (_number(found[g]) for g in ("y", "m", "d"))
        if y and m and d:
            date = f"{y:04d}-{m:02d}-{d:02d}"
    sentence_start = max(text.rfind(ch, 0, match.start()) for ch in "。\n") + 1
    return Effective(
        article=None,
        text=text[sentence_start : match.end()].strip(),
        date=date,
        on_publication="公布" in when or "发布" in when or "印发" in when,
        start=offset,
        end=offset,
    )


def parse_text(text: str) -> LawDocument:
    """Parse a legal text into its title, preamble, hierarchy, articles and closing parts."""
    source = normalize(text)
    lines = list(iter_lines(source))
    doc = _Parser(source, outline=False).run(lines)
    if not doc.articles:
        outline = _Parser(source, outline=True).run(lines)
        if outline.articles:
            doc = outline
    if doc.effective is None:
        found = _effective(source, 0)
        if found is not None:
            doc.effective = found
    return doc
