from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """Policy direct delivery (惠企政策直达): the policy library, eligibility in the rules language,
    matching every enterprise, push, read → apply → grant, and grants from data (免申即享)."""

    name = "hrbureau.policies"
    verbose_name = _("Policy direct delivery")

    def ready(self) -> None:
        from hrbureau.policies import permissions, rules, workflows  # noqa: F401 (registration)
        from hrbureau.policies import matching, navigation  # noqa: F401 (hooks, nightly job, menu, tiles)
