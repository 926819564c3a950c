from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "hrbureau.reports"
    verbose_name = _("Reports and dashboard")

    def ready(self) -> None:
        from hrbureau.reports import navigation, permissions  # noqa: F401  (registration)
