"""The demo consultations: the seed's figures, loaded once."""

import pytest

from renda.core import demo
from renda.legislation.models import Consultation, Opinion

pytestmark = pytest.mark.django_db


def test_demo_has_the_seed_figures_and_loads_idempotently():
    demo.load()
    demo.load()
    assert Consultation.objects.count() == 31
    assert Opinion.objects.count() == 641
    assert Opinion.objects.filter(adoption__in=["adopted", "partly"]).count() == 25
    current = Consultation.objects.get(state=Consultation.State.OPEN)
    assert current.invitations.exists() and current.expert_questions.exists()
    assert current.opinions.filter(source=Opinion.Source.OFFLINE, point__isnull=False).exists()
