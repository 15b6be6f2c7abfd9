"""Staff pages of the projects module, mounted at /projects/."""

app_name = "projects"

urlpatterns: list = []
