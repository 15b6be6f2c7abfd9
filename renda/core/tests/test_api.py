"""The REST API: token auth, session auth, OpenAPI schema."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from renda.core.accounts import token_authenticate, token_issue, token_revoke
from renda.core.models import ApiToken
from renda.core.notices import notify
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_schema_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/me", "/api/v1/congresses", "/api/v1/notifications"} <= set(paths)


def test_me_needs_a_token_or_a_session(client):
    assert client.get("/api/v1/me").status_code == 401
    user = make_user(roles={Role.DEPUTY: make_congress(code="qh")}, full_name="张志强")
    _token, raw = token_issue(user=user, name="test")
    body = client.get("/api/v1/me", **bearer(raw)).json()
    assert body["full_name"] == "张志强"
    assert body["memberships"] == [
        {
            "congress_code": "qh",
            "congress_name": body["memberships"][0]["congress_name"],
            "role": "deputy",
            "role_label": "人大代表",
            "office": "",
        }
    ]
    client.force_login(user)
    assert client.get("/api/v1/me").json()["full_name"] == "张志强"


def test_only_the_hash_is_stored_and_revoked_or_expired_tokens_fail(client):
    user = make_user()
    token, raw = token_issue(user=user, name="t")
    assert raw.startswith("rd_") and raw not in token.key_hash
    assert token_authenticate(raw) == user
    assert token_authenticate(raw + "x") is None
    token_revoke(token=token, actor=user)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401

    old, raw_old = token_issue(user=user, name="old", days=1)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert token_authenticate(raw_old) is None


def test_tokens_of_inactive_users_fail():
    user = make_user()
    _token, raw = token_issue(user=user, name="t")
    user.is_active = False
    user.save()
    assert token_authenticate(raw) is None


def test_notifications_are_only_ones_own(client):
    user, other = make_user(), make_user()
    mine = notify(user, title="我的")
    theirs = notify(other, title="别人的")
    _token, raw = token_issue(user=user, name="t")
    items = client.get("/api/v1/notifications", **bearer(raw)).json()
    assert [i["title"] for i in items] == ["我的"]
    url = f"/api/v1/notifications/{theirs.pk}/read"
    assert client.post(url, **bearer(raw)).status_code == 404
    assert client.post(f"/api/v1/notifications/{mine.pk}/read", **bearer(raw)).json() == {
        "ok": True
    }
    assert client.get("/api/v1/notifications?unread=true", **bearer(raw)).json() == []


def test_congress_tree_is_public(client):
    city = make_congress(code="lc", level=3)
    make_congress(code="qh", parent=city)
    items = {c["code"]: c for c in client.get("/api/v1/congresses").json()}
    assert items["qh"]["parent_code"] == "lc"
    assert items["lc"]["parent_code"] is None


def test_token_command_prints_a_working_token(client, capsys):
    make_user(username="deputy1")
    call_command("token", "deputy1")
    raw = capsys.readouterr().out.strip()
    assert client.get("/api/v1/me", **bearer(raw)).json()["username"] == "deputy1"


def test_token_page_shows_a_new_token_once(client):
    user = make_user()
    client.force_login(user)
    page = client.post("/accounts/tokens/", {"name": "对接", "days": 30}).content.decode()
    token = ApiToken.objects.get(user=user)
    assert 'data-testid="new-token"' in page
    assert client.get("/accounts/tokens/").content.decode().count('data-testid="new-token"') == 0
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
