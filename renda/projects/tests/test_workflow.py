"""The transition table, checked exhaustively over states × actions × actors."""

import itertools

import pytest

from renda.projects import workflow
from renda.projects.workflow import TRANSITIONS, Actor, Kind, decide

CASES = [
    (kind, state, action, actor)
    for kind, states in workflow.STATES.items()
    for state, action, actor in itertools.product(states, sorted(workflow.ACTIONS[kind]), Actor)
]

# What each actor may do, written out by hand so the table is checked against a second source.
EXPECTED = {
    Actor.PUBLIC: {("round", "collecting", "propose"), ("round", "commenting", "comment"),
                   ("project", "in_progress", "evaluate"), ("project", "completed", "evaluate")},
    Actor.DEPUTY: {("round", "commenting", "comment"), ("vote", "open", "cast"),
                   ("project", "in_progress", "evaluate"), ("project", "completed", "evaluate")},
    Actor.UNIT: {("project", s, a) for s in ("adopted", "in_progress") for a in
                 ("plan", "report", "complete", "respond")} | {("project", "completed", "respond")},
    Actor.SYSTEM: {("project", s, a) for s in ("candidate", "tied") for a in
                   ("adopt", "reject", "hold")},
}  # fmt: skip


@pytest.mark.parametrize(("kind", "state", "action", "actor"), CASES)
def test_every_move_is_in_the_table_or_refused(kind, state, action, actor):
    decision = decide(kind, state, action, {actor})
    rule = TRANSITIONS.get((kind, state, action))
    assert decision.allowed == (rule is not None and actor in rule.actors)
    if decision.allowed:
        assert decision.next_state in set(workflow.STATES[kind])
    else:
        assert decision.next_state is None and decision.reason


@pytest.mark.parametrize("actor", [Actor.PUBLIC, Actor.DEPUTY, Actor.UNIT, Actor.SYSTEM])
def test_each_actor_may_do_exactly_what_is_expected(actor):
    allowed = {
        (str(kind), str(state), action)
        for kind, state, action, who in CASES
        if who == actor and decide(kind, state, action, {actor}).allowed
    }
    assert allowed == EXPECTED[actor]


def test_staff_run_the_round_but_never_vote_nor_count_for_the_system():
    staff = {Actor.STAFF}
    assert decide(Kind.ROUND, "collecting", "close_collection", staff).next_state == "shortlisting"
    assert decide(Kind.ROUND, "shortlisting", "publish", staff).next_state == "commenting"
    assert decide(Kind.ROUND, "commenting", "open_vote", staff).next_state == "voting"
    assert decide(Kind.ROUND, "voting", "count", staff).next_state == "decided"
    assert decide(Kind.ROUND, "voting", "void", staff).next_state == "commenting"
    assert decide(Kind.ROUND, "decided", "open_vote", staff).next_state == "voting"
    assert not decide(Kind.VOTE, "open", "cast", staff).allowed
    assert not decide(Kind.PROJECT, "candidate", "adopt", staff).allowed
    assert decide(Kind.PROJECT, "completed", "verify", staff).next_state == "verified"
    assert decide(Kind.PROJECT, "completed", "send_back", staff).next_state == "in_progress"


def test_a_counted_vote_takes_no_more_ballots():
    everyone = set(Actor)
    for action in ("cast", "enter_paper", "count"):
        assert not decide(Kind.VOTE, "counted", action, everyone).allowed


def test_unknown_move_says_so_in_chinese():
    decision = decide(Kind.PROJECT, "verified", "report", set(Actor))
    assert not decision.allowed and "当前状态" in decision.reason
    denied = decide(Kind.PROJECT, "completed", "verify", {Actor.UNIT})
    assert "权限" in denied.reason


def test_available_lists_the_buttons():
    assert workflow.available(Kind.PROJECT, "adopted", {Actor.UNIT}) == [
        "complete", "plan", "report", "respond",
    ]  # fmt: skip
