"""Staff deployment to emergency duty (应急派遣): plans as documents, the duty posts under each (a street
or a named site: the airport, a quarantine hotel), the roster of who went where from when to when — one
person is never at two posts on the same day — and the figures of any period: people deployed and
person-days, in all and by place. Nothing here is tied to one emergency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hrbureau.core.attachments import attachment_add
from hrbureau.personnel.records_choices import PlaceKind
from hrbureau.personnel.records_models import Deployment, DutyPost, EmergencyPlan, StaffMember


def plan_create(
    *, actor: Any, title: str, number: str, issued_on: dt.date, summary: str = "", file: Any = None
) -> EmergencyPlan:
    with transaction.atomic():
        if EmergencyPlan.objects.filter(number=number.strip()).exists():
            raise ValidationError({"number": _("A plan with this document number exists.")})
        plan = EmergencyPlan.objects.create(
            title=title.strip(), number=number.strip(), issued_on=issued_on, summary=summary
        )
        if file is not None:
            attachment_add(case=plan, upload=file, actor=actor)
    return plan


def post_add(
    *, actor: Any, plan: EmergencyPlan, kind: str, name: str = "", street: Any = None, duty: str = ""
) -> DutyPost:
    """A duty post: a street post names its street (and is called by it unless named); a site is named."""
    if kind == PlaceKind.STREET and street is None:
        raise ValidationError({"street": _("A street post names its street.")})
    if kind != PlaceKind.STREET and not name.strip():
        raise ValidationError({"name": _("Name the site.")})
    return DutyPost.objects.create(
        plan=plan,
        kind=kind,
        street=street if kind == PlaceKind.STREET else None,
        name=name.strip() or str(street.name),
        duty=duty.strip(),
    )


def _overlapping(staff: StaffMember, starts_on: dt.date, ends_on: dt.date | None) -> Any:
    rows = Deployment.objects.filter(staff=staff).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    if ends_on is not None:
        rows = rows.filter(starts_on__lte=ends_on)
    return rows


def deployment_add(
    *,
    actor: Any,
    post: DutyPost,
    staff: StaffMember,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
) -> Deployment:
    """Put a person on the roster at ``post`` from ``starts_on`` to ``ends_on`` (open: still there).
    Refused when it overlaps another of their assignments (the staff row is locked meanwhile)."""
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end is before the start.")})
    with transaction.atomic():
        StaffMember.objects.select_for_update().filter(pk=staff.pk).first()
        clash = _overlapping(staff, starts_on, ends_on).select_related("post").first()
        if clash is not None:
            raise ValidationError(
                _("%(name)s is already at %(post)s from %(start)s to %(end)s.")
                % {
                    "name": staff.name,
                    "post": clash.post.name,
                    "start": clash.starts_on,
                    "end": clash.ends_on or _("now"),
                }
            )
        return Deployment.objects.create(
            post=post, staff=staff, starts_on=starts_on, ends_on=ends_on, note=note.strip()
        )


def deployment_end(*, actor: Any, deployment: Deployment, ends_on: dt.date) -> Deployment:
    """Record the day a person came back (an open assignment ends)."""
    if ends_on < deployment.starts_on:
        raise ValidationError({"ends_on": _("The end is before the start.")})
    later = Deployment.objects.filter(
        staff=deployment.staff, starts_on__gt=deployment.starts_on, starts_on__lte=ends_on
    )
    if later.exists():
        raise ValidationError(_("This person was already at another post by then."))
    deployment.ends_on = ends_on
    deployment.save(update_fields=["ends_on", "updated_at"])
    return deployment


@dataclass(frozen=True)
class PlaceFigures:
    place: str
    kind: str
    people: int
    person_days: int


@dataclass(frozen=True)
class DeploymentFigures:
    first: dt.date
    last: dt.date
    people: int
    person_days: int
    by_place: list[PlaceFigures]


def deployment_figures(*, rows: Any, first: dt.date, last: dt.date) -> DeploymentFigures:
    """People deployed and person-days within ``first``..``last`` (both included) over ``rows`` (the
    reader's deployments): a person counts once in all however many posts they held; a day counts
    once per person; an open assignment runs to ``last``."""
    if last < first:
        raise ValidationError(_("The period ends before it starts."))
    within = rows.filter(starts_on__lte=last).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
    people: set[int] = set()
    total_days = 0
    places: dict[int, dict[str, Any]] = {}
    for staff_id, post_id, post_name, kind, starts_on, ends_on in within.values_list(
        "staff_id", "post_id", "post__name", "post__kind", "starts_on", "ends_on"
    ):
        days = (min(ends_on or last, last) - max(starts_on, first)).days + 1
        people.add(staff_id)
        total_days += days
        place = places.setdefault(post_id, {"name": post_name, "kind": kind, "people": set(), "days": 0})
        place["people"].add(staff_id)
        place["days"] += days
    by_place = sorted(
        (PlaceFigures(p["name"], p["kind"], len(p["people"]), p["days"]) for p in places.values()),
        key=lambda f: (-f.person_days, f.place),
    )
    return DeploymentFigures(
        first=first, last=last, people=len(people), person_days=total_days, by_place=by_place
    )
