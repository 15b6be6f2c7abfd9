"""Collection (群众点单): rounds, citizens' proposals, candidates and their publication."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import Congress, User
from renda.core.timeline import timeline_record
from renda.directory import validators
from renda.directory.models import Organization
from renda.projects.models import Comment, Project, Proposal, Round
from renda.projects.services.common import actors_for, new_code, require, require_text
from renda.projects.workflow import Actor, Kind


@transaction.atomic
def round_create(*, congress: Congress, year: int, title: str, seats: int, actor: User) -> Round:
    """Open a year's round for citizens' proposals."""
    if Actor.STAFF not in actors_for(actor, congress):
        raise PermissionDenied(_("您没有组织民生实事项目票决的权限。"))
    title = require_text(title, "title", _("名称"), 100)
    if not 1 <= int(seats) <= 50:
        raise ValidationError({"seats": _("票决项目数应在 1 到 50 之间。")})
    if Round.objects.filter(congress=congress, year=year).exists():
        raise ValidationError({"year": _("%(year)d 年度已经建立。") % {"year": year}})
    round_ = Round.objects.create(congress=congress, year=year, title=title, seats=seats)
    audit_record("projects.round.create", actor=actor, congress=congress, target=round_)
    timeline_record(
        round_, verb="create", summary=_("开始征集民生实事项目"), actor=actor, public=True
    )
    return round_


def open_round(congress: Congress) -> Round | None:
    """Return the congress's round now collecting proposals, if any."""
    return (
        Round.objects.filter(congress=congress, state=Round.State.COLLECTING)
        .order_by("-year")
        .first()
    )


def proposal_submit(
    *,
    congress: Congress,
    title: str,
    body: str,
    name: str = "",
    phone: str = "",
    source_label: str = "",
    idempotency_key: str | None = None,
) -> Proposal:
    """Store a citizen's proposal (群众点单); the same idempotency key returns the first one."""
    title = require_text(title, "title", _("项目名称"), 100)
    body = require_text(body, "body", _("项目内容和理由"), 2000)
    name = (name or "").strip()[:50]
    phone = validators.normalize_phone(phone) if phone else ""
    if phone and not validators.is_phone(phone):
        raise ValidationError({"phone": _("手机号格式不正确。")})
    key = (idempotency_key or "").strip()[:64] or None
    if key:
        existing = Proposal.objects.filter(congress=congress, idempotency_key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                congress=congress,
                round=open_round(congress),
                tracking_code=new_code(),
                title=title,
                body=body,
                name=name,
                phone=phone,
                source_label=(source_label or "").strip()[:100],
                idempotency_key=key,
            )
            timeline_record(
                proposal,
                verb="receive",
                summary=_("已收到您提出的民生实事项目"),
                actor_label=_("群众"),
                public=True,
            )
            audit_record(
                "projects.proposal.submit",
                congress=congress,
                target=proposal,
                data={"source": proposal.source_label},
            )
    except IntegrityError:
        existing = Proposal.objects.filter(congress=congress, idempotency_key=key).first()
        if key and existing is not None:  # a double tap raced the first request
            return existing
        raise
    return proposal


@transaction.atomic
def round_advance(*, round: Round, action: str, actor: User) -> Round:
    """Move the round on by `action` (close_collection, close)."""
    if action not in ("close_collection", "close"):
        raise ValidationError(_("当前状态下不能进行这项操作。"))
    round = Round.objects.select_for_update().get(pk=round.pk)
    round.state = require(Kind.ROUND, round.state, action, actors_for(actor, round.congress))
    round.save(update_fields=["state"])
    audit_record(f"projects.round.{action}", actor=actor, congress=round.congress, target=round)
    summary = {
        "close_collection": _("群众点单征集结束，开始遴选候选项目"),
        "close": _("本年度民生实事项目办结"),
    }[action]
    timeline_record(round, verb=action, summary=summary, actor=actor, public=True)
    return round


def _decimal(value, field: str, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("%(label)s应为数字。") % {"label": label}}) from exc
    if number < 0 or number >= Decimal("1e10") or not number.is_finite():
        raise ValidationError({field: _("%(label)s应为不小于 0 的数字。") % {"label": label}})
    return number.quantize(Decimal("0.01"))


def _check_units(round: Round, unit: Organization, co_units: Iterable[Organization]) -> None:
    for org in [unit, *co_units]:
        if org.congress_id != round.congress_id or not org.is_handling_unit:
            raise ValidationError({"unit": _("责任单位须是本级人大名录中的承办单位。")})


@transaction.atomic
def candidate_save(
    *,
    round: Round,
    title: str,
    scope: str,
    budget: Decimal | str,
    unit: Organization,
    starts_on: dt.date,
    ends_on: dt.date,
    co_units: Iterable[Organization] = (),
    proposals: Iterable[Proposal] = (),
    project: Project | None = None,
    actor: User,
) -> Project:
    """Create a candidate (or change a draft one) from merged proposals, with budget and unit."""
    actors = actors_for(actor, round.congress)
    if project is None:
        require(Kind.ROUND, round.state, "shortlist", actors)
        project = Project(congress=round.congress, round=round, public_code=new_code(10))
    else:
        require(Kind.PROJECT, project.state, "edit", actors)
    co_units = list(co_units)
    _check_units(round, unit, co_units)
    project.title = require_text(title, "title", _("项目名称"), 100)
    project.scope = require_text(scope, "scope", _("建设内容和范围"), 5000)
    project.budget = _decimal(budget, "budget", _("预算"))
    if not starts_on or not ends_on:
        raise ValidationError({"ends_on": _("请填写计划开工和完成日期。")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("计划完成日期不能早于开工日期。")})
    project.unit, project.starts_on, project.ends_on = unit, starts_on, ends_on
    created = project.pk is None
    project.save()
    project.co_units.set(co_units)
    for proposal in proposals:
        proposal_merge(proposal=proposal, project=project, actor=actor)
    audit_record(
        "projects.candidate.create" if created else "projects.candidate.update",
        actor=actor,
        congress=round.congress,
        target=project,
    )
    if created:
        timeline_record(project, verb="shortlist", summary=_("列入候选项目"), actor=actor)
    return project


@transaction.atomic
def proposal_merge(*, proposal: Proposal, project: Project, actor: User) -> Proposal:
    """Merge a citizen's proposal into a candidate (归并), telling the citizen where it went."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.congress_id != project.congress_id:
        raise ValidationError(_("只能归并本级人大收到的点单。"))
    proposal.state = require(
        Kind.PROPOSAL, proposal.state, "merge", actors_for(actor, proposal.congress)
    )
    proposal.project = project
    proposal.round = proposal.round or project.round
    proposal.save(update_fields=["state", "project", "round"])
    timeline_record(
        proposal,
        verb="merge",
        actor=actor,
        public=True,
        summary=_("已归入候选项目“%(title)s”") % {"title": project.title},
    )
    audit_record(
        "projects.proposal.merge",
        actor=actor,
        congress=proposal.congress,
        target=proposal,
        data={"project": project.pk},
    )
    return proposal


@transaction.atomic
def proposal_decline(*, proposal: Proposal, reply: str, actor: User) -> Proposal:
    """Decline a proposal with a reply the citizen can read."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.state = require(
        Kind.PROPOSAL, proposal.state, "decline", actors_for(actor, proposal.congress)
    )
    proposal.reply = require_text(reply, "reply", _("答复"), 500)
    proposal.save(update_fields=["state", "reply"])
    timeline_record(
        proposal,
        verb="decline",
        summary=_("未采纳：%(r)s") % {"r": proposal.reply},
        actor=actor,
        public=True,
    )
    audit_record(
        "projects.proposal.decline", actor=actor, congress=proposal.congress, target=proposal
    )
    return proposal


@transaction.atomic
def project_withdraw(*, project: Project, actor: User) -> Project:
    """Withdraw a draft candidate before publication."""
    project.state = require(
        Kind.PROJECT, project.state, "withdraw", actors_for(actor, project.congress)
    )
    project.save(update_fields=["state", "updated_at"])
    audit_record(
        "projects.candidate.withdraw", actor=actor, congress=project.congress, target=project
    )
    return project


@transaction.atomic
def round_publish(*, round: Round, comment_until: dt.date | None, actor: User) -> Round:
    """Publish every draft candidate for public comment (公示); needs more candidates than seats."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    actors = actors_for(actor, round.congress)
    next_state = require(Kind.ROUND, round.state, "publish", actors)
    drafts = list(round.projects.filter(state=Project.State.DRAFT))
    if len(drafts) <= round.seats:
        raise ValidationError(
            _("候选项目应多于票决项目数（差额票决）：现有 %(m)d 个，票决 %(n)d 个。")
            % {"m": len(drafts), "n": round.seats}
        )
    for project in drafts:
        project.state = require(Kind.PROJECT, project.state, "publish", actors)
        project.save(update_fields=["state", "updated_at"])
        timeline_record(
            project, verb="publish", summary=_("候选项目公示，征求意见"), actor=actor, public=True
        )
    round.state, round.comment_until = next_state, comment_until
    round.save(update_fields=["state", "comment_until"])
    audit_record(
        "projects.round.publish",
        actor=actor,
        congress=round.congress,
        target=round,
        data={"candidates": len(drafts)},
    )
    timeline_record(
        round,
        verb="publish",
        actor=actor,
        public=True,
        summary=_("公示 %(m)d 个候选项目") % {"m": len(drafts)},
    )
    return round


@transaction.atomic
def comment_add(
    *, project: Project, body: str, name: str = "", actor: User | None = None
) -> Comment:
    """Add a public comment on a published candidate."""
    project = Project.objects.select_related("round__congress").get(pk=project.pk)
    round = project.round
    require(Kind.ROUND, round.state, "comment", actors_for(actor, round.congress))
    if project.state != Project.State.CANDIDATE:
        raise ValidationError(_("只能对公示中的候选项目提意见。"))
    comment = Comment.objects.create(
        project=project,
        body=require_text(body, "body", _("意见"), 1000),
        name=(name or "").strip()[:50],
    )
    audit_record("projects.comment.add", actor=actor, congress=project.congress, target=project)
    return comment
