"""The directory API: public fields without a token, staff writes per congress, Chinese errors."""

import pytest

from renda.core.accounts import token_issue
from renda.core.models import AuditEvent
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import services
from renda.directory.models import Deputy, ProfessionalGroup, Station

pytestmark = pytest.mark.django_db

BASE = "/api/v1/directory"
PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"


def bearer(user):
    _token, raw = token_issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def station(congress, name="北门街道代表联络站", **kwargs):
    values = {"name": name, "kind": Station.Kind.LIAISON_STATION, **kwargs}
    return services.entry_save(instance=Station(congress=congress, **values), actor=None)


def deputy(congress, name="张志强", **kwargs):
    values = {"name": name, "level": "county", "term": 18, **kwargs}
    return services.entry_save(instance=Deputy(congress=congress, **values), actor=None)


@pytest.fixture
def world():
    congress = make_congress(code="qh")
    north = station(congress, phone="0571-88886666")
    zhang = deputy(congress, station=north, phone=PHONE, id_number=ID_NUMBER, field="基层治理")
    chen = deputy(congress, name="陈丽华", level="city", term=16)
    ended = deputy(congress, name="王离任", station=north)
    ended.status = Deputy.Status.ENDED
    services.entry_save(instance=ended, actor=None)
    staff = make_user(roles={Role.STAFF: congress})
    return {"congress": congress, "north": north, "zhang": zhang, "chen": chen, "staff": staff}


def test_list_without_a_token_has_public_fields_only(client, world):
    response = client.get(f"{BASE}/representatives")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2  # the ended deputy is not listed
    item = next(i for i in body["items"] if i["name"] == "张志强")
    assert item["public_code"] == world["zhang"].public_code
    assert item["level"] == "county" and item["level_label"] == "区县人大代表"
    assert item["term"] == 18 and item["field"] == "基层治理"
    assert item["station"] == {
        "public_code": world["north"].public_code,
        "name": "北门街道代表联络站",
    }
    assert item["public_url"] == f"http://testserver/d/{world['zhang'].public_code}/"
    assert not {"phone", "phone_masked", "id_number", "status"} & set(item)
    assert PHONE not in response.content.decode() and "5678" not in response.content.decode()
    assert ID_NUMBER not in response.content.decode()


def test_list_filters_by_pinyin_level_station_and_congress_and_paginates(client, world):
    def names(query):
        return sorted(
            i["name"] for i in client.get(f"{BASE}/representatives{query}").json()["items"]
        )

    assert names("?q=zzq") == ["张志强"]
    assert names("?q=chenli") == ["陈丽华"]
    assert names("?q=丽") == ["陈丽华"]
    assert names("?level=city") == ["陈丽华"]
    assert names(f"?station={world['north'].public_code}") == ["张志强"]
    assert names("?congress=qh") == ["张志强", "陈丽华"]
    assert names("?congress=other") == []
    page = client.get(f"{BASE}/representatives?limit=1&offset=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_detail_of_an_ended_deputy_is_not_found_publicly(client, world):
    ended = Deputy.objects.get(name="王离任")
    assert client.get(f"{BASE}/representatives/{ended.public_code}").status_code == 404
    detail = client.get(f"{BASE}/representatives/{world['zhang'].public_code}").json()
    assert detail["name"] == "张志强" and "phone_masked" not in detail
    # Staff of the congress still see it, with its status.
    staff_view = client.get(f"{BASE}/representatives/{ended.public_code}", **bearer(world["staff"]))
    assert staff_view.status_code == 200 and staff_view.json()["status"] == "ended"


def test_staff_see_the_phone_masked_never_in_clear(client, world):
    response = client.get(f"{BASE}/representatives", **bearer(world["staff"]))
    item = next(i for i in response.json()["items"] if i["name"] == "张志强")
    assert item["phone_masked"] == "139****5678"
    assert PHONE not in response.content.decode() and ID_NUMBER not in response.content.decode()
    outsider = make_user(roles={Role.STAFF: make_congress()})
    items = client.get(f"{BASE}/representatives", **bearer(outsider)).json()["items"]
    assert all("phone_masked" not in i for i in items)


def test_a_bad_token_is_refused_rather_than_treated_as_anonymous(client, world):
    response = client.get(f"{BASE}/representatives", HTTP_AUTHORIZATION="Bearer rd_nonsense")
    assert response.status_code == 401


def test_stations_list_public_fields_and_serving_deputy_count(client, world):
    station(world["congress"], name="停用联络站", is_active=False)
    body = client.get(f"{BASE}/stations").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["public_code"] == world["north"].public_code
    assert item["deputies_count"] == 1  # 张志强; the ended deputy does not count
    assert item["phone"] == "0571-88886666" and item["kind_label"] == "代表联络站"
    assert item["public_url"].endswith(f"/s/{world['north'].public_code}/")


def test_staff_create_a_deputy_with_group_and_station(client, world):
    ProfessionalGroup.objects.create(congress=world["congress"], name="法治专业代表小组")
    payload = {
        "congress": "qh", "name": "刘新", "level": "township", "term": 19, "phone": "13700001111",
        "group": "法治专业代表小组", "station": world["north"].public_code,
    }  # fmt: skip
    response = client.post(
        f"{BASE}/representatives",
        payload,
        content_type="application/json",
        **bearer(world["staff"]),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    created = Deputy.objects.get(public_code=body["public_code"])
    assert (created.name, created.level, created.term, created.phone) == (
        "刘新", "township", 19, "13700001111",
    )  # fmt: skip
    assert created.group.name == "法治专业代表小组" and created.station == world["north"]
    assert body["phone_masked"] == "137****1111" and "13700001111" not in response.content.decode()
    event = AuditEvent.objects.get(action="directory.deputy.create", target_id=str(created.pk))
    assert event.actor == world["staff"]


def test_staff_patch_a_deputy_and_ending_it_removes_it_from_the_public_list(client, world):
    code = world["zhang"].public_code
    response = client.patch(
        f"{BASE}/representatives/{code}",
        {"field": "城乡建设", "status": "ended"},
        content_type="application/json",
        **bearer(world["staff"]),
    )
    assert response.status_code == 200, response.content
    refreshed = Deputy.objects.get(public_code=code)
    assert (refreshed.field, refreshed.status, refreshed.phone) == ("城乡建设", "ended", PHONE)
    event = AuditEvent.objects.filter(action="directory.deputy.update").latest("id")
    assert event.data == {"fields": ["field", "status"]}
    names = [i["name"] for i in client.get(f"{BASE}/representatives").json()["items"]]
    assert names == ["陈丽华"]


def test_validation_errors_come_back_per_field_in_chinese(client, world):
    auth = bearer(world["staff"])
    response = client.post(
        f"{BASE}/representatives",
        {"congress": "qh", "name": "赵某", "level": "county", "term": 18, "phone": "12345"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    assert "手机号格式不正确" in response.json()["errors"]["phone"]

    response = client.post(
        f"{BASE}/representatives", {"congress": "qh"}, content_type="application/json", **auth
    )
    errors = response.json()["errors"]
    assert response.status_code == 422 and {"name", "level", "term"} <= set(errors)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for message in errors.values())

    response = client.post(
        f"{BASE}/representatives",
        {"congress": "qh", "name": "赵某", "level": "county", "term": "十八"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422 and "十八" in response.json()["errors"]["term"]

    response = client.patch(
        f"{BASE}/representatives/{world['chen'].public_code}",
        {"station": "nosuch", "level": "galaxy"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422 and "联络站" in response.json()["errors"]["station"]

    response = client.post(
        f"{BASE}/representatives",
        {"congress": "qh", "name": "张志强", "level": "county", "term": 18, "phone": PHONE},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422 and "重复" in response.json()["errors"]["phone"]
    assert Deputy.objects.filter(name="赵某").count() == 0


def test_deputies_and_anonymous_callers_cannot_write(client, world):
    payload = {"congress": "qh", "name": "刘新", "level": "county", "term": 18}
    deputy_user = make_user(roles={Role.DEPUTY: world["congress"]})
    url = f"{BASE}/representatives"
    assert client.post(url, payload, content_type="application/json").status_code == 401
    response = client.post(url, payload, content_type="application/json", **bearer(deputy_user))
    assert response.status_code == 403
    patch = client.patch(
        f"{url}/{world['zhang'].public_code}",
        {"name": "改名"},
        content_type="application/json",
        **bearer(deputy_user),
    )
    assert patch.status_code == 403
    assert not Deputy.objects.filter(name__in=["刘新", "改名"]).exists()


def test_permission_is_per_congress(client, world):
    other_staff = make_user(roles={Role.STAFF: make_congress(code="other")})
    auth = bearer(other_staff)
    response = client.post(
        f"{BASE}/representatives",
        {"congress": "qh", "name": "刘新", "level": "county", "term": 18},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403
    response = client.patch(
        f"{BASE}/representatives/{world['zhang'].public_code}",
        {"name": "改名"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403
    response = client.patch(
        f"{BASE}/stations/{world['north'].public_code}",
        {"name": "改名"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403
    # Staff of the city above reach down into the district.
    city = make_congress(code="city", level=3)
    district = make_congress(code="district", parent=city)
    city_staff = make_user(roles={Role.STAFF: city})
    response = client.post(
        f"{BASE}/representatives",
        {"congress": district.code, "name": "刘新", "level": "county", "term": 18},
        content_type="application/json",
        **bearer(city_staff),
    )
    assert response.status_code == 201


def test_staff_create_and_patch_stations(client, world):
    auth = bearer(world["staff"])
    response = client.post(
        f"{BASE}/stations",
        {
            "congress": "qh",
            "name": "柳岸镇代表联络站",
            "kind": "liaison_station",
            "address": "柳岸镇1号",
        },
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    code = response.json()["public_code"]
    response = client.patch(
        f"{BASE}/stations/{code}",
        {"reception_schedule": "每周三上午", "is_active": False},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    saved = Station.objects.get(public_code=code)
    assert (saved.reception_schedule, saved.is_active) == ("每周三上午", False)
    assert code not in client.get(f"{BASE}/stations").content.decode()
    response = client.post(
        f"{BASE}/stations",
        {"congress": "qh", "name": "北门街道代表联络站", "kind": "nonsense"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422 and "kind" in response.json()["errors"]
