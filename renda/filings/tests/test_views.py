"""Pages, API and permissions: each role sees only what it may."""

import datetime as dt

import pytest
from django.test import Client

from renda.filings import services
from renda.filings.models import Filing
from renda.filings.tests.factories import docx_bytes, upload


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_filing_page_shows_each_role_its_own_actions(world):
    filing = world.file()
    url = f"/filings/{filing.pk}/"
    staff = client_for(world.staff).get(url).content.decode()
    assert 'data-testid="register-congress"' in staff
    assert 'data-testid="register-government"' not in staff
    gov = client_for(world.gov).get(url).content.decode()
    assert 'data-testid="register-government"' in gov and 'register-congress"' not in gov
    body = client_for(world.filer).get(url).content.decode()
    assert "register-" not in body and "处五千元罚款" in body
    assert client_for(world.other_filer).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404


def test_filing_through_the_form_and_the_list(world):
    client = client_for(world.filer)
    response = client.post("/filings/new/", {
        "body": world.body.pk, "title": "测试办法", "number": "测规〔2025〕5号",
        "doc_type": "administrative", "published_on": dt.date.today().isoformat(),
        "file": upload(), "legality_opinion": "合法",
    })  # fmt: skip
    filing = Filing.objects.get(number="测规〔2025〕5号")
    assert response.status_code == 302 and response["Location"] == f"/filings/{filing.pk}/"
    assert "测试办法" in client.get("/filings/").content.decode()
    assert "测试办法" not in client_for(world.other_filer).get("/filings/").content.decode()


def test_a_bad_filing_form_shows_chinese_errors_at_the_field(world):
    response = client_for(world.filer).post("/filings/new/", {
        "body": world.body.pk, "title": "x", "number": "n", "doc_type": "administrative",
        "published_on": dt.date.today().isoformat(), "file": upload(), "legality_opinion": "",
    })  # fmt: skip
    assert "请填写合法性审核意见。" in response.content.decode()


def test_staff_only_pages_refuse_others(world):
    world.file(published_on=dt.date.today() - dt.timedelta(days=60))
    for path in ("/filings/bodies/", "/filings/late/", "/filings/metrics/", "/filings/campaigns/"):
        assert client_for(world.filer).get(path).status_code == 403
        assert client_for(world.staff).get(path).status_code == 200
    late = client_for(world.staff).get("/filings/late/").content.decode()
    assert "区市场监督管理局" in late


def test_metrics_count_timeliness(world):
    from django.utils import timezone

    from renda.core.models import Congress
    from renda.filings import selectors

    world.file(published_on=dt.date.today() - dt.timedelta(days=60), number="a")
    world.file(number="b")
    rows = selectors.metrics(Congress.objects.filter(pk=world.congress.pk),
                             dt.date.today().year, timezone.localdate())  # fmt: skip
    assert (rows[0].filed, rows[0].on_time, rows[0].timeliness) == (2, 1, 50.0)


def test_public_search_page_and_api_need_no_account(world):
    filing = world.file()
    services._publish(filing, None)
    page = Client().get("/fg/", {"q": "农贸市场"}).content.decode()
    assert "<mark>农贸市场</mark>" in page
    data = Client().get("/api/v1/filings/documents", {"q": "进货"}).json()
    assert data["total"] == 1 and data["results"][0]["id"] == filing.pk
    assert Client().get(f"/fg/{filing.pk}/").status_code == 200
    hidden = world.file(number="x")
    assert Client().get(f"/fg/{hidden.pk}/").status_code == 404


def test_api_files_a_document_and_reads_its_status(world):
    client = client_for(world.filer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/api/v1/filings/filings", {
        "body": world.body.name, "title": "接口报备办法", "number": "接口〔2025〕1号",
        "published_on": dt.date.today().isoformat(), "legality_opinion": "合法",
        "file": SimpleUploadedFile("a.docx", docx_bytes("第一条 测试条款，规范管理。")),
    })  # fmt: skip
    assert response.status_code == 201, response.content
    filing_id = response.json()["id"]
    assert {t["side"] for t in response.json()["tracks"]} == {"congress", "government"}
    status = client_for(world.gov).get(f"/api/v1/filings/filings/{filing_id}").json()
    assert status["tracks"][1]["state"] == "submitted"
    assert client_for(world.outsider).get(f"/api/v1/filings/filings/{filing_id}").status_code == 404
    bad = client.post("/api/v1/filings/filings", {
        "body": world.body.name, "title": "", "number": "接口〔2025〕1号",
        "published_on": dt.date.today().isoformat(), "file": upload(),
    })  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"]["number"] == "该文号的文件已经报备过。"


@pytest.mark.parametrize("phone,ok", [("13812345678", True), ("123", False)])
def test_public_review_request(world, phone, ok):
    filing = world.file()
    services._publish(filing, None)
    response = Client().post(f"/fg/{filing.pk}/request/", {
        "name": "钱晓东", "phone": phone, "reasons": "第三条设定罚款，没有上位法依据。",
    })  # fmt: skip
    page = response.content.decode()
    assert ("查询码" in page) is ok
    assert ("请填写正确的手机号或固定电话。" in page) is not ok
    assert filing.review_requests.count() == int(ok)
