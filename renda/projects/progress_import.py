"""Progress in bulk from Excel: the export's columns; check every row, then write all or none."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import User
from renda.directory.spreadsheets import Column, Report, read_rows, workbook_bytes
from renda.projects import services
from renda.projects.models import Project, Round
from renda.projects.services.implementation import _percent
from renda.projects.services.rounds import _decimal

SHEET_LANGUAGE = "zh-hans"


def _number(parse, field, label):
    def parser(text: str):
        try:
            return parse(text, field, label) if label else parse(text)
        except ValidationError as exc:
            raise ValueError(exc.messages[0]) from exc

    return parser


COLUMNS = [
    Column("项目编号", "code", required=True, width=14, value=lambda p: p.public_code),
    Column("项目名称", "title", width=30, value=lambda p: p.title, help="仅供识别，导入时不修改"),
    Column("责任单位", "unit", width=22, value=lambda p: p.unit.name, help="仅供识别"),
    Column("预算（万元）", "budget", width=12, value=lambda p: float(p.budget), help="仅供识别"),
    Column(
        "完成进度（%）",
        "percent",
        required=True,
        width=12,
        value=lambda p: p.percent,
        parse=_number(_percent, None, None),
    ),
    Column(
        "累计支出（万元）",
        "spent",
        required=True,
        width=14,
        value=lambda p: float(p.spent),
        parse=_number(_decimal, "spent", "累计支出"),
    ),
    Column("进展情况", "summary", required=True, width=40, value=lambda p: ""),
]


def export(round: Round) -> bytes:
    """Return the round's adopted projects with the import's columns."""
    projects = round.projects.filter(state__in=["adopted", "in_progress", "completed", "verified"])
    with translation.override(SHEET_LANGUAGE):
        return workbook_bytes(_("民生实事项目进度"), COLUMNS, projects.select_related("unit"))


def check(*, round: Round, data: bytes, actor: User) -> tuple[Report, list[tuple[Project, dict]]]:
    """Read and check every row without writing; return the report and the planned updates."""
    report = read_rows(data, COLUMNS)
    projects = {p.public_code: p for p in round.projects.select_related("unit", "congress")}
    plan: list[tuple[Project, dict]] = []
    seen: dict[str, int] = {}
    for row in report.rows:
        code = row.values.get("code") or ""
        project = projects.get(code)
        if project is None:
            row.errors["code"] = _("本年度没有编号为“%(c)s”的项目。") % {"c": code}
            continue
        if code in seen:
            row.errors["code"] = _("与第%(n)d行重复。") % {"n": seen[code]}
        seen.setdefault(code, row.number)
        if project.state not in ("adopted", "in_progress"):
            row.errors["code"] = _("项目“%(t)s”当前不能报告进度。") % {"t": project.title}
        elif services.actors_for(actor, project.congress, project).isdisjoint({"staff", "unit"}):
            row.errors["code"] = _("您不能报告项目“%(t)s”的进度。") % {"t": project.title}
        if not row.errors:
            plan.append((project, row.values))
    return report, plan


@transaction.atomic
def commit(*, round: Round, data: bytes, actor: User) -> int:
    """Check again and report every row's progress, or none if any row has an error."""
    report, plan = check(round=round, data=data, actor=actor)
    if not report.ok:
        raise ValidationError(
            _("表格仍有 %(n)d 处错误，未导入任何数据。") % {"n": report.error_count}
        )
    for project, values in plan:
        services.progress_report(
            project=project,
            percent=values["percent"],
            spent=values["spent"],
            summary=values["summary"],
            actor=actor,
            source="excel",
        )
    audit_record(
        "projects.progress.import",
        actor=actor,
        congress=round.congress,
        target=round,
        data={"rows": len(plan)},
    )
    return len(plan)
