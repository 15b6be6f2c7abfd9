"""Word's automatic list numbering: labels rebuilt from numbering.xml so articles are kept."""

import io

import docx as python_docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from renda.lawtext import parse_docx
from renda.lawtext.docx import docx_lines
from renda.lawtext.numbering import format_number

ABSTRACT = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:suff w:val="space"/><w:lvlText w:val="第%1条"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
OUTLINE = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>
    <w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
</w:abstractNum>"""


def _num(num_id, abstract_id, start=None):
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        if start
        else ""
    )
    return parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}">'
        f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    )


def _numbered(document, text, num_id, ilvl=0):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


@pytest.fixture
def numbered_docx():
    document = python_docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (ABSTRACT, OUTLINE):
        element = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    numbering.append(_num(90, 90))
    numbering.append(_num(91, 91))
    numbering.append(_num(92, 90, start=9))
    document.add_paragraph("某市养犬管理办法")
    document.add_paragraph("第一章　总则")
    _numbered(document, "为了规范养犬行为，制定本办法。", 90)
    _numbered(document, "养犬人应当遵守下列规定：", 90)
    _numbered(document, "携犬出户时束犬链；", 90, ilvl=1)
    _numbered(document, "及时清除犬只粪便：", 90, ilvl=1)
    _numbered(document, "使用专用工具；", 90, ilvl=2)
    _numbered(document, "投入指定容器。", 90, ilvl=2)
    document.add_paragraph("第二章　管理")
    _numbered(document, "犬只应当接种狂犬病疫苗。", 90)
    _numbered(document, "本办法自2025年1月1日起施行。", 90)
    buffer = io.BytesIO()
    document.save(buffer)
    return document, buffer.getvalue()


def test_labels_from_numbering_definitions_are_rebuilt(numbered_docx):
    _, data = numbered_docx
    lines = docx_lines(data)
    assert lines[2] == "第一条 为了规范养犬行为，制定本办法。"
    assert lines[4:8] == [
        "（一）携犬出户时束犬链；",
        "（二）及时清除犬只粪便：",
        "1. 使用专用工具；",
        "2. 投入指定容器。",
    ]
    assert lines[9] == "第三条 犬只应当接种狂犬病疫苗。"


def test_auto_numbered_articles_are_parsed_not_lost(numbered_docx):
    _, data = numbered_docx
    doc = parse_docx(data)
    assert [a.number for a in doc.articles] == [1, 2, 3, 4]
    assert [a.chapter for a in doc.articles][2].startswith("第二章")
    items = doc.articles[1].paragraphs[0].items
    assert [i.label for i in items] == ["（一）", "（二）"]
    assert doc.effective is not None and doc.effective.date == "2025-01-01"
    assert not doc.unplaced


def test_deeper_levels_restart_and_start_overrides_apply(numbered_docx):
    document, _ = numbered_docx
    _numbered(document, "另一项。", 90, ilvl=1)
    _numbered(document, "再一项。", 90, ilvl=2)
    _numbered(document, "续编的条文。", 92)
    _numbered(document, "总体要求", 91)
    _numbered(document, "主要任务", 91)
    buffer = io.BytesIO()
    document.save(buffer)
    lines = docx_lines(buffer.getvalue())
    assert lines[-5:] == [
        "（一）另一项。",
        "1. 再一项。",
        "第九条 续编的条文。",
        "一、总体要求",
        "二、主要任务",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (12, "chineseCounting", "十二"),
        (103, "chineseCountingThousand", "一百零三"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "lowerRoman", "iv"),
        (28, "upperLetter", "BB"),
        (7, "decimal", "7"),
        (5, "bullet", ""),
    ],
)
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected
