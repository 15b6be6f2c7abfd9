"""Staff pages of the legislation module, mounted at /legislation/."""

app_name = "legislation"

urlpatterns: list = []
