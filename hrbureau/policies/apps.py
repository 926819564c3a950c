from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """Policy direct delivery (惠企政策直达): the policy library, eligibility in the rules language,
    matching every enterprise, push, read → apply → grant, and grants from data (免申即享)."""

    name = "hrbureau.policies"
    verbose_name = _("Policy direct delivery")

    def ready(self) -> None:
        from hrbureau.core import periodic

        # Registration: the workflows and rules subjects, the library, matching (the publish and
        # enterprise-edit hooks, the nightly job), applications, grant lists and grants, their lists and
        # the menu.
        from hrbureau.policies import (  # noqa: F401 (registration)
            application_lists,
            application_notices,
            applications,
            grant_imports,
            grants,
            library,
            lists,
            match_lists,
            matching,
            navigation,
            permissions,
            profile,
            rules,
            workflows,
        )

        # Published items whose validity has ended expire through the workflow (library).
        periodic.register("policies: expired items", library.expire_due)
