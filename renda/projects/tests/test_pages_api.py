"""Pages and API: each role sees only what it may; the public API and forms answer in Chinese."""

import pytest
from django.test import Client

from renda.core.roles import Role
from renda.core.tests.factories import make_user
from renda.projects import services
from renda.projects.models import Ballot, Proposal
from renda.projects.tests.factories import make_round, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world(deputies=6)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_public_proposal_form_stores_then_says_received_and_ignores_a_double_tap(world):
    client = Client()
    form = client.get(f"/ms/propose/{world.congress.code}/")
    assert form.status_code == 200
    data = {"title": "建设口袋公园", "body": "小区周边没有休闲场地", "idempotency_key": "abc"}
    first = client.post(f"/ms/propose/{world.congress.code}/", data)
    second = client.post(f"/ms/propose/{world.congress.code}/", data)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Proposal.objects.count() == 1
    assert "已收到您的点单" in client.get(first.url).content.decode()


def test_public_form_shows_errors_at_the_field_and_refuses_the_honeypot(world):
    client = Client()
    response = client.post(f"/ms/propose/{world.congress.code}/", {"title": "", "body": "x"})
    assert response.status_code == 422 and "has-error" in response.content.decode()
    trap = {"title": "t", "body": "b", "website": "http://spam"}
    assert client.post(f"/ms/propose/{world.congress.code}/", trap).status_code == 400
    assert Proposal.objects.count() == 0


def test_public_form_is_rate_limited(world):
    client = Client()
    codes = [
        client.post(f"/ms/propose/{world.congress.code}/", {"title": "", "body": ""}).status_code
        for _ in range(7)
    ]
    assert codes[-1] == 429


def test_staff_pages_are_for_staff_only(world):
    round_ = make_round(world)
    assert client_for(world.staff).get(f"/projects/rounds/{round_.pk}/").status_code == 200
    for user in (world.unit_user, world.deputy_user(0)):
        assert client_for(user).get(f"/projects/rounds/{round_.pk}/").status_code == 403
    outsider = make_user(roles={Role.CITIZEN: world.congress})
    assert client_for(outsider).get(f"/projects/rounds/{round_.pk}/").status_code == 403


def test_deputy_votes_on_the_page_and_staff_see_turnout_not_choices(world):
    round_ = make_round(world, seats=2, candidates=3)
    vote = services.vote_open(round=round_, actor=world.staff)
    ids = list(round_.projects.values_list("pk", flat=True))
    deputy = client_for(world.deputy_user(0))
    response = deputy.post(f"/projects/votes/{vote.pk}/ballot/", {"choices": ids})
    assert response.status_code == 200 and "最多只能选择 2 个" in response.content.decode()
    assert (
        deputy.post(f"/projects/votes/{vote.pk}/ballot/", {"choices": ids[:2]}).status_code == 302
    )
    assert Ballot.objects.filter(vote=vote).count() == 1
    staff_page = client_for(world.staff).get(f"/projects/votes/{vote.pk}/").content.decode()
    assert "代表0 ✓" in staff_page
    assert client_for(world.unit_user).get(f"/projects/votes/{vote.pk}/ballot/").status_code == 403


def test_public_api_lists_candidates_and_accepts_a_proposal(world):
    make_round(world)
    client = Client()
    rounds = client.get("/api/v1/projects/rounds").json()
    assert len(rounds[0]["projects"]) == 5 and rounds[0]["projects"][0]["state"] == "candidate"
    bad = client.post(
        "/api/v1/projects/proposals",
        {"congress": world.congress.code},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "title" in bad.json()["errors"]
    good = client.post(
        "/api/v1/projects/proposals",
        {"congress": world.congress.code, "title": "修路", "body": "坑多"},
        content_type="application/json",
    )
    assert good.status_code == 201 and len(good.json()["tracking_code"]) == 8


def test_ballot_api_needs_a_deputy_and_refuses_a_second_ballot(world):
    round_ = make_round(world, seats=2, candidates=3)
    vote = services.vote_open(round=round_, actor=world.staff)
    first = round_.projects.first().pk
    url = f"/api/v1/projects/votes/{vote.pk}/ballot"
    assert (
        Client().post(url, {"choices": [first]}, content_type="application/json").status_code == 401
    )
    staff = client_for(world.staff)
    assert staff.post(url, {"choices": [first]}, content_type="application/json").status_code == 403
    deputy = client_for(world.deputy_user(1))
    assert (
        deputy.post(url, {"choices": [first]}, content_type="application/json").status_code == 204
    )
    again = deputy.post(url, {"choices": []}, content_type="application/json")
    assert again.status_code == 422 and "一次" in again.json()["errors"]["choices"]


def test_result_sheet_is_a_pdf(world):
    round_ = make_round(world, seats=2, candidates=3)
    vote = services.vote_open(round=round_, actor=world.staff)
    ids = list(round_.projects.values_list("pk", flat=True))
    for n in range(6):
        services.ballot_cast(vote=vote, choices=ids[:2], actor=world.deputy_user(n))
    services.vote_count(vote=vote, actor=world.staff)
    response = client_for(world.staff).get(f"/projects/votes/{vote.pk}/sheet.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_crowd_behind_one_address_can_all_propose(world):
    codes = [
        Client().post(f"/ms/propose/{world.congress.code}/", {"title": "", "body": ""}).status_code
        for _ in range(8)
    ]
    assert 429 not in codes  # eight phones, one gateway: each is refused only for its empty form
