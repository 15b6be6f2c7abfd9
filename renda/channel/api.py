"""REST endpoints of the channel module, mounted at /api/v1/channel/."""

from ninja import Router

router = Router(tags=["channel"])
