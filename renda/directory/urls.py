from django.urls import path

from renda.directory import deputy_views, views

app_name = "directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("deputies/", deputy_views.deputy_list, name="deputy_list"),
    path("deputies/export.xlsx", deputy_views.deputy_export, name="deputy_export"),
    path("deputies/import/", deputy_views.deputy_import_view, name="deputy_import"),
    path("deputies/import/template.xlsx", deputy_views.import_template, name="import_template"),
    path(
        "deputies/import/<int:upload_id>/commit/",
        deputy_views.deputy_import_commit,
        name="deputy_import_commit",
    ),
    path("experts/<int:pk>/dismiss/", views.expert_dismiss, name="expert_dismiss"),
    path("<slug:key>/", views.entity_list, name="entity_list"),
    path("<slug:key>/new/", views.entity_edit, name="entity_create"),
    path("<slug:key>/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("<slug:key>/<int:pk>/edit/", views.entity_edit, name="entity_edit"),
    path("<slug:key>/<int:pk>/reveal/<slug:field>/", views.reveal, name="reveal"),
]
