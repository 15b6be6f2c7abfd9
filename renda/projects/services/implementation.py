"""Implementation and supervision (政府买单、人大验单): progress, check-ins, evaluation."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.attachments import IMAGES, attachment_create
from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.notices import notify
from renda.core.timeline import timeline_record
from renda.projects.models import CheckIn, Evaluation, Milestone, ProgressReport, Project
from renda.projects.services.common import actors_for, require, require_text, serving_deputy
from renda.projects.services.rounds import _decimal
from renda.projects.workflow import Actor, Kind

MAX_PHOTOS = 6


def _fresh(project: Project) -> Project:
    """Read the project again, locked: its state decides what may happen now."""
    return Project.objects.select_for_update().select_related("congress", "unit").get(pk=project.pk)


def _percent(value) -> int:
    try:
        percent = int(str(value).strip().rstrip("%％"))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"percent": _("完成进度应为 0 到 100 的整数。")}) from exc
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("完成进度应为 0 到 100 的整数。")})
    return percent


@transaction.atomic
def milestone_add(*, project: Project, title: str, due_on: dt.date, actor: User) -> Milestone:
    """Add a planned step to an adopted project."""
    project = _fresh(project)
    require(Kind.PROJECT, project.state, "plan", actors_for(actor, project.congress, project))
    if due_on is None:
        raise ValidationError({"due_on": _("请填写计划日期。")})
    milestone = Milestone.objects.create(
        project=project, title=require_text(title, "title", _("节点"), 100), due_on=due_on
    )
    audit_record("projects.milestone.add", actor=actor, congress=project.congress, target=project)
    return milestone


@transaction.atomic
def milestone_done(*, milestone: Milestone, done_on: dt.date, actor: User) -> Milestone:
    """Mark a planned step done."""
    project = _fresh(milestone.project)
    require(Kind.PROJECT, project.state, "plan", actors_for(actor, project.congress, project))
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    timeline_record(
        project,
        verb="milestone",
        actor=actor,
        public=True,
        summary=_("完成节点：%(t)s") % {"t": milestone.title},
    )
    audit_record("projects.milestone.done", actor=actor, congress=project.congress, target=project)
    return milestone


@transaction.atomic
def progress_report(
    *,
    project: Project,
    percent: int | str,
    spent: Decimal | str,
    summary: str,
    actor: User,
    photos: Iterable[UploadedFile] = (),
    complete: bool = False,
    source: str = "form",
) -> ProgressReport:
    """Report progress and spending (with photos); `complete` asks for verification at 100 %."""
    project = (
        Project.objects.select_for_update().select_related("congress", "unit").get(pk=project.pk)
    )
    actors = actors_for(actor, project.congress, project)
    percent = _percent(percent)
    spent_amount = _decimal(spent, "spent", _("累计支出"))
    summary = require_text(summary, "summary", _("进展情况"), 2000)
    if complete and percent != 100:
        raise ValidationError({"percent": _("报告完成时完成进度应为 100%。")})
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("最多上传 %(n)d 张照片。") % {"n": MAX_PHOTOS}})
    project.state = require(
        Kind.PROJECT, project.state, "complete" if complete else "report", actors
    )
    report = ProgressReport.objects.create(
        project=project,
        percent=percent,
        spent=spent_amount,
        summary=summary,
        reported_by=actor,
        source=source,
    )
    for photo in photos:
        try:
            attachment_create(
                congress=project.congress,
                upload=photo,
                uploaded_by=actor,
                owner=report,
                allowed=IMAGES,
            )
        except ValidationError as exc:
            raise ValidationError({"photos": exc.messages[0]}) from exc
    project.percent, project.spent = percent, spent_amount
    project.save(update_fields=["state", "percent", "spent", "updated_at"])
    timeline_record(
        project,
        verb="complete" if complete else "report",
        actor=actor,
        public=True,
        summary=_("进度 %(p)d%%，累计支出 %(s)s 万元：%(t)s")
        % {"p": percent, "s": spent_amount, "t": summary[:300]},
    )
    audit_record(
        "projects.progress.report",
        actor=actor,
        congress=project.congress,
        target=project,
        data={"percent": percent, "source": source},
    )
    return report


@transaction.atomic
def check_in_record(
    *,
    project: Project,
    stage: str,
    held_on: dt.date,
    findings: str,
    requests: str = "",
    actor: User,
) -> CheckIn:
    """Record one of the three check-ins (三问) and send its requests to the responsible unit."""
    project = _fresh(project)
    require(Kind.PROJECT, project.state, "check_in", actors_for(actor, project.congress))
    if stage not in CheckIn.Stage.values:
        raise ValidationError({"stage": _("请选择环节。")})
    if project.check_ins.filter(stage=stage).exists():
        raise ValidationError({"stage": _("这个环节已经记录过。")})
    if held_on is None:
        raise ValidationError({"held_on": _("请填写日期。")})
    check_in = CheckIn.objects.create(
        project=project,
        stage=stage,
        held_on=held_on,
        recorded_by=actor,
        findings=require_text(findings, "findings", _("了解到的情况"), 3000),
        requests=(requests or "").strip()[:3000],
    )
    label = check_in.get_stage_display()
    timeline_record(
        project,
        verb="check_in",
        actor=actor,
        public=True,
        summary=_("%(s)s：%(f)s") % {"s": label, "f": check_in.findings[:300]},
    )
    audit_record(
        "projects.check_in.record",
        actor=actor,
        congress=project.congress,
        target=project,
        data={"stage": stage},
    )
    if check_in.requests:
        for member in project.unit.members.all():
            notify(
                member,
                title=_("人大对民生实事项目提出意见：%(t)s") % {"t": project.title},
                body=check_in.requests[:500],
                kind="projects.request",
                url=f"/projects/p/{project.pk}/",
                congress=project.congress,
            )
    return check_in


@transaction.atomic
def check_in_respond(*, check_in: CheckIn, response: str, actor: User) -> CheckIn:
    """Answer a check-in's requests (整改落实情况) as the responsible unit."""
    project = _fresh(check_in.project)
    require(Kind.PROJECT, project.state, "respond", actors_for(actor, project.congress, project))
    if not check_in.requests:
        raise ValidationError(_("这次检查没有提出需要答复的意见。"))
    check_in.response = require_text(response, "response", _("整改落实情况"), 3000)
    check_in.responded_at = timezone.now()
    check_in.save(update_fields=["response", "responded_at"])
    timeline_record(
        project,
        verb="respond",
        actor=actor,
        public=True,
        summary=_("责任单位答复%(s)s提出的意见") % {"s": check_in.get_stage_display()},
    )
    audit_record(
        "projects.check_in.respond", actor=actor, congress=project.congress, target=project
    )
    return check_in


def level_for(score: int) -> str:
    """Return the satisfaction level of a 0–100 score: 90+ 满意, 60+ 基本满意, else 不满意."""
    if score >= 90:
        return Evaluation.Level.SATISFIED
    if score >= 60:
        return Evaluation.Level.BASIC
    return Evaluation.Level.UNSATISFIED


def _score(value) -> int:
    try:
        score = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError({"score": _("评分应为 0 到 100 的整数。")}) from exc
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("评分应为 0 到 100 的整数。")})
    return score


@transaction.atomic
def evaluation_record(
    *, project: Project, score: int | str, remark: str = "", actor: User | None
) -> Evaluation:
    """Record a satisfaction score: by a deputy (once each), or by a citizen if `actor` is None."""
    project = _fresh(project)
    actors = actors_for(actor, project.congress)
    require(Kind.PROJECT, project.state, "evaluate", actors)
    score = _score(score)
    deputy = serving_deputy(actor, project.congress) if Actor.DEPUTY in actors else None
    if deputy is not None and project.evaluations.filter(deputy=deputy).exists():
        raise ValidationError({"score": _("您已经评价过这个项目。")})
    evaluation = Evaluation.objects.create(
        project=project,
        deputy=deputy,
        score=score,
        level=level_for(score),
        remark=(remark or "").strip()[:500],
    )
    audit_record(
        "projects.evaluation.record",
        actor=actor,
        congress=project.congress,
        target=project,
        data={"by": "deputy" if deputy else "citizen"},
    )
    return evaluation


@transaction.atomic
def project_verify(*, project: Project, passed: bool, opinion: str, actor: User) -> Project:
    """Verify a completed project (人大验单), or send it back for correction with the reasons."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    actors = actors_for(actor, project.congress)
    project.state = require(
        Kind.PROJECT, project.state, "verify" if passed else "send_back", actors
    )
    project.verification = require_text(opinion, "opinion", _("验收意见"), 3000)
    project.verified_at = timezone.now() if passed else None
    project.save(update_fields=["state", "verification", "verified_at", "updated_at"])
    summary = (_("人大验收通过：%(o)s") if passed else _("验收未通过，退回整改：%(o)s")) % {
        "o": project.verification[:300]
    }
    timeline_record(
        project, verb="verify" if passed else "send_back", summary=summary, actor=actor, public=True
    )
    audit_record(
        "projects.project.verify",
        actor=actor,
        congress=project.congress,
        target=project,
        data={"passed": passed},
    )
    if not passed:
        for member in project.unit.members.all():
            notify(
                member,
                title=_("民生实事项目验收未通过：%(t)s") % {"t": project.title},
                body=project.verification[:500],
                kind="projects.send_back",
                url=f"/projects/p/{project.pk}/",
                congress=project.congress,
            )
    return project
