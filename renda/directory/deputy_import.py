"""Import deputies from Excel: check every row first, then write all rows or none."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import Congress, User
from renda.directory import services, validators
from renda.directory.models import Deputy, DeputyLevel, ProfessionalGroup, Station
from renda.directory.spreadsheets import Column, Report, read_rows, workbook_bytes
from renda.lawtext.numerals import cn_to_int

# Spreadsheets speak Chinese whatever the interface language: the labels are read and written
# in the source language (SHEET_LANGUAGE), so an export always imports again.
SHEET_LANGUAGE = "zh-hans"


def _labels(choices) -> dict[str, str]:
    with translation.override(SHEET_LANGUAGE):
        return {str(label): value for value, label in choices}


LEVEL_ALIASES = {
    **_labels(DeputyLevel.choices),
    "全国": DeputyLevel.NATIONAL, "省": DeputyLevel.PROVINCE, "省级": DeputyLevel.PROVINCE,
    "市": DeputyLevel.CITY, "市级": DeputyLevel.CITY, "区": DeputyLevel.COUNTY,
    "县": DeputyLevel.COUNTY, "区县": DeputyLevel.COUNTY, "县级": DeputyLevel.COUNTY,
    "乡镇": DeputyLevel.TOWNSHIP, "镇": DeputyLevel.TOWNSHIP, "乡": DeputyLevel.TOWNSHIP,
}  # fmt: skip
GENDERS = {"男": Deputy.Gender.MALE, "女": Deputy.Gender.FEMALE}
STATUSES = _labels(Deputy.Status.choices)


def parse_level(text: str) -> str:
    if text in LEVEL_ALIASES:
        return LEVEL_ALIASES[text]
    raise ValueError(_("代表层级应为：全国、省、市、区县、乡镇。"))


def parse_term(text: str) -> int:
    text = text.removeprefix("第").removesuffix("届")
    try:
        term = int(text) if text.isdigit() else cn_to_int(text)
    except (ValueError, KeyError) as exc:
        raise ValueError(_("届次应为数字，如 18 或 第十八届。")) from exc
    if not 1 <= term <= 99:
        raise ValueError(_("届次应在 1 到 99 之间。"))
    return term


def parse_gender(text: str) -> str:
    if text in GENDERS:
        return GENDERS[text]
    raise ValueError(_("性别应为“男”或“女”。"))


def parse_status(text: str) -> str:
    if text in STATUSES:
        return STATUSES[text]
    raise ValueError(_("状态应为“在任”或“终止”。"))


def parse_phone(text: str) -> str:
    phone = validators.normalize_phone(text)
    if not validators.is_phone(phone):
        raise ValueError(_("手机号格式不正确：%(value)s") % {"value": text})
    return phone


def parse_id_number(text: str) -> str:
    number = validators.normalize_id_number(text)
    if not validators.is_id_number(number):
        raise ValueError(_("身份证号不正确（18位，末位校验码须正确）。"))
    return number


def _label(choices):
    return lambda value: str(dict(choices).get(value, "")) if value else ""


COLUMNS = [
    Column("姓名", "name", required=True, width=10, value=lambda d: d.name),
    Column("性别", "gender", parse=parse_gender, width=6, help="男 / 女",
           value=lambda d: _label(Deputy.Gender.choices)(d.gender)),
    Column("代表层级", "level", required=True, parse=parse_level, width=14,
           help="全国 / 省 / 市 / 区县 / 乡镇", value=lambda d: d.get_level_display()),
    Column("届次", "term", required=True, parse=parse_term, width=8, help="18 或 第十八届",
           value=lambda d: d.term),
    Column("代表团", "delegation", value=lambda d: d.delegation),
    Column("专业代表小组", "group", help="须与系统中小组名称一致",
           value=lambda d: d.group.name if d.group else ""),
    Column("专业领域", "field", value=lambda d: d.field),
    Column("联络站", "station", width=20, help="须与系统中联络站名称一致",
           value=lambda d: d.station.name if d.station else ""),
    Column("工作单位及职务", "occupation", width=28, value=lambda d: d.occupation),
    Column("手机号", "phone", parse=parse_phone, width=14, value=lambda d: d.phone),
    Column("身份证号", "id_number", parse=parse_id_number, width=20, value=lambda d: d.id_number),
    Column("状态", "status", parse=parse_status, width=8, help="在任（默认）/ 终止",
           value=lambda d: d.get_status_display()),
]  # fmt: skip


def template() -> bytes:
    """Return the empty import template with a sheet of notes."""
    with translation.override(SHEET_LANGUAGE):
        return workbook_bytes(_("人大代表"), COLUMNS)


def export(deputies) -> bytes:
    """Return the given deputies as a sheet with the import template's columns."""
    with translation.override(SHEET_LANGUAGE):
        return workbook_bytes(_("人大代表"), COLUMNS, deputies.select_related("group", "station"))


def check(*, congress: Congress, data: bytes) -> tuple[Report, list[Deputy]]:
    """Read and check every row without writing; return the report and the unsaved deputies."""
    report = read_rows(data, COLUMNS)
    groups = {g.name: g for g in ProfessionalGroup.objects.filter(congress=congress)}
    stations = {s.name: s for s in Station.objects.filter(congress=congress)}
    deputies: list[Deputy] = []
    seen_ids: dict[str, int] = {}
    seen_name_phone: dict[tuple[str, str], int] = {}
    for row in report.rows:
        values = dict(row.values)
        for key, lookup, message in (
            ("group", groups, _("未知的专业代表小组“%(name)s”。")),
            ("station", stations, _("未知的联络站“%(name)s”。")),
        ):
            name = values.get(key) or ""
            values[key] = lookup.get(name) if name else None
            if name and values[key] is None:
                row.errors[key] = message % {"name": name}
        deputy = Deputy(
            congress=congress,
            **{k: v for k, v in values.items() if v is not None and k not in row.errors},
        )
        if deputy.id_number:
            if deputy.id_number in seen_ids:
                row.errors["id_number"] = _("与第%(n)d行身份证号重复。") % {
                    "n": seen_ids[deputy.id_number]
                }
            seen_ids.setdefault(deputy.id_number, row.number)
        if deputy.phone:
            key = (deputy.name, deputy.phone)
            if key in seen_name_phone:
                row.errors["phone"] = _("与第%(n)d行姓名和手机号重复。") % {
                    "n": seen_name_phone[key]
                }
            seen_name_phone.setdefault(key, row.number)
        if not row.errors and (match := services.duplicate_of(deputy)):
            field = (
                "id_number" if deputy.id_number and match.id_number == deputy.id_number else "phone"
            )
            row.errors[field] = _("与已有代表“%(name)s”重复。") % {"name": match.name}
        deputies.append(deputy)
    return report, deputies


@transaction.atomic
def commit(*, congress: Congress, data: bytes, actor: User) -> int:
    """Check again and write every row, or none if any row has an error."""
    report, deputies = check(congress=congress, data=data)
    if not report.ok:
        raise ValidationError(
            _("表格仍有 %(n)d 处错误，未导入任何数据。") % {"n": report.error_count}
        )
    for deputy in deputies:
        services.entry_save(instance=deputy, actor=actor, changed=["import"])
    audit_record(
        "directory.deputy.import", actor=actor, congress=congress, data={"rows": len(deputies)}
    )
    return len(deputies)
