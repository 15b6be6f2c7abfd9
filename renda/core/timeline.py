"""Record and read the steps of a case; every module's case pages show them in order."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from renda.core.models import Congress, TimelineEvent, User


def timeline_record(
    subject: models.Model,
    *,
    verb: str,
    summary: str,
    actor: User | None = None,
    actor_label: str = "",
    congress: Congress | None = None,
    public: bool = False,
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    """Add a step to `subject`'s timeline; `public` steps are shown to the citizen too."""
    congress = congress or subject.congress
    return TimelineEvent.objects.create(
        congress=congress,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        actor=actor,
        actor_label=actor_label or (actor.display_name if actor else ""),
        verb=verb,
        summary=summary[:500],
        data=data or {},
        is_public=public,
    )


def timeline_for(subject: models.Model, *, public_only: bool = False) -> QuerySet[TimelineEvent]:
    """Return `subject`'s steps, oldest first."""
    events = TimelineEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).select_related("actor")
    return events.filter(is_public=True) if public_only else events
