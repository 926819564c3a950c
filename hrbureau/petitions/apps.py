from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "hrbureau.petitions"
    verbose_name = _("Petitions and 12345 work orders")

    def ready(self) -> None:
        from hrbureau.petitions import imports, navigation, permissions, workflows  # noqa: F401 (registration)
