"""The REST API under /api/v1/ (django-ninja); each module adds its router here."""

from ninja import NinjaAPI

from renda.channel.api import router as channel_router
from renda.core.api import router as core_router
from renda.directory.api import router as directory_router
from renda.filings.api import router as filings_router
from renda.legislation.api import router as legislation_router
from renda.projects.api import router as projects_router
from renda.suggestions.api import router as suggestions_router

api = NinjaAPI(
    title="Renda 智慧人大 API",
    version="1",
    description=(
        "智慧人大平台的 REST 接口。认证：`Authorization: Bearer <令牌>`"
        "（用 `renda token USER` 或“API 令牌”页面生成）。"
    ),
    urls_namespace="api-1",
)
api.add_router("/", core_router)
api.add_router("/directory/", directory_router)
api.add_router("/channel/", channel_router)
api.add_router("/suggestions/", suggestions_router)
api.add_router("/legislation/", legislation_router)
api.add_router("/filings/", filings_router)
api.add_router("/projects/", projects_router)
