from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hrbureau.accounts"
    verbose_name = _("Accounts and organisation")

    def ready(self) -> None:
        from hrbureau.accounts import lockout, navigation, permissions  # noqa: F401  (registration)
        from hrbureau.accounts.models import OrgUnit
        from hrbureau.core import periodic
        from hrbureau.core.choicecache import renew_on_change

        # Runs of failed sign-ins whose period lapsed: totals into the audit log, rows removed.
        periodic.register("failed logins", lockout.purge_lapsed)

        # Every cached unit list (filters, street names) is rebuilt after any unit is saved or deleted.
        renew_on_change(OrgUnit, "orgunits")
