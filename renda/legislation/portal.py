"""The deputies', experts' and information officers' pages: comment, answer, enter offline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from renda.core import permissions
from renda.directory.models import CollectionPoint
from renda.legislation import experts, selectors, services
from renda.legislation.forms import AnswerForm, OfflineOpinionForm, OpinionForm
from renda.legislation.models import Consultation, ExpertQuestion, Opinion
from renda.legislation.permissions import COMMENT_AS_DEPUTY, COMMENT_AS_EXPERT, ENTER_OFFLINE
from renda.legislation.views import apply_errors

PORTAL_PERMS = (COMMENT_AS_DEPUTY, COMMENT_AS_EXPERT, ENTER_OFFLINE)


def _congresses(request: HttpRequest):
    congresses = set()
    for perm in PORTAL_PERMS:
        congresses |= set(
            permissions.congresses_where(request.user, perm).values_list("pk", flat=True)
        )
    if not congresses:
        raise PermissionDenied
    return congresses


def _roles(user, consultation: Consultation) -> dict[str, bool]:
    congress = consultation.congress
    return {
        "deputy": permissions.can(user, COMMENT_AS_DEPUTY, congress),
        "expert": permissions.can(user, COMMENT_AS_EXPERT, congress),
        "officer": permissions.can(user, ENTER_OFFLINE, congress),
    }


def _points(user, consultation: Consultation):
    points = CollectionPoint.objects.filter(congress=consultation.congress, is_active=True)
    own = points.filter(officers__user=user).distinct()
    return own if own.exists() else points


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    """Open drafts in my congresses, and questions put to me."""
    congresses = _congresses(request)
    consultations = Consultation.objects.filter(congress__in=congresses).exclude(
        state=Consultation.State.DRAFT
    )
    questions = ExpertQuestion.objects.filter(expert__user=request.user).select_related(
        "consultation"
    )
    return render(
        request,
        "legislation/portal/list.html",
        {"consultations": consultations.select_related("congress"), "questions": questions},
    )


@login_required
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the draft, comment as a deputy or expert, enter offline opinions, answer questions."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("congress"), pk=pk, congress__in=_congresses(request)
    )
    roles = _roles(request.user, consultation)
    articles = list(selectors.draft_articles(consultation))
    data = request.POST if request.method == "POST" else None
    points = _points(request.user, consultation)
    kind = request.POST.get("kind", "")
    forms = {
        "comment": OpinionForm(
            data if kind == "comment" else None,
            articles=articles,
            initial={"idempotency_key": _key()},
        ),
        "offline": OfflineOpinionForm(
            data if kind == "offline" else None,
            articles=articles,
            points=points,
            initial={
                "idempotency_key": _key(),
                "point": points.first() if len(points) == 1 else None,
            },
        ),
    }
    questions = ExpertQuestion.objects.filter(
        consultation=consultation, expert__user=request.user
    ).select_related("article")
    if request.method == "POST":
        done = _handle(request, consultation, roles, kind, forms, questions)
        if done:
            return redirect("legislation:portal_detail", pk=pk)
    mine = Opinion.objects.filter(consultation=consultation, submitted_by=request.user)
    return render(
        request,
        "legislation/portal/detail.html",
        {
            "c": consultation,
            "articles": articles,
            "roles": roles,
            "forms": forms,
            "questions": questions,
            "answer_form": AnswerForm(),
            "mine": mine.select_related("article", "point"),
        },
    )


def _key() -> str:
    import uuid

    return uuid.uuid4().hex


def _handle(request, consultation, roles, kind, forms, questions) -> bool:
    try:
        if kind == "answer":
            question = get_object_or_404(questions, pk=request.POST.get("question"))
            form = AnswerForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("请填写解答。"))
                return False
            experts.expert_question_answer(
                question=question, answer=form.cleaned_data["answer"], actor=request.user
            )
            messages.success(request, _("解答已提交，并记入专家工作台账。"))
            return True
        form = forms.get(kind)
        if form is None or not form.is_valid():
            return False
        data = form.cleaned_data
        if kind == "offline":
            if not roles["officer"]:
                raise PermissionDenied
            source, extra = (
                Opinion.Source.OFFLINE,
                {"point": data["point"], "method": data["method"]},
            )
        else:
            source = Opinion.Source.DEPUTY if roles["deputy"] else Opinion.Source.EXPERT
            if not (roles["deputy"] or roles["expert"]):
                raise PermissionDenied
            extra = {}
        services.opinion_submit(
            consultation=consultation,
            text=data["text"],
            article=data["article"] or None,
            name=data["name"],
            phone=data["phone"],
            source=source,
            idempotency_key=data["idempotency_key"] or None,
            actor=request.user,
            **extra,
        )
        messages.success(request, _("意见已保存。"))
        return True
    except ValidationError as exc:
        target = forms.get(kind)
        if target is not None:
            apply_errors(target, exc)
        else:
            messages.error(request, "；".join(exc.messages))
        return False
