from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "renda.projects"
    label = "projects"
    verbose_name = _("民生实事项目")

    def ready(self) -> None:
        from renda.core.home import Panel, register_panel
        from renda.core.roles import Role
        from renda.projects import demo, permissions, ticks  # noqa: F401  (registers them)

        register_panel(
            Panel(
                roles=frozenset({Role.STAFF, Role.ADMIN, Role.UNIT, Role.DEPUTY}),
                title=_("民生实事项目"),
                template="projects/_home_panel.html",
                order=60,
            )
        )
