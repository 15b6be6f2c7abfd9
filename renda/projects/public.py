"""Public mobile pages under /ms/: propose, follow, candidates, results, progress."""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from renda.core.http import client_ip
from renda.core.ratelimit import device_key, limit_requests
from renda.core.timeline import timeline_for
from renda.projects import selectors, services
from renda.projects.forms import CommentForm, EvaluationForm, ProposalForm, apply_errors
from renda.projects.models import Proposal, Round, Vote
from renda.projects.services.voting import OUTCOME_LABELS

# Floods: a few proposals per browser, many per address (a crowd behind one NAT gateway at a
# reception event must still get through), counted over ten minutes.
PER_DEVICE = 5
PER_ADDRESS = 200
WINDOW = 600


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Rounds and projects anyone may see, newest first."""
    rounds = selectors.public_rounds()[:10]
    collecting = Round.objects.filter(
        state=Round.State.COLLECTING, congress__is_active=True
    ).select_related("congress")
    return render(
        request, "projects/public/home.html", {"rounds": rounds, "collecting": collecting}
    )


@limit_requests("projects.propose.address", limit=PER_ADDRESS, window=WINDOW)
@limit_requests("projects.propose.device", limit=PER_DEVICE, window=WINDOW, key=device_key)
def propose(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen's proposal form (群众点单): stored before the page says it was received."""
    congress = selectors.congress_by_code(code)
    if congress is None:
        raise Http404
    round_ = services.open_round(congress)
    form = ProposalForm(request.POST or None, initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # the hidden field was filled: a script, not a person
            return render(
                request,
                "projects/public/propose.html",
                {"form": form, "congress": congress},
                status=400,
            )
        try:
            proposal = services.proposal_submit(
                congress=congress,
                title=data["title"],
                body=data["body"],
                name=data["name"],
                phone=data["phone"],
                source_label=_("网上点单"),
                idempotency_key=_key(request, data["idempotency_key"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("projects_public:track", proposal.tracking_code)
    context = {"form": form, "congress": congress, "round": round_}
    return render(
        request, "projects/public/propose.html", context, status=422 if form.errors else 200
    )


def _key(request: HttpRequest, key: str) -> str | None:
    """Bind the form's idempotency key to the sender's address so keys cannot be replayed."""
    if not key:
        return None
    return hashlib.sha256(f"{client_ip(request)}|{key}".encode()).hexdigest()[:64]


@require_safe
def track(request: HttpRequest, tracking_code: str) -> HttpResponse:
    """What happened to a proposal, by its tracking code."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("project", "congress"), tracking_code=tracking_code.upper()
    )
    context = {"proposal": proposal, "steps": timeline_for(proposal, public_only=True)}
    return render(request, "projects/public/track.html", context)


@require_safe
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's candidates and, once counted, the results of its votes."""
    round_ = get_object_or_404(selectors.public_rounds(), pk=pk)
    votes = []
    for vote in round_.votes.filter(state=Vote.State.COUNTED).order_by("id"):
        results = selectors.vote_results(vote)
        for row in results:
            row.outcome_label = OUTCOME_LABELS.get(row.outcome, row.outcome)
        votes.append((vote, results))
    projects = selectors.public_projects().filter(round=round_).order_by("-votes", "id")
    return render(
        request,
        "projects/public/round.html",
        {"round": round_, "projects": projects, "votes": votes},
    )


@require_safe
def project_page(request: HttpRequest, code: str) -> HttpResponse:
    """A project's public page: what, who, how far, how much spent, the check-ins, a chart."""
    project = get_object_or_404(selectors.public_projects(), public_code=code)
    context = selectors.project_page(project)
    context["steps"] = timeline_for(project, public_only=True)
    context["comment_form"] = CommentForm()
    context["evaluation_form"] = EvaluationForm()
    return render(request, "projects/public/project.html", context)


@require_POST
@limit_requests("projects.comment", limit=PER_ADDRESS, window=60)
def comment(request: HttpRequest, code: str) -> HttpResponse:
    """A public comment on a published candidate."""
    project = get_object_or_404(selectors.public_projects(), public_code=code)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(f"{request.path.rsplit('comment/', 1)[0]}?sent=1")
    context = selectors.project_page(project)
    context.update(
        steps=timeline_for(project, public_only=True),
        comment_form=form,
        evaluation_form=EvaluationForm(),
    )
    return render(request, "projects/public/project.html", context, status=422)


@require_POST
@limit_requests("projects.evaluate", limit=PER_ADDRESS, window=60)
def evaluate(request: HttpRequest, code: str) -> HttpResponse:
    """A citizen's anonymous satisfaction score."""
    project = get_object_or_404(selectors.public_projects(), public_code=code)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_record(project=project, actor=None, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(f"{request.path.rsplit('evaluate/', 1)[0]}?rated=1")
    context = selectors.project_page(project)
    context.update(
        steps=timeline_for(project, public_only=True),
        comment_form=CommentForm(),
        evaluation_form=form,
    )
    return render(request, "projects/public/project.html", context, status=422)


@require_safe
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A progress photo of a public project (only images attached to its progress reports)."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import FileResponse

    from renda.core.models import Attachment
    from renda.projects.models import ProgressReport

    attachment = get_object_or_404(
        Attachment,
        pk=pk,
        owner_type=ContentType.objects.get_for_model(ProgressReport),
        content_type__startswith="image/",
    )
    report = get_object_or_404(
        ProgressReport.objects.select_related("project"), pk=attachment.owner_id
    )
    if not report.project.is_public:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
