"""Channel permissions: the congress office routes fast-track messages and sees the overdue list."""

from renda.core import permissions
from renda.core.roles import Role

ROUTE = "channel.route"

permissions.register(ROUTE, {Role.STAFF})
