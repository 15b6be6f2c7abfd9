"""Staff pages of the filings module, mounted at /filings/."""

from django.urls import path

from renda.filings import campaigns, views

app_name = "filings"

urlpatterns = [
    path("", views.filing_list, name="filing_list"),
    path("new/", views.filing_new, name="filing_new"),
    path("<int:pk>/", views.filing_detail, name="filing_detail"),
    path("<int:pk>/<str:side>/<slug:action>/", views.track_action, name="track_action"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding_decide"),
    path("corrections/<int:pk>/respond/", views.correction_respond, name="correction_respond"),
    path("bodies/", views.body_list, name="body_list"),
    path("late/", views.late_list, name="late_list"),
    path("metrics/", views.metrics, name="metrics"),
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("requests/", campaigns.request_list, name="request_list"),
    path("requests/<int:pk>/answer/", campaigns.request_answer, name="request_answer"),
]
