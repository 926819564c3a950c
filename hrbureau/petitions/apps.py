from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "hrbureau.petitions"
    verbose_name = _("Petitions and 12345 work orders")

    def ready(self) -> None:
        from hrbureau.core.choicecache import renew_on_change
        from hrbureau.petitions import (  # noqa: F401 (registration)
            facts,
            imports,
            navigation,
            permissions,
            profile,
            services,
            timeline,
            todo,
            workflows,
        )
        from hrbureau.petitions.forms import CATEGORY_CHOICES
        from hrbureau.petitions.models import Category

        renew_on_change(Category, CATEGORY_CHOICES)
