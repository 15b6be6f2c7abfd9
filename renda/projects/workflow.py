"""Who may do what to a livelihood project round, proposal, project or vote, and what follows.

Pure Python: the transition table and one function, `decide()`. Any move not in the table is
refused. The services ask `decide()` before every change; docs/workflows/projects.md draws it.
"""

from dataclasses import dataclass
from enum import StrEnum


class Actor(StrEnum):
    STAFF = "staff"  # 人大机关工作人员 (and administrators) of the congress
    UNIT = "unit"  # a member of the project's responsible unit (承办单位)
    DEPUTY = "deputy"  # a deputy entitled to vote in the congress
    PUBLIC = "public"  # anyone: citizens on the public pages
    SYSTEM = "system"  # the count itself, not a person


class Kind(StrEnum):
    ROUND = "round"
    PROPOSAL = "proposal"
    PROJECT = "project"
    VOTE = "vote"


class RoundState(StrEnum):
    COLLECTING = "collecting"  # 群众点单：征集中
    SHORTLISTING = "shortlisting"  # 遴选候选项目
    COMMENTING = "commenting"  # 候选项目公示征求意见
    VOTING = "voting"  # 代表票决中
    DECIDED = "decided"  # 已票决，实施与监督
    CLOSED = "closed"  # 年度办结


class ProposalState(StrEnum):
    RECEIVED = "received"  # 已收到
    MERGED = "merged"  # 已归并为候选项目
    DECLINED = "declined"  # 未采纳


class ProjectState(StrEnum):
    DRAFT = "draft"  # 拟定中的候选项目
    CANDIDATE = "candidate"  # 已公示的候选项目
    WITHDRAWN = "withdrawn"  # 撤回
    TIED = "tied"  # 末位票数相同，待另行票决
    NOT_ADOPTED = "not_adopted"  # 未获通过或未进入前 N 名
    ADOPTED = "adopted"  # 票决通过（政府买单）
    IN_PROGRESS = "in_progress"  # 实施中
    COMPLETED = "completed"  # 已完成，待验收
    VERIFIED = "verified"  # 人大验单：已验收


class VoteState(StrEnum):
    OPEN = "open"  # 投票中
    COUNTED = "counted"  # 已计票


@dataclass(frozen=True)
class Rule:
    actors: frozenset[Actor]
    next_state: str


def _rule(actors: set[Actor], next_state: str) -> Rule:
    return Rule(frozenset(actors), next_state)


S, U, D, P, X = Actor.STAFF, Actor.UNIT, Actor.DEPUTY, Actor.PUBLIC, Actor.SYSTEM
R, PR, J, V = RoundState, ProposalState, ProjectState, VoteState

# (kind, state, action) -> who may, and the state that follows.
TRANSITIONS: dict[tuple[Kind, str, str], Rule] = {
    # The year's round.
    (Kind.ROUND, R.COLLECTING, "propose"): _rule({P, S}, R.COLLECTING),
    (Kind.ROUND, R.COLLECTING, "shortlist"): _rule({S}, R.COLLECTING),
    (Kind.ROUND, R.COLLECTING, "close_collection"): _rule({S}, R.SHORTLISTING),
    (Kind.ROUND, R.COLLECTING, "publish"): _rule({S}, R.COMMENTING),  # closes collection too
    (Kind.ROUND, R.SHORTLISTING, "shortlist"): _rule({S}, R.SHORTLISTING),
    (Kind.ROUND, R.SHORTLISTING, "publish"): _rule({S}, R.COMMENTING),
    (Kind.ROUND, R.COMMENTING, "comment"): _rule({P, D}, R.COMMENTING),
    (Kind.ROUND, R.COMMENTING, "open_vote"): _rule({S}, R.VOTING),
    (Kind.ROUND, R.VOTING, "count"): _rule({S}, R.DECIDED),
    (Kind.ROUND, R.VOTING, "void"): _rule({S}, R.COMMENTING),  # quorum not met: vote again
    (Kind.ROUND, R.DECIDED, "open_vote"): _rule({S}, R.VOTING),  # a runoff for tied seats
    (Kind.ROUND, R.DECIDED, "close"): _rule({S}, R.CLOSED),
    # Citizens' proposals (群众点单).
    (Kind.PROPOSAL, PR.RECEIVED, "merge"): _rule({S}, PR.MERGED),
    (Kind.PROPOSAL, PR.RECEIVED, "decline"): _rule({S}, PR.DECLINED),
    (Kind.PROPOSAL, PR.DECLINED, "reopen"): _rule({S}, PR.RECEIVED),
    # Candidates and, once adopted, projects.
    (Kind.PROJECT, J.DRAFT, "edit"): _rule({S}, J.DRAFT),
    (Kind.PROJECT, J.DRAFT, "publish"): _rule({S}, J.CANDIDATE),
    (Kind.PROJECT, J.DRAFT, "withdraw"): _rule({S}, J.WITHDRAWN),
    (Kind.PROJECT, J.CANDIDATE, "adopt"): _rule({X}, J.ADOPTED),
    (Kind.PROJECT, J.CANDIDATE, "reject"): _rule({X}, J.NOT_ADOPTED),
    (Kind.PROJECT, J.CANDIDATE, "hold"): _rule({X}, J.TIED),
    (Kind.PROJECT, J.TIED, "adopt"): _rule({X}, J.ADOPTED),
    (Kind.PROJECT, J.TIED, "reject"): _rule({X}, J.NOT_ADOPTED),
    (Kind.PROJECT, J.TIED, "hold"): _rule({X}, J.TIED),
    (Kind.PROJECT, J.ADOPTED, "plan"): _rule({S, U}, J.ADOPTED),
    (Kind.PROJECT, J.IN_PROGRESS, "plan"): _rule({S, U}, J.IN_PROGRESS),
    (Kind.PROJECT, J.ADOPTED, "report"): _rule({S, U}, J.IN_PROGRESS),
    (Kind.PROJECT, J.IN_PROGRESS, "report"): _rule({S, U}, J.IN_PROGRESS),
    (Kind.PROJECT, J.ADOPTED, "complete"): _rule({S, U}, J.COMPLETED),
    (Kind.PROJECT, J.IN_PROGRESS, "complete"): _rule({S, U}, J.COMPLETED),
    (Kind.PROJECT, J.ADOPTED, "check_in"): _rule({S}, J.ADOPTED),
    (Kind.PROJECT, J.IN_PROGRESS, "check_in"): _rule({S}, J.IN_PROGRESS),
    (Kind.PROJECT, J.COMPLETED, "check_in"): _rule({S}, J.COMPLETED),
    (Kind.PROJECT, J.ADOPTED, "respond"): _rule({U}, J.ADOPTED),
    (Kind.PROJECT, J.IN_PROGRESS, "respond"): _rule({U}, J.IN_PROGRESS),
    (Kind.PROJECT, J.COMPLETED, "respond"): _rule({U}, J.COMPLETED),
    (Kind.PROJECT, J.IN_PROGRESS, "evaluate"): _rule({D, P}, J.IN_PROGRESS),
    (Kind.PROJECT, J.COMPLETED, "evaluate"): _rule({D, P}, J.COMPLETED),
    (Kind.PROJECT, J.COMPLETED, "verify"): _rule({S}, J.VERIFIED),
    (Kind.PROJECT, J.COMPLETED, "send_back"): _rule({S}, J.IN_PROGRESS),
    # The vote (票决) of a round; a runoff is a second vote.
    (Kind.VOTE, V.OPEN, "cast"): _rule({D}, V.OPEN),
    (Kind.VOTE, V.OPEN, "enter_paper"): _rule({S}, V.OPEN),
    (Kind.VOTE, V.OPEN, "count"): _rule({S}, V.COUNTED),
}

STATES: dict[Kind, type[StrEnum]] = {
    Kind.ROUND: RoundState,
    Kind.PROPOSAL: ProposalState,
    Kind.PROJECT: ProjectState,
    Kind.VOTE: VoteState,
}
ACTIONS: dict[Kind, frozenset[str]] = {
    kind: frozenset(a for (k, _s, a) in TRANSITIONS if k == kind) for kind in STATES
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    next_state: str | None = None
    reason: str = ""


def decide(kind: Kind, state: str, action: str, actors: set[Actor] | frozenset[Actor]) -> Decision:
    """Answer whether someone acting as any of `actors` may do `action` now, and what follows."""
    rule = TRANSITIONS.get((kind, state, action))
    if rule is None:
        return Decision(False, reason="当前状态下不能进行这项操作。")
    if not rule.actors & set(actors):
        return Decision(False, reason="您没有进行这项操作的权限。")
    return Decision(True, next_state=rule.next_state)


def available(kind: Kind, state: str, actors: set[Actor] | frozenset[Actor]) -> list[str]:
    """Return the actions `actors` may take on a `kind` in `state`, for showing buttons."""
    return sorted(a for a in ACTIONS[kind] if decide(kind, state, a, actors).allowed)
