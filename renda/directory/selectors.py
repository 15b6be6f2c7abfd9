"""Reads of the directory for pages, the API and other modules."""

from django.db.models import Q, QuerySet

from renda.core.models import Congress
from renda.directory.models import Deputy, DeputyLevel, Expert, Organization, Station


def search_deputies(deputies: QuerySet[Deputy], query: str) -> QuerySet[Deputy]:
    """Match a name in Chinese, its pinyin initials (zzq) or its pinyin (zhangzhiqiang)."""
    query = query.strip()
    if not query:
        return deputies
    lowered = query.lower().replace(" ", "")
    condition = Q(name__contains=query)
    if lowered.isascii():
        condition |= Q(name_initials__startswith=lowered) | Q(name_pinyin__startswith=lowered)
    return deputies.filter(condition)


def deputy_list(
    *,
    congresses: QuerySet[Congress] | list[Congress],
    query: str = "",
    level: str = "",
    station: Station | None = None,
    group=None,
    field: str = "",
    status: str = "",
) -> QuerySet[Deputy]:
    """Return deputies of the given congresses matching the filters."""
    deputies = Deputy.objects.filter(congress__in=congresses).select_related(
        "station", "group", "congress"
    )
    deputies = search_deputies(deputies, query)
    if level:
        deputies = deputies.filter(level=level)
    if station is not None:
        deputies = deputies.filter(station=station)
    if group is not None:
        deputies = deputies.filter(group=group)
    if field:
        deputies = deputies.filter(field__contains=field)
    if status:
        deputies = deputies.filter(status=status)
    return deputies


CONGRESS_LEVEL_TO_DEPUTY_LEVEL = {
    Congress.Level.NATIONAL: DeputyLevel.NATIONAL,
    Congress.Level.PROVINCE: DeputyLevel.PROVINCE,
    Congress.Level.CITY: DeputyLevel.CITY,
    Congress.Level.COUNTY: DeputyLevel.COUNTY,
    Congress.Level.TOWNSHIP: DeputyLevel.TOWNSHIP,
}


def session_deputies(congress: Congress) -> QuerySet[Deputy]:
    """Serving deputies who sit in `congress`'s own sessions (its level, not the higher levels
    whose deputies the directory also lists for the area)."""
    return Deputy.objects.filter(
        congress=congress,
        status=Deputy.Status.SERVING,
        level=CONGRESS_LEVEL_TO_DEPUTY_LEVEL[congress.level],
    )


def public_deputies() -> QuerySet[Deputy]:
    """Deputies anyone may see (serving, in an active congress)."""
    return Deputy.objects.filter(
        status=Deputy.Status.SERVING, congress__is_active=True
    ).select_related("station", "group", "congress", "photo")


def public_stations() -> QuerySet[Station]:
    """Stations anyone may see."""
    return Station.objects.filter(is_active=True, congress__is_active=True).select_related(
        "congress"
    )


def handling_units(congress: Congress) -> QuerySet[Organization]:
    """Handling units of a congress (for assigning suggestions and requests)."""
    return Organization.objects.filter(congress=congress, is_handling_unit=True, is_active=True)


def filing_bodies(congress: Congress) -> QuerySet[Organization]:
    """The list of filing bodies (备案主体清单)."""
    return Organization.objects.filter(congress=congress, is_filing_body=True, is_active=True)


def active_experts(congress: Congress, field: str = "") -> QuerySet[Expert]:
    """Experts in the pool now, optionally of one field."""
    experts = Expert.objects.filter(congress=congress, status=Expert.Status.ACTIVE)
    return experts.filter(field__contains=field) if field else experts
