from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "renda.projects"
    label = "projects"
    verbose_name = _("民生实事项目")

    def ready(self) -> None:
        from renda.core.home import Panel, PublicEntry, register_panel, register_public_entry
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
        register_public_entry(
            PublicEntry(
                title=_("民生实事项目"),
                description=_("提出您希望政府办的实事，看代表票决结果和项目进展。"),
                url_name="projects_public:home",
                order=40,
            )
        )
