"""Matching and delivery (DOMAIN.md §5, 惠企政策一键直达): which enterprises (or people) a published policy
item fits, found by one set-based query; the new matches pushed to them (inbox and SMS, one message per
beneficiary per run); those that stopped qualifying before a grant flagged for a compliance re-check; and
the match's course read → applied → granted / refused.

When matching runs:

- when an item is published (after the "publish" transition commits, as a background task);
- nightly, for every published item (a periodic job: the first sweep of a day);
- when an enterprise's record changes (``rematch_enterprise``; a person's: ``rematch_person``). The enterprise registry sits below the
  business lines and cannot import this app, so its edit service announces the change through the tiny
  hook registry ``core.changes`` (``enterprise_changed``), which calls what the lines registered after
  the edit commits. A hook was chosen over a sweep of enterprises by ``updated_at``: the enterprise's
  own users see their new policies right after an edit, and nothing has to remember when the sweep last
  ran. Imports (which write in bulk, without the edit service) and facts of other lines (a new labour
  risk, arrears) are caught by the nightly run.

No step loops over enterprises in Python: the new matches are one INSERT … SELECT built from the rules'
queryset (ON CONFLICT DO NOTHING on the one-match-per-item-and-beneficiary constraints, so a second run
or a concurrent one inserts nothing twice), the flags one UPDATE each way, and the notices bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import changes, links, periodic, rules
from hrbureau.core.models import Notification, OutboxMessage
from hrbureau.core.workflow import TransitionContext
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.policies.choices import Beneficiary, ItemState, MatchState
from hrbureau.policies.models import PolicyItem, PolicyMatch
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, PERSON_SUBJECT
from hrbureau.policies.workflows import ITEM_WORKFLOW

log = logging.getLogger(__name__)

# A match that reached one of these is past the point where qualifying matters: never flagged.
DECIDED = (MatchState.GRANTED, MatchState.REFUSED)
# How many item lines a push lists before "and N more".
LISTED_ITEMS = 5


@dataclass(frozen=True)
class Side:
    """What matching needs of a beneficiary kind: its rules subject, model and the match's column."""

    subject: str
    model: type[Any]
    column: str  # "enterprise_id" / "person_id"


SIDES = {
    Beneficiary.ENTERPRISE: Side(ENTERPRISE_SUBJECT, Enterprise, "enterprise_id"),
    Beneficiary.PERSON: Side(PERSON_SUBJECT, Person, "person_id"),
}


def side_of(item: PolicyItem) -> Side:
    return SIDES[Beneficiary(item.beneficiary)]


def condition_of(item: PolicyItem) -> dict[str, Any]:
    """The item's eligibility, validated; an item with no condition is for every beneficiary."""
    return rules.validate(side_of(item).subject, item.eligibility or {"all": []})


def qualifying(item: PolicyItem, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """Every enterprise (or person) that meets the item's eligibility now: one query."""
    side = side_of(item)
    return rules.matching(side.subject, condition_of(item), queryset)


@dataclass
class MatchResult:
    new: int = 0
    flagged: int = 0
    unflagged: int = 0

    def __iadd__(self, other: MatchResult) -> MatchResult:
        self.new += other.new
        self.flagged += other.flagged
        self.unflagged += other.unflagged
        return self


def _insert_new(item: PolicyItem, found: QuerySet[Any], *, today: dt.date, marker: dt.datetime) -> int:
    """INSERT … SELECT the qualifying rows that have no match yet; their ``created_at`` is ``marker``, by
    which the run finds the matches it created (a concurrent run's rows carry its own)."""
    side = side_of(item)
    inner = found.order_by().values(m_id=F("pk"), m_street=F("street_id"))
    inner_sql, inner_params = inner.query.sql_with_params()
    table = PolicyMatch._meta.db_table
    ops = connection.ops
    now = ops.adapt_datetimefield_value(marker)
    with connection.cursor() as cursor:
        # Only the table and column names (from the model) are formatted in; every value is a parameter.
        # "WHERE true" keeps SQLite from reading ON CONFLICT as a join's ON.
        cursor.execute(
            f"INSERT INTO {table} (item_id, {side.column}, street_id, state, matched_on, "  # noqa: S608
            "still_qualifies, created_at, updated_at) "
            f"SELECT %s, s.m_id, s.m_street, %s, %s, %s, %s, %s FROM ({inner_sql}) s WHERE true "
            "ON CONFLICT DO NOTHING",
            [
                item.pk,
                MatchState.PUSHED.value,
                ops.adapt_datefield_value(today),
                True,
                now,
                now,
                *inner_params,
            ],
        )
        return max(cursor.rowcount, 0)


def _run_item(
    item: PolicyItem, *, today: dt.date, marker: dt.datetime, only: QuerySet[Any] | None = None
) -> MatchResult:
    """Match ``item`` over every beneficiary, or over ``only`` (one enterprise's row)."""
    side = side_of(item)
    found = qualifying(item, only)
    new = _insert_new(item, found, today=today, marker=marker)
    existing = PolicyMatch.objects.filter(item=item, **{f"{side.column}__isnull": False})
    if only is not None:
        existing = existing.filter(**{f"{side.column}__in": only.order_by().values("pk")})
    # Whether the match's beneficiary qualifies now: a correlated EXISTS (an anti-join for the flags).
    qualifies = Exists(found.order_by().filter(pk=OuterRef(side.column)))
    stamp = timezone.now()
    # Stopped qualifying before a decision: flagged for a compliance re-check (set-based).
    flagged = (
        existing.filter(~qualifies, still_qualifies=True)
        .exclude(state__in=DECIDED)
        .update(still_qualifies=False, flagged_on=today, updated_at=stamp)
    )
    # Qualifies again: the flag is lifted.
    unflagged = existing.filter(qualifies, still_qualifies=False).update(
        still_qualifies=True, flagged_on=None, updated_at=stamp
    )
    return MatchResult(new=new, flagged=flagged, unflagged=unflagged)


def _live(item: PolicyItem, today: dt.date) -> bool:
    return item.state == ItemState.PUBLISHED and (item.valid_to is None or item.valid_to >= today)


@transaction.atomic
def match_item(*, item: PolicyItem, today: dt.date | None = None, push: bool = True) -> MatchResult:
    """Match a published item over the whole district: the new matches inserted (and pushed to their
    enterprises or people after commit, unless ``push`` is False), the matches that no longer qualify
    flagged, those that qualify again unflagged. An item not published, or past its validity, is not
    matched."""
    today = today or timezone.localdate()
    if not _live(item, today):
        return MatchResult()
    marker = timezone.now()
    result = _run_item(item, today=today, marker=marker)
    if push and result.new:
        push_new_matches(marker=marker, item_ids=[item.pk])
    return result


def published_items(beneficiary: str | None = None, *, today: dt.date | None = None) -> QuerySet[PolicyItem]:
    """The items in force: published and not past their validity (public: anyone may read them)."""
    today = today or timezone.localdate()
    items = PolicyItem.objects.filter(state=ItemState.PUBLISHED).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return items.filter(beneficiary=beneficiary) if beneficiary else items


def _run_many(items: Iterable[PolicyItem], *, today: dt.date, only_for: Any = None) -> MatchResult:
    """Match several items in one run; each beneficiary gets one message listing its new items."""
    total = MatchResult()
    marker = timezone.now()
    item_ids: list[int] = []
    with transaction.atomic():
        for item in items:
            only = None
            if only_for is not None:
                model, pk = only_for
                if side_of(item).model is not model:
                    continue
                only = model.objects.filter(pk=pk)
            try:
                with transaction.atomic():
                    total += _run_item(item, today=today, marker=marker, only=only)
                item_ids.append(item.pk)
            except ValidationError:  # an item whose condition no longer validates (a tag removed)
                log.exception("policy item %s: its eligibility does not validate", item.pk)
        if total.new:
            push_new_matches(marker=marker, item_ids=item_ids)
    return total


def rematch_enterprise(enterprise_id: int, *, today: dt.date | None = None) -> MatchResult:
    """Re-evaluate every published enterprise item for one enterprise (after its record changed): one
    query per item over a one-row queryset; new matches pushed in one message."""
    today = today or timezone.localdate()
    return _run_many(
        published_items(Beneficiary.ENTERPRISE, today=today),
        today=today,
        only_for=(Enterprise, enterprise_id),
    )


def rematch_person(person_id: int, *, today: dt.date | None = None) -> MatchResult:
    """The same for one person and the published person items."""
    today = today or timezone.localdate()
    return _run_many(
        published_items(Beneficiary.PERSON, today=today), today=today, only_for=(Person, person_id)
    )


def match_all_published(*, today: dt.date | None = None) -> MatchResult:
    """The nightly run: every published item over the whole district."""
    today = today or timezone.localdate()
    return _run_many(published_items(today=today).order_by("id"), today=today)


def nightly_if_due(today: dt.date) -> str | None:
    """The periodic job: the first sweep of a day re-matches every published item."""
    from django.core.cache import cache

    if not cache.add(f"hrbureau:policies:matched:{today}", 1, 2 * 86400):
        return None
    result = match_all_published(today=today)
    return f"{result.new} new, {result.flagged} flagged, {result.unflagged} qualify again"


# --- push ---------------------------------------------------------------------------------------------


def _phone_of(user: User) -> str:
    person = user.person if user.role == Role.INDIVIDUAL and user.person_id else None
    return (getattr(person, "phone", "") if person else "") or user.phone


def push_new_matches(*, marker: dt.datetime, item_ids: list[int]) -> int:
    """Tell every enterprise (or person) with matches created at ``marker`` about them: one inbox notice
    to each of its users and one SMS to each of their phones, listing the new items — one message per
    beneficiary per run, whatever the number of items. Bulk inserts, sent after commit. Returns how many
    notices were written."""
    new = PolicyMatch.objects.filter(item_id__in=item_ids, created_at=marker).order_by("item__number")
    found = list(new.values_list("enterprise_id", "person_id", "pk", "item__number", "item__title"))
    if not found:
        return 0
    by_enterprise: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    by_person: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for enterprise_id, person_id, match_id, number, title in found:
        if enterprise_id is not None:
            by_enterprise[enterprise_id].append((match_id, number, title))
        elif person_id is not None:
            by_person[person_id].append((match_id, number, title))
    users = User.objects.filter(is_active=True).filter(
        Q(
            role=Role.ENTERPRISE,
            enterprise_id__in=new.filter(enterprise__isnull=False).values("enterprise_id"),
        )
        | Q(role=Role.INDIVIDUAL, person_id__in=new.filter(person__isnull=False).values("person_id"))
    )
    url = reverse("policies:portal")
    notices: list[Notification] = []
    texts: dict[str, str] = {}
    for user in users.select_related("person").order_by("id"):
        items = by_enterprise.get(user.enterprise_id) if user.role == Role.ENTERPRISE else None  # type: ignore[arg-type]
        if user.role == Role.INDIVIDUAL:
            items = by_person.get(user.person_id)  # type: ignore[arg-type]
        if not items:
            continue
        title, body = _message(items)
        notices.append(
            Notification(
                recipient=user,
                title=title[:200],
                body=body,
                url=url,
                # The case is the first new match: it opens the party's "policies for you" (core.links).
                case_type=PolicyMatch._meta.label_lower,
                case_id=items[0][0],
            )
        )
        phone = _phone_of(user)
        if phone:
            texts.setdefault(phone, f"{title}\n{body}")
    Notification.objects.bulk_create(notices, batch_size=1000)
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(channel=OutboxMessage.Channel.SMS, to=to, body=text) for to, text in texts.items()],
        batch_size=1000,
    )
    ids = [m.pk for m in messages if m.pk is not None]
    if ids:
        transaction.on_commit(lambda: _deliver(ids))
    return len(notices)


def _deliver(ids: list[int]) -> None:
    from hrbureau.core.tasks import deliver_outbox_task

    for start in range(0, len(ids), 500):
        deliver_outbox_task.enqueue(ids=ids[start : start + 500])


def _message(items: list[tuple[int, str, str]]) -> tuple[str, str]:
    title = ngettext(
        "A new policy for you: %(count)s item",
        "New policies for you: %(count)s items",
        len(items),
    ) % {"count": len(items)}
    lines = [f"{number} {item_title}" for _pk, number, item_title in items[:LISTED_ITEMS]]
    if len(items) > LISTED_ITEMS:
        lines.append(_("and %(count)s more") % {"count": len(items) - LISTED_ITEMS})
    lines.append(_("See them on the portal under “Policies for you”."))
    return title, "\n".join(lines)


# --- the match's course -------------------------------------------------------------------------------


def match_mark_read(match: PolicyMatch) -> bool:
    """The enterprise (or person) opened the item on the portal: pushed → read (once)."""
    now = timezone.now()
    changed = PolicyMatch.objects.filter(pk=match.pk, state=MatchState.PUSHED).update(
        state=MatchState.READ, read_at=now, updated_at=now
    )
    if changed:
        match.state, match.read_at = MatchState.READ, now
    return bool(changed)


def match_mark_applied(match: PolicyMatch) -> bool:
    """The enterprise applied for the item (called by the application's service): pushed or read →
    applied; a match never opened is read at the same moment."""
    now = timezone.now()
    changed = PolicyMatch.objects.filter(pk=match.pk, state__in=(MatchState.PUSHED, MatchState.READ)).update(
        state=MatchState.APPLIED,
        applied_at=now,
        read_at=F("read_at") if match.read_at else now,
        updated_at=now,
    )
    if changed:
        match.refresh_from_db(fields=["state", "applied_at", "read_at"])
    return bool(changed)


def match_mark_decided(match: PolicyMatch, granted: bool) -> bool:
    """The application was decided, or a no-application grant made: → granted or refused. A decided
    match is never flagged afterwards."""
    now = timezone.now()
    state = MatchState.GRANTED if granted else MatchState.REFUSED
    changed = (
        PolicyMatch.objects.filter(pk=match.pk)
        .exclude(state__in=DECIDED)
        .update(state=state, decided_at=now, updated_at=now)
    )
    if changed:
        match.state, match.decided_at = state, now
    return bool(changed)


# --- figures and explanations -------------------------------------------------------------------------

COUNTED = ("pushed", "read", "applied", "granted", "refused")


def counts(matches: QuerySet[PolicyMatch]) -> dict[str, int]:
    """How many of ``matches`` are in each state, and flagged: one aggregate."""
    found = matches.order_by().aggregate(
        total=Count("pk"),
        flagged=Count("pk", filter=Q(still_qualifies=False)),
        **{state: Count("pk", filter=Q(state=state)) for state in COUNTED},
    )
    return {key: value or 0 for key, value in found.items()}


def counts_by_item(matches: QuerySet[PolicyMatch]) -> list[dict[str, Any]]:
    """The same per item (one grouped query), the items with any match, by number."""
    return list(
        matches.order_by()
        .values("item_id", "item__number", "item__title")
        .annotate(
            total=Count("pk"),
            flagged=Count("pk", filter=Q(still_qualifies=False)),
            **{state: Count("pk", filter=Q(state=state)) for state in COUNTED},
        )
        .order_by("item__number")
    )


def why(match: PolicyMatch) -> list[dict[str, Any]]:
    """Why the beneficiary qualifies (or no longer does): each condition in plain language with what its
    record says now, read through the subject's queryset."""
    return why_many([match]).get(match.pk, [])


def why_many(matches: list[PolicyMatch]) -> dict[int, list[dict[str, Any]]]:
    """``why`` for a page of matches: each beneficiary loaded once, through the subject's queryset with
    what all the page's conditions read (one query per kind of beneficiary), then explained per item."""
    found: dict[int, list[dict[str, Any]]] = {}
    for side in SIDES.values():
        group = [m for m in matches if side_of(m.item) is side]
        if not group:
            continue
        conditions = {m.pk: m.item.eligibility or {"all": []} for m in group}
        ids = {m.enterprise_id if side.column == "enterprise_id" else m.person_id for m in group}
        subject = rules.subject(side.subject)
        try:
            rows = subject.queryset(
                side.model._default_manager.filter(pk__in=ids), condition={"all": list(conditions.values())}
            )
            loaded = {obj.pk: obj for obj in rows}
        except (KeyError, LookupError):  # a condition naming what no longer exists
            continue
        for m in group:
            obj = loaded.get(m.enterprise_id if side.column == "enterprise_id" else m.person_id)
            if obj is None:
                continue
            try:
                found[m.pk] = rules.lines(side.subject, rules.trace(side.subject, conditions[m.pk], obj))
            except (KeyError, LookupError):
                found[m.pk] = []
    return found


# --- when it runs -------------------------------------------------------------------------------------


@ITEM_WORKFLOW.on_commit("publish")
def _matched_on_publication(ctx: TransitionContext) -> None:
    """Once the publication commits, the district is matched in the background."""
    from hrbureau.policies.tasks import match_item_task

    match_item_task.enqueue(ctx.case.pk)


@changes.on_enterprise_changed
def _rematched_on_edit(enterprise_id: int) -> None:
    """An enterprise's record was edited (after commit): its published items re-evaluated in the
    background."""
    from hrbureau.policies.tasks import rematch_enterprise_task

    rematch_enterprise_task.enqueue(enterprise_id)


@changes.on_person_changed
def _rematched_person_on_edit(person_id: int) -> None:
    """A person's record was edited (after commit): the published person items re-evaluated for them."""
    from hrbureau.policies.tasks import rematch_person_task

    rematch_person_task.enqueue(person_id)


periodic.register("policies: nightly matching", nightly_if_due)
links.register_portal_page(PolicyMatch._meta.label_lower, lambda match: reverse("policies:portal"))
