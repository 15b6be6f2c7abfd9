from django.contrib import admin
from django.urls import include, path

from renda.api import api

admin.site.site_header = "智慧人大 · 基础数据管理"
admin.site.site_title = "智慧人大"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("directory/", include("renda.directory.urls")),
    path("", include("renda.directory.public_urls")),
    path("", include("renda.core.urls")),
]
