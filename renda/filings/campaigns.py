"""Stock clean-up campaigns (存量清理) and the staff pages for them and for review requests."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import calendar, permissions
from renda.core.audit import audit_record
from renda.core.models import Congress, User
from renda.directory.models import Organization
from renda.filings import requests as review_requests
from renda.filings import services, workflow
from renda.filings.models import Campaign, Correction, Filing, ReviewRequest, Side, Validity
from renda.filings.permissions import MANAGE
from renda.filings.workflow import Action


@transaction.atomic
def campaign_create(*, congress: Congress, title: str, ends_on: dt.date, note: str,
                    actor: User) -> Campaign:  # fmt: skip
    """Open a stock clean-up campaign."""
    if not permissions.can(actor, MANAGE, congress):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": _("请填写清理名称。")})
    campaign = Campaign.objects.create(congress=congress, title=title.strip(), note=note,
                                       started_on=timezone.localdate(), ends_on=ends_on,
                                       created_by=actor)  # fmt: skip
    audit_record("filings.campaign.create", actor=actor, congress=congress, target=campaign)
    return campaign


@transaction.atomic
def campaign_import(*, campaign: Campaign, rows: list[dict], actor: User) -> list[Filing]:
    """Import stock documents (制定主体, 标题, 文号, 公布日期, 正文) at once, all or nothing."""
    if not permissions.can(actor, MANAGE, campaign.congress):
        raise PermissionDenied
    filings, errors = [], []
    for index, row in enumerate(rows, start=1):
        body = Organization.objects.filter(
            congress=campaign.congress, name=row.get("body", ""), is_filing_body=True
        ).first()
        if body is None:
            errors.append(_("第 %(n)d 行：制定主体“%(b)s”不在备案主体清单中。")
                          % {"n": index, "b": row.get("body", "")})  # fmt: skip
            continue
        try:
            upload = SimpleUploadedFile("stock.txt", row.get("text", "").encode("utf-8"))
            filings.append(services.filing_submit(
                body=body, title=row.get("title", ""), number=row.get("number", ""),
                published_on=row["published_on"], upload=upload, actor=actor,
                kind=Filing.Kind.STOCK, campaign=campaign,
            ))  # fmt: skip
        except ValidationError as exc:
            errors.append(_("第 %(n)d 行：%(e)s") % {"n": index, "e": "；".join(exc.messages)})
    if errors:
        raise ValidationError(errors)
    return filings


@transaction.atomic
def campaign_conclude(*, filings: list[Filing], result: str, actor: User) -> int:
    """Conclude stock documents in a batch: keep, repeal, or ask for an amendment."""
    if result not in Filing.CleanupResult.values:
        raise ValidationError({"result": _("请选择清理结论。")})
    today = timezone.localdate()
    done = 0
    for filing in filings:
        track = filing.tracks.get(side=Side.CONGRESS)
        action = Action.STOCK_AMEND if result == Filing.CleanupResult.AMEND else Action.STOCK_KEEP
        track.state = services._move(track, action, actor)
        track.result = "no_problem" if result == Filing.CleanupResult.KEEP else "problem"
        track.conclusion = Filing.CleanupResult(result).label
        track.save()
        filing.cleanup_result = result
        if result == Filing.CleanupResult.REPEAL:
            filing.validity = Validity.REPEALED
        filing.save(update_fields=["cleanup_result", "validity"])
        services._record(track, "stock_conclude", _("存量清理结论：%(r)s")
                         % {"r": filing.get_cleanup_result_display()}, actor,
                         result=result)  # fmt: skip
        if track.state == workflow.CLOSED:
            services._conclude(track, actor, today)
        else:
            Correction.objects.create(
                track=track, request=_("存量清理发现需修改，请限期修改。"),
                legal_basis=_("存量规范性文件清理"), requested_on=today,
                due_on=calendar.deadline(today, services.CORRECTION_DAYS, "calendar"),
            )  # fmt: skip
        done += 1
    return done


def _managed(request: HttpRequest):
    congresses = permissions.congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    return congresses


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    """List campaigns with their progress; open a new one."""
    congresses = _managed(request)
    if request.method == "POST":
        try:
            congress = congresses.get(pk=request.POST.get("congress"))
            ends_on = dt.date.fromisoformat(request.POST.get("ends_on", ""))
            campaign = campaign_create(congress=congress, title=request.POST.get("title", ""),
                                       ends_on=ends_on, note=request.POST.get("note", ""),
                                       actor=request.user)  # fmt: skip
        except (ValueError, Congress.DoesNotExist):
            messages.error(request, _("请填写完成时限和所属人大。"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            return redirect("filings:campaign_detail", campaign.pk)
    campaigns = [
        (c, c.filings.count(), c.filings.exclude(cleanup_result="").count())
        for c in Campaign.objects.filter(congress__in=congresses)
    ]
    return render(request, "filings/campaigns.html",
                  {"campaigns": campaigns, "congresses": congresses})  # fmt: skip


def _read_rows(upload) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(upload, read_only=True, data_only=True).active
    rows = []
    for values in list(sheet.iter_rows(values_only=True))[1:]:
        if not any(values):
            continue
        body, title, number, published, text = (list(values) + [None] * 5)[:5]
        if isinstance(published, dt.datetime):
            published = published.date()
        elif isinstance(published, str):
            try:
                published = dt.date.fromisoformat(published.strip())
            except ValueError as exc:
                raise ValidationError(_("公布日期应写成 2024-05-01。")) from exc
        if not isinstance(published, dt.date):
            raise ValidationError(_("每行都要有公布日期。"))
        rows.append({"body": str(body or "").strip(), "title": str(title or ""),
                     "number": str(number or ""), "published_on": published,
                     "text": str(text or "")})  # fmt: skip
    return rows


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign's documents: import many at once, conclude selected ones in a batch."""
    campaign = get_object_or_404(Campaign, pk=pk, congress__in=_managed(request))
    if request.method == "POST":
        try:
            if request.FILES.get("file"):
                created = campaign_import(campaign=campaign, rows=_read_rows(request.FILES["file"]),
                                          actor=request.user)  # fmt: skip
                messages.success(request, _("已导入 %(n)d 件存量文件。") % {"n": len(created)})
            else:
                chosen = list(campaign.filings.filter(pk__in=request.POST.getlist("filing")))
                if not chosen:
                    raise ValidationError(_("请勾选文件。"))
                n = campaign_conclude(filings=chosen, result=request.POST.get("result", ""),
                                      actor=request.user)  # fmt: skip
                messages.success(request, _("已对 %(n)d 件文件作出清理结论。") % {"n": n})
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("无权操作。"))
        return redirect("filings:campaign_detail", campaign.pk)
    filings = campaign.filings.select_related("body").prefetch_related("tracks")
    return render(request, "filings/campaign.html", {
        "campaign": campaign, "filings": filings, "results": Filing.CleanupResult.choices,
    })  # fmt: skip


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """Review requests from the public, with their counts."""
    requests = ReviewRequest.objects.filter(congress__in=_managed(request)).select_related(
        "filing"
    )[:200]
    return render(request, "filings/requests.html", {"requests": requests})


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer one review request."""
    item = get_object_or_404(ReviewRequest, pk=pk, congress__in=_managed(request))
    try:
        review_requests.review_request_answer(request=item, feedback=request.POST.get(
            "feedback", ""), actor=request.user)  # fmt: skip
        messages.success(request, _("已反馈。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("filings:request_list")
