"""Pages: who may open which, in Chinese first, with a strict content security policy."""

import re

import pytest
from django.urls import reverse

from renda.core.models import Notification
from renda.core.notices import notify
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return make_congress()


def login(client, user):
    client.force_login(user)
    return client


def test_landing_is_public_chinese_and_mobile_ready(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert 'name="viewport"' in html
    assert "110、120、119" in html


def test_english_is_the_second_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()
    assert "Log in" in response.content.decode()


def test_pages_send_a_csp_without_inline_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    assert scripts and all("src=" in attrs for attrs in scripts)
    assert response["X-Frame-Options"] == "DENY"


def test_home_needs_a_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_gets_a_home_page_naming_the_role(client, district, role):
    user = make_user(roles={role: district})
    response = login(client, user).get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-role="{role}"' in html
    assert str(Role(role).label) in html
    assert ("审计日志" in html) is (role == Role.AUDITOR)


# page -> roles that may open it (everyone else gets 403, or the admin's login page)
PAGE_ACCESS = {
    "core:audit_log": {Role.AUDITOR},
}


@pytest.mark.parametrize("role", list(Role))
def test_audit_log_page_only_for_auditors(client, district, role):
    user = make_user(roles={role: district})
    response = login(client, user).get(reverse("core:audit_log"))
    expected = 200 if role in PAGE_ACCESS["core:audit_log"] else 403
    assert response.status_code == expected
    if expected == 403:
        assert "没有权限" in response.content.decode()


def test_superuser_cannot_read_the_audit_log(client, district):
    response = login(client, make_user(is_superuser=True)).get(reverse("core:audit_log"))
    assert response.status_code == 403


def test_audit_log_filters_and_records_its_own_reading(client, district):
    auditor = make_user(roles={Role.AUDITOR: district}, username="aud")
    login(client, auditor)
    response = client.get(reverse("core:audit_log"), {"action": "membership."})
    html = response.content.decode()
    assert "membership.grant" in html
    assert "account.create" not in html
    response = client.get(reverse("core:audit_log"), {"since": "2026-05-01", "until": "2026-01-01"})
    assert "截止日期不能早于起始日期" in response.content.decode()
    assert auditor.pk in set(
        type(auditor).objects.filter(pk=auditor.pk).values_list("pk", flat=True)
    )
    from renda.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="audit.view", actor=auditor).count() == 2


def test_django_admin_is_for_platform_administrators(client, district):
    admin = make_user(is_superuser=True)
    assert login(client, admin).get("/admin/").status_code == 200
    client.logout()
    deputy = make_user(roles={Role.DEPUTY: district})
    response = login(client, deputy).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_inbox_marks_a_notice_read_through_htmx(client, district):
    user = make_user(roles={Role.DEPUTY: district})
    notice = notify(user, title="新留言<script>alert(1)</script>")
    login(client, user)
    page = client.get(reverse("core:inbox")).content.decode()
    assert "新留言&lt;script&gt;" in page and "<script>alert(1)" not in page
    response = client.post(reverse("core:inbox_read"), {"id": notice.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "标为已读" not in response.content.decode()
    assert Notification.objects.get(pk=notice.pk).read_at is not None


def test_someone_elses_notice_is_not_found(client, district):
    owner = make_user()
    notice = notify(owner, title="别人的")
    login(client, make_user())
    response = client.post(reverse("core:inbox_read"), {"id": notice.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert Notification.objects.get(pk=notice.pk).read_at is None


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_static_assets_are_served_by_the_app(client):
    for path in ("/static/renda/css/renda.css", "/static/renda/vendor/htmx-2.0.11.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content)


def test_front_page_links_the_modules_public_entries(client):
    html = client.get("/").content.decode()
    assert 'href="/channel/track/"' in html and 'href="/channel/wall/"' in html
