from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "hrbureau.enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from hrbureau.core.choicecache import choices_changed
        from hrbureau.enterprises import permissions, registry  # noqa: F401  (registration)
        from hrbureau.enterprises.models import EnterpriseTag
        from hrbureau.enterprises.selectors import TAG_CHOICES

        def tags_changed(**kwargs: object) -> None:
            # Now, and again once committed: a process that rebuilt the list between the two from the
            # rows committed so far would otherwise keep that list until the next change.
            choices_changed(TAG_CHOICES)
            transaction.on_commit(lambda: choices_changed(TAG_CHOICES))

        post_save.connect(tags_changed, sender=EnterpriseTag, dispatch_uid="tag-choices-saved")
        post_delete.connect(tags_changed, sender=EnterpriseTag, dispatch_uid="tag-choices-deleted")
