"""Reads of the filings module for pages, the API and dashboards."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from renda.core.models import Congress, User
from renda.directory.models import Organization
from renda.directory.selectors import filing_bodies
from renda.filings import access, search, workflow
from renda.filings.models import Correction, Filing, Finding, Side, Track


def filing_list(*, viewer: User, state: str = "", late: bool = False, q: str = "",
                kind: str = "") -> QuerySet[Filing]:  # fmt: skip
    """Return the filings `viewer` may see, newest first, with their tracks."""
    filings = access.visible_filings(viewer).select_related("body", "congress", "gov_reviewer")
    if state:
        filings = filings.filter(tracks__state=state)
    if late:
        filings = filings.filter(is_late=True)
    if kind:
        filings = filings.filter(kind=kind)
    if q:
        filings = filings.filter(Q(title__contains=q) | Q(number__contains=q))
    return filings.prefetch_related(Prefetch("tracks", queryset=Track.objects.order_by("side")))


def filing_for(viewer: User, pk: int) -> Filing | None:
    """Return one filing if `viewer` may open it."""
    return (
        access.visible_filings(viewer)
        .select_related("body", "congress", "gov_reviewer", "gov_reviewer__congress", "campaign")
        .filter(pk=pk)
        .first()
    )


def current_findings(filing: Filing) -> list[Finding]:
    return list(filing.findings.filter(version=filing.version).select_related("decided_by"))


def tracks_of(filing: Filing) -> list[Track]:
    return list(
        filing.tracks.select_related("reviewer")
        .prefetch_related("signoffs__signer", "opinions__expert", "corrections")
        .order_by("side")
    )


def public_documents(*, body: str = "", year: int | None = None, validity: str = "",
                     doc_type: str = "") -> QuerySet[Filing]:  # fmt: skip
    """The public database (入库展示), filtered."""
    documents = Filing.objects.filter(is_public=True).select_related("body")
    if body:
        documents = documents.filter(body__name=body)
    if year:
        documents = documents.filter(published_on__year=year)
    if validity:
        documents = documents.filter(validity=validity)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("-published_on", "-id")


def public_scope(*, body: str = "", year: int | None = None, validity: str = "",
                 doc_type: str = "") -> search.Scope:  # fmt: skip
    """The filters of `public_documents` as the search index holds them."""
    bodies = None
    if body:
        bodies = tuple(Organization.objects.filter(name=body).values_list("pk", flat=True))
    return search.Scope(bodies=bodies, year=year or None, validity=validity, doc_type=doc_type)


def public_bodies() -> list[str]:
    return list(
        Organization.objects.filter(filings__is_public=True).values_list("name", flat=True)
        .distinct().order_by("name")
    )  # fmt: skip


def bodies_with_contacts(congresses: QuerySet[Congress]) -> list[Organization]:
    """The list of filing bodies (备案主体清单) of the given congresses, with contacts."""
    bodies = []
    for congress in congresses:
        bodies.extend(
            filing_bodies(congress)
            .select_related("congress", "filing_profile__review_congress")
            .prefetch_related("filing_contacts")
            .annotate(
                filed=Count("filings"), late=Count("filings", filter=Q(filings__is_late=True))
            )
        )
    return bodies


def late_filers(congresses: QuerySet[Congress], year: int) -> list[dict]:
    """Bodies that filed late in `year`, most late first, for a notice (通报)."""
    rows = (
        Filing.objects.filter(congress__in=congresses, kind=Filing.Kind.NEW, filed_on__year=year)
        .values("body__name")
        .annotate(total=Count("id"), late=Count("id", filter=Q(is_late=True)))
        .filter(late__gt=0)
        .order_by("-late", "body__name")
    )
    late = {r["body__name"]: [] for r in rows}
    for filing in (
        Filing.objects.filter(
            congress__in=congresses, kind=Filing.Kind.NEW, filed_on__year=year, is_late=True
        )
        .select_related("body")
        .order_by("filed_on")
    ):
        late[filing.body.name].append(filing)
    return [{**r, "filings": late[r["body__name"]]} for r in rows]


@dataclass
class Rates:
    label: str
    filed: int
    on_time: int
    reviewed: int
    reviewed_on_time: int
    corrections: int
    corrected: int
    stock_reviewed: int

    @staticmethod
    def pct(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def timeliness(self):
        return self.pct(self.on_time, self.filed)

    @property
    def review_on_time(self):
        return self.pct(self.reviewed_on_time, self.reviewed)

    @property
    def correction_rate(self):
        return self.pct(self.corrected, self.corrections)


def metrics(congresses: QuerySet[Congress], year: int, today: dt.date) -> list[Rates]:
    """Rates per body for `year`, the total first: timeliness, review on time, corrections."""
    filings = Filing.objects.filter(congress__in=congresses, filed_on__year=year)
    tracks = Track.objects.filter(filing__in=filings, side=Side.CONGRESS)
    corrections = Correction.objects.filter(track__in=tracks)
    per_body: dict[str, Rates] = {}

    def row(name: str) -> Rates:
        return per_body.setdefault(name, Rates(name, 0, 0, 0, 0, 0, 0, 0))

    for name, kind, late in filings.values_list("body__name", "kind", "is_late"):
        if kind == Filing.Kind.NEW:
            row(name).filed += 1
            row(name).on_time += not late
    for name, kind, state, concluded, due in tracks.values_list(
        "filing__body__name", "filing__kind", "state", "concluded_on", "review_due_on"
    ):
        if state == workflow.CLOSED and kind == Filing.Kind.STOCK:
            row(name).stock_reviewed += 1
        if state == workflow.CLOSED or (due and due < today):
            row(name).reviewed += 1
            row(name).reviewed_on_time += bool(concluded and (due is None or concluded <= due))
    for name, closed, due in corrections.values_list(
        "track__filing__body__name", "closed_on", "due_on"
    ):
        if closed or due < today:
            row(name).corrections += 1
            row(name).corrected += bool(closed)
    total = Rates("合计", *(sum(getattr(r, f) for r in per_body.values()) for f in (
        "filed", "on_time", "reviewed", "reviewed_on_time", "corrections", "corrected",
        "stock_reviewed")))  # fmt: skip
    return [total, *sorted(per_body.values(), key=lambda r: r.label)]
