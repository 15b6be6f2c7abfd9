"""Public mobile pages: open drafts article by article, and a form anyone may send opinions by.

An opinion is stored before the page says it was received; a hidden key makes a double tap (or
a resend after a lost response) return the same opinion. Floods are limited per session
(tight) and per address (generous, so a reception event behind one NAT gateway still works).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from renda.core import ratelimit
from renda.core.http import client_ip
from renda.legislation import selectors, services
from renda.legislation.forms import OpinionForm
from renda.legislation.views import apply_errors

PER_SESSION = (20, 600)  # 20 opinions in 10 minutes from one browser
PER_ADDRESS = (600, 3600)  # 600 an hour from one address: a hall of people behind one gateway


def flood_refusal(request: HttpRequest) -> int | None:
    """Count one submission; return seconds to wait if a limit is passed, else None."""
    checks = (
        (f"lx:s:{ratelimit.device_key(request)}", PER_SESSION),
        (f"lx:ip:{client_ip(request) or 'unknown'}", PER_ADDRESS),
    )
    for key, (limit, window) in checks:
        decision = ratelimit.hit(key, limit=limit, window=window)
        if not decision.allowed:
            return decision.retry_after
    return None


def _open(pk: int):
    return get_object_or_404(selectors.public_consultations(), pk=pk)


def draft_list(request: HttpRequest) -> HttpResponse:
    """List drafts open for opinions."""
    return render(
        request,
        "legislation/public/list.html",
        {"consultations": selectors.public_consultations().order_by("closes_on")},
    )


def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an open draft article by article, each with a link to comment on it."""
    consultation = _open(pk)
    return render(
        request,
        "legislation/public/draft.html",
        {
            "c": consultation,
            "articles": selectors.draft_articles(consultation),
            "questions": consultation.questions.all(),
        },
    )


def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an opinion on an article or on the whole draft."""
    consultation = _open(pk)
    articles = list(selectors.draft_articles(consultation))
    initial = {"article": request.GET.get("article", 0), "idempotency_key": uuid.uuid4().hex}
    form = OpinionForm(request.POST or None, initial=initial, articles=articles)
    if request.method == "POST":
        wait = flood_refusal(request)
        if wait is not None:
            response = render(request, "core/rate_limited.html", {"retry_after": wait}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            data = form.cleaned_data
            try:
                opinion = services.opinion_submit(
                    consultation=consultation,
                    text=data["text"],
                    article=data["article"] or None,
                    name=data["name"],
                    phone=data["phone"],
                    source="online",
                    idempotency_key=data["idempotency_key"] or None,
                    actor=request.user,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                request.session["lx_received"] = opinion.pk
                return redirect("legislation_public:received", pk=pk)
    selected = next((a for a in articles if str(a.number) == str(form["article"].value())), None)
    return render(
        request,
        "legislation/public/comment.html",
        {"c": consultation, "form": form, "article": selected},
    )


def received(request: HttpRequest, pk: int) -> HttpResponse:
    """Say the opinion was received (it is stored by now)."""
    consultation = _open(pk)
    opinion = consultation.opinions.filter(pk=request.session.get("lx_received") or 0).first()
    if opinion is None:
        return redirect("legislation_public:draft", pk=pk)
    return render(
        request, "legislation/public/received.html", {"c": consultation, "opinion": opinion}
    )
