"""Models shared by every module: congresses, accounts, audit, timeline, notices, files."""

from renda.core.models.accounts import ApiToken, Membership, User
from renda.core.models.audit import AuditEvent, TimelineEvent
from renda.core.models.calendar import HolidayOverride
from renda.core.models.congress import Congress
from renda.core.models.files import Attachment
from renda.core.models.notices import Notification, Reminder

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditEvent",
    "Congress",
    "HolidayOverride",
    "Membership",
    "Notification",
    "Reminder",
    "TimelineEvent",
    "User",
]
