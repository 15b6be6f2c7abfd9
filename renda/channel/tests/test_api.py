"""The channel API: anonymous submit and track, tokens for the handlers."""

import pytest

from renda.channel import services
from renda.channel.api import SubmitOut
from renda.channel.models import Message
from renda.core.accounts import token_issue
from renda.core.memo import forget_all
from renda.directory.models import Deputy

URL = "/api/v1/channel/messages"


def post(client, world, **kwargs):
    body = {
        "recipient": world.deputy.public_code,
        "kind": "opinion",
        "content": "建议在南湖公园增设无障碍通道。",
        **kwargs,
    }
    return client.post(URL, body, content_type="application/json")


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_issue(user=user, name='t')[1]}"}


def test_submit_then_track_without_a_token(client, world):
    response = post(client, world, idempotency_key="k1", phone="13812345678")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received" and body["status_label"] == "已收到"
    # the body is written directly, so hold it to the documented schema here
    assert SubmitOut.model_validate(body).model_dump(mode="json") == body
    assert body["secret"] == services.tracking_secret(body["tracking_code"])
    track = client.get(f"{URL}/{body['tracking_code']}", {"secret": body["secret"]}).json()
    assert track["status"] == "received" and len(track["timeline"]) == 1
    assert "13812345678" not in str(track)


def test_a_replayed_submit_answers_200_with_the_same_code(client, world):
    first = post(client, world, idempotency_key="k2").json()
    again = post(client, world, idempotency_key="k2")
    assert again.status_code == 200 and again.json()["tracking_code"] == first["tracking_code"]
    assert Message.objects.count() == 1


def test_a_wrong_secret_and_an_unknown_code_look_the_same(client, world):
    code = post(client, world).json()["tracking_code"]
    wrong = client.get(f"{URL}/{code}", {"secret": "12345678"})
    unknown = client.get(f"{URL}/ZZZZ9999", {"secret": "12345678"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json() == {"detail": "查询码或密码不正确。"}


def test_bad_input_gets_chinese_errors_per_field(client, world):
    response = post(client, world, recipient="nobody", phone="123", content="")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"recipient", "phone", "content"}
    assert not Message.objects.exists()


def test_floods_from_one_address_are_cut(client, world, settings):
    settings.RENDA_CHANNEL_ADDRESS_LIMIT = 3
    codes = [post(client, world).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    other = client.post(
        URL,
        {
            "recipient": world.deputy.public_code,
            "kind": "opinion",
            "content": "另一个地址的留言内容。",
        },
        content_type="application/json",
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 201


def test_handlers_act_with_their_tokens(client, world):
    body = post(client, world).json()
    message = Message.objects.get(tracking_code=body["tracking_code"])
    inbox = client.get("/api/v1/channel/inbox", **bearer(world.deputy_user)).json()
    assert [i["tracking_code"] for i in inbox] == [message.tracking_code]
    assert client.get("/api/v1/channel/inbox", **bearer(world.unit_user)).json() == []
    url = f"/api/v1/channel/inbox/{message.pk}"
    refused = client.post(
        f"{url}/forward",
        {"side": "recipient"},
        content_type="application/json",
        **bearer(world.unit_user),
    )
    assert refused.status_code == 403
    done = client.post(
        f"{url}/forward",
        {"side": "recipient"},
        content_type="application/json",
        **bearer(world.deputy_user),
    )
    assert done.json()["status"] == "forwarded"
    assigned = client.post(
        f"{url}/assign",
        {"side": "office", "unit_id": world.unit.pk},
        content_type="application/json",
        **bearer(world.staff),
    )
    assert assigned.json()["status"] == "assigned"
    again = client.post(
        f"{url}/assign",
        {"side": "office", "unit_id": world.unit.pk},
        content_type="application/json",
        **bearer(world.staff),
    )
    assert again.status_code == 422 and "当前状态" in str(again.json())


def test_rating_through_the_api(client, world):
    body = post(client, world).json()
    message = Message.objects.get(tracking_code=body["tracking_code"])
    services.message_reply(message=message, actor=world.deputy_user, side="recipient", text="好")
    url = f"{URL}/{body['tracking_code']}/rating"
    assert (
        client.post(
            url, {"secret": "0", "rating": "satisfied"}, content_type="application/json"
        ).status_code
        == 404
    )
    rated = client.post(
        url, {"secret": body["secret"], "rating": "satisfied"}, content_type="application/json"
    )
    assert rated.json()["status"] == "rated" and rated.json()["rating"] == "satisfied"


@pytest.mark.django_db(transaction=True)
def test_a_replay_outside_any_transaction_is_caught_by_the_unique_key(client, world):
    """Under a real server each INSERT commits alone: the replay fails on the key, not earlier."""
    first = post(client, world, idempotency_key="k3").json()
    again = post(client, world, idempotency_key="k3")
    assert again.status_code == 200 and again.json()["tracking_code"] == first["tracking_code"]
    other = post(client, world, idempotency_key="k3", content="另一条完全不同的留言内容。")
    assert other.status_code == 422 and "idempotency_key" in other.json()["errors"]
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_replay_after_the_recipient_stopped_taking_messages_gets_its_receipt(client, world):
    first = post(client, world, idempotency_key="k4").json()
    world.deputy.status = Deputy.Status.ENDED
    world.deputy.save()
    forget_all()
    again = post(client, world, idempotency_key="k4")
    assert again.status_code == 200 and again.json()["tracking_code"] == first["tracking_code"]
    fresh = post(client, world, idempotency_key="k5")
    assert fresh.status_code == 422 and "recipient" in fresh.json()["errors"]
