"""REST endpoints of the suggestions module, mounted at /api/v1/suggestions/.

The same rules as the pages: a suggestion is visible through `selectors.visible_to`, and every
action goes through the services, which check the workflow table. Field errors answer 422 with
Chinese messages, a refused action 422 with `__all__`, a stale `version` 409.
"""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from renda.core import permissions
from renda.core.api import AUTH
from renda.core.models import Congress
from renda.directory.models import Organization
from renda.suggestions import handling, selectors, services, workflow
from renda.suggestions.models import Suggestion
from renda.suggestions.permissions import DRAFT, HANDLE, MANAGE

router = Router(tags=["suggestions"], auth=AUTH)


class SuggestionOut(Schema):
    id: int
    number: str
    title: str
    body: str
    category: str
    period: str
    state: str
    state_label: str
    author_name: str
    congress: str
    lead_unit: str | None
    due_on: dt.date | None
    round: int
    result_class: str
    verdict: str
    is_key: bool
    version: int
    actions: list[str]


class ErrorsOut(Schema):
    errors: dict[str, str]


class DraftIn(Schema):
    congress: str | None = None
    title: str = ""
    body: str = ""
    category: str = "other"
    period: str = "recess"


class VersionIn(Schema):
    version: int | None = None


class RegisterIn(VersionIn):
    category: str | None = None
    is_complex: bool = False


class ReasonIn(VersionIn):
    reason: str = ""


class CosignIn(Schema):
    kind: str = "joint"


class AssignIn(VersionIn):
    lead_unit: int | None = None
    co_units: list[int] = []
    task: str = ""
    duties: str = ""
    requirements: str = ""
    due_on: dt.date | None = None


class CommitmentIn(Schema):
    text: str
    due_on: dt.date | None = None


class ReplyIn(VersionIn):
    result_class: str = ""
    body: str = ""
    commitments: list[CommitmentIn] = []


class EvaluateIn(VersionIn):
    verdict: str = ""
    reason: str = ""


class MemberIn(Schema):
    role: str
    name: str


class SuperviseIn(VersionIn):
    plan: str = ""
    members: list[MemberIn] = []


class NoteIn(Schema):
    body: str = ""


def _out(suggestion: Suggestion, request: HttpRequest) -> dict:
    capacities = services.actor_capacities(request.user, suggestion)
    return {
        "id": suggestion.pk, "number": suggestion.number, "title": suggestion.title,
        "body": suggestion.body, "category": suggestion.category, "period": suggestion.period,
        "state": suggestion.state, "state_label": suggestion.get_state_display(),
        "author_name": suggestion.author_name, "congress": suggestion.congress.code,
        "lead_unit": suggestion.lead_unit.name if suggestion.lead_unit else None,
        "due_on": suggestion.due_on, "round": suggestion.round,
        "result_class": suggestion.result_class, "verdict": suggestion.verdict,
        "is_key": suggestion.is_key, "version": suggestion.version,
        "actions": workflow.allowed_actions(suggestion.state, capacities),
    }  # fmt: skip


def _errors(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            ("__all__" if k == NON_FIELD_ERRORS else k): v[0] for k, v in exc.message_dict.items()
        }
    return {"__all__": exc.messages[0]}


def _run(request: HttpRequest, pk: int, call):
    suggestion = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    try:
        call(suggestion)
    except services.Conflict as exc:
        return 409, {"errors": _errors(exc)}
    except ValidationError as exc:
        return 422, {"errors": _errors(exc)}
    suggestion = Suggestion.objects.select_related("congress", "lead_unit").get(pk=pk)
    return 200, _out(suggestion, request)


RESPONSES = {200: SuggestionOut, 409: ErrorsOut, 422: ErrorsOut, 404: ErrorsOut}


class _Rows:
    def __init__(self, queryset, row):
        self.queryset, self.row = queryset, row

    def all(self):
        return self.queryset.all()

    def __getitem__(self, window):
        return [self.row(s) for s in self.queryset[window]]

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.queryset.count()


@router.get("/", response=list[SuggestionOut])
@paginate(LimitOffsetPagination)
def suggestion_list(request: HttpRequest, view: str = "", state: str = "", q: str = ""):
    """List the caller's suggestions by deadline: `view` = todo (staff), mine, assigned (unit)."""
    lists = {"todo": (MANAGE, selectors.staff_list), "mine": (DRAFT, selectors.deputy_list),
             "assigned": (HANDLE, selectors.unit_list)}  # fmt: skip
    choices = [k for k, (perm, _f) in lists.items() if permissions.can(request.user, perm)]
    view = view if view in choices else (choices[0] if choices else "")
    if not view:
        return _Rows(Suggestion.objects.none(), lambda s: s)
    queryset = lists[view][1](viewer=request.user, state=state, query=q)
    return _Rows(queryset, lambda s: _out(s, request))


@router.get("/{int:pk}", response=RESPONSES)
def suggestion_read(request: HttpRequest, pk: int):
    """Read one suggestion with the actions the caller may take now."""
    suggestion = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    return 200, _out(suggestion, request)


@router.post("/", response={201: SuggestionOut, 422: ErrorsOut})
def suggestion_create(request: HttpRequest, payload: DraftIn):
    """Start a draft as a deputy (in the given congress code, or one's own)."""
    congresses = permissions.congresses_where(request.user, DRAFT)
    congress = (
        congresses.filter(code=payload.congress).first() if payload.congress else None
    ) or congresses.filter(memberships__user=request.user).first()
    if congress is None:
        return 422, {"errors": {"congress": _("只有本级人大代表可以提出代表建议。")}}
    try:
        suggestion = services.suggestion_draft(
            congress=congress, title=payload.title, body=payload.body,
            category=payload.category, period=payload.period, actor=request.user,
        )  # fmt: skip
    except ValidationError as exc:
        return 422, {"errors": _errors(exc)}
    return 201, _out(suggestion, request)


@router.post("/{int:pk}/submit", response=RESPONSES)
def suggestion_submit(request: HttpRequest, pk: int, payload: VersionIn):
    """Submit a draft."""
    return _run(request, pk, lambda s: services.suggestion_submit(
        suggestion=s, actor=request.user, version=payload.version))  # fmt: skip


@router.post("/{int:pk}/cosign", response=RESPONSES)
def suggestion_cosign(request: HttpRequest, pk: int, payload: CosignIn):
    """Co-sign (联名) or second (附议) a suggestion."""
    return _run(request, pk, lambda s: services.suggestion_cosign(
        suggestion=s, kind=payload.kind, actor=request.user))  # fmt: skip


@router.post("/{int:pk}/register", response=RESPONSES)
def suggestion_register(request: HttpRequest, pk: int, payload: RegisterIn):
    """Register a submitted suggestion with the next number."""
    return _run(request, pk, lambda s: services.suggestion_register(
        suggestion=s, category=payload.category, is_complex=payload.is_complex,
        actor=request.user, version=payload.version))  # fmt: skip


@router.post("/{int:pk}/decline", response=RESPONSES)
def suggestion_decline(request: HttpRequest, pk: int, payload: ReasonIn):
    """Turn a submitted suggestion into a reference opinion, with the reason."""
    return _run(request, pk, lambda s: services.suggestion_decline(
        suggestion=s, reason=payload.reason, actor=request.user,
        version=payload.version))  # fmt: skip


def _org(congress: Congress, pk: int | None):
    return Organization.objects.filter(congress=congress, pk=pk).first() if pk else None


@router.post("/{int:pk}/assign", response=RESPONSES)
def suggestion_assign(request: HttpRequest, pk: int, payload: AssignIn):
    """Assign to a lead unit and co-units (organization ids) with the task and a deadline."""

    def call(s):
        co = list(Organization.objects.filter(congress=s.congress, pk__in=payload.co_units))
        services.suggestion_assign(
            suggestion=s, lead_unit=_org(s.congress, payload.lead_unit), co_units=co,
            task=payload.task, duties=payload.duties, requirements=payload.requirements,
            due_on=payload.due_on, actor=request.user, version=payload.version,
        )  # fmt: skip

    return _run(request, pk, call)


@router.post("/{int:pk}/request-reassign", response=RESPONSES)
def suggestion_request_reassign(request: HttpRequest, pk: int, payload: ReasonIn):
    """Ask, as the lead unit, to have the suggestion reassigned."""
    return _run(request, pk, lambda s: handling.reassign_request(
        suggestion=s, reason=payload.reason, actor=request.user))  # fmt: skip


@router.post("/{int:pk}/supervise", response=RESPONSES)
def suggestion_supervise(request: HttpRequest, pk: int, payload: SuperviseIn):
    """Make it a key suggestion with its supervision team and plan."""
    return _run(request, pk, lambda s: handling.suggestion_supervise(
        suggestion=s, plan=payload.plan, members=[(m.role, m.name) for m in payload.members],
        actor=request.user, version=payload.version))  # fmt: skip


@router.post("/{int:pk}/reply", response=RESPONSES)
def suggestion_reply(request: HttpRequest, pk: int, payload: ReplyIn):
    """Reply as the lead unit with a result class and dated commitments."""
    return _run(request, pk, lambda s: handling.reply_submit(
        suggestion=s, result_class=payload.result_class, body=payload.body,
        commitments=[(c.text, c.due_on) for c in payload.commitments], actor=request.user,
        version=payload.version))  # fmt: skip


@router.post("/{int:pk}/evaluate", response=RESPONSES)
def suggestion_evaluate(request: HttpRequest, pk: int, payload: EvaluateIn):
    """Evaluate the reply as the lead deputy: satisfied, basic or unsatisfied (with a reason)."""
    return _run(request, pk, lambda s: handling.suggestion_evaluate(
        suggestion=s, verdict=payload.verdict, reason=payload.reason, actor=request.user,
        version=payload.version))  # fmt: skip


@router.post("/{int:pk}/notes", response=RESPONSES)
def suggestion_note(request: HttpRequest, pk: int, payload: NoteIn):
    """Add a private staff note."""
    return _run(request, pk, lambda s: handling.note_add(
        suggestion=s, body=payload.body, actor=request.user))  # fmt: skip
