from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """Policy direct delivery (惠企政策直达): the policy library, eligibility in the rules language,
    matching every enterprise, push, read → apply → grant, and grants from data (免申即享)."""

    name = "hrbureau.policies"
    verbose_name = _("Policy direct delivery")

    def ready(self) -> None:
        # Applications, grant lists and grants: their services, import, lists and menu (registration).
        from hrbureau.policies import (  # noqa: F401 (registration)  # noqa: F401
            applications,
            grant_imports,
            grants,
            lists,
            navigation,
            permissions,
            rules,
            workflows,
        )
