from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "hrbureau.compliance"
    verbose_name = _("Employer labour compliance")

    def ready(self) -> None:
        from hrbureau.compliance import (  # noqa: F401 (registration)
            facts,
            navigation,
            permissions,
            profile,
            rules,
            services,
            workflows,
        )
