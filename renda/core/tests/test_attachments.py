"""Uploads are judged by their bytes, never by their names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from renda.core import attachments
from renda.core.tests.factories import make_congress, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("关于加强停车管理的建议")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hi")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, attachments.PDF),
        (PNG, attachments.PNG),
        (docx_bytes(), attachments.DOCX),
        (xlsx_bytes(), attachments.XLSX),
        ("第一条 为了规范停车。".encode(), attachments.TEXT),
        ("第一条".encode("gb18030"), attachments.TEXT),
    ],
)
def test_kinds_are_recognised_by_content(data, kind):
    assert attachments.sniff(data) == kind


@pytest.mark.parametrize("data", [zip_bytes(), b"MZ\x90\x00\x03\x00\x00\x00", b"\x00\x01\x02"])
def test_other_content_is_not_recognised(data):
    assert attachments.sniff(data) is None


def test_stored_attachment_keeps_the_name_but_not_the_claimed_type():
    congress, user = make_congress(), make_user()
    upload = SimpleUploadedFile("照片.pdf", PNG, content_type="application/pdf")
    stored = attachments.attachment_create(congress=congress, upload=upload, uploaded_by=user)
    assert stored.original_name == "照片.pdf"
    assert stored.content_type == "image/png"
    assert stored.file.name.endswith(".png")
    assert stored.size == len(PNG)
    assert stored.file.read() == PNG


def test_a_renamed_text_file_is_refused_where_only_word_is_allowed():
    upload = SimpleUploadedFile("草案.docx", "不是 Word 文件".encode())
    with pytest.raises(ValidationError) as err:
        attachments.read_upload(upload, allowed=frozenset({attachments.DOCX}))
    assert "无法识别的文件类型" in err.value.messages[0]


def test_empty_and_oversized_files_are_refused(settings):
    with pytest.raises(ValidationError, match="空"):
        attachments.read_upload(SimpleUploadedFile("a.txt", b""))
    settings.RENDA_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="不能超过"):
        attachments.read_upload(SimpleUploadedFile("a.txt", b"x" * 11))
