"""Build a congress with staff, a responsible unit and deputies through the real services."""

import datetime as dt
from dataclasses import dataclass, field

from renda.core.models import Congress, User
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import services as directory_services
from renda.directory.models import Deputy, DeputyLevel, Organization
from renda.projects import services
from renda.projects.models import Project, Round


@dataclass
class World:
    congress: Congress
    staff: User
    unit_user: User
    unit: Organization
    other_unit: Organization
    deputies: list[Deputy] = field(default_factory=list)

    def deputy_user(self, n: int) -> User:
        return self.deputies[n].user


def make_world(deputies: int = 10) -> World:
    """Return a county congress with a staff member, two handling units and `deputies` deputies."""
    congress = make_congress()
    staff = make_user(roles={Role.STAFF: congress})
    unit_user = make_user(roles={Role.UNIT: congress})
    save = lambda obj: directory_services.entry_save(instance=obj, actor=None, changed=["test"])  # noqa: E731
    unit = save(Organization(congress=congress, name="区住房和城乡建设局", is_handling_unit=True))
    unit.members.add(unit_user)
    other = save(Organization(congress=congress, name="区教育局", is_handling_unit=True))
    world = World(congress, staff, unit_user, unit, other)
    for n in range(deputies):
        user = make_user(roles={Role.DEPUTY: congress}, full_name=f"代表{n}")
        world.deputies.append(
            save(Deputy(congress=congress, user=user, name=f"代表{n}",
                        level=DeputyLevel.COUNTY, term=18))
        )  # fmt: skip
    return world


def make_round(world: World, *, seats: int = 3, candidates: int = 5) -> Round:
    """Return a round in the commenting stage with `candidates` published candidates."""
    round_ = services.round_create(
        congress=world.congress, year=2027, title="2027年民生实事项目", seats=seats,
        actor=world.staff,
    )  # fmt: skip
    for n in range(candidates):
        make_candidate(world, round_, title=f"候选项目{n + 1}")
    return services.round_publish(round=round_, comment_until=None, actor=world.staff)


def make_candidate(world: World, round_: Round, title: str = "老旧小区加装电梯") -> Project:
    return services.candidate_save(
        round=round_, title=title, scope="为 20 个老旧小区加装电梯", budget="1200.50",
        unit=world.unit, starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 12, 31),
        actor=world.staff,
    )  # fmt: skip
