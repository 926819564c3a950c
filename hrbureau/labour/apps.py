from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourConfig(AppConfig):
    name = "hrbureau.labour"
    verbose_name = _("Labour-relations risk early warning")

    def ready(self) -> None:
        from hrbureau.core.attachments import register_holder
        from hrbureau.labour import (  # noqa: F401 (registration)
            facts,
            navigation,
            permissions,
            profile,
            rules,
            sampling,
            services,
            timeline,
            todo,
            workflows,
        )
        from hrbureau.labour.models import Inspection

        register_holder(Inspection)  # its photos are downloaded by whoever may see the inspection
        from hrbureau.core.periodic import register
        from hrbureau.labour.scoring import scores_if_stale

        register("risk scores", scores_if_stale)  # nightly, with the deadline sweep
