"""QR codes (代表码) and printable posters for deputies and stations."""

import io
import logging
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from fpdf import FPDF

from renda.directory.models import Deputy, Station

QUIET_ZONE = 4  # modules of white border, as ISO/IEC 18004 asks
ERROR_LEVEL = "m"  # at least M; segno raises it when the version has room to spare

# Debian's fonts-noto-cjk; number 2 of each collection is Simplified Chinese.
CJK_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        2,
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        2,
    ),
)

logger = logging.getLogger(__name__)

RED = (183, 40, 46)
INK = (31, 35, 40)
MUTED = (92, 102, 112)


class FontMissing(RuntimeError):
    """No font with Chinese glyphs is installed, so a poster would print boxes."""


@dataclass(frozen=True)
class CjkFont:
    regular: str
    bold: str
    index: int  # the Simplified Chinese face inside a .ttc collection
    bold_index: int


def target_url(request: HttpRequest | None, obj: Deputy | Station) -> str:
    """Return the absolute public URL that the QR code of a deputy or station encodes."""
    name = "directory_public:deputy" if isinstance(obj, Deputy) else "directory_public:station"
    path = reverse(name, kwargs={"code": obj.public_code})
    base = settings.RENDA_PUBLIC_BASE_URL.rstrip("/")
    if base:
        return base + path
    if request is None:
        raise ValueError("RENDA_PUBLIC_BASE_URL is not set and there is no request")
    return request.build_absolute_uri(path)


def qr_code(url: str) -> segno.QRCode:
    """Return the QR code of a URL (never a Micro QR, which phones cannot all read)."""
    return segno.make_qr(url, error=ERROR_LEVEL)


def qr_svg(url: str) -> bytes:
    """Return the QR code of a URL as SVG, one unit per module, with a quiet zone."""
    buffer = io.BytesIO()
    qr_code(url).save(
        buffer, kind="svg", scale=10, border=QUIET_ZONE, xmldecl=False, title=url, svgclass="qr"
    )
    return buffer.getvalue()


def qr_png(url: str, scale: int = 10) -> bytes:
    """Return the QR code of a URL as a black and white PNG, `scale` pixels per module."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=max(1, min(scale, 40)), border=QUIET_ZONE)
    return buffer.getvalue()


def _fc_match_font() -> CjkFont | None:
    """Ask fontconfig for a font covering Simplified Chinese."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = {}
    for style in ("Regular", "Bold"):
        try:
            output = subprocess.run(  # noqa: S603 – fixed arguments, no user input
                [fc_match, "-f", "%{file}\t%{index}\t%{lang}", f"sans-serif:lang=zh-cn:{style}"],
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        path, _tab, rest = output.partition("\t")
        index, _tab, langs = rest.partition("\t")
        # fontconfig falls back to any font at all; only accept one that covers Chinese.
        if "zh-cn" not in langs.split("|") or not Path(path).is_file():
            return None
        found[style] = (path, int(index or 0))
    (regular, index), (bold, bold_index) = found["Regular"], found["Bold"]
    return CjkFont(regular, bold, index, bold_index)


@cache
def find_cjk_font() -> CjkFont:
    """Return the Noto Sans CJK SC font files, or another Chinese font fontconfig knows."""
    for regular, bold, index in CJK_FONT_CANDIDATES:
        if Path(regular).is_file():
            return CjkFont(regular, bold if Path(bold).is_file() else regular, index, index)
    font = _fc_match_font()
    if font is None:
        raise FontMissing("no CJK font: install fonts-noto-cjk")
    return font


class _Poster(FPDF):
    def __init__(self, font: CjkFont):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(20, 20, 20)
        self.add_font("cjk", "", font.regular, collection_font_number=font.index)
        self.add_font("cjk", "B", font.bold, collection_font_number=font.bold_index)
        self.add_page()

    def centered(self, text: str, size: float, *, bold=False, color=INK, height=None) -> None:
        """Write one or more centred lines at the current position."""
        self.set_font("cjk", "B" if bold else "", size)
        self.set_text_color(*color)
        line = height or size * 0.5
        self.set_x(self.l_margin)
        self.multi_cell(self.epw, line, text, align="C", new_x="LMARGIN", new_y="NEXT")

    def qr(self, url: str, size: float) -> None:
        """Draw the QR code as vector squares, `size` mm wide including the quiet zone."""
        matrix = qr_code(url).matrix
        modules = len(matrix) + 2 * QUIET_ZONE
        unit = size / modules
        left = (self.w - size) / 2
        top = self.get_y()
        self.set_fill_color(0, 0, 0)
        for row, cells in enumerate(matrix):
            column = 0
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                run = column
                while run < len(cells) and cells[run]:
                    run += 1
                x = left + (QUIET_ZONE + column) * unit
                y = top + (QUIET_ZONE + row) * unit
                # A hair of overlap hides seams between squares in some viewers.
                self.rect(x, y, (run - column) * unit + 0.02, unit + 0.02, style="F")
                column = run
        self.set_y(top + size)


def _photo_bytes(deputy: Deputy) -> bytes | None:
    """Return the deputy's photo file, if there is one and it is an image."""
    photo = deputy.photo
    if photo is None or not photo.content_type.startswith("image/"):
        return None
    try:
        with photo.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def poster_pdf(obj: Deputy | Station, url: str) -> bytes:
    """Return a printable A4 poster with the QR code of a deputy or station."""
    pdf = _Poster(find_cjk_font())
    pdf.set_title(str(obj))
    pdf.set_creator(settings.RENDA_SITE_NAME)
    pdf.set_fill_color(*RED)
    pdf.rect(0, 0, pdf.w, 28, style="F")
    pdf.set_y(9)
    pdf.centered(obj.congress.name, 18, bold=True, color=(255, 255, 255))
    pdf.set_y(36)
    if isinstance(obj, Deputy):
        photo = _photo_bytes(obj)
        if photo is not None:
            try:
                pdf.image(
                    io.BytesIO(photo),
                    x=(pdf.w - 36) / 2,
                    y=pdf.get_y(),
                    w=36,
                    h=48,
                    keep_aspect_ratio=True,
                )
                pdf.set_y(pdf.get_y() + 52)
            except Exception:  # a broken photo must not stop the poster
                logger.warning("unreadable photo of deputy %s", obj.pk, exc_info=True)
        pdf.centered(obj.name, 30, bold=True, height=14)
        pdf.centered(f"{obj.get_level_display()} · {obj.term_label}", 14, color=MUTED, height=8)
        if obj.station_id and obj.station.is_active:
            pdf.centered(_("联络站：%(name)s") % {"name": obj.station.name}, 13, color=MUTED)
        invite = _("扫一扫，给代表留言")
    else:
        pdf.centered(obj.name, 26, bold=True, height=13)
        pdf.centered(obj.get_kind_display(), 14, color=MUTED, height=8)
        if obj.address:
            pdf.centered(_("地址：%(address)s") % {"address": obj.address}, 12, color=MUTED)
        if obj.reception_schedule:
            schedule = obj.reception_schedule
            pdf.centered(_("接待时间：%(when)s") % {"when": schedule}, 12, color=MUTED)
        invite = _("扫一扫，联系代表联络站")
    room = pdf.h - pdf.get_y() - 48
    size = max(70, min(120, room))
    pdf.set_y(pdf.get_y() + 4)
    pdf.qr(url, size)
    pdf.set_y(pdf.get_y() + 2)
    pdf.centered(invite, 22, bold=True, color=RED, height=11)
    pdf.set_y(pdf.get_y() + 2)
    pdf.centered(url, 9, color=MUTED, height=5)
    pdf.set_y(pdf.h - 16)
    pdf.centered(settings.RENDA_SITE_NAME, 9, color=MUTED, height=5)
    return bytes(pdf.output())
