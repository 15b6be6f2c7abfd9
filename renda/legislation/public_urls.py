"""Public pages of the legislation module, mounted at the site root (each under its own prefix)."""

app_name = "legislation_public"

urlpatterns: list = []
