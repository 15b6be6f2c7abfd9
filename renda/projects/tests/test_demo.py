"""The demo loads the projects of 清河区 through the services, and loading again adds nothing."""

import pytest

from renda.core import demo
from renda.projects.models import Ballot, Project, Proposal, Round

pytestmark = pytest.mark.django_db


def test_demo_loads_a_voted_year_and_a_collecting_year_idempotently():
    demo.load()
    assert set(Round.objects.values_list("year", "state")) == {
        (2026, "decided"),
        (2027, "collecting"),
    }
    adopted = Project.objects.filter(round__year=2026, state__in=["adopted", "in_progress"])
    assert adopted.count() == 5
    assert Project.objects.get(title="老旧小区加装电梯").percent == 62
    counts = (Project.objects.count(), Proposal.objects.count(), Ballot.objects.count())
    demo.load()
    assert (Project.objects.count(), Proposal.objects.count(), Ballot.objects.count()) == counts
