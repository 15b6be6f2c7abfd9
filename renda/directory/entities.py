"""What the generic staff pages need to know about each kind of directory record."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.masking import mask_phone
from renda.directory import forms as directory_forms
from renda.directory.models import (
    CollectionPoint,
    Deputy,
    Expert,
    InformationOfficer,
    Organization,
    ProfessionalGroup,
    Station,
)


@dataclass(frozen=True)
class Entity:
    key: str
    model: type[models.Model]
    form: type[forms.ModelForm]
    title: Any
    columns: list[tuple[Any, Callable[[Any], Any]]]
    search: list[str] = field(default_factory=lambda: ["name__contains"])
    congress_path: str = "congress"  # how a record reaches its congress
    related: list[str] = field(default_factory=list)

    def scoped(self, congresses) -> models.QuerySet:
        """Return the records of the given congresses."""
        lookup = {f"{self.congress_path}__in": congresses}
        return self.model.objects.filter(**lookup).select_related(*self.related)

    def congress_of(self, record):
        """Return the congress a record belongs to."""
        target = record
        for part in self.congress_path.split("__"):
            target = getattr(target, part)
        return target


def _yes(value: bool) -> str:
    return "✓" if value else ""


ENTITIES: dict[str, Entity] = {
    "deputies": Entity(
        "deputies", Deputy, directory_forms.DeputyForm, _("人大代表"),
        [(_("姓名"), lambda d: d.name), (_("层级"), lambda d: d.get_level_display()),
         (_("届次"), lambda d: d.term_label), (_("联络站"), lambda d: d.station or "—"),
         (_("专业领域"), lambda d: d.field or "—"), (_("手机号"), lambda d: mask_phone(d.phone)),
         (_("状态"), lambda d: d.get_status_display())],
        related=["station", "group"],
    ),
    "stations": Entity(
        "stations", Station, directory_forms.StationForm, _("联络站和示范点"),
        [(_("名称"), lambda s: s.name), (_("类型"), lambda s: s.get_kind_display()),
         (_("地址"), lambda s: s.address), (_("接待时间"), lambda s: s.reception_schedule),
         (_("启用"), lambda s: _yes(s.is_active))],
    ),
    "groups": Entity(
        "groups", ProfessionalGroup, directory_forms.GroupForm, _("专业代表小组"),
        [(_("名称"), lambda g: g.name), (_("说明"), lambda g: g.description)],
    ),
    "points": Entity(
        "points", CollectionPoint, directory_forms.PointForm, _("立法信息采集点"),
        [(_("名称"), lambda p: p.name), (_("地址"), lambda p: p.address),
         (_("信息员"), lambda p: p.officers.count()), (_("启用"), lambda p: _yes(p.is_active))],
    ),
    "officers": Entity(
        "officers", InformationOfficer, directory_forms.OfficerForm, _("信息员"),
        [(_("姓名"), lambda o: o.name), (_("采集点"), lambda o: o.point),
         (_("手机号"), lambda o: mask_phone(o.phone)), (_("在岗"), lambda o: _yes(o.is_active))],
        congress_path="point__congress", related=["point"],
    ),
    "experts": Entity(
        "experts", Expert, directory_forms.ExpertForm, _("专家库"),
        [(_("姓名"), lambda e: e.name), (_("专业领域"), lambda e: e.field),
         (_("工作单位"), lambda e: e.organization),
         (_("聘期届满"), lambda e: e.term_ends_on or "—"),
         (_("状态"), lambda e: e.get_status_display())],
        search=["name__contains", "field__contains"],
    ),
    "organizations": Entity(
        "organizations", Organization, directory_forms.OrganizationForm, _("单位"),
        [(_("名称"), lambda o: o.name), (_("承办单位"), lambda o: _yes(o.is_handling_unit)),
         (_("制定主体"), lambda o: _yes(o.is_filing_body)),
         (_("政府备案审查机关"), lambda o: _yes(o.is_gov_reviewer)),
         (_("联系人"), lambda o: o.contact_name)],
    ),
}  # fmt: skip
