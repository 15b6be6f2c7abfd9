"""Renda's legal text engine: parse laws, extract citations, pre-review normative documents.

Pure Python with no Django import, so it runs fast, alone and from the command line.
"""

from __future__ import annotations

from .citations import Citation, extract_citations
from .docx import parse_docx
from .laws import LawStatus, law_status
from .model import Article, Heading, Item, LawDocument, Paragraph
from .prereview import Finding, prereview
from .structure import parse_text

__all__ = [
    "Article",
    "Citation",
    "Finding",
    "Heading",
    "Item",
    "LawDocument",
    "LawStatus",
    "Paragraph",
    "extract_citations",
    "law_status",
    "parse_docx",
    "parse_text",
    "prereview",
]
