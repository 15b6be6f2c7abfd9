import pytest
from django.core.exceptions import ValidationError

from renda.core.congresses import congress_create
from renda.core.models import AuditEvent, Congress
from renda.core.tests.factories import make_congress

pytestmark = pytest.mark.django_db


def test_tree_paths_follow_the_codes():
    city = make_congress(code="lc", level=Congress.Level.CITY)
    district = make_congress(parent=city, code="qh")
    town = make_congress(parent=district, code="bm")
    assert town.path == "/lc/qh/bm/"
    assert town.ancestor_codes() == ["lc", "qh", "bm"]
    assert AuditEvent.objects.filter(action="congress.create", target_id=str(town.pk)).exists()


def test_a_child_must_sit_below_its_parent():
    district = make_congress()
    with pytest.raises(ValidationError) as err:
        congress_create(code="x", name="错误", level=Congress.Level.CITY, parent=district)
    assert "层级" in str(err.value)


def test_codes_are_unique_with_a_chinese_message():
    make_congress(code="dup")
    with pytest.raises(ValidationError) as err:
        make_congress(code="dup")
    assert "已被使用" in str(err.value)
