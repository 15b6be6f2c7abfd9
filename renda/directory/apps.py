from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "renda.directory"
    label = "directory"
    verbose_name = _("名录")

    def ready(self) -> None:
        from renda.core.home import Panel, register_panel
        from renda.core.roles import Role
        from renda.directory import demo, permissions  # noqa: F401  (registers them)

        register_panel(
            Panel(
                roles=frozenset({Role.STAFF, Role.ADMIN}),
                title=_("名录"),
                template="directory/staff/_home_panel.html",
                order=10,
            )
        )
