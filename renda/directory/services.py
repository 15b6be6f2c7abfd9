"""The only code that changes the directory; every change is audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import User
from renda.directory import validators
from renda.directory.models import Deputy, Expert, ExpertLedgerEntry, Station

PERSONAL_FIELDS = {"phone", "id_number"}


def _prepare(instance: models.Model) -> None:
    """Fill derived fields and normal forms before validation."""
    if isinstance(instance, Deputy | Station) and not instance.public_code:
        instance.public_code = validators.new_public_code()
    if isinstance(instance, Deputy):
        instance.name = instance.name.strip()
        instance.name_initials = validators.name_initials(instance.name)
        instance.name_pinyin = validators.name_pinyin(instance.name)
        instance.id_number = validators.normalize_id_number(instance.id_number)
    if hasattr(instance, "phone") and not isinstance(instance, Station):
        instance.phone = validators.normalize_phone(instance.phone)


def check_personal(instance: models.Model) -> dict[str, str]:
    """Return field errors in Chinese for malformed phone numbers and ID numbers."""
    errors = {}
    phone = getattr(instance, "phone", "")
    if phone and not isinstance(instance, Station) and not validators.is_phone(phone):
        errors["phone"] = _("手机号格式不正确：%(value)s") % {"value": phone}
    id_number = getattr(instance, "id_number", "")
    if id_number and not validators.is_id_number(id_number):
        errors["id_number"] = _("身份证号不正确（18位，末位校验码须正确）。")
    return errors


def duplicate_of(deputy: Deputy) -> Deputy | None:
    """Return an existing deputy with the same ID number, or the same name and phone."""
    others = Deputy.objects.filter(congress=deputy.congress).exclude(pk=deputy.pk)
    if deputy.id_number:
        match = others.filter(id_number=deputy.id_number).first()
        if match:
            return match
    if deputy.phone:
        return others.filter(name=deputy.name, phone=deputy.phone).first()
    return None


@transaction.atomic
def entry_save(*, instance: models.Model, actor: User | None, changed: list[str] | None = None):
    """Validate and save a directory record (create or update), and audit it."""
    creating = instance.pk is None
    _prepare(instance)
    errors = check_personal(instance)
    if isinstance(instance, Deputy) and (match := duplicate_of(instance)):
        errors.setdefault(
            "id_number" if instance.id_number == match.id_number else "phone",
            _("与已有代表“%(name)s”重复（身份证号或姓名+手机号相同）。") % {"name": match.name},
        )
    if errors:
        raise ValidationError(errors)
    instance.full_clean(exclude=["public_code"] if creating else None)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(_("与已有记录重复。")) from exc
    model = instance._meta.model_name
    audit_record(
        f"directory.{model}.{'create' if creating else 'update'}",
        actor=actor,
        congress=instance.congress if hasattr(instance, "congress") else None,
        target=instance,
        # Field names only: personal values never enter the audit log.
        data={"fields": sorted(set(changed or []))},
    )
    return instance


def personal_reveal(
    *, instance: models.Model, field: str, actor: User, request: HttpRequest | None = None
) -> str:
    """Return a personal field in clear and log who saw it."""
    if field not in PERSONAL_FIELDS:
        raise ValueError(field)
    audit_record(
        "personal_data.reveal",
        actor=actor,
        request=request,
        congress=getattr(instance, "congress", None),
        target=instance,
        data={"field": field},
    )
    return getattr(instance, field)


@transaction.atomic
def expert_dismiss(*, expert: Expert, reason: str, actor: User, on=None) -> Expert:
    """Dismiss an expert from the pool, keeping the record and its ledger."""
    if expert.status == Expert.Status.DISMISSED:
        raise ValidationError(_("该专家已经解聘。"))
    expert.status = Expert.Status.DISMISSED
    expert.dismissed_on = on or timezone.localdate()
    expert.dismissal_reason = reason
    expert.save()
    audit_record(
        "directory.expert.dismiss", actor=actor, congress=expert.congress, target=expert,
        data={"reason": reason},
    )  # fmt: skip
    return expert


def expert_ledger_record(*, expert: Expert, kind: str, summary: str, url: str = ""):
    """Add a piece of work to an expert's ledger (called by the modules that consult experts)."""
    return ExpertLedgerEntry.objects.create(
        expert=expert, kind=kind, summary=summary[:500], url=url
    )
