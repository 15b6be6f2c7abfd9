"""The tally rules: ballot checks, quorum, more than half of ALL entitled deputies, top N, ties."""

import itertools

import pytest

from renda.projects import tally
from renda.projects.tally import BallotError, Outcome

A, B, C, D, E = 1, 2, 3, 4, 5
CANDIDATES = [A, B, C, D, E]


def ballots(*groups: tuple[int, list[int]]) -> list[tuple[bool, list[int]]]:
    """Return `count` copies of each choice list, as valid ballots."""
    return [(False, choices) for count, choices in groups for _ in range(count)]


def outcomes(result: tally.Tally) -> dict[int, Outcome]:
    return {r.candidate: r.outcome for r in result.results}


class TestCheckBallot:
    def test_accepts_up_to_n_choices_sorted(self):
        assert tally.check_ballot([C, A], candidates=CANDIDATES, seats=3) == [A, C]
        assert tally.check_ballot([], candidates=CANDIDATES, seats=3) == []

    def test_refuses_over_voting(self):
        with pytest.raises(BallotError, match="最多只能选择 3 个项目"):
            tally.check_ballot([A, B, C, D], candidates=CANDIDATES, seats=3)

    def test_refuses_the_same_candidate_twice(self):
        with pytest.raises(BallotError, match="只能选择一次"):
            tally.check_ballot([A, A], candidates=CANDIDATES, seats=3)

    def test_refuses_a_stranger(self):
        with pytest.raises(BallotError, match="不属于本次票决"):
            tally.check_ballot([99], candidates=CANDIDATES, seats=3)

    @pytest.mark.parametrize("size", range(0, 6))
    def test_every_subset_size(self, size):
        for subset in itertools.combinations(CANDIDATES, size):
            if size <= 3:
                assert tally.check_ballot(subset, candidates=CANDIDATES, seats=3) == list(subset)
            else:
                with pytest.raises(BallotError):
                    tally.check_ballot(subset, candidates=CANDIDATES, seats=3)

    def test_double_voting_refused(self):
        tally.check_not_voted(False)
        with pytest.raises(BallotError, match="只能投票一次"):
            tally.check_not_voted(True)


class TestMoreThanHalf:
    @pytest.mark.parametrize(
        ("votes", "entitled", "expected"),
        [(50, 100, False), (51, 100, True), (50, 99, True), (49, 99, False), (0, 0, False),
         (1, 1, True), (1, 2, False), (2, 3, True)],
    )  # fmt: skip
    def test_counts_against_all_entitled(self, votes, entitled, expected):
        assert tally.passes(votes, entitled) is expected

    def test_half_of_those_present_is_not_enough(self):
        """70 of 100 entitled vote; 40 votes is most of those present but not of all deputies."""
        result = tally.count(ballots((40, [A]), (30, [B])), candidates=CANDIDATES, seats=3,
                             entitled=100)  # fmt: skip
        assert result.quorum
        assert outcomes(result)[A] == Outcome.FAILED
        assert result.adopted == []


class TestQuorum:
    @pytest.mark.parametrize(
        ("cast", "entitled", "expected"),
        [(66, 100, False), (67, 100, True), (2, 3, True), (1, 3, False), (0, 0, False),
         (100, 100, True)],
    )  # fmt: skip
    def test_two_thirds(self, cast, entitled, expected):
        assert tally.quorum_met(cast, entitled) is expected

    def test_other_fraction(self):
        assert tally.quorum_met(50, 100, num=1, den=2)  # 以上 includes the number itself
        assert not tally.quorum_met(49, 100, num=1, den=2)

    def test_without_quorum_nothing_is_adopted(self):
        result = tally.count(ballots((60, [A, B])), candidates=CANDIDATES, seats=3, entitled=100)
        assert not result.quorum
        assert set(outcomes(result).values()) == {Outcome.VOID}
        assert result.adopted == []


class TestTopN:
    def test_three_pass_of_five(self):
        """The story of the issue: 10 entitled, 5 candidates, N=3; three have more than half."""
        result = tally.count(
            ballots((6, [A, B, C]), (2, [A, D]), (1, [E]), (1, [])),
            candidates=CANDIDATES, seats=3, entitled=10,
        )  # fmt: skip
        assert result.cast == 10 and result.quorum
        assert result.adopted == [A, B, C]
        assert outcomes(result)[D] == Outcome.FAILED
        assert {r.candidate: r.votes for r in result.results} == {A: 8, B: 6, C: 6, D: 2, E: 1}

    def test_more_passing_than_seats_keeps_the_top_n(self):
        # 20 entitled, N = 2: A 13, B 12, C 11 all pass; the top two are adopted.
        result = tally.count(
            ballots((7, [A, B]), (6, [A, C]), (5, [B, C])),
            candidates=CANDIDATES, seats=2, entitled=20,
        )  # fmt: skip
        assert result.adopted == [A, B]
        assert outcomes(result)[C] == Outcome.PASSED

    def test_tie_at_the_last_seat_goes_to_a_runoff(self):
        # N = 2: A 8; B and C 6 each of 10, both pass, only one seat left.
        result = tally.count(
            ballots((4, [A, B]), (4, [A, C]), (2, [B, C])),
            candidates=CANDIDATES, seats=2, entitled=10,
        )  # fmt: skip
        assert result.adopted == [A]
        assert sorted(result.tied) == [B, C]
        assert result.seats_left == 1
        ranks = {r.candidate: r.rank for r in result.results}
        assert ranks[B] == ranks[C] == 2

    def test_tie_that_fits_the_seats_adopts_both(self):
        result = tally.count(
            ballots((4, [A, B, C]), (1, [A])), candidates=CANDIDATES, seats=3, entitled=5
        )
        assert sorted(result.adopted) == [A, B, C]
        assert result.tied == []

    def test_tie_among_failures_changes_nothing(self):
        result = tally.count(
            ballots((6, [A]), (2, [B]), (2, [C])), candidates=CANDIDATES, seats=2, entitled=10
        )
        assert result.adopted == [A]
        assert outcomes(result)[B] == outcomes(result)[C] == Outcome.FAILED

    def test_invalid_ballots_count_for_turnout_only(self):
        votes = [*ballots((5, [A])), (True, []), (True, [])]
        result = tally.count(votes, candidates=CANDIDATES, seats=1, entitled=9)
        assert result.cast == 7 and result.invalid == 2
        assert result.adopted == [A]  # 5 of 9 is more than half

    def test_an_over_voted_stored_ballot_is_refused_by_the_count(self):
        with pytest.raises(BallotError):
            tally.count([(False, [A, B])], candidates=CANDIDATES, seats=1, entitled=3)

    def test_more_ballots_than_deputies_is_refused(self):
        with pytest.raises(BallotError, match="多于"):
            tally.count(ballots((4, [A])), candidates=CANDIDATES, seats=1, entitled=3)


class TestReproducible:
    def test_same_box_in_any_order_gives_the_same_result_and_digest(self):
        box = ballots((4, [A, B]), (3, [C]), (2, [B, C]), (1, []))
        first = tally.count(box, candidates=CANDIDATES, seats=2, entitled=12)
        again = tally.count(list(reversed(box)), candidates=CANDIDATES, seats=2, entitled=12)
        assert first == again
        assert first.digest == tally.ballots_digest(box)

    def test_a_changed_ballot_changes_the_digest(self):
        box = ballots((2, [A]))
        assert tally.ballots_digest(box) != tally.ballots_digest(ballots((1, [A]), (1, [B])))
