from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    """Talent services (人才服务): subsidy schemes as configuration, applications and their approval,
    disbursement through bank batches, the internship subsidy, talent intake and high-level talent
    certification, and the registers (postdoctoral stations, the returned-students park, cooperation
    agreements, talent contests)."""

    name = "hrbureau.talent"
    verbose_name = _("Talent services")

    def ready(self) -> None:
        # Registration: permissions, workflows, rules subjects, lists, menu — one module per part.
        # --- payments ---
        from hrbureau.core.choicecache import renew_on_change
        from hrbureau.talent import (  # noqa: F401
            payment_figures,
            payment_navigation,
            payments,
            permissions,
            subsidy_imports,
        )
        from hrbureau.talent.models import SubsidyScheme
        from hrbureau.talent.payment_lists import SCHEME_CHOICES

        renew_on_change(SubsidyScheme, SCHEME_CHOICES)
