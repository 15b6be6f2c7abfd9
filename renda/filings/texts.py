"""Read the text of a filed document (.docx, PDF or plain text) and run the pre-review on it."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from renda.core import attachments
from renda.lawtext import prereview
from renda.lawtext.docx import docx_text
from renda.lawtext.normalize import normalize

TEXT_KINDS = frozenset({attachments.DOCX, attachments.PDF, attachments.TEXT})


def pdf_text(data: bytes) -> str:
    """Return the text layer of a PDF, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def extract(data: bytes, kind: attachments.Kind) -> str:
    """Return the normalised text of an uploaded document, or raise ValidationError in Chinese."""
    try:
        if kind == attachments.DOCX:
            text = docx_text(data)
        elif kind == attachments.PDF:
            text = pdf_text(data)
        else:
            text = data.decode("utf-8") if _is_utf8(data) else data.decode("gb18030")
    except ValidationError:
        raise
    except Exception as exc:  # a damaged file of an accepted kind
        raise ValidationError(_("无法读取文件内容，请检查文件是否损坏。")) from exc
    text = normalize(text).strip()
    if len(text) < 10:
        raise ValidationError(
            _("没有从文件中读出正文（扫描件请先转换为可复制文字的 PDF 或 Word）。")
        )
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def findings_of(text: str) -> list:
    """Run the automated pre-review on a normative document's text."""
    return prereview(text, doc_type="normative")


def mark_findings(text: str, findings: list) -> str:
    """Return the text escaped, each finding's clause wrapped in a <mark> linked to its card."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    pieces, at = [], 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.start < at or finding.end > len(text) or finding.end <= finding.start:
            continue  # overlaps an earlier mark, or does not fit this version
        pieces.append(escape(text[at : finding.start]))
        pieces.append(
            f'<mark id="clause-{finding.pk}" class="{finding.decision}" '
            f'data-finding="{finding.pk}">{escape(text[finding.start : finding.end])}</mark>'
        )
        at = finding.end
    pieces.append(escape(text[at:]))
    return mark_safe("".join(pieces))  # every piece of the text is escaped above  # noqa: S308
