"""Staff pages: the overview with statistics and rankings, the year-end report, quarterly rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import permissions
from renda.suggestions import forms, handling, report, selectors
from renda.suggestions.models import QuarterRound, ResultClass, State, Suggestion, Verdict
from renda.suggestions.permissions import MANAGE
from renda.suggestions.views import _add_errors


def _managed(request: HttpRequest):
    congresses = permissions.congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    return congresses


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else timezone.localdate().year


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Show a year's figures, the charts and the unit ranking."""
    congresses = _managed(request)
    year = _year(request)
    figures = selectors.year_figures(congresses=congresses, year=year)
    charts = {
        "labels": {"first": _("首次测评"), "final": _("最终测评")},
        "classes": {
            "labels": [str(c.label) for c in ResultClass],
            "values": [figures.classes.get(c.value, 0) for c in ResultClass],
        },
        "verdicts": {
            "labels": [str(v.label) for v in Verdict],
            "first": [figures.first_verdicts.get(v.value, 0) for v in Verdict],
            "final": [figures.final_verdicts.get(v.value, 0) for v in Verdict],
        },
        "units": {
            "labels": [u.unit for u in figures.units[:15]],
            "scores": [u.score for u in figures.units[:15]],
        },
    }
    overdue = selectors.staff_list(viewer=request.user, state="overdue")[:10]
    return render(
        request,
        "suggestions/overview.html",
        {
            "figures": figures, "year": year, "charts": charts, "overdue": overdue,
            "states": [(State(s).label, n) for s, n in sorted(figures.states.items())],
        },
    )  # fmt: skip


@login_required
def report_docx(request: HttpRequest, year: int) -> HttpResponse:
    """Download the year-end evaluation report as Word."""
    congresses = _managed(request)
    congress = congresses.order_by("level").first()
    figures = selectors.year_figures(congresses=congresses, year=year)
    content = report.year_report(congress, figures)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="suggestions-report-{year}.docx"'
    return response


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """List the quarterly research, inquiry and evaluation rounds and schedule a new one."""
    congresses = _managed(request)
    candidates = Suggestion.objects.filter(
        congress__in=congresses, state__in=(State.ASSIGNED, State.REPLIED, State.REHANDLING,
                                            State.CLOSED)
    ).order_by("-id")[:500]  # fmt: skip
    candidates = Suggestion.objects.filter(pk__in=[s.pk for s in candidates])
    today = timezone.localdate()
    form = forms.QuarterRoundForm(
        request.POST or None, suggestions=candidates,
        initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["suggestions"])
        try:
            quarter_round = handling.quarter_round_create(
                congress=chosen[0].congress, year=data["year"], quarter=data["quarter"],
                kind=data["kind"], title=data["title"], scheduled_on=data["scheduled_on"],
                suggestions=chosen, actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已安排：%(title)s") % {"title": quarter_round.title})
            return redirect("suggestions:round", pk=quarter_round.pk)
    listed = QuarterRound.objects.filter(congress__in=congresses).prefetch_related("suggestions")
    return render(request, "suggestions/rounds.html", {"form": form, "rounds": listed[:100]})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a quarterly round and record its result."""
    quarter_round = get_object_or_404(QuarterRound.objects.filter(congress__in=_managed(request)),
        pk=pk)  # fmt: skip
    form = forms.QuarterResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            handling.quarter_round_finish(
                quarter_round=quarter_round, result=form.cleaned_data["result"],
                done_on=form.cleaned_data["done_on"], actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("结果已记录。"))
            return redirect("suggestions:round", pk=pk)
    return render(
        request, "suggestions/round.html", {"round": quarter_round, "form": form,
        "suggestions": quarter_round.suggestions.select_related("lead_unit")},
    )  # fmt: skip
