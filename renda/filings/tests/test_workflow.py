"""The transition table, exhaustively over states × actions × actors."""

import itertools

import pytest

from renda.filings import workflow
from renda.filings.models import Track
from renda.filings.workflow import Action, Actor, Refused

EXPECTED = {
    ("submitted", "register"): ("reviewer", "registered"),
    ("submitted", "return"): ("reviewer", "returned"),
    ("returned", "resubmit"): ("body", "submitted"),
    ("registered", "assign"): ("reviewer", "reviewing"),
    ("reviewing", "assign"): ("reviewer", "reviewing"),
    ("reviewing", "request_opinion"): ("reviewer", "reviewing"),
    ("reviewing", "record_opinion"): ("reviewer", "reviewing"),
    ("reviewing", "decide_finding"): ("reviewer", "reviewing"),
    ("reviewing", "propose"): ("reviewer", "signing"),
    ("signing", "sign"): ("reviewer", "signing"),
    ("signing", "sign_final"): ("reviewer", "closed"),
    ("signing", "sign_final_problem"): ("reviewer", "correcting"),
    ("signing", "send_back"): ("reviewer", "reviewing"),
    ("correcting", "respond"): ("body", "correcting"),
    ("correcting", "close"): ("reviewer", "closed"),
    ("registered", "stock_keep"): ("reviewer", "closed"),
    ("reviewing", "stock_keep"): ("reviewer", "closed"),
    ("registered", "stock_amend"): ("reviewer", "correcting"),
    ("reviewing", "stock_amend"): ("reviewer", "correcting"),
}


def test_the_states_are_the_models_states():
    assert set(workflow.STATES) == set(Track.State.values)


@pytest.mark.parametrize(
    "state,action,actor,stock",
    list(itertools.product(workflow.STATES, list(Action), list(Actor), [False, True])),
)
def test_every_move(state, action, actor, stock):
    expected = EXPECTED.get((state, action))
    stock_only = action in (Action.STOCK_KEEP, Action.STOCK_AMEND)
    if expected is None or expected[0] != actor or (stock_only and not stock):
        with pytest.raises(Refused) as refused:
            workflow.next_state(state, action, actor, stock=stock)
        if stock_only and not stock:
            assert refused.value.reason == "stock_only"
        elif expected is None:
            assert refused.value.reason == "not_now"
        else:
            assert refused.value.reason == "not_yours"
    else:
        assert workflow.next_state(state, action, actor, stock=stock) == expected[1]


def test_closed_is_final_for_everyone():
    for actor in Actor:
        assert workflow.allowed_actions(workflow.CLOSED, actor, stock=True) == []


def test_allowed_actions_agree_with_next_state():
    for state, actor, stock in itertools.product(workflow.STATES, Actor, [False, True]):
        for action in workflow.allowed_actions(state, actor, stock=stock):
            workflow.next_state(state, action, actor, stock=stock)  # does not raise
