"""Pages per role, the public form, documents read back, and the API."""

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from renda.core.tests.factories import make_user
from renda.legislation import reviewing, services
from renda.legislation.models import Opinion
from renda.legislation.tests.factories import DRAFT, open_consultation, setup_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return setup_people()


def login(client, user):
    client.force_login(user)
    return client


def test_public_pages_show_articles_and_store_before_saying_received(client, people):
    consultation = open_consultation(people)
    page = client.get(f"/drafts/{consultation.pk}/")
    assert page.status_code == 200 and "第三条" in page.content.decode()
    form = client.get(f"/drafts/{consultation.pk}/comment/?article=3")
    key = form.context["form"].initial["idempotency_key"]
    data = {
        "article": 3,
        "text": "<script>alert(1)</script>罚款太高",
        "phone": "13812345678",
        "idempotency_key": key,
    }
    response = client.post(f"/drafts/{consultation.pk}/comment/", data)
    assert response.status_code == 302
    client.post(f"/drafts/{consultation.pk}/comment/", data)  # a double tap
    assert consultation.opinions.count() == 1
    received = client.get(response.url).content.decode()
    assert "意见已收到" in received
    staff_page = login(client, people["staff"]).get(f"/legislation/{consultation.pk}/opinions/")
    html = staff_page.content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_public_form_errors_are_at_the_field(client, people):
    consultation = open_consultation(people)
    response = client.post(f"/drafts/{consultation.pk}/comment/", {"article": 0, "text": ""})
    assert response.status_code == 200
    assert "请填写" in response.content.decode() or "这个字段是必填项" in response.content.decode()
    assert consultation.opinions.count() == 0


def test_a_closed_draft_is_not_public(client, people):
    consultation = open_consultation(people)
    services.consultation_close(consultation=consultation, actor=people["staff"])
    assert client.get(f"/drafts/{consultation.pk}/").status_code == 404


def test_session_limit_is_tighter_than_the_address_limit(client, people, settings):
    from renda.legislation import public

    consultation = open_consultation(people)
    limit = public.PER_SESSION[0]
    for n in range(limit):
        client.post(f"/drafts/{consultation.pk}/comment/", {"article": 0, "text": f"意见{n}号"})
    refused = client.post(f"/drafts/{consultation.pk}/comment/", {"article": 0, "text": "再来"})
    assert refused.status_code == 429
    other = type(client)()  # another phone behind the same gateway
    assert (
        other.post(
            f"/drafts/{consultation.pk}/comment/", {"article": 0, "text": "另一个人"}
        ).status_code
        == 302
    )


def test_staff_pages_are_for_staff_only(client, people):
    consultation = open_consultation(people)
    for user, status in (
        (people["officer"], 403),
        (people["deputy_user"], 403),
        (make_user(), 403),
        (people["staff"], 200),
    ):
        client.logout()
        login(client, user)
        assert client.get(f"/legislation/{consultation.pk}/").status_code == status
        assert client.get("/legislation/statistics/").status_code == status


def test_officer_enters_offline_opinion_in_the_portal(client, people):
    consultation = open_consultation(people)
    login(client, people["officer"])
    page = client.get(f"/legislation/portal/{consultation.pk}/")
    assert page.status_code == 200 and "录入线下收集的意见" in page.content.decode()
    response = client.post(
        f"/legislation/portal/{consultation.pk}/",
        {
            "kind": "offline",
            "article": 3,
            "text": "村民说罚款太高",
            "point": people["point"].pk,
            "method": "symposium",
            "idempotency_key": "x1",
        },
    )
    assert response.status_code == 302
    opinion = consultation.opinions.get()
    assert opinion.method == "symposium" and opinion.source == Opinion.Source.OFFLINE


def test_report_and_excel_read_back(client, people):
    consultation = open_consultation(people)
    for k in range(11):
        services.opinion_submit(
            consultation=consultation,
            article=3,
            text="强烈要求第三条罚款降到二十元以下" + "！" * (k % 3),
        )
    services.opinion_submit(
        consultation=consultation,
        text='=HYPERLINK("x")建议',
        article=1,
        source="offline",
        point=people["point"],
        method="phone",
        actor=people["officer"],
    )
    reviewing.consultation_group(consultation=consultation, actor=people["staff"])
    services.consultation_close(consultation=consultation, actor=people["staff"])
    login(client, people["staff"])
    response = client.post(f"/legislation/{consultation.pk}/report.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于《清河区测试条例（草案）》征求意见情况的报告" in text
    assert "共收到意见12条" in text and "群体性意见1组" in text
    assert "第三条（11条意见）" in text and "共11条（群体性意见）" in text
    assert "北门立法信息采集点1条" in text
    run = document.paragraphs[0].runs[0]
    assert (
        run._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "方正小标宋简体"
    )
    consultation.refresh_from_db()
    assert consultation.state == "reported"
    sheet = load_workbook(
        io.BytesIO(client.get(f"/legislation/{consultation.pk}/opinions.xlsx").content)
    ).active
    rows = list(sheet.values)
    assert len(rows) == 13  # header + every copy
    assert any(str(r[2]).startswith("'=HYPERLINK") for r in rows[1:])


def test_certificate_is_a_pdf_for_adopted_opinions_only(client, people):
    consultation = open_consultation(people)
    opinion = services.opinion_submit(
        consultation=consultation, text="罚款应降低", article=3, name="钱晓东"
    )
    services.consultation_close(consultation=consultation, actor=people["staff"])
    reviewing.final_import(consultation=consultation, text=DRAFT, actor=people["staff"])
    login(client, people["staff"])
    assert client.get(f"/legislation/certificates/{opinion.pk}.pdf").status_code == 403
    reviewing.opinions_mark_adoption(opinions=[opinion], adoption="adopted", actor=people["staff"])
    response = client.get(f"/legislation/certificates/{opinion.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_api_lists_open_drafts_and_accepts_opinions(client, people):
    consultation = open_consultation(people)
    listed = client.get("/api/v1/legislation/consultations").json()
    assert [c["id"] for c in listed] == [consultation.pk]
    detail = client.get(f"/api/v1/legislation/consultations/{consultation.pk}").json()
    assert [a["number"] for a in detail["articles"]] == [1, 2, 3, 4]
    url = f"/api/v1/legislation/consultations/{consultation.pk}/opinions"
    body = {"text": "第二条适用范围应当包括街道。", "article": 2, "idempotency_key": "api-1"}
    first = client.post(url, json.dumps(body), content_type="application/json")
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert first.status_code == 201 and first.json()["id"] == again.json()["id"]
    bad = client.post(url, json.dumps({"text": "", "article": 42}), content_type="application/json")
    assert bad.status_code == 422 and "text" in bad.json()["detail"]
    staff_url = f"/api/v1/legislation/consultations/{consultation.pk}/opinions"
    assert client.get(staff_url).status_code == 401
    login(client, people["staff"])
    rows = client.get(staff_url).json()
    assert rows[0]["article"] == 2 and rows[0]["source"] == "api"
    grouped = client.post(f"/api/v1/legislation/consultations/{consultation.pk}/grouping")
    assert grouped.status_code == 200 and grouped.json()["opinions"] == 1
    stats = client.get("/api/v1/legislation/statistics").json()
    assert stats["totals"] == {"laws": 1, "opinions": 1, "adopted": 0, "rate": 0.0}
