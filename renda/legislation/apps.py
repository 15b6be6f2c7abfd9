from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    label = "legislation"
    verbose_name = _("立法意见征询")

    def ready(self) -> None:
        from renda.core.home import Panel, PublicEntry, register_panel, register_public_entry
        from renda.core.roles import Role
        from renda.legislation import demo, permissions, tick  # noqa: F401  (registers them)

        register_panel(
            Panel(
                roles=frozenset({Role.STAFF, Role.ADMIN}),
                title=_("立法意见征询"),
                template="legislation/staff/_home_panel.html",
                order=40,
            )
        )
        register_panel(
            Panel(
                roles=frozenset({Role.DEPUTY, Role.EXPERT, Role.OFFICER}),
                title=_("法规草案征求意见"),
                template="legislation/portal/_home_panel.html",
                order=40,
            )
        )
        register_public_entry(
            PublicEntry(
                title=_("法规草案征求意见"),
                description=_("正在征求意见的法规草案，逐条看、逐条提意见。"),
                url_name="legislation_public:list",
                order=30,
            )
        )
