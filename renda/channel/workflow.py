"""The life of a citizen's message: who may do what in which state, and what follows (pure).

Sides: the citizen (holds the tracking code and secret), the recipient (the deputy the message
was addressed to, or the manager of the station), the congress office (staff), and the handling
unit the office routed it to.
"""

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"  # 已收到: waiting in the recipient's inbox
    HANDLING = "handling"  # 代表办理中: the recipient handles it personally
    FORWARDED = "forwarded"  # 已转人大办公室: on the fast track, waiting to be routed
    ASSIGNED = "assigned"  # 已交办: routed to a handling unit, waiting for it to accept
    UNIT_HANDLING = "unit_handling"  # 承办单位办理中
    REPLIED = "replied"  # 已答复: the answer went back to the citizen
    CONVERTED = "converted"  # 已转为代表建议 / 立法意见
    MERGED = "merged"  # 已合并: a duplicate, followed through another message
    RATED = "rated"  # 已评价: closed by the citizen's rating


class Side(StrEnum):
    CITIZEN = "citizen"
    RECIPIENT = "recipient"
    OFFICE = "office"
    UNIT = "unit"


class Action(StrEnum):
    REPLY = "reply"
    HANDLE = "handle"
    FORWARD = "forward"
    MERGE = "merge"
    CONVERT = "convert"
    ASSIGN = "assign"
    ACCEPT = "accept"
    RETURN = "return"
    RATE = "rate"
    REOPEN = "reopen"


S, A = State, Action
OPEN_STATES = frozenset({S.RECEIVED, S.HANDLING, S.FORWARDED, S.ASSIGNED, S.UNIT_HANDLING})

# (action, side) -> {state before: state after}
TRANSITIONS: dict[tuple[Action, Side], dict[State, State]] = {
    (A.REPLY, Side.RECIPIENT): {S.RECEIVED: S.REPLIED, S.HANDLING: S.REPLIED},
    (A.HANDLE, Side.RECIPIENT): {S.RECEIVED: S.HANDLING},
    (A.FORWARD, Side.RECIPIENT): {S.RECEIVED: S.FORWARDED, S.HANDLING: S.FORWARDED},
    (A.MERGE, Side.RECIPIENT): {S.RECEIVED: S.MERGED, S.HANDLING: S.MERGED},
    (A.CONVERT, Side.RECIPIENT): {S.RECEIVED: S.CONVERTED, S.HANDLING: S.CONVERTED},
    (A.ASSIGN, Side.OFFICE): {S.FORWARDED: S.ASSIGNED},
    (A.REPLY, Side.OFFICE): {S.FORWARDED: S.REPLIED},
    (A.ACCEPT, Side.UNIT): {S.ASSIGNED: S.UNIT_HANDLING},
    (A.RETURN, Side.UNIT): {S.ASSIGNED: S.FORWARDED},
    (A.REPLY, Side.UNIT): {S.UNIT_HANDLING: S.REPLIED},
    (A.RATE, Side.CITIZEN): {S.REPLIED: S.RATED, S.CONVERTED: S.RATED},
    (A.REOPEN, Side.CITIZEN): {S.REPLIED: S.RECEIVED, S.RATED: S.RECEIVED},
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    next_state: State | None = None
    reason: str = ""


def decide(state: State | str, action: Action | str, side: Side | str) -> Decision:
    """Tell whether `side` may take `action` on a message in `state`, and the state after."""
    state, action, side = State(state), Action(action), Side(side)
    moves = TRANSITIONS.get((action, side))
    if moves is None:
        return Decision(False, reason="not_your_action")
    if state not in moves:
        return Decision(False, reason="wrong_state")
    return Decision(True, moves[state])


def actions_for(state: State | str, side: Side | str) -> list[Action]:
    """List the actions `side` may take on a message in `state`, in table order."""
    return [action for (action, s), moves in TRANSITIONS.items() if s == side and state in moves]
