"""`renda tick`: close consultations whose window has ended (idempotent)."""

import datetime as dt

from django.utils import timezone

from renda.core.tick import register
from renda.legislation import services
from renda.legislation.models import Consultation


@register("legislation.close_due")
def close_due(now: dt.datetime) -> int:
    """Close every open consultation whose closing date is before today."""
    today = timezone.localdate(now)
    due = Consultation.objects.filter(state=Consultation.State.OPEN, closes_on__lt=today)
    closed = 0
    for consultation in due.select_related("congress"):
        services.consultation_close(consultation=consultation, actor=None)
        closed += 1
    return closed
