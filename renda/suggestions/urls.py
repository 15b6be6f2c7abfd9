"""Staff, deputy and unit pages of the suggestions module, mounted at /suggestions/."""

from django.urls import path

from renda.suggestions import staff, views

app_name = "suggestions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.draft, name="new"),
    path("overview/", staff.overview, name="overview"),
    path("report/<int:year>.docx", staff.report_docx, name="report"),
    path("rounds/", staff.rounds, name="rounds"),
    path("rounds/<int:pk>/", staff.round_detail, name="round"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.draft, name="edit"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
]
