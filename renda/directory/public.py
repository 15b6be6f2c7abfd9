"""Public mobile pages of deputies and stations, reached by their QR codes; no login."""

import hashlib

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from renda.core.permissions import can
from renda.core.ratelimit import limit_requests
from renda.directory import qr, selectors
from renda.directory.models import Deputy, Station
from renda.directory.permissions import MANAGE

QR_MAX_AGE = 24 * 3600
POSTER_CACHE_SECONDS = 7 * 24 * 3600
POSTER_LIMIT = 20  # posters per minute and address: each costs about a second of CPU
QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def compose_url(kind: str, code: str) -> str | None:
    """Return the channel's page to leave a message for a deputy or station, if installed."""
    try:
        return reverse("channel:compose", kwargs={"kind": kind, "code": code})
    except NoReverseMatch:
        pass
    try:
        return f"{reverse('channel:compose')}?{kind}={code}"
    except NoReverseMatch:
        return None


def _public_or_managed(request: HttpRequest, model, public, code: str):
    """Return a public record, or any record to staff who manage its congress; 404 otherwise."""
    obj = public.filter(public_code=code).first()
    if obj is not None:
        return obj, True
    obj = model.objects.filter(public_code=code).select_related("congress").first()
    if obj is not None and can(request.user, MANAGE, obj.congress):
        return obj, False
    raise Http404


def _record(request: HttpRequest, kind: str, code: str):
    if kind == "deputy":
        return _public_or_managed(request, Deputy, selectors.public_deputies(), code)
    return _public_or_managed(request, Station, selectors.public_stations(), code)


@require_safe
def deputy(request: HttpRequest, code: str) -> HttpResponse:
    """Show who a deputy is, where to meet them, and how to leave a message."""
    person = get_object_or_404(selectors.public_deputies(), public_code=code)
    station = selectors.public_stations().filter(pk=person.station_id).first()
    context = {
        "deputy": person,
        "station": station,
        "compose_url": compose_url("deputy", code),
        "photo_url": (
            reverse("directory_public:deputy_photo", kwargs={"code": code})
            if person.photo_id and person.photo.content_type.startswith("image/")
            else None
        ),
    }
    return render(request, "directory/public/deputy.html", context)


@require_safe
def station(request: HttpRequest, code: str) -> HttpResponse:
    """Show a station, its reception schedule, its public phone and its deputies."""
    place = get_object_or_404(selectors.public_stations(), public_code=code)
    context = {
        "station": place,
        "deputies": selectors.public_deputies().filter(station=place),
        "compose_url": compose_url("station", code),
    }
    return render(request, "directory/public/station.html", context)


@require_safe
def deputy_photo(request: HttpRequest, code: str) -> HttpResponse:
    """Serve a public deputy's photo."""
    person, public = _record(request, "deputy", code)
    photo = person.photo
    if photo is None or not photo.content_type.startswith("image/"):
        raise Http404
    try:
        response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    except OSError as exc:
        raise Http404 from exc
    response["X-Content-Type-Options"] = "nosniff"
    _cache(response, public)
    return response


def _cache(response: HttpResponse, public: bool) -> None:
    if public:
        patch_cache_control(response, public=True, max_age=QR_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)


def _qr(request: HttpRequest, kind: str, code: str, fmt: str) -> HttpResponse:
    if fmt not in QR_CONTENT_TYPES:
        raise Http404
    obj, public = _record(request, kind, code)
    url = qr.target_url(request, obj)
    if fmt == "svg":
        body = qr.qr_svg(url)
    else:
        try:
            scale = int(request.GET.get("scale", "10"))
        except ValueError:
            scale = 10
        body = qr.qr_png(url, scale)
    response = HttpResponse(body, content_type=QR_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'inline; filename="{kind}-{code}.{fmt}"'
    _cache(response, public)
    return response


def _poster_key(obj: Deputy | Station, url: str) -> str:
    """Return a cache key that changes whenever anything printed on the poster changes."""
    parts = [url, obj.congress.name, obj.name, str(getattr(obj, "updated_at", ""))]
    if isinstance(obj, Deputy):
        parts += [obj.level, str(obj.term), obj.photo.sha256 if obj.photo_id else ""]
        parts += [obj.station.name if obj.station_id else ""]
    else:
        parts += [obj.kind, obj.address, obj.reception_schedule]
    return "directory:poster:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@limit_requests("directory.poster", limit=POSTER_LIMIT, window=60, methods=("GET", "HEAD"))
def _poster(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    obj, public = _record(request, kind, code)
    url = qr.target_url(request, obj)
    key = _poster_key(obj, url)
    body = cache.get(key)
    if body is None:
        try:
            body = qr.poster_pdf(obj, url)
        except qr.FontMissing:
            return render(request, "directory/public/poster_unavailable.html", status=503)
        cache.set(key, body, timeout=POSTER_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{code}.pdf"'
    _cache(response, public)
    return response


@require_safe
def deputy_qr(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Serve a deputy's QR code as SVG or PNG."""
    return _qr(request, "deputy", code, fmt)


@require_safe
def station_qr(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Serve a station's QR code as SVG or PNG."""
    return _qr(request, "station", code, fmt)


@require_safe
def deputy_poster(request: HttpRequest, code: str) -> HttpResponse:
    """Serve a deputy's printable A4 poster."""
    return _poster(request, "deputy", code)


@require_safe
def station_poster(request: HttpRequest, code: str) -> HttpResponse:
    """Serve a station's printable A4 poster."""
    return _poster(request, "station", code)
