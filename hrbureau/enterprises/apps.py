from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "hrbureau.enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from hrbureau.enterprises import permissions, registry  # noqa: F401  (registration)
