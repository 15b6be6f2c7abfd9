"""Build consultations through the real services."""

import datetime as dt

from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory.models import CollectionPoint, Deputy, DeputyLevel, Expert, InformationOfficer
from renda.directory.services import entry_save
from renda.legislation import services

DRAFT = """清河区测试条例（草案）

第一章　总则

第一条　为了规范测试工作，制定本条例。

第二条　本条例适用于本区行政区域。

第二章　管理

第三条　违反本条例规定的，处五十元以上五百元以下罚款。

第四条　本条例自公布之日起施行。
"""


def setup_people():
    """Return a congress with a staff member, an officer with a point, a deputy and an expert."""
    congress = make_congress()
    staff = make_user(roles={Role.STAFF: congress})
    officer = make_user(roles={Role.OFFICER: congress})
    deputy_user = make_user(roles={Role.DEPUTY: congress})
    expert_user = make_user(roles={Role.EXPERT: congress})
    point = entry_save(
        instance=CollectionPoint(congress=congress, name="北门立法信息采集点"), actor=None
    )
    entry_save(instance=InformationOfficer(point=point, name="吴芳", user=officer), actor=None)
    deputy = entry_save(
        instance=Deputy(
            congress=congress,
            name="张志强",
            level=DeputyLevel.COUNTY,
            term=18,
            field="城乡建设",
            user=deputy_user,
        ),
        actor=None,
    )
    expert = entry_save(
        instance=Expert(
            congress=congress,
            name="孙立",
            field="法学",
            appointed_on=dt.date(2025, 1, 1),
            user=expert_user,
        ),
        actor=None,
    )
    return {
        "congress": congress,
        "staff": staff,
        "officer": officer,
        "point": point,
        "deputy_user": deputy_user,
        "deputy": deputy,
        "expert_user": expert_user,
        "expert": expert,
    }


def open_consultation(people, text=DRAFT):
    consultation = services.consultation_create(
        congress=people["congress"],
        text=text,
        actor=people["staff"],
        opens_on=dt.date(2026, 1, 1),
        closes_on=dt.date(2026, 2, 1),
    )
    return services.consultation_publish(consultation=consultation, actor=people["staff"])
