"""Reads of the suggestions module for pages, the API, dashboards and the year-end report."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from renda.core import permissions
from renda.core.models import User
from renda.suggestions.models import Cosigner, CoUnit, State, Suggestion
from renda.suggestions.permissions import DRAFT, HANDLE, MANAGE

HANDLING = (State.ASSIGNED, State.REHANDLING)
LIST_FIELDS = (
    "congress", "lead_unit",
)  # fmt: skip


def by_deadline(suggestions: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """Order overdue first, then by deadline (none last), newest first among equals."""
    today = timezone.localdate()
    return suggestions.annotate(
        overdue_rank=Case(
            When(state__in=HANDLING, due_on__lt=today, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("overdue_rank", F("due_on").asc(nulls_last=True), "-id")


def _base() -> QuerySet[Suggestion]:
    return Suggestion.objects.select_related(*LIST_FIELDS)


def staff_list(*, viewer: User, state: str = "", query: str = "", year: int | None = None):
    """The staff to-do list: everything submitted in the congresses the viewer manages."""
    congresses = permissions.congresses_where(viewer, MANAGE)
    suggestions = _base().filter(congress__in=congresses).exclude(state=State.DRAFT)
    return by_deadline(_filter(suggestions, state=state, query=query, year=year))


def deputy_list(*, viewer: User, state: str = "", query: str = "", year: int | None = None):
    """The deputy's own suggestions and those co-signed."""
    cosigned = Cosigner.objects.filter(user=viewer).values("suggestion_id")
    suggestions = _base().filter(Q(author=viewer) | Q(pk__in=cosigned))
    return by_deadline(_filter(suggestions, state=state, query=query, year=year))


def unit_list(*, viewer: User, state: str = "", query: str = "", year: int | None = None):
    """Suggestions assigned to the viewer's organizations, as lead or co-unit."""
    orgs = list(viewer.organizations.values_list("pk", flat=True))
    co = CoUnit.objects.filter(organization__in=orgs).values("suggestion_id")
    suggestions = (
        _base()
        .filter(Q(lead_unit__in=orgs) | Q(pk__in=co))
        .exclude(
            state__in=(
                State.DRAFT,
                State.SUBMITTED,
                State.REGISTERED,
                State.REFERENCE,
                State.MERGED,
            )
        )
    )
    return by_deadline(_filter(suggestions, state=state, query=query, year=year))


def _filter(suggestions, *, state: str, query: str, year: int | None):
    if state == "overdue":
        suggestions = suggestions.filter(state__in=HANDLING, due_on__lt=timezone.localdate())
    elif state:
        suggestions = suggestions.filter(state=state)
    query = query.strip()
    if query:
        suggestions = suggestions.filter(
            Q(title__contains=query) | Q(number__startswith=query) | Q(author_name=query)
        )
    if year:
        suggestions = suggestions.filter(year=year)
    return suggestions


def visible_to(viewer: User) -> QuerySet[Suggestion]:
    """Every suggestion the viewer may open: own, co-signed, managed or assigned."""
    if not viewer.is_authenticated:
        return Suggestion.objects.none()
    managed = permissions.congresses_where(viewer, MANAGE)
    orgs = viewer.organizations.values("pk")
    condition = (
        Q(author=viewer)
        | Q(pk__in=Cosigner.objects.filter(user=viewer).values("suggestion_id"))
        | (Q(congress__in=managed) & ~Q(state=State.DRAFT))
    )
    if permissions.can(viewer, DRAFT):
        # Deputies of the congress may read submitted suggestions to second them.
        deputy_of = permissions.congresses_where(viewer, DRAFT)
        condition |= Q(congress__in=deputy_of, state=State.SUBMITTED)
    if permissions.can(viewer, HANDLE):
        condition |= Q(lead_unit__in=orgs) | Q(
            pk__in=CoUnit.objects.filter(organization__in=orgs).values("suggestion_id")
        )
    return Suggestion.objects.filter(condition).select_related("congress", "lead_unit", "deputy")


def detail_context(suggestion: Suggestion) -> dict:
    """The related records a detail page shows, each in one query."""
    return {
        "cosigners": list(suggestion.cosigners.select_related("user")),
        "co_units": list(suggestion.co_units.select_related("organization")),
        "replies": list(
            suggestion.replies.select_related(
                "organization", "author", "document"
            ).prefetch_related("commitments")
        ),
        "evaluations": list(suggestion.evaluations.select_related("by")),
        "supervisors": list(suggestion.supervisors.all()),
        "requests": list(suggestion.reassign_requests.select_related("organization")),
        "commitments": list(suggestion.commitments.all()),
    }


@dataclass
class UnitRow:
    unit: str
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    satisfied: int = 0
    evaluated: int = 0
    rehandled: int = 0
    classes: Counter = field(default_factory=Counter)

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.replied if self.replied else 0.0

    @property
    def satisfaction_rate(self) -> float:
        return self.satisfied / self.evaluated if self.evaluated else 0.0

    @property
    def score(self) -> float:
        """Ranking score: 40 % replies on time, 60 % deputies satisfied on the first round."""
        return round(40 * self.on_time_rate + 60 * self.satisfaction_rate, 1)


@dataclass
class Figures:
    year: int
    submitted: int
    registered: int
    reference: int
    merged: int
    replied: int
    on_time: int
    closed: int
    rehandled: int
    key: int
    classes: dict[str, int]
    first_verdicts: dict[str, int]
    final_verdicts: dict[str, int]
    states: dict[str, int]
    units: list[UnitRow]

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.replied if self.replied else 0.0

    def share(self, counts: dict[str, int], key: str) -> float:
        total = sum(counts.values())
        return counts.get(key, 0) / total if total else 0.0

    @property
    def satisfaction_rate(self) -> float:
        """Share of first evaluations that were 满意 or 基本满意."""
        good = self.first_verdicts.get("satisfied", 0) + self.first_verdicts.get("basic", 0)
        total = sum(self.first_verdicts.values())
        return good / total if total else 0.0


def year_figures(*, congresses, year: int) -> Figures:
    """Count a year's suggestions: registered, on time, A/B/C/D, satisfaction, per unit."""
    suggestions = Suggestion.objects.filter(congress__in=congresses, year=year)
    states = dict(suggestions.values_list("state").annotate(n=Count("id")).order_by())
    registered_states = [
        s for s in State.values if s not in (State.DRAFT, State.SUBMITTED, State.REFERENCE)
    ]
    registered = suggestions.filter(state__in=registered_states).exclude(number="")
    agg = registered.aggregate(
        replied=Count("id", filter=Q(replied_on_time__isnull=False)),
        on_time=Count("id", filter=Q(replied_on_time=True)),
        rehandled=Count("id", filter=Q(round__gt=1)),
        key=Count("id", filter=Q(is_key=True)),
    )

    def counts(name: str) -> dict[str, int]:
        rows = registered.exclude(**{name: ""}).values_list(name).annotate(n=Count("id"))
        return dict(rows.order_by())

    units: dict[int, UnitRow] = {}
    rows = (
        registered.filter(lead_unit__isnull=False)
        .values("lead_unit", "lead_unit__name", "replied_on_time", "first_verdict", "round")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        unit = units.setdefault(row["lead_unit"], UnitRow(unit=row["lead_unit__name"]))
        n = row["n"]
        unit.assigned += n
        if row["replied_on_time"] is not None:
            unit.replied += n
            unit.on_time += n if row["replied_on_time"] else 0
        if row["first_verdict"]:
            unit.evaluated += n
            unit.satisfied += n if row["first_verdict"] in ("satisfied", "basic") else 0
        if row["round"] > 1:
            unit.rehandled += n
    class_rows = (
        registered.exclude(result_class="")
        .values_list("lead_unit", "result_class")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, result_class, n in class_rows:
        if unit_id in units:
            units[unit_id].classes[result_class] += n
    ranked = sorted(units.values(), key=lambda u: (-u.score, -u.assigned, u.unit))
    return Figures(
        year=year,
        submitted=sum(n for s, n in states.items() if s != State.DRAFT),
        registered=registered.count(),
        reference=states.get(State.REFERENCE, 0),
        merged=states.get(State.MERGED, 0),
        replied=agg["replied"],
        on_time=agg["on_time"],
        closed=states.get(State.CLOSED, 0),
        rehandled=agg["rehandled"],
        key=agg["key"],
        classes=counts("result_class"),
        first_verdicts=counts("first_verdict"),
        final_verdicts=counts("verdict"),
        states=states,
        units=ranked,
    )
