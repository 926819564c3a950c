from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    """Personnel work (人事): public-institution recruitment (事业单位招聘) from plans to the medical-check
    shortlist, 三龄一历 certification, grade promotion of street management staff, and staff deployment
    to emergency duty."""

    name = "hrbureau.personnel"
    verbose_name = _("Personnel")

    def ready(self) -> None:
        from hrbureau.personnel import permissions  # noqa: F401 (registration)

        # --- recruitment ---
        from hrbureau.personnel.recruitment_app import register as register_recruitment

        register_recruitment()

        # --- personnel records (三龄一历, grade promotion, emergency duty) ---
        # isort: split
        from hrbureau.personnel import (  # noqa: F401 (registration: workflows, lists, menu)
            emergency,
            promotion,
            records,
            records_admin,
            records_lists,
            records_navigation,
        )
