"""Due and overdue handlers of the filings module, run by `renda tick`.

Each handler claims a row with a conditional UPDATE of its date field (set once, cleared by the
service that restarts the deadline), so a second run, or two runners at once, send nothing more.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import calendar, notices
from renda.core.models import User
from renda.core.tick import register
from renda.filings import access, services, workflow
from renda.filings.models import Correction, Track

REMIND_WORKDAYS = 5  # remind a filing body this many working days before its filing deadline
IN_REVIEW = (workflow.REGISTERED, workflow.REVIEWING, workflow.SIGNING)


def _tell(users: Iterable[User], track: Track, title: str, body: str = "") -> None:
    filing = track.filing
    for user in users:
        notices.notify(
            user, title=title, body=body, url=services._url(filing), kind="filings",
            congress=filing.congress, channels=(notices.INBOX, notices.SMS),
        )  # fmt: skip


def _body_members(track: Track) -> QuerySet[User]:
    return track.filing.body.members.filter(is_active=True)


def _claim(rows: QuerySet, pk: int, field: str, today: dt.date) -> bool:
    """Set `field` to today on row `pk` if nobody has; return whether this run did."""
    return bool(rows.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: today}))


def _track(pk: int) -> Track:
    return Track.objects.select_related(
        "filing__body", "filing__congress", "filing__gov_reviewer"
    ).get(pk=pk)


@register("filings.filing_due")
def filing_due(now: dt.datetime) -> int:
    """Remind a body once, 5 working days ahead, to complete a returned (unfiled) filing."""
    today = timezone.localtime(now).date()
    candidates = Track.objects.filter(
        state=workflow.RETURNED, return_reminded_on__isnull=True, return_due_on__gte=today,
        return_due_on__lte=today + dt.timedelta(days=3 * REMIND_WORKDAYS),
    ).values_list("pk", "filing_id", "return_due_on")  # fmt: skip
    count, reminded_filings = 0, set()
    for pk, filing_id, due in list(candidates):
        if calendar.workdays_left(today, due) > REMIND_WORKDAYS:
            continue
        with transaction.atomic():
            if not _claim(Track.objects, pk, "return_reminded_on", today):
                continue
            if filing_id in reminded_filings:  # both tracks returned: one reminder per filing
                continue
            reminded_filings.add(filing_id)
            track = _track(pk)
            title = _("请于 %(due)s 前补正报备：%(title)s") % {
                "due": due, "title": track.filing.title}  # fmt: skip
            _tell(_body_members(track), track, title, track.return_reason)
            count += 1
    return count


@register("filings.filing_overdue")
def filing_overdue(now: dt.datetime) -> int:
    """Flag returned filings not completed by their deadline; tell the body and reviewers once."""
    today = timezone.localtime(now).date()
    late = Track.objects.filter(
        state=workflow.RETURNED, return_due_on__lt=today, return_overdue_on__isnull=True
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(late):
        with transaction.atomic():
            if not _claim(Track.objects, pk, "return_overdue_on", today):
                continue
            track = _track(pk)
            filing = track.filing
            summary = _("%(side)s：逾期未补正报备（补正期限 %(due)s）。") % {
                "side": track.get_side_display(), "due": track.return_due_on}  # fmt: skip
            services._record(track, "overdue_filing", summary, None)
            title = _("逾期未补正报备：%(title)s") % {"title": filing.title}
            _tell(_body_members(track), track, title, summary)
            _tell(access.reviewers_of(track), track, title, summary)
            count += 1
    return count


@register("filings.review_overdue")
def review_overdue(now: dt.datetime) -> int:
    """Flag tracks past their formal (15 days) or substantive review deadline; tell reviewers."""
    today = timezone.localtime(now).date()
    count = 0
    for field, rows, label in (
        ("formal_overdue_on", Track.objects.filter(
            state=workflow.SUBMITTED, formal_due_on__lt=today), _("形式审查")),
        ("review_overdue_on", Track.objects.filter(
            state__in=IN_REVIEW, review_due_on__lt=today), _("实质审查")),
    ):  # fmt: skip
        due = rows.filter(**{f"{field}__isnull": True}).values_list("pk", flat=True)
        for pk in list(due):
            with transaction.atomic():
                if not _claim(Track.objects, pk, field, today):
                    continue
                track = _track(pk)
                deadline = track.formal_due_on if field == "formal_overdue_on" else (
                    track.review_due_on)  # fmt: skip
                summary = _("%(side)s%(stage)s超过期限（%(due)s）。") % {
                    "side": track.get_side_display(), "stage": label, "due": deadline}  # fmt: skip
                services._record(track, "overdue_review", summary, None, stage=field)
                title = _("%(stage)s已超期：%(title)s") % {
                    "stage": label, "title": track.filing.title}  # fmt: skip
                _tell(access.reviewers_of(track), track, title, summary)
                count += 1
    return count


@register("filings.correction_overdue")
def correction_overdue(now: dt.datetime) -> int:
    """Flag corrections not answered by their deadline; tell the body and the reviewers once."""
    today = timezone.localtime(now).date()
    late = Correction.objects.filter(
        closed_on__isnull=True, responded_on__isnull=True, due_on__lt=today,
        overdue_on__isnull=True,
    ).values_list("pk", flat=True)  # fmt: skip
    count = 0
    for pk in list(late):
        with transaction.atomic():
            if not _claim(Correction.objects, pk, "overdue_on", today):
                continue
            correction = Correction.objects.select_related("track").get(pk=pk)
            track = _track(correction.track_id)
            summary = _("纠正期限（%(due)s）已过，制定主体尚未纠正。") % {"due": correction.due_on}
            services._record(track, "overdue_correction", summary, None, correction=pk)
            title = _("纠正逾期：%(title)s") % {"title": track.filing.title}
            _tell(_body_members(track), track, title, correction.request)
            _tell(access.reviewers_of(track), track, title, summary)
            count += 1
    return count
