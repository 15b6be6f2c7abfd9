"""The message workflow, checked over every state × action × side against a table by hand."""

import itertools

import pytest

from renda.channel.workflow import OPEN_STATES, Action, Side, State, actions_for, decide

S, A = State, Action
# (state, action, side) -> next state; everything not listed is refused.
ALLOWED = {
    (S.RECEIVED, A.REPLY, Side.RECIPIENT): S.REPLIED,
    (S.HANDLING, A.REPLY, Side.RECIPIENT): S.REPLIED,
    (S.RECEIVED, A.HANDLE, Side.RECIPIENT): S.HANDLING,
    (S.RECEIVED, A.FORWARD, Side.RECIPIENT): S.FORWARDED,
    (S.HANDLING, A.FORWARD, Side.RECIPIENT): S.FORWARDED,
    (S.RECEIVED, A.MERGE, Side.RECIPIENT): S.MERGED,
    (S.HANDLING, A.MERGE, Side.RECIPIENT): S.MERGED,
    (S.RECEIVED, A.CONVERT, Side.RECIPIENT): S.CONVERTED,
    (S.HANDLING, A.CONVERT, Side.RECIPIENT): S.CONVERTED,
    (S.FORWARDED, A.ASSIGN, Side.OFFICE): S.ASSIGNED,
    (S.FORWARDED, A.REPLY, Side.OFFICE): S.REPLIED,
    (S.ASSIGNED, A.ACCEPT, Side.UNIT): S.UNIT_HANDLING,
    (S.ASSIGNED, A.RETURN, Side.UNIT): S.FORWARDED,
    (S.UNIT_HANDLING, A.REPLY, Side.UNIT): S.REPLIED,
    (S.REPLIED, A.RATE, Side.CITIZEN): S.RATED,
    (S.CONVERTED, A.RATE, Side.CITIZEN): S.RATED,
    (S.REPLIED, A.REOPEN, Side.CITIZEN): S.RECEIVED,
    (S.RATED, A.REOPEN, Side.CITIZEN): S.RECEIVED,
}


@pytest.mark.parametrize(("state", "action", "side"), list(itertools.product(State, Action, Side)))
def test_every_combination(state, action, side):
    decision = decide(state, action, side)
    expected = ALLOWED.get((state, action, side))
    assert decision.allowed is (expected is not None)
    assert decision.next_state == expected
    if not decision.allowed:
        assert decision.reason in {"not_your_action", "wrong_state"}


def test_a_merged_message_is_final_for_everyone():
    assert all(actions_for(State.MERGED, side) == [] for side in Side)


def test_open_states_are_the_ones_someone_still_has_to_act_on():
    waiting = {s for s in State if any(actions_for(s, side) for side in Side if side != "citizen")}
    assert waiting == OPEN_STATES


def test_citizen_can_only_rate_and_reopen():
    assert {a for (s, a, side) in ALLOWED if side == Side.CITIZEN} == {A.RATE, A.REOPEN}
