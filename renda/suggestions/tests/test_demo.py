"""The demo loads once, through the services, and a second load changes nothing."""

import pytest

from renda.core import demo
from renda.suggestions.models import State, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_loads_every_stage_once():
    demo.load()
    states = set(Suggestion.objects.values_list("state", flat=True))
    assert {State.DRAFT, State.SUBMITTED, State.ASSIGNED, State.REPLIED, State.CLOSED} <= states
    count = Suggestion.objects.count()
    demo.load()
    assert Suggestion.objects.count() == count
    closed = Suggestion.objects.get(state=State.CLOSED)
    assert closed.round == 2 and closed.verdict == "satisfied"
