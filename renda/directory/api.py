"""REST endpoints of the directory: public lists of deputies and stations, staff writes."""

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from renda.core import accounts
from renda.core.api import AUTH
from renda.core.masking import mask_phone
from renda.core.models import Congress
from renda.core.permissions import can, congresses_where
from renda.directory import selectors, services
from renda.directory.models import Deputy, ProfessionalGroup, Station
from renda.directory.permissions import MANAGE
from renda.directory.qr import target_url

router = Router(tags=["directory"])


class StationRef(Schema):
    public_code: str
    name: str


class RepresentativeOut(Schema):
    public_code: str
    name: str
    level: str
    level_label: str
    term: int
    term_label: str
    delegation: str
    group: str | None
    field: str
    station: StationRef | None
    congress: str
    public_url: str
    # Only for staff who manage the deputy's congress; absent otherwise.
    phone_masked: str | None = None
    status: str | None = None


class StationOut(Schema):
    public_code: str
    name: str
    kind: str
    kind_label: str
    congress: str
    address: str
    reception_schedule: str
    phone: str
    description: str
    deputies_count: int
    public_url: str
    is_active: bool | None = None


class RepresentativeIn(Schema):
    congress: str | None = None
    name: str | None = None
    gender: str | None = None
    level: str | None = None
    # Text is accepted too, so that "abc" is refused by the model in Chinese, not by the parser.
    term: int | str | None = None
    delegation: str | None = None
    group: str | None = None
    field: str | None = None
    station: str | None = None
    occupation: str | None = None
    phone: str | None = None
    id_number: str | None = None
    bio: str | None = None
    status: str | None = None


class StationIn(Schema):
    congress: str | None = None
    name: str | None = None
    kind: str | None = None
    address: str | None = None
    reception_schedule: str | None = None
    phone: str | None = None
    description: str | None = None
    is_active: bool | None = None


class ErrorsOut(Schema):
    errors: dict[str, str]


class _Rows:
    """A queryset whose slices come out as API rows, for ninja's limit/offset pagination."""

    def __init__(self, queryset: QuerySet, row: Callable):
        self.queryset, self.row = queryset, row

    def all(self) -> QuerySet:
        return self.queryset.all()

    def __getitem__(self, window: slice) -> list[dict]:
        return [self.row(obj) for obj in self.queryset[window]]


def _viewer(request: HttpRequest):
    """Return the person behind a bearer token or session, or None; 401 for a bad token."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = accounts.token_authenticate(header[7:].strip())
        if user is None:
            raise HttpError(401, _("令牌无效或已过期。"))
        return user
    return request.user if request.user.is_authenticated else None


def _managed_congress_ids(request: HttpRequest) -> set[int]:
    user = _viewer(request)
    if user is None:
        return set()
    return set(congresses_where(user, MANAGE).values_list("pk", flat=True))


def _deputy_row(request: HttpRequest, deputy: Deputy, staff: bool) -> dict:
    station = deputy.station if deputy.station_id and deputy.station.is_active else None
    row = {
        "public_code": deputy.public_code,
        "name": deputy.name,
        "level": deputy.level,
        "level_label": str(deputy.get_level_display()),
        "term": deputy.term,
        "term_label": deputy.term_label,
        "delegation": deputy.delegation,
        "group": deputy.group.name if deputy.group_id else None,
        "field": deputy.field,
        "station": {"public_code": station.public_code, "name": station.name} if station else None,
        "congress": deputy.congress.code,
        "public_url": target_url(request, deputy),
    }
    if staff:
        row["phone_masked"] = mask_phone(deputy.phone) if deputy.phone else ""
        row["status"] = deputy.status
    return row


def _station_row(request: HttpRequest, station: Station, staff: bool = False) -> dict:
    row = {
        "public_code": station.public_code,
        "name": station.name,
        "kind": station.kind,
        "kind_label": str(station.get_kind_display()),
        "congress": station.congress.code,
        "address": station.address,
        "reception_schedule": station.reception_schedule,
        "phone": station.phone,
        "description": station.description,
        "deputies_count": station.deputies_count,
        "public_url": target_url(request, station),
    }
    if staff:
        row["is_active"] = station.is_active
    return row


def _with_deputy_count(stations: QuerySet[Station]) -> QuerySet[Station]:
    serving = Q(deputies__status=Deputy.Status.SERVING)
    return stations.annotate(deputies_count=Count("deputies", filter=serving))


@router.get(
    "/representatives",
    response=list[RepresentativeOut],
    exclude_unset=True,
    summary="人大代表名录（公开字段）",
)
@paginate(LimitOffsetPagination)
def representative_list(
    request: HttpRequest,
    q: str = "",
    level: str = "",
    station: str = "",
    congress: str = "",
):
    deputies = selectors.search_deputies(selectors.public_deputies(), q)
    if level:
        deputies = deputies.filter(level=level)
    if station:
        deputies = deputies.filter(station__public_code=station, station__is_active=True)
    if congress:
        deputies = deputies.filter(congress__code=congress)
    managed = _managed_congress_ids(request)
    return _Rows(
        deputies.order_by("name_pinyin", "id"),
        lambda d: _deputy_row(request, d, d.congress_id in managed),
    )


@router.get(
    "/representatives/{public_code}",
    response=RepresentativeOut,
    exclude_unset=True,
    summary="一位人大代表（公开字段）",
)
def representative_detail(request: HttpRequest, public_code: str):
    managed = _managed_congress_ids(request)
    deputy = (
        Deputy.objects.filter(public_code=public_code)
        .select_related("station", "group", "congress")
        .first()
    )
    public = selectors.public_deputies().filter(public_code=public_code).exists()
    if deputy is None or not (public or deputy.congress_id in managed):
        raise HttpError(404, _("没有找到这位代表。"))
    return _deputy_row(request, deputy, deputy.congress_id in managed)


@router.get(
    "/stations", response=list[StationOut], exclude_unset=True, summary="代表联络站（公开字段）"
)
@paginate(LimitOffsetPagination)
def station_list(request: HttpRequest, q: str = "", congress: str = "", kind: str = ""):
    stations = _with_deputy_count(selectors.public_stations())
    if q.strip():
        stations = stations.filter(name__contains=q.strip())
    if congress:
        stations = stations.filter(congress__code=congress)
    if kind:
        stations = stations.filter(kind=kind)
    return _Rows(stations.order_by("name", "id"), lambda s: _station_row(request, s))


@router.get(
    "/stations/{public_code}",
    response=StationOut,
    exclude_unset=True,
    summary="一个代表联络站（公开字段）",
)
def station_detail(request: HttpRequest, public_code: str):
    managed = _managed_congress_ids(request)
    station = _with_deputy_count(Station.objects.select_related("congress")).filter(
        public_code=public_code
    )
    station = station.first()
    public = selectors.public_stations().filter(public_code=public_code).exists()
    if station is None or not (public or station.congress_id in managed):
        raise HttpError(404, _("没有找到这个联络站。"))
    return _station_row(request, station, station.congress_id in managed)


# ---- staff writes ----


class _Invalid(Exception):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors


def _errors_of(exc: ValidationError) -> dict[str, str]:
    """Turn a ValidationError into one Chinese message per field ("__all__" for the rest)."""
    if hasattr(exc, "error_dict"):
        return {field: "；".join(messages) for field, messages in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: "；".join(exc.messages)}


def _congress_for_create(request: HttpRequest, code: str | None) -> Congress:
    """Return the congress a new record goes into, if the caller manages it."""
    if not can(request.user, MANAGE):
        raise HttpError(403, _("您没有管理代表名录的权限。"))
    if not code:
        raise _Invalid({"congress": _("请填写所属人大的编码。")})
    congress = Congress.objects.filter(code=code, is_active=True).first()
    if congress is None:
        raise _Invalid({"congress": _("没有编码为“%(code)s”的人大。") % {"code": code}})
    _require_manage(request, congress)
    return congress


def _require_manage(request: HttpRequest, congress: Congress) -> None:
    if not can(request.user, MANAGE, congress):
        raise HttpError(403, _("您没有管理该人大代表名录的权限。"))


def _apply(instance, values: dict, names: tuple[str, ...]) -> list[str]:
    """Copy the given values onto the instance; return the names of fields that changed."""
    changed = []
    for name in names:
        if name not in values:
            continue
        value = values[name]
        if value is None and name == "is_active":
            continue
        if value is None and name != "term":
            value = ""  # text fields store "" for nothing
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


DEPUTY_FIELDS = (
    "name", "gender", "level", "term", "delegation", "field", "occupation", "phone",
    "id_number", "bio", "status",
)  # fmt: skip
STATION_FIELDS = (
    "name", "kind", "address", "reception_schedule", "phone", "description", "is_active",
)  # fmt: skip


def _deputy_write(request: HttpRequest, deputy: Deputy, values: dict):
    changed = _apply(deputy, values, DEPUTY_FIELDS)
    if "group" in values:
        group = None
        if values["group"]:
            group = ProfessionalGroup.objects.filter(
                congress=deputy.congress, name=values["group"]
            ).first()
            if group is None:
                raise _Invalid(
                    {"group": _("没有名为“%(name)s”的专业代表小组。") % {"name": values["group"]}}
                )
        if deputy.group_id != (group.pk if group else None):
            deputy.group, changed = group, [*changed, "group"]
    if "station" in values:
        station = None
        if values["station"]:
            station = Station.objects.filter(
                congress=deputy.congress, public_code=values["station"]
            ).first()
            if station is None:
                raise _Invalid(
                    {"station": _("没有编码为“%(code)s”的联络站。") % {"code": values["station"]}}
                )
        if deputy.station_id != (station.pk if station else None):
            deputy.station, changed = station, [*changed, "station"]
    services.entry_save(instance=deputy, actor=request.user, changed=changed)
    deputy = Deputy.objects.select_related("station", "group", "congress").get(pk=deputy.pk)
    return _deputy_row(request, deputy, staff=True)


def _station_write(request: HttpRequest, station: Station, values: dict):
    changed = _apply(station, values, STATION_FIELDS)
    services.entry_save(instance=station, actor=request.user, changed=changed)
    station = _with_deputy_count(Station.objects.select_related("congress")).get(pk=station.pk)
    return _station_row(request, station, staff=True)


def _write(status: int, action: Callable[[], dict]) -> Status:
    """Run a write; turn its validation errors into 422 with one Chinese message per field."""
    try:
        return Status(status, action())
    except _Invalid as exc:
        return Status(422, {"errors": exc.errors})
    except ValidationError as exc:
        return Status(422, {"errors": _errors_of(exc)})


@router.post(
    "/representatives",
    auth=AUTH,
    response={201: RepresentativeOut, 422: ErrorsOut},
    exclude_unset=True,
    summary="新增人大代表（工作人员）",
)
def representative_create(request: HttpRequest, payload: RepresentativeIn):
    def create():
        values = payload.dict(exclude_unset=True)
        congress = _congress_for_create(request, values.pop("congress", None))
        return _deputy_write(request, Deputy(congress=congress), values)

    return _write(201, create)


@router.patch(
    "/representatives/{public_code}",
    auth=AUTH,
    response={200: RepresentativeOut, 422: ErrorsOut},
    exclude_unset=True,
    summary="修改人大代表（工作人员）",
)
def representative_update(request: HttpRequest, public_code: str, payload: RepresentativeIn):
    deputy = get_object_or_404(Deputy.objects.select_related("congress"), public_code=public_code)
    _require_manage(request, deputy.congress)
    values = payload.dict(exclude_unset=True)
    values.pop("congress", None)
    return _write(200, lambda: _deputy_write(request, deputy, values))


@router.post(
    "/stations",
    auth=AUTH,
    response={201: StationOut, 422: ErrorsOut},
    exclude_unset=True,
    summary="新增代表联络站（工作人员）",
)
def station_create(request: HttpRequest, payload: StationIn):
    def create():
        values = payload.dict(exclude_unset=True)
        congress = _congress_for_create(request, values.pop("congress", None))
        return _station_write(request, Station(congress=congress), values)

    return _write(201, create)


@router.patch(
    "/stations/{public_code}",
    auth=AUTH,
    response={200: StationOut, 422: ErrorsOut},
    exclude_unset=True,
    summary="修改代表联络站（工作人员）",
)
def station_update(request: HttpRequest, public_code: str, payload: StationIn):
    station = get_object_or_404(Station.objects.select_related("congress"), public_code=public_code)
    _require_manage(request, station.congress)
    values = payload.dict(exclude_unset=True)
    values.pop("congress", None)
    return _write(200, lambda: _station_write(request, station, values))
