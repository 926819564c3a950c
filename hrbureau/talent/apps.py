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

        # --- subsidies ---
        # isort: split
        from hrbureau.talent.subsidy_setup import ready as subsidies_ready

        subsidies_ready()
        # --- registers ---
        for module in ("registers_imports", "registers_lists", "registers_navigation", "registers_profile"):
            __import__(f"hrbureau.talent.{module}")  # registration (no import statement: one block per part)
        # --- internship ---
        _ready_internship()
        # --- certification ---
        _ready_certification()
        # --- payments ---
        _payments_ready()


def _ready_internship() -> None:
    from hrbureau.talent import (  # noqa: F401 (registration)
        internship_imports,
        internship_lists,
        internship_navigation,
        internship_workflow,
    )


def _ready_certification() -> None:
    from hrbureau.talent import (  # noqa: F401 (registration)
        certification,  # workflows, services, sweep, rules subject
        certification_lists,  # figures
        certification_navigation,  # menu
    )


def _payments_ready() -> None:
    """Disbursement's registrations: the batch workflow, the lists' figures, the menu, the import."""
    from hrbureau.talent import payment_figures, payment_navigation, payments, subsidy_imports  # noqa: F401
