"""Submitting, handling and rating messages through the services, on the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.channel import selectors, services, tick
from renda.channel.models import Message, TimeLimit
from renda.channel.workflow import Side, State
from renda.core import calendar, memo
from renda.core.models import Attachment, AuditEvent, Notification
from renda.core.sms import MemorySmsBackend
from renda.core.timeline import timeline_for, timeline_record
from renda.directory.models import Deputy

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def submit(world, **kwargs):
    values = {
        "recipient_code": world.deputy.public_code,
        "kind": "help",
        "content": "楼道灯坏了一个多月，请帮忙修理。",
        **kwargs,
    }
    return services.message_submit(**values)


def test_a_message_is_stored_with_a_due_date_and_its_receipt_is_its_first_step(world):
    message, created = submit(world, phone="138 1234 5678", name="李阿姨")
    assert created and message.state == State.RECEIVED
    assert message.phone == "13812345678"
    due = calendar.deadline(timezone.localdate(), 10, "working")
    assert message.due_on == message.first_due_on == due
    [step] = selectors.steps(message, public_only=True)
    assert step.verb == "received" and step.at == message.received_at
    assert f"{world.deputy.name}将在 {due.isoformat()} 前答复" in step.summary
    assert not timeline_for(message).exists()  # the receipt is the message row itself


def test_the_deputy_is_told_by_the_minute_digest_once(world):
    first, _ = submit(world)
    assert not Notification.objects.filter(kind="channel.new").exists()
    assert tick.tell_recipients(timezone.now()) == 1
    [notice] = Notification.objects.filter(recipient=world.deputy_user, kind="channel.new")
    assert notice.title == "您收到一条群众留言" and notice.url == f"/channel/messages/{first.pk}/"
    assert tick.tell_recipients(timezone.now()) == 0  # told once
    submit(world, content="小区门口路灯不亮。")
    submit(world, content="公交站台没有遮雨棚。", kind="opinion")
    assert tick.tell_recipients(timezone.now()) == 2
    latest = Notification.objects.filter(kind="channel.new").latest("pk")
    assert latest.recipient == world.deputy_user and latest.title == "您收到2条群众留言"
    assert Notification.objects.filter(kind="channel.new").count() == 2
    assert not Message.objects.filter(notified_at__isnull=True).exists()


def test_a_recipient_with_no_active_account_is_marked_told_without_a_notice(world):
    world.deputy_user.is_active = False
    world.deputy_user.save()
    submit(world)
    assert tick.tell_recipients(timezone.now()) == 1
    assert not Notification.objects.filter(kind="channel.new").exists()
    assert tick.tell_recipients(timezone.now()) == 0


def test_time_limits_can_be_set_per_congress_and_kind(world):
    TimeLimit.objects.create(congress=world.congress, kind="help", working_days=3)
    message, _ = submit(world)
    assert message.due_on == calendar.deadline(timezone.localdate(), 3, "working")
    assert services.time_limits(world.congress)["opinion"] == 15


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"content": "   "}, "content", "至少"),
        ({"content": "长" * 2001}, "content", "不能超过2000个字"),
        ({"recipient_code": "nosuchcode"}, "recipient", "找不到"),
        ({"phone": "12345"}, "phone", "手机号格式不正确"),
        ({"kind": "spam"}, "kind", "留言类别"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_stored(world, changes, field, words):
    with pytest.raises(ValidationError) as err:
        submit(world, **changes)
    assert words in err.value.message_dict[field][0]
    assert not Message.objects.exists()


def test_a_photo_that_is_not_an_image_stores_nothing(world):
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image")
    with pytest.raises(ValidationError):
        submit(world, photos=[fake])
    assert not Message.objects.exists() and not Attachment.objects.exists()
    message, _ = submit(world, photos=[SimpleUploadedFile("p.png", PNG)])
    assert Attachment.objects.get(owner_id=message.pk).content_type == "image/png"


def test_scripts_emoji_and_full_width_text_are_kept_as_written(world):
    text = "<script>alert(1)</script> 路灯不亮😟，ＡＢＣ１２３！"
    message, _ = submit(world, content=text)
    assert Message.objects.get(pk=message.pk).content == text


def test_a_retry_with_the_same_key_returns_the_same_message(world):
    first, created = submit(world, idempotency_key="abc-1")
    again, created_again = submit(world, idempotency_key="abc-1")
    assert created and not created_again and first.pk == again.pk
    assert Message.objects.count() == 1
    with pytest.raises(ValidationError) as err:
        submit(world, idempotency_key="abc-1", content="完全不同的另一条留言内容")
    assert "idempotency_key" in err.value.message_dict


def test_the_secret_opens_the_message_and_nothing_else_does(world):
    message, _ = submit(world)
    secret = services.tracking_secret(message.tracking_code)
    assert len(secret) == 8 and secret.isdigit()
    code = f"{message.tracking_code[:4].lower()}-{message.tracking_code[4:]}"
    assert services.find_by_secret(code, secret) == message
    assert services.find_by_secret(message.tracking_code, "00000000") is None
    assert services.find_by_secret("NOSUCH99", services.tracking_secret("NOSUCH99")) is None


@pytest.mark.django_db(transaction=True)
def test_sms_receipt_is_sent_by_the_worker_after_commit(world):
    from django.core.management import call_command

    message, _ = submit(world, phone="13812345678", send_sms=True)
    call_command("worker", batch=True)
    [(_phone, text)] = [m for m in MemorySmsBackend.outbox if m[0] == "13812345678"]
    assert services.tracking_secret(message.tracking_code) in text


def test_the_fast_track_from_deputy_to_unit_and_back_to_the_citizen(world):
    message, _ = submit(world)
    message = services.message_forward(message=message, actor=world.deputy_user)
    with pytest.raises(ValidationError):  # a unit cannot act before it is assigned
        services.message_accept(message=message, actor=world.unit_user)
    message = services.message_assign(
        message=message, unit=world.unit, actor=world.staff, working_days=5
    )
    assert message.due_on == calendar.deadline(timezone.localdate(), 5, "working")
    assert Notification.objects.filter(recipient=world.unit_user, kind="channel.assigned").exists()
    message = services.message_accept(message=message, actor=world.unit_user)
    message = services.message_reply(
        message=message, actor=world.unit_user, side=Side.UNIT, text="已安排维修。"
    )
    assert message.state == State.REPLIED and message.reply == "已安排维修。"
    message = services.message_rate(message=message, rating="satisfied", comment="很快")
    assert message.state == State.RATED
    verbs = [s.verb for s in selectors.steps(message)]
    assert verbs == ["received", "forward", "assign", "accept", "reply", "rate"]
    assert AuditEvent.objects.filter(action="channel.assign", actor=world.staff).exists()


def test_a_unit_returns_with_a_reason_the_citizen_does_not_see(world):
    message, _ = submit(world)
    services.message_forward(message=message, actor=world.deputy_user)
    services.message_assign(message=message, unit=world.unit, actor=world.staff)
    with pytest.raises(ValidationError):
        services.message_return(message=message, actor=world.unit_user, reason=" ")
    message = services.message_return(
        message=message, actor=world.unit_user, reason="不属本单位职责"
    )
    assert message.state == State.FORWARDED and message.unit is None
    assert "不属本单位职责" not in " ".join(
        s.summary for s in timeline_for(message, public_only=True)
    )


def test_strangers_cannot_act(world):
    message, _ = submit(world)
    with pytest.raises(ValidationError, match="不能处理"):
        services.message_reply(
            message=message, actor=world.unit_user, side=Side.RECIPIENT, text="x"
        )
    with pytest.raises(ValidationError, match="不能处理"):
        services.message_forward(message=message, actor=world.staff)


def test_station_manager_answers_for_the_station(world):
    message, _ = submit(world, recipient_code=world.station.public_code)
    assert services.sides_of(world.manager, message) == {Side.RECIPIENT}
    assert services.sides_of(world.deputy_user, message) == set()
    message = services.message_reply(
        message=message, actor=world.manager, side=Side.RECIPIENT, text="下周三接待日请来站里面谈。"
    )
    assert message.state == State.REPLIED


def test_merge_keeps_both_and_points_to_the_primary(world):
    first, _ = submit(world)
    second, _ = submit(world, content="同一栋楼的楼道灯也坏了，请修理。")
    merged = services.message_merge(message=second, into=first, actor=world.deputy_user)
    assert merged.state == State.MERGED and merged.merged_into == first
    with pytest.raises(ValidationError):
        services.message_merge(message=first, into=first, actor=world.deputy_user)


def test_reopen_within_the_period_only(world):
    message, _ = submit(world)
    message = services.message_reply(
        message=message, actor=world.deputy_user, side=Side.RECIPIENT, text="已处理"
    )
    message = services.message_reopen(message=message, reason="灯又坏了")
    assert message.state == State.RECEIVED and message.reopen_count == 1
    message = services.message_reply(
        message=message, actor=world.deputy_user, side=Side.RECIPIENT, text="再次处理"
    )
    Message.objects.filter(pk=message.pk).update(replied_at=timezone.now() - dt.timedelta(days=31))
    message.refresh_from_db()
    with pytest.raises(ValidationError, match="超过30天"):
        services.message_reopen(message=message, reason="还是坏")


def test_overdue_messages_are_flagged_once_and_the_holders_told(world):
    late, _ = submit(world)
    services.message_forward(message=late, actor=world.deputy_user)
    services.message_assign(message=late, unit=world.unit, actor=world.staff)
    on_time, _ = submit(world, content="另一条还没到期的留言内容。")
    Message.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    now = timezone.now()
    assert tick.mark_overdue(now) == 1
    assert tick.mark_overdue(now) == 0
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.overdue_since == timezone.localdate() and on_time.overdue_since is None
    told = set(
        Notification.objects.filter(kind="channel.overdue").values_list("recipient", flat=True)
    )
    assert told == {world.unit_user.pk, world.staff.pk}


def test_a_message_whose_receipt_is_on_the_timeline_shows_it_once(world):
    """Messages received before the receipt was read from the row carry it as a timeline step."""
    message, _ = submit(world)
    timeline_record(message, verb="received", public=True, actor_label="系统", summary="留言已收到")
    services.message_forward(message=message, actor=world.deputy_user)
    assert [s.verb for s in selectors.steps(message)] == ["received", "forward"]
    assert selectors.steps(message)[0].summary == "留言已收到"


def test_a_deputy_whose_term_ended_stops_taking_messages_within_a_minute(world, monkeypatch):
    clock = [5000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    submit(world)  # the worker now remembers the deputy
    world.deputy.status = Deputy.Status.ENDED
    world.deputy.save()
    clock[0] += 30
    submit(world)  # still remembered: taken
    clock[0] += 31
    with pytest.raises(ValidationError) as refused:
        submit(world)
    assert "recipient" in refused.value.message_dict
    assert Message.objects.count() == 2


def test_a_changed_time_limit_applies_a_minute_later(world, monkeypatch):
    clock = [5000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    first, _ = submit(world, kind="help")
    TimeLimit.objects.create(congress=world.congress, kind="help", working_days=2)
    clock[0] += 61
    second, _ = submit(world, kind="help")
    assert second.due_on == calendar.deadline(timezone.localdate(), 2, "working")
    assert first.due_on != second.due_on
