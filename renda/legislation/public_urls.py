"""Public pages of the legislation module, mounted at the site root (each under its own prefix)."""

from django.urls import path

from renda.legislation import public

app_name = "legislation_public"

urlpatterns = [
    path("drafts/", public.draft_list, name="list"),
    path("drafts/<int:pk>/", public.draft, name="draft"),
    path("drafts/<int:pk>/comment/", public.comment, name="comment"),
    path("drafts/<int:pk>/received/", public.received, name="received"),
]
