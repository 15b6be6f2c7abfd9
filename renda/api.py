"""The REST API under /api/v1/ (django-ninja); each module adds its router here."""

from ninja import NinjaAPI

from renda.core.api import router as core_router
from renda.directory.api import router as directory_router

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
