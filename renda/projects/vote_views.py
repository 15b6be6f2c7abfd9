"""Pages of the vote: the deputy's ballot, the staff's turnout and paper ballots, the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.permissions import can
from renda.projects import selectors, services
from renda.projects.forms import BallotForm, PaperBallotForm, PaperVoterForm, apply_errors
from renda.projects.models import Elector, Vote
from renda.projects.permissions import MANAGE
from renda.projects.result_sheet import result_sheet_pdf
from renda.projects.services.voting import OUTCOME_LABELS


def _vote(pk: int) -> Vote:
    return get_object_or_404(Vote.objects.select_related("round__congress"), pk=pk)


def _managed_vote(request: HttpRequest, pk: int) -> Vote:
    vote = _vote(pk)
    if not can(request.user, MANAGE, vote.round.congress):
        raise PermissionDenied
    return vote


def _results(vote: Vote) -> list:
    results = selectors.vote_results(vote)
    for row in results:
        row.outcome_label = OUTCOME_LABELS.get(row.outcome, row.outcome)
    return results


@login_required
def vote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Turnout while open (who voted, never what), paper ballots, then the results."""
    vote = _managed_vote(request, pk)
    context = {
        "vote": vote,
        "turnout": selectors.vote_turnout(vote),
        "voter_form": PaperVoterForm(vote=vote),
        "ballot_form": PaperBallotForm(vote=vote),
    }
    if vote.state == Vote.State.COUNTED:
        context["results"] = _results(vote)
        context["recount_ok"] = selectors.recount(vote)[1]
    return render(request, "projects/vote.html", context)


@login_required
@require_POST
def paper_voter(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a deputy handed in a paper ballot."""
    vote = _managed_vote(request, pk)
    form = PaperVoterForm(request.POST, vote=vote)
    if form.is_valid():
        try:
            services.paper_voter_record(
                vote=vote, deputy=form.cleaned_data["deputy"], actor=request.user
            )
            messages.success(
                request, _("已登记%(n)s交回纸质选票。") % {"n": form.cleaned_data["deputy"].name}
            )
            return redirect("projects:vote", vote.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("projects:vote", vote.pk)


@login_required
@require_POST
def paper_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter one paper ballot's marks (or record it invalid)."""
    vote = _managed_vote(request, pk)
    form = PaperBallotForm(request.POST, vote=vote)
    if form.is_valid():
        try:
            services.paper_ballot_enter(
                vote=vote,
                choices=form.chosen(),
                invalid=form.cleaned_data["invalid"],
                actor=request.user,
            )
            messages.success(request, _("纸质选票已录入。"))
            return redirect("projects:vote", vote.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    context = {
        "vote": vote,
        "turnout": selectors.vote_turnout(vote),
        "voter_form": PaperVoterForm(vote=vote),
        "ballot_form": form,
    }
    return render(request, "projects/vote.html", context, status=422)


@login_required
@require_POST
def vote_count(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the vote and count it."""
    vote = _managed_vote(request, pk)
    try:
        result = services.vote_count(vote=vote, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if result.quorum:
            messages.success(
                request, _("计票完成：%(n)d 个项目通过。") % {"n": len(result.adopted)}
            )
        else:
            messages.warning(request, _("投票人数未达法定人数，本次票决无效。"))
    return redirect("projects:vote", vote.pk)


@login_required
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """The deputy's electronic ballot: tick up to N candidates, once."""
    vote = _vote(pk)
    elector = Elector.objects.filter(vote=vote, deputy__user=request.user).first()
    if elector is None:
        raise PermissionDenied
    form = BallotForm(request.POST or None, vote=vote)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(vote=vote, choices=form.chosen(), actor=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("您的选票已投出。票决实行无记名投票，您的选择不会被记录到您的名下。")
            )
            return redirect("projects:index")
    context = {
        "vote": vote,
        "form": form,
        "voted": elector.voted_at is not None,
        "candidates": vote.candidates.select_related("unit").order_by("id"),
    }
    return render(request, "projects/ballot.html", context)


@login_required
def result_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable result sheet (PDF) of a counted vote."""
    vote = _managed_vote(request, pk)
    if vote.state != Vote.State.COUNTED:
        raise PermissionDenied
    response = HttpResponse(result_sheet_pdf(vote, _results(vote)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="vote-{vote.pk}.pdf"'
    return response
