"""Specific questions put to experts, and their answers (recorded in the expert's ledger)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.notices import notify
from renda.core.timeline import timeline_record
from renda.directory.models import Expert
from renda.directory.services import expert_ledger_record
from renda.legislation import workflow
from renda.legislation.models import Article, Consultation, ExpertQuestion
from renda.legislation.services import _staff, actor_kind, check


@transaction.atomic
def expert_question_ask(
    *,
    consultation: Consultation,
    expert: Expert,
    question: str,
    article: Article | None = None,
    actor: User,
) -> ExpertQuestion:
    """Put a specific question to an expert and notify them."""
    _staff(consultation, "ask_expert", actor)
    if expert.congress_id != consultation.congress_id or expert.status != Expert.Status.ACTIVE:
        raise ValidationError({"expert": _("请选择本级在库专家。")})
    if not question.strip():
        raise ValidationError({"question": _("请填写问题。")})
    asked = ExpertQuestion.objects.create(
        consultation=consultation,
        expert=expert,
        article=article,
        question=question.strip(),
        asked_by=actor,
    )
    if expert.user_id:
        notify(
            expert.user,
            title=_("专家咨询：《%(t)s》") % {"t": consultation.title},
            body=question.strip()[:200],
            url=f"/legislation/portal/{consultation.pk}/",
            kind="legislation.expert_question",
            congress=consultation.congress,
            channels=("inbox", "email"),
        )
    audit_record(
        "legislation.expert_question.ask",
        actor=actor,
        congress=consultation.congress,
        target=asked,
    )
    timeline_record(
        consultation,
        verb="ask_expert",
        summary=_("向专家%(n)s咨询") % {"n": expert.name},
        actor=actor,
    )
    return asked


@transaction.atomic
def expert_question_answer(*, question: ExpertQuestion, answer: str, actor: User) -> ExpertQuestion:
    """Record the expert's answer, in the consultation and in the expert's ledger."""
    consultation = question.consultation
    check(consultation, "answer", actor_kind(actor, consultation, workflow.EXPERT))
    if question.expert.user_id != actor.pk:
        raise PermissionDenied(_("这个问题不是向您提出的。"))
    if not answer.strip():
        raise ValidationError({"answer": _("请填写解答。")})
    question.answer = answer.strip()
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    expert_ledger_record(
        expert=question.expert,
        kind="立法咨询",
        summary=f"解答《{consultation.title}》咨询：{question.question}"[:500],
        url=f"/legislation/{consultation.pk}/",
    )
    audit_record(
        "legislation.expert_question.answer",
        actor=actor,
        congress=consultation.congress,
        target=question,
    )
    timeline_record(
        consultation,
        verb="answer",
        summary=_("专家%(n)s作出解答") % {"n": question.expert.name},
        actor=actor,
    )
    return question
