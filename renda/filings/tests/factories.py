"""Build filings test data through the real services."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory.models import Organization
from renda.filings import services

PENALTY_TEXT = (
    "清河区农贸市场管理办法\n"
    "第一条 为了规范农贸市场经营秩序，保障食品安全，制定本办法。\n"
    "第二条 市场开办者应当建立进货查验制度。\n"
    "第三条 经营者未按规定公示价格的，由区市场监督管理局处五千元罚款。\n"
    "第四条 本办法自2025年3月1日起施行，有效期五年。"
)
CLEAN_TEXT = (
    "清河区农贸市场管理办法\n"
    "第一条 为了规范农贸市场经营秩序，保障食品安全，制定本办法。\n"
    "第二条 市场开办者应当建立进货查验制度。\n"
    "第三条 经营者未按规定公示价格的，依照《中华人民共和国价格法》的有关规定处理。\n"
    "第四条 本办法自2025年3月1日起施行，有效期五年。"
)


def docx_bytes(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(text: str = PENALTY_TEXT, name: str = "办法.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(text))


class World:
    """A district with a filing body, the government reviewer and the people of each."""

    def __init__(self):
        self.congress = make_congress()
        self.staff = make_user(roles={Role.STAFF: self.congress}, full_name="法工委李")
        self.staff2 = make_user(roles={Role.STAFF: self.congress}, full_name="法工委主任")
        self.filer = make_user(roles={Role.FILER: self.congress}, full_name="刘敏")
        self.gov = make_user(roles={Role.GOV_REVIEWER: self.congress}, full_name="周涛")
        self.other_filer = make_user(roles={Role.FILER: self.congress})
        self.outsider = make_user(roles={Role.DEPUTY: self.congress})
        self.body = Organization.objects.create(
            congress=self.congress, name="区市场监督管理局", is_filing_body=True
        )
        self.body.members.add(self.filer)
        self.other_body = Organization.objects.create(
            congress=self.congress, name="区教育局", is_filing_body=True
        )
        self.other_body.members.add(self.other_filer)
        self.reviewer_org = Organization.objects.create(
            congress=self.congress, name="区司法局", is_gov_reviewer=True
        )
        self.reviewer_org.members.add(self.gov)

    def file(self, *, text=PENALTY_TEXT, number="清市监规〔2025〕1号", published_on=None,
             today=None, title="清河区农贸市场管理办法"):  # fmt: skip
        today = today or dt.date.today()
        return services.filing_submit(
            body=self.body, title=title, number=number,
            published_on=published_on or today - dt.timedelta(days=5), upload=upload(text),
            legality_opinion="经审核，合法。", drafting_notes="起草说明", actor=self.filer,
            today=today,
        )  # fmt: skip
