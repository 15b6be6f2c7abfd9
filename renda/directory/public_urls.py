"""Public addresses of deputies and stations: what their QR codes encode."""

from django.urls import path, register_converter

from renda.directory import public


class QrFormat:
    regex = "svg|png"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(QrFormat, "qrformat")

app_name = "directory_public"

urlpatterns = [
    path("d/<slug:code>/", public.deputy, name="deputy"),
    path("d/<slug:code>/qr.<qrformat:fmt>", public.deputy_qr, name="deputy_qr"),
    path("d/<slug:code>/poster.pdf", public.deputy_poster, name="deputy_poster"),
    path("d/<slug:code>/photo", public.deputy_photo, name="deputy_photo"),
    path("s/<slug:code>/", public.station, name="station"),
    path("s/<slug:code>/qr.<qrformat:fmt>", public.station_qr, name="station_qr"),
    path("s/<slug:code>/poster.pdf", public.station_poster, name="station_poster"),
]
