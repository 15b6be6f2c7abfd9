"""QR codes and posters: the code encodes exactly the public URL; the poster is a real PDF."""

import io
import re
import shutil
import subprocess

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from renda.core.attachments import IMAGES, attachment_create
from renda.core.tests.factories import make_congress
from renda.directory import qr, services
from renda.directory.models import Deputy, Station

pytestmark = pytest.mark.django_db

URL = "https://renda.example.gov.cn/d/k7m2xq9p/"


def has_cjk_font() -> bool:
    qr.find_cjk_font.cache_clear()
    try:
        qr.find_cjk_font()
    except qr.FontMissing:
        return False
    return True


needs_font = pytest.mark.skipif(
    not has_cjk_font(), reason="no CJK font installed (apt-get install fonts-noto-cjk)"
)


def make_station(congress, **kwargs):
    values = {"name": "北门街道代表联络站", "kind": Station.Kind.LIAISON_STATION, **kwargs}
    return services.entry_save(instance=Station(congress=congress, **values), actor=None)


def make_deputy(congress, **kwargs):
    values = {"name": "张志强", "level": "county", "term": 18, **kwargs}
    return services.entry_save(instance=Deputy(congress=congress, **values), actor=None)


def png_modules(data: bytes, scale: int) -> list[list[bool]]:
    """Read a QR PNG back into dark/light modules (quiet zone included) by sampling centres."""
    image = Image.open(io.BytesIO(data)).convert("L")
    size = image.width // scale
    assert image.width == image.height == size * scale
    return [
        [
            image.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def svg_modules(data: bytes) -> tuple[list[list[bool]], int]:
    """Rebuild the dark modules from segno's SVG path (M/m moves and h runs at half-unit y)."""
    svg = data.decode()
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1)) if "scale(" in svg else 1
    size = width // scale
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(
        r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", re.search(r' d="([^"]+)"', svg).group(1)
    ):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                grid[int(y)][column] = True
            x += float(a)
    return grid, size


def with_quiet_zone(matrix, border=qr.QUIET_ZONE):
    size = len(matrix) + 2 * border
    blank = [False] * size
    rows = [blank] * border + [
        [False] * border + [bool(v) for v in row] + [False] * border for row in matrix
    ]
    return rows + [blank] * border


def test_png_encodes_exactly_the_url_with_a_quiet_zone():
    expected = with_quiet_zone(segno.make_qr(URL, error="m").matrix)
    assert png_modules(qr.qr_png(URL, scale=6), scale=6) == expected
    other = with_quiet_zone(segno.make_qr(URL + "x", error="m").matrix)
    assert png_modules(qr.qr_png(URL, scale=6), scale=6) != other


def test_svg_encodes_exactly_the_url_with_a_quiet_zone():
    grid, size = svg_modules(qr.qr_svg(URL))
    assert grid == with_quiet_zone(segno.make_qr(URL, error="m").matrix)
    assert size == len(segno.make_qr(URL, error="m").matrix) + 8


def test_error_correction_is_at_least_m_and_never_a_micro_code():
    code = qr.qr_code("https://a.cn/d/x/")
    assert code.error in {"M", "Q", "H"} and not code.is_micro


def test_target_url_uses_the_public_base_url_when_set(rf):
    deputy = make_deputy(make_congress())
    request = rf.get("/", HTTP_HOST="localhost:8000")
    assert qr.target_url(request, deputy) == f"http://localhost:8000/d/{deputy.public_code}/"
    with override_settings(RENDA_PUBLIC_BASE_URL="https://renda.example.gov.cn/"):
        assert qr.target_url(None, deputy) == (
            f"https://renda.example.gov.cn/d/{deputy.public_code}/"
        )
        station = make_station(deputy.congress)
        assert qr.target_url(request, station).endswith(f"/s/{station.public_code}/")


def pdf_text(data: bytes) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=30
    )
    return result.stdout.decode()


def photo_attachment(congress):
    buffer = io.BytesIO()
    Image.new("RGB", (90, 120), (200, 30, 30)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    return attachment_create(congress=congress, upload=upload, allowed=IMAGES)


@needs_font
def test_deputy_poster_is_a_pdf_with_the_cjk_font_embedded_and_the_photo():
    congress = make_congress(name="清河区人大常委会")
    station = make_station(congress)
    deputy = make_deputy(congress, station=station, photo=photo_attachment(congress))
    data = qr.poster_pdf(deputy, URL)
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data or b"/FontFile3" in data
    assert b"NotoSansCJK" in data
    assert b"/Subtype /Image" in data
    text = pdf_text(data)
    if text is not None:
        compact = re.sub(r"\s", "", text)
        for expected in ("清河区人大常委会", "张志强", "区县人大代表", "第十八届", station.name):
            assert expected in compact
        assert "扫一扫，给代表留言" in compact and URL in compact


@needs_font
def test_station_poster_invites_people_to_contact_the_station():
    station = make_station(make_congress(), address="北门街12号", reception_schedule="每周三上午")
    data = qr.poster_pdf(station, URL)
    assert data.startswith(b"%PDF-") and b"NotoSansCJK" in data
    assert b"/Subtype /Image" not in data  # the QR code is drawn as vectors, not a picture
    text = pdf_text(data)
    if text is not None:
        compact = re.sub(r"\s", "", text)
        assert "扫一扫，联系代表联络站" in compact and "北门街12号" in compact


def test_missing_cjk_font_raises_a_clear_error(monkeypatch):
    monkeypatch.setattr(
        qr, "CJK_FONT_CANDIDATES", (("/nonexistent/a.ttc", "/nonexistent/b.ttc", 2),)
    )
    monkeypatch.setattr(qr, "_fc_match_font", lambda: None)
    qr.find_cjk_font.cache_clear()
    try:
        with pytest.raises(qr.FontMissing, match="fonts-noto-cjk"):
            qr.poster_pdf(make_station(make_congress()), URL)
    finally:
        qr.find_cjk_font.cache_clear()
