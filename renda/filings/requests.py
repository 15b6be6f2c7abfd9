"""Review requests from the public (审查建议): received, registered, answered, counted."""

import re
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import permissions
from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.timeline import timeline_record
from renda.filings.models import Filing, ReviewRequest
from renda.filings.permissions import MANAGE

PHONE = re.compile(r"^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$")
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def review_request_submit(*, filing: Filing, name: str, phone: str, reasons: str) -> ReviewRequest:
    """Register a citizen's request that a filed document be reviewed."""
    errors = {}
    if not name.strip():
        errors["name"] = _("请填写姓名。")
    if not PHONE.match(phone.strip()):
        errors["phone"] = _("请填写正确的手机号或固定电话。")
    if len(reasons.strip()) < 10:
        errors["reasons"] = _("请写明审查建议和理由（至少 10 个字）。")
    if errors:
        raise ValidationError(errors)
    code = "".join(secrets.choice(ALPHABET) for _i in range(10))
    request = ReviewRequest.objects.create(
        congress=filing.congress, filing=filing, document_title=filing.title,
        name=name.strip()[:50], phone=phone.strip(), reasons=reasons.strip(), code=code,
    )  # fmt: skip
    timeline_record(filing, verb="filings.review_request", actor_label=_("公众"),
                    summary=_("收到公民审查建议。"))  # fmt: skip
    audit_record("filings.review_request.submit", congress=filing.congress, target=request)
    return request


@transaction.atomic
def review_request_answer(*, request: ReviewRequest, feedback: str, actor: User) -> ReviewRequest:
    """Answer a review request with the result of the examination (反馈)."""
    if not permissions.can(actor, MANAGE, request.congress):
        raise PermissionDenied(_("您不能处理该审查建议。"))
    if request.state == ReviewRequest.State.ANSWERED:
        raise ValidationError(_("该审查建议已经反馈。"))
    if not feedback.strip():
        raise ValidationError({"feedback": _("请填写反馈意见。")})
    request.feedback = feedback.strip()
    request.state = ReviewRequest.State.ANSWERED
    request.answered_at = timezone.now()
    request.save()
    audit_record("filings.review_request.answer", actor=actor, congress=request.congress,
                 target=request)  # fmt: skip
    return request
