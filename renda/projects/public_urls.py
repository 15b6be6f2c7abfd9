"""Public pages of the projects module under /ms/ (民生实事), mounted at the site root."""

from django.urls import path

from renda.projects import public

app_name = "projects_public"

urlpatterns = [
    path("ms/", public.home, name="home"),
    path("ms/propose/<slug:code>/", public.propose, name="propose"),
    path("ms/q/<slug:tracking_code>/", public.track, name="track"),
    path("ms/r/<int:pk>/", public.round_page, name="round"),
    path("ms/p/<slug:code>/", public.project_page, name="project"),
    path("ms/p/<slug:code>/comment/", public.comment, name="comment"),
    path("ms/p/<slug:code>/evaluate/", public.evaluate, name="evaluate"),
    path("ms/photo/<int:pk>/", public.photo, name="photo"),
]
