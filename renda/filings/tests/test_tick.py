"""`renda tick` handlers of filings: each flags and tells once; a second run does nothing."""

import datetime as dt

from django.utils import timezone

from renda.core import tick as core_tick
from renda.core.models import Notification
from renda.core.timeline import timeline_for
from renda.filings import services, tick, workflow
from renda.filings.models import Correction, Side, Track

CHECKS = dict.fromkeys(services.CHECKLIST, True)
FILED = dt.date(2025, 3, 3)  # a Monday, far from public holidays


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8)))


def _tracks(filing) -> dict[str, Track]:
    return {t.side: t for t in filing.tracks.all()}


def _notices(user, text: str) -> int:
    return Notification.objects.filter(recipient=user, title__contains=text).count()


def test_the_handlers_are_registered_with_renda_tick():
    assert {"filings.filing_due", "filings.filing_overdue", "filings.review_overdue",
            "filings.correction_overdue"} <= set(core_tick._handlers)  # fmt: skip


def test_a_returned_filing_is_reminded_once_five_working_days_before_its_deadline(world):
    filing = world.file(today=FILED, published_on=FILED - dt.timedelta(days=3))
    for track in _tracks(filing).values():
        reviewer = world.staff if track.side == Side.CONGRESS else world.gov
        services.track_return(track=track, reason="缺少起草说明", actor=reviewer, today=FILED)
    due = Track.objects.filter(filing=filing).first().return_due_on
    assert due == dt.date(2025, 3, 18)
    assert tick.filing_due(at(dt.date(2025, 3, 5))) == 0  # nine working days left
    assert tick.filing_due(at(dt.date(2025, 3, 11))) == 1  # both tracks, one reminder
    assert _notices(world.filer, "请于 2025-03-18 前补正报备") == 1
    assert tick.filing_due(at(dt.date(2025, 3, 12))) == 0
    assert _notices(world.filer, "补正报备") == 1
    assert all(t.return_reminded_on == dt.date(2025, 3, 11) for t in filing.tracks.all())


def test_a_returned_filing_not_completed_in_time_is_flagged_once(world):
    filing = world.file(today=FILED, published_on=FILED - dt.timedelta(days=3))
    track = _tracks(filing)[Side.CONGRESS]
    services.track_return(track=track, reason="缺少起草说明", actor=world.staff, today=FILED)
    assert tick.filing_overdue(at(dt.date(2025, 3, 18))) == 0  # the last day is still in time
    assert tick.filing_overdue(at(dt.date(2025, 3, 19))) == 1
    assert tick.filing_overdue(at(dt.date(2025, 3, 20))) == 0
    assert _notices(world.filer, "逾期未补正报备") == 1
    assert _notices(world.staff, "逾期未补正报备") == 1
    assert Track.objects.get(pk=track.pk).return_overdue_on == dt.date(2025, 3, 19)
    assert [e.verb for e in timeline_for(filing)].count("filings.overdue_filing") == 1


def test_a_new_return_starts_the_reminders_afresh(world):
    filing = world.file(today=FILED, published_on=FILED - dt.timedelta(days=3))
    track = _tracks(filing)[Side.CONGRESS]
    services.track_return(track=track, reason="缺少起草说明", actor=world.staff, today=FILED)
    assert tick.filing_overdue(at(dt.date(2025, 3, 19))) == 1
    services.filing_resubmit(filing=filing, note="已补充", actor=world.filer,
                             today=dt.date(2025, 3, 20))  # fmt: skip
    track.refresh_from_db()
    services.track_return(track=track, reason="仍缺少", actor=world.staff,
                          today=dt.date(2025, 3, 21))  # fmt: skip
    assert tick.filing_overdue(at(dt.date(2025, 4, 30))) == 1


def test_formal_and_substantive_reviews_past_their_deadlines_are_flagged_once(world):
    filing = world.file(today=FILED, published_on=FILED - dt.timedelta(days=3))
    tracks = _tracks(filing)
    congress = tracks[Side.CONGRESS]
    assert tick.review_overdue(at(congress.formal_due_on)) == 0
    services.track_register(track=congress, checklist=CHECKS, actor=world.staff, today=FILED)
    services.track_assign(track=congress, reviewer=world.staff2, actor=world.staff)
    later = at(dt.date(2025, 3, 19))  # formal review (15 days) passed on the government side
    assert tick.review_overdue(later) == 1
    assert tick.review_overdue(later) == 0
    assert _notices(world.gov, "形式审查已超期") == 1
    assert _notices(world.staff2, "形式审查已超期") == 0  # the congress track was registered
    review_due = Track.objects.get(pk=congress.pk).review_due_on
    assert tick.review_overdue(at(review_due)) == 0
    assert tick.review_overdue(at(review_due + dt.timedelta(days=1))) == 1
    assert tick.review_overdue(at(review_due + dt.timedelta(days=2))) == 0
    assert _notices(world.staff2, "实质审查已超期") == 1  # the assigned reviewer only
    assert _notices(world.staff, "实质审查已超期") == 0
    assert Track.objects.get(pk=congress.pk).review_overdue_on == review_due + dt.timedelta(1)


def _correcting(world) -> Correction:
    filing = world.file(today=FILED, published_on=FILED - dt.timedelta(days=3))
    track = _tracks(filing)[Side.CONGRESS]
    services.track_register(track=track, checklist=CHECKS, actor=world.staff, today=FILED)
    services.track_assign(track=track, reviewer=world.staff, actor=world.staff)
    services.track_propose(track=track, result="problem", conclusion="第三条设定罚款，超越权限。",
                           legal_basis="《中华人民共和国行政处罚法》第十六条", sign_levels=1,
                           actor=world.staff)  # fmt: skip
    services.track_sign(track=track, approved=True, actor=world.staff, today=FILED)
    return Correction.objects.get(track=track)


def test_a_correction_past_its_deadline_is_flagged_and_told_once(world):
    correction = _correcting(world)
    assert tick.correction_overdue(at(correction.due_on)) == 0
    after = at(correction.due_on + dt.timedelta(days=1))
    assert tick.correction_overdue(after) == 1
    assert tick.correction_overdue(after + dt.timedelta(days=3)) == 0
    assert _notices(world.filer, "纠正逾期") == 1
    assert _notices(world.staff, "纠正逾期") == 1
    correction.refresh_from_db()
    assert correction.overdue_on == correction.due_on + dt.timedelta(days=1)
    assert Track.objects.get(pk=correction.track_id).state == workflow.CORRECTING


def test_an_answered_correction_is_not_flagged(world):
    correction = _correcting(world)
    services.correction_respond(correction=correction, response="repealed", note="已废止",
                                actor=world.filer, today=FILED)  # fmt: skip
    assert tick.correction_overdue(at(correction.due_on + dt.timedelta(days=1))) == 0
    assert _notices(world.filer, "纠正逾期") == 0
