"""The citizens' side on a phone: leave a message, get a code, follow it, rate it."""

import io
import secrets

from captcha.image import ImageCaptcha
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from renda.channel import rules, selectors, services
from renda.channel.forms import ComposeForm, RateForm, ReopenForm, TrackForm
from renda.channel.models import Kind
from renda.channel.workflow import Action, Side, actions_for
from renda.core.http import client_ip
from renda.core.ratelimit import device_key, hit, peek

WINDOW = 600
SESSION_CODES = "channel_codes"
SESSION_CAPTCHA = "channel_captcha"


def _remember(request: HttpRequest, code: str) -> None:
    codes = request.session.get(SESSION_CODES, [])
    if code not in codes:
        request.session[SESSION_CODES] = [*codes[-19:], code]


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "core/rate_limited.html", {"retry_after": WINDOW}, status=429)


@never_cache
def compose(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """Leave a message for a deputy or a station (reached through its QR code)."""
    recipient = services.recipient_by_code(code)
    if recipient is None or kind not in {"deputy", "station"}:
        raise Http404
    address = f"channel:address:{client_ip(request)}"
    need_captcha = peek(address, window=WINDOW) >= settings.RENDA_CHANNEL_CAPTCHA_AFTER
    form = ComposeForm(request.POST or None, request.FILES or None, need_captcha=need_captcha)
    if request.method == "POST":
        if not hit(address, limit=settings.RENDA_CHANNEL_ADDRESS_LIMIT, window=WINDOW).allowed:
            return _too_many(request)
        device = f"channel:device:{device_key(request)}"
        if peek(device, window=WINDOW) >= settings.RENDA_CHANNEL_DEVICE_LIMIT:
            return _too_many(request)
        if need_captcha:
            expected = request.session.pop(SESSION_CAPTCHA, None)
            if not expected or request.POST.get("captcha", "").strip() != expected:
                form.add_error("captcha", _("验证码不正确，请看图重新输入。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                message, created = services.message_submit(
                    recipient_code=code, kind=data["kind"], content=data["content"],
                    name=data["name"], phone=data["phone"], consent_publish=data["consent_publish"],
                    photos=request.FILES.getlist("photos"), send_sms=data["send_sms"],
                    idempotency_key=data["idempotency_key"],
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if created:
                    hit(device, limit=settings.RENDA_CHANNEL_DEVICE_LIMIT, window=WINDOW)
                _remember(request, message.tracking_code)
                return redirect("channel:receipt", code=message.tracking_code)
    return render(
        request,
        "channel/public/compose.html",
        {
            "form": form,
            "recipient": recipient,
            "recipient_kind": kind,
            "limits": [
                (Kind(k).label, d) for k, d in services.time_limits(recipient.congress).items()
            ],
        },
    )


def captcha_image(request: HttpRequest) -> HttpResponse:
    """Draw a new four-digit captcha for this session (self-hosted, no outside service)."""
    text = f"{secrets.randbelow(10**4):04d}"
    request.session[SESSION_CAPTCHA] = text
    buffer = io.BytesIO()
    ImageCaptcha(width=160, height=60).write(text, buffer, format="png")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_safe
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    """Show the tracking code and its secret to the device that sent the message."""
    if code not in request.session.get(SESSION_CODES, []):
        return redirect("channel:track")
    return render(
        request,
        "channel/public/receipt.html",
        {
            "code": rules.format_code(code),
            "raw_code": code,
            "secret": services.tracking_secret(code),
        },
    )


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """Ask for the tracking code and secret."""
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if not hit(f"channel:track:{client_ip(request)}", limit=30, window=WINDOW).allowed:
            return _too_many(request)
        if form.is_valid():
            message = services.find_by_secret(
                form.cleaned_data["code"], form.cleaned_data["secret"]
            )
            if message is not None:
                _remember(request, message.tracking_code)
                return redirect("channel:progress", code=message.tracking_code)
            form.add_error(None, _("查询码或密码不正确。"))
    return render(request, "channel/public/track.html", {"form": form})


@never_cache
def progress(request: HttpRequest, code: str) -> HttpResponse:
    """Show every public step of a message, and let the citizen rate or reopen it."""
    if code not in request.session.get(SESSION_CODES, []):
        return redirect("channel:track")
    message = (
        services.Message.objects.select_related("deputy", "station")
        .filter(tracking_code=code)
        .first()
    )
    if message is None:
        return redirect("channel:track")
    allowed = actions_for(message.state, Side.CITIZEN)
    rate_form = RateForm(request.POST if "rating" in request.POST else None)
    reopen_form = ReopenForm(request.POST if "reason" in request.POST else None)
    if request.method == "POST":
        try:
            if Action.RATE in allowed and rate_form.is_bound and rate_form.is_valid():
                services.message_rate(message=message, **rate_form.cleaned_data)
                return redirect("channel:progress", code=code)
            if Action.REOPEN in allowed and reopen_form.is_bound and reopen_form.is_valid():
                services.message_reopen(message=message, reason=reopen_form.cleaned_data["reason"])
                return redirect("channel:progress", code=code)
        except ValidationError as exc:
            (rate_form if rate_form.is_bound else reopen_form).add_error(None, exc)
    return render(
        request,
        "channel/public/progress.html",
        {
            "message": message,
            "code": rules.format_code(code),
            "steps": selectors.steps(message, public_only=True),
            "can_rate": Action.RATE in allowed,
            "can_reopen": Action.REOPEN in allowed,
            "rate_form": rate_form,
            "reopen_form": reopen_form,
            "merged_into": message.merged_into.tracking_code if message.merged_into_id else None,
        },
    )


@require_safe
def wall(request: HttpRequest) -> HttpResponse:
    """Show answered messages whose authors agreed, with personal data removed."""
    page = Paginator(selectors.public_wall(), 20).get_page(request.GET.get("page"))
    items = [
        {
            "kind": m.get_kind_display(),
            "to": m.recipient.name,
            "content": rules.scrub(m.content),
            "reply": rules.scrub(m.reply),
            "replied_at": m.replied_at,
            "rating": m.get_rating_display(),
        }
        for m in page
    ]
    return render(request, "channel/public/wall.html", {"page": page, "items": items})


def compose_link(recipient) -> str:
    """Return the page where citizens write to a deputy or station."""
    kind = "deputy" if recipient.__class__.__name__ == "Deputy" else "station"
    return reverse("channel:compose", kwargs={"kind": kind, "code": recipient.public_code})
