"""Every change to consultations and opinions; each checks the workflow, audits and records.

Review (grouping, handling), the final text and adoption live in `reviewing.py`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import permissions
from renda.core.attachments import DOCX, TEXT, attachment_create
from renda.core.audit import audit_record
from renda.core.models import Congress, User
from renda.core.notices import notify
from renda.core.timeline import timeline_record
from renda.directory.models import CollectionPoint, Deputy, Expert, ProfessionalGroup
from renda.directory.services import expert_ledger_record
from renda.lawtext import parse_docx, parse_text
from renda.legislation import workflow
from renda.legislation.models import (
    Article,
    Consultation,
    FocusQuestion,
    Invitation,
    Opinion,
)
from renda.legislation.permissions import (
    COMMENT_AS_DEPUTY,
    COMMENT_AS_EXPERT,
    ENTER_OFFLINE,
    MANAGE,
)

MAX_OPINION = 5000


def actor_kind(user: User | None, consultation: Consultation, wanted: str) -> str:
    """Return the workflow actor `user` acts as for an action needing `wanted`, or PUBLIC."""
    congress = consultation.congress
    checks = {
        workflow.STAFF: MANAGE,
        workflow.OFFICER: ENTER_OFFLINE,
        workflow.DEPUTY: COMMENT_AS_DEPUTY,
        workflow.EXPERT: COMMENT_AS_EXPERT,
    }
    if wanted in checks and user is not None and permissions.can(user, checks[wanted], congress):
        return wanted
    return workflow.PUBLIC


def check(consultation: Consultation, action: str, actor: str) -> workflow.Decision:
    """Ask the workflow; raise PermissionDenied or ValidationError with its reason."""
    decision = workflow.decide(consultation.state, action, actor)
    if not decision.allowed:
        if actor not in workflow.TRANSITIONS[action].actors:
            raise PermissionDenied(decision.reason)
        raise ValidationError(decision.reason)
    return decision


def _staff(consultation: Consultation, action: str, actor: User) -> workflow.Decision:
    return check(consultation, action, actor_kind(actor, consultation, workflow.STAFF))


def parse_draft(*, upload: UploadedFile | None = None, text: str = "") -> tuple[str, list[dict]]:
    """Parse a draft from an upload (.docx or text) or pasted text into (title, articles)."""
    if upload is not None:
        data = upload.read()
        upload.seek(0)
        document = parse_docx(data) if data[:4] == b"PK\x03\x04" else None
        if document is None:
            for encoding in ("utf-8", "gb18030"):
                try:
                    text = data.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
    if upload is None or document is None:
        document = parse_text(text)
    chapters = {h.heading: h for h in document.chapters}
    articles = [
        {
            "number": a.number,
            "label": a.label,
            "chapter": a.chapter or "",
            "caption": a.caption or "",
            "text": a.text,
        }
        for a in document.articles
    ]
    del chapters
    if not articles:
        raise ValidationError(
            {"draft": _("没有识别出任何条文，请检查文件内容（应含“第一条”等）。")}
        )
    return document.title or "", articles


def _store_articles(consultation: Consultation, version: str, articles: list[dict]) -> None:
    Article.objects.filter(consultation=consultation, version=version).delete()
    Article.objects.bulk_create(
        Article(consultation=consultation, version=version, position=i, **fields)
        for i, fields in enumerate(articles, start=1)
    )


@transaction.atomic
def consultation_create(
    *,
    congress: Congress,
    title: str = "",
    legislature: str = "",
    upload: UploadedFile | None = None,
    text: str = "",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    notes: str = "",
    actor: User,
) -> Consultation:
    """Create a consultation from an uploaded or pasted draft, parsed into its articles."""
    if not permissions.can(actor, MANAGE, congress):
        raise PermissionDenied(_("无权组织立法意见征询。"))
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("截止日期不能早于开始日期。")})
    parsed_title, articles = parse_draft(upload=upload, text=text)
    title = (title or parsed_title).strip()
    if not title:
        raise ValidationError({"title": _("请填写草案名称。")})
    consultation = Consultation.objects.create(
        congress=congress,
        title=title[:200],
        legislature=legislature,
        opens_on=opens_on,
        closes_on=closes_on,
        notes=notes,
        source_text=text,
        created_by=actor,
    )
    if upload is not None:
        consultation.draft_file = attachment_create(
            congress=congress,
            upload=upload,
            uploaded_by=actor,
            owner=consultation,
            allowed=frozenset({DOCX, TEXT}),
        )
        consultation.save(update_fields=["draft_file"])
    _store_articles(consultation, Article.Version.DRAFT, articles)
    audit_record(
        "legislation.consultation.create",
        actor=actor,
        congress=congress,
        target=consultation,
        data={"articles": len(articles)},
    )
    timeline_record(
        consultation,
        verb="create",
        summary=_("导入草案，识别出 %(n)d 条") % {"n": len(articles)},
        actor=actor,
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    title: str,
    legislature: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    notes: str,
    actor: User,
) -> Consultation:
    """Change the window, title and explanatory notes."""
    _staff(consultation, "edit", actor)
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("截止日期不能早于开始日期。")})
    if not title.strip():
        raise ValidationError({"title": _("请填写草案名称。")})
    consultation.title, consultation.legislature = title.strip(), legislature
    consultation.opens_on, consultation.closes_on, consultation.notes = opens_on, closes_on, notes
    consultation.save()
    audit_record(
        "legislation.consultation.update",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
    )
    return consultation


@transaction.atomic
def article_update(
    *, article: Article, label: str, caption: str, chapter: str, text: str, actor: User
) -> Article:
    """Correct one parsed article (staff, before the consultation opens)."""
    _staff(article.consultation, "edit_articles", actor)
    if not text.strip():
        raise ValidationError({"text": _("条文不能为空。")})
    article.label, article.caption, article.chapter, article.text = (
        label.strip() or article.label,
        caption.strip(),
        chapter.strip(),
        text.strip(),
    )
    article.save()
    audit_record(
        "legislation.article.update",
        actor=actor,
        congress=article.consultation.congress,
        target=article,
    )
    return article


@transaction.atomic
def article_remove(*, article: Article, actor: User) -> None:
    """Remove a wrongly parsed article (before the consultation opens)."""
    consultation = article.consultation
    _staff(consultation, "edit_articles", actor)
    label = article.label
    article.delete()
    audit_record(
        "legislation.article.remove",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"label": label},
    )


@transaction.atomic
def consultation_reparse(*, consultation: Consultation, text: str, actor: User) -> int:
    """Replace the draft's articles by parsing corrected text; return how many were found."""
    _staff(consultation, "edit_articles", actor)
    _title, articles = parse_draft(text=text)
    _store_articles(consultation, Article.Version.DRAFT, articles)
    consultation.source_text = text
    consultation.save(update_fields=["source_text"])
    audit_record(
        "legislation.consultation.reparse",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"articles": len(articles)},
    )
    return len(articles)


@transaction.atomic
def question_add(
    *, consultation: Consultation, text: str, article: Article | None = None, actor: User
) -> FocusQuestion:
    """Add a question contributors should focus on."""
    _staff(consultation, "edit", actor)
    if not text.strip():
        raise ValidationError({"text": _("请填写问题。")})
    question = FocusQuestion.objects.create(
        consultation=consultation,
        article=article,
        text=text.strip()[:500],
        position=consultation.questions.count() + 1,
    )
    audit_record(
        "legislation.question.add",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
    )
    return question


@transaction.atomic
def invitations_send(
    *,
    consultation: Consultation,
    deputy_field: str = "",
    group: ProfessionalGroup | None = None,
    expert_field: str = "",
    points: list[CollectionPoint] | tuple = (),
    actor: User,
) -> int:
    """Invite deputies (by field or group), experts (by field) and points; notify them."""
    _staff(consultation, "invite", actor)
    congress = consultation.congress
    created = 0
    url = f"/legislation/portal/{consultation.pk}/"
    title = _("请对《%(title)s》提出意见") % {"title": consultation.title}
    body = _("征询截止日期：%(date)s") % {"date": consultation.closes_on or _("另行通知")}
    deputies = Deputy.objects.none()
    if deputy_field or group is not None:
        deputies = Deputy.objects.filter(congress=congress, status=Deputy.Status.SERVING)
        if deputy_field:
            deputies = deputies.filter(field__contains=deputy_field)
        if group is not None:
            deputies = deputies.filter(group=group)
    experts = Expert.objects.none()
    if expert_field:
        experts = Expert.objects.filter(
            congress=congress, status=Expert.Status.ACTIVE, field__contains=expert_field
        )
    for kind, records, attr in (
        (Invitation.Kind.DEPUTY, deputies.select_related("user"), "deputy"),
        (Invitation.Kind.EXPERT, experts.select_related("user"), "expert"),
        (Invitation.Kind.POINT, list(points), "point"),
    ):
        for record in records:
            _invitation, new = Invitation.objects.get_or_create(
                consultation=consultation, kind=kind, **{attr: record}
            )
            if not new:
                continue
            created += 1
            users = (
                [o.user for o in record.officers.all() if o.user_id and o.is_active]
                if attr == "point"
                else [record.user]
                if record.user_id
                else []
            )
            for user in users:
                notify(
                    user,
                    title=title,
                    body=str(body),
                    url=url,
                    kind="legislation.invite",
                    congress=congress,
                    channels=("inbox", "email", "sms"),
                )
    audit_record(
        "legislation.invite",
        actor=actor,
        congress=congress,
        target=consultation,
        data={"created": created},
    )
    if created:
        timeline_record(
            consultation,
            verb="invite",
            summary=_("发出征询邀请 %(n)d 份") % {"n": created},
            actor=actor,
        )
    return created


def _transition(consultation: Consultation, action: str, actor: User, summary: str) -> None:
    decision = _staff(consultation, action, actor)
    consultation.state = decision.next_state
    consultation.save(update_fields=["state"])
    audit_record(
        f"legislation.consultation.{action}",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
    )
    timeline_record(consultation, verb=action, summary=summary, actor=actor, public=True)


@transaction.atomic
def consultation_publish(*, consultation: Consultation, actor: User) -> Consultation:
    """Open the consultation to the public."""
    if not consultation.articles.filter(version=Article.Version.DRAFT).exists():
        raise ValidationError(_("草案没有条文，不能发布。"))
    if consultation.opens_on is None:
        consultation.opens_on = timezone.localdate()
    _transition(consultation, "publish", actor, _("草案公开征求意见"))
    consultation.save(update_fields=["opens_on"])
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, actor: User | None) -> Consultation:
    """Close the window (staff, or `renda tick` when the closing date has passed)."""
    if actor is None:  # the tick
        consultation.state = workflow.CLOSED
        consultation.save(update_fields=["state"])
        audit_record(
            "legislation.consultation.close", congress=consultation.congress, target=consultation
        )
        timeline_record(consultation, verb="close", summary=_("征询期满，自动截止"), public=True)
        return consultation
    _transition(consultation, "close", actor, _("征求意见截止"))
    return consultation


@transaction.atomic
def consultation_reopen(*, consultation: Consultation, actor: User) -> Consultation:
    """Open a closed consultation again (a window extended)."""
    _transition(consultation, "reopen", actor, _("重新开放征求意见"))
    return consultation


def _article_of(consultation: Consultation, article) -> Article | None:
    if article in (None, "", 0):
        return None
    if isinstance(article, Article):
        if article.consultation_id != consultation.pk or article.version != Article.Version.DRAFT:
            raise ValidationError({"article": _("该条文不属于本草案。")})
        return article
    try:
        number = int(article)
    except (TypeError, ValueError):
        raise ValidationError({"article": _("条号应为数字。")}) from None
    found = consultation.articles.filter(version=Article.Version.DRAFT, number=number).first()
    if found is None:
        raise ValidationError({"article": _("草案没有第 %(n)s 条。") % {"n": number}})
    return found


def _clean_text(text: str, name: str, phone: str) -> tuple[str, str, str]:
    text = (text or "").strip()
    errors = {}
    if len(text) < 2:
        errors["text"] = _("请填写意见内容。")
    elif len(text) > MAX_OPINION:
        errors["text"] = _("意见内容不能超过 %(n)d 字。") % {"n": MAX_OPINION}
    phone = (phone or "").strip()
    if phone and not phone.replace("-", "").replace(" ", "").isdigit():
        errors["phone"] = _("联系方式应为电话号码。")
    if errors:
        raise ValidationError(errors)
    return text, (name or "").strip()[:50], phone[:30]


def opinion_submit(
    *,
    consultation: Consultation,
    text: str,
    article=None,
    name: str = "",
    phone: str = "",
    source: str = "online",
    idempotency_key: str | None = None,
    actor=None,
    point: CollectionPoint | None = None,
    method: str = "",
) -> Opinion:
    """Store an opinion on an article (number or Article) or the whole draft; idempotent by key.

    `source` online/api/channel: anyone while the consultation is open; deputy/expert: `actor`
    must be that deputy or expert; offline: an information officer (or staff) with a `point`.
    """
    key = (idempotency_key or "").strip()[:64] or None
    if key:
        existing = Opinion.objects.filter(consultation=consultation, idempotency_key=key).first()
        if existing is not None:
            return existing
    wanted = {
        Opinion.Source.DEPUTY: workflow.DEPUTY,
        Opinion.Source.EXPERT: workflow.EXPERT,
        Opinion.Source.OFFLINE: workflow.OFFICER,
    }.get(source, workflow.PUBLIC)
    if source not in Opinion.Source.values:
        raise ValidationError({"source": _("未知的意见来源。")})
    kind = actor_kind(actor, consultation, wanted)
    if wanted == workflow.OFFICER and kind != workflow.OFFICER:
        kind = actor_kind(actor, consultation, workflow.STAFF)
    if wanted != workflow.PUBLIC and kind == workflow.PUBLIC:
        raise PermissionDenied(_("无权以此身份提交意见。"))
    check(consultation, "enter_offline" if source == Opinion.Source.OFFLINE else "comment", kind)
    text, name, phone = _clean_text(text, name, phone)
    fields = {}
    if source == Opinion.Source.OFFLINE:
        if point is None:
            raise ValidationError({"point": _("请选择采集点。")})
        if method not in Opinion.Method.values or method == Opinion.Method.ONLINE:
            raise ValidationError({"method": _("请选择收集方式。")})
        fields.update(point=point, method=method)
    elif source == Opinion.Source.DEPUTY:
        fields["deputy"] = Deputy.objects.filter(user=actor, congress=consultation.congress).first()
        if fields["deputy"] is None:
            raise PermissionDenied(_("您的账号没有关联代表信息。"))
        name = name or fields["deputy"].name
    elif source == Opinion.Source.EXPERT:
        fields["expert"] = Expert.objects.filter(user=actor, congress=consultation.congress).first()
        if fields["expert"] is None:
            raise PermissionDenied(_("您的账号没有关联专家信息。"))
        name = name or fields["expert"].name
    target = _article_of(consultation, article)
    try:
        with transaction.atomic():
            opinion = Opinion.objects.create(
                consultation=consultation,
                article=target,
                text=text,
                name=name,
                phone=phone,
                source=source,
                submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
                idempotency_key=key,
                **fields,
            )
            audit_record(
                "legislation.opinion.submit",
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                congress=consultation.congress,
                target=opinion,
                data={"source": source, "article": target.number if target else None},
            )
    except IntegrityError:
        existing = Opinion.objects.filter(consultation=consultation, idempotency_key=key).first()
        if key and existing is not None:
            return existing
        raise
    if source == Opinion.Source.EXPERT and fields.get("expert"):
        expert_ledger_record(
            expert=fields["expert"],
            kind="立法意见",
            summary=f"对《{consultation.title}》提出意见"[:500],
            url=f"/legislation/{consultation.pk}/",
        )
    return opinion
