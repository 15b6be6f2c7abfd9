"""Pages of the channel, mounted at /channel/: the citizens' pages and the handlers' pages."""

from django.urls import path

from renda.channel import public, views

app_name = "channel"

urlpatterns = [
    # Citizens (no account).
    path("to/<str:kind>/<str:code>/", public.compose, name="compose"),
    path("captcha.png", public.captcha_image, name="captcha"),
    path("receipt/<str:code>/", public.receipt, name="receipt"),
    path("track/", public.track, name="track"),
    path("track/<str:code>/", public.progress, name="progress"),
    path("wall/", public.wall, name="wall"),
    # Deputies, station managers, the office and units.
    path("", views.index, name="index"),
    path("overdue/", views.overdue, name="overdue"),
    path("messages/<int:pk>/", views.detail, name="detail"),
    path("messages/<int:pk>/reveal/", views.reveal_phone, name="reveal"),
    path("messages/<int:pk>/<str:side>/<str:action>/", views.act, name="act"),
]
