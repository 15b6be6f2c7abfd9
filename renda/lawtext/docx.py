"""Extract the paragraphs of a Word .docx file in document order, tables included.

Labels that Word generates from its numbering definitions (automatic 第X条, 一、, （一）, 1.) are
not in the paragraph text; `numbering.Numbering` rebuilds them so numbered articles are kept.
"""

from __future__ import annotations

import io
import zipfile
from os import PathLike
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from .model import LawDocument
from .numbering import Numbering

DOCX_MAGIC = b"PK\x03\x04"
_RUN_TEXT = {qn("w:br"): "\n", qn("w:tab"): "\t"}


def is_docx(data: bytes) -> bool:
    """Say whether bytes are a .docx package (a zip holding word/document.xml)."""
    if not data.startswith(DOCX_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _cell_text(cell_element: object) -> str:
    """Return the text of a table cell, its paragraphs joined by spaces."""
    texts = []
    for paragraph in cell_element.iter(qn("w:p")):  # type: ignore[attr-defined]
        texts.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return " ".join(t.strip() for t in texts if t.strip())


def docx_lines(data: bytes | str | PathLike[str]) -> list[str]:
    """Return the body's paragraphs in order with Word's list labels; table rows tab-separated."""
    source = io.BytesIO(data) if isinstance(data, bytes) else str(Path(data))
    document = Document(source)
    numbering = Numbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(
                _RUN_TEXT.get(node.tag) or node.text or ""
                for node in element.iter(qn("w:t"), qn("w:br"), qn("w:tab"))
            )
            label = numbering.label(element)
            if label and text.strip():
                text = label + text
            lines.extend(text.split("\n"))
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                cells = [_cell_text(cell) for cell in row.iter(qn("w:tc"))]
                lines.append("\t".join(cells))
    return lines


def docx_text(data: bytes | str | PathLike[str]) -> str:
    """Return the text of a .docx file, one paragraph or table row per line."""
    return "\n".join(docx_lines(data))


def parse_docx(data: bytes | str | PathLike[str]) -> LawDocument:
    """Parse a .docx file (bytes or a path) into a LawDocument."""
    from .structure import parse_text

    return parse_text(docx_text(data))
