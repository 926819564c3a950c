from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "hrbureau.enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from hrbureau.core.choicecache import renew_on_change

        # Registration: permissions, the registry's timeline, the service plans and labour demand, the
        # enterprise's page's parts (profile).
        from hrbureau.enterprises import (  # noqa: F401 (registration)
            permissions,
            plan_registry,
            plan_services,
            profile,
            registry,
        )
        from hrbureau.enterprises.models import EnterpriseTag
        from hrbureau.enterprises.selectors import TAG_CHOICES

        renew_on_change(EnterpriseTag, TAG_CHOICES)
        # Enterprise demands (企业诉求): the workflow, its services, figures and registrations.
        from hrbureau.enterprises import demand_registry, demand_selectors, demand_services  # noqa: F401
