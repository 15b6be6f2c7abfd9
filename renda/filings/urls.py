"""Staff pages of the filings module, mounted at /filings/."""

app_name = "filings"

urlpatterns: list = []
