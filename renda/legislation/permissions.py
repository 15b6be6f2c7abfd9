"""Legislation permissions, registered into the core permission table."""

from renda.core import permissions
from renda.core.roles import Role

MANAGE = "legislation.manage"  # run consultations: drafts, invitations, review, reports
ENTER_OFFLINE = "legislation.enter_offline"  # information officers' offline opinions
COMMENT_AS_DEPUTY = "legislation.comment_as_deputy"
COMMENT_AS_EXPERT = "legislation.comment_as_expert"
REVEAL_CONTACT = "legislation.reveal_contact"

permissions.register(MANAGE, {Role.STAFF, Role.ADMIN})
permissions.register(ENTER_OFFLINE, {Role.OFFICER, Role.STAFF, Role.ADMIN})
permissions.register(COMMENT_AS_DEPUTY, {Role.DEPUTY})
permissions.register(COMMENT_AS_EXPERT, {Role.EXPERT})
permissions.register(REVEAL_CONTACT, {Role.STAFF, Role.ADMIN})
