"""The writing services on the database: the whole cycle, refusals, conflicts, deadlines."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import calendar
from renda.core.models import AuditEvent, Notification, Reminder
from renda.core.timeline import timeline_for
from renda.suggestions import handling, services
from renda.suggestions.models import (
    Commitment,
    Cosigner,
    ReassignRequest,
    State,
    Suggestion,
    SuggestionSettings,
)
from renda.suggestions.tests.conftest import assigned, submitted

pytestmark = pytest.mark.django_db


def test_full_cycle_unsatisfied_then_rehandled_then_satisfied(world):
    suggestion = assigned(world)
    assert suggestion.state == State.ASSIGNED
    handling.reply_submit(
        suggestion=suggestion, result_class="C", body="因用地条件限制，暂无法设站。",
        actor=world.unit_user,
    )  # fmt: skip
    handling.suggestion_evaluate(
        suggestion=suggestion, verdict="unsatisfied", reason="未实地调研", actor=world.deputy
    )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.round) == (State.REHANDLING, 2)
    assert suggestion.first_verdict == "unsatisfied"
    handling.reply_submit(
        suggestion=suggestion, result_class="A", body="已增设站点。", actor=world.unit_user
    )
    handling.suggestion_evaluate(suggestion=suggestion, verdict="satisfied", actor=world.deputy)
    suggestion.refresh_from_db()
    assert suggestion.state == State.CLOSED
    assert (suggestion.verdict, suggestion.first_verdict) == ("satisfied", "unsatisfied")
    assert list(suggestion.replies.values_list("round", "result_class")) == [(1, "C"), (2, "A")]
    assert list(suggestion.evaluations.values_list("round", "verdict")) == [
        (1, "unsatisfied"),
        (2, "satisfied"),
    ]
    verbs = [e.verb for e in timeline_for(suggestion)]
    assert verbs[:5] == ["draft", "submit", "register", "assign", "reply"]
    assert verbs.count("reply") == 2 and "rehandle" in verbs
    assert AuditEvent.objects.filter(action="suggestion.evaluate").count() == 2
    # the deputy heard of every change of state
    titles = list(
        Notification.objects.filter(recipient=world.deputy).values_list("title", flat=True)
    )
    assert any("已立案" in t for t in titles) and any("已答复" in t for t in titles)


def test_registration_numbers_run_per_year(world):
    first = services.suggestion_register(suggestion=submitted(world), actor=world.staff)
    second = services.suggestion_register(suggestion=submitted(world, "二"), actor=world.staff)
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"{year}-0001", f"{year}-0002")


def test_refused_transition_changes_nothing(world):
    suggestion = submitted(world)
    with pytest.raises(ValidationError, match="无权"):
        services.suggestion_register(suggestion=suggestion, actor=world.deputy)
    with pytest.raises(ValidationError, match="不能"):
        handling.reply_submit(
            suggestion=suggestion, result_class="A", body="x", actor=world.unit_user
        )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.version, suggestion.number) == (State.SUBMITTED, 2, "")


def test_second_staff_with_a_stale_version_gets_a_conflict(world):
    suggestion = submitted(world)
    version = suggestion.version
    services.suggestion_register(suggestion=suggestion, actor=world.staff, version=version)
    with pytest.raises(services.Conflict, match="已被他人处理"):
        services.suggestion_decline(
            suggestion=suggestion, reason="重复", actor=world.staff, version=version
        )
    suggestion.refresh_from_db()
    assert suggestion.state == State.REGISTERED and suggestion.decline_reason == ""


def test_decline_needs_a_reason_and_keeps_it(world):
    suggestion = submitted(world)
    with pytest.raises(ValidationError) as error:
        services.suggestion_decline(suggestion=suggestion, reason=" ", actor=world.staff)
    assert error.value.message_dict == {"reason": ["请填写不予立案的理由。"]}
    services.suggestion_decline(suggestion=suggestion, reason="属于工作意见", actor=world.staff)
    suggestion.refresh_from_db()
    assert suggestion.state == State.REFERENCE and suggestion.decline_reason == "属于工作意见"


def test_default_deadline_is_three_months_or_six_for_complex_and_configurable(world):
    today = timezone.localdate()
    suggestion = assigned(world)
    assert suggestion.due_on == calendar.deadline(today, 3, "months")
    complex_one = services.suggestion_register(
        suggestion=submitted(world, "复杂"), is_complex=True, actor=world.staff
    )
    complex_one = services.suggestion_assign(
        suggestion=complex_one, lead_unit=world.unit, task="t", actor=world.staff
    )
    assert complex_one.due_on == calendar.deadline(today, 6, "months")
    SuggestionSettings.objects.filter(congress=world.congress).update(reply_months=2)
    third = services.suggestion_register(suggestion=submitted(world, "三"), actor=world.staff)
    third = services.suggestion_assign(
        suggestion=third, lead_unit=world.unit, task="t", actor=world.staff
    )
    assert third.due_on == calendar.deadline(today, 2, "months")
    assert Reminder.objects.filter(key__startswith=f"suggestion:{third.pk}:").count() == 1


def test_assign_refuses_units_of_another_congress_and_missing_task(world):
    suggestion = services.suggestion_register(suggestion=submitted(world), actor=world.staff)
    with pytest.raises(ValidationError) as error:
        services.suggestion_assign(
            suggestion=suggestion, lead_unit=world.unit, co_units=[world.unit], task="",
            actor=world.staff,
        )  # fmt: skip
    assert "co_units" in error.value.message_dict


def test_cosigners_invited_and_signing(world):
    draft = services.suggestion_draft(
        congress=world.congress, title="t", body="b", actor=world.deputy
    )
    services.suggestion_invite(
        suggestion=draft, users=[world.deputy2], kind="joint", actor=world.deputy
    )
    assert Notification.objects.filter(recipient=world.deputy2, title__contains="邀请").exists()
    services.suggestion_cosign(suggestion=draft, kind="joint", actor=world.deputy2)
    assert Cosigner.objects.get(suggestion=draft).signed_at is not None
    with pytest.raises(ValidationError):
        services.suggestion_cosign(suggestion=draft, kind="joint", actor=world.outsider)
    with pytest.raises(ValidationError):
        services.suggestion_invite(
            suggestion=draft, users=[world.outsider], kind="joint", actor=world.deputy
        )


def test_split_and_merge(world):
    suggestion = services.suggestion_register(suggestion=submitted(world), actor=world.staff)
    parts = services.suggestion_split(
        suggestion=suggestion, parts=[("公交站点", "a"), ("道路照明", "b")], actor=world.staff
    )
    assert [p.title for p in parts] == ["公交站点", "道路照明"]
    assert parts[1].number and parts[1].split_from == suggestion
    other = submitted(world, "同一事项")
    services.suggestion_merge(suggestion=other, into=parts[1], actor=world.staff)
    other.refresh_from_db()
    assert other.state == State.MERGED and other.merged_into == parts[1]


def test_reassignment_requested_by_unit_and_approved_by_staff(world):
    suggestion = assigned(world)
    with pytest.raises(ValidationError):
        handling.reassign_request(suggestion=suggestion, reason="x", actor=world.other_user)
    request = handling.reassign_request(
        suggestion=suggestion, reason="不属于本单位职责", actor=world.unit_user
    )
    handling.reassign_decide(
        request=request, approve=True, new_lead_unit=world.other_unit, actor=world.staff
    )
    suggestion.refresh_from_db()
    request.refresh_from_db()
    assert suggestion.lead_unit == world.other_unit
    assert request.decision == ReassignRequest.Decision.APPROVED
    assert not suggestion.co_units.exists()  # the former co-unit now leads


def test_b_class_needs_commitments_followed_until_kept(world):
    suggestion = assigned(world)
    with pytest.raises(ValidationError) as error:
        handling.reply_submit(
            suggestion=suggestion, result_class="B", body="列入计划", actor=world.unit_user
        )
    assert "commitments" in error.value.message_dict
    due = timezone.localdate() + dt.timedelta(days=30)
    handling.reply_submit(
        suggestion=suggestion, result_class="B", body="列入计划",
        commitments=[("年底前完成设站", due)], actor=world.unit_user,
    )  # fmt: skip
    commitment = Commitment.objects.get()
    handling.commitment_keep(commitment=commitment, kept_on=timezone.localdate(), actor=world.staff)
    commitment.refresh_from_db()
    assert commitment.kept_on == timezone.localdate()


def test_supervision_team_and_activities_on_the_timeline(world):
    suggestion = assigned(world)
    handling.suggestion_supervise(
        suggestion=suggestion, plan="每季度调度一次",
        members=[("gov_leader", "副区长 李明"), ("deputy_affairs", "代表工委")],
        actor=world.staff,
    )  # fmt: skip
    handling.activity_record(
        suggestion=suggestion, kind="talk", held_on=timezone.localdate(),
        summary="与代表面商", actor=world.staff,
    )  # fmt: skip
    suggestion.refresh_from_db()
    assert suggestion.is_key and suggestion.supervisors.count() == 2
    summaries = [e.summary for e in timeline_for(suggestion)]
    assert any("面商：与代表面商" in s for s in summaries)


def test_draft_from_message_keeps_the_link(world):
    from renda.directory.models import Deputy

    deputy = Deputy.objects.get(user=world.deputy)
    suggestion = services.suggestion_draft_from_message(
        deputy=deputy, title="群众反映路灯不亮", body="文昌路路灯长期不亮。",
        source_label="留言 QH-2026-0001", source_url="/m/track/ABC/", actor=world.deputy,
    )  # fmt: skip
    assert suggestion.state == State.DRAFT and suggestion.author == world.deputy
    assert suggestion.source_url == "/m/track/ABC/"
    assert timeline_for(suggestion).get().verb == "draft"
    assert Suggestion.objects.count() == 1


def test_quarter_round_results_reach_the_timeline(world):
    suggestion = assigned(world)
    quarter_round = handling.quarter_round_create(
        congress=world.congress, year=2026, quarter=2, kind="inquiry", title="二季度询问",
        scheduled_on=timezone.localdate(), suggestions=[suggestion], actor=world.staff,
    )  # fmt: skip
    handling.quarter_round_finish(
        quarter_round=quarter_round, result="进度正常", done_on=timezone.localdate(),
        actor=world.staff,
    )  # fmt: skip
    assert any("季询问结果：进度正常" in e.summary for e in timeline_for(suggestion))
    with pytest.raises(ValidationError):
        handling.quarter_round_create(
            congress=world.congress, year=2026, quarter=5, kind="x", title="",
            scheduled_on=timezone.localdate(), suggestions=[], actor=world.deputy,
        )  # fmt: skip
