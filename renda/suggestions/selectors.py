"""Reads of the suggestions module for pages, the API, dashboards and the year-end report."""

import time
import zlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from renda.core import permissions
from renda.core.models import User
from renda.core.timeline import timeline_for
from renda.directory.models import Organization
from renda.suggestions.models import Cosigner, CoUnit, State, Suggestion
from renda.suggestions.permissions import DRAFT, HANDLE, MANAGE

HANDLING = (State.ASSIGNED, State.REHANDLING)
LIST_FIELDS = (
    "congress", "lead_unit",
)  # fmt: skip


CAP = 10_000  # lists count and page up to this many rows; filter to see further


class DeadlineList:
    """Suggestions overdue first, then by deadline, then undated newest first.

    Each part is its own query of ids ordered by an index ((congress, state, due_on, -id) or
    (congress, due_on, -id)) and sliced with LIMIT, so a page never sorts the whole list; the
    page's rows are then read by id. With a text query (a scan anyway) the matching keys are
    read once and sorted here. Slices and the count stop at `CAP` rows; Paginator and the API
    page through it.
    """

    def __init__(self, base: QuerySet[Suggestion], *, overdue_only=False, scan=False):
        today = timezone.localdate()
        self.today, self.overdue_only, self.scan = today, overdue_only, scan
        overdue = base.filter(state__in=HANDLING, due_on__lt=today)
        dated = base.filter(due_on__isnull=False).exclude(state__in=HANDLING, due_on__lt=today)
        self.parts = [overdue.order_by("due_on", "-id")]
        if not overdue_only:
            self.parts += [
                dated.order_by("due_on", "-id"),
                base.filter(due_on__isnull=True).order_by("-id"),
            ]
        self.base = overdue if overdue_only else base
        self._counts: dict[int, int] = {}
        self._total: int | None = None
        self._keys: list[int] | None = None
        self.capped = False

    def all(self) -> "DeadlineList":
        return self

    def count(self) -> int:
        """Count the rows, at most `CAP` (then `capped` is set)."""
        if self._total is None:
            found = len(self._scan()) if self.scan else self._capped_count(self.base)
            self.capped = found > CAP
            self._total = min(found, CAP)
        return self._total

    def __len__(self) -> int:
        return self.count()

    @staticmethod
    def _capped_count(queryset) -> int:
        return queryset.order_by().values("pk")[: CAP + 1].count()

    def _scan(self) -> list[int]:
        if self._keys is None:
            keys = list(self.base.order_by().values_list("pk", "state", "due_on")[: CAP + 1])
            today, late = self.today, timezone.localdate().replace(year=9999)

            def rank(key):
                pk, state, due_on = key
                if due_on is None:
                    return (2, late, -pk)
                return (0 if state in HANDLING and due_on < today else 1, due_on, -pk)

            self._keys = [k[0] for k in sorted(keys, key=rank)]
        return self._keys

    def _ids(self, start: int, stop: int) -> list[int]:
        if self.scan:
            return self._scan()[start:stop]
        ids: list[int] = []
        for index, part in enumerate(self.parts):
            if start >= stop:
                break
            known = self._counts.get(index, CAP + 1)
            got = list(part.values_list("pk", flat=True)[start:stop]) if start < known else []
            ids += got
            if len(got) == stop - start:
                break
            # The part ended inside the window: learn its length to move into the next one.
            if got or start == 0:
                self._counts[index] = start + len(got)
            elif index not in self._counts:
                self._counts[index] = self._capped_count(part)
            size = self._counts[index]
            start, stop = max(0, start - size), stop - size
        return ids

    def __getitem__(self, key):
        if isinstance(key, int):
            rows = self[key : key + 1]
            if not rows:
                raise IndexError(key)
            return rows[0]
        start, stop = min(key.start or 0, CAP), min(CAP if key.stop is None else key.stop, CAP)
        ids = self._ids(start, stop) if start < stop else []
        found = Suggestion.objects.select_related(*LIST_FIELDS).in_bulk(ids)
        rows = [found[pk] for pk in ids if pk in found]
        for row in rows:
            row.is_overdue = bool(row.state in HANDLING and row.due_on and row.due_on < self.today)
        return rows


def by_deadline(suggestions: QuerySet[Suggestion], *, overdue_only=False, scan=False):
    """Order overdue first, then by deadline, undated last (newest first among equals)."""
    return DeadlineList(suggestions, overdue_only=overdue_only, scan=scan)


def _base() -> QuerySet[Suggestion]:
    return Suggestion.objects.all()


def staff_list(
    *, viewer: User, state: str = "", query: str = "", year: int | None = None
) -> DeadlineList:
    """The staff to-do list: everything submitted in the congresses the viewer manages."""
    congresses = list(permissions.congresses_where(viewer, MANAGE).values_list("pk", flat=True))
    suggestions = _base().filter(congress__in=congresses).exclude(state=State.DRAFT)
    return _listed(suggestions, state=state, query=query, year=year)


def deputy_list(
    *, viewer: User, state: str = "", query: str = "", year: int | None = None
) -> DeadlineList:
    """The deputy's own suggestions and those co-signed."""
    cosigned = Cosigner.objects.filter(user=viewer).values("suggestion_id")
    suggestions = _base().filter(Q(author=viewer) | Q(pk__in=cosigned))
    return _listed(suggestions, state=state, query=query, year=year)


def unit_list(
    *, viewer: User, state: str = "", query: str = "", year: int | None = None
) -> DeadlineList:
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
    return _listed(suggestions, state=state, query=query, year=year)


def _listed(suggestions, *, state: str, query: str, year: int | None) -> DeadlineList:
    suggestions = _filter(suggestions, state=state, query=query, year=year)
    return by_deadline(suggestions, overdue_only=state == "overdue", scan=bool(query.strip()))


def _filter(suggestions, *, state: str, query: str, year: int | None):
    if state and state != "overdue":
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


TIMELINE_LIMIT = 100


def recent_timeline(suggestion: Suggestion, *, limit: int = TIMELINE_LIMIT):
    """Return the latest `limit` steps oldest first, and whether older ones were left out.

    Served by core's index (subject_type, subject_id, at), read backwards with LIMIT.
    """
    events = list(timeline_for(suggestion).order_by("-at", "-id")[: limit + 1])
    return events[:limit][::-1], len(events) > limit


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
    congress_ids: list[int] = field(default_factory=list)

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


FIGURES_TIMEOUT = 60  # seconds; services also drop cached figures when a suggestion changes
_GENERATION = "suggestions:figures:generation"
REGISTERED_STATES = [
    s for s in State.values if s not in (State.DRAFT, State.SUBMITTED, State.REFERENCE)
]


def forget_figures() -> None:
    """Drop every cached year's figures (call when a suggestion is created or changes)."""
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, time.time_ns(), None)


def year_figures(*, congresses, year: int) -> Figures:
    """Count a year's suggestions (cached briefly; see `count_year`)."""
    ids = sorted(c if isinstance(c, int) else c.pk for c in congresses)
    generation = cache.get(_GENERATION)
    if generation is None:
        forget_figures()
        generation = cache.get(_GENERATION)
    key = f"suggestions:figures:{generation}:{year}:{zlib.crc32(str(ids).encode())}:{len(ids)}"
    figures = cache.get(key)
    if figures is None or figures.congress_ids != ids:
        figures = count_year(congress_ids=ids, year=year)
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures


def count_year(*, congress_ids: list[int], year: int) -> Figures:
    """Count a year's suggestions: registered, on time, A/B/C/D, satisfaction, per unit.

    One grouped query over the index (congress, year, state, lead_unit, replied_on_time,
    first_verdict, verdict, result_class, …) and one for the units' names.
    """
    numbered = ~Q(number="")
    rows = (
        Suggestion.objects.filter(congress__in=congress_ids, year=year)
        .values("state", "lead_unit", "replied_on_time", "first_verdict", "verdict",
                "result_class")
        .annotate(
            n=Count("id"),
            registered=Count("id", filter=numbered),
            rehandled=Count("id", filter=numbered & Q(round__gt=1)),
            key=Count("id", filter=numbered & Q(is_key=True)),
        )
        .order_by()
    )  # fmt: skip
    states: Counter = Counter()
    total: Counter = Counter()
    classes: Counter = Counter()
    first: Counter = Counter()
    final: Counter = Counter()
    units: dict[int, UnitRow] = {}
    for row in rows:
        states[row["state"]] += row["n"]
        n = row["registered"]
        if row["state"] not in REGISTERED_STATES or not n:
            continue
        replied, on_time = row["replied_on_time"] is not None, row["replied_on_time"] is True
        total.update(registered=n, replied=n * replied, on_time=n * on_time,
                     rehandled=row["rehandled"], key=row["key"])  # fmt: skip
        for counter, value in ((classes, row["result_class"]), (first, row["first_verdict"]),
                               (final, row["verdict"])):  # fmt: skip
            if value:
                counter[value] += n
        if row["lead_unit"] is None:
            continue
        unit = units.setdefault(row["lead_unit"], UnitRow(unit=""))
        unit.assigned += n
        unit.replied += n * replied
        unit.on_time += n * on_time
        if row["first_verdict"]:
            unit.evaluated += n
            unit.satisfied += n if row["first_verdict"] in ("satisfied", "basic") else 0
        unit.rehandled += row["rehandled"]
        if row["result_class"]:
            unit.classes[row["result_class"]] += n
    for pk, name in Organization.objects.filter(pk__in=units).values_list("pk", "name"):
        units[pk].unit = name
    ranked = sorted(units.values(), key=lambda u: (-u.score, -u.assigned, u.unit))
    return Figures(
        year=year,
        submitted=sum(n for s, n in states.items() if s != State.DRAFT),
        registered=total["registered"],
        reference=states.get(State.REFERENCE, 0),
        merged=states.get(State.MERGED, 0),
        replied=total["replied"],
        on_time=total["on_time"],
        closed=states.get(State.CLOSED, 0),
        rehandled=total["rehandled"],
        key=total["key"],
        classes=dict(classes),
        first_verdicts=dict(first),
        final_verdicts=dict(final),
        states=dict(states),
        units=ranked,
        congress_ids=congress_ids,
    )
