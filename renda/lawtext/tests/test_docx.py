"""Word files: paragraphs in order, tables as tab-separated rows, detection by content."""

import io

import docx as python_docx
import pytest

from renda.lawtext import parse_docx
from renda.lawtext.docx import docx_lines, is_docx


@pytest.fixture
def docx_bytes():
    document = python_docx.Document()
    document.add_paragraph("某市停车管理办法（征求意见稿）")
    document.add_paragraph("第一章　总则")
    document.add_paragraph("第一条　为了规范停车管理，制定本办法。")
    document.add_paragraph("第二条　收费标准如下：")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "车型"
    table.cell(0, 1).text = "收费"
    table.cell(1, 0).text = "小型车"
    table.cell(1, 1).text = "5元/小时"
    document.add_paragraph("第三条　本办法自2025年1月1日起施行。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_lines_keep_document_order_with_tables(docx_bytes):
    lines = docx_lines(docx_bytes)
    assert lines[3] == "第二条　收费标准如下："
    assert lines[4:6] == ["车型\t收费", "小型车\t5元/小时"]
    assert lines[6].startswith("第三条")


def test_parse_docx_reads_bytes_and_paths(docx_bytes, tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes)
    for source in (docx_bytes, path):
        doc = parse_docx(source)
        assert doc.title == "某市停车管理办法（征求意见稿）"
        assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条"]
        assert doc.articles[1].tables[0].rows[1] == ["小型车", "5元/小时"]
        assert doc.effective.date == "2025-01-01"


def test_is_docx_looks_at_content_not_name(docx_bytes):
    assert is_docx(docx_bytes)
    assert not is_docx("第一条 文本".encode())
    assert not is_docx(b"PK\x03\x04not really a zip")
