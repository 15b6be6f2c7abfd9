"""Public pages of the filings module, mounted at the site root (each under its own prefix)."""

from django.urls import path

from renda.filings import public

app_name = "filings_public"

urlpatterns = [
    path("fg/", public.document_search, name="search"),
    path("fg/<int:pk>/", public.document_detail, name="document"),
    path("fg/<int:pk>/request/", public.review_request, name="review_request"),
]
