"""Services on the database: collection, the secret vote, implementation and supervision."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from renda.core.models import AuditEvent, Notification
from renda.core.timeline import timeline_for
from renda.projects import services
from renda.projects.models import Ballot, CheckIn, Elector, Project, Proposal, Result, Round
from renda.projects.tests.factories import make_candidate, make_round, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world(deputies=10)


def cast_all(vote, world, choices_by_deputy):
    for n, choices in choices_by_deputy.items():
        services.ballot_cast(vote=vote, choices=choices, actor=world.deputy_user(n))


class TestProposals:
    def test_submit_is_stored_in_the_open_round_with_a_public_step(self, world):
        round_ = services.round_create(congress=world.congress, year=2027, title="2027年",
                                       seats=3, actor=world.staff)  # fmt: skip
        proposal = services.proposal_submit(
            congress=world.congress, title="建设社区食堂", body="老人吃饭难", name="王大爷",
            phone="138 0013 8000", source_label="扫码",
        )  # fmt: skip
        assert proposal.round == round_ and proposal.phone == "13800138000"
        assert len(proposal.tracking_code) == 8
        assert [e.verb for e in timeline_for(proposal, public_only=True)] == ["receive"]
        event = AuditEvent.objects.get(action="projects.proposal.submit")
        assert "13800138000" not in str(event.data) and "王大爷" not in str(event.data)

    def test_same_idempotency_key_returns_the_first(self, world):
        first = services.proposal_submit(congress=world.congress, title="修路", body="坑多",
                                         idempotency_key="k-1")  # fmt: skip
        again = services.proposal_submit(congress=world.congress, title="修路", body="坑多",
                                         idempotency_key="k-1")  # fmt: skip
        assert first.pk == again.pk and Proposal.objects.count() == 1

    def test_stored_even_without_an_open_round(self, world):
        proposal = services.proposal_submit(congress=world.congress, title="修路", body="坑多")
        assert proposal.pk and proposal.round is None

    @pytest.mark.parametrize(
        ("title", "body", "phone", "field"),
        [("", "x", "", "title"), ("x", "", "", "body"), ("x" * 101, "x", "", "title"),
         ("x", "x", "12345", "phone")],
    )  # fmt: skip
    def test_bad_input_is_refused_at_its_field(self, world, title, body, phone, field):
        with pytest.raises(ValidationError) as exc:
            services.proposal_submit(congress=world.congress, title=title, body=body, phone=phone)
        assert field in exc.value.message_dict
        assert Proposal.objects.count() == 0

    def test_merge_and_decline(self, world):
        round_ = services.round_create(congress=world.congress, year=2027, title="2027年",
                                       seats=1, actor=world.staff)  # fmt: skip
        one = services.proposal_submit(congress=world.congress, title="加装电梯", body="爬楼难")
        two = services.proposal_submit(congress=world.congress, title="算命馆", body="想算命")
        project = services.candidate_save(
            round=round_, title="老旧小区加装电梯", scope="20个小区", budget="800",
            unit=world.unit, co_units=[world.other_unit], starts_on=dt.date(2027, 3, 1),
            ends_on=dt.date(2027, 12, 1), proposals=[one], actor=world.staff,
        )  # fmt: skip
        services.proposal_decline(proposal=two, reply="不属于民生实事范围", actor=world.staff)
        one.refresh_from_db()
        two.refresh_from_db()
        assert one.state == "merged" and one.project == project
        assert two.state == "declined"
        assert "加装电梯" in timeline_for(one, public_only=True).last().summary
        three = services.proposal_submit(congress=world.congress, title="修桥", body="桥旧")
        with pytest.raises(PermissionDenied):
            services.proposal_decline(proposal=three, reply="x", actor=world.unit_user)
        with pytest.raises(ValidationError):  # already merged
            services.proposal_decline(proposal=one, reply="x", actor=world.staff)


class TestCandidates:
    def test_unit_must_be_a_handling_unit_of_the_congress(self, world):
        round_ = services.round_create(congress=world.congress, year=2027, title="t", seats=1,
                                       actor=world.staff)  # fmt: skip
        world.unit.is_handling_unit = False
        world.unit.save()
        with pytest.raises(ValidationError) as exc:
            make_candidate(world, round_)
        assert "unit" in exc.value.message_dict

    def test_dates_and_budget_checked(self, world):
        round_ = services.round_create(congress=world.congress, year=2027, title="t", seats=1,
                                       actor=world.staff)  # fmt: skip
        with pytest.raises(ValidationError) as exc:
            services.candidate_save(round=round_, title="x", scope="x", budget="abc",
                                    unit=world.unit, starts_on=dt.date(2027, 3, 1),
                                    ends_on=dt.date(2027, 4, 1), actor=world.staff)  # fmt: skip
        assert "budget" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.candidate_save(round=round_, title="x", scope="x", budget="1",
                                    unit=world.unit, starts_on=dt.date(2027, 3, 1),
                                    ends_on=dt.date(2027, 1, 1), actor=world.staff)  # fmt: skip
        assert "ends_on" in exc.value.message_dict

    def test_publish_needs_more_candidates_than_seats(self, world):
        round_ = services.round_create(congress=world.congress, year=2027, title="t", seats=3,
                                       actor=world.staff)  # fmt: skip
        for n in range(3):
            make_candidate(world, round_, title=f"项目{n}")
        with pytest.raises(ValidationError, match="差额"):
            services.round_publish(round=round_, comment_until=None, actor=world.staff)
        make_candidate(world, round_, title="项目3")
        services.round_publish(round=round_, comment_until=None, actor=world.staff)
        assert set(round_.projects.values_list("state", flat=True)) == {"candidate"}

    def test_comment_only_while_published(self, world):
        round_ = make_round(world)
        project = round_.projects.first()
        services.comment_add(project=project, body="希望优先考虑无障碍设施")
        assert project.comments.count() == 1
        services.vote_open(round=round_, actor=world.staff)
        with pytest.raises(ValidationError):
            services.comment_add(project=project, body="晚了")


class TestVote:
    def test_three_of_five_pass_with_a_paper_ballot(self, world):
        round_ = make_round(world, seats=3, candidates=5)
        a, b, c, d, e = round_.projects.order_by("id")
        vote = services.vote_open(round=round_, actor=world.staff)
        assert vote.entitled == 10 and vote.seats == 3
        assert Notification.objects.filter(kind="projects.vote").count() == 10
        cast_all(vote, world, {n: [a.pk, b.pk, c.pk] for n in range(5)})
        cast_all(vote, world, {5: [a.pk, d.pk], 6: [b.pk, e.pk], 7: [c.pk], 8: []})
        services.paper_voter_record(vote=vote, deputy=world.deputies[9], actor=world.staff)
        services.paper_ballot_enter(vote=vote, choices=[a.pk, b.pk, c.pk], actor=world.staff)
        result = services.vote_count(vote=vote, actor=world.staff)
        assert result.cast == 10 and result.quorum
        assert sorted(result.adopted) == [a.pk, b.pk, c.pk]
        states = dict(round_.projects.values_list("pk", "state"))
        assert states == {a.pk: "adopted", b.pk: "adopted", c.pk: "adopted",
                          d.pk: "not_adopted", e.pk: "not_adopted"}  # fmt: skip
        round_.refresh_from_db()
        assert round_.state == "decided"
        assert Result.objects.filter(vote=vote).count() == 5
        assert Project.objects.get(pk=a.pk).votes == 7

    def test_double_voting_refused(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        first = round_.projects.first().pk
        services.ballot_cast(vote=vote, choices=[first], actor=world.deputy_user(0))
        with pytest.raises(ValidationError, match="只能投票一次"):
            services.ballot_cast(vote=vote, choices=[], actor=world.deputy_user(0))
        with pytest.raises(ValidationError, match="已经投过票"):
            services.paper_voter_record(vote=vote, deputy=world.deputies[0], actor=world.staff)
        assert Ballot.objects.filter(vote=vote).count() == 1

    def test_over_voting_refused_and_nothing_recorded(self, world):
        round_ = make_round(world, seats=2, candidates=4)
        vote = services.vote_open(round=round_, actor=world.staff)
        ids = list(round_.projects.values_list("pk", flat=True))
        with pytest.raises(ValidationError, match="最多只能选择 2 个"):
            services.ballot_cast(vote=vote, choices=ids[:3], actor=world.deputy_user(0))
        assert not Elector.objects.filter(vote=vote, voted_at__isnull=False).exists()
        assert not Ballot.objects.filter(vote=vote).exists()
        services.ballot_cast(vote=vote, choices=ids[:2], actor=world.deputy_user(0))

    def test_only_deputies_on_the_roll_vote(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        with pytest.raises(PermissionDenied):
            services.ballot_cast(vote=vote, choices=[], actor=world.staff)
        with pytest.raises(PermissionDenied):
            services.ballot_cast(vote=vote, choices=[], actor=world.unit_user)

    def test_paper_ballots_never_exceed_paper_voters_and_over_votes_go_invalid(self, world):
        round_ = make_round(world, seats=1, candidates=3)
        vote = services.vote_open(round=round_, actor=world.staff)
        ids = list(round_.projects.values_list("pk", flat=True))
        with pytest.raises(ValidationError, match="请先登记"):
            services.paper_ballot_enter(vote=vote, choices=[ids[0]], actor=world.staff)
        services.paper_voter_record(vote=vote, deputy=world.deputies[3], actor=world.staff)
        with pytest.raises(ValidationError, match="废票"):
            services.paper_ballot_enter(vote=vote, choices=ids[:2], actor=world.staff)
        services.paper_ballot_enter(vote=vote, choices=[], invalid=True, actor=world.staff)
        with pytest.raises(ValidationError):
            services.paper_ballot_enter(vote=vote, choices=[ids[0]], actor=world.staff)
        assert Ballot.objects.get(vote=vote).invalid

    def test_count_refuses_while_paper_ballots_are_missing(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        services.paper_voter_record(vote=vote, deputy=world.deputies[1], actor=world.staff)
        with pytest.raises(ValidationError, match="不一致"):
            services.vote_count(vote=vote, actor=world.staff)

    def test_without_quorum_the_vote_is_void_and_can_be_held_again(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        first = round_.projects.first().pk
        cast_all(vote, world, {n: [first] for n in range(6)})  # 6 of 10 < two thirds
        result = services.vote_count(vote=vote, actor=world.staff)
        assert not result.quorum and result.adopted == []
        round_.refresh_from_db()
        assert round_.state == "commenting"
        assert set(round_.projects.values_list("state", flat=True)) == {"candidate"}
        again = services.vote_open(round=round_, actor=world.staff)
        assert again.pk != vote.pk

    def test_tie_for_the_last_seat_then_a_runoff(self, world):
        round_ = make_round(world, seats=2, candidates=3)
        a, b, c = round_.projects.order_by("id")
        vote = services.vote_open(round=round_, actor=world.staff)
        choices = {n: [a.pk, b.pk] for n in range(4)}
        choices |= {n: [a.pk, c.pk] for n in range(4, 8)}
        choices |= {8: [b.pk, c.pk], 9: [b.pk, c.pk]}
        cast_all(vote, world, choices)
        result = services.vote_count(vote=vote, actor=world.staff)
        assert result.adopted == [a.pk] and sorted(result.tied) == [b.pk, c.pk]
        runoff = services.vote_open(round=round_, actor=world.staff)
        assert runoff.seats == 1
        assert set(runoff.candidates.values_list("pk", flat=True)) == {b.pk, c.pk}
        cast_all(runoff, world, {n: [b.pk] for n in range(7)})
        services.vote_count(vote=runoff, actor=world.staff)
        states = dict(round_.projects.values_list("pk", "state"))
        assert states == {a.pk: "adopted", b.pk: "adopted", c.pk: "not_adopted"}


class TestSecrecy:
    def test_nothing_joins_a_voter_to_a_ballot(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        ids = list(round_.projects.values_list("pk", flat=True))
        services.ballot_cast(vote=vote, choices=[ids[0]], actor=world.deputy_user(0))
        services.ballot_cast(vote=vote, choices=[ids[1]], actor=world.deputy_user(1))
        ballot_fields = {f.name for f in Ballot._meta.get_fields()}
        assert ballot_fields == {"id", "vote", "choices", "invalid"}
        for event in AuditEvent.objects.filter(action__startswith="projects.ballot"):
            assert event.data == {}
            assert event.target_type == "projects.vote" and event.target_label == vote.title

    def test_counting_reshuffles_the_box_under_new_keys(self, world):
        round_ = make_round(world)
        vote = services.vote_open(round=round_, actor=world.staff)
        ids = list(round_.projects.values_list("pk", flat=True))
        cast_all(vote, world, {n: [ids[n % 5]] for n in range(10)})
        before = set(Ballot.objects.filter(vote=vote).values_list("id", flat=True))
        contents = sorted(tuple(c) for c in Ballot.objects.filter(vote=vote)
                          .values_list("choices", flat=True))  # fmt: skip
        services.vote_count(vote=vote, actor=world.staff)
        after = set(Ballot.objects.filter(vote=vote).values_list("id", flat=True))
        assert before.isdisjoint(after) and len(after) == 10
        assert contents == sorted(tuple(c) for c in Ballot.objects.filter(vote=vote)
                                  .values_list("choices", flat=True))  # fmt: skip


class TestImplementation:
    @pytest.fixture
    def adopted(self, world):
        round_ = make_round(world, seats=3, candidates=5)
        ids = list(round_.projects.order_by("id").values_list("pk", flat=True))
        vote = services.vote_open(round=round_, actor=world.staff)
        cast_all(vote, world, {n: ids[:3] for n in range(10)})
        services.vote_count(vote=vote, actor=world.staff)
        return Project.objects.get(pk=ids[0])

    def _photo(self):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
        return SimpleUploadedFile("site.png", buffer.getvalue(), content_type="image/png")

    def test_unit_reports_progress_with_a_photo(self, world, adopted):
        services.milestone_add(project=adopted, title="完成设计", due_on=dt.date(2027, 4, 1),
                               actor=world.unit_user)  # fmt: skip
        report = services.progress_report(
            project=adopted, percent="40", spent="300.5", summary="已完成 8 个小区",
            photos=[self._photo()], actor=world.unit_user,
        )  # fmt: skip
        adopted.refresh_from_db()
        assert adopted.state == "in_progress" and adopted.percent == 40
        assert str(adopted.spent) == "300.50"
        from renda.core.models import Attachment

        assert Attachment.objects.filter(owner_id=report.pk).count() == 1

    def test_a_text_file_is_not_a_photo(self, world, adopted):
        fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
        with pytest.raises(ValidationError) as exc:
            services.progress_report(project=adopted, percent=10, spent=1, summary="x",
                                     photos=[fake], actor=world.unit_user)  # fmt: skip
        assert "photos" in exc.value.message_dict

    def test_another_unit_may_not_report(self, world, adopted):
        from renda.core.roles import Role
        from renda.core.tests.factories import make_user

        stranger = make_user(roles={Role.UNIT: world.congress})
        world.other_unit.members.add(stranger)
        with pytest.raises(PermissionDenied):
            services.progress_report(project=adopted, percent=10, spent=1, summary="x",
                                     actor=stranger)  # fmt: skip

    def test_three_check_ins_evaluation_and_verification(self, world, adopted):
        for stage, day in (("arrangement", 3), ("progress", 7), ("results", 12)):
            services.check_in_record(project=adopted, stage=stage, held_on=dt.date(2027, day, 1),
                                     findings="现场查看", requests="加快进度" if day == 7 else "",
                                     actor=world.staff)  # fmt: skip
        with pytest.raises(ValidationError):
            services.check_in_record(project=adopted, stage="results",
                                     held_on=dt.date(2027, 12, 2), findings="again",
                                     actor=world.staff)  # fmt: skip
        assert Notification.objects.filter(recipient=world.unit_user,
                                           kind="projects.request").count() == 1  # fmt: skip
        progress = CheckIn.objects.get(project=adopted, stage="progress")
        services.check_in_respond(check_in=progress, response="已增派施工队", actor=world.unit_user)
        with pytest.raises(ValidationError):  # evaluation comes with implementation
            services.evaluation_record(project=adopted, score=90, actor=world.deputy_user(0))
        services.progress_report(project=adopted, percent=100, spent="1100", summary="全部完工",
                                 complete=True, actor=world.unit_user)  # fmt: skip
        services.evaluation_record(project=adopted, score=95, actor=world.deputy_user(0))
        services.evaluation_record(project=adopted, score=70, actor=world.deputy_user(1))
        services.evaluation_record(project=adopted, score=40, actor=None)  # a citizen
        with pytest.raises(ValidationError, match="已经评价"):
            services.evaluation_record(project=adopted, score=80, actor=world.deputy_user(0))
        levels = list(adopted.evaluations.values_list("level", flat=True))
        assert levels == ["satisfied", "basic", "unsatisfied"]
        services.project_verify(project=adopted, passed=False, opinion="台账不全",
                                actor=world.staff)  # fmt: skip
        adopted.refresh_from_db()
        assert adopted.state == "in_progress"
        services.progress_report(project=adopted, percent=100, spent="1100", summary="补齐台账",
                                 complete=True, actor=world.unit_user)  # fmt: skip
        services.project_verify(project=adopted, passed=True, opinion="验收合格",
                                actor=world.staff)  # fmt: skip
        adopted.refresh_from_db()
        assert adopted.state == "verified" and adopted.verified_at is not None

    def test_complete_needs_one_hundred_percent(self, world, adopted):
        with pytest.raises(ValidationError) as exc:
            services.progress_report(project=adopted, percent=90, spent=1, summary="x",
                                     complete=True, actor=world.unit_user)  # fmt: skip
        assert "percent" in exc.value.message_dict


def test_round_year_is_unique(world):
    services.round_create(congress=world.congress, year=2027, title="t", seats=1, actor=world.staff)
    with pytest.raises(ValidationError):
        services.round_create(congress=world.congress, year=2027, title="t", seats=1,
                              actor=world.staff)  # fmt: skip
    assert Round.objects.count() == 1
