"""Public pages of the projects module, mounted at the site root (each under its own prefix)."""

app_name = "projects_public"

urlpatterns: list = []
