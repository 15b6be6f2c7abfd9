"""Staff pages of consultations: create, correct, invite, review opinions, report, compare."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import permissions
from renda.core.timeline import timeline_for
from renda.legislation import compare, documents, experts, reviewing, selectors, services, workflow
from renda.legislation.forms import (
    ArticleForm,
    ConsultationForm,
    ExpertQuestionForm,
    FinalForm,
    InviteForm,
)
from renda.legislation.models import Article, Consultation, Opinion, OpinionGroup
from renda.legislation.permissions import MANAGE

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form's fields (or on the form when no such field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _managed(request: HttpRequest):
    congresses = permissions.congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    return congresses


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    _managed(request)
    return get_object_or_404(selectors.staff_consultations(request.user), pk=pk)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    """List the consultations of the congresses this person works for."""
    _managed(request)
    consultations = selectors.staff_consultations(request.user)
    page = Paginator(consultations, 30).get_page(request.GET.get("page"))
    return render(request, "legislation/staff/list.html", {"page": page})


@login_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    """Upload a draft and parse it into articles."""
    congresses = _managed(request)
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_create(
                congress=congresses.order_by("level", "path").first(),
                title=data["title"],
                legislature=data["legislature"],
                upload=data["draft"],
                text=data["text"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                notes=data["notes"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            count = consultation.articles.count()
            messages.success(request, _("草案已导入，识别出 %(n)d 条，请核对。") % {"n": count})
            return redirect("legislation:detail", pk=consultation.pk)
    return render(request, "legislation/staff/create.html", {"form": form})


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a consultation: state, articles with counts, questions, invitations, timeline."""
    consultation = _consultation(request, pk)
    congress = consultation.congress
    return render(
        request,
        "legislation/staff/detail.html",
        {
            "c": consultation,
            "articles": selectors.articles_with_counts(consultation),
            "general": consultation.opinions.filter(article__isnull=True).count(),
            "total": consultation.opinions.count(),
            "actions": workflow.allowed_actions(consultation.state, workflow.STAFF),
            "invite_form": InviteForm(congress=congress),
            "expert_form": ExpertQuestionForm(congress=congress),
            "invitations": consultation.invitations.select_related("deputy", "expert", "point"),
            "expert_questions": consultation.expert_questions.select_related("expert"),
            "timeline": timeline_for(consultation),
        },
    )


@login_required
@require_POST
def consultation_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish, close or reopen."""
    consultation = _consultation(request, pk)
    service = {
        "publish": services.consultation_publish,
        "close": services.consultation_close,
        "reopen": services.consultation_reopen,
    }.get(action)
    if service is None:
        raise PermissionDenied
    try:
        service(consultation=consultation, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已更新状态：%(s)s") % {"s": consultation.get_state_display()})
    return redirect("legislation:detail", pk=pk)


@login_required
def article_edit(request: HttpRequest, pk: int, article_pk: int) -> HttpResponse:
    """Correct one parsed article."""
    consultation = _consultation(request, pk)
    article = get_object_or_404(consultation.articles, pk=article_pk)
    initial = {f: getattr(article, f) for f in ("label", "caption", "chapter", "text")}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if "remove" in request.POST:
                services.article_remove(article=article, actor=request.user)
            else:
                services.article_update(article=article, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("条文已更正。"))
            return redirect("legislation:detail", pk=pk)
    return render(
        request,
        "legislation/staff/article_edit.html",
        {"c": consultation, "article": article, "form": form},
    )


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    try:
        services.question_add(
            consultation=consultation, text=request.POST.get("text", ""), actor=request.user
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("legislation:detail", pk=pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite deputies, experts and collection points."""
    consultation = _consultation(request, pk)
    form = InviteForm(request.POST, congress=consultation.congress)
    if form.is_valid():
        try:
            count = services.invitations_send(
                consultation=consultation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("已发出邀请 %(n)d 份。") % {"n": count})
    return redirect("legislation:detail", pk=pk)


@login_required
@require_POST
def expert_ask(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    form = ExpertQuestionForm(request.POST, congress=consultation.congress)
    if form.is_valid():
        try:
            experts.expert_question_ask(
                consultation=consultation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("已向专家发出咨询。"))
    return redirect("legislation:detail", pk=pk)


@login_required
def opinions(request: HttpRequest, pk: int) -> HttpResponse:
    """Work through opinions: filter per article, tag, answer, merge, mark adoption."""
    consultation = _consultation(request, pk)
    article = request.GET.get("article", "")
    source = request.GET.get("source", "")
    query = request.GET.get("q", "").strip()
    listed = selectors.opinion_list(consultation, article=article, source=source, query=query)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/staff/opinions.html",
        {
            "c": consultation,
            "page": page,
            "articles": selectors.draft_articles(consultation),
            "article": article,
            "source": source,
            "query": query,
            "sources": Opinion.Source.choices,
            "adoptions": [c for c in Opinion.Adoption.choices if c[0]],
            "can_adopt": workflow.decide(consultation.state, "mark_adoption", "staff").allowed,
        },
    )


@login_required
@require_POST
def opinions_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one action to the selected opinions."""
    consultation = _consultation(request, pk)
    selected = list(
        consultation.opinions.filter(pk__in=request.POST.getlist("opinion")).select_related(
            "group", "consultation__congress"
        )
    )
    action = request.POST.get("action", "")
    try:
        if not selected:
            raise ValidationError(_("请先选择意见。"))
        if action == "handle":
            n = reviewing.opinions_handle(
                opinions=selected,
                tags=request.POST.get("tags", ""),
                handling_view=request.POST.get("handling_view", ""),
                actor=request.user,
            )
            messages.success(request, _("已处理 %(n)d 条意见（含同组意见）。") % {"n": n})
        elif action == "merge":
            reviewing.opinions_merge(opinions=selected, actor=request.user)
            messages.success(request, _("已合并为一组。"))
        elif action == "ungroup":
            for opinion in selected:
                reviewing.opinion_ungroup(opinion=opinion, actor=request.user)
            messages.success(request, _("已移出分组。"))
        elif action == "adoption":
            n = reviewing.opinions_mark_adoption(
                opinions=selected, adoption=request.POST.get("adoption", ""), actor=request.user
            )
            messages.success(request, _("已标记 %(n)d 条意见（含同组意见）。") % {"n": n})
        else:
            raise ValidationError(_("未知的操作。"))
    except ValidationError as exc:
        _flash(request, exc)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/legislation/") else f"/legislation/{pk}/opinions/")


@login_required
def groups(request: HttpRequest, pk: int) -> HttpResponse:
    """Near-duplicate groups and campaigns, largest first, to review."""
    consultation = _consultation(request, pk)
    listed = consultation.groups.select_related("representative__article")
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    return render(request, "legislation/staff/groups.html", {"c": consultation, "page": page})


@login_required
@require_POST
def group_run(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    try:
        figures = reviewing.consultation_group(consultation=consultation, actor=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(
            request, _("已分组：%(groups)d 组相近意见，其中群体性意见 %(campaigns)d 组。") % figures
        )
    return redirect("legislation:groups", pk=pk)


@login_required
@require_POST
def group_review(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    group = get_object_or_404(OpinionGroup, consultation=consultation, pk=group_pk)
    try:
        reviewing.group_review(
            group=group, is_campaign=request.POST.get("campaign") == "1", actor=request.user
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("legislation:groups", pk=pk)


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the feedback report; generating it from a closed consultation records it sent."""
    consultation = _consultation(request, pk)
    if request.method == "POST":
        try:
            reviewing.consultation_report(consultation=consultation, actor=request.user)
        except ValidationError as exc:
            _flash(request, exc)
            return redirect("legislation:detail", pk=pk)
    response = HttpResponse(documents.report_docx(consultation), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="report-{pk}.docx"'
    return response


@login_required
def opinions_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    response = HttpResponse(documents.opinions_xlsx(consultation), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="opinions-{pk}.xlsx"'
    return response


@login_required
def final(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the published text and compare it with the draft, article by article."""
    consultation = _consultation(request, pk)
    form = FinalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reviewing.final_import(
                consultation=consultation,
                upload=data["final"],
                text=data["text"],
                title=data["title"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("公布文本已导入并逐条比对。"))
            return redirect("legislation:final", pk=pk)
    rows = []
    draft = selectors.articles_with_counts(consultation).select_related("counterpart")
    for article in draft:
        other = article.counterpart
        left, right = compare.side_by_side(article.text, other.text if other else "")
        rows.append({"draft": article, "final": other, "left": left, "right": right})
    for article in selectors.final_articles(consultation).filter(change=Article.Change.ADDED):
        rows.append({"draft": None, "final": article, "left": [], "right": [("ins", article.text)]})
    return render(
        request,
        "legislation/staff/final.html",
        {
            "c": consultation,
            "form": form,
            "rows": rows,
            "has_final": consultation.final_title != "",
        },
    )


@login_required
def certificate(request: HttpRequest, opinion_pk: int) -> HttpResponse:
    """The certificate of an adopted opinion (staff, or the person who sent it)."""
    opinion = get_object_or_404(
        Opinion.objects.select_related("consultation__congress", "article", "deputy"),
        pk=opinion_pk,
    )
    own = opinion.submitted_by_id == request.user.pk or (
        opinion.deputy_id and opinion.deputy.user_id == request.user.pk
    )
    if not own and not permissions.can(request.user, MANAGE, opinion.consultation.congress):
        raise PermissionDenied
    if not opinion.certificate_no:
        raise PermissionDenied(_("该意见未被采纳，没有证书。"))
    response = HttpResponse(documents.certificate_pdf(opinion), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{opinion.pk}.pdf"'
    return response


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Laws consulted, opinions, adopted and the rate: per consultation, point and year."""
    _managed(request)
    stats = selectors.statistics(selectors.staff_consultations(request.user))
    chart = {
        "years": [row["year"] for row in stats["per_year"]],
        "opinions": [row["opinions"] for row in stats["per_year"]],
        "adopted": [row["adopted"] for row in stats["per_year"]],
        "points": [row["point__name"] for row in stats["per_point"]][:15],
        "point_opinions": [row["opinion_count"] for row in stats["per_point"]][:15],
        "point_adopted": [row["adopted_count"] for row in stats["per_point"]][:15],
    }
    return render(request, "legislation/staff/statistics.html", {**stats, "chart": chart})
