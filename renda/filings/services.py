"""The only code that changes filings: filing, formal and substantive review, corrections."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import attachments, calendar
from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.notices import notify, reminder_cancel, reminder_schedule
from renda.core.timeline import timeline_record
from renda.directory.models import Expert, Organization
from renda.directory.services import expert_ledger_record
from renda.filings import access, search, texts, workflow
from renda.filings.models import (
    Correction,
    Filing,
    FilingVersion,
    Finding,
    Opinion,
    Side,
    Signoff,
    Track,
    Validity,
)
from renda.filings.workflow import Action, Refused

FILING_DAYS = getattr(settings, "RENDA_FILINGS_FILING_DAYS", 30)
FORMAL_DAYS = getattr(settings, "RENDA_FILINGS_FORMAL_DAYS", 15)
REVIEW_DAYS = getattr(settings, "RENDA_FILINGS_REVIEW_DAYS", 60)
RETURN_DAYS = getattr(settings, "RENDA_FILINGS_RETURN_DAYS", 15)
CORRECTION_DAYS = getattr(settings, "RENDA_FILINGS_CORRECTION_DAYS", 60)

CHECKLIST = {
    "report": _("备案报告"),
    "text": _("规范性文件正式文本"),
    "notes": _("起草说明"),
    "legality": _("合法性审核意见"),
    "number": _("文号和公布日期"),
}

REFUSALS = {
    "not_now": _("当前状态下不能进行此操作。"),
    "not_yours": _("您不能对该文件进行此操作。"),
    "stock_only": _("该操作只适用于存量文件。"),
}


def _move(track: Track, action: str, user: User) -> str:
    """Check the workflow for `user` doing `action` on `track`; return the next state."""
    actor = access.actor_for(user, track)
    try:
        return workflow.next_state(
            track.state, action, actor, stock=track.filing.kind == Filing.Kind.STOCK
        )
    except Refused as refused:
        if refused.reason == "not_yours":
            raise PermissionDenied(REFUSALS["not_yours"]) from None
        raise ValidationError(REFUSALS[refused.reason]) from None


def _record(track: Track, action: str, summary: str, actor: User | None, **data) -> None:
    filing = track.filing
    timeline_record(filing, verb=f"filings.{action}", summary=summary, actor=actor, data=data)
    audit_record(
        f"filings.track.{action}", actor=actor, congress=filing.congress, target=track,
        data={"side": track.side, "state": track.state, **data},
    )  # fmt: skip


def _url(filing: Filing) -> str:
    return reverse("filings:filing_detail", args=[filing.pk])


def _notify_body(filing: Filing, title: str, body: str = "") -> None:
    for user in filing.body.members.filter(is_active=True):
        notify(user, title=title, body=body, url=_url(filing), kind="filings",
               congress=filing.congress, channels=("inbox", "email", "sms"))  # fmt: skip


def _notify_reviewers(track: Track, title: str) -> None:
    for user in access.reviewers_of(track):
        notify(user, title=title, url=_url(track.filing), kind="filings",
               congress=track.filing.congress)  # fmt: skip


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def filing_due(published_on: dt.date) -> dt.date:
    """Return the last day to file a document published on `published_on`."""
    return calendar.deadline(published_on, FILING_DAYS, "calendar")


def _store_upload(*, filing: Filing, upload: UploadedFile, actor: User) -> tuple[str, object]:
    attachment = attachments.attachment_create(
        congress=filing.congress, upload=upload, uploaded_by=actor, owner=filing,
        allowed=texts.TEXT_KINDS,
    )  # fmt: skip
    with attachment.file.open("rb") as handle:
        data = handle.read()
    kind = next(k for k in texts.TEXT_KINDS if k.mime == attachment.content_type)
    return texts.extract(data, kind), attachment


def _prereview(filing: Filing) -> int:
    found = texts.findings_of(filing.text)
    Finding.objects.bulk_create(
        Finding(
            filing=filing, version=filing.version, category=f.category, rule=f.rule,
            article=f.article or "", clause=f.clause, start=f.start, end=f.end,
            trigger=f.trigger[:200], explanation=f.explanation, basis=f.basis,
        )
        for f in found
    )  # fmt: skip
    return len(found)


@transaction.atomic
def filing_submit(
    *,
    body: Organization,
    title: str,
    number: str,
    published_on: dt.date,
    upload: UploadedFile,
    actor: User,
    doc_type: str = "administrative",
    drafting_notes: str = "",
    legality_opinion: str = "",
    kind: str = Filing.Kind.NEW,
    campaign=None,
    today: dt.date | None = None,
) -> Filing:
    """File a document once: it reaches the congress and the government reviewer together."""
    today = _today(today)
    profile = access.profile_of(body)
    if not access.may_file(actor, body) and kind == Filing.Kind.NEW:
        raise PermissionDenied(_("您不是该制定主体的备案联络员。"))
    errors = {}
    if not title.strip():
        errors["title"] = _("请填写文件标题。")
    if not number.strip():
        errors["number"] = _("请填写文号。")
    elif Filing.objects.filter(body=body, number=number.strip()).exists():
        errors["number"] = _("该文号的文件已经报备过。")
    if published_on > today:
        errors["published_on"] = _("公布日期不能晚于今天。")
    if kind == Filing.Kind.NEW and not legality_opinion.strip():
        errors["legality_opinion"] = _("请填写合法性审核意见。")
    if errors:
        raise ValidationError(errors)
    due = filing_due(published_on)
    filing = Filing(
        congress=profile.review_congress, body=body, gov_reviewer=profile.gov_reviewer,
        kind=kind, campaign=campaign, title=title.strip(), number=number.strip(),
        doc_type=doc_type, published_on=published_on, filed_on=today, due_on=due,
        is_late=kind == Filing.Kind.NEW and today > due, drafting_notes=drafting_notes,
        legality_opinion=legality_opinion, text="-", filed_by=actor,
    )  # fmt: skip
    filing.save()
    try:
        filing.text, attachment = _store_upload(filing=filing, upload=upload, actor=actor)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    filing.save(update_fields=["text"])
    FilingVersion.objects.create(filing=filing, number=1, text=filing.text,
                                 attachment=attachment, note=_("报备文本"))  # fmt: skip
    findings = _prereview(filing)
    formal_due = calendar.deadline(today, FORMAL_DAYS, "calendar")
    start_state = workflow.REGISTERED if kind == Filing.Kind.STOCK else workflow.SUBMITTED
    for side in (Side.CONGRESS, Side.GOVERNMENT):
        track = Track.objects.create(filing=filing, side=side, formal_due_on=formal_due,
                                     state=start_state)  # fmt: skip
        if kind == Filing.Kind.NEW:
            _notify_reviewers(track, _("新报备文件：%(title)s") % {"title": filing.title})
            _schedule_formal_reminder(track)
    summary = _("%(body)s 报备《%(title)s》（%(number)s），同时报送人大和政府备案审查机关。") % {
        "body": body.name, "title": filing.title, "number": filing.number}  # fmt: skip
    if filing.is_late:
        summary += _("逾期报备（应于 %(due)s 前报备）。") % {"due": due.isoformat()}
    timeline_record(filing, verb="filings.submit", summary=summary, actor=actor)
    audit_record("filings.filing.submit", actor=actor, congress=filing.congress, target=filing,
                 data={"late": filing.is_late, "findings": findings, "kind": kind})  # fmt: skip
    return filing


def _schedule_formal_reminder(track: Track) -> None:
    filing = track.filing
    due_at = timezone.make_aware(dt.datetime.combine(track.formal_due_on, dt.time(9)))
    for user in access.reviewers_of(track):
        reminder_schedule(
            key=f"filings:formal:{track.pk}:{user.pk}", recipient=user,
            due_at=due_at - dt.timedelta(days=3), url=_url(filing), congress=filing.congress,
            title=_("形式审查即将到期：%(title)s") % {"title": filing.title},
        )  # fmt: skip


def _cancel_formal_reminders(track: Track) -> None:
    for user in access.reviewers_of(track):
        reminder_cancel(f"filings:formal:{track.pk}:{user.pk}")


@transaction.atomic
def track_register(
    *, track: Track, checklist: dict[str, bool], actor: User, today: dt.date | None = None
) -> Track:
    """Pass the formal review: register the filing and issue the electronic receipt."""
    today = _today(today)
    track.state = _move(track, Action.REGISTER, actor)
    missing = [label for key, label in CHECKLIST.items() if not checklist.get(key)]
    if missing:
        raise ValidationError(
            {"checklist": _("材料不齐全（%(items)s），应暂缓登记并退回补正。")
             % {"items": "、".join(missing)}}
        )  # fmt: skip
    track.checklist = {key: True for key in CHECKLIST}
    track.registered_on = today
    track.review_due_on = calendar.deadline(today, REVIEW_DAYS, "calendar")
    prefix = "RD" if track.side == Side.CONGRESS else "ZF"
    track.receipt_number = f"{prefix}{today:%Y}-{track.filing.pk:05d}"
    track.save()
    _cancel_formal_reminders(track)
    _record(track, "register", _("%(side)s形式审查通过，予以登记，备案回执 %(no)s。")
            % {"side": track.get_side_display(), "no": track.receipt_number}, actor)  # fmt: skip
    _notify_body(track.filing, _("备案回执：%(title)s") % {"title": track.filing.title},
                 _("回执号 %(no)s") % {"no": track.receipt_number})  # fmt: skip
    return track


@transaction.atomic
def track_return(*, track: Track, reason: str, actor: User, today: dt.date | None = None) -> Track:
    """Defer registration and return the filing for completion within a time limit."""
    today = _today(today)
    track.state = _move(track, Action.RETURN, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("请写明需要补正的内容。")})
    track.return_reason = reason.strip()
    track.return_due_on = calendar.deadline(today, RETURN_DAYS, "calendar")
    track.return_reminded_on = track.return_overdue_on = None
    track.save()
    _cancel_formal_reminders(track)
    _record(track, "return", _("%(side)s暂缓备案登记，限期 %(due)s 前补正：%(reason)s")
            % {"side": track.get_side_display(), "due": track.return_due_on,
               "reason": track.return_reason}, actor)  # fmt: skip
    _notify_body(track.filing, _("请补正备案材料：%(title)s") % {"title": track.filing.title},
                 track.return_reason)  # fmt: skip
    return track


@transaction.atomic
def filing_resubmit(
    *, filing: Filing, note: str, actor: User, upload: UploadedFile | None = None,
    today: dt.date | None = None,
) -> Filing:  # fmt: skip
    """Complete a returned filing; it goes back to formal review on the returned tracks."""
    today = _today(today)
    tracks = [t for t in filing.tracks.all() if t.state == workflow.RETURNED]
    if not tracks:
        raise ValidationError(REFUSALS["not_now"])
    for track in tracks:
        track.state = _move(track, Action.RESUBMIT, actor)
    if upload is not None:
        _new_version(filing, upload=upload, note=note or _("补正文本"), actor=actor)
    for track in tracks:
        track.formal_due_on = calendar.deadline(today, FORMAL_DAYS, "calendar")
        track.formal_overdue_on = None
        track.save()
        _record(track, "resubmit", _("制定主体补正后重新报送：%(note)s") % {"note": note}, actor)
        _notify_reviewers(track, _("文件已补正：%(title)s") % {"title": filing.title})
    return filing


def _new_version(filing: Filing, *, upload: UploadedFile, note: str, actor: User) -> None:
    text, attachment = _store_upload(filing=filing, upload=upload, actor=actor)
    filing.version += 1
    filing.text = text
    filing.save(update_fields=["version", "text"])
    FilingVersion.objects.create(filing=filing, number=filing.version, text=text,
                                 attachment=attachment, note=note[:300])  # fmt: skip
    _prereview(filing)
    if filing.is_public:
        _index(filing)


@transaction.atomic
def track_assign(*, track: Track, reviewer: User, actor: User) -> Track:
    """Start (or hand over) the substantive review with a reviewer."""
    track.state = _move(track, Action.ASSIGN, actor)
    if access.actor_for(reviewer, track) != workflow.Actor.REVIEWER:
        raise ValidationError({"reviewer": _("该人员不是本审查机关的审查人员。")})
    track.reviewer = reviewer
    track.save()
    _record(track, "assign", _("%(side)s实质审查，承办人 %(name)s。")
            % {"side": track.get_side_display(), "name": reviewer.display_name}, actor)  # fmt: skip
    if reviewer != actor:
        _notify_reviewers(track, _("请审查：%(title)s") % {"title": track.filing.title})
    return track


@transaction.atomic
def opinion_request(
    *, track: Track, kind: str, source: str, question: str, actor: User,
    expert: Expert | None = None,
) -> Opinion:  # fmt: skip
    """Ask a committee or an expert for an opinion, or open a joint consultation (会商)."""
    _move(track, Action.REQUEST_OPINION, actor)
    if kind not in Opinion.Kind.values:
        raise ValidationError({"kind": _("请选择意见类别。")})
    if kind == Opinion.Kind.EXPERT:
        if expert is None or expert.congress_id != track.filing.congress_id:
            raise ValidationError({"expert": _("请从本级专家库中选择专家。")})
        source = expert.name
    if not source.strip():
        raise ValidationError({"source": _("请填写提出意见的委员会或单位。")})
    if not question.strip():
        raise ValidationError({"question": _("请写明征询事项。")})
    opinion = Opinion.objects.create(track=track, kind=kind, source=source.strip(),
                                     expert=expert, question=question.strip(),
                                     requested_by=actor)  # fmt: skip
    _record(track, "request_opinion", _("征求%(kind)s：%(source)s")
            % {"kind": opinion.get_kind_display(), "source": opinion.source}, actor)  # fmt: skip
    if expert is not None and expert.user is not None:
        notify(expert.user, title=_("备案审查征询：%(t)s") % {"t": track.filing.title},
               body=question, kind="filings", congress=track.filing.congress)  # fmt: skip
    return opinion


@transaction.atomic
def opinion_record(*, opinion: Opinion, answer: str, actor: User) -> Opinion:
    """Record the answer to an opinion request; an expert's answer goes to their ledger."""
    track = opinion.track
    _move(track, Action.RECORD_OPINION, actor)
    if not answer.strip():
        raise ValidationError({"answer": _("请填写意见内容。")})
    opinion.answer = answer.strip()
    opinion.answered_at = timezone.now()
    opinion.save()
    if opinion.expert is not None:
        expert_ledger_record(
            expert=opinion.expert, kind=_("备案审查咨询"), url=_url(track.filing),
            summary=_("就《%(title)s》提出审查意见") % {"title": track.filing.title},
        )  # fmt: skip
    _record(track, "record_opinion", _("收到%(kind)s：%(source)s")
            % {"kind": opinion.get_kind_display(), "source": opinion.source}, actor)  # fmt: skip
    return opinion


@transaction.atomic
def finding_decide(*, finding: Finding, decision: str, actor: User, note: str = "") -> Finding:
    """Accept or dismiss a pre-review finding; the decision is kept for improving the rules."""
    if decision not in (Finding.Decision.ACCEPTED, Finding.Decision.DISMISSED):
        raise ValidationError({"decision": _("请选择确认或排除。")})
    tracks = [t for t in finding.filing.tracks.all()
              if access.actor_for(actor, t) == workflow.Actor.REVIEWER]  # fmt: skip
    if not tracks:
        raise PermissionDenied(REFUSALS["not_yours"])
    _move(tracks[0], Action.DECIDE_FINDING, actor)
    finding.decision = decision
    finding.note = note.strip()[:500]
    finding.decided_by = actor
    finding.decided_at = timezone.now()
    finding.save()
    _record(tracks[0], "decide_finding", _("预审提示（%(article)s %(category)s）：%(decision)s")
            % {"article": finding.article, "category": finding.category,
               "decision": finding.get_decision_display()}, actor,
            finding=finding.pk, rule=finding.rule, decision=decision)  # fmt: skip
    return finding


@transaction.atomic
def track_propose(
    *, track: Track, result: str, conclusion: str, legal_basis: str, sign_levels: int,
    actor: User,
) -> Track:  # fmt: skip
    """Put a draft conclusion to sign-off in 1–4 levels."""
    track.state = _move(track, Action.PROPOSE, actor)
    errors = {}
    if result not in Track.Result.values:
        errors["result"] = _("请选择审查结论。")
    if not conclusion.strip():
        errors["conclusion"] = _("请填写审查意见。")
    if result == Track.Result.PROBLEM and not legal_basis.strip():
        errors["legal_basis"] = _("发现问题的，必须写明法律依据。")
    if not 1 <= int(sign_levels) <= 4:
        errors["sign_levels"] = _("审核层级为一至四级。")
    if errors:
        raise ValidationError(errors)
    track.result, track.conclusion = result, conclusion.strip()
    track.legal_basis, track.sign_levels = legal_basis.strip(), int(sign_levels)
    track.save()
    track.signoffs.all().delete()  # a new proposal starts the sign-off afresh
    _record(track, "propose", _("提出审查意见（%(result)s），报 %(n)d 级审核。")
            % {"result": track.get_result_display(), "n": track.sign_levels}, actor)  # fmt: skip
    return track


@transaction.atomic
def track_sign(
    *, track: Track, approved: bool, actor: User, comment: str = "",
    today: dt.date | None = None,
) -> Track:  # fmt: skip
    """Sign the next level; the last level concludes the review or requests a correction."""
    level = track.signoffs.count() + 1
    if not approved:
        track.state = _move(track, Action.SEND_BACK, actor)
        if not comment.strip():
            raise ValidationError({"comment": _("退回时请写明意见。")})
        track.save()
        track.signoffs.all().delete()
        _record(track, "send_back", _("第 %(level)d 级审核退回：%(c)s")
                % {"level": level, "c": comment}, actor)  # fmt: skip
        return track
    if level < track.sign_levels:
        action = Action.SIGN
    elif track.result == Track.Result.PROBLEM:
        action = Action.SIGN_FINAL_PROBLEM
    else:
        action = Action.SIGN_FINAL
    track.state = _move(track, action, actor)
    Signoff.objects.create(track=track, level=level, signer=actor, approved=True,
                           comment=comment.strip()[:500])  # fmt: skip
    _record(track, "sign", _("第 %(level)d 级审核同意。") % {"level": level}, actor)
    if action == Action.SIGN_FINAL:
        _conclude(track, actor, _today(today))
    elif action == Action.SIGN_FINAL_PROBLEM:
        _request_correction(track, actor, _today(today))
    track.save()
    return track


def _conclude(track: Track, actor: User | None, today: dt.date) -> None:
    track.concluded_on = today
    track.save()
    _record(track, "conclude", _("%(side)s审查完结：%(result)s。")
            % {"side": track.get_side_display(), "result": track.get_result_display()},
            actor)  # fmt: skip
    if track.side == Side.CONGRESS:
        _publish(track.filing, actor)


def _request_correction(track: Track, actor: User, today: dt.date) -> Correction:
    correction = Correction.objects.create(
        track=track, request=track.conclusion, legal_basis=track.legal_basis,
        requested_on=today, due_on=calendar.deadline(today, CORRECTION_DAYS, "calendar"),
    )  # fmt: skip
    _record(track, "request_correction", _("提出纠正意见，限 %(due)s 前纠正。依据：%(basis)s")
            % {"due": correction.due_on, "basis": correction.legal_basis}, actor)  # fmt: skip
    _notify_body(track.filing, _("纠正意见：%(title)s") % {"title": track.filing.title},
                 correction.request)  # fmt: skip
    for user in track.filing.body.members.filter(is_active=True):
        reminder_schedule(
            key=f"filings:correction:{correction.pk}:{user.pk}", recipient=user,
            due_at=timezone.make_aware(dt.datetime.combine(correction.due_on, dt.time(9)))
            - dt.timedelta(days=7),
            title=_("纠正期限将到：%(title)s") % {"title": track.filing.title},
            url=_url(track.filing), congress=track.filing.congress,
        )  # fmt: skip
    return correction


@transaction.atomic
def correction_respond(
    *, correction: Correction, response: str, note: str, actor: User,
    upload: UploadedFile | None = None, today: dt.date | None = None,
) -> Correction:  # fmt: skip
    """Answer a correction request with a corrected text or the repeal of the document."""
    track = correction.track
    _move(track, Action.RESPOND, actor)
    if correction.closed_on:
        raise ValidationError(REFUSALS["not_now"])
    if response == Correction.Response.CORRECTED and upload is None:
        raise ValidationError({"file": _("请上传修改后的文件文本。")})
    if response not in Correction.Response.values:
        raise ValidationError({"response": _("请选择纠正情况。")})
    filing = track.filing
    if upload is not None:
        try:
            _new_version(filing, upload=upload, note=note or _("纠正后文本"), actor=actor)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
    filing.validity = (Validity.AMENDED if response == Correction.Response.CORRECTED
                       else Validity.REPEALED)  # fmt: skip
    filing.save(update_fields=["validity"])
    correction.response, correction.response_note = response, note.strip()
    correction.responded_on = _today(today)
    correction.save()
    for sibling in filing.tracks.all():
        for open_correction in sibling.corrections.filter(closed_on__isnull=True):
            for user in filing.body.members.all():
                reminder_cancel(f"filings:correction:{open_correction.pk}:{user.pk}")
    _record(track, "respond", _("制定主体回复纠正意见：%(r)s。%(n)s")
            % {"r": correction.get_response_display(), "n": note}, actor)  # fmt: skip
    _notify_reviewers(track, _("制定主体已回复纠正意见：%(t)s") % {"t": filing.title})
    return correction


@transaction.atomic
def track_close(*, track: Track, actor: User, today: dt.date | None = None) -> Track:
    """Close a track whose correction has been answered (销号)."""
    open_corrections = track.corrections.filter(closed_on__isnull=True)
    if open_corrections.filter(responded_on__isnull=True).exists():
        raise ValidationError(_("制定主体尚未回复纠正意见，不能销号。"))
    track.state = _move(track, Action.CLOSE, actor)
    today = _today(today)
    open_corrections.update(closed_on=today)
    _record(track, "close", _("纠正到位，予以销号。"), actor)
    _conclude(track, actor, today)
    return track


def _index(filing: Filing) -> None:
    filing.segmented = search.segment(f"{filing.title} {filing.number} {filing.text}")
    filing.save(update_fields=["segmented"])
    search.index_document(filing.pk, filing.segmented)


def _publish(filing: Filing, actor: User | None) -> None:
    """Enter a reviewed document into the public database (入库展示)."""
    if not filing.is_public:
        filing.is_public = True
        filing.public_since = timezone.now()
        filing.save(update_fields=["is_public", "public_since"])
        timeline_record(filing, verb="filings.publish", summary=_("文件入库公开。"),
                        actor=actor, public=True)  # fmt: skip
    _index(filing)


@transaction.atomic
def validity_set(*, filing: Filing, validity: str, actor: User, note: str = "") -> Filing:
    """Change the status shown in the public database (有效/已修改/已废止/失效)."""
    if not access.may_review_congress(actor, filing):
        raise PermissionDenied(REFUSALS["not_yours"])
    if validity not in Validity.values:
        raise ValidationError({"validity": _("请选择效力状态。")})
    filing.validity = validity
    filing.save(update_fields=["validity"])
    timeline_record(filing, verb="filings.validity", actor=actor, public=True,
                    summary=_("效力状态改为%(v)s。%(n)s")
                    % {"v": filing.get_validity_display(), "n": note})  # fmt: skip
    audit_record("filings.filing.validity", actor=actor, congress=filing.congress,
                 target=filing, data={"validity": validity})  # fmt: skip
    return filing
