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

        # --- internship (reference values) ---
        # The minimum wage in force is read by other lines (the internship subsidy) through core.
        from hrbureau.arbitration.rules import minimum_wage_on
        from hrbureau.core import references

        references.register("minimum_wage", lambda day: minimum_wage_on(day).monthly_amount)
