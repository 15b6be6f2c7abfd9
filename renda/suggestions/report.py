"""The year-end evaluation report as Word, in the layout of government documents (GB/T 9704)."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from renda.core.models import Congress
from renda.suggestions.models import ResultClass, Verdict
from renda.suggestions.selectors import Figures

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(document, text: str, *, font=BODY_FONT, size=16, center=False, bold=False):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28.95)
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 12)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, 12)


def year_report(congress: Congress, figures: Figures) -> bytes:
    """Write the report: the figures, the A/B/C/D shares, satisfaction and the unit table."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    year = figures.year
    _para(
        document, _("%(congress)s关于%(year)d年度代表建议办理情况的评议报告") % {
            "congress": congress.short_name or congress.name, "year": year},
        font=TITLE_FONT, size=22, center=True,
    )  # fmt: skip
    _para(document, _("一、总体情况"), font=HEADING_FONT)
    _para(
        document,
        _(
            "%(year)d年共收到代表建议%(submitted)d件，立案%(registered)d件，转为参考意见"
            "%(reference)d件，并案%(merged)d件；确定重点督办建议%(key)d件。已答复%(replied)d件，"
            "其中按期答复%(on_time)d件，按期答复率%(on_time_rate)s；已办结%(closed)d件，"
            "经重新办理的%(rehandled)d件。"
        ) % {
            "year": year, "submitted": figures.submitted, "registered": figures.registered,
            "reference": figures.reference, "merged": figures.merged, "key": figures.key,
            "replied": figures.replied, "on_time": figures.on_time,
            "on_time_rate": _pct(figures.on_time_rate), "closed": figures.closed,
            "rehandled": figures.rehandled,
        },
    )  # fmt: skip
    _para(document, _("二、办理结果"), font=HEADING_FONT)
    _table(
        document, [_("办理结果"), _("件数"), _("占比")],
        [[str(c.label), figures.classes.get(c.value, 0),
          _pct(figures.share(figures.classes, c.value))] for c in ResultClass],
    )  # fmt: skip
    _para(document, _("三、代表满意度"), font=HEADING_FONT)
    _para(
        document,
        _("首次测评满意和基本满意率为%(rate)s。") % {"rate": _pct(figures.satisfaction_rate)},
    )
    _table(
        document, [_("评价"), _("首次测评"), _("最终测评")],
        [[str(v.label), figures.first_verdicts.get(v.value, 0),
          figures.final_verdicts.get(v.value, 0)] for v in Verdict],
    )  # fmt: skip
    _para(document, _("四、承办单位办理情况及排名"), font=HEADING_FONT)
    _table(
        document,
        [_("名次"), _("承办单位"), _("主办件数"), _("按期答复率"), _("满意率"),
         _("重新办理"), _("得分")],
        [[n, u.unit, u.assigned, _pct(u.on_time_rate), _pct(u.satisfaction_rate), u.rehandled,
          u.score] for n, u in enumerate(figures.units, start=1)],
    )  # fmt: skip
    _para(
        document,
        _("注：得分＝按期答复率×40＋首次测评满意率×60。对评议“不满意”的建议，"
          "由承办单位重新办理再评议，直至代表满意。"),
        size=14,
    )  # fmt: skip
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
