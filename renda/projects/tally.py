"""The rules of the vote (票决) as pure functions: ballot checks, quorum, more-than-half, top N.

No Django and no database: the tally is computed from the stored ballots alone, so anyone
holding them can count again and get the same result.

- A ballot marks up to `seats` (N) of the candidates (M); marking more is over-voting and the
  ballot is refused (an over-marked paper ballot is entered as invalid, 废票, instead).
- The vote counts only if at least `quorum_num/quorum_den` of the deputies entitled to vote
  (全体代表) cast a ballot (default two thirds, as a session needs to be held).
- A candidate passes when its votes are MORE than half of ALL deputies entitled to vote, not
  of those present: 2 × votes > entitled.
- Of those that pass, the N with most votes are adopted. When candidates tie for the last seat
  and adopting them all would exceed N, none of the tied ones is adopted: they go to a runoff
  (另行票决) for the seats left.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class BallotError(ValueError):
    """A ballot that may not be stored; the message is Chinese."""


class Outcome(StrEnum):
    ADOPTED = "adopted"  # passed and within the top N
    PASSED = "passed"  # more than half, but below the top N
    TIED = "tied"  # passed, tied for the last seat: needs a runoff
    FAILED = "failed"  # not more than half of all entitled deputies
    VOID = "void"  # the vote did not reach its quorum


def check_ballot(choices: Iterable[int], *, candidates: Iterable[int], seats: int) -> list[int]:
    """Return the ballot's choices sorted, or raise BallotError: unknown, repeated, too many."""
    chosen = list(choices)
    allowed = set(candidates)
    if len(set(chosen)) != len(chosen):
        raise BallotError("同一候选项目只能选择一次。")
    unknown = [c for c in chosen if c not in allowed]
    if unknown:
        raise BallotError("选票中有不属于本次票决的候选项目。")
    if len(chosen) > seats:
        raise BallotError(f"最多只能选择 {seats} 个项目，您选择了 {len(chosen)} 个。")
    return sorted(chosen)


def check_not_voted(already_voted: bool) -> None:
    """Refuse a second ballot from the same deputy."""
    if already_voted:
        raise BallotError("您已经投过票，每位代表只能投票一次。")


def quorum_met(cast: int, entitled: int, *, num: int = 2, den: int = 3) -> bool:
    """Tell whether `cast` ballots reach num/den of the `entitled` deputies."""
    if entitled <= 0:
        return False
    return cast * den >= entitled * num


def passes(votes: int, entitled: int) -> bool:
    """Tell whether `votes` are more than half of all deputies entitled to vote."""
    return entitled > 0 and votes * 2 > entitled


@dataclass(frozen=True)
class CandidateResult:
    candidate: int
    votes: int
    outcome: Outcome
    rank: int  # 1 = most votes; equal votes share a rank


@dataclass(frozen=True)
class Tally:
    entitled: int
    cast: int  # ballots handed in, valid or not
    invalid: int  # ballots entered as invalid (废票)
    seats: int
    quorum: bool
    results: tuple[CandidateResult, ...] = field(default_factory=tuple)
    digest: str = ""

    @property
    def adopted(self) -> list[int]:
        return [r.candidate for r in self.results if r.outcome == Outcome.ADOPTED]

    @property
    def tied(self) -> list[int]:
        return [r.candidate for r in self.results if r.outcome == Outcome.TIED]

    @property
    def seats_left(self) -> int:
        return self.seats - len(self.adopted) if self.tied else 0


def ballots_digest(ballots: Sequence[tuple[bool, Sequence[int]]]) -> str:
    """Return a SHA-256 of the ballots in a canonical order, to show two counts saw the same box."""
    lines = sorted(("X" if invalid else ",".join(map(str, sorted(c)))) for invalid, c in ballots)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def count(
    ballots: Sequence[tuple[bool, Sequence[int]]],
    *,
    candidates: Sequence[int],
    seats: int,
    entitled: int,
    quorum_num: int = 2,
    quorum_den: int = 3,
) -> Tally:
    """Count `(invalid, choices)` ballots and decide every candidate's outcome."""
    if seats < 1:
        raise ValueError("seats must be at least 1")
    if len(ballots) > entitled:
        raise BallotError("选票数多于有表决权的代表人数，计票无效。")
    votes = dict.fromkeys(candidates, 0)
    invalid = 0
    for is_invalid, choices in ballots:
        if is_invalid:
            invalid += 1
            continue
        for choice in check_ballot(choices, candidates=candidates, seats=seats):
            votes[choice] += 1
    quorum = quorum_met(len(ballots), entitled, num=quorum_num, den=quorum_den)
    ordered = sorted(candidates, key=lambda c: (-votes[c], c))
    ranks: dict[int, int] = {}
    for position, candidate in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous is not None and votes[previous] == votes[candidate]
        ranks[candidate] = ranks[previous] if same else position
    passing = [c for c in ordered if passes(votes[c], entitled)]
    outcomes: dict[int, Outcome] = {}
    if not quorum:
        outcomes = dict.fromkeys(candidates, Outcome.VOID)
    else:
        outcomes = {c: Outcome.FAILED for c in candidates}
        if len(passing) <= seats:
            outcomes.update(dict.fromkeys(passing, Outcome.ADOPTED))
        else:
            boundary = votes[passing[seats - 1]]  # votes of the N-th passing candidate
            above = [c for c in passing if votes[c] > boundary]
            at = [c for c in passing if votes[c] == boundary]
            outcomes.update(dict.fromkeys(above, Outcome.ADOPTED))
            if len(above) + len(at) <= seats:  # the tie fits in the seats: all adopted
                outcomes.update(dict.fromkeys(at, Outcome.ADOPTED))
            else:
                outcomes.update(dict.fromkeys(at, Outcome.TIED))
            below = [c for c in passing if votes[c] < boundary]
            outcomes.update(dict.fromkeys(below, Outcome.PASSED))
    results = tuple(
        CandidateResult(candidate=c, votes=votes[c], outcome=outcomes[c], rank=ranks[c])
        for c in ordered
    )
    return Tally(
        entitled=entitled,
        cast=len(ballots),
        invalid=invalid,
        seats=seats,
        quorum=quorum,
        results=results,
        digest=ballots_digest(ballots),
    )
