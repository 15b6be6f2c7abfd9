"""The demo directory is realistic in size and linked to the demo accounts."""

import pytest
from django.db.models import Count

from renda.core import demo
from renda.directory.models import CollectionPoint, Deputy, Expert, Organization, Station

pytestmark = pytest.mark.django_db


def test_demo_directory_has_hundreds_of_deputies_of_every_level():
    demo.load()
    levels = dict(Deputy.objects.values_list("level").annotate(n=Count("id")))
    assert sum(levels.values()) == 300
    assert set(levels) == {"national", "province", "city", "county", "township"}
    assert Station.objects.count() == 8 and CollectionPoint.objects.count() == 14
    assert Deputy.objects.get(user__username="deputy").name == "张志强"
    assert Expert.objects.get(user__username="expert").name == "孙立"
    assert Organization.objects.get(members__username="unit").is_handling_unit
    assert Organization.objects.get(members__username="govreviewer").is_gov_reviewer
    assert Station.objects.get(manager__username="station").name == "北门街道代表联络站"
    assert all(d.phone and d.id_number for d in Deputy.objects.all()[:20])
    demo.load()
    assert Deputy.objects.count() == 300
