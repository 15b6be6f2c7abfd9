"""Public pages of the filings module, mounted at the site root (each under its own prefix)."""

app_name = "filings_public"

urlpatterns: list = []
