from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = _("平台核心")

    def ready(self) -> None:
        from renda.core import checks, demo, signals, tick  # noqa: F401  (registers them)
