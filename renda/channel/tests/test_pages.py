"""The citizens' pages and the handlers' pages."""

import pytest
from django.urls import reverse

from renda.channel import services
from renda.channel.models import Message
from renda.core.models import AuditEvent
from renda.core.roles import Role
from renda.core.tests.factories import make_user


def compose_url(world):
    return reverse("channel:compose", kwargs={"kind": "deputy", "code": world.deputy.public_code})


def form(key="key-1", **kwargs):
    return {
        "kind": "help",
        "content": "楼道灯坏了一个多月，请帮忙修理。",
        "idempotency_key": key,
        **kwargs,
    }


def test_the_form_says_what_it_is_not_for_and_the_time_limits(client, world):
    html = client.get(compose_url(world)).content.decode()
    assert "110" in html and "120" in html and "119" in html
    assert "求助诉求：10 个工作日内答复" in html
    assert 'name="idempotency_key"' in html


def test_submit_shows_code_and_secret_and_a_double_tap_makes_one_message(client, world):
    first = client.post(compose_url(world), form())
    second = client.post(compose_url(world), form())
    assert first.status_code == second.status_code == 302
    assert Message.objects.count() == 1
    message = Message.objects.get()
    receipt = client.get(first["Location"]).content.decode()
    assert services.tracking_secret(message.tracking_code) in receipt


def test_the_receipt_is_not_shown_to_another_device(client, world):
    response = client.post(compose_url(world), form())
    client.cookies.clear()
    assert client.get(response["Location"]).status_code == 302


def test_errors_come_back_at_the_field_and_nothing_is_stored(client, world):
    response = client.post(compose_url(world), form(content="", phone="123"))
    html = response.content.decode()
    assert "手机号格式不正确" in html or "这个字段是必填项" in html
    assert not Message.objects.exists()


def test_one_device_is_slowed_down_but_a_crowd_behind_one_address_is_not(client, world, settings):
    settings.RENDA_CHANNEL_DEVICE_LIMIT = 2
    codes = [client.post(compose_url(world), form(key=f"d{n}")).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    from django.test import Client

    neighbours = [
        Client().post(compose_url(world), form(key=f"n{n}")).status_code for n in range(4)
    ]
    assert neighbours == [302, 302, 302, 302]  # same 127.0.0.1, different phones


def test_a_busy_address_must_solve_the_captcha(client, world, settings):
    settings.RENDA_CHANNEL_CAPTCHA_AFTER = 1
    assert client.post(compose_url(world), form(key="c1")).status_code == 302
    page = client.get(compose_url(world)).content.decode()
    assert 'name="captcha"' in page
    wrong = client.post(compose_url(world), form(key="c2", captcha="0000"))
    assert "验证码不正确" in wrong.content.decode()
    image = client.get(reverse("channel:captcha"))
    assert image["Content-Type"] == "image/png"
    answer = client.session["channel_captcha"]
    assert client.post(compose_url(world), form(key="c3", captcha=answer)).status_code == 302
    assert Message.objects.count() == 2


def test_tracking_needs_the_secret(client, world):
    message, _ = services.message_submit(
        recipient_code=world.deputy.public_code, kind="help", content="楼道灯坏了，请修理。"
    )
    url = reverse("channel:track")
    wrong = client.post(url, {"code": message.tracking_code, "secret": "11111111"})
    assert "查询码或密码不正确" in wrong.content.decode()
    right = client.post(
        url,
        {"code": message.tracking_code, "secret": services.tracking_secret(message.tracking_code)},
    )
    assert right.status_code == 302
    assert "楼道灯坏了" in client.get(right["Location"]).content.decode()


def test_handlers_see_their_own_and_scripts_stay_text(client, world):
    message, _ = services.message_submit(
        recipient_code=world.deputy.public_code,
        kind="help",
        phone="13812345678",
        content="<script>alert('x')</script>请修路灯",
    )
    client.force_login(world.deputy_user)
    html = client.get(reverse("channel:detail", args=[message.pk])).content.decode()
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html
    assert "138****5678" in html and "13812345678" not in html
    reveal = client.post(reverse("channel:reveal", args=[message.pk]))
    assert "13812345678" in reveal.content.decode()
    assert AuditEvent.objects.filter(
        action="personal_data.reveal", target_id=str(message.pk)
    ).exists()
    client.force_login(make_user(roles={Role.DEPUTY: world.congress}))
    assert client.get(reverse("channel:detail", args=[message.pk])).status_code == 403


def test_the_office_sees_the_overdue_list_and_others_do_not(client, world):
    client.force_login(world.staff)
    assert client.get(reverse("channel:overdue")).status_code == 200
    client.force_login(world.unit_user)
    assert client.get(reverse("channel:overdue")).status_code == 403


@pytest.mark.parametrize("consent", [True, False])
def test_the_wall_shows_consenting_answered_messages_without_personal_data(client, world, consent):
    message, _ = services.message_submit(
        recipient_code=world.deputy.public_code,
        kind="help",
        name="李阿姨",
        content="我家电话13812345678，楼道灯坏了。",
        consent_publish=consent,
    )
    services.message_reply(
        message=message, actor=world.deputy_user, side="recipient", text="已修好"
    )
    html = client.get(reverse("channel:wall")).content.decode()
    assert ("楼道灯坏了" in html) is consent
    assert "13812345678" not in html and "李阿姨" not in html
