"""Public pages of the suggestions module, mounted at the site root (each under its own prefix)."""

app_name = "suggestions_public"

urlpatterns: list = []
