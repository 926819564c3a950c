from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """Policy direct delivery (惠企政策直达): the policy library, eligibility in the rules language,
    matching every enterprise, push, read → apply → grant, and grants from data (免申即享)."""

    name = "hrbureau.policies"
    verbose_name = _("Policy direct delivery")

    def ready(self) -> None:
        from hrbureau.core import periodic
        from hrbureau.policies import library, navigation, permissions, rules, workflows  # noqa: F401 (registration)

        # Published items whose validity has ended expire through the workflow (library).
        periodic.register("policies: expired items", library.expire_due)
