"""Fixtures: a congress with a deputy, a second deputy, staff and two handling units."""

from dataclasses import dataclass

import pytest

from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import services as directory_services
from renda.directory.models import Deputy, DeputyLevel, Organization
from renda.suggestions import services


@dataclass
class World:
    congress: object
    deputy: object
    deputy2: object
    staff: object
    unit_user: object
    unit: Organization
    other_unit: Organization
    other_user: object
    outsider: object


def _org(congress, name):
    return directory_services.entry_save(
        instance=Organization(congress=congress, name=name, is_handling_unit=True),
        actor=None,
        changed=["test"],
    )


@pytest.fixture
def world(db):
    congress = make_congress()
    deputy = make_user(roles={Role.DEPUTY: congress}, full_name="张志强")
    directory_services.entry_save(
        instance=Deputy(
            congress=congress, user=deputy, name="张志强", level=DeputyLevel.COUNTY, term=18
        ),
        actor=None,
        changed=["test"],
    )
    unit = _org(congress, "区住房和城乡建设局")
    other_unit = _org(congress, "区交通运输局")
    unit_user = make_user(roles={Role.UNIT: congress}, full_name="赵刚")
    unit.members.add(unit_user)
    other_user = make_user(roles={Role.UNIT: congress}, full_name="孙强")
    other_unit.members.add(other_user)
    return World(
        congress=congress,
        deputy=deputy,
        deputy2=make_user(roles={Role.DEPUTY: congress}, full_name="陈丽华"),
        staff=make_user(roles={Role.STAFF: congress}, full_name="王晓梅"),
        unit_user=unit_user,
        unit=unit,
        other_unit=other_unit,
        other_user=other_user,
        outsider=make_user(roles={Role.DEPUTY: make_congress()}),
    )


def submitted(world, title="关于增设北门社区公交站点的建议"):
    suggestion = services.suggestion_draft(
        congress=world.congress, title=title, body="北门社区居民出行不便，建议增设站点。",
        category="urban", period="recess", actor=world.deputy,
    )  # fmt: skip
    return services.suggestion_submit(suggestion=suggestion, actor=world.deputy)


def assigned(world, **kwargs):
    suggestion = services.suggestion_register(suggestion=submitted(world), actor=world.staff)
    return services.suggestion_assign(
        suggestion=suggestion, lead_unit=world.unit, co_units=[world.other_unit],
        task="增设公交站点", actor=world.staff, **kwargs,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_figures():
    """Cached year figures never outlive a test (ids are reused after a rollback)."""
    from django.core.cache import cache

    from renda.suggestions.selectors import _GENERATION

    cache.delete(_GENERATION)
