"""Reads of consultations and opinions for pages, the API, reports and statistics."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from renda.core import permissions
from renda.core.models import User
from renda.legislation.models import Article, Consultation, Opinion, OpinionGroup
from renda.legislation.permissions import MANAGE

POSITIONS_PER_ARTICLE = 10
ADOPTED = (Opinion.Adoption.ADOPTED, Opinion.Adoption.PARTLY)


def staff_consultations(user: User) -> QuerySet[Consultation]:
    """Consultations of the congresses the person runs consultations in."""
    return Consultation.objects.filter(
        congress__in=permissions.congresses_where(user, MANAGE)
    ).select_related("congress")


def public_consultations() -> QuerySet[Consultation]:
    """Consultations open to the public now."""
    return Consultation.objects.filter(
        state=Consultation.State.OPEN, congress__is_active=True
    ).select_related("congress")


def draft_articles(consultation: Consultation) -> QuerySet[Article]:
    return consultation.articles.filter(version=Article.Version.DRAFT)


def final_articles(consultation: Consultation) -> QuerySet[Article]:
    return consultation.articles.filter(version=Article.Version.FINAL)


def articles_with_counts(consultation: Consultation) -> QuerySet[Article]:
    """Draft articles with their opinion and adoption counts (one query)."""
    return draft_articles(consultation).annotate(
        opinion_count=Count("opinions"),
        adopted_count=Count("opinions", filter=Q(opinions__adoption__in=ADOPTED)),
    )


def opinion_list(
    consultation: Consultation, *, article: str = "", source: str = "", query: str = ""
) -> QuerySet[Opinion]:
    """Opinions of a consultation, filtered; article "0" means on the whole draft."""
    opinions = consultation.opinions.select_related("article", "point", "group", "deputy", "expert")
    if article == "0":
        opinions = opinions.filter(article__isnull=True)
    elif article.isdigit():
        opinions = opinions.filter(article__number=int(article))
    if source:
        opinions = opinions.filter(source=source)
    if query:
        opinions = opinions.filter(text__contains=query)
    return opinions


@dataclass
class Position:
    text: str
    count: int
    is_campaign: bool
    group_id: int | None
    adoption: str = ""


@dataclass
class ArticleReport:
    label: str
    text: str
    count: int
    positions: list[Position] = field(default_factory=list)
    more: int = 0


def positions_by_article(consultation: Consultation) -> dict[int | None, list[Position]]:
    """Return article id (None = whole draft) -> distinct positions, largest first."""
    counts = (
        consultation.opinions.filter(group__isnull=False)
        .values("article_id", "group_id")
        .annotate(n=Count("pk"))
    )
    per_article: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for row in counts:
        per_article[row["article_id"]].append((row["n"], row["group_id"]))
    groups = {
        g.pk: g
        for g in OpinionGroup.objects.filter(consultation=consultation).select_related(
            "representative"
        )
    }
    result: dict[int | None, list[Position]] = defaultdict(list)
    for article_id, rows in per_article.items():
        for n, group_id in sorted(rows, reverse=True)[: POSITIONS_PER_ARTICLE * 2]:
            group = groups.get(group_id)
            if group is None or group.representative is None:
                continue
            result[article_id].append(
                Position(group.representative.text, n, group.is_campaign, group_id)
            )
    singles = consultation.opinions.filter(group__isnull=True).order_by("pk")
    taken: dict[int | None, int] = defaultdict(int)
    for opinion in singles.only("pk", "text", "article_id", "adoption").iterator(chunk_size=2000):
        if taken[opinion.article_id] >= POSITIONS_PER_ARTICLE:
            continue
        taken[opinion.article_id] += 1
        result[opinion.article_id].append(Position(opinion.text, 1, False, None, opinion.adoption))
    for positions in result.values():
        positions.sort(key=lambda p: -p.count)
    return result


def report_data(consultation: Consultation) -> dict:
    """Everything the feedback report shows: per article and the sources of the opinions."""
    positions = positions_by_article(consultation)
    articles = []
    general = consultation.opinions.filter(article__isnull=True).count()
    if general:
        found = positions.get(None, [])
        articles.append(
            ArticleReport(
                "总体意见",
                "",
                general,
                found[:POSITIONS_PER_ARTICLE],
                max(0, len(found) - POSITIONS_PER_ARTICLE),
            )
        )
    for article in articles_with_counts(consultation):
        if not article.opinion_count:
            continue
        found = positions.get(article.pk, [])
        articles.append(
            ArticleReport(
                article.label,
                article.text,
                article.opinion_count,
                found[:POSITIONS_PER_ARTICLE],
                max(0, len(found) - POSITIONS_PER_ARTICLE),
            )
        )
    opinions = consultation.opinions
    by_point = list(
        opinions.filter(point__isnull=False)
        .values("point__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "point__name")
    )
    by_source = {
        row["source"]: row["n"] for row in opinions.values("source").annotate(n=Count("pk"))
    }
    by_kind = {
        "deputy": opinions.filter(deputy__isnull=False).count(),
        "expert": opinions.filter(expert__isnull=False).count(),
    }
    by_kind["citizen"] = opinions.count() - by_kind["deputy"] - by_kind["expert"]
    return {
        "consultation": consultation,
        "total": opinions.count(),
        "campaigns": consultation.groups.filter(is_campaign=True).count(),
        "campaign_opinions": opinions.filter(group__is_campaign=True).count(),
        "articles": articles,
        "by_point": by_point,
        "by_source": [(str(Opinion.Source(k).label), v) for k, v in sorted(by_source.items())],
        "by_kind": [
            ("人大代表", by_kind["deputy"]),
            ("专家", by_kind["expert"]),
            ("群众", by_kind["citizen"]),
        ],
        "questions": list(consultation.expert_questions.select_related("expert")),
    }


def statistics(consultations: QuerySet[Consultation]) -> dict:
    """Per consultation, per collection point and per year: laws, opinions, adopted, rate."""
    per_consultation = list(
        consultations.annotate(
            opinion_count=Count("opinions"),
            adopted_count=Count("opinions", filter=Q(opinions__adoption__in=ADOPTED)),
        ).order_by("-created_at")
    )
    opinions = Opinion.objects.filter(consultation__in=consultations)
    per_point = list(
        opinions.filter(point__isnull=False)
        .values("point__name")
        .annotate(
            laws=Count("consultation", distinct=True),
            opinion_count=Count("pk"),
            adopted_count=Count("pk", filter=Q(adoption__in=ADOPTED)),
        )
        .order_by("-opinion_count")
    )
    years: dict[int, dict[str, int]] = defaultdict(lambda: {"laws": 0, "opinions": 0, "adopted": 0})
    for c in per_consultation:
        row = years[c.year]
        row["laws"] += 1
        row["opinions"] += c.opinion_count
        row["adopted"] += c.adopted_count
    per_year = [
        {**row, "year": year, "rate": _rate(row["adopted"], row["opinions"])}
        for year, row in sorted(years.items())
    ]
    for row in per_point:
        row["rate"] = _rate(row["adopted_count"], row["opinion_count"])
    for c in per_consultation:
        c.rate = _rate(c.adopted_count, c.opinion_count)
    totals = {
        "laws": len(per_consultation),
        "opinions": sum(c.opinion_count for c in per_consultation),
        "adopted": sum(c.adopted_count for c in per_consultation),
    }
    totals["rate"] = _rate(totals["adopted"], totals["opinions"])
    return {
        "per_consultation": per_consultation,
        "per_point": per_point,
        "per_year": per_year,
        "totals": totals,
    }


def _rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
