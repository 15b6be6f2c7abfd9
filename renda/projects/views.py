"""Staff pages of the year's round: proposals, candidates, publication, the vote's start."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.masking import mask_name, mask_phone
from renda.core.permissions import can, congresses_where
from renda.projects import selectors, services
from renda.projects.forms import (
    CandidateForm,
    DeclineForm,
    PublishForm,
    RoundForm,
    apply_errors,
)
from renda.projects.models import Proposal, Round
from renda.projects.permissions import MANAGE
from renda.projects.workflow import Kind, available


def managed_round(request: HttpRequest, pk: int) -> Round:
    """Return a round the person runs, or 404/403."""
    round_ = get_object_or_404(Round.objects.select_related("congress"), pk=pk)
    if not can(request.user, MANAGE, round_.congress):
        raise PermissionDenied
    return round_


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Show each role its part: staff the rounds, units their projects, deputies votes."""
    user = request.user
    context = {
        "rounds": selectors.prefetch_votes(selectors.managed_rounds(user)),
        "can_manage": congresses_where(user, MANAGE).exists(),
        "unit_projects": selectors.unit_projects(user),
        "electors": selectors.deputy_votes(user),
        "to_evaluate": selectors.deputy_projects_to_evaluate(user),
    }
    return render(request, "projects/index.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    """Open a new year's round in a congress the person runs."""
    congresses = congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    congress = congresses.order_by("level", "path").first()
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                congress=congress, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已建立%(t)s，开始征集群众点单。") % {"t": round_.title})
            return redirect("projects:round", round_.pk)
    return render(request, "projects/round_form.html", {"form": form, "congress": congress})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's page: stage, proposals, candidates, votes and the next steps."""
    round_ = managed_round(request, pk)
    proposals = Paginator(selectors.proposals_for(round_), 50).get_page(request.GET.get("page"))
    for proposal in proposals:
        proposal.name_masked = mask_name(proposal.name) if proposal.name else ""
        proposal.phone_masked = mask_phone(proposal.phone) if proposal.phone else ""
    context = {
        "round": round_,
        "proposals": proposals,
        "projects": selectors.round_projects(round_),
        "votes": round_.votes.order_by("id"),
        "actions": available(
            Kind.ROUND, round_.state, services.actors_for(request.user, round_.congress)
        ),
        "publish_form": PublishForm(),
        "decline_form": DeclineForm(),
    }
    return render(request, "projects/round.html", context)


@login_required
def candidate_edit(request: HttpRequest, pk: int, project_pk: int | None = None) -> HttpResponse:
    """Create a candidate from proposals (or change a draft one): scope, budget, unit, dates."""
    round_ = managed_round(request, pk)
    project = get_object_or_404(round_.projects, pk=project_pk) if project_pk else None
    open_proposals = selectors.proposals_for(round_).filter(state=Proposal.State.RECEIVED)
    initial = {}
    if project is not None:
        initial = {
            f: getattr(project, f)
            for f in ("title", "scope", "budget", "unit", "starts_on", "ends_on")
        }
        initial["co_units"] = list(project.co_units.all())
    form = CandidateForm(
        request.POST or None, round=round_, proposals=open_proposals, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_save(
                round=round_, project=project, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("候选项目已保存。"))
            return redirect("projects:round", round_.pk)
    return render(
        request, "projects/candidate_form.html", {"form": form, "round": round_, "project": project}
    )


@login_required
@require_POST
def round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Move the round on: close collection, publish candidates, open the vote, close the year."""
    round_ = managed_round(request, pk)
    try:
        if action == "publish":
            form = PublishForm(request.POST)
            until = form.cleaned_data["comment_until"] if form.is_valid() else None
            services.round_publish(round=round_, comment_until=until, actor=request.user)
            messages.success(request, _("候选项目已公示。"))
        elif action == "open_vote":
            vote = services.vote_open(round=round_, actor=request.user)
            messages.success(request, _("票决已开始。"))
            return redirect("projects:vote", vote.pk)
        else:
            services.round_advance(round=round_, action=action, actor=request.user)
            messages.success(request, _("已完成。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("projects:round", round_.pk)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline a citizen's proposal with a reply."""
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk)
    if not can(request.user, MANAGE, proposal.congress):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写答复群众的内容。"))
        services.proposal_decline(
            proposal=proposal, reply=form.cleaned_data["reply"], actor=request.user
        )
        messages.success(request, _("已答复群众。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    round_pk = proposal.round_id or request.POST.get("round")
    return redirect("projects:round", round_pk) if round_pk else redirect("projects:index")
