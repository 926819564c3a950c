from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hrbureau.accounts"
    verbose_name = _("Accounts and organisation")

    def ready(self) -> None:
        from hrbureau.accounts import navigation, permissions  # noqa: F401  (registration)
