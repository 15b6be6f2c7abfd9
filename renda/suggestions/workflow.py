"""The suggestion's states, what may happen in each and who may do it: one table, no ORM.

An actor is described by the capacities it holds towards one suggestion (`AUTHOR` the lead
deputy, `DEPUTY` any other deputy of the congress, `STAFF`, `UNIT` a member of the lead unit,
`CO_UNIT` a member of a co-unit). `decide()` answers whether an action is allowed now and
which state follows; anything not in the table is refused with a Chinese message.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.suggestions.models import State

AUTHOR, DEPUTY, STAFF, UNIT, CO_UNIT = "author", "deputy", "staff", "unit", "co_unit"
ACTORS = (AUTHOR, DEPUTY, STAFF, UNIT, CO_UNIT)


class Action(StrEnum):
    EDIT = "edit"
    INVITE = "invite"
    COSIGN = "cosign"
    SUBMIT = "submit"
    REGISTER = "register"
    DECLINE = "decline"
    CLASSIFY = "classify"
    SPLIT = "split"
    MERGE = "merge"
    ASSIGN = "assign"
    REQUEST_REASSIGN = "request_reassign"
    DECIDE_REASSIGN = "decide_reassign"
    SUPERVISE = "supervise"
    RECORD_ACTIVITY = "record_activity"
    REPLY = "reply"
    EVALUATE_SATISFIED = "evaluate_satisfied"
    EVALUATE_BASIC = "evaluate_basic"
    EVALUATE_UNSATISFIED = "evaluate_unsatisfied"
    KEEP_COMMITMENT = "keep_commitment"
    NOTE = "note"


ACTION_LABELS = {
    Action.EDIT: gettext_lazy("修改"),
    Action.INVITE: gettext_lazy("邀请联名/附议"),
    Action.COSIGN: gettext_lazy("联名/附议"),
    Action.SUBMIT: gettext_lazy("提交"),
    Action.REGISTER: gettext_lazy("立案"),
    Action.DECLINE: gettext_lazy("不予立案，转为参考意见"),
    Action.CLASSIFY: gettext_lazy("分类"),
    Action.SPLIT: gettext_lazy("拆分"),
    Action.MERGE: gettext_lazy("并案"),
    Action.ASSIGN: gettext_lazy("交办"),
    Action.REQUEST_REASSIGN: gettext_lazy("申请改办"),
    Action.DECIDE_REASSIGN: gettext_lazy("决定改办申请"),
    Action.SUPERVISE: gettext_lazy("重点督办"),
    Action.RECORD_ACTIVITY: gettext_lazy("记录督办活动"),
    Action.REPLY: gettext_lazy("答复"),
    Action.EVALUATE_SATISFIED: gettext_lazy("评价满意"),
    Action.EVALUATE_BASIC: gettext_lazy("评价基本满意"),
    Action.EVALUATE_UNSATISFIED: gettext_lazy("评价不满意"),
    Action.KEEP_COMMITMENT: gettext_lazy("确认承诺兑现"),
    Action.NOTE: gettext_lazy("内部备注"),
}

S = State
_OPEN = (S.REGISTERED, S.ASSIGNED, S.REPLIED, S.REHANDLING)
_HANDLING = (S.ASSIGNED, S.REHANDLING)
_LIVE = (S.SUBMITTED, *_OPEN, S.CLOSED)


@dataclass(frozen=True)
class Rule:
    states: tuple[str, ...]
    actors: frozenset[str]
    target: str | None = None  # None: the state stays


def _rule(states, actors, target=None) -> Rule:
    return Rule(tuple(states), frozenset(actors), target)


TRANSITIONS: dict[str, Rule] = {
    Action.EDIT: _rule([S.DRAFT], {AUTHOR}),
    Action.INVITE: _rule([S.DRAFT], {AUTHOR}),
    Action.COSIGN: _rule([S.DRAFT, S.SUBMITTED], {DEPUTY}),
    Action.SUBMIT: _rule([S.DRAFT], {AUTHOR}, S.SUBMITTED),
    Action.REGISTER: _rule([S.SUBMITTED], {STAFF}, S.REGISTERED),
    Action.DECLINE: _rule([S.SUBMITTED], {STAFF}, S.REFERENCE),
    Action.CLASSIFY: _rule([S.SUBMITTED, S.REGISTERED, S.ASSIGNED], {STAFF}),
    Action.SPLIT: _rule([S.SUBMITTED, S.REGISTERED], {STAFF}),
    Action.MERGE: _rule([S.SUBMITTED, S.REGISTERED], {STAFF}, S.MERGED),
    Action.ASSIGN: _rule([S.REGISTERED], {STAFF}, S.ASSIGNED),
    Action.REQUEST_REASSIGN: _rule(_HANDLING, {UNIT}),
    Action.DECIDE_REASSIGN: _rule(_HANDLING, {STAFF}),
    Action.SUPERVISE: _rule(_OPEN, {STAFF}),
    Action.RECORD_ACTIVITY: _rule((*_OPEN, S.CLOSED), {STAFF, UNIT}),
    Action.REPLY: _rule(_HANDLING, {UNIT}, S.REPLIED),
    Action.EVALUATE_SATISFIED: _rule([S.REPLIED], {AUTHOR}, S.CLOSED),
    Action.EVALUATE_BASIC: _rule([S.REPLIED], {AUTHOR}, S.CLOSED),
    Action.EVALUATE_UNSATISFIED: _rule([S.REPLIED], {AUTHOR}, S.REHANDLING),
    Action.KEEP_COMMITMENT: _rule((S.REPLIED, S.REHANDLING, S.CLOSED), {STAFF, UNIT}),
    Action.NOTE: _rule(_LIVE, {STAFF}),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    next_state: str
    message: str = ""


def decide(state: str, action: str, actors: set[str] | frozenset[str]) -> Decision:
    """Tell whether `actors` capacities allow `action` in `state`, and which state follows."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        return Decision(False, state, _("没有这项操作。"))
    label = str(ACTION_LABELS[Action(action)])
    if state not in rule.states:
        return Decision(
            False,
            state,
            _("建议当前状态为“%(state)s”，不能%(action)s。")
            % {"state": State(state).label, "action": label},
        )
    if not rule.actors & set(actors):
        return Decision(False, state, _("您无权对这条建议%(action)s。") % {"action": label})
    return Decision(True, rule.target or state)


def allowed_actions(state: str, actors: set[str] | frozenset[str]) -> list[str]:
    """List the actions someone with `actors` capacities may take in `state`, in table order."""
    return [action for action in TRANSITIONS if decide(state, action, actors).allowed]
