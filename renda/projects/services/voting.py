"""The vote (代表定单): open with a fixed roll, cast secret ballots, enter paper ones, count.

Secrecy: `Elector` says who voted, `Ballot` what was chosen; they are written in the same
transaction (so a deputy can never vote without the ballot being kept, or the reverse) but share
no key, time or order. The audit entry of a cast names the deputy and never the choices.
"""

import random
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.notices import notify
from renda.core.timeline import timeline_record
from renda.directory.models import Deputy
from renda.directory.selectors import session_deputies
from renda.projects import tally
from renda.projects.models import Ballot, Elector, Project, Result, Round, Vote
from renda.projects.services.common import actors_for, require, serving_deputy
from renda.projects.workflow import Actor, Kind

OUTCOME_ACTIONS = {
    tally.Outcome.ADOPTED: "adopt",
    tally.Outcome.PASSED: "reject",
    tally.Outcome.FAILED: "reject",
    tally.Outcome.TIED: "hold",
}


def entitled_deputies(round: Round):
    """Deputies entitled to vote: those who sit in the round's congress session."""
    return session_deputies(round.congress)


@transaction.atomic
def vote_open(
    *, round: Round, actor: User, title: str = "", quorum: tuple[int, int] = (2, 3)
) -> Vote:
    """Open the vote on the published candidates, or a runoff on tied ones; fix the roll now."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    next_state = require(Kind.ROUND, round.state, "open_vote", actors_for(actor, round.congress))
    if round.votes.filter(state=Vote.State.OPEN).exists():
        raise ValidationError(_("已有正在进行的票决。"))
    tied = list(round.projects.filter(state=Project.State.TIED))
    if tied:
        adopted = round.projects.filter(state__in=_ADOPTED_STATES).count()
        candidates, seats = tied, round.seats - adopted
        title = title or _("%(t)s（并列项目另行票决）") % {"t": round.title}
    else:
        candidates = list(round.projects.filter(state=Project.State.CANDIDATE))
        seats = round.seats
        title = title or _("%(t)s代表票决") % {"t": round.title}
    if len(candidates) < 1 or seats < 1:
        raise ValidationError(_("没有可以票决的候选项目。"))
    roll = list(entitled_deputies(round).select_related("user"))
    if not roll:
        raise ValidationError(_("名录中没有本级人大的在任代表，无法票决。"))
    num, den = quorum
    if not (0 < num <= den):
        raise ValidationError({"quorum": _("法定人数比例不正确。")})
    vote = Vote.objects.create(
        round=round,
        title=title[:100],
        seats=seats,
        entitled=len(roll),
        quorum_num=num,
        quorum_den=den,
    )
    vote.candidates.set(candidates)
    Elector.objects.bulk_create([Elector(vote=vote, deputy=deputy) for deputy in roll])
    round.state = next_state
    round.save(update_fields=["state"])
    audit_record(
        "projects.vote.open",
        actor=actor,
        congress=round.congress,
        target=vote,
        data={"entitled": len(roll), "seats": seats, "candidates": len(candidates)},
    )
    timeline_record(
        round,
        verb="open_vote",
        actor=actor,
        public=True,
        summary=_("代表票决开始：%(m)d 个候选项目选 %(n)d 个") % {"m": len(candidates), "n": seats},
    )
    for deputy in roll:
        if deputy.user_id:
            notify(
                deputy.user,
                title=_("请参加民生实事项目票决"),
                kind="projects.vote",
                body=vote.title,
                url=f"/projects/votes/{vote.pk}/ballot/",
                congress=round.congress,
            )
    return vote


_ADOPTED_STATES = (
    Project.State.ADOPTED,
    Project.State.IN_PROGRESS,
    Project.State.COMPLETED,
    Project.State.VERIFIED,
)


def _candidate_ids(vote: Vote) -> list[int]:
    return list(vote.candidates.values_list("pk", flat=True))


def _claim(vote: Vote, deputy: Deputy, channel: str, actor: User) -> None:
    """Mark `deputy` as having voted, once: the conditional UPDATE is the guard."""
    electors = Elector.objects.filter(vote=vote, deputy=deputy)
    if not electors.exists():
        raise PermissionDenied(_("您不在本次票决的代表名单中。"))
    claimed = electors.filter(voted_at__isnull=True).update(
        voted_at=timezone.now(), channel=channel, recorded_by=actor
    )
    tally.check_not_voted(already_voted=not claimed)


@transaction.atomic
def ballot_cast(*, vote: Vote, choices: Iterable[int], actor: User) -> None:
    """Cast the acting deputy's electronic ballot: up to N choices, once, in secret."""
    vote = Vote.objects.select_related("round__congress").get(pk=vote.pk)
    congress = vote.round.congress
    require(Kind.VOTE, vote.state, "cast", actors_for(actor, congress))
    deputy = serving_deputy(actor, congress)
    try:
        chosen = tally.check_ballot(choices, candidates=_candidate_ids(vote), seats=vote.seats)
        _claim(vote, deputy, Elector.Channel.ELECTRONIC, actor)
    except tally.BallotError as exc:
        raise ValidationError({"choices": str(exc)}) from exc
    Ballot.objects.create(vote=vote, choices=chosen)
    audit_record("projects.ballot.cast", actor=actor, congress=congress, target=vote)


@transaction.atomic
def paper_voter_record(*, vote: Vote, deputy: Deputy, actor: User) -> None:
    """Record that `deputy` handed in a paper ballot (签到); the ballot is entered separately."""
    vote = Vote.objects.select_related("round__congress").get(pk=vote.pk)
    congress = vote.round.congress
    require(Kind.VOTE, vote.state, "enter_paper", actors_for(actor, congress))
    try:
        _claim(vote, deputy, Elector.Channel.PAPER, actor)
    except tally.BallotError as exc:
        raise ValidationError({"deputy": _("这位代表已经投过票。")}) from exc
    except PermissionDenied as exc:
        raise ValidationError({"deputy": _("这位代表不在本次票决的代表名单中。")}) from exc
    audit_record(
        "projects.ballot.paper_voter",
        actor=actor,
        congress=congress,
        target=vote,
        data={"deputy": deputy.pk},
    )


@transaction.atomic
def paper_ballot_enter(
    *, vote: Vote, choices: Iterable[int], invalid: bool = False, actor: User
) -> None:
    """Enter the contents of one paper ballot; never more than the paper voters recorded."""
    vote = Vote.objects.select_for_update().select_related("round__congress").get(pk=vote.pk)
    congress = vote.round.congress
    require(Kind.VOTE, vote.state, "enter_paper", actors_for(actor, congress))
    paper_voters = Elector.objects.filter(vote=vote, channel=Elector.Channel.PAPER).count()
    if vote.paper_entered >= paper_voters:
        raise ValidationError(
            _("已录入的纸质选票（%(n)d 张）已等于交回纸质选票的代表人数，请先登记投票代表。")
            % {"n": vote.paper_entered}
        )
    chosen: list[int] = []
    if not invalid:
        try:
            chosen = tally.check_ballot(choices, candidates=_candidate_ids(vote), seats=vote.seats)
        except tally.BallotError as exc:
            raise ValidationError(
                {"choices": _("%(e)s 超选的纸质选票请作为废票录入。") % {"e": exc}}
            ) from exc
    Ballot.objects.create(vote=vote, choices=chosen, invalid=invalid)
    vote.paper_entered += 1
    vote.save(update_fields=["paper_entered"])
    audit_record("projects.ballot.paper_enter", actor=actor, congress=congress, target=vote)


def _shuffle_box(vote: Vote) -> list[tuple[bool, list[int]]]:
    """Rewrite the ballots in random order under new random keys; return their contents."""
    contents = [(b.invalid, list(b.choices)) for b in Ballot.objects.filter(vote=vote)]
    random.SystemRandom().shuffle(contents)
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(
        [Ballot(id=uuid.uuid4(), vote=vote, invalid=i, choices=c) for i, c in contents]
    )
    return contents


@transaction.atomic
def vote_count(*, vote: Vote, actor: User) -> tally.Tally:
    """Close the vote, shuffle the box, count it and decide every candidate."""
    vote = Vote.objects.select_for_update().select_related("round__congress").get(pk=vote.pk)
    round = Round.objects.select_for_update().get(pk=vote.round_id)
    congress = round.congress
    actors = actors_for(actor, congress)
    vote.state = require(Kind.VOTE, vote.state, "count", actors)
    voted = Elector.objects.filter(vote=vote, voted_at__isnull=False).count()
    if voted != Ballot.objects.filter(vote=vote).count():
        raise ValidationError(_("投票代表人数与票箱中的选票数不一致，请先录入全部纸质选票。"))
    ballots = _shuffle_box(vote)
    result = tally.count(
        ballots,
        candidates=_candidate_ids(vote),
        seats=vote.seats,
        entitled=vote.entitled,
        quorum_num=vote.quorum_num,
        quorum_den=vote.quorum_den,
    )
    vote.counted_at = timezone.now()
    vote.cast, vote.invalid = result.cast, result.invalid
    vote.quorum_met, vote.digest = result.quorum, result.digest
    vote.save()
    projects = {p.pk: p for p in Project.objects.filter(pk__in=_candidate_ids(vote))}
    for row in result.results:
        Result.objects.create(
            vote=vote, project_id=row.candidate, votes=row.votes, outcome=row.outcome, rank=row.rank
        )
        if not result.quorum:
            continue
        project = projects[row.candidate]
        project.state = require(
            Kind.PROJECT, project.state, OUTCOME_ACTIONS[row.outcome], {Actor.SYSTEM}
        )
        project.votes = row.votes
        project.save(update_fields=["state", "votes", "updated_at"])
        timeline_record(
            project,
            verb=row.outcome,
            actor=actor,
            public=True,
            summary=_("票决得票 %(v)d 票：%(o)s")
            % {"v": row.votes, "o": OUTCOME_LABELS[row.outcome]},
        )
    if result.quorum:
        round.state = require(Kind.ROUND, round.state, "count", actors)
        summary = _("票决结果：%(a)d 个项目通过") % {"a": len(result.adopted)}
    else:
        round.state = require(Kind.ROUND, round.state, "void", actors)
        summary = _("投票人数未达法定人数，本次票决无效")
    round.save(update_fields=["state"])
    audit_record(
        "projects.vote.count",
        actor=actor,
        congress=congress,
        target=vote,
        data={"cast": result.cast, "digest": result.digest, "quorum": result.quorum},
    )
    timeline_record(round, verb="count", summary=summary, actor=actor, public=True)
    return result


OUTCOME_LABELS = {
    tally.Outcome.ADOPTED: gettext_lazy("通过"),
    tally.Outcome.PASSED: gettext_lazy("过半数但未进入前列"),
    tally.Outcome.TIED: gettext_lazy("末位票数相同，待另行票决"),
    tally.Outcome.FAILED: gettext_lazy("未过全体代表半数"),
    tally.Outcome.VOID: gettext_lazy("票决无效"),
}
