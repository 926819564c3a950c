from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "hrbureau.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from hrbureau.people import permissions, registry  # noqa: F401  (registration)
