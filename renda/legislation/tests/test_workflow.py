"""The consultation workflow table, every state × action × actor."""

import itertools

import pytest

from renda.legislation import workflow as wf

EXPECTED = {
    # action: (actors, states, next state or None)
    "edit_articles": ({wf.STAFF}, {wf.DRAFT}, None),
    "edit": ({wf.STAFF}, {wf.DRAFT, wf.OPEN}, None),
    "invite": ({wf.STAFF}, {wf.DRAFT, wf.OPEN}, None),
    "publish": ({wf.STAFF}, {wf.DRAFT}, wf.OPEN),
    "close": ({wf.STAFF}, {wf.OPEN}, wf.CLOSED),
    "reopen": ({wf.STAFF}, {wf.CLOSED}, wf.OPEN),
    "comment": ({wf.PUBLIC, wf.DEPUTY, wf.EXPERT}, {wf.OPEN}, None),
    "enter_offline": ({wf.OFFICER, wf.STAFF}, {wf.OPEN}, None),
    "ask_expert": ({wf.STAFF}, {wf.OPEN, wf.CLOSED}, None),
    "answer": ({wf.EXPERT}, {wf.OPEN, wf.CLOSED, wf.REPORTED}, None),
    "review": ({wf.STAFF}, {wf.OPEN, wf.CLOSED, wf.REPORTED, wf.FINALIZED}, None),
    "report": ({wf.STAFF}, {wf.CLOSED, wf.REPORTED}, wf.REPORTED),
    "import_final": ({wf.STAFF}, {wf.CLOSED, wf.REPORTED, wf.FINALIZED}, wf.FINALIZED),
    "mark_adoption": ({wf.STAFF}, {wf.FINALIZED}, None),
    "certificate": ({wf.STAFF}, {wf.FINALIZED}, None),
}


def test_the_table_lists_every_action_once():
    assert set(wf.ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize(
    ("state", "action", "actor"), list(itertools.product(wf.STATES, wf.ACTIONS, wf.ACTORS))
)
def test_decision_matches_the_table(state, action, actor):
    actors, states, next_state = EXPECTED[action]
    decision = wf.decide(state, action, actor)
    assert decision.allowed == (actor in actors and state in states)
    if decision.allowed:
        assert decision.next_state == (next_state or state)
        assert decision.reason == ""
    else:
        assert decision.next_state == state
        assert decision.reason


def test_citizens_may_only_comment_and_only_while_open():
    for state in wf.STATES:
        assert wf.allowed_actions(state, wf.PUBLIC) == (["comment"] if state == wf.OPEN else [])


def test_unknown_state_or_action_is_an_error():
    with pytest.raises(ValueError):
        wf.decide("archived", "comment", wf.PUBLIC)
    with pytest.raises(ValueError):
        wf.decide(wf.OPEN, "delete", wf.STAFF)
