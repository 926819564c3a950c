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
        from hrbureau.talent import permissions  # noqa: F401 (registration)

        # --- payments ---
        _payments_ready()


# --- payments ---
def _payments_ready() -> None:
    """Disbursement's registrations: the batch workflow, the lists' figures, the menu, the import."""
    from hrbureau.talent import payment_figures, payment_navigation, payments, subsidy_imports  # noqa: F401
