"""`renda tick` handlers: remind staff of the three check-ins (三问) as their dates come near."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import tick
from renda.core.models import Membership
from renda.core.notices import reminder_schedule
from renda.core.roles import Role
from renda.projects.models import CheckIn, Project, Round

# When each check-in is due in the round's year: end of March, July and November.
DUE = {
    CheckIn.Stage.ARRANGEMENT: (3, 31),
    CheckIn.Stage.PROGRESS: (7, 31),
    CheckIn.Stage.RESULTS: (11, 30),
}
LEAD_DAYS = 14


def due_dates(year: int) -> dict[str, dt.date]:
    """Return the date each check-in of a round's year is due."""
    return {stage: dt.date(year, m, d) for stage, (m, d) in DUE.items()}


@tick.register("projects.check_ins")
def remind_check_ins(now: dt.datetime) -> int:
    """Schedule one reminder per round, stage and staff member two weeks before it is due."""
    today = timezone.localdate(now)
    scheduled = 0
    for round_ in Round.objects.filter(state=Round.State.DECIDED).select_related("congress"):
        projects = Project.objects.filter(
            round=round_, state__in=["adopted", "in_progress", "completed"]
        )
        staff = Membership.objects.filter(congress=round_.congress, role=Role.STAFF).select_related(
            "user"
        )
        for stage, due in due_dates(round_.year).items():
            if not (today >= due - dt.timedelta(days=LEAD_DAYS) and today <= due):
                continue
            missing = projects.exclude(check_ins__stage=stage).count()
            if not missing:
                continue
            label = CheckIn.Stage(stage).label
            for membership in staff:
                reminder_schedule(
                    key=f"projects.check_in:{round_.pk}:{stage}:{membership.user_id}",
                    recipient=membership.user,
                    due_at=now,
                    title=_("%(s)s：%(n)d 个民生实事项目待检查") % {"s": label, "n": missing},
                    body=_("截止日期 %(d)s") % {"d": due.isoformat()},
                    url=f"/projects/rounds/{round_.pk}/",
                    congress=round_.congress,
                )
                scheduled += 1
    return scheduled
