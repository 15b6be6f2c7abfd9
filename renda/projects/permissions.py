"""Permissions of the projects module, registered into the core permission table."""

from renda.core import permissions
from renda.core.roles import Role

MANAGE = "projects.manage"  # run the round: shortlist, publish, open and count votes, supervise
REPORT = "projects.report"  # a responsible unit reports progress (its own projects only)
VOTE = "projects.vote"  # a deputy votes and evaluates (if on the roll of the congress)

permissions.register(MANAGE, {Role.STAFF, Role.ADMIN})
permissions.register(REPORT, {Role.UNIT})
permissions.register(VOTE, {Role.DEPUTY})
