"""Reads of the projects module for pages, the API and dashboards (bounded query counts)."""

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from renda.core.models import Attachment, Congress, User
from renda.core.permissions import congresses_where
from renda.projects import tally
from renda.projects.models import (
    Ballot,
    CheckIn,
    Elector,
    Evaluation,
    ProgressReport,
    Project,
    Proposal,
    Result,
    Round,
    Vote,
)
from renda.projects.permissions import MANAGE, REPORT, VOTE

PUBLIC_STATES = [s for s in Project.State.values if s not in ("draft", "withdrawn")]


def managed_rounds(user: User) -> QuerySet[Round]:
    """Rounds of the congresses where `user` runs the projects module."""
    return Round.objects.filter(congress__in=congresses_where(user, MANAGE)).select_related(
        "congress"
    )


def unit_projects(user: User) -> QuerySet[Project]:
    """Adopted projects for which `user`'s organization is the responsible or a co-unit."""
    congresses = congresses_where(user, REPORT)
    return (
        Project.objects.filter(congress__in=congresses, state__in=IMPLEMENTING)
        .filter(Q(unit__members=user) | Q(co_units__members=user))
        .distinct()
        .select_related("round", "unit")
    )


IMPLEMENTING = ["adopted", "in_progress", "completed", "verified"]


def deputy_votes(user: User) -> QuerySet[Elector]:
    """The open votes on whose roll `user`'s deputy record stands, with whether they voted."""
    return Elector.objects.filter(
        deputy__user=user,
        vote__state=Vote.State.OPEN,
        vote__round__congress__in=congresses_where(user, VOTE),
    ).select_related("vote__round")


def deputy_projects_to_evaluate(user: User) -> QuerySet[Project]:
    """Projects under way or done in the congresses where `user` is a deputy."""
    return Project.objects.filter(
        congress__in=congresses_where(user, VOTE), state__in=["in_progress", "completed"]
    ).select_related("round", "unit")


def round_projects(round: Round) -> QuerySet[Project]:
    return (
        round.projects.select_related("unit")
        .prefetch_related("co_units")
        .annotate(proposal_count=Count("proposals", distinct=True))
        .order_by("-votes", "id")
    )


def public_rounds() -> QuerySet[Round]:
    """Rounds that have published candidates."""
    return Round.objects.filter(
        congress__is_active=True, state__in=["commenting", "voting", "decided", "closed"]
    ).select_related("congress")


def public_projects() -> QuerySet[Project]:
    """Candidates and projects anyone may see."""
    return Project.objects.filter(state__in=PUBLIC_STATES, congress__is_active=True).select_related(
        "round", "unit", "congress"
    )


def project_page(project: Project) -> dict:
    """Everything a project's page shows, in a fixed number of queries."""
    reports = list(project.reports.select_related("reported_by").order_by("created_at", "id"))
    photos: dict[int, list[Attachment]] = {}
    if reports:
        from django.contrib.contenttypes.models import ContentType

        owner_type = ContentType.objects.get_for_model(ProgressReport)
        for attachment in Attachment.objects.filter(
            owner_type=owner_type, owner_id__in=[r.pk for r in reports]
        ):
            photos.setdefault(attachment.owner_id, []).append(attachment)
    for report in reports:
        report.photos = photos.get(report.pk, [])
    evaluations = project.evaluations.aggregate(
        deputy_avg=Avg("score", filter=Q(deputy__isnull=False)),
        deputy_count=Count("id", filter=Q(deputy__isnull=False)),
        citizen_avg=Avg("score", filter=Q(deputy__isnull=True)),
        citizen_count=Count("id", filter=Q(deputy__isnull=True)),
        satisfied=Count("id", filter=Q(level=Evaluation.Level.SATISFIED)),
        basic=Count("id", filter=Q(level=Evaluation.Level.BASIC)),
        unsatisfied=Count("id", filter=Q(level=Evaluation.Level.UNSATISFIED)),
    )
    return {
        "project": project,
        "reports": reports,
        "milestones": list(project.milestones.all()),
        "check_ins": list(project.check_ins.all()),
        "evaluations": evaluations,
        "chart": progress_chart(project, reports),
        "stages": CheckIn.Stage.choices,
    }


def progress_chart(project: Project, reports: list[ProgressReport]) -> dict:
    """Data for the progress chart: completion and spending over time, against the budget."""
    return {
        "dates": [r.created_at.date().isoformat() for r in reports],
        "percent": [r.percent for r in reports],
        "spent": [float(r.spent) for r in reports],
        "budget": float(project.budget),
    }


def vote_turnout(vote: Vote) -> dict:
    """Who has voted so far (not what): counts by channel and the roll."""
    electors = vote.electors.select_related("deputy").order_by("deputy__name_pinyin")
    counts = vote.electors.aggregate(
        voted=Count("id", filter=Q(voted_at__isnull=False)),
        paper=Count("id", filter=Q(channel=Elector.Channel.PAPER)),
    )
    return {"electors": electors, **counts, "ballots": vote.ballots.count()}


def vote_results(vote: Vote) -> list[Result]:
    return list(vote.results.select_related("project__unit").order_by("rank", "project_id"))


def recount(vote: Vote) -> tuple[tally.Tally, bool]:
    """Count the stored ballots again; tell whether it matches the stored results."""
    ballots = [(b.invalid, b.choices) for b in Ballot.objects.filter(vote=vote)]
    candidates = list(vote.candidates.values_list("pk", flat=True))
    result = tally.count(
        ballots,
        candidates=candidates,
        seats=vote.seats,
        entitled=vote.entitled,
        quorum_num=vote.quorum_num,
        quorum_den=vote.quorum_den,
    )
    stored = {(r.project_id, r.votes, r.outcome) for r in vote.results.all()}
    computed = {(r.candidate, r.votes, str(r.outcome)) for r in result.results}
    return result, stored == computed and result.digest == vote.digest


def proposals_for(round: Round) -> QuerySet[Proposal]:
    """The proposals of a round and those received in its congress without one."""
    return Proposal.objects.filter(
        Q(round=round) | Q(congress=round.congress, round__isnull=True)
    ).select_related("project")


def congress_by_code(code: str) -> Congress | None:
    return Congress.objects.filter(code=code, is_active=True).first()


def prefetch_votes(rounds: QuerySet[Round]) -> QuerySet[Round]:
    return rounds.prefetch_related(Prefetch("votes", queryset=Vote.objects.order_by("id")))
