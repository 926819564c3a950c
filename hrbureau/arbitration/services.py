"""Writes on disputes: filing, supplement, acceptance, triage, tribunal, hearings, service of documents,
mediation and the award. Each validates its input (translated ValidationError), then moves the case
through ``core.workflow.transition`` in one transaction, so a refusal leaves nothing half-written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import Department, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.accounts.selectors import portal_users_of
from hrbureau.arbitration import rules, triage
from hrbureau.arbitration.choices import (
    FORMAL_DOCUMENTS,
    PROCEEDING_STATES,
    SIMPLE_CHANNELS,
    ClaimKind,
    DocumentKind,
    HearingState,
    PartyKind,
    PartyRole,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.choices import TimeLimitKey as K
from hrbureau.arbitration.hearings import hearing_hold
from hrbureau.arbitration.models import (
    Agent,
    Claim,
    Dispute,
    Hearing,
    HearingRoom,
    MediationAgreement,
    Party,
    Receipt,
    Service,
)
from hrbureau.arbitration.respondents import enterprise_identifier
from hrbureau.arbitration.workflows import WORKFLOW
from hrbureau.core import clocks
from hrbureau.core.attachments import attachment_add
from hrbureau.core.counters import next_value
from hrbureau.core.forms import clean_amount
from hrbureau.core.identifiers import normalize_phone, normalize_resident_id
from hrbureau.core.notifications import notify
from hrbureau.core.punctuation import join_words
from hrbureau.core.workflow import create_case, transition

COLLECTIVE_MIN = 10  # 10 or more workers with a common claim [law Art.7]
# Evidence uploaded with an online application: more is handed in at the counter.
EVIDENCE_MAX_FILES = 10
EVIDENCE_MAX_BYTES = 30 * 1024 * 1024
REPRESENTATIVES = (3, 5)  # they may elect 3 to 5 representatives [rules Art.7]


@dataclass
class PartyInput:
    role: str
    kind: str
    name: str
    identifier: str
    phone: str = ""
    address: str = ""
    representative: bool = False
    e_service_consent: bool = False


@dataclass
class ClaimInput:
    kind: str
    description: str
    amount: Decimal | str | None = None


@dataclass
class AwardResult:
    """What the award decided: the final and non-final items and the documents to make (one award, or
    separate final and non-final awards when the items are mixed)."""

    threshold: Decimal
    final: list[Claim] = field(default_factory=list)
    non_final: list[Claim] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        if self.final and self.non_final:
            return [DocumentKind.AWARD_FINAL, DocumentKind.AWARD_NONFINAL]
        return [DocumentKind.AWARD]


def _today() -> dt.date:
    return timezone.localdate()


def _act_day(on: dt.date | None) -> dt.date:
    day = on or _today()
    if day > _today():
        raise ValidationError({"on": [_("The day of an act cannot be in the future.")]})
    return day


def institute() -> OrgUnit:
    return OrgUnit.objects.get(code=Department.ARBITRATION)


# --- filing ------------------------------------------------------------------------------------------


def _money(value: Any, where: str, errors: dict[str, list[str]]) -> Decimal | None:
    return clean_amount(value, where, errors)


def _clean_parties(parties: Iterable[PartyInput], errors: dict[str, list[str]]) -> list[PartyInput]:
    cleaned = []
    for index, party in enumerate(parties):
        where = f"parties[{index}]"
        if party.role not in PartyRole.values or party.kind not in PartyKind.values:
            errors.setdefault(where, []).append(_("Unknown kind of party."))
            continue
        name = " ".join((party.name or "").split())
        if not name:
            errors.setdefault(where, []).append(_("The name is required."))
        try:
            identifier = (
                normalize_resident_id(party.identifier)
                if party.kind == PartyKind.PERSON
                else enterprise_identifier(
                    name=name,
                    identifier=party.identifier,
                    address=party.address,
                    respondent=party.role == PartyRole.RESPONDENT,
                )
            )
        except ValidationError as error:
            errors.setdefault(where, []).extend(error.messages)
            continue
        phone = ""
        if party.phone:
            try:
                phone = normalize_phone(party.phone)
            except ValidationError as error:
                errors.setdefault(where, []).extend(error.messages)
        cleaned.append(
            PartyInput(
                role=party.role,
                kind=party.kind,
                name=name[:200],
                identifier=identifier,
                phone=phone,
                address=" ".join((party.address or "").split())[:300],
                representative=party.representative,
                e_service_consent=party.e_service_consent,
            )
        )
    return cleaned


@transaction.atomic
def dispute_file(
    *,
    actor: Any,
    channel: str,
    facts: str,
    parties: list[PartyInput],
    claims: list[ClaimInput],
    documents: list[str],
    filed_on: dt.date | None = None,
    infringement_known_on: dt.date | None = None,
    employment_ended_on: dt.date | None = None,
    facts_clear: bool = False,
    both_agree: bool = False,
    migrant_wages: bool = False,
    evidence: Iterable[Any] = (),
) -> Dispute:
    """An application, online or at the counter: parties, claims, the materials taken in and the
    evidence files uploaded (each listed on the receipt; the files kept with the case, checked by
    content). The acceptance period (5 days) starts on the filing day."""
    if not (actor.has_perm("arbitration.add_dispute") or actor.has_perm("arbitration.file_dispute")):
        raise PermissionDenied("arbitration.add_dispute")
    errors: dict[str, list[str]] = {}
    evidence = list(evidence)
    _check_evidence(evidence, errors)
    facts = (facts or "").strip()
    if not facts:
        errors["facts"] = [_("State the facts and reasons.")]
    cleaned = _clean_parties(parties, errors)
    applicants = [p for p in cleaned if p.role == PartyRole.APPLICANT]
    respondents = [p for p in cleaned if p.role == PartyRole.RESPONDENT]
    if not applicants:
        errors.setdefault("parties", []).append(_("Name at least one applicant."))
    if not respondents:
        errors.setdefault("parties", []).append(_("Name at least one respondent."))
    identifiers = [p.identifier for p in cleaned if p.identifier]  # "": an unregistered enterprise
    if len(set(identifiers)) != len(identifiers):
        errors.setdefault("parties", []).append(_("The same party is named twice."))
    if actor.role == Role.INDIVIDUAL:
        own = actor.person.id_number if actor.person_id else None
        if own not in {p.identifier for p in applicants}:
            errors.setdefault("parties", []).append(_("You can file only as one of the applicants."))
    if actor.role == Role.ENTERPRISE:
        own = actor.enterprise.uscc if actor.enterprise_id else None
        if own not in {p.identifier for p in applicants}:
            errors.setdefault("parties", []).append(_("You can file only as one of the applicants."))
    collective = len(applicants) >= COLLECTIVE_MIN
    representatives = sum(1 for p in applicants if p.representative)
    if representatives and not (REPRESENTATIVES[0] <= representatives <= REPRESENTATIVES[1]):
        errors.setdefault("parties", []).append(
            _("A collective case elects %(min)d to %(max)d representatives.")
            % {"min": REPRESENTATIVES[0], "max": REPRESENTATIVES[1]}
        )
    if representatives and not collective:
        errors.setdefault("parties", []).append(
            _("Representatives are elected only when %(min)d or more workers apply together.")
            % {"min": COLLECTIVE_MIN}
        )
    if not claims:
        errors["claims"] = [_("State at least one claim.")]
    amounts = []
    for index, claim in enumerate(claims):
        where = f"claims[{index}]"
        if claim.kind not in ClaimKind.values:
            errors.setdefault(where, []).append(_("Unknown kind of claim."))
        if not (claim.description or "").strip():
            errors.setdefault(where, []).append(_("Describe the claim."))
        amounts.append(_money(claim.amount, where, errors))
    documents = [" ".join(d.split()) for d in documents if d and d.strip()]
    if not documents:
        errors["documents"] = [_("List the materials handed in (at least the application).")]
    day = filed_on or _today()
    if day > _today():
        errors["filed_on"] = [_("The day of an act cannot be in the future.")]
    if errors:
        raise ValidationError(errors)

    from hrbureau.enterprises.models import Enterprise
    from hrbureau.people.services import person_register_for_case

    enterprises = {
        e.uscc: e
        for e in Enterprise.objects.filter(
            uscc__in=[p.identifier for p in cleaned if p.kind == PartyKind.ENTERPRISE]
        )
    }
    first_enterprise = next(
        (enterprises.get(p.identifier) for p in respondents if p.kind == PartyKind.ENTERPRISE), None
    )
    dispute = Dispute(
        channel=channel,
        facts=facts,
        filed_on=day,
        received_on=day,
        collective=collective,
        infringement_known_on=infringement_known_on,
        employment_ended_on=employment_ended_on,
        facts_clear=facts_clear,
        both_agree=both_agree,
        migrant_wages=migrant_wages,
        total_claimed=sum((a for a in amounts if a is not None), Decimal("0")),
        enterprise=first_enterprise,
        street=first_enterprise.street if first_enterprise is not None else None,
        assigned_unit=institute(),
        created_by=actor,
        limitation_warning=rules.limitation_warning(
            filed_on=day,
            known_on=infringement_known_on,
            employment_ended_on=employment_ended_on,
            claim_kinds=[c.kind for c in claims],
        ),
    )
    create_case(dispute, actor=actor, data={"channel": channel})
    dispute.number = f"SQ{day:%Y%m%d}{dispute.pk:06d}"
    Dispute.objects.filter(pk=dispute.pk).update(number=dispute.number)
    now = timezone.now()
    for order, party in enumerate(cleaned):
        person = (
            person_register_for_case(
                actor=actor,
                id_number=party.identifier,
                name=party.name,
                phone=party.phone,
                reference=f"arbitration:{dispute.number}",
            )
            if party.kind == PartyKind.PERSON
            else None
        )
        Party.objects.create(
            dispute=dispute,
            role=party.role,
            kind=party.kind,
            person=person,
            enterprise=enterprises.get(party.identifier) if party.kind == PartyKind.ENTERPRISE else None,
            name=party.name,
            identifier=party.identifier,
            phone=party.phone,
            address=party.address,
            representative=party.representative,
            e_service_consent_at=now if party.e_service_consent else None,
            sort_order=order,
        )
    Claim.objects.bulk_create(
        Claim(
            dispute=dispute,
            kind=claim.kind,
            description=claim.description.strip()[:500],
            amount_claimed=amount,
            sort_order=order,
        )
        for order, (claim, amount) in enumerate(zip(claims, amounts, strict=True))
    )
    kept = []
    for upload in evidence:
        upload.seek(0)
        kept.append(attachment_add(case=dispute, upload=upload, actor=actor))
    receipt_issue(dispute=dispute, items=documents + [a.original_name for a in kept], actor=actor)
    limit = rules.limit_in_force(K.ACCEPTANCE, day)
    clocks.clock_start(
        case=dispute,
        name=rules.CLOCK_ACCEPTANCE,
        label=K.ACCEPTANCE.label,
        days=limit.days,
        day_kind=limit.day_kind,
        on=day,
        unit=dispute.assigned_unit,
        actor=actor,
    )
    notify(
        title=_("New arbitration application %(number)s") % {"number": dispute.number},
        url=dispute.get_absolute_url(),
        unit=dispute.assigned_unit,
        case=dispute,
    )
    _tell_parties(
        dispute,
        _("Your arbitration application %(number)s was received on %(day)s.")
        % {"number": dispute.number, "day": day.isoformat()},
        roles={PartyRole.APPLICANT},
    )
    return dispute


def _check_evidence(files: list[Any], errors: dict[str, list[str]]) -> None:
    """Every evidence file checked by content before anything is written (core.attachments), at most
    EVIDENCE_MAX_FILES of them and EVIDENCE_MAX_BYTES together."""
    from hrbureau.core.attachments import validate_upload

    if len(files) > EVIDENCE_MAX_FILES:
        errors.setdefault("evidence", []).append(
            _("Upload at most %(count)d files; hand in the rest at the counter.")
            % {"count": EVIDENCE_MAX_FILES}
        )
        return
    total = 0
    for upload in files:
        try:
            total += len(validate_upload(upload)[1])
        except ValidationError as error:
            errors.setdefault("evidence", []).extend(
                f"{upload.name}: {message}" for message in error.messages
            )
    if total > EVIDENCE_MAX_BYTES:
        errors.setdefault("evidence", []).append(
            _("The files together are larger than %(limit)d MB.")
            % {"limit": EVIDENCE_MAX_BYTES // (1024 * 1024)}
        )


def receipt_issue(*, dispute: Dispute, items: list[str], actor: Any) -> Receipt:
    """A receipt for every document taken in (收件回执)."""
    number = f"SJ{_today():%Y}{next_value(f'arbitration-receipt-{_today():%Y}'):06d}"
    return Receipt.objects.create(dispute=dispute, number=number, items=items, issued_by=actor)


def _tell_parties(dispute: Dispute, text: str, *, roles: Iterable[str] | None = None) -> None:
    """An inbox notice to the parties' portal accounts and an SMS to their phones."""
    wanted = set(roles) if roles is not None else set(PartyRole.values)
    parties = [p for p in dispute.parties.select_related("person__user") if p.role in wanted]
    users = [getattr(p.person, "user", None) for p in parties if p.person is not None]
    users += list(
        User.objects.filter(
            enterprise_id__in=[p.enterprise_id for p in parties if p.enterprise_id], role=Role.ENTERPRISE
        )
    )
    notify(
        title=text,
        url=dispute.get_absolute_url(),
        users=[u for u in users if u is not None],
        sms_to=[p.phone for p in parties if p.phone],
        case=dispute,
    )


# --- supplement, acceptance, refusal ------------------------------------------------------------------


@WORKFLOW.performs("request_supplement", case="dispute")
@transaction.atomic
def dispute_request_supplement(
    *, actor: Any, dispute: Dispute, items: list[str], on: dt.date | None = None
) -> Dispute:
    """Tell the applicant *everything* to supplement at once; the acceptance period waits."""
    day = _act_day(on)
    items = [" ".join(i.split()) for i in items if i and i.strip()]
    if not items:
        raise ValidationError({"items": [_("List everything the applicant must supplement.")]})
    transition(
        dispute,
        "request_supplement",
        actor=actor,
        data={"on": day, "items": items},
        fields={"supplement_items": items, "supplement_requested_on": day},
    )
    _tell_parties(
        dispute,
        _("Application %(number)s: please supplement %(items)s.")
        % {"number": dispute.number, "items": join_words(items)},
        roles={PartyRole.APPLICANT},
    )
    return dispute


@WORKFLOW.performs("supplement_complete", case="dispute")
@transaction.atomic
def dispute_supplement_complete(
    *, actor: Any, dispute: Dispute, documents: list[str], on: dt.date | None = None
) -> Dispute:
    """The supplement is complete: the application counts as received today, 5 days afresh."""
    day = _act_day(on)
    documents = [" ".join(d.split()) for d in documents if d and d.strip()]
    if not documents:
        raise ValidationError({"documents": [_("List the materials handed in.")]})
    transition(dispute, "supplement_complete", actor=actor, data={"on": day, "documents": documents})
    receipt_issue(dispute=dispute, items=documents, actor=actor)
    return dispute


def _case_number(year: int) -> str:
    prefix = settings.ARBITRATION_CASE_PREFIX
    return f"{prefix}〔{year}〕{next_value(f'arbitration-case-{year}')}号"


@WORKFLOW.performs("accept", case="dispute")
@transaction.atomic
def dispute_accept(*, actor: Any, dispute: Dispute, on: dt.date | None = None) -> Dispute:
    """Accept: a case number, the award (45), tribunal (5) and copy (5) periods from today, and the
    fast-track proposal that a person then confirms."""
    day = _act_day(on)
    if dispute.received_on is not None and day < dispute.received_on:
        raise ValidationError({"on": [_("A case cannot be accepted before it was received.")]})
    proposal = triage.propose(dispute, on=day)
    transition(
        dispute,
        "accept",
        actor=actor,
        data={"on": day, "proposal": proposal["procedure"]},
        fields={
            "accepted_on": day,
            "case_no": _case_number(day.year),
            "triage_proposal": proposal["procedure"],
            "triage_reasons": proposal,
        },
    )
    _tell_parties(
        dispute,
        _("Your case %(case)s was accepted on %(day)s.") % {"case": dispute.case_no, "day": day.isoformat()},
    )
    return dispute


@WORKFLOW.performs("refuse", case="dispute")
@transaction.atomic
def dispute_refuse(*, actor: Any, dispute: Dispute, reason: str, on: dt.date | None = None) -> Dispute:
    day = _act_day(on)
    transition(dispute, "refuse", actor=actor, reason=reason, data={"on": day})
    _tell_parties(
        dispute,
        _("Application %(number)s was not accepted: %(reason)s")
        % {"number": dispute.number, "reason": reason},
        roles={PartyRole.APPLICANT},
    )
    return dispute


@WORKFLOW.performs("confirm_procedure", case="dispute")
@transaction.atomic
def dispute_confirm_procedure(
    *, actor: Any, dispute: Dispute, procedure: str, reason: str = "", on: dt.date | None = None
) -> Dispute:
    """A person confirms (or changes) the procedure. Switching back to the ordinary procedure keeps the
    acceptance date: the award period is not touched."""
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": [_("Unknown procedure.")]})
    if procedure == Procedure.SIMPLIFIED and dispute.arbitrator_id is not None and dispute.panel.exists():
        raise ValidationError(
            {"procedure": [_("A three-arbitrator tribunal sits already; re-form it for one arbitrator.")]}
        )
    transition(
        dispute,
        "confirm_procedure",
        actor=actor,
        reason=reason,
        data={"on": _act_day(on), "procedure": procedure, "from": dispute.procedure},
        fields={"procedure": procedure, "procedure_confirmed_at": timezone.now()},
    )
    return dispute


# --- tribunal and hearings ------------------------------------------------------------------------------


@WORKFLOW.performs("form_tribunal", case="dispute")
@transaction.atomic
def dispute_form_tribunal(
    *,
    actor: Any,
    dispute: Dispute,
    arbitrator: User,
    panel: list[User] | None = None,
    clerk: User | None = None,
    on: dt.date | None = None,
) -> Dispute:
    """One arbitrator sitting alone in a simplified case; a presiding arbitrator and two others otherwise."""
    panel = list(panel or [])
    errors = []
    if any(u.role != Role.ARBITRATOR for u in [arbitrator, *panel]):
        errors.append(_("Only arbitrators can sit on a tribunal."))
    if dispute.procedure == Procedure.SIMPLIFIED and panel:
        errors.append(_("A simplified case is heard by one arbitrator sitting alone."))
    if dispute.procedure == Procedure.ORDINARY and len(panel) != 2:
        errors.append(
            _("An ordinary tribunal has three arbitrators: the presiding arbitrator and two others.")
        )
    if len({u.pk for u in [arbitrator, *panel]}) != len(panel) + 1:
        errors.append(_("Each arbitrator can sit only once on the tribunal."))
    if errors:
        raise ValidationError({"arbitrator": errors})
    transition(
        dispute,
        "form_tribunal",
        actor=actor,
        data={"on": _act_day(on), "arbitrator": arbitrator.pk, "panel": [u.pk for u in panel]},
        fields={"arbitrator_id": arbitrator.pk, "clerk_id": clerk.pk if clerk else dispute.clerk_id},
    )
    dispute.panel.set(panel)
    _tell_parties(
        dispute,
        _("Case %(case)s: the tribunal is formed (arbitrator %(name)s).")
        % {"case": dispute.case_no, "name": arbitrator.get_full_name()},
    )
    return dispute


@WORKFLOW.performs("schedule_hearing", case="dispute")
@transaction.atomic
def hearing_book(
    *, actor: Any, dispute: Dispute, room: HearingRoom, starts_at: dt.datetime, ends_at: dt.datetime
) -> Hearing:
    """Book a room. The room is locked while the booking is checked, so two clerks cannot both take it;
    the notice must still reach the parties the configured days before (checked against today)."""
    errors: dict[str, list[str]] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = [_("A hearing ends after it starts.")]
    if not room.active:
        errors["room"] = [_("This room is not in use.")]
    earliest = rules.earliest_hearing_day(_today())
    if timezone.localtime(starts_at).date() < earliest:
        errors["starts_at"] = [
            _(
                "The hearing notice must reach the parties at least %(days)d days before: the earliest day is "
                "%(day)s."
            )
            % {"days": rules.hearing_notice_days(_today()), "day": earliest.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    locked = HearingRoom.objects.select_for_update().get(pk=room.pk)
    clash = (
        Hearing.objects.filter(
            room=locked, state=HearingState.BOOKED, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .select_related("dispute")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "starts_at": [
                    _("%(room)s is booked from %(start)s to %(end)s (%(case)s).")
                    % {
                        "room": locked.display_name,
                        "start": timezone.localtime(clash.starts_at).strftime("%Y-%m-%d %H:%M"),
                        "end": timezone.localtime(clash.ends_at).strftime("%H:%M"),
                        "case": clash.dispute,
                    }
                ]
            }
        )
    # A new booking puts off the one still standing (or, its time past, calls it off), each as a step of
    # that hearing's workflow.
    when = timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")
    for standing in Hearing.objects.filter(dispute=dispute, state=HearingState.BOOKED):
        over = standing.ends_at <= timezone.now()
        transition(
            standing,
            "cancel" if over else "postpone",
            actor=actor,
            reason=(_("Not held; booked again for %(when)s.") if over else _("Booked again for %(when)s."))
            % {"when": when},
            data={"on": _today()},
        )
    hearing = Hearing(dispute=dispute, room=locked, starts_at=starts_at, ends_at=ends_at, booked_by=actor)
    create_case(hearing, actor=actor, data={"room": locked.name, "starts_at": starts_at.isoformat()})
    transition(
        dispute,
        "schedule_hearing",
        actor=actor,
        data={"room": locked.name, "starts_at": starts_at.isoformat(), "hearing": hearing.pk},
    )
    return hearing


def next_hearing(dispute: Dispute) -> Hearing | None:
    return dispute.hearings.filter(state=HearingState.BOOKED).order_by("starts_at").first()


def default_award_refusal(dispute: Dispute, hearing: Hearing) -> str | None:
    """Why the hearing may not go on without a respondent: every respondent must have had the hearing
    notice served (a simple-channel notice confirmed) at least the configured days before the hearing."""
    day = timezone.localtime(hearing.starts_at).date()
    for party in dispute.parties.filter(role=PartyRole.RESPONDENT):
        notices = party.services.filter(document=DocumentKind.HEARING_NOTICE, served_on__isnull=False)
        served = [s for s in notices.values_list("served_on", flat=True) if s is not None]
        if not any(rules.earliest_hearing_day(s) <= day for s in served):
            return _(
                "%(party)s was not served the hearing notice at least %(days)d days before the hearing: "
                "no default award."
            ) % {"party": party.name, "days": rules.hearing_notice_days(day)}
    return None


@WORKFLOW.performs("hold_hearing", case="dispute")
@transaction.atomic
def dispute_hold_hearing(
    *, actor: Any, dispute: Dispute, respondent_absent: bool = False, on: dt.date | None = None
) -> Dispute:
    day = _act_day(on)
    hearing = next_hearing(dispute)
    if hearing is None:
        raise ValidationError({"hearing": [_("No hearing is booked.")]})
    if respondent_absent:
        refusal = default_award_refusal(dispute, hearing)
        if refusal:
            raise ValidationError({"hearing": [refusal]})
    transition(
        dispute,
        "hold_hearing",
        actor=actor,
        data={"on": day, "hearing": hearing.pk, "respondent_absent": respondent_absent},
    )
    hearing_hold(actor=actor, hearing=hearing, data={"on": day, "respondent_absent": respondent_absent})
    return dispute


# --- suspension, extension, restarts ------------------------------------------------------------------


@WORKFLOW.performs("suspend", case="dispute")
@transaction.atomic
def dispute_suspend(*, actor: Any, dispute: Dispute, reason: str, on: dt.date | None = None) -> Dispute:
    transition(dispute, "suspend", actor=actor, reason=reason, data={"on": _act_day(on)})
    return dispute


@WORKFLOW.performs("resume", case="dispute")
@transaction.atomic
def dispute_resume(*, actor: Any, dispute: Dispute, on: dt.date | None = None) -> Dispute:
    day = _act_day(on)
    if dispute.suspended_since is not None and day < dispute.suspended_since:
        raise ValidationError({"on": [_("A case cannot resume before it was suspended.")]})
    transition(dispute, "resume", actor=actor, data={"on": day})
    return dispute


@WORKFLOW.performs("extend", case="dispute")
@transaction.atomic
def dispute_extend(
    *, actor: Any, dispute: Dispute, days: int, reason: str, on: dt.date | None = None
) -> Dispute:
    """The chair's written approval of one extension of at most 15 days; the parties are told."""
    most = rules.max_extension_days(_act_day(on))
    if not 1 <= int(days) <= most:
        raise ValidationError({"days": [_("An extension is at most %(max)d days.") % {"max": most}]})
    transition(dispute, "extend", actor=actor, reason=reason, data={"on": _act_day(on), "days": int(days)})
    due = clocks.clock_of(dispute, rules.CLOCK_AWARD)
    _tell_parties(
        dispute,
        _("Case %(case)s: the award period is extended by %(days)d days, to %(due)s. %(reason)s")
        % {
            "case": dispute.case_no,
            "days": int(days),
            "due": due.due_on.isoformat() if due and due.due_on else "—",
            "reason": reason,
        },
    )
    return dispute


@WORKFLOW.performs("amend", case="dispute")
@transaction.atomic
def dispute_amend(
    *, actor: Any, dispute: Dispute, kind: str, reason: str, on: dt.date | None = None
) -> Dispute:
    """Record a change that restarts the 45 days (a party added, a supplement complete, changed claims,
    a counter-claim, a transfer received) [rules Art.46]."""
    if dispute.suspended:
        raise ValidationError({"kind": [_("The case is suspended; resume it first.")]})
    transition(dispute, "amend", actor=actor, reason=reason, data={"on": _act_day(on), "kind": kind})
    return dispute


# --- service of documents ----------------------------------------------------------------------------


def _proof_number() -> str:
    return f"SD{_today():%Y}{next_value(f'arbitration-proof-{_today():%Y}'):07d}"


@WORKFLOW.performs("serve", case="dispute")
@transaction.atomic
def service_record(
    *,
    actor: Any,
    dispute: Dispute,
    party: Party,
    document: str,
    method: str,
    on: dt.date | None = None,
    signed_on: dt.date | None = None,
    attachment: Any = None,
    note: str = "",
) -> Service:
    """Serve ``document`` on ``party`` by ``method`` and record it with its proof of service number.

    Electronic service needs the party's recorded consent and is served the day it reaches the party's
    account; left at premises and public notice are deemed served 3 and 30 days later [check]; in person
    and by post on the day signed for; the simple channels (SMS, phone, e-mail, fax) only in the
    simplified procedure, never for a mediation statement or an award, and only once confirmed.
    """
    day = _act_day(on)
    errors: list[str] = []
    if party.dispute_id != dispute.pk:
        errors.append(_("This party is not a party to the case."))
    if document not in DocumentKind.values or method not in ServiceMethod.values:
        errors.append(_("Unknown document or method."))
    if method in SIMPLE_CHANNELS:
        if dispute.procedure != Procedure.SIMPLIFIED:
            errors.append(
                _("SMS, telephone, e-mail and fax may serve documents only in the simplified procedure.")
            )
        if document in FORMAL_DOCUMENTS:
            errors.append(
                _("A mediation statement or an award is never served by SMS, telephone, e-mail or fax.")
            )
    if method == ServiceMethod.ELECTRONIC and not party.accepts_electronic_service:
        errors.append(_("%(party)s has not consented to electronic service.") % {"party": party.name})
    if signed_on is not None and (signed_on < day or signed_on > _today()):
        errors.append(_("The day signed for must lie between the sending day and today."))
    if (
        document == DocumentKind.MEDIATION_STATEMENT
        and not MediationAgreement.objects.filter(dispute=dispute).exists()
    ):
        errors.append(_("Record the mediation agreement before serving the mediation statement."))
    if document in (DocumentKind.AWARD, DocumentKind.AWARD_FINAL, DocumentKind.AWARD_NONFINAL):
        finals = {bool(c.final) for c in dispute.claims.all() if c.decided}
        if not finals:
            errors.append(_("There is no award to serve yet."))
        elif (document == DocumentKind.AWARD) != (len(finals) == 1):
            errors.append(
                _("An award of final and non-final items is served as two documents, final and non-final.")
                if document == DocumentKind.AWARD
                else _("Every item of this award is of one kind: serve it as one award.")
            )
    if errors:
        raise ValidationError({"method": errors})
    if attachment is None:
        attachment = _generated(dispute, document, actor)
    now = timezone.now()
    service = Service(
        dispute=dispute,
        party=party,
        document=document,
        method=method,
        attachment=attachment,
        sent_at=now,
        proof_no=_proof_number(),
        note=note[:500],
        recorded_by=actor,
    )
    deemed = rules.deemed_service_date(method, day)
    if deemed is not None:
        service.published_on = day
        service.served_on = deemed
        service.deemed = True
    elif method == ServiceMethod.ELECTRONIC:
        # Reaches the party's account at once: that day is the service date.
        service.delivered_at = now
        service.served_on = day
    elif signed_on is not None:
        service.signed_at = timezone.make_aware(dt.datetime.combine(signed_on, dt.time(12)))
        service.served_on = signed_on
    service.save()
    transition(
        dispute,
        "serve",
        actor=actor,
        data={
            "on": day,
            "proof_no": service.proof_no,
            "document": document,
            "method": method,
            "party": party.name,
            "served_on": service.served_on,
        },
    )
    if method == ServiceMethod.PUBLIC_NOTICE and dispute.state in PROCEEDING_STATES and deemed is not None:
        # The award period stands still while service by public notice runs [rules Art.46].
        award = clocks.clock_of(dispute, rules.CLOCK_AWARD)
        if award is not None and award.running:
            clocks.clock_pause(
                case=dispute, name=rules.CLOCK_AWARD, on=day, reason=service.proof_no, actor=actor
            )
            clocks.clock_resume(case=dispute, name=rules.CLOCK_AWARD, on=deemed, actor=actor)
    if service.served_on is not None:
        _served(dispute, service, actor)
    if method == ServiceMethod.ELECTRONIC:
        notify(
            title=_("A document of case %(case)s was served on you: %(document)s")
            % {"case": dispute, "document": service.get_document_display()},
            url=dispute.get_absolute_url(),
            users=portal_users_of(person_id=party.person_id, enterprise_id=party.enterprise_id),
            sms_to=[party.phone] if party.phone else [],
            case=dispute,
        )
    return service


def _generated(dispute: Dispute, document: str, actor: Any) -> Any:
    """The document made from the case's data and kept with the case, for the kinds there is a template
    for; None for the others (a receipt, the tribunal and extension notices are written by hand)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrbureau.arbitration.documents import GENERATED, render

    if document not in GENERATED:
        return None
    made = render(dispute, document)
    upload = SimpleUploadedFile(made.filename, made.content, content_type=made.content_type)
    return attachment_add(case=dispute, upload=upload, actor=actor)


def _served(dispute: Dispute, service: Service, actor: Any) -> None:
    """What a service date sets going: the copy of the application starts the respondent's defence."""
    if service.document == DocumentKind.APPLICATION_COPY and service.party.role == PartyRole.RESPONDENT:
        assert service.served_on is not None
        clocks.clock_stop(case=dispute, name=rules.CLOCK_COPY, on=service.served_on, actor=actor)
        limit = rules.limit_in_force(K.DEFENCE, service.served_on)
        clocks.clock_start(
            case=dispute,
            name=rules.CLOCK_DEFENCE,
            label=K.DEFENCE.label,
            days=limit.days,
            day_kind=limit.day_kind,
            on=service.served_on,
            unit=dispute.assigned_unit,
            actor=actor,
        )


@transaction.atomic
def service_confirm(*, actor: Any, service: Service, on: dt.date | None = None) -> Service:
    """A simple-channel or posted document confirmed as received (the reply, the postal receipt)."""
    if not actor.has_perm("arbitration.serve_document"):
        raise PermissionDenied("arbitration.serve_document")
    if service.served_on is not None:
        return service
    day = _act_day(on)
    if day < timezone.localtime(service.sent_at).date():
        raise ValidationError({"on": [_("The day signed for must lie between the sending day and today.")]})
    now = timezone.now()
    Service.objects.filter(pk=service.pk).update(delivered_at=now, served_on=day)
    service.delivered_at, service.served_on = now, day
    _served(service.dispute, service, actor)
    return service


def party_is_user(user: Any, party: Party) -> bool:
    if user.role == Role.INDIVIDUAL:
        return party.person_id is not None and party.person_id == user.person_id
    if user.role == Role.ENTERPRISE:
        return party.enterprise_id is not None and party.enterprise_id == user.enterprise_id
    return False


@transaction.atomic
def service_open(*, user: Any, service: Service) -> Service:
    """The party opened the document in their portal account (the first time is recorded)."""
    if not party_is_user(user, service.party):
        raise PermissionDenied("not the party served")
    if service.opened_at is None:
        service.opened_at = timezone.now()
        Service.objects.filter(pk=service.pk).update(opened_at=service.opened_at)
    return service


@transaction.atomic
def service_sign(*, user: Any, service: Service) -> Service:
    """The party signs for the document in their portal account."""
    if not party_is_user(user, service.party):
        raise PermissionDenied("not the party served")
    if service.signed_at is not None:
        return service
    now = timezone.now()
    service.opened_at = service.opened_at or now
    service.signed_at = now
    Service.objects.filter(pk=service.pk).update(opened_at=service.opened_at, signed_at=now)
    transition(
        service.dispute,
        "sign_document",
        actor=user,
        data={"proof_no": service.proof_no, "document": service.document},
    )
    return service


@WORKFLOW.performs("add_agent", case="dispute")
@transaction.atomic
def agent_add(
    *,
    actor: Any,
    dispute: Dispute,
    party: Party,
    kind: str,
    name: str,
    phone: str = "",
    special_authority: bool = False,
    authorisation: Any,
) -> Agent:
    """An agent acting for a party, on the strength of a power of attorney kept with the case."""
    from hrbureau.arbitration.choices import AgentKind

    errors: dict[str, list[str]] = {}
    if party.dispute_id != dispute.pk:
        errors["party"] = [_("This party is not a party to the case.")]
    if kind not in AgentKind.values:
        errors["kind"] = [_("Unknown kind of agent.")]
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = [_("The name is required.")]
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            errors["phone"] = list(error.messages)
    if authorisation is None:
        errors["authorisation"] = [_("Attach the power of attorney.")]
    if errors:
        raise ValidationError(errors)
    event = transition(
        dispute,
        "add_agent",
        actor=actor,
        data={"party": party.name, "agent": name, "kind": kind, "special_authority": special_authority},
    )
    stored = attachment_add(case=dispute, upload=authorisation, actor=actor, event=event)
    return Agent.objects.create(
        party=party,
        kind=kind,
        name=name[:100],
        phone=phone,
        special_authority=special_authority,
        authorisation=stored,
    )


@transaction.atomic
def party_e_service(*, user: Any, party: Party, consent: bool) -> Party:
    """The party gives, or withdraws, consent to electronic service (DOMAIN.md §2.6: withdrawable);
    recorded on the case."""
    if not party_is_user(user, party):
        raise PermissionDenied("not one's own party")
    now = timezone.now()
    if consent:
        party.e_service_consent_at, party.e_service_withdrawn_at = now, None
    else:
        party.e_service_withdrawn_at = now
    party.save(update_fields=["e_service_consent_at", "e_service_withdrawn_at"])
    transition(party.dispute, "e_service", actor=user, data={"party": party.name, "consent": consent})
    return party


def proof_of_service(service: Service) -> dict[str, Any]:
    """The proof-of-service record (送达回证): what, to whom, how, and each recorded moment."""
    return {
        "proof_no": service.proof_no,
        "case": str(service.dispute),
        "document": service.get_document_display(),
        "party": service.party.name,
        "method": service.get_method_display(),
        "sent_at": service.sent_at,
        "delivered_at": service.delivered_at,
        "opened_at": service.opened_at,
        "signed_at": service.signed_at,
        "published_on": service.published_on,
        "served_on": service.served_on,
        "deemed": service.deemed,
    }


# --- mediation and award -------------------------------------------------------------------------------


def mediation_signers(dispute: Dispute) -> list[Party]:
    """Who must sign for a mediation statement: every respondent, and every applicant (or, in a
    collective case with representatives, the representatives)."""
    parties = list(dispute.parties.all())
    applicants = [p for p in parties if p.role == PartyRole.APPLICANT]
    representatives = [p for p in applicants if p.representative]
    respondents = [p for p in parties if p.role == PartyRole.RESPONDENT]
    return (representatives or applicants) + respondents


@WORKFLOW.performs("agree_mediation", case="dispute")
@transaction.atomic
def mediation_agree(
    *,
    actor: Any,
    dispute: Dispute,
    terms: str,
    agreed: Mapping[int, Any],
    payment_due: dt.date | None = None,
    on: dt.date | None = None,
) -> MediationAgreement:
    """Record the agreement reached in mediation: the terms and, per claim, the amount agreed (None for
    an item without an amount, 0 where the applicant gives the item up). The mediation statement is made
    from it; once the statement has been served on anyone the agreement no longer changes."""
    day = _act_day(on)
    errors: dict[str, list[str]] = {}
    terms = terms.strip()
    if not terms:
        errors["terms"] = [_("Write down what the parties agreed.")]
    elif len(terms) > 4000:
        errors["terms"] = [_("The terms are limited to 4,000 characters.")]
    claims = list(dispute.claims.all())
    missing = [c for c in claims if c.pk not in agreed]
    if missing:
        errors["agreed"] = [
            _("Give the amount agreed for every claim: %(items)s.") % {"items": join_words(missing)}
        ]
    amounts = {c.pk: _money(agreed[c.pk], "agreed", errors) for c in claims if c.pk in agreed}
    if dispute.accepted_on is not None and day < dispute.accepted_on:
        errors["on"] = [_("The agreement cannot be reached before the case was accepted.")]
    if payment_due is not None and payment_due < day:
        errors["payment_due"] = [_("The day to pay by cannot be before the agreement.")]
    if dispute.services.filter(document=DocumentKind.MEDIATION_STATEMENT).exists():
        errors.setdefault("terms", []).append(
            _("The mediation statement has been served: the agreement can no longer change.")
        )
    if errors:
        raise ValidationError(errors)
    for claim in claims:
        claim.amount_agreed = amounts[claim.pk]
    total = sum((a for a in amounts.values() if a is not None), Decimal("0"))
    transition(dispute, "agree_mediation", actor=actor, data={"on": day, "total": str(total)})
    Claim.objects.bulk_update(claims, ["amount_agreed"])
    agreement, _created = MediationAgreement.objects.update_or_create(
        dispute=dispute,
        defaults={
            "reached_on": day,
            "terms": terms,
            "payment_due": payment_due,
            "total_agreed": total,
            "mediator": actor,
        },
    )
    return agreement


@WORKFLOW.performs("mediate", case="dispute")
@transaction.atomic
def dispute_mediate(*, actor: Any, dispute: Dispute, on: dt.date | None = None) -> Dispute:
    """Close by mediation: the statement takes effect once both sides have signed for it."""
    if not MediationAgreement.objects.filter(dispute=dispute).exists():
        raise ValidationError({"mediation": [_("Record the mediation agreement first.")]})
    unsigned = [
        p.name
        for p in mediation_signers(dispute)
        if not p.services.filter(document=DocumentKind.MEDIATION_STATEMENT, signed_at__isnull=False).exists()
    ]
    if unsigned:
        raise ValidationError(
            {
                "mediation": [
                    _("The mediation statement is not signed for yet by: %(names)s.")
                    % {"names": join_words(unsigned)}
                ]
            }
        )
    transition(dispute, "mediate", actor=actor, data={"on": _act_day(on)})
    return dispute


@WORKFLOW.performs("award", case="dispute")
@transaction.atomic
def dispute_award(
    *, actor: Any, dispute: Dispute, awarded: Mapping[int, Any], on: dt.date | None = None
) -> AwardResult:
    """Decide every claim: the amount awarded per item (0 dismisses it; None for an item without an
    amount), each item final or not by the minimum wage in force on the award day (DOMAIN.md §2.4)."""
    day = _act_day(on)
    claims = list(dispute.claims.all())
    errors: dict[str, list[str]] = {}
    missing = [c for c in claims if c.pk not in awarded]
    if missing:
        errors["awarded"] = [_("Decide every claim: %(items)s.") % {"items": join_words(missing)}]
    amounts = {}
    for claim in claims:
        if claim.pk in awarded:
            amounts[claim.pk] = _money(awarded[claim.pk], "awarded", errors)
    if errors:
        raise ValidationError(errors)
    result = AwardResult(threshold=rules.final_threshold(day))
    for claim in claims:
        claim.amount_awarded = amounts[claim.pk]
        claim.decided = True
        claim.final = rules.claim_is_final(claim.kind, claim.amount_awarded, day)
        (result.final if claim.final else result.non_final).append(claim)
    Claim.objects.bulk_update(claims, ["amount_awarded", "decided", "final"])
    total = sum((c.amount_awarded for c in claims if c.amount_awarded is not None), Decimal("0"))
    transition(
        dispute,
        "award",
        actor=actor,
        data={
            "on": day,
            "threshold": result.threshold,
            "final": [c.pk for c in result.final],
            "non_final": [c.pk for c in result.non_final],
        },
        fields={"total_awarded": total},
    )
    _tell_parties(
        dispute,
        _("Case %(case)s: the award was made on %(day)s.")
        % {"case": dispute.case_no, "day": day.isoformat()},
    )
    return result


@WORKFLOW.performs("withdraw", case="dispute")
@transaction.atomic
def dispute_withdraw(*, actor: Any, dispute: Dispute, reason: str, on: dt.date | None = None) -> Dispute:
    transition(dispute, "withdraw", actor=actor, reason=reason, data={"on": _act_day(on)})
    return dispute


def parties_of_user(user: Any, dispute: Dispute) -> Any:
    """The parties of ``dispute`` that ``user`` (a citizen's or an enterprise's account) is."""
    if user.role == Role.INDIVIDUAL and user.person_id is not None:
        return dispute.parties.filter(person_id=user.person_id)
    if user.role == Role.ENTERPRISE and user.enterprise_id is not None:
        return dispute.parties.filter(enterprise_id=user.enterprise_id)
    return dispute.parties.none()


@WORKFLOW.performs("sign_document", case="dispute")
def document_sign(*, actor: Any, dispute: Dispute, service: Service) -> Service:
    """The action a party takes from the document's page: sign for a document of this case served on it."""
    if service.dispute_id != dispute.pk:
        raise ValidationError({"service": [_("That document was not served in this case.")]})
    return service_sign(user=actor, service=service)


@WORKFLOW.performs("e_service", case="dispute")
def e_service_choose(*, actor: Any, dispute: Dispute, party: Party, consent: bool) -> Party:
    if party.dispute_id != dispute.pk:
        raise ValidationError({"party": [_("That party is not in this case.")]})
    return party_e_service(user=actor, party=party, consent=consent)
