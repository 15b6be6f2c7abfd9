"""The feedback report (Word, GB/T 9704 layout), the Excel of all opinions, certificates (PDF)."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF
from openpyxl import Workbook

from renda.core.masking import mask_phone
from renda.directory.qr import find_cjk_font
from renda.directory.spreadsheets import safe_cell
from renda.legislation import selectors
from renda.legislation.models import Consultation, Opinion

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"
SIZE_2, SIZE_3 = Pt(22), Pt(16)  # 二号, 三号
CN_NUMBERS = "一二三四五六七八九十"


def _run(paragraph, text: str, font: str = BODY_FONT, size=SIZE_3, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = size
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _para(document, text: str = "", font: str = BODY_FONT, size=SIZE_3, *, indent=True, align=None):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28.9)  # 22 lines in 225 mm
    paragraph.paragraph_format.space_after = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, font, size)
    return paragraph


def report_docx(consultation: Consultation) -> bytes:
    """Write the feedback report to the legislature as a government document."""
    data = selectors.report_data(consultation)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, SIZE_3
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    title = f"关于《{consultation.title}》征求意见情况的报告"
    _para(document, title, TITLE_FONT, SIZE_2, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document)
    addressee = consultation.legislature or "上级人大常委会法制工作机构"
    _para(document, f"{addressee}：", indent=False)
    window = ""
    if consultation.opens_on and consultation.closes_on:
        window = f"{consultation.opens_on:%Y年%m月%d日}至{consultation.closes_on:%Y年%m月%d日}，"
    _para(
        document,
        f"{window}{consultation.congress.short_name or consultation.congress.name}"
        f"基层立法联系点就《{consultation.title}》广泛征求意见，共收到意见{data['total']}条"
        + (
            f"，其中群体性意见{data['campaigns']}组（{data['campaign_opinions']}条，按一种意见计数）"
            if data["campaigns"]
            else ""
        )
        + "。现将有关情况报告如下：",
    )
    _para(document, "一、意见来源", HEADING_FONT)
    kinds = "，".join(f"{label}{n}条" for label, n in data["by_kind"] if n)
    sources = "，".join(f"{label}{n}条" for label, n in data["by_source"] if n)
    _para(document, f"按提出人分：{kinds or '无'}。按渠道分：{sources or '无'}。")
    if data["by_point"]:
        points = "，".join(f"{row['point__name']}{row['n']}条" for row in data["by_point"])
        _para(document, f"各立法信息采集点收集：{points}。")
    _para(document, "二、逐条意见", HEADING_FONT)
    for index, article in enumerate(data["articles"], start=1):
        _para(
            document, f"（{_cn(index)}）{article.label}（{article.count}条意见）", BODY_FONT
        ).runs[0].bold = True
        if article.text:
            _para(document, f"原文：{article.text}")
        for n, position in enumerate(article.positions, start=1):
            mark = "（群体性意见）" if position.is_campaign else ""
            count = f"共{position.count}条" if position.count > 1 else "1条"
            _para(document, f"{n}. {position.text}（{count}{mark}）")
        if article.more:
            _para(document, f"另有{article.more}种意见，详见意见汇总表。")
    if data["questions"]:
        _para(document, "三、专家咨询意见", HEADING_FONT)
        for question in data["questions"]:
            answer = question.answer or "尚未答复"
            _para(document, f"{question.expert.name}：问“{question.question}”，答：{answer}")
    _para(document)
    _para(document, "附件：意见汇总表（Excel）")
    _para(document)
    signer = consultation.congress.short_name or consultation.congress.name
    _para(document, signer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    today = timezone.localdate()
    _para(
        document,
        f"{today.year}年{today.month}月{today.day}日",
        indent=False,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cn(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (
        (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")
    )


HEADERS = [
    "编号",
    "条文",
    "意见内容",
    "来源",
    "收集方式",
    "采集点",
    "提出人类别",
    "姓名",
    "联系方式",
    "分组",
    "群体性意见",
    "标签",
    "处理意见",
    "采纳情况",
    "提交时间",
]
KINDS = {"deputy": "人大代表", "expert": "专家", "citizen": "群众"}


def opinions_xlsx(consultation: Consultation) -> bytes:
    """Write every opinion, campaign copies included, one row each (contacts masked)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("意见汇总")
    sheet.append(HEADERS)
    opinions = consultation.opinions.select_related("article", "point", "group").order_by("pk")
    for o in opinions.iterator(chunk_size=2000):
        row = [
            o.pk,
            o.article.label if o.article_id else "总体意见",
            o.text,
            str(Opinion.Source(o.source).label),
            str(Opinion.Method(o.method).label),
            o.point.name if o.point_id else "",
            KINDS[o.contributor_kind],
            o.name,
            mask_phone(o.phone) if o.phone else "",
            o.group_id or "",
            "是" if o.group_id and o.group.is_campaign else "",
            o.tags,
            o.handling_view,
            str(Opinion.Adoption(o.adoption).label) if o.adoption else "",
            timezone.localtime(o.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def certificate_pdf(opinion: Opinion) -> bytes:
    """Write the certificate for a contributor whose opinion was adopted."""
    font = find_cjk_font()
    consultation = opinion.consultation
    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("cjk", "", font.regular, collection_font_number=font.index)
    pdf.add_font("cjk", "B", font.bold, collection_font_number=font.bold_index)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(183, 40, 46)
    pdf.set_line_width(2)
    pdf.rect(12, 12, 273, 186)
    pdf.set_text_color(183, 40, 46)
    pdf.set_font("cjk", "B", 36)
    pdf.set_xy(12, 35)
    pdf.cell(273, 20, "荣 誉 证 书", align="C")
    pdf.set_text_color(31, 35, 40)
    pdf.set_font("cjk", "", 18)
    name = opinion.name or "热心群众"
    adoption = str(Opinion.Adoption(opinion.adoption).label)
    body = (
        f"{name}同志：\n　　您对《{consultation.title}》提出的意见"
        f"{'（' + opinion.article.label + '）' if opinion.article_id else ''}"
        f"经研究予以{adoption}。感谢您积极参与立法工作，为科学立法、民主立法作出的贡献！"
    )
    pdf.set_xy(40, 75)
    pdf.multi_cell(217, 12, body)
    pdf.set_font("cjk", "", 14)
    pdf.set_xy(150, 160)
    pdf.cell(110, 10, consultation.congress.short_name or consultation.congress.name, align="R")
    pdf.set_xy(150, 170)
    today = timezone.localdate()
    pdf.cell(110, 10, f"{today.year}年{today.month}月{today.day}日", align="R")
    pdf.set_xy(30, 178)
    pdf.set_font("cjk", "", 10)
    pdf.cell(100, 8, f"证书编号：{opinion.certificate_no}")
    return bytes(pdf.output())
