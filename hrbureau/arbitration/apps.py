from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArbitrationConfig(AppConfig):
    name = "hrbureau.arbitration"
    verbose_name = _("Labour-dispute arbitration")

    def ready(self) -> None:
        from hrbureau.arbitration import (  # noqa: F401 (registration)
            appointments,
            facts,
            hearings,
            navigation,
            permissions,
            profile,
            services,
            timeline,
            todo,
            triage,
            workflows,
        )
