"""The API follows the same rules as the pages."""

import pytest

from renda.suggestions.models import State
from renda.suggestions.tests.conftest import submitted

pytestmark = pytest.mark.django_db


def test_deputy_creates_and_submits_then_staff_registers_and_assigns(client, world):
    client.force_login(world.deputy)
    response = client.post(
        "/api/v1/suggestions/", {"title": "", "body": ""}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"]["title"] == "请填写标题。"
    response = client.post(
        "/api/v1/suggestions/", {"title": "路灯", "body": "不亮"}, content_type="application/json"
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert "submit" in response.json()["actions"]
    response = client.post(f"/api/v1/suggestions/{pk}/submit", {}, content_type="application/json")
    assert response.json()["state"] == State.SUBMITTED
    response = client.post(
        f"/api/v1/suggestions/{pk}/register", {}, content_type="application/json"
    )
    assert response.status_code == 422 and "无权" in response.json()["errors"]["__all__"]
    client.force_login(world.staff)
    version = client.get(f"/api/v1/suggestions/{pk}").json()["version"]
    response = client.post(
        f"/api/v1/suggestions/{pk}/register", {"version": version}, content_type="application/json"
    )
    assert response.json()["state"] == State.REGISTERED and response.json()["number"]
    response = client.post(
        f"/api/v1/suggestions/{pk}/decline", {"version": version, "reason": "x"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 409
    response = client.post(
        f"/api/v1/suggestions/{pk}/assign", {"lead_unit": world.unit.pk, "task": "修路灯"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["lead_unit"] == "区住房和城乡建设局"
    client.force_login(world.unit_user)
    response = client.post(
        f"/api/v1/suggestions/{pk}/reply", {"result_class": "A", "body": "已修复"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["state"] == State.REPLIED
    client.force_login(world.deputy)
    response = client.post(
        f"/api/v1/suggestions/{pk}/evaluate", {"verdict": "unsatisfied"},
        content_type="application/json",
    )  # fmt: skip
    assert response.json()["errors"]["reason"] == "评价不满意时请说明理由。"


def test_lists_and_reads_are_scoped(client, world):
    suggestion = submitted(world)
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/suggestions/{suggestion.pk}").status_code == 404
    assert client.get("/api/v1/suggestions/").json()["count"] == 0
    client.force_login(world.staff)
    items = client.get("/api/v1/suggestions/?view=todo").json()["items"]
    assert [i["id"] for i in items] == [suggestion.pk]
    client.logout()
    assert client.get("/api/v1/suggestions/").status_code == 401
