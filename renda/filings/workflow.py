"""The review track's transition table and the one function that applies it (no ORM)."""

from dataclasses import dataclass
from enum import StrEnum

SUBMITTED = "submitted"
RETURNED = "returned"
REGISTERED = "registered"
REVIEWING = "reviewing"
SIGNING = "signing"
CORRECTING = "correcting"
CLOSED = "closed"
STATES = (SUBMITTED, RETURNED, REGISTERED, REVIEWING, SIGNING, CORRECTING, CLOSED)


class Actor(StrEnum):
    """Who acts on a track: its reviewer (staff of the congress or the government reviewer)."""

    REVIEWER = "reviewer"
    BODY = "body"
    OTHER = "other"


class Action(StrEnum):
    REGISTER = "register"  # formal review passed: electronic receipt
    RETURN = "return"  # 暂缓备案登记, 限期补正
    RESUBMIT = "resubmit"  # the body completes the filing
    ASSIGN = "assign"  # substantive review starts with a reviewer
    REQUEST_OPINION = "request_opinion"
    RECORD_OPINION = "record_opinion"
    DECIDE_FINDING = "decide_finding"
    PROPOSE = "propose"  # a draft conclusion goes to sign-off
    SIGN = "sign"  # one level signs, more levels follow
    SIGN_FINAL = "sign_final"  # the last level signs: no problem found
    SIGN_FINAL_PROBLEM = "sign_final_problem"  # the last level signs: a correction is requested
    SEND_BACK = "send_back"  # a level disagrees: back to the reviewer
    RESPOND = "respond"  # the body answers the correction request
    CLOSE = "close"  # the correction is done: the track closes
    STOCK_KEEP = "stock_keep"  # stock clean-up in a batch: stays in force or repealed
    STOCK_AMEND = "stock_amend"  # stock clean-up in a batch: must be amended


R, B = frozenset({Actor.REVIEWER}), frozenset({Actor.BODY})

# (state, action) -> (who may, next state)
TRANSITIONS: dict[tuple[str, str], tuple[frozenset[Actor], str]] = {
    (SUBMITTED, Action.REGISTER): (R, REGISTERED),
    (SUBMITTED, Action.RETURN): (R, RETURNED),
    (RETURNED, Action.RESUBMIT): (B, SUBMITTED),
    (REGISTERED, Action.ASSIGN): (R, REVIEWING),
    (REVIEWING, Action.ASSIGN): (R, REVIEWING),
    (REVIEWING, Action.REQUEST_OPINION): (R, REVIEWING),
    (REVIEWING, Action.RECORD_OPINION): (R, REVIEWING),
    (REVIEWING, Action.DECIDE_FINDING): (R, REVIEWING),
    (REVIEWING, Action.PROPOSE): (R, SIGNING),
    (SIGNING, Action.SIGN): (R, SIGNING),
    (SIGNING, Action.SIGN_FINAL): (R, CLOSED),
    (SIGNING, Action.SIGN_FINAL_PROBLEM): (R, CORRECTING),
    (SIGNING, Action.SEND_BACK): (R, REVIEWING),
    (CORRECTING, Action.RESPOND): (B, CORRECTING),
    (CORRECTING, Action.CLOSE): (R, CLOSED),
    (REGISTERED, Action.STOCK_KEEP): (R, CLOSED),
    (REVIEWING, Action.STOCK_KEEP): (R, CLOSED),
    (REGISTERED, Action.STOCK_AMEND): (R, CORRECTING),
    (REVIEWING, Action.STOCK_AMEND): (R, CORRECTING),
}
STOCK_ONLY = frozenset({Action.STOCK_KEEP, Action.STOCK_AMEND})


@dataclass(frozen=True)
class Refused(Exception):
    reason: str


def next_state(state: str, action: str, actor: Actor, *, stock: bool = False) -> str:
    """Return the state after `actor` does `action` in `state`, or raise Refused."""
    if action in STOCK_ONLY and not stock:
        raise Refused("stock_only")
    entry = TRANSITIONS.get((state, action))
    if entry is None:
        raise Refused("not_now")
    allowed, following = entry
    if actor not in allowed:
        raise Refused("not_yours")
    return following


def allowed_actions(state: str, actor: Actor, *, stock: bool = False) -> list[str]:
    """List the actions `actor` may take in `state`, in table order."""
    return [
        action
        for (from_state, action), (who, _n) in TRANSITIONS.items()
        if from_state == state and actor in who and (stock or action not in STOCK_ONLY)
    ]
