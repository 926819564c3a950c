"""Moving models from one app to another without losing a row or a reference (used by the migrations of
an app split, issue 16). A model's label (``labour.evaluation``) is stored wherever core refers to a
record generically; when the model moves, every such reference moves with it:

- its content type, and with it Django's model permissions and whoever holds them;
- case events, clocks, notices, comments and attachments (``case_type``: the lower-case label);
- recent visits (``object_type``: the label).

The audit log and the registries' edit records are append-only (a database trigger refuses UPDATE):
they keep the label a record had when the event was written, as any log keeps the names of its day.

These functions run inside migrations with the historical models (``apps``), so they must keep working
against the tables as they are at that point of the history: change them only by adding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# (model, field) that hold a lower-case model label, and those that hold the label as ``_meta.label``.
LOWER_LABELS = (
    ("CaseEvent", "case_type"),
    ("Clock", "case_type"),
    ("Notification", "case_type"),
    ("CaseComment", "case_type"),
    ("CaseAttachment", "case_type"),
)
LABELS = (("RecentVisit", "object_type"),)


def move_models(apps: Any, *, old_app: str, new_app: str, models: Iterable[str]) -> None:
    """Point every generic reference to ``old_app.<Model>`` at ``new_app.<Model>`` (models by class
    name). Reversed by calling it with the apps swapped."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    for name in models:
        lower = name.lower()
        old = content_type.objects.filter(app_label=old_app, model=lower).first()
        if old is not None:
            new = content_type.objects.filter(app_label=new_app, model=lower).first()
            if new is None:
                old.app_label = new_app
                old.save(update_fields=["app_label"])
            else:
                # Both exist (the new one made by an earlier run of post_migrate): the old one's
                # permissions, and so their holders, go to the new one unless it has the same codename.
                taken = set(permission.objects.filter(content_type=new).values_list("codename", flat=True))
                permission.objects.filter(content_type=old).exclude(codename__in=taken).update(
                    content_type=new
                )
                if not permission.objects.filter(content_type=old).exists():
                    old.delete()
        for model, field in LOWER_LABELS:
            apps.get_model("core", model).objects.filter(**{field: f"{old_app}.{lower}"}).update(
                **{field: f"{new_app}.{lower}"}
            )
        for model, field in LABELS:
            apps.get_model("core", model).objects.filter(**{field: f"{old_app}.{name}"}).update(
                **{field: f"{new_app}.{name}"}
            )
