from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelConfig(AppConfig):
    name = "renda.channel"
    label = "channel"
    verbose_name = _("群众留言")

    def ready(self) -> None:
        from renda.channel import demo, permissions, tick  # noqa: F401  (registers them)
        from renda.core.home import Panel, register_panel
        from renda.core.roles import Role

        register_panel(
            Panel(
                roles=frozenset({Role.DEPUTY, Role.STATION_MANAGER, Role.STAFF, Role.UNIT}),
                title=_("群众留言"),
                template="channel/_home_panel.html",
                context=None,
                order=20,
            )
        )
