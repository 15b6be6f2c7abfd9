from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelConfig(AppConfig):
    name = "renda.channel"
    label = "channel"
    verbose_name = _("群众留言")

    def ready(self) -> None:
        from renda.channel import demo, permissions, tick  # noqa: F401  (registers them)
        from renda.core.home import Panel, PublicEntry, register_panel, register_public_entry
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
        register_public_entry(
            PublicEntry(
                title=_("查询留言进度"),
                description=_("扫代表码留言后，凭查询码和密码查看办理到哪一步，并评价结果。"),
                url_name="channel:track",
                order=10,
            )
        )
        register_public_entry(
            PublicEntry(
                title=_("留言办理公开"),
                description=_("看看群众反映了什么、代表和部门怎么答复的（已隐去个人信息）。"),
                url_name="channel:wall",
                order=20,
            )
        )
