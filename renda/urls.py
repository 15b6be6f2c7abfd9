from django.contrib import admin
from django.urls import include, path

from renda.api import api

admin.site.site_header = "智慧人大 · 基础数据管理"
admin.site.site_title = "智慧人大"

DOMAIN_APPS = ["directory", "channel", "suggestions", "legislation", "filings", "projects"]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Staff pages of each module under its own prefix; public pages at the root.
    *[path(f"{app}/", include(f"renda.{app}.urls")) for app in DOMAIN_APPS],
    *[path("", include(f"renda.{app}.public_urls")) for app in DOMAIN_APPS],
    path("", include("renda.core.urls")),
]
