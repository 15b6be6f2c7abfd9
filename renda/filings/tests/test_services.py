"""The services on the database: filing, both tracks, findings, corrections, publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import AuditEvent, Notification
from renda.core.timeline import timeline_for
from renda.directory.models import Expert, ExpertLedgerEntry
from renda.filings import search, services, workflow
from renda.filings.models import Filing, Finding, Opinion, Side, Track, Validity
from renda.filings.tests.factories import CLEAN_TEXT, upload

CHECKS = dict.fromkeys(services.CHECKLIST, True)


def _tracks(filing):
    return {t.side: t for t in filing.tracks.all()}


def test_one_filing_reaches_both_reviewers_with_its_own_track(world):
    filing = world.file()
    tracks = _tracks(filing)
    assert set(tracks) == {Side.CONGRESS, Side.GOVERNMENT}
    assert {t.state for t in tracks.values()} == {workflow.SUBMITTED}
    assert filing.gov_reviewer == world.reviewer_org and filing.congress == world.congress
    assert Notification.objects.filter(recipient=world.gov, kind="filings").exists()
    assert Notification.objects.filter(recipient=world.staff, kind="filings").exists()
    assert "农贸市场" in filing.text and filing.versions.count() == 1


def test_filing_after_thirty_days_is_flagged_late(world):
    today = dt.date(2025, 6, 30)
    late = world.file(published_on=dt.date(2025, 5, 1), today=today)
    on_time = world.file(
        published_on=dt.date(2025, 6, 1), today=today, number="清市监规〔2025〕2号"
    )
    # 30 days after 1 May is 31 May, the Dragon Boat holiday (31 May–2 June): due on 3 June.
    assert late.is_late and late.due_on == dt.date(2025, 6, 3)
    assert not on_time.is_late


def test_prereview_runs_on_every_filing_and_flags_the_penalty_clause(world):
    filing = world.file()
    findings = list(filing.findings.all())
    assert [f.category for f in findings] == ["penalty"]
    assert "处五千元罚款" in filing.text[findings[0].start : findings[0].end]


def test_only_members_of_the_body_may_file(world):
    with pytest.raises(PermissionDenied):
        services.filing_submit(body=world.body, title="x", number="1", legality_opinion="合法",
                               published_on=dt.date.today(), upload=upload(),
                               actor=world.other_filer)  # fmt: skip


def test_missing_fields_are_refused_in_chinese_at_the_field(world):
    world.file()
    with pytest.raises(ValidationError) as error:
        services.filing_submit(body=world.body, title="", number="清市监规〔2025〕1号",
                               published_on=dt.date.today() + dt.timedelta(days=2),
                               upload=upload(), actor=world.filer)  # fmt: skip
    errors = error.value.message_dict
    assert errors["title"] == ["请填写文件标题。"]
    assert errors["number"] == ["该文号的文件已经报备过。"]
    assert "published_on" in errors and "legality_opinion" in errors


def test_a_file_that_is_not_a_document_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("a.docx", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(ValidationError) as error:
        services.filing_submit(
            body=world.body, title="t", number="n", legality_opinion="合法",
            published_on=dt.date.today(), upload=png, actor=world.filer,
        )  # fmt: skip
    assert "file" in error.value.message_dict


def test_formal_review_with_a_missing_item_is_refused_then_returned_and_resubmitted(world):
    filing = world.file()
    track = _tracks(filing)[Side.CONGRESS]
    with pytest.raises(ValidationError):
        services.track_register(
            track=track, checklist={**CHECKS, "notes": False}, actor=world.staff
        )
    track.refresh_from_db()
    services.track_return(track=track, reason="缺少起草说明", actor=world.staff)
    assert Track.objects.get(pk=track.pk).state == workflow.RETURNED
    services.filing_resubmit(filing=filing, note="已补充", actor=world.filer, upload=upload())
    track.refresh_from_db()
    assert track.state == workflow.SUBMITTED
    assert Filing.objects.get(pk=filing.pk).version == 2


def test_the_government_reviewer_cannot_act_on_the_congress_track(world):
    filing = world.file()
    tracks = _tracks(filing)
    with pytest.raises(PermissionDenied):
        services.track_register(track=tracks[Side.CONGRESS], checklist=CHECKS, actor=world.gov)
    services.track_register(track=tracks[Side.GOVERNMENT], checklist=CHECKS, actor=world.gov)
    assert Track.objects.get(pk=tracks[Side.GOVERNMENT].pk).receipt_number.startswith("ZF")
    assert Track.objects.get(pk=tracks[Side.CONGRESS].pk).state == workflow.SUBMITTED


def _to_review(world, filing):
    track = _tracks(filing)[Side.CONGRESS]
    services.track_register(track=track, checklist=CHECKS, actor=world.staff)
    services.track_assign(track=track, reviewer=world.staff, actor=world.staff)
    return Track.objects.get(pk=track.pk)


def test_full_review_with_correction_until_closed_and_published(world):
    filing = world.file()
    track = _to_review(world, filing)
    finding = filing.findings.get()
    services.finding_decide(finding=finding, decision="accepted", note="无上位法依据",
                            actor=world.staff)  # fmt: skip
    expert = Expert.objects.create(congress=world.congress, name="孙立", field="法学",
                                   appointed_on=dt.date(2024, 1, 1))  # fmt: skip
    opinion = services.opinion_request(track=track, kind=Opinion.Kind.EXPERT, source="",
                                       question="罚款是否有依据？", expert=expert,
                                       actor=world.staff)  # fmt: skip
    services.opinion_record(opinion=opinion, answer="无上位法依据，应当纠正。", actor=world.staff)
    assert ExpertLedgerEntry.objects.filter(expert=expert).count() == 1
    services.opinion_request(track=track, kind=Opinion.Kind.CONSULTATION, source="区司法局",
                             question="会商", actor=world.staff)  # fmt: skip
    services.track_propose(track=track, result="problem", conclusion="第三条设定罚款，超越权限。",
                           legal_basis="《中华人民共和国行政处罚法》第十六条", sign_levels=2,
                           actor=world.staff)  # fmt: skip
    services.track_sign(track=track, approved=True, actor=world.staff)
    assert Track.objects.get(pk=track.pk).state == workflow.SIGNING
    services.track_sign(track=track, approved=True, actor=world.staff2)
    track.refresh_from_db()
    assert track.state == workflow.CORRECTING
    correction = track.corrections.get()
    with pytest.raises(ValidationError):
        services.track_close(track=track, actor=world.staff)
    services.correction_respond(correction=correction, response="corrected", note="已删除罚款",
                                upload=upload(CLEAN_TEXT), actor=world.filer)  # fmt: skip
    services.track_close(track=track, actor=world.staff)
    filing.refresh_from_db()
    assert Track.objects.get(pk=track.pk).state == workflow.CLOSED
    assert filing.is_public and filing.version == 2 and filing.validity == Validity.AMENDED
    assert not filing.findings.filter(version=2).exists()
    assert Finding.objects.get(pk=finding.pk).decision == "accepted"  # the decision is kept
    ids, total, _ = search.search(Filing.objects.filter(is_public=True), "农贸市场")
    assert ids == [filing.pk] and total == 1
    verbs = [e.verb for e in timeline_for(filing)]
    assert "filings.request_correction" in verbs and "filings.publish" in verbs
    assert AuditEvent.objects.filter(action="filings.track.close", target_id=str(track.pk)).exists()


def test_problem_conclusion_needs_a_legal_basis(world):
    track = _to_review(world, world.file())
    with pytest.raises(ValidationError) as error:
        services.track_propose(track=track, result="problem", conclusion="有问题", legal_basis="",
                               sign_levels=1, actor=world.staff)  # fmt: skip
    assert error.value.message_dict["legal_basis"] == ["发现问题的，必须写明法律依据。"]


def test_send_back_returns_to_the_reviewer_and_clears_signatures(world):
    track = _to_review(world, world.file())
    services.track_propose(track=track, result="no_problem", conclusion="未发现问题",
                           legal_basis="", sign_levels=4, actor=world.staff)  # fmt: skip
    services.track_sign(track=track, approved=True, actor=world.staff)
    services.track_sign(track=track, approved=False, comment="请补充理由", actor=world.staff2)
    track.refresh_from_db()
    assert track.state == workflow.REVIEWING and track.signoffs.count() == 0


def test_no_problem_after_the_last_level_publishes(world):
    filing = world.file()
    track = _to_review(world, filing)
    services.track_propose(track=track, result="no_problem", conclusion="未发现问题",
                           legal_basis="", sign_levels=1, actor=world.staff)  # fmt: skip
    services.track_sign(track=track, approved=True, actor=world.staff)
    filing.refresh_from_db()
    assert filing.is_public and Track.objects.get(pk=track.pk).concluded_on is not None


def test_outsiders_cannot_decide_findings(world):
    filing = world.file()
    _to_review(world, filing)
    with pytest.raises(PermissionDenied):
        services.finding_decide(finding=filing.findings.get(), decision="accepted",
                                actor=world.outsider)  # fmt: skip
