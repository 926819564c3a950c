from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrmarketConfig(AppConfig):
    name = "hrbureau.hrmarket"
    verbose_name = _("HR-service market")

    def ready(self) -> None:
        from hrbureau.core import periodic
        from hrbureau.hrmarket import (  # noqa: F401 (registration)
            imports,
            navigation,
            permissions,
            profile,
            reporting,
            services,
            workflows,
        )

        # Opens each ended period's reports and reminds the late, once per enterprise and period.
        periodic.register("hrmarket: industry reports", reporting.reporting_sweep)
