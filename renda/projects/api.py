"""REST endpoints of the projects module, mounted at /api/v1/projects/.

Public: rounds with candidates and results, a project's progress, proposing a project.
For their roles: a deputy's ballot, a unit's progress report.
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from renda.core.api import AUTH
from renda.core.http import client_ip
from renda.core.ratelimit import hit
from renda.projects import selectors, services
from renda.projects.models import Project, Vote

router = Router(tags=["projects"])


class ProjectOut(Schema):
    code: str
    title: str
    scope: str
    unit: str
    budget: float
    spent: float
    percent: int
    state: str
    state_label: str
    votes: int | None
    starts_on: date
    ends_on: date


class ResultOut(Schema):
    code: str
    title: str
    votes: int
    rank: int
    outcome: str


class VoteOut(Schema):
    title: str
    entitled: int
    cast: int | None
    invalid: int | None
    quorum_met: bool | None
    digest: str
    results: list[ResultOut]


class RoundOut(Schema):
    id: int
    year: int
    title: str
    congress: str
    state: str
    seats: int
    projects: list[ProjectOut]
    votes: list[VoteOut]


class ProgressOut(ProjectOut):
    reports: list[dict]
    check_ins: list[dict]


class ErrorsOut(Schema):
    errors: dict[str, str]


class ProposalIn(Schema):
    congress: str
    title: str = ""
    body: str = ""
    name: str = ""
    phone: str = ""
    idempotency_key: str | None = None


class ProposalOut(Schema):
    tracking_code: str
    state: str


class BallotIn(Schema):
    choices: list[int]


class ReportIn(Schema):
    percent: int | str
    spent: float | str
    summary: str
    complete: bool = False


def _project(p: Project) -> dict:
    return {
        "code": p.public_code,
        "title": p.title,
        "scope": p.scope,
        "unit": p.unit.name,
        "budget": float(p.budget),
        "spent": float(p.spent),
        "percent": p.percent,
        "state": p.state,
        "state_label": str(p.get_state_display()),
        "votes": p.votes,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
    }


def _errors(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {field: "；".join(messages) for field, messages in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: "；".join(exc.messages)}


@router.get("/rounds", response=list[RoundOut], summary="公示的票决年度、候选项目和票决结果")
def rounds(request: HttpRequest):
    out = []
    for round_ in selectors.prefetch_votes(selectors.public_rounds()[:20]):
        projects = selectors.public_projects().filter(round=round_).order_by("id")
        votes = []
        for vote in round_.votes.all():
            if vote.state != Vote.State.COUNTED:
                continue
            results = [
                {
                    "code": r.project.public_code,
                    "title": r.project.title,
                    "votes": r.votes,
                    "rank": r.rank,
                    "outcome": r.outcome,
                }
                for r in selectors.vote_results(vote)
            ]
            votes.append(
                {
                    "title": vote.title,
                    "entitled": vote.entitled,
                    "cast": vote.cast,
                    "invalid": vote.invalid,
                    "quorum_met": vote.quorum_met,
                    "digest": vote.digest,
                    "results": results,
                }
            )
        out.append(
            {
                "id": round_.pk,
                "year": round_.year,
                "title": round_.title,
                "congress": round_.congress.code,
                "state": round_.state,
                "seats": round_.seats,
                "projects": [_project(p) for p in projects],
                "votes": votes,
            }
        )
    return out


@router.get("/projects/{code}", response=ProgressOut, summary="项目进度（公开）")
def project_progress(request: HttpRequest, code: str):
    project = get_object_or_404(selectors.public_projects(), public_code=code)
    page = selectors.project_page(project)
    return {
        **_project(project),
        "reports": [
            {
                "date": r.created_at.date().isoformat(),
                "percent": r.percent,
                "spent": float(r.spent),
                "summary": r.summary,
            }
            for r in page["reports"]
        ],
        "check_ins": [
            {
                "stage": c.stage,
                "held_on": c.held_on.isoformat(),
                "findings": c.findings,
                "requests": c.requests,
                "response": c.response,
            }
            for c in page["check_ins"]
        ],
    }


@router.post(
    "/proposals",
    response={201: ProposalOut, 422: ErrorsOut, 429: ErrorsOut},
    summary="群众点单（公开）",
)
def propose(request: HttpRequest, payload: ProposalIn):
    if not hit(f"projects.api.propose:{client_ip(request)}", limit=5, window=60).allowed:
        return Status(429, {"errors": {NON_FIELD_ERRORS: _("提交太频繁，请稍后再试。")}})
    congress = selectors.congress_by_code(payload.congress)
    if congress is None:
        return Status(422, {"errors": {"congress": _("没有这个人大。")}})
    try:
        proposal = services.proposal_submit(
            congress=congress,
            title=payload.title,
            body=payload.body,
            name=payload.name,
            phone=payload.phone,
            source_label=_("接口"),
            idempotency_key=payload.idempotency_key,
        )
    except ValidationError as exc:
        return Status(422, {"errors": _errors(exc)})
    return Status(201, {"tracking_code": proposal.tracking_code, "state": proposal.state})


@router.post(
    "/votes/{vote_id}/ballot",
    auth=AUTH,
    response={204: None, 422: ErrorsOut},
    summary="代表投票（无记名）",
)
def cast(request: HttpRequest, vote_id: int, payload: BallotIn):
    vote = get_object_or_404(Vote, pk=vote_id)
    try:
        services.ballot_cast(vote=vote, choices=payload.choices, actor=request.user)
    except PermissionDenied as exc:
        raise HttpError(403, _("您不能在本次票决中投票。")) from exc
    except ValidationError as exc:
        return Status(422, {"errors": _errors(exc)})
    return Status(204, None)


@router.post(
    "/projects/{code}/reports",
    auth=AUTH,
    response={201: ProjectOut, 422: ErrorsOut},
    summary="责任单位报告进度",
)
def report(request: HttpRequest, code: str, payload: ReportIn):
    project = get_object_or_404(Project.objects.select_related("unit"), public_code=code)
    try:
        services.progress_report(
            project=project,
            percent=payload.percent,
            spent=payload.spent,
            summary=payload.summary,
            complete=payload.complete,
            actor=request.user,
            source="api",
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("您不能报告这个项目的进度。")) from exc
    except ValidationError as exc:
        return Status(422, {"errors": _errors(exc)})
    project.refresh_from_db()
    return Status(201, _project(project))
