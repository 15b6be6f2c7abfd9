"""Public pages of the channel module, mounted at the site root (each under its own prefix)."""

app_name = "channel_public"

urlpatterns: list = []
