"""Public pages reached by QR codes: who the deputy is, no private data, files for staff only."""

import io
import re

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from renda.core.attachments import IMAGES, attachment_create
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import qr, services
from renda.directory.models import Deputy, ProfessionalGroup, Station
from renda.directory.tests.test_qr import needs_font, png_modules, with_quiet_zone

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"
STATION_PHONE = "0571-88886666"


@pytest.fixture
def directory():
    congress = make_congress(name="清河区人大常委会")
    station = services.entry_save(
        instance=Station(
            congress=congress,
            name="北门街道代表联络站",
            kind=Station.Kind.LIAISON_STATION,
            address="北门街12号一楼",
            reception_schedule="每月15日上午9:00—11:30",
            phone=STATION_PHONE,
        ),
        actor=None,
    )
    group = ProfessionalGroup.objects.create(congress=congress, name="法治专业代表小组")
    deputy = services.entry_save(
        instance=Deputy(
            congress=congress,
            name="张志强",
            level="county",
            term=18,
            delegation="北门街道代表团",
            group=group,
            field="基层治理",
            occupation="北门街道社区党委书记",
            bio="长期关注老旧小区改造。",
            station=station,
            phone=PHONE,
            id_number=ID_NUMBER,
        ),
        actor=None,
    )
    return congress, station, deputy


def no_private_data(html: str) -> bool:
    digits = re.sub(r"\D", "", html)
    masked = ("139****5678", "110105********002X")
    return (
        PHONE not in digits and ID_NUMBER[:17] not in digits and not any(m in html for m in masked)
    )


def no_inline_script_or_style(html: str) -> bool:
    return not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html


def test_deputy_page_shows_who_the_deputy_is_and_where_to_meet_them(client, directory):
    _congress, station, deputy = directory
    response = client.get(reverse("directory_public:deputy", args=[deputy.public_code]))
    assert response.status_code == 200
    html = response.content.decode()
    expected = (
        "清河区人大常委会", "张志强", "区县人大代表", "第十八届", "北门街道代表团",
        "法治专业代表小组", "基层治理", "北门街道社区党委书记", "长期关注老旧小区改造",
        station.name, station.address, station.reception_schedule,
    )  # fmt: skip
    for text in expected:
        assert text in html
    assert reverse("directory_public:station", args=[station.public_code]) in html
    assert no_private_data(html)
    assert no_inline_script_or_style(html)


def test_message_entry_leads_to_the_channel_form(client, directory):
    _congress, station, deputy = directory
    html = client.get(reverse("directory_public:deputy", args=[deputy.public_code])).content
    compose = reverse("channel:compose", kwargs={"kind": "deputy", "code": deputy.public_code})
    assert b'data-testid="compose"' in html and compose.encode() in html
    html = client.get(reverse("directory_public:station", args=[station.public_code])).content
    compose = reverse("channel:compose", kwargs={"kind": "station", "code": station.public_code})
    assert compose.encode() in html


def test_station_page_shows_schedule_public_phone_and_deputies_without_their_phones(
    client, directory
):
    congress, station, deputy = directory
    ended = services.entry_save(
        instance=Deputy(congress=congress, name="李离任", level="county", term=17, station=station),
        actor=None,
    )
    ended.status = Deputy.Status.ENDED
    services.entry_save(instance=ended, actor=None)
    response = client.get(reverse("directory_public:station", args=[station.public_code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert station.reception_schedule in html and station.address in html
    assert STATION_PHONE in html
    assert "张志强" in html and "李离任" not in html
    assert reverse("directory_public:deputy", args=[deputy.public_code]) in html
    assert no_private_data(html)
    assert no_inline_script_or_style(html)


def test_ended_deputies_and_inactive_stations_are_not_found(client, directory):
    _congress, station, deputy = directory
    deputy.status = Deputy.Status.ENDED
    services.entry_save(instance=deputy, actor=None)
    station.is_active = False
    services.entry_save(instance=station, actor=None)
    for name, code in (("deputy", deputy.public_code), ("station", station.public_code)):
        assert client.get(reverse(f"directory_public:{name}", args=[code])).status_code == 404
        qr_url = reverse(f"directory_public:{name}_qr", args=[code, "png"])
        assert client.get(qr_url).status_code == 404
        poster = reverse(f"directory_public:{name}_poster", args=[code])
        assert client.get(poster).status_code == 404
    assert client.get("/d/nosuchcode/").status_code == 404


def test_staff_of_the_congress_still_get_qr_files_of_inactive_records(client, directory):
    congress, _station, deputy = directory
    deputy.status = Deputy.Status.ENDED
    services.entry_save(instance=deputy, actor=None)
    url = reverse("directory_public:deputy_qr", args=[deputy.public_code, "svg"])

    client.force_login(make_user(roles={Role.STAFF: make_congress()}))
    assert client.get(url).status_code == 404  # staff of another congress
    client.force_login(make_user(roles={Role.DEPUTY: congress}))
    assert client.get(url).status_code == 404  # not staff
    client.force_login(make_user(roles={Role.STAFF: congress}))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    # The public page stays closed, even to staff.
    assert (
        client.get(reverse("directory_public:deputy", args=[deputy.public_code])).status_code == 404
    )


def test_qr_png_encodes_the_public_page_url_and_may_be_cached(client, directory):
    _congress, _station, deputy = directory
    response = client.get(reverse("directory_public:deputy_qr", args=[deputy.public_code, "png"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    page = f"http://testserver/d/{deputy.public_code}/"
    assert png_modules(response.content, 10) == with_quiet_zone(
        segno.make_qr(page, error="m").matrix
    )
    assert client.get(page).status_code == 200  # the encoded address opens the page


@override_settings(RENDA_PUBLIC_BASE_URL="https://renda.example.gov.cn")
def test_qr_uses_the_configured_public_address(client, directory):
    _congress, station, _deputy = directory
    response = client.get(reverse("directory_public:station_qr", args=[station.public_code, "png"]))
    expected = f"https://renda.example.gov.cn/s/{station.public_code}/"
    assert png_modules(response.content, 10) == with_quiet_zone(
        segno.make_qr(expected, error="m").matrix
    )
    assert client.get(f"/s/{station.public_code}/qr.gif").status_code == 404


@needs_font
def test_posters_are_pdfs(client, directory):
    _congress, station, deputy = directory
    for name, code in (("deputy", deputy.public_code), ("station", station.public_code)):
        response = client.get(reverse(f"directory_public:{name}_poster", args=[code]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-") and b"NotoSansCJK" in response.content


def test_poster_without_a_chinese_font_is_a_503_page_in_chinese(client, directory, monkeypatch):
    _congress, _station, deputy = directory

    def no_font():
        raise qr.FontMissing("no CJK font: install fonts-noto-cjk")

    monkeypatch.setattr(qr, "find_cjk_font", no_font)
    response = client.get(reverse("directory_public:deputy_poster", args=[deputy.public_code]))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "海报暂时无法生成" in response.content.decode()


def test_photo_is_shown_and_served(client, directory):
    congress, _station, deputy = directory
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (10, 120, 200)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")
    deputy.photo = attachment_create(congress=congress, upload=upload, allowed=IMAGES)
    services.entry_save(instance=deputy, actor=None)
    photo_url = reverse("directory_public:deputy_photo", args=[deputy.public_code])
    assert photo_url in client.get(f"/d/{deputy.public_code}/").content.decode()
    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == buffer.getvalue()
