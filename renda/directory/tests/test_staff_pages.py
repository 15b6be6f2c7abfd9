"""Staff pages: who may use them, masked personal data, search, export, the import flow."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from renda.core.models import AuditEvent
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import services
from renda.directory.models import Deputy

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return make_congress()


@pytest.fixture
def staff_client(client, district):
    client.force_login(make_user(roles={Role.STAFF: district}))
    return client


def add_deputy(congress, **kwargs):
    values = {"name": "张志强", "level": "county", "term": 18, "phone": "13800138000", **kwargs}
    return services.entry_save(instance=Deputy(congress=congress, **values), actor=None)


@pytest.mark.parametrize("role", [r for r in Role if r not in {Role.STAFF, Role.ADMIN}])
def test_other_roles_cannot_open_the_directory(client, district, role):
    client.force_login(make_user(roles={role: district}))
    for url in (reverse("directory:index"), reverse("directory:deputy_list"),
                reverse("directory:entity_list", args=["experts"])):  # fmt: skip
        assert client.get(url).status_code == 403


def test_staff_of_another_congress_cannot_see_our_deputies(client, district):
    deputy = add_deputy(district)
    client.force_login(make_user(roles={Role.STAFF: make_congress()}))
    url = reverse("directory:entity_detail", args=["deputies", deputy.pk])
    assert client.get(url).status_code == 404
    assert "张志强" not in client.get(reverse("directory:deputy_list")).content.decode()


def test_phone_is_masked_until_revealed_and_the_reveal_is_logged(staff_client, district):
    deputy = add_deputy(district)
    page = staff_client.get(reverse("directory:entity_detail", args=["deputies", deputy.pk]))
    html = page.content.decode()
    assert "138****8000" in html and "13800138000" not in html
    url = reverse("directory:reveal", args=["deputies", deputy.pk, "phone"])
    response = staff_client.post(url, HTTP_HX_REQUEST="true")
    assert "13800138000" in response.content.decode()
    assert AuditEvent.objects.filter(
        action="personal_data.reveal", target_id=str(deputy.pk)
    ).exists()
    assert staff_client.get(url).status_code == 405  # never by a simple link


def test_deputy_list_filters_by_initials_and_level(staff_client, district):
    add_deputy(district, name="张志强")
    add_deputy(district, name="陈丽华", level="city", phone="")
    url = reverse("directory:deputy_list")
    html = staff_client.get(url, {"q": "zzq"}).content.decode()
    assert "张志强" in html and "陈丽华" not in html
    html = staff_client.get(url, {"level": "city"}).content.decode()
    assert "陈丽华" in html and "张志强" not in html
    partial = staff_client.get(url, {"q": "clh"}, HTTP_HX_REQUEST="true").content.decode()
    assert "陈丽华" in partial and "<html" not in partial


def test_export_follows_the_filter(staff_client, district):
    add_deputy(district, name="张志强")
    add_deputy(district, name="陈丽华", level="city", phone="")
    response = staff_client.get(reverse("directory:deputy_export"), {"level": "city"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["陈丽华"]


def test_create_form_shows_errors_at_the_field(staff_client, district):
    response = staff_client.post(
        reverse("directory:entity_create", args=["deputies"]),
        {"congress": district.pk, "name": "王五", "level": "county", "term": 18,
         "phone": "12345", "status": "serving"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "手机号格式不正确" in html
    assert not Deputy.objects.exists()


def xlsx(rows):
    workbook = Workbook()
    workbook.active.append(["姓名*", "代表层级*", "届次*", "手机号"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("代表.xlsx", buffer.getvalue())


def test_import_dry_run_then_commit(staff_client, district):
    url = reverse("directory:deputy_import")
    bad_rows = [["张三", "区县", 18, "13800138000"], ["李四", "区县", 18, "123"]]
    bad = staff_client.post(url, {"file": xlsx(bad_rows)})
    html = bad.content.decode()
    assert 'data-row="3"' in html and "手机号格式不正确" in html
    assert 'data-testid="commit"' not in html and not Deputy.objects.exists()
    good_rows = [["张三", "区县", 18, "13800138000"], ["李四", "区县", 18, "13900139000"]]
    good = staff_client.post(url, {"file": xlsx(good_rows)})
    assert 'data-testid="commit"' in good.content.decode()
    assert not Deputy.objects.exists()  # a dry run writes nothing
    upload_id = good.context["upload"].pk
    done = staff_client.post(reverse("directory:deputy_import_commit", args=[upload_id]))
    assert done.status_code == 302
    assert set(Deputy.objects.values_list("name", flat=True)) == {"张三", "李四"}


def test_import_refuses_a_file_that_is_not_excel(staff_client):
    upload = SimpleUploadedFile("代表.xlsx", "姓名,层级\n张三,区县".encode())
    response = staff_client.post(reverse("directory:deputy_import"), {"file": upload})
    assert "无法识别的文件类型" in response.content.decode()


def test_someone_elses_upload_cannot_be_committed(client, district):
    owner = make_user(roles={Role.STAFF: district})
    client.force_login(owner)
    response = client.post(
        reverse("directory:deputy_import"), {"file": xlsx([["张三", "区县", 18, ""]])}
    )
    upload_id = response.context["upload"].pk
    client.force_login(make_user(roles={Role.STAFF: district}))
    assert (
        client.post(reverse("directory:deputy_import_commit", args=[upload_id])).status_code == 404
    )
