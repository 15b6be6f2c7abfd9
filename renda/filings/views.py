"""Staff pages of the filings module: filing, both review tracks, corrections, lists, rates."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import permissions
from renda.core.timeline import timeline_for
from renda.directory.models import Organization
from renda.directory.selectors import active_experts
from renda.filings import access, selectors, services, texts, workflow
from renda.filings.forms import FilingForm, OpinionForm, ProposeForm, RespondForm
from renda.filings.models import Correction, Finding, Opinion, Side, Track
from renda.filings.permissions import FILE, MANAGE


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(m for ms in exc.message_dict.values() for m in ms)
    return "；".join(exc.messages)


@login_required
def filing_list(request: HttpRequest) -> HttpResponse:
    """List the filings the person files or reviews."""
    state = request.GET.get("state", "")
    filings = selectors.filing_list(
        viewer=request.user, state=state if state in workflow.STATES else "",
        late=request.GET.get("late") == "1", q=request.GET.get("q", "").strip()[:100],
        kind=request.GET.get("kind", ""),
    )  # fmt: skip
    page = Paginator(filings, 30).get_page(request.GET.get("page"))
    return render(request, "filings/list.html", {
        "page": page, "states": Track.State.choices, "state": state,
        "may_file": permissions.can(request.user, FILE),
        "may_manage": permissions.can(request.user, MANAGE),
    })  # fmt: skip


def _my_bodies(request: HttpRequest):
    return Organization.objects.filter(members=request.user, is_filing_body=True, is_active=True)


@login_required
def filing_new(request: HttpRequest) -> HttpResponse:
    """File a document once, to both reviewers (一键双报备)."""
    bodies = _my_bodies(request)
    if not permissions.can(request.user, FILE) or not bodies.exists():
        raise PermissionDenied
    form = FilingForm(request.POST or None, request.FILES or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filing = services.filing_submit(
                body=data["body"], title=data["title"], number=data["number"],
                doc_type=data["doc_type"], published_on=data["published_on"],
                upload=data["file"], drafting_notes=data["drafting_notes"],
                legality_opinion=data["legality_opinion"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已同时报送人大常委会和政府备案审查机关。"))
            if filing.is_late:
                messages.warning(request, _("该文件已超过报备期限（%(due)s），记为逾期报备。")
                                 % {"due": filing.due_on})  # fmt: skip
            return redirect("filings:filing_detail", filing.pk)
    return render(request, "filings/new.html", {"form": form})


def _filing_or_404(request: HttpRequest, pk: int):
    filing = selectors.filing_for(request.user, pk)
    if filing is None:
        raise Http404
    return filing


@login_required
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the text beside its pre-review findings, and each track with what may be done."""
    filing = _filing_or_404(request, pk)
    tracks = selectors.tracks_of(filing)
    stock = filing.kind == filing.Kind.STOCK
    panels = []
    for track in tracks:
        track.filing = filing
        actor = access.actor_for(request.user, track)
        actions = workflow.allowed_actions(track.state, actor, stock=stock)
        panels.append({
            "track": track, "actor": actor, "actions": actions,
            "propose_form": ProposeForm(prefix=track.side) if "propose" in actions else None,
            "opinion_form": OpinionForm(prefix=f"o{track.side}", experts=active_experts(
                filing.congress)) if "request_opinion" in actions else None,
            "candidates": access.reviewer_candidates(track) if "assign" in actions else [],
            "checklist": services.CHECKLIST,
            "open_correction": next((c for c in track.corrections.all() if not c.closed_on), None),
        })  # fmt: skip
    findings = selectors.current_findings(filing)
    reviewer = any(p["actor"] == workflow.Actor.REVIEWER for p in panels)
    deciding = any("decide_finding" in p["actions"] for p in panels)
    return render(request, "filings/detail.html", {
        "filing": filing, "panels": panels, "findings": findings,
        "marked_text": texts.mark_findings(filing.text, findings),
        "is_reviewer": reviewer, "may_decide": deciding,
        "respond_form": RespondForm(), "timeline": timeline_for(filing),
        "versions": filing.versions.all(),
    })  # fmt: skip


def _track(request: HttpRequest, pk: int, side: str) -> Track:
    filing = _filing_or_404(request, pk)
    if side not in Side.values:
        raise Http404
    track = get_object_or_404(Track, filing=filing, side=side)
    track.filing = filing
    return track


@login_required
@require_POST
def track_action(request: HttpRequest, pk: int, side: str, action: str) -> HttpResponse:
    """Do one action on a track through its service."""
    track = _track(request, pk, side)
    post = request.POST
    try:
        if action == "register":
            services.track_register(
                track=track, actor=request.user,
                checklist={k: bool(post.get(f"check_{k}")) for k in services.CHECKLIST},
            )  # fmt: skip
            messages.success(
                request, _("已登记备案，回执号 %(no)s。") % {"no": track.receipt_number}
            )
        elif action == "return":
            services.track_return(track=track, reason=post.get("reason", ""), actor=request.user)
            messages.success(request, _("已退回制定主体限期补正。"))
        elif action == "assign":
            reviewer = access.reviewer_candidates(track).filter(pk=post.get("reviewer")).first()
            if reviewer is None:
                raise ValidationError({"reviewer": _("请选择承办人。")})
            services.track_assign(track=track, reviewer=reviewer, actor=request.user)
            messages.success(request, _("已交承办人实质审查。"))
        elif action == "propose":
            form = ProposeForm(post, prefix=side)
            if not form.is_valid():
                raise ValidationError({k: v for k, v in form.errors.items()})
            services.track_propose(track=track, actor=request.user, **form.cleaned_data)
            messages.success(request, _("审查意见已报审核。"))
        elif action in ("sign", "send_back"):
            services.track_sign(track=track, approved=action == "sign",
                                comment=post.get("comment", ""), actor=request.user)  # fmt: skip
            messages.success(request, _("已签批。") if action == "sign" else _("已退回承办人。"))
        elif action == "request_opinion":
            form = OpinionForm(
                post, prefix=f"o{side}", experts=active_experts(track.filing.congress)
            )
            if not form.is_valid():
                raise ValidationError({k: v for k, v in form.errors.items()})
            services.opinion_request(track=track, actor=request.user, **form.cleaned_data)
            messages.success(request, _("已发出征询。"))
        elif action == "record_opinion":
            opinion = get_object_or_404(Opinion, pk=post.get("opinion"), track=track)
            services.opinion_record(opinion=opinion, answer=post.get("answer", ""),
                                    actor=request.user)  # fmt: skip
            messages.success(request, _("意见已记录。"))
        elif action == "close":
            services.track_close(track=track, actor=request.user)
            messages.success(request, _("纠正完成，审查完结。"))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("filings:filing_detail", pk)


@login_required
@require_POST
def finding_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or dismiss one pre-review finding."""
    finding = get_object_or_404(Finding, pk=pk)
    _filing_or_404(request, finding.filing_id)
    try:
        services.finding_decide(finding=finding, decision=request.POST.get("decision", ""),
                                note=request.POST.get("note", ""), actor=request.user)  # fmt: skip
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(reverse("filings:filing_detail", args=[finding.filing_id]) + "#findings")


@login_required
@require_POST
def correction_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The body answers a correction request, with the corrected text or the repeal."""
    correction = get_object_or_404(Correction.objects.select_related("track"), pk=pk)
    filing = _filing_or_404(request, correction.track.filing_id)
    correction.track.filing = filing
    form = RespondForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.correction_respond(
                correction=correction,
                actor=request.user,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["note"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("已回复纠正意见。"))
    else:
        messages.error(request, "；".join(e for es in form.errors.values() for e in es))
    return redirect("filings:filing_detail", filing.pk)


def _managed(request: HttpRequest):
    congresses = permissions.congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    return congresses


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    """The list of filing bodies (备案主体清单) with their filing contacts."""
    bodies = selectors.bodies_with_contacts(_managed(request))
    return render(request, "filings/bodies.html", {"bodies": bodies})


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@login_required
def late_list(request: HttpRequest) -> HttpResponse:
    """Late filers of a year, for a notice (通报)."""
    year = _year(request)
    rows = selectors.late_filers(_managed(request), year)
    return render(request, "filings/late.html", {"rows": rows, "year": year})


@login_required
def metrics(request: HttpRequest) -> HttpResponse:
    """Filing timeliness, review on time and corrections completed, per body, with a chart."""
    year = _year(request)
    rows = selectors.metrics(_managed(request), year, timezone.localdate())
    chart = {
        "labels": [r.label for r in rows[1:]],
        "series": {
            _("报备及时率"): [r.timeliness for r in rows[1:]],
            _("按时审查率"): [r.review_on_time for r in rows[1:]],
            _("纠正完成率"): [r.correction_rate for r in rows[1:]],
        },
    }
    return render(request, "filings/metrics.html", {
        "rows": rows, "year": year, "chart": chart,
        "years": range(timezone.localdate().year, dt.date(2020, 1, 1).year - 1, -1),
    })  # fmt: skip


def home_context(request: HttpRequest) -> dict:
    """What the home panel shows the person."""
    return {
        "may_file": permissions.can(request.user, FILE),
        "may_manage": permissions.can(request.user, MANAGE),
    }
