"""REST endpoints of the suggestions module, mounted at /api/v1/suggestions/."""

from ninja import Router

router = Router(tags=["suggestions"])
