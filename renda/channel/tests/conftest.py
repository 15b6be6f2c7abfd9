"""A small congress with a deputy, a station, a unit and the office, built through services."""

from dataclasses import dataclass

import pytest

from renda.core.models import Congress, User
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import services as directory
from renda.directory.models import Deputy, Organization, Station


@dataclass
class World:
    congress: Congress
    deputy: Deputy
    deputy_user: User
    station: Station
    manager: User
    unit: Organization
    unit_user: User
    staff: User


@pytest.fixture
def world(db) -> World:
    congress = make_congress()
    deputy_user = make_user(roles={Role.DEPUTY: congress}, full_name="张志强")
    manager = make_user(roles={Role.STATION_MANAGER: congress}, full_name="郑海")
    unit_user = make_user(roles={Role.UNIT: congress}, full_name="赵刚")
    staff = make_user(roles={Role.STAFF: congress}, full_name="王晓梅")
    station = directory.entry_save(
        instance=Station(congress=congress, name="北门站", kind="liaison_station", manager=manager),
        actor=None,
    )
    deputy = directory.entry_save(
        instance=Deputy(
            congress=congress,
            name="张志强",
            level="county",
            term=18,
            user=deputy_user,
            station=station,
        ),
        actor=None,
    )
    unit = directory.entry_save(
        instance=Organization(congress=congress, name="区住建局", is_handling_unit=True), actor=None
    )
    unit.members.add(unit_user)
    return World(congress, deputy, deputy_user, station, manager, unit, unit_user, staff)
