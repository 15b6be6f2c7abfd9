"""The transition table, checked over every state, action and capacity."""

import itertools

import pytest

from renda.suggestions import workflow
from renda.suggestions.models import State
from renda.suggestions.workflow import (
    ACTORS,
    AUTHOR,
    DEPUTY,
    STAFF,
    TRANSITIONS,
    UNIT,
    Action,
    allowed_actions,
    decide,
)

# The expected table, written out independently of TRANSITIONS: (action, state, actor) -> next.
S = State
EXPECTED: dict[tuple[str, str, str], str] = {}


def allow(action, states, actors, target=None):
    for state in states:
        for actor in actors:
            EXPECTED[(action, state, actor)] = target or state


allow(Action.EDIT, [S.DRAFT], [AUTHOR])
allow(Action.INVITE, [S.DRAFT], [AUTHOR])
allow(Action.COSIGN, [S.DRAFT, S.SUBMITTED], [DEPUTY])
allow(Action.SUBMIT, [S.DRAFT], [AUTHOR], S.SUBMITTED)
allow(Action.REGISTER, [S.SUBMITTED], [STAFF], S.REGISTERED)
allow(Action.DECLINE, [S.SUBMITTED], [STAFF], S.REFERENCE)
allow(Action.CLASSIFY, [S.SUBMITTED, S.REGISTERED, S.ASSIGNED], [STAFF])
allow(Action.SPLIT, [S.SUBMITTED, S.REGISTERED], [STAFF])
allow(Action.MERGE, [S.SUBMITTED, S.REGISTERED], [STAFF], S.MERGED)
allow(Action.ASSIGN, [S.REGISTERED], [STAFF], S.ASSIGNED)
allow(Action.REQUEST_REASSIGN, [S.ASSIGNED, S.REHANDLING], [UNIT])
allow(Action.DECIDE_REASSIGN, [S.ASSIGNED, S.REHANDLING], [STAFF])
OPEN = [S.REGISTERED, S.ASSIGNED, S.REPLIED, S.REHANDLING]
allow(Action.SUPERVISE, OPEN, [STAFF])
allow(Action.RECORD_ACTIVITY, [*OPEN, S.CLOSED], [STAFF, UNIT])
allow(Action.REPLY, [S.ASSIGNED, S.REHANDLING], [UNIT], S.REPLIED)
allow(Action.EVALUATE_SATISFIED, [S.REPLIED], [AUTHOR], S.CLOSED)
allow(Action.EVALUATE_BASIC, [S.REPLIED], [AUTHOR], S.CLOSED)
allow(Action.EVALUATE_UNSATISFIED, [S.REPLIED], [AUTHOR], S.REHANDLING)
allow(Action.KEEP_COMMITMENT, [S.REPLIED, S.REHANDLING, S.CLOSED], [STAFF, UNIT])
allow(Action.NOTE, [S.SUBMITTED, *OPEN, S.CLOSED], [STAFF])

CASES = list(itertools.product(list(Action), list(State), ACTORS))


@pytest.mark.parametrize(("action", "state", "actor"), CASES)
def test_every_state_action_and_actor_follows_the_table(action, state, actor):
    decision = decide(state, action, {actor})
    expected = EXPECTED.get((action, state, actor))
    if expected is None:
        assert not decision.allowed
        assert decision.next_state == state
        assert decision.message
    else:
        assert decision.allowed
        assert decision.next_state == expected
        assert decision.message == ""


def test_every_action_is_in_the_table_and_has_a_label():
    assert set(TRANSITIONS) == set(Action)
    assert set(workflow.ACTION_LABELS) == set(Action)


def test_terminal_states_allow_nothing():
    for state in (S.REFERENCE, S.MERGED):
        assert allowed_actions(state, set(ACTORS)) == []


def test_refusal_names_the_state_and_the_action_in_chinese():
    message = decide(S.DRAFT, Action.REGISTER, {STAFF}).message
    assert "草稿" in message and "立案" in message
    assert "无权" in decide(S.SUBMITTED, Action.REGISTER, {AUTHOR}).message
    assert decide(S.DRAFT, "fly", {STAFF}).message == "没有这项操作。"


def test_several_capacities_add_up():
    assert Action.SUBMIT in allowed_actions(S.DRAFT, {AUTHOR, STAFF})
    assert allowed_actions(S.ASSIGNED, set()) == []
