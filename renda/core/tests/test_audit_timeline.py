"""The audit log and the case timeline keep every step and refuse to be rewritten."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from renda.core.audit import audit_record
from renda.core.models import AuditEvent, TimelineEvent
from renda.core.tests.factories import make_congress, make_user
from renda.core.timeline import timeline_for, timeline_record

pytestmark = pytest.mark.django_db


def test_audit_entry_keeps_actor_target_and_address(rf):
    user = make_user(username="lihua")
    congress = make_congress()
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="pytest")
    request.user = user
    event = audit_record("data.reveal", request=request, congress=congress, target=user)
    event.refresh_from_db()
    assert event.actor == user
    assert event.actor_label == "lihua"
    assert event.ip == "10.1.2.3"
    assert event.user_agent == "pytest"
    assert event.target_type == "core.user"
    assert event.target_id == str(user.pk)


@pytest.mark.parametrize("model", [AuditEvent, TimelineEvent])
def test_log_tables_refuse_update_and_delete(model):
    congress = make_congress()
    if model is AuditEvent:
        row = audit_record("x.test", congress=congress)
    else:
        row = timeline_record(congress, congress=congress, verb="noted", summary="记录")
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(data={"changed": True})
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.filter(pk=row.pk).delete()
    assert model.objects.filter(pk=row.pk, data={}).exists()


def test_timeline_is_ordered_and_filters_public_steps():
    congress = make_congress()
    staff = make_user(full_name="王晓梅")
    timeline_record(congress, congress=congress, verb="received", summary="已收到", public=True)
    timeline_record(
        congress, congress=congress, verb="assigned", summary="交办区住建局", actor=staff
    )
    timeline_record(congress, congress=congress, verb="replied", summary="已答复", public=True)
    other = make_congress()
    timeline_record(other, congress=other, verb="received", summary="别的案件")

    steps = list(timeline_for(congress))
    assert [s.verb for s in steps] == ["received", "assigned", "replied"]
    assert steps[1].actor_label == "王晓梅"
    assert [s.summary for s in timeline_for(congress, public_only=True)] == ["已收到", "已答复"]


@pytest.mark.django_db(transaction=True)
def test_a_deliberate_flush_wipes_the_log_and_keeps_the_guard():
    audit_record("x.before")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    row = audit_record("x.after")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).delete()
