"""The only code that changes citizens' messages; every step after receipt goes on the timeline."""

from collections.abc import Mapping
from contextlib import nullcontext
from datetime import date
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from renda.channel import rules
from renda.channel.models import Kind, Message, Rating, TimeLimit
from renda.channel.workflow import Action, Side, decide
from renda.core import calendar, permissions
from renda.core.attachments import IMAGES, attachment_create
from renda.core.audit import audit_record
from renda.core.codes import random_code
from renda.core.db.insert import insert_one
from renda.core.memo import remember_for
from renda.core.models import Congress, User
from renda.core.notices import notify
from renda.core.tasks import deliver_sms
from renda.core.timeline import timeline_record
from renda.directory import validators
from renda.directory.models import Deputy, Organization, Station

# ---- time limits and secrets -------------------------------------------------------------


def time_limits(congress: Congress) -> dict[str, int]:
    """Working days allowed per kind of message in `congress` (defaults, then overrides).

    Remembered for a minute in each worker: a changed limit applies to messages received after.
    """
    return dict(_time_limits(congress.pk))


@remember_for(60)
def _time_limits(congress_id: int) -> dict[str, int]:
    limits = dict(rules.DEFAULT_WORKING_DAYS)
    rows = TimeLimit.objects.filter(congress_id=congress_id).values_list("kind", "working_days")
    limits.update(rows)
    return limits


def due_dates(congress: Congress) -> Mapping[str, date]:
    """The due date of a message received today in `congress`, per kind.

    Remembered for a minute in each worker: a changed time limit or holiday override applies to
    messages received a minute later.
    """
    return _due_dates(congress.pk, timezone.localdate())


@remember_for(60)
def _due_dates(congress_id: int, today: date) -> Mapping[str, date]:
    return MappingProxyType(
        {
            kind: calendar.deadline(today, days, "working")
            for kind, days in _time_limits(congress_id).items()
        }
    )


def tracking_secret(code: str) -> str:
    """Return the 8-digit secret of a tracking code (derived, so a retry can show it again)."""
    digest = salted_hmac("renda.channel.secret", code, secret=settings.SECRET_KEY).hexdigest()
    return f"{int(digest[:16], 16) % 10**8:08d}"


def find_by_secret(code: str, secret: str) -> Message | None:
    """Return the message only if code and secret match; say nothing about which was wrong."""
    code = rules.normalize_code(code)
    expected = tracking_secret(code)
    if not constant_time_compare(expected, (secret or "").strip()):
        return None
    return Message.objects.filter(tracking_code=code).select_related("deputy", "station").first()


def recipient_by_code(code: str) -> Deputy | Station | None:
    """Find a public deputy or station by its public code (remembered for a minute).

    A deputy whose term ends, or a station closed, stops taking messages within a minute.
    """
    code = (code or "").strip().lower()
    if not code or len(code) > 12:
        return None
    return _recipient(code)


@remember_for(60)
def _recipient(code: str) -> Deputy | Station | None:
    # One row by a unique key, with only what a submission needs joined in, no ordering.
    return (
        Deputy.objects.filter(
            public_code=code, status=Deputy.Status.SERVING, congress__is_active=True
        ).select_related("congress", "user").order_by().first()
        or Station.objects.filter(
            public_code=code, is_active=True, congress__is_active=True
        ).select_related("congress", "manager").order_by().first()
    )  # fmt: skip


# ---- submission ---------------------------------------------------------------------------


def _check(*, recipient, kind, content, name, phone, photos) -> dict[str, str]:
    errors = {}
    if recipient is None:
        errors["recipient"] = _("找不到这位代表或联络站，请重新扫描二维码。")
    if kind not in Kind.values:
        errors["kind"] = _("请选择留言类别。")
    text = (content or "").strip()
    if len(text) < rules.MIN_CONTENT:
        errors["content"] = _("请写下您的意见或诉求（至少%(n)d个字）。") % {"n": rules.MIN_CONTENT}
    elif len(text) > rules.MAX_CONTENT:
        errors["content"] = _("内容不能超过%(n)d个字（现在%(m)d个字）。") % {
            "n": rules.MAX_CONTENT, "m": len(text),
        }  # fmt: skip
    if len(name or "") > 50:
        errors["name"] = _("姓名不能超过50个字。")
    if phone and not validators.is_phone(validators.normalize_phone(phone)):
        errors["phone"] = _("手机号格式不正确：%(value)s") % {"value": phone}
    if len(photos) > rules.MAX_PHOTOS:
        errors["photos"] = _("最多上传%(n)d张照片。") % {"n": rules.MAX_PHOTOS}
    return errors


def message_submit(
    *,
    recipient_code: str,
    kind: str,
    content: str,
    name: str = "",
    phone: str = "",
    consent_publish: bool = False,
    photos: list | tuple = (),
    idempotency_key: str | None = None,
    send_sms: bool = False,
) -> tuple[Message, bool]:
    """Store a citizen's message and return it with True, or the earlier one for a retry.

    A retry is found by the unique idempotency key when its INSERT fails, so a first submission
    (nearly all of them) costs no look-up.
    """
    key = (idempotency_key or "").strip()[:64] or None
    recipient = recipient_by_code(recipient_code)
    content = (content or "").strip()
    errors = _check(
        recipient=recipient, kind=kind, content=content, name=name, phone=phone, photos=photos
    )
    if errors:
        earlier = Message.objects.filter(idempotency_key=key).first() if key else None
        if earlier is not None:  # e.g. a retry after the deputy's term ended: same receipt
            return _same_or_refuse(earlier, recipient_code, content)
        raise ValidationError(errors)
    # One INSERT commits alone; photos, or a caller's transaction, need a (sub)transaction.
    in_transaction = transaction.get_connection().in_atomic_block
    atomic = transaction.atomic() if photos or in_transaction else nullcontext()
    try:
        with atomic:
            message = _create(recipient, kind, content, name, phone, consent_publish, key, photos)
    except IntegrityError:
        earlier = Message.objects.filter(idempotency_key=key).first() if key else None
        if earlier is None:
            raise
        return _same_or_refuse(earlier, recipient_code, content)
    if send_sms and message.phone:
        text = _("【智慧人大】您的留言已收到。查询码 %(code)s，密码 %(secret)s。") % {
            "code": rules.format_code(message.tracking_code),
            "secret": tracking_secret(message.tracking_code),
        }
        phone_number = message.phone
        transaction.on_commit(lambda: deliver_sms.enqueue(phone_number, text))
    return message, True


def _same_or_refuse(earlier: Message, recipient_code: str, content: str) -> tuple[Message, bool]:
    """A retry (same key, recipient and text) gets its receipt again, even if the recipient has
    stopped taking messages since; the same key for anything else is refused."""
    code = (recipient_code or "").strip().lower()
    if earlier.recipient.public_code == code and earlier.content == content:
        return earlier, False
    raise ValidationError(
        {"idempotency_key": _("这个提交编号已用于另一条留言，请刷新页面后重新提交。")}
    )


def _create(recipient, kind, content, name, phone, consent, key, photos) -> Message:
    """Write the message row (and its photos): the one write a submission waits for.

    Its "received" step is read from the row itself (`selectors.steps`) and its recipients are
    told by the minute digest (`notify_new`), so a crowd scanning at once costs one insert each.
    """
    congress = recipient.congress
    due = due_dates(congress)[kind]
    # A clash of two random 8-character codes (31**8 of them) is left to the caller's retry.
    message = insert_one(Message(
        congress=congress,
        deputy=recipient if isinstance(recipient, Deputy) else None,
        station=recipient if isinstance(recipient, Station) else None,
        tracking_code=random_code(),
        idempotency_key=key,
        kind=kind,
        content=content,
        name=(name or "").strip(),
        phone=validators.normalize_phone(phone) if phone else "",
        consent_publish=consent,
        due_on=due,
        first_due_on=due,
    ))  # fmt: skip
    for photo in photos:
        attachment_create(congress=congress, upload=photo, owner=message, allowed=IMAGES)
    return message


def notify_new(now=None) -> int:
    """Tell each recipient's accounts of the messages received since they were last told.

    One notice (inbox and SMS) per account for all its new messages: the minute digest that
    `renda tick` runs. Each message is claimed under a row lock (SKIP LOCKED) and marked
    `notified_at` in the same transaction, so two runners never tell it twice. Returns how many
    messages were reported.
    """
    now = now or timezone.now()
    pending = list(
        Message.objects.filter(notified_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    count = 0
    for start in range(0, len(pending), 500):
        with transaction.atomic():
            claimed = list(
                Message.objects.select_for_update(of=("self",), skip_locked=True)
                .filter(pk__in=pending[start : start + 500], notified_at__isnull=True)
                .select_related("deputy__user", "station__manager", "congress")
                .order_by("pk")
            )
            Message.objects.filter(pk__in=[m.pk for m in claimed]).update(notified_at=now)
            by_user: dict[User, list[Message]] = {}
            for message in claimed:
                for user in recipient_users(message):
                    by_user.setdefault(user, []).append(message)
            for user, messages in by_user.items():
                _tell_recipient(user, messages)
            count += len(claimed)
    return count


def _tell_recipient(user: User, messages: list[Message]) -> None:
    first = messages[0]
    if len(messages) == 1:
        title, url = _("您收到一条群众留言"), f"/channel/messages/{first.pk}/"
        body = _("类别：%(kind)s；请在 %(due)s 前处理。") % {
            "kind": first.get_kind_display(), "due": first.due_on.isoformat()
        }  # fmt: skip
    else:
        title, url = _("您收到%(n)d条群众留言") % {"n": len(messages)}, "/channel/"
        body = _("最早的一条请在 %(due)s 前处理。") % {
            "due": min(m.due_on for m in messages).isoformat()
        }  # fmt: skip
    notify(user, kind="channel.new", congress=first.congress, channels=("inbox", "sms"),
           title=title, url=url, body=body)  # fmt: skip


# ---- who is who ---------------------------------------------------------------------------


def recipient_users(message: Message) -> list[User]:
    """The accounts that answer for the recipient: the deputy's own, or the station's manager."""
    user = message.deputy.user if message.deputy_id else message.station.manager
    return [user] if user is not None and user.is_active else []


def sides_of(user: User, message: Message) -> set[Side]:
    """Return the parts `user` plays for `message` (none for a stranger)."""
    sides = set()
    if not user.is_authenticated:
        return sides
    if user in recipient_users(message):
        sides.add(Side.RECIPIENT)
    if permissions.can(user, "channel.route", message.congress):
        sides.add(Side.OFFICE)
    if message.unit_id and message.unit.members.filter(pk=user.pk).exists():
        sides.add(Side.UNIT)
    return sides


# ---- actions ------------------------------------------------------------------------------


def _move(message: Message, action: Action, side: Side, actor: User | None, summary: str, *,
          public: bool = True, **changes) -> Message:  # fmt: skip
    """Apply one workflow step to a locked message, record it, and return the message."""
    decision = decide(message.state, action, side)
    if not decision.allowed:
        raise ValidationError(_("当前状态（%(state)s）下不能进行这项操作。") % {
            "state": message.get_state_display()
        })  # fmt: skip
    changes["state"] = decision.next_state
    for field, value in changes.items():
        setattr(message, field, value)
    message.save(update_fields=list(changes))
    label = actor.display_name if actor else _("留言人")
    timeline_record(message, verb=action.value, summary=summary, actor=actor,
                    actor_label=label, public=public)  # fmt: skip
    audit_record(f"channel.{action.value}", actor=actor, congress=message.congress,
                 target=message, data={"side": side.value})  # fmt: skip
    return message


def _locked(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("deputy__user", "station__manager", "unit", "congress")
        .get(pk=message.pk)
    )


def _side(actor: User, message: Message, wanted: Side) -> Side:
    if wanted not in sides_of(actor, message):
        raise ValidationError(_("您不能处理这条留言。"))
    return wanted


def _tell_citizen(message: Message, text: str) -> None:
    if message.phone:
        phone = message.phone
        body = _("【智慧人大】您的留言（查询码 %(code)s）有新进展：%(text)s") % {
            "code": rules.format_code(message.tracking_code), "text": text
        }  # fmt: skip
        transaction.on_commit(lambda: deliver_sms.enqueue(phone, body))


@transaction.atomic
def message_reply(*, message: Message, text: str, actor: User, side: Side) -> Message:
    """Answer the citizen (as the recipient, the office or the unit)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写答复内容。")})
    side = Side(side)
    message = _locked(message)
    _side(actor, message, side)
    message = _move(message, Action.REPLY, side, actor, _("答复：%(text)s") % {"text": text},
                    reply=text, replied_at=timezone.now())  # fmt: skip
    _tell_citizen(message, _("已答复，请查看并评价。"))
    return message


@transaction.atomic
def message_handle(*, message: Message, actor: User, note: str = "") -> Message:
    """The recipient takes the matter on personally."""
    message = _locked(message)
    _side(actor, message, Side.RECIPIENT)
    summary = _("代表正在亲自办理。") + (f" {note.strip()}" if note.strip() else "")
    return _move(message, Action.HANDLE, Side.RECIPIENT, actor, summary)


@transaction.atomic
def message_forward(*, message: Message, actor: User, note: str = "") -> Message:
    """Send the message on the fast track to the congress office."""
    message = _locked(message)
    _side(actor, message, Side.RECIPIENT)
    message = _move(message, Action.FORWARD, Side.RECIPIENT, actor,
                    _("已通过快速办理通道转人大办公室。"))  # fmt: skip
    for user in office_users(message.congress):
        notify(user, kind="channel.forwarded", congress=message.congress,
               title=_("有一条群众留言待交办"), url=f"/channel/messages/{message.pk}/",
               body=note.strip())  # fmt: skip
    return message


@transaction.atomic
def message_merge(*, message: Message, into: Message, actor: User) -> Message:
    """Mark a message as a duplicate of another to the same recipient."""
    message = _locked(message)
    _side(actor, message, Side.RECIPIENT)
    if into.pk == message.pk or into.recipient != message.recipient or into.merged_into_id:
        raise ValidationError({"into": _("只能合并到同一收件人的另一条未合并留言。")})
    return _move(message, Action.MERGE, Side.RECIPIENT, actor,
                 _("与同类留言合并办理，进度见查询码 %(code)s。") % {
                     "code": rules.format_code(into.tracking_code)},
                 merged_into=into)  # fmt: skip


@transaction.atomic
def message_convert(*, message: Message, actor: User, label: str, url: str = "") -> Message:
    """Record that the message became a deputy's suggestion or a legislative opinion."""
    message = _locked(message)
    _side(actor, message, Side.RECIPIENT)
    return _move(message, Action.CONVERT, Side.RECIPIENT, actor,
                 _("已转为%(label)s，办理结果将另行反馈。") % {"label": label},
                 converted_to=label, converted_url=url)  # fmt: skip


@transaction.atomic
def message_assign(*, message: Message, unit: Organization, actor: User,
                   working_days: int | None = None) -> Message:  # fmt: skip
    """Route a forwarded message to a handling unit with a time limit in working days."""
    message = _locked(message)
    _side(actor, message, Side.OFFICE)
    if not unit.is_handling_unit or unit.congress_id != message.congress_id:
        raise ValidationError({"unit": _("请选择本级的承办单位。")})
    days = working_days or time_limits(message.congress)[message.kind]
    due = calendar.deadline(timezone.localdate(), days, "working")
    message = _move(message, Action.ASSIGN, Side.OFFICE, actor,
                    _("已交%(unit)s办理，期限 %(due)s。") % {"unit": unit.name, "due": due},
                    unit=unit, due_on=due, overdue_since=None)  # fmt: skip
    for user in unit.members.filter(is_active=True):
        notify(user, kind="channel.assigned", congress=message.congress, channels=("inbox", "sms"),
               title=_("交办：群众留言 %(code)s") % {"code": message.tracking_code},
               body=_("请在 %(due)s 前答复。") % {"due": due},
               url=f"/channel/messages/{message.pk}/")  # fmt: skip
    return message


@transaction.atomic
def message_accept(*, message: Message, actor: User) -> Message:
    """The unit accepts the assignment."""
    message = _locked(message)
    _side(actor, message, Side.UNIT)
    return _move(message, Action.ACCEPT, Side.UNIT, actor,
                 _("%(unit)s已受理。") % {"unit": message.unit.name})  # fmt: skip


@transaction.atomic
def message_return(*, message: Message, actor: User, reason: str) -> Message:
    """The unit sends the assignment back to the office with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明退回理由。")})
    message = _locked(message)
    _side(actor, message, Side.UNIT)
    unit = message.unit
    message = _move(message, Action.RETURN, Side.UNIT, actor,
                    _("%(unit)s退回：%(reason)s") % {"unit": unit.name, "reason": reason},
                    public=False, unit=None)  # fmt: skip
    for user in office_users(message.congress):
        notify(user, kind="channel.returned", congress=message.congress,
               title=_("承办单位退回了一条留言"), body=reason,
               url=f"/channel/messages/{message.pk}/")  # fmt: skip
    return message


@transaction.atomic
def message_rate(*, message: Message, rating: str, comment: str = "") -> Message:
    """The citizen rates the result."""
    if rating not in Rating.values:
        raise ValidationError({"rating": _("请选择满意、基本满意或不满意。")})
    message = _locked(message)
    label = Rating(rating).label
    summary = _("留言人评价：%(rating)s") % {"rating": label}
    return _move(message, Action.RATE, Side.CITIZEN, None,
                 summary + (f"（{comment.strip()[:500]}）" if comment.strip() else ""),
                 rating=rating, rating_comment=comment.strip()[:500],
                 rated_at=timezone.now())  # fmt: skip


@transaction.atomic
def message_reopen(*, message: Message, reason: str) -> Message:
    """The citizen reopens an answered message within the allowed period, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请说明需要重新办理的原因。")})
    message = _locked(message)
    replied = message.replied_at or message.rated_at
    if replied and (timezone.now() - replied).days > rules.REOPEN_DAYS:
        raise ValidationError(_("答复已超过%(n)d天，不能重新打开，请提交新的留言。") % {
            "n": rules.REOPEN_DAYS})  # fmt: skip
    due = calendar.deadline(timezone.localdate(), time_limits(message.congress)[message.kind],
                            "working")  # fmt: skip
    message = _move(message, Action.REOPEN, Side.CITIZEN, None,
                    _("留言人申请重新办理：%(reason)s") % {"reason": reason},
                    reopen_count=message.reopen_count + 1, due_on=due, overdue_since=None,
                    unit=None)  # fmt: skip
    for user in recipient_users(message):
        notify(user, kind="channel.reopened", congress=message.congress,
               title=_("一条留言被重新打开"), body=reason,
               url=f"/channel/messages/{message.pk}/")  # fmt: skip
    return message


def message_to_suggestion(*, message: Message, actor: User):
    """Turn a message to a deputy into that deputy's draft suggestion, keeping the link."""
    from renda.suggestions.services import suggestion_draft_from_message, suggestion_url

    if not message.deputy_id:
        raise ValidationError(_("只有写给代表的留言可以转为代表建议。"))
    with transaction.atomic():
        label = _("群众留言 %(code)s") % {"code": rules.format_code(message.tracking_code)}
        suggestion = suggestion_draft_from_message(
            deputy=message.deputy, title=message.content[:30], body=message.content,
            source_label=label, source_url=f"/channel/messages/{message.pk}/", actor=actor,
        )  # fmt: skip
        message_convert(message=message, actor=actor, label=_("代表建议"),
                        url=suggestion_url(suggestion))  # fmt: skip
    return suggestion


def open_consultations(congress: Congress):
    """Consultations of the message's congress (or above) that take opinions now."""
    from renda.legislation.selectors import public_consultations

    codes = congress.ancestor_codes()
    return public_consultations().filter(congress__code__in=codes)


def message_to_opinion(*, message: Message, actor: User, consultation_id):
    """Hand a message on to an open legislative consultation as an opinion, keeping the link."""
    from renda.legislation.services import opinion_submit

    consultation = open_consultations(message.congress).filter(pk=consultation_id or 0).first()
    if consultation is None:
        raise ValidationError({"consultation": _("请选择正在征求意见的法规草案。")})
    with transaction.atomic():
        opinion = opinion_submit(
            consultation=consultation, text=message.content, name=message.name,
            phone=message.phone, source="channel",
            idempotency_key=f"channel-{message.tracking_code}",
        )  # fmt: skip
        message_convert(message=message, actor=actor,
                        label=_("立法意见（%(title)s）") % {"title": consultation.title},
                        url=f"/legislation/{consultation.pk}/")  # fmt: skip
    return opinion


def office_users(congress: Congress) -> list[User]:
    """Staff who route fast-track messages in `congress`."""
    return list(
        User.objects.filter(
            is_active=True, memberships__congress=congress, memberships__role="staff"
        ).distinct()
    )
