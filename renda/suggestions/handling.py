"""Writes during handling: reassignment, supervision, replies, evaluations, commitments, rounds."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import attachments, notices, permissions
from renda.core.models import Congress, User
from renda.directory.models import Organization
from renda.suggestions.models import (
    Commitment,
    Evaluation,
    QuarterRound,
    ReassignRequest,
    Reply,
    ResultClass,
    StaffNote,
    Suggestion,
    SupervisionMember,
    Verdict,
)
from renda.suggestions.permissions import MANAGE
from renda.suggestions.services import (
    _units,
    advance,
    cancel_reminders,
    checked,
    default_due,
    record,
    schedule_reminders,
    settings_for,
    suggestion_url,
    tell_deputy,
    tell_units,
)
from renda.suggestions.workflow import Action

ACTIVITY_KINDS = {
    "supervision": "督办活动",
    "talk": "面商",
    "forum": "座谈",
    "research": "调研",
    "inquiry": "询问",
}


def _staff_of(congress: Congress):
    return User.objects.filter(
        memberships__congress=congress, memberships__role="staff", is_active=True
    ).distinct()


@transaction.atomic
def reassign_request(*, suggestion: Suggestion, reason: str, actor: User) -> ReassignRequest:
    """Ask, as the lead unit, for the suggestion to go to another unit."""
    locked, _state = checked(suggestion, Action.REQUEST_REASSIGN, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明申请改办的理由。")})
    if locked.reassign_requests.filter(decision=ReassignRequest.Decision.PENDING).exists():
        raise ValidationError(_("已有一项改办申请在等待决定。"))
    request = ReassignRequest.objects.create(
        suggestion=locked, organization=locked.lead_unit, requested_by=actor, reason=reason
    )
    record(
        locked, verb="reassign_request", actor=actor,
        summary=_("%(unit)s 申请改办") % {"unit": locked.lead_unit.name},
    )  # fmt: skip
    for user in _staff_of(locked.congress):
        notices.notify(
            user, title=_("改办申请：%(title)s") % {"title": locked.title}, body=reason,
            url=suggestion_url(locked), kind="suggestion", congress=locked.congress,
        )  # fmt: skip
    return request


@transaction.atomic
def reassign_decide(
    *,
    request: ReassignRequest,
    approve: bool,
    note: str = "",
    new_lead_unit: Organization | None = None,
    actor: User,
    version: int | None = None,
) -> ReassignRequest:
    """Decide a unit's reassignment request; approving moves the case to the new lead unit."""
    locked, state = checked(request.suggestion, Action.DECIDE_REASSIGN, actor, version)
    request = ReassignRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != ReassignRequest.Decision.PENDING:
        raise ValidationError(_("这项改办申请已经决定过了。"))
    if approve:
        co = [c.organization for c in locked.co_units.select_related("organization")]
        co = [o for o in co if new_lead_unit is None or o.pk != new_lead_unit.pk]
        _units(locked.congress, new_lead_unit, co)
        if new_lead_unit.pk == locked.lead_unit_id:
            raise ValidationError({"new_lead_unit": _("请选择另一个承办单位。")})
        cancel_reminders(locked)
        today = timezone.localdate()
        advance(
            locked, state, lead_unit=new_lead_unit, assigned_on=today, overdue_notified=False,
            due_on=default_due(locked.congress, today, is_complex=locked.is_complex),
        )  # fmt: skip
        locked.co_units.exclude(organization__in=co).delete()
        schedule_reminders(locked)
        tell_units(locked, _("改办交办代表建议：%(title)s") % {"title": locked.title})
        summary = _("同意改办，改由 %(unit)s 主办") % {"unit": new_lead_unit.name}
    else:
        advance(locked, state)
        summary = _("不同意改办申请，仍由 %(unit)s 主办") % {"unit": locked.lead_unit.name}
    request.decision = (
        ReassignRequest.Decision.APPROVED if approve else ReassignRequest.Decision.REJECTED
    )
    request.decided_by, request.decided_at = actor, timezone.now()
    request.decision_note = (note or "").strip()
    request.save()
    record(locked, verb="reassign_decide", summary=summary, actor=actor, public=approve)
    notices.notify(
        request.requested_by, title=summary, body=request.decision_note,
        url=suggestion_url(locked), kind="suggestion", congress=locked.congress,
    )  # fmt: skip
    if approve:
        tell_deputy(locked, summary)
    return request


@transaction.atomic
def suggestion_supervise(
    *,
    suggestion: Suggestion,
    plan: str,
    members: list[tuple[str, str]],
    actor: User,
    version: int | None = None,
) -> Suggestion:
    """Make the suggestion a key one (重点督办) with its supervision team and plan."""
    locked, state = checked(suggestion, Action.SUPERVISE, actor, version)
    members = [(role, (name or "").strip()) for role, name in members if (name or "").strip()]
    if not members:
        raise ValidationError({"members": _("请至少填写一名督办成员。")})
    if any(role not in SupervisionMember.Role.values for role, _name in members):
        raise ValidationError({"members": _("督办角色不正确。")})
    if not (plan or "").strip():
        raise ValidationError({"plan": _("请填写督办方案。")})
    advance(locked, state, is_key=True, supervision_plan=plan.strip())
    SupervisionMember.objects.filter(suggestion=locked).delete()
    SupervisionMember.objects.bulk_create(
        [SupervisionMember(suggestion=locked, role=role, name=name) for role, name in members]
    )
    team = "；".join(f"{SupervisionMember.Role(r).label} {n}" for r, n in members)
    record(
        locked, verb="supervise", actor=actor, public=True,
        summary=_("列为重点督办建议：%(team)s") % {"team": team},
    )  # fmt: skip
    tell_deputy(locked, _("您的建议 %(number)s 列为重点督办") % {"number": locked.number})
    return locked


@transaction.atomic
def activity_record(
    *, suggestion: Suggestion, kind: str, held_on: dt.date, summary: str, actor: User
) -> None:
    """Put a supervision activity, talk (面商) or forum (座谈) on the suggestion's timeline."""
    locked, _state = checked(suggestion, Action.RECORD_ACTIVITY, actor)
    if kind not in ACTIVITY_KINDS:
        raise ValidationError({"kind": _("请选择活动类型。")})
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("请填写活动情况。")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("活动日期不能晚于今天。")})
    record(
        locked, verb=f"activity.{kind}", actor=actor, public=True,
        summary=f"{held_on:%Y-%m-%d} {_(ACTIVITY_KINDS[kind])}：{summary}",
        data={"kind": kind, "held_on": str(held_on)},
    )  # fmt: skip


@transaction.atomic
def reply_submit(
    *,
    suggestion: Suggestion,
    result_class: str,
    body: str,
    commitments: list[tuple[str, dt.date]] | None = None,
    document=None,
    actor: User,
    version: int | None = None,
) -> Reply:
    """Reply as the lead unit: a result class, the text, an optional letter, dated promises."""
    locked, state = checked(suggestion, Action.REPLY, actor, version)
    errors = {}
    if result_class not in ResultClass.values:
        errors["result_class"] = _("请选择办理结果类别（A/B/C/D）。")
    body = (body or "").strip()
    if not body:
        errors["body"] = _("请填写答复内容。")
    commitments = [(t.strip(), d) for t, d in (commitments or []) if (t or "").strip()]
    today = timezone.localdate()
    if result_class == ResultClass.B and not commitments:
        errors["commitments"] = _("B类答复须写明承诺事项和完成日期。")
    if any(d is None or d <= today for _t, d in commitments):
        errors["commitments"] = _("承诺完成日期必须晚于今天。")
    if errors:
        raise ValidationError(errors)
    attachment = None
    if document is not None:
        attachment = attachments.attachment_create(
            congress=locked.congress, upload=document, uploaded_by=actor,
            allowed=frozenset({attachments.PDF, attachments.DOCX}),
        )  # fmt: skip
    on_time = locked.due_on is None or today <= locked.due_on
    reply = Reply.objects.create(
        suggestion=locked, round=locked.round, organization=locked.lead_unit, author=actor,
        result_class=result_class, body=body, document=attachment, on_time=on_time,
    )  # fmt: skip
    Commitment.objects.bulk_create(
        [Commitment(suggestion=locked, reply=reply, text=t, due_on=d) for t, d in commitments]
    )
    changes = {"result_class": result_class}
    if locked.round == 1:
        changes["replied_on_time"] = on_time
    cancel_reminders(locked)
    advance(locked, state, **changes)
    record(
        locked, verb="reply", actor=actor, public=True,
        summary=_("%(unit)s 第 %(round)d 轮答复：%(cls)s") % {
            "unit": locked.lead_unit.name, "round": locked.round,
            "cls": ResultClass(result_class).label},
        data={"result_class": result_class, "on_time": on_time},
    )  # fmt: skip
    tell_deputy(
        locked, _("建议 %(number)s 已答复，请评价") % {"number": locked.number},
        ResultClass(result_class).label,
    )  # fmt: skip
    return reply


_VERDICT_ACTIONS = {
    Verdict.SATISFIED: Action.EVALUATE_SATISFIED,
    Verdict.BASIC: Action.EVALUATE_BASIC,
    Verdict.UNSATISFIED: Action.EVALUATE_UNSATISFIED,
}


@transaction.atomic
def suggestion_evaluate(
    *,
    suggestion: Suggestion,
    verdict: str,
    reason: str = "",
    actor: User,
    version: int | None = None,
) -> Evaluation:
    """Evaluate the reply as the lead deputy; 不满意 sends the suggestion back for handling."""
    if verdict not in _VERDICT_ACTIONS:
        raise ValidationError({"verdict": _("请选择满意、基本满意或不满意。")})
    locked, state = checked(suggestion, _VERDICT_ACTIONS[verdict], actor, version)
    reason = (reason or "").strip()
    if verdict == Verdict.UNSATISFIED and not reason:
        raise ValidationError({"reason": _("评价不满意时请说明理由。")})
    evaluation = Evaluation.objects.create(
        suggestion=locked, round=locked.round, verdict=verdict, reason=reason, by=actor
    )
    changes = {"verdict": verdict}
    if not locked.first_verdict:
        changes["first_verdict"] = verdict
    label = Verdict(verdict).label
    if verdict == Verdict.UNSATISFIED:
        today = timezone.localdate()
        months = settings_for(locked.congress).rehandle_months
        from renda.core import calendar

        changes.update(
            round=locked.round + 1, overdue_notified=False,
            due_on=calendar.deadline(today, months, "months"),
        )  # fmt: skip
    advance(locked, state, **changes)
    record(
        locked, verb="evaluate", actor=actor, public=True,
        summary=_("代表评价第 %(round)d 轮答复：%(verdict)s") % {
            "round": evaluation.round, "verdict": label},
        data={"verdict": verdict},
    )  # fmt: skip
    if verdict == Verdict.UNSATISFIED:
        tell_units(
            locked, _("代表对建议 %(number)s 的答复不满意，请重新办理") % {"number": locked.number},
            reason, co_units=False,
        )  # fmt: skip
        schedule_reminders(locked)
        record(
            locked, verb="rehandle", actor=actor, public=True,
            summary=_("进入第 %(round)d 轮办理，%(due)s 前重新答复") % {
                "round": locked.round, "due": locked.due_on},
        )  # fmt: skip
    tell_deputy(locked, _("您对建议 %(number)s 的评价已记录：%(verdict)s") % {
        "number": locked.number, "verdict": label})  # fmt: skip
    return evaluation


@transaction.atomic
def commitment_keep(
    *, commitment: Commitment, kept_on: dt.date, follow_up: str = "", actor: User
) -> Commitment:
    """Confirm that a promise in a reply was kept."""
    locked, _state = checked(commitment.suggestion, Action.KEEP_COMMITMENT, actor)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.kept_on:
        raise ValidationError(_("这项承诺已确认兑现。"))
    if kept_on is None or kept_on > timezone.localdate():
        raise ValidationError({"kept_on": _("兑现日期不能晚于今天。")})
    commitment.kept_on, commitment.follow_up = kept_on, (follow_up or "").strip()
    commitment.save()
    record(
        locked, verb="commitment_kept", actor=actor, public=True,
        summary=_("承诺事项“%(text)s”已于 %(day)s 兑现")
        % {"text": commitment.text, "day": kept_on},
    )  # fmt: skip
    tell_deputy(locked, _("建议 %(number)s 的承诺事项已兑现") % {"number": locked.number})
    return commitment


@transaction.atomic
def note_add(*, suggestion: Suggestion, body: str, actor: User) -> StaffNote:
    """Add a private staff note (not shown to deputies or units)."""
    locked, _state = checked(suggestion, Action.NOTE, actor)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写备注内容。")})
    return StaffNote.objects.create(suggestion=locked, author=actor, body=body)


@transaction.atomic
def quarter_round_create(
    *,
    congress: Congress,
    year: int,
    quarter: int,
    kind: str,
    title: str,
    scheduled_on: dt.date,
    suggestions: list[Suggestion],
    actor: User,
) -> QuarterRound:
    """Schedule a quarterly research visit, inquiry or evaluation over some suggestions."""
    if not permissions.can(actor, MANAGE, congress):
        raise ValidationError(_("您无权安排季度调研、询问和测评。"))
    errors = {}
    if kind not in QuarterRound.Kind.values:
        errors["kind"] = _("请选择调研、询问或测评。")
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("季度应为 1 至 4。")
    if not (title or "").strip():
        errors["title"] = _("请填写名称。")
    if not suggestions:
        errors["suggestions"] = _("请至少选择一件建议。")
    elif any(s.congress_id != congress.pk for s in suggestions):
        errors["suggestions"] = _("只能选择本级的建议。")
    if errors:
        raise ValidationError(errors)
    quarter_round = QuarterRound.objects.create(
        congress=congress, year=year, quarter=quarter, kind=kind, title=title.strip(),
        scheduled_on=scheduled_on,
    )  # fmt: skip
    quarter_round.suggestions.set(suggestions)
    for suggestion in suggestions:
        record(
            suggestion, verb="quarter_round", actor=actor,
            summary=_("列入%(kind)s：%(title)s（%(day)s）") % {
                "kind": quarter_round.get_kind_display(), "title": quarter_round.title,
                "day": scheduled_on},
        )  # fmt: skip
    return quarter_round


@transaction.atomic
def quarter_round_finish(
    *, quarter_round: QuarterRound, result: str, done_on: dt.date, actor: User
) -> QuarterRound:
    """Record the result of a quarterly round on it and on each suggestion's timeline."""
    if not permissions.can(actor, MANAGE, quarter_round.congress):
        raise ValidationError(_("您无权记录季度调研、询问和测评的结果。"))
    if not (result or "").strip():
        raise ValidationError({"result": _("请填写结果。")})
    quarter_round.result, quarter_round.done_on = result.strip(), done_on
    quarter_round.save()
    for suggestion in quarter_round.suggestions.all():
        record(
            suggestion, verb="quarter_round_done", actor=actor, public=True,
            summary=_("%(kind)s结果：%(result)s") % {
                "kind": quarter_round.get_kind_display(), "result": quarter_round.result[:300]},
        )  # fmt: skip
    return quarter_round
