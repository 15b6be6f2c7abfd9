"""Staff pages of the suggestions module, mounted at /suggestions/."""

app_name = "suggestions"

urlpatterns: list = []
