"""REST endpoints of the legislation module, mounted at /api/v1/legislation/."""

from ninja import Router

router = Router(tags=["legislation"])
