"""A message handed on to the suggestions or legislation module keeps its link to the citizen."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.channel import services
from renda.channel.workflow import State
from renda.core.timeline import timeline_for
from renda.legislation import services as legislation
from renda.legislation.models import Opinion
from renda.suggestions.models import Suggestion

DRAFT = (
    "清河区测试条例（草案）\n\n第一条　为了规范测试工作，制定本条例。\n\n"
    "第二条　本条例自公布之日起施行。\n"
)


def submit(world, **kwargs):
    values = {"recipient_code": world.deputy.public_code, "kind": "legislative",
              "content": "建议第二条写明施行日期，不要只写公布之日。", "phone": "13812345678",
              "name": "王先生", **kwargs}  # fmt: skip
    return services.message_submit(**values)[0]


def test_a_message_becomes_the_deputys_draft_suggestion(world):
    message = submit(world, kind="opinion")
    suggestion = services.message_to_suggestion(message=message, actor=world.deputy_user)
    message.refresh_from_db()
    assert message.state == State.CONVERTED and message.converted_to == "代表建议"
    assert message.converted_url == f"/suggestions/{suggestion.pk}/"
    assert Suggestion.objects.get(pk=suggestion.pk).source_url == f"/channel/messages/{message.pk}/"
    public = [s.summary for s in timeline_for(message, public_only=True)]
    assert any("已转为代表建议" in s for s in public)


def test_only_messages_to_a_deputy_become_suggestions(world):
    message = submit(world, recipient_code=world.station.public_code)
    with pytest.raises(ValidationError, match="写给代表"):
        services.message_to_suggestion(message=message, actor=world.manager)


def test_a_message_becomes_an_opinion_on_an_open_draft_once(world):
    today = timezone.localdate()
    consultation = legislation.consultation_create(
        congress=world.congress, text=DRAFT, actor=world.staff,
        opens_on=today, closes_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    consultation = legislation.consultation_publish(consultation=consultation, actor=world.staff)
    assert list(services.open_consultations(world.congress)) == [consultation]
    message = submit(world)
    with pytest.raises(ValidationError):
        services.message_to_opinion(message=message, actor=world.deputy_user, consultation_id=0)
    opinion = services.message_to_opinion(
        message=message, actor=world.deputy_user, consultation_id=consultation.pk
    )
    assert Opinion.objects.get(pk=opinion.pk).text == message.content
    message.refresh_from_db()
    assert message.state == State.CONVERTED and "立法意见" in message.converted_to
