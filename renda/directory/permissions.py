"""Directory permissions, registered into the core permission table."""

from renda.core import permissions
from renda.core.roles import Role

MANAGE = "directory.manage"
REVEAL_PERSONAL = "directory.reveal_personal"

permissions.register(MANAGE, {Role.STAFF, Role.ADMIN})
permissions.register(REVEAL_PERSONAL, {Role.STAFF, Role.ADMIN})
