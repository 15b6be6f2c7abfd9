"""The consultation workflow as a table, and the one function that reads it (no ORM).

States: draft (准备中) → open (征询中) → closed (已截止) → reported (已报送)
→ finalized (已公布终稿).
Actors: staff, officer, deputy, expert, public (anyone, signed in or not).
"""

from __future__ import annotations

from dataclasses import dataclass

DRAFT, OPEN, CLOSED, REPORTED, FINALIZED = "draft", "open", "closed", "reported", "finalized"
STATES = (DRAFT, OPEN, CLOSED, REPORTED, FINALIZED)

STAFF, OFFICER, DEPUTY, EXPERT, PUBLIC = "staff", "officer", "deputy", "expert", "public"
ACTORS = (STAFF, OFFICER, DEPUTY, EXPERT, PUBLIC)


@dataclass(frozen=True)
class Rule:
    actors: frozenset[str]
    states: frozenset[str]
    next_state: str | None = None  # None: the state stays


def _rule(actors, states, next_state=None) -> Rule:
    return Rule(frozenset(actors), frozenset(states), next_state)


REVIEWABLE = {OPEN, CLOSED, REPORTED, FINALIZED}

TRANSITIONS: dict[str, Rule] = {
    "edit_articles": _rule({STAFF}, {DRAFT}),
    "edit": _rule({STAFF}, {DRAFT, OPEN}),
    "invite": _rule({STAFF}, {DRAFT, OPEN}),
    "publish": _rule({STAFF}, {DRAFT}, OPEN),
    "close": _rule({STAFF}, {OPEN}, CLOSED),
    "reopen": _rule({STAFF}, {CLOSED}, OPEN),
    "comment": _rule({PUBLIC, DEPUTY, EXPERT}, {OPEN}),
    "enter_offline": _rule({OFFICER, STAFF}, {OPEN}),
    "ask_expert": _rule({STAFF}, {OPEN, CLOSED}),
    "answer": _rule({EXPERT}, {OPEN, CLOSED, REPORTED}),
    "review": _rule({STAFF}, REVIEWABLE),
    "report": _rule({STAFF}, {CLOSED, REPORTED}, REPORTED),
    "import_final": _rule({STAFF}, {CLOSED, REPORTED, FINALIZED}, FINALIZED),
    "mark_adoption": _rule({STAFF}, {FINALIZED}),
    "certificate": _rule({STAFF}, {FINALIZED}),
}
ACTIONS = tuple(TRANSITIONS)

STATE_LABELS = {
    DRAFT: "准备中",
    OPEN: "征询中",
    CLOSED: "已截止",
    REPORTED: "已报送",
    FINALIZED: "已公布终稿",
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    next_state: str
    reason: str = ""


def decide(state: str, action: str, actor: str) -> Decision:
    """Say whether `actor` may do `action` on a consultation in `state`, and the state after."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ValueError(f"unknown action {action!r}")
    if actor not in rule.actors:
        return Decision(False, state, "无权进行此操作。")
    if state not in rule.states:
        return Decision(False, state, f"征询{STATE_LABELS[state]}，不能进行此操作。")
    return Decision(True, rule.next_state or state)


def allowed_actions(state: str, actor: str) -> list[str]:
    """Return the actions `actor` may take now."""
    return [action for action in ACTIONS if decide(state, action, actor).allowed]
