"""Case attachments: checked on the way in, stored outside the web root, served only through a view
that checks the reader may see the case (DESIGN.md mechanism 1, the case page)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.models import CaseAttachment

MAX_BYTES = 10 * 1024 * 1024
# Extension -> (content type, a check of the file's first bytes). The content is checked, not only
# the name: a renamed executable is refused.
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "txt": ("text/plain; charset=utf-8", ()),
}


def root() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "attachments"


def validate_upload(upload: Any) -> tuple[str, bytes]:
    """The upload's content type and bytes, or a translated ValidationError saying what is wrong."""
    name = Path(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(ALLOWED))}
        )
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    if not content:
        raise ValidationError(_("The file is empty."))
    content_type, signatures = ALLOWED[extension]
    if signatures and not any(content.startswith(s) for s in signatures):
        raise ValidationError(
            _("The file's content does not match its name (.%(ext)s).") % {"ext": extension}
        )
    if extension == "txt":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(_("A text file must be UTF-8.")) from None
    return content_type, content


def attachment_add(*, case: Any, upload: Any, actor: Any, event: Any = None) -> CaseAttachment:
    content_type, content = validate_upload(upload)
    now = timezone.now()
    stored_name = f"{now:%Y/%m}/{uuid.uuid4().hex}"
    path = root() / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return CaseAttachment.objects.create(
        case_type=case._meta.label_lower,
        case_id=case.pk,
        event=event,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        original_name=Path(upload.name).name[:255],
        stored_name=stored_name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


# Records other than cases whose files may be attached and downloaded (an inspection's photos): the
# download checks the record through ``for_user`` like a case.
_HOLDERS: set[str] = set()


def register_holder(model: Any) -> Any:
    _HOLDERS.add(model._meta.label_lower)
    return model


def holder_model(label: str) -> Any:
    """The model of a registered non-case holder of attachments, or None."""
    return apps.get_model(label) if label in _HOLDERS else None


def attachments_of(record: Any) -> list[CaseAttachment]:
    return list(
        CaseAttachment.objects.filter(case_type=record._meta.label_lower, case_id=record.pk).order_by(
            "created_at", "id"
        )
    )


def attachment_path(attachment: CaseAttachment) -> Path:
    return root() / attachment.stored_name


def case_model(case_type: str) -> Any:
    """The model of a case type label ("petitions.workorder"), or LookupError."""
    app_label, _dot, model_name = case_type.partition(".")
    return apps.get_model(app_label, model_name)


# --- what a party may open -------------------------------------------------------------------------
# A party (a portal user) opens only the files of a case meant for them: those they uploaded, those of
# the steps they are told of (``Workflow.for_parties``: a reply's file), and those an app says are theirs
# (``register_party_files``: the documents served on them) — never the other side's papers or the staff's.

PartyFiles = Callable[[Any, Any], set[int]]  # (case, user) -> ids of the case's files that are theirs
_PARTY_FILES: dict[str, PartyFiles] = {}


def register_party_files(case_type: str, files: PartyFiles) -> None:
    _PARTY_FILES[case_type] = files


def party_files(
    case: Any, user: Any, attachments: list[CaseAttachment], *, told_events: set[int]
) -> list[CaseAttachment]:
    """The files among ``attachments`` of ``case`` that the party ``user`` may open."""
    signed_in = getattr(
        user, "is_authenticated", False
    )  # the public case query and tracking: no files of theirs
    extra = _PARTY_FILES.get(case._meta.label_lower)
    theirs = extra(case, user) if extra is not None and signed_in else set()
    return [
        a
        for a in attachments
        if (signed_in and a.uploaded_by_id is not None and a.uploaded_by_id == user.pk)
        or (a.event_id is not None and a.event_id in told_events)
        or a.pk in theirs
    ]


def party_may_open(user: Any, case: Any, attachment: CaseAttachment) -> bool:
    from hrbureau.core.models import CaseEvent
    from hrbureau.core.workflow import workflow_for

    try:
        view = workflow_for(case).parties_view
    except KeyError:
        return False  # a holder that is not a case (an inspection): no party files
    told = set(view.told) if view is not None else set()
    told_events = set(
        CaseEvent.objects.filter(pk=attachment.event_id, name__in=told).values_list("pk", flat=True)
        if attachment.event_id is not None
        else []
    )
    return bool(party_files(case, user, [attachment], told_events=told_events))


# --- a form field of several files ---------------------------------------------------------------


class MultipleFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFilesField(forms.FileField):
    """Several files in one field (evidence), each checked by content as an attachment is
    (``validate_upload``): the form names the file that is refused and why."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFilesInput(attrs={"accept": ",".join(f".{ext}" for ext in sorted(ALLOWED))})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        errors: list[str] = []
        for upload in files:
            super().clean(upload, initial)
            try:
                validate_upload(upload)
            except ValidationError as error:
                errors += [f"{upload.name}: {message}" for message in error.messages]
            upload.seek(0)
        if errors:
            raise ValidationError(errors)
        return list(files)
