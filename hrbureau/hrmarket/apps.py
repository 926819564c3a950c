from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrmarketConfig(AppConfig):
    name = "hrbureau.hrmarket"
    verbose_name = _("HR-service market")

    def ready(self) -> None:
        from hrbureau.hrmarket import navigation, permissions, profile, services, workflows  # noqa: F401 (registration)
