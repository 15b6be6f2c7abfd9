"""Writes of the suggestions module, from the draft to the assignment (handling is in handling.py).

Every function is keyword-only, atomic, checks the workflow table, audits and records the step on
the suggestion's timeline. A stale `version` (someone else acted first) raises `Conflict`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import calendar, notices, permissions
from renda.core.audit import audit_record
from renda.core.models import Congress, User
from renda.core.timeline import timeline_record
from renda.directory.models import Deputy, Organization
from renda.suggestions import selectors, workflow
from renda.suggestions.models import (
    Category,
    Cosigner,
    CoUnit,
    Period,
    State,
    Suggestion,
    SuggestionSettings,
)
from renda.suggestions.permissions import DRAFT, HANDLE, MANAGE
from renda.suggestions.workflow import Action


class Conflict(ValidationError):
    """Someone else changed the suggestion since the page was loaded."""


def settings_for(congress: Congress) -> SuggestionSettings:
    """Return the congress's suggestion settings, creating the defaults on first use."""
    return SuggestionSettings.objects.get_or_create(congress=congress)[0]


def actor_capacities(user: User, suggestion: Suggestion) -> set[str]:
    """Return the capacities (workflow.ACTORS) `user` holds towards `suggestion`."""
    if not user.is_authenticated:
        return set()
    capacities = set()
    congress = suggestion.congress
    if suggestion.author_id == user.pk:
        capacities.add(workflow.AUTHOR)
    elif permissions.can(user, DRAFT, congress):
        capacities.add(workflow.DEPUTY)
    if permissions.can(user, MANAGE, congress):
        capacities.add(workflow.STAFF)
    if permissions.can(user, HANDLE, congress):
        org_ids = set(user.organizations.values_list("pk", flat=True))
        if suggestion.lead_unit_id in org_ids:
            capacities.add(workflow.UNIT)
        if org_ids & set(suggestion.co_units.values_list("organization_id", flat=True)):
            capacities.add(workflow.CO_UNIT)
    return capacities


def suggestion_url(suggestion: Suggestion) -> str:
    return reverse("suggestions:detail", args=[suggestion.pk])


def checked(
    suggestion: Suggestion, action: str, actor: User, version: int | None = None
) -> tuple[Suggestion, str]:
    """Lock the suggestion, check the version and the workflow; return it and the next state.

    Call inside a transaction.
    """
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if version is not None and locked.version != int(version):
        raise Conflict(_("这条建议刚刚已被他人处理，请刷新页面查看最新状态后再操作。"))
    decision = workflow.decide(locked.state, action, actor_capacities(actor, locked))
    if not decision.allowed:
        raise ValidationError(decision.message)
    return locked, decision.next_state


def advance(suggestion: Suggestion, state: str, **changes) -> None:
    """Save the new state and fields, bumping the version."""
    for name, value in changes.items():
        setattr(suggestion, name, value)
    suggestion.state = state
    suggestion.version += 1
    suggestion.save()


def record(
    suggestion: Suggestion,
    *,
    verb: str,
    summary: str,
    actor: User | None,
    data: dict | None = None,
    public: bool = False,
) -> None:
    """Write the audit entry and the timeline step of one change (no personal data in data).

    Also drops the cached year figures, now and again after commit.
    """
    selectors.forget_figures()
    transaction.on_commit(selectors.forget_figures)
    audit_record(
        f"suggestion.{verb}", actor=actor, congress=suggestion.congress, target=suggestion,
        data=data or {},
    )  # fmt: skip
    timeline_record(
        suggestion, verb=verb, summary=summary, actor=actor, public=public, data=data or {}
    )


def tell_deputy(suggestion: Suggestion, title: str, body: str = "") -> None:
    """Tell the lead deputy (and confirmed co-signers) that their suggestion moved."""
    recipients = [suggestion.author] if suggestion.author_id else []
    recipients += [c.user for c in suggestion.cosigners.filter(signed_at__isnull=False)]
    for user in recipients:
        notices.notify(
            user, title=title, body=body, url=suggestion_url(suggestion), kind="suggestion",
            congress=suggestion.congress, channels=(notices.INBOX, notices.EMAIL, notices.SMS),
        )  # fmt: skip


def tell_units(suggestion: Suggestion, title: str, body: str = "", *, co_units: bool = True):
    """Tell the members of the lead unit (and co-units) about the suggestion."""
    org_ids = [suggestion.lead_unit_id] if suggestion.lead_unit_id else []
    if co_units:
        org_ids += list(suggestion.co_units.values_list("organization_id", flat=True))
    for user in User.objects.filter(organizations__in=org_ids, is_active=True).distinct():
        notices.notify(
            user, title=title, body=body, url=suggestion_url(suggestion), kind="suggestion",
            congress=suggestion.congress, channels=(notices.INBOX, notices.EMAIL),
        )  # fmt: skip


def _clean_text(title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("请填写标题。")
    elif len(title) > 200:
        errors["title"] = _("标题不能超过 200 个字。")
    if not body:
        errors["body"] = _("请填写建议内容。")
    if errors:
        raise ValidationError(errors)
    return title, body


def _choice(value: str, choices, field: str, message: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def suggestion_draft(
    *,
    congress: Congress,
    title: str,
    body: str,
    category: str = Category.OTHER,
    period: str = Period.RECESS,
    actor: User,
) -> Suggestion:
    """Start a draft owned by the deputy who writes it."""
    if not permissions.can(actor, DRAFT, congress):
        raise ValidationError(_("只有本级人大代表可以提出代表建议。"))
    title, body = _clean_text(title, body)
    _choice(category, Category, "category", _("请选择建议类别。"))
    _choice(period, Period, "period", _("请选择提出时间。"))
    deputy = Deputy.objects.filter(user=actor, congress=congress).first()
    suggestion = Suggestion.objects.create(
        congress=congress, author=actor, deputy=deputy,
        author_name=deputy.name if deputy else actor.display_name,
        title=title, body=body, category=category, period=period,
    )  # fmt: skip
    record(suggestion, verb="draft", summary=_("起草建议"), actor=actor)
    return suggestion


@transaction.atomic
def suggestion_draft_from_message(
    *, deputy, title: str, body: str, source_label: str, source_url: str, actor
) -> Suggestion:
    """Create a draft for `deputy` (a directory Deputy or a deputy's account) from a message."""
    if isinstance(deputy, Deputy):
        record_, user = deputy, deputy.user
    else:
        user = deputy
        record_ = Deputy.objects.filter(user=user).select_related("congress").first()
    if record_ is None:
        raise ValidationError(_("找不到这位代表的名录信息。"))
    title, body = _clean_text(title, body)
    suggestion = Suggestion.objects.create(
        congress=record_.congress, author=user, deputy=record_, author_name=record_.name,
        title=title, body=body, source_label=source_label[:200], source_url=source_url[:500],
    )  # fmt: skip
    record(
        suggestion, verb="draft", actor=actor,
        summary=_("由群众留言“%(label)s”转为建议草稿") % {"label": source_label[:100]},
        data={"source_url": source_url[:500]},
    )  # fmt: skip
    if user is not None and user != actor:
        notices.notify(
            user, title=_("已根据群众留言生成建议草稿：%(title)s") % {"title": title},
            url=suggestion_url(suggestion), kind="suggestion", congress=record_.congress,
        )  # fmt: skip
    return suggestion


@transaction.atomic
def suggestion_edit(
    *,
    suggestion: Suggestion,
    title: str,
    body: str,
    category: str,
    period: str,
    actor: User,
    version: int | None = None,
) -> Suggestion:
    """Change a draft's text."""
    locked, state = checked(suggestion, Action.EDIT, actor, version)
    title, body = _clean_text(title, body)
    _choice(category, Category, "category", _("请选择建议类别。"))
    _choice(period, Period, "period", _("请选择提出时间。"))
    advance(locked, state, title=title, body=body, category=category, period=period)
    record(locked, verb="edit", summary=_("修改草稿"), actor=actor)
    return locked


@transaction.atomic
def suggestion_invite(
    *, suggestion: Suggestion, users: list[User], kind: str, actor: User
) -> list[Cosigner]:
    """Invite deputies to sign the draft jointly (联名) or to second it (附议)."""
    locked, _state = checked(suggestion, Action.INVITE, actor)
    _choice(kind, Cosigner.Kind, "kind", _("请选择联名或附议。"))
    invited = []
    for user in users:
        if user.pk == locked.author_id:
            continue
        if not permissions.can(user, DRAFT, locked.congress):
            raise ValidationError(
                {"users": _("%(name)s 不是本级人大代表。") % {"name": user.display_name}}
            )
        cosigner, created = Cosigner.objects.get_or_create(
            suggestion=locked, user=user, defaults={"kind": kind}
        )
        if created:
            invited.append(cosigner)
            notices.notify(
                user, title=_("%(name)s 邀请您%(kind)s建议：%(title)s") % {
                    "name": locked.author_name, "kind": cosigner.get_kind_display(),
                    "title": locked.title},
                url=suggestion_url(locked), kind="suggestion", congress=locked.congress,
            )  # fmt: skip
    if invited:
        names = "、".join(c.user.display_name for c in invited)
        record(locked, verb="invite", summary=_("邀请 %(names)s") % {"names": names}, actor=actor)
    return invited


@transaction.atomic
def suggestion_cosign(*, suggestion: Suggestion, kind: str, actor: User) -> Cosigner:
    """Sign a suggestion as a co-signer (after an invitation or of one's own accord)."""
    locked, _state = checked(suggestion, Action.COSIGN, actor)
    _choice(kind, Cosigner.Kind, "kind", _("请选择联名或附议。"))
    cosigner, _created = Cosigner.objects.get_or_create(
        suggestion=locked, user=actor, defaults={"kind": kind}
    )
    if cosigner.signed_at:
        raise ValidationError(_("您已经联名或附议过这条建议。"))
    cosigner.kind, cosigner.signed_at = kind, timezone.now()
    cosigner.save()
    record(
        locked, verb="cosign", actor=actor,
        summary=_("%(name)s %(kind)s")
        % {"name": actor.display_name, "kind": cosigner.get_kind_display()},
    )  # fmt: skip
    return cosigner


@transaction.atomic
def suggestion_submit(
    *, suggestion: Suggestion, actor: User, version: int | None = None
) -> Suggestion:
    """Hand the draft in to the congress."""
    locked, state = checked(suggestion, Action.SUBMIT, actor, version)
    advance(locked, state, submitted_at=timezone.now(), year=timezone.localdate().year)
    record(
        locked, verb="submit", actor=actor, public=True,
        summary=_("提交建议（%(period)s）") % {"period": locked.get_period_display()},
    )  # fmt: skip
    tell_deputy(locked, _("建议已提交：%(title)s") % {"title": locked.title})
    return locked


def _next_number(congress: Congress, year: int) -> tuple[int, str]:
    SuggestionSettings.objects.select_for_update().filter(congress=congress).first()
    last = Suggestion.objects.filter(congress=congress, year=year).aggregate(m=Max("seq"))["m"]
    seq = (last or 0) + 1
    return seq, f"{year}-{seq:04d}"


@transaction.atomic
def suggestion_register(
    *,
    suggestion: Suggestion,
    category: str | None = None,
    is_complex: bool = False,
    actor: User,
    version: int | None = None,
) -> Suggestion:
    """Register the suggestion (立案) with the next number of the year, like 2026-0012."""
    locked, state = checked(suggestion, Action.REGISTER, actor, version)
    category = category or locked.category
    _choice(category, Category, "category", _("请选择建议类别。"))
    settings_for(locked.congress)
    year = locked.year or timezone.localdate().year
    seq, number = _next_number(locked.congress, year)
    advance(
        locked, state, year=year, seq=seq, number=number, category=category, is_complex=is_complex
    )
    record(
        locked, verb="register", actor=actor, public=True,
        summary=_("立案，编号 %(number)s") % {"number": number},
    )  # fmt: skip
    tell_deputy(locked, _("您的建议已立案，编号 %(number)s") % {"number": number})
    return locked


@transaction.atomic
def suggestion_decline(
    *, suggestion: Suggestion, reason: str, actor: User, version: int | None = None
) -> Suggestion:
    """Not register the suggestion but keep it as a reference opinion, with the reason."""
    locked, state = checked(suggestion, Action.DECLINE, actor, version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予立案的理由。")})
    advance(locked, state, decline_reason=reason, year=timezone.localdate().year)
    record(locked, verb="decline", summary=_("不予立案，转为参考意见"), actor=actor, public=True)
    tell_deputy(locked, _("您的建议转为参考意见：%(title)s") % {"title": locked.title}, reason)
    return locked


@transaction.atomic
def suggestion_classify(
    *,
    suggestion: Suggestion,
    category: str,
    is_complex: bool,
    actor: User,
    version: int | None = None,
) -> Suggestion:
    """Set the category and whether the suggestion is complex (6 months to reply)."""
    locked, state = checked(suggestion, Action.CLASSIFY, actor, version)
    _choice(category, Category, "category", _("请选择建议类别。"))
    advance(locked, state, category=category, is_complex=is_complex)
    record(
        locked, verb="classify", actor=actor,
        summary=_("分类为“%(category)s”%(complex)s") % {
            "category": locked.get_category_display(),
            "complex": _("，复杂建议") if is_complex else ""},
    )  # fmt: skip
    return locked


@transaction.atomic
def suggestion_split(
    *, suggestion: Suggestion, parts: list[tuple[str, str]], actor: User
) -> list[Suggestion]:
    """Split a suggestion on several matters: it keeps the first part, the others become new."""
    locked, state = checked(suggestion, Action.SPLIT, actor)
    if len(parts) < 2:
        raise ValidationError({"parts": _("拆分至少需要两部分，每部分一个标题。")})
    cleaned = [_clean_text(title, body) for title, body in parts]
    locked.title, locked.body = cleaned[0]
    advance(locked, state)
    created = []
    for title, body in cleaned[1:]:
        part = Suggestion.objects.create(
            congress=locked.congress, author=locked.author, deputy=locked.deputy,
            author_name=locked.author_name, title=title, body=body, category=locked.category,
            period=locked.period, state=locked.state, split_from=locked,
            submitted_at=locked.submitted_at, source_label=locked.source_label,
            source_url=locked.source_url,
        )  # fmt: skip
        if locked.state == State.REGISTERED:
            part.year = locked.year
            part.seq, part.number = _next_number(locked.congress, locked.year)
            part.save()
        for cosigner in locked.cosigners.all():
            Cosigner.objects.create(
                suggestion=part, user=cosigner.user, kind=cosigner.kind,
                signed_at=cosigner.signed_at,
            )  # fmt: skip
        record(
            part, verb="split", actor=actor, public=True,
            summary=_("由建议“%(title)s”拆分而来") % {"title": locked.title},
        )  # fmt: skip
        created.append(part)
    record(
        locked, verb="split", actor=actor, public=True,
        summary=_("拆分为 %(n)d 件建议") % {"n": len(parts)},
    )  # fmt: skip
    tell_deputy(locked, _("您的建议已拆分为 %(n)d 件办理") % {"n": len(parts)})
    return [locked, *created]


@transaction.atomic
def suggestion_merge(
    *, suggestion: Suggestion, into: Suggestion, actor: User, version: int | None = None
) -> Suggestion:
    """Merge a suggestion into another on the same matter; its deputy joins the other."""
    locked, state = checked(suggestion, Action.MERGE, actor, version)
    target = Suggestion.objects.select_for_update().get(pk=into.pk)
    if target.pk == locked.pk or target.congress_id != locked.congress_id:
        raise ValidationError({"into": _("请选择本级另一件建议。")})
    if target.state not in (State.SUBMITTED, State.REGISTERED):
        raise ValidationError({"into": _("只能并入已提交或已立案的建议。")})
    advance(locked, state, merged_into=target)
    if locked.author_id and locked.author_id != target.author_id:
        Cosigner.objects.get_or_create(
            suggestion=target, user=locked.author,
            defaults={"kind": Cosigner.Kind.JOINT, "signed_at": timezone.now()},
        )  # fmt: skip
    label = target.number or target.title
    record(
        locked, verb="merge", actor=actor, public=True,
        summary=_("并入建议 %(label)s") % {"label": label},
    )  # fmt: skip
    record(
        target, verb="merge", actor=actor,
        summary=_("并入建议“%(title)s”") % {"title": locked.title},
    )  # fmt: skip
    tell_deputy(locked, _("您的建议已并入 %(label)s 一并办理") % {"label": label})
    return locked


def _units(congress: Congress, lead: Organization, co: list[Organization]) -> None:
    valid = set(
        Organization.objects.filter(
            congress=congress, is_handling_unit=True, is_active=True
        ).values_list("pk", flat=True)
    )
    if lead is None or lead.pk not in valid:
        raise ValidationError({"lead_unit": _("请选择本级的承办单位作为主办单位。")})
    if any(org.pk not in valid for org in co):
        raise ValidationError({"co_units": _("协办单位必须是本级的承办单位。")})
    if any(org.pk == lead.pk for org in co):
        raise ValidationError({"co_units": _("主办单位不能同时是协办单位。")})


def default_due(congress: Congress, start: dt.date, *, is_complex: bool) -> dt.date:
    """Return the reply deadline: 3 months after assignment, 6 for complex ones (configurable)."""
    rules = settings_for(congress)
    months = rules.complex_reply_months if is_complex else rules.reply_months
    return calendar.deadline(start, months, "months")


def schedule_reminders(suggestion: Suggestion) -> None:
    """(Re)schedule the before-deadline reminder of the lead unit's members."""
    rules = settings_for(suggestion.congress)
    due_at = timezone.make_aware(
        dt.datetime.combine(
            suggestion.due_on - dt.timedelta(days=rules.remind_days_before), dt.time(9)
        )
    )
    members = User.objects.filter(organizations=suggestion.lead_unit_id, is_active=True)
    for user in members:
        notices.reminder_schedule(
            key=f"suggestion:{suggestion.pk}:round{suggestion.round}:due:{user.pk}",
            recipient=user, due_at=due_at, congress=suggestion.congress,
            title=_("建议 %(number)s 将于 %(due)s 到期，请按时答复") % {
                "number": suggestion.number, "due": suggestion.due_on},
            url=suggestion_url(suggestion), channels=(notices.INBOX, notices.SMS),
        )  # fmt: skip


def cancel_reminders(suggestion: Suggestion) -> None:
    """Cancel the unsent reminders of the current round (the reply came in)."""
    from renda.core.models import Reminder

    prefix = f"suggestion:{suggestion.pk}:round{suggestion.round}:"
    for key in Reminder.objects.filter(key__startswith=prefix).values_list("key", flat=True):
        notices.reminder_cancel(key)


@transaction.atomic
def suggestion_assign(
    *,
    suggestion: Suggestion,
    lead_unit: Organization,
    co_units: list[Organization] | None = None,
    task: str,
    duties: str = "",
    requirements: str = "",
    due_on: dt.date | None = None,
    actor: User,
    version: int | None = None,
) -> Suggestion:
    """Assign to a lead unit and co-units with the task, duties, requirements and a deadline."""
    locked, state = checked(suggestion, Action.ASSIGN, actor, version)
    co_units = co_units or []
    _units(locked.congress, lead_unit, co_units)
    if not (task or "").strip():
        raise ValidationError({"task": _("请写明办理任务。")})
    today = timezone.localdate()
    if due_on is not None and due_on <= today:
        raise ValidationError({"due_on": _("答复期限必须晚于今天。")})
    due_on = due_on or default_due(locked.congress, today, is_complex=locked.is_complex)
    advance(
        locked, state, lead_unit=lead_unit, task=task.strip(), duties=duties.strip(),
        requirements=requirements.strip(), assigned_on=today, due_on=due_on,
        overdue_notified=False,
    )  # fmt: skip
    CoUnit.objects.filter(suggestion=locked).delete()
    CoUnit.objects.bulk_create([CoUnit(suggestion=locked, organization=o) for o in co_units])
    names = "、".join(o.name for o in co_units)
    record(
        locked, verb="assign", actor=actor, public=True,
        summary=_("交办：主办 %(lead)s%(co)s，%(due)s 前答复") % {
            "lead": lead_unit.name, "co": _("，协办 %(names)s") % {"names": names} if names else "",
            "due": due_on},
        data={"lead_unit": lead_unit.pk, "co_units": [o.pk for o in co_units],
              "due_on": str(due_on)},
    )  # fmt: skip
    tell_units(
        locked, _("交办代表建议 %(number)s：%(title)s") % {
            "number": locked.number, "title": locked.title},
        _("请于 %(due)s 前答复。") % {"due": due_on},
    )  # fmt: skip
    tell_deputy(
        locked, _("您的建议 %(number)s 已交 %(lead)s 办理") % {
            "number": locked.number, "lead": lead_unit.name},
    )  # fmt: skip
    schedule_reminders(locked)
    return locked
