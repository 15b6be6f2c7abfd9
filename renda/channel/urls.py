"""Staff pages of the channel module, mounted at /channel/."""

app_name = "channel"

urlpatterns: list = []
