from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingsConfig(AppConfig):
    name = "renda.filings"
    label = "filings"
    verbose_name = _("规范性文件备案审查")

    def ready(self) -> None:
        from renda.core.home import Panel, register_panel
        from renda.core.roles import Role
        from renda.filings import demo, permissions, tick  # noqa: F401  (registers them)
        from renda.filings.views import home_context

        register_panel(
            Panel(
                roles=frozenset({Role.STAFF, Role.ADMIN, Role.FILER, Role.GOV_REVIEWER}),
                title=_("规范性文件备案审查"),
                template="filings/_home_panel.html",
                context=home_context,
                order=50,
            )
        )
