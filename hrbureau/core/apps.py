from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hrbureau.core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from hrbureau.core import checks, periodic, textsearch  # noqa: F401  (registration)
        from hrbureau.core.forms import use_plain_empty_choice

        use_plain_empty_choice()

        periodic.register("search indexes", textsearch.tidy_text_indexes_if_due)  # SQLite, once a day

        from hrbureau.core.imports import liveness, services

        periodic.register("imports: stopped jobs", liveness.mark_dead_jobs)
        periodic.register("imports: orphan files", services.purge_orphan_files)
