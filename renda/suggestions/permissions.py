"""Suggestions permissions, registered into the core permission table."""

from renda.core import permissions
from renda.core.roles import Role

MANAGE = "suggestions.manage"  # register, assign, supervise, report (congress staff)
DRAFT = "suggestions.draft"  # draft, co-sign and evaluate (deputies)
HANDLE = "suggestions.handle"  # reply to what is assigned to one's organization (units)

permissions.register(MANAGE, {Role.STAFF, Role.ADMIN})
permissions.register(DRAFT, {Role.DEPUTY})
permissions.register(HANDLE, {Role.UNIT, Role.GOV_REVIEWER, Role.FILER})
