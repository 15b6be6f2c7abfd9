"""The printable result sheet of a vote (票决结果报告单), as an A4 PDF in Noto Sans CJK."""

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from renda.directory.qr import find_cjk_font
from renda.projects.models import Vote

INK = (31, 35, 40)
RED = (183, 40, 46)


def result_sheet_pdf(vote: Vote, results: list) -> bytes:
    """Return the sheet: turnout, quorum, every candidate's votes and outcome, the digest."""
    font = find_cjk_font()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(25, 30, 25)
    pdf.add_font("cjk", "", font.regular, collection_font_number=font.index)
    pdf.add_font("cjk", "B", font.bold, collection_font_number=font.bold_index)
    pdf.add_page()
    congress = vote.round.congress
    pdf.set_text_color(*RED)
    pdf.set_font("cjk", "B", 18)
    pdf.multi_cell(pdf.epw, 10, congress.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("cjk", "B", 16)
    pdf.multi_cell(
        pdf.epw,
        10,
        _("%(t)s结果报告单") % {"t": vote.title},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.set_font("cjk", "", 11)
    lines = [
        _("有表决权的代表 %(e)d 人，收回选票 %(c)d 张（其中废票 %(i)d 张）。")
        % {"e": vote.entitled, "c": vote.cast or 0, "i": vote.invalid or 0},
        _(
            "应选项目 %(n)d 个；项目获得全体代表过半数（多于 %(h)s 票）同意为通过，按得票多少确定前 %(n)d 个。"  # noqa: E501
        )
        % {"n": vote.seats, "h": vote.entitled // 2},
        _("法定人数：%(q)s。")
        % {"q": _("已达到") if vote.quorum_met else _("未达到，本次票决无效")},
    ]
    for line in lines:
        pdf.multi_cell(pdf.epw, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    widths = (14, 76, 20, 50)
    headers = (_("名次"), _("项目名称"), _("得票"), _("结果"))
    pdf.set_font("cjk", "B", 11)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 9, header, border=1, align="C")
    pdf.ln()
    pdf.set_font("cjk", "", 10.5)
    for row in results:
        cells = (str(row.rank), row.project.title, str(row.votes), str(row.outcome_label))
        for width, text in zip(widths, cells, strict=True):
            pdf.cell(width, 9, text[:34], border=1, align="L" if width > 30 else "C")
        pdf.ln()
    pdf.ln(6)
    pdf.set_font("cjk", "", 9)
    pdf.multi_cell(
        pdf.epw,
        5,
        _("选票摘要（SHA-256，可据存储的选票复核）：%(d)s") % {"d": vote.digest},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    counted = (
        timezone.localtime(vote.counted_at).strftime("%Y-%m-%d %H:%M") if vote.counted_at else ""
    )
    pdf.multi_cell(pdf.epw, 5, _("计票时间：%(t)s") % {"t": counted}, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("cjk", "", 11)
    pdf.cell(pdf.epw, 8, _("计票人：__________    监票人：__________    总监票人：__________"))
    return bytes(pdf.output())
