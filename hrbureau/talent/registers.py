"""The talent registers' writes: each record saved through one function that checks the keeper's right,
copies the street from the enterprise (the streets read the records that lie in them), validates the
record and keeps its edit history; progress updates on agreement actions, which move the action's
progress (and so its computed state); and deletion, refused while other records hang on the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from hrbureau.core import history
from hrbureau.talent.registers_models import (
    ActionProgress,
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    RoundResult,
    StationAssessment,
    TalentContest,
)

MANAGE = "talent.manage_register"
SOURCE = "form"  # EditRecord.Source: a register is kept by its forms


def _require(actor: Any, permission: str = MANAGE) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("You may not keep the talent registers."))


def _derived(record: models.Model) -> None:
    """What a record takes from others: the street of its enterprise (or station)."""
    if isinstance(record, PostdocStation | ParkResidency):
        record.street_id = record.enterprise.street_id if record.enterprise_id else None
    elif isinstance(record, Postdoc):
        record.street_id = record.station.street_id
    elif isinstance(record, ContestEntrant):
        enterprise = record.enterprise
        record.street_id = enterprise.street_id if enterprise is not None else None


def _fields(record: models.Model) -> list[str]:
    return [f.name for f in record._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]


def register_save(
    *,
    actor: Any,
    record: models.Model,
    values: Mapping[str, Any],
    source: str = SOURCE,
    reference: str = "",
) -> models.Model:
    """Create (``record`` unsaved) or edit a register record with ``values``; ValidationError names the
    fields that are wrong (the model's own checks and its constraints)."""
    _require(actor)
    created = record.pk is None
    fields = _fields(record)
    before = {} if created else history.snapshot(record, fields)
    for name, value in values.items():
        setattr(record, name, value)
    _derived(record)
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
            history.record_edit(
                target=record,
                actor=actor,
                source=source,
                before=before,
                after=history.snapshot(record, fields),
                created=created,
                reference=reference,
            )
    except IntegrityError as error:  # a race past full_clean's unique checks
        raise ValidationError(
            _("The record changed meanwhile or repeats another; check and save again.")
        ) from error
    return record


# What must go before a record may be deleted: (related name, what it is, for the message).
_HANGING: dict[type[models.Model], tuple[tuple[str, str], ...]] = {
    PostdocStation: (("postdocs", "postdocs"), ("assessments", "assessments")),
    CooperationAgreement: (("actions", "actions"),),
    AgreementAction: (("updates", "progress updates"),),
    TalentContest: (("entrants", "entrants"), ("rounds", "rounds")),
    ContestRound: (("results", "results"),),
    ContestEntrant: (("results", "results"),),
}


def blockers(record: models.Model) -> list[str]:
    """Why ``record`` may not be deleted: the records that hang on it (none: it may go)."""
    found = []
    for related, _what in _HANGING.get(type(record), ()):
        count = getattr(record, related).count()
        if count:
            model: Any = record._meta.get_field(related).related_model
            found.append(f"{model._meta.verbose_name_plural}：{count}")
    if isinstance(record, ContestEntrant) and record.settled:
        found.append(str(_("the project has settled in the district")))
    return found


def register_delete(*, actor: Any, record: models.Model) -> None:
    """Delete a record entered by mistake; refused (ValidationError) while records hang on it or, for an
    entrant, once its project has settled: the register keeps what happened."""
    _require(actor)
    found = blockers(record)
    if found:
        raise ValidationError(
            _("This record cannot be deleted while other records depend on it: %(what)s.")
            % {"what": "；".join(found)}
        )
    with transaction.atomic():
        history.record_edit(
            target=record,
            actor=actor,
            source=SOURCE,
            before=history.snapshot(record, _fields(record)),
            after={},
            reference="deleted",
        )
        record.delete()


def action_progress_record(
    *, actor: Any, action: AgreementAction, reported_on: dt.date, percent: int, note: str = ""
) -> ActionProgress:
    """A dated progress update on an action. The action's progress becomes the latest update's (by date),
    and it is done on the first day an update reports 100 %."""
    _require(actor)
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": [_("Progress is a percentage from 0 to 100.")]})
    if reported_on < action.agreement.signed_on:
        raise ValidationError(
            {"reported_on": [_("Progress cannot be reported before the agreement was signed.")]}
        )
    with transaction.atomic():
        locked = AgreementAction.objects.select_for_update().get(pk=action.pk)
        update = ActionProgress.objects.create(
            action=locked, reported_on=reported_on, percent=percent, note=note.strip()
        )
        latest = locked.updates.order_by("-reported_on", "-id").first()
        assert latest is not None
        finished = locked.updates.filter(percent__gte=100).order_by("reported_on").first()
        locked.progress = latest.percent
        locked.done_on = finished.reported_on if finished is not None and latest.percent >= 100 else None
        locked.save(update_fields=["progress", "done_on", "updated_at"])
    action.progress, action.done_on = locked.progress, locked.done_on
    return update


def result_record(
    *, actor: Any, round: ContestRound, entrant: ContestEntrant, rank: int | None, award: str = ""
) -> RoundResult:
    """An entrant's result in a round (replacing an earlier one for the same round)."""
    _require(actor)
    if round.contest_id != entrant.contest_id:
        raise ValidationError(_("The round and the entrant belong to different contests."))
    result, _created = RoundResult.objects.update_or_create(
        round=round, entrant=entrant, defaults={"rank": rank, "award": award.strip()}
    )
    return result


def assessment_record(
    *, actor: Any, station: PostdocStation, year: int, result: str, note: str = ""
) -> StationAssessment:
    """A station's assessment for a year (replacing an earlier one for that year)."""
    _require(actor)
    assessment, _created = StationAssessment.objects.update_or_create(
        station=station, year=year, defaults={"result": result, "note": note.strip()}
    )
    return assessment
