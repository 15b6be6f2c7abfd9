from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "renda.suggestions"
    label = "suggestions"
    verbose_name = _("代表建议")

    def ready(self) -> None:
        from renda.core.home import Panel, register_panel
        from renda.core.roles import Role
        from renda.suggestions import demo, permissions, tick  # noqa: F401  (registers them)

        register_panel(
            Panel(
                roles=frozenset({Role.STAFF, Role.ADMIN, Role.DEPUTY, Role.UNIT}),
                title=_("代表建议"),
                template="suggestions/_home_panel.html",
                order=20,
            )
        )
