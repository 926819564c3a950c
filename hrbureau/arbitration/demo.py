"""Demo disputes in every state, made through the services the pages use (each act dated on the day it
would have happened), so every event, clock, receipt and proof of service is real. Fast-track cases
close sooner than ordinary ones, the way the seed document says they do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.arbitration import demotext, rules, services
from hrbureau.arbitration.appointments import slots_open
from hrbureau.arbitration.choices import (
    Channel,
    DocumentKind,
    HearingState,
    PartyKind,
    PartyRole,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.models import Dispute, Hearing, HearingRoom
from hrbureau.core import calendar
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import TransitionError, transition

ROOMS = [
    # name, English name, where, for the fast track
    ("第一仲裁庭", "Hearing room 1", "区劳动人事争议仲裁院三楼", False),
    ("第二仲裁庭", "Hearing room 2", "区劳动人事争议仲裁院三楼", False),
    ("第三仲裁庭", "Hearing room 3", "区劳动人事争议仲裁院四楼", False),
    ("速裁庭", "Fast-track hearing room", "区劳动人事争议仲裁院二楼", True),
]
# Hearings sit in office hours (9:00–12:00, 14:00–18:00) [practice]: an ordinary hearing takes a
# two-hour session, a fast-track one an hour in the fast-track room (or an ordinary session when that
# room is full).
ORDINARY_SESSIONS = [(dt.time(9), dt.time(11)), (dt.time(14, 30), dt.time(16, 30))]
FAST_SESSIONS = [
    (dt.time(9), dt.time(10)),
    (dt.time(10, 30), dt.time(11, 30)),
    (dt.time(14, 30), dt.time(15, 30)),
    (dt.time(16), dt.time(17)),
]
DOCUMENTS = {
    "wages": ["仲裁申请书", "身份证复印件", "考勤记录", "工资流水"],
    "dismissal": ["仲裁申请书", "身份证复印件", "劳动合同", "解除劳动合同通知"],
    "overtime": ["仲裁申请书", "身份证复印件", "考勤打卡记录", "工资条"],
    "social_insurance": ["仲裁申请书", "身份证复印件", "劳动合同", "个人参保证明"],
    "injury": ["仲裁申请书", "身份证复印件", "工伤认定决定书", "医疗费票据"],
}


class HearingDiary:
    """The rooms' sessions: a hearing goes to the first free session on or after the day it is wanted,
    on a working day (``core.calendar``), never overlapping another hearing in the same room."""

    def __init__(self, rooms: list[HearingRoom], fast_rooms: set[int]) -> None:
        self.ordinary = [r for r in rooms if r.pk not in fast_rooms]
        self.fast = [r for r in rooms if r.pk in fast_rooms]
        self.taken: dict[tuple[int, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}
        for room_id, starts, ends in Hearing.objects.filter(
            state__in=[HearingState.BOOKED, HearingState.HELD]
        ).values_list("room_id", "starts_at", "ends_at"):
            self._take(room_id, starts, ends)

    def _take(self, room_id: int, starts: dt.datetime, ends: dt.datetime) -> None:
        self.taken.setdefault((room_id, timezone.localtime(starts).date()), []).append((starts, ends))

    def _free(self, room: HearingRoom, starts: dt.datetime, ends: dt.datetime) -> bool:
        booked = self.taken.get((room.pk, timezone.localtime(starts).date()), [])
        return all(ends <= s or starts >= e for s, e in booked)

    def release(self, room: HearingRoom, starts: dt.datetime, ends: dt.datetime) -> None:
        self.taken[(room.pk, timezone.localtime(starts).date())].remove((starts, ends))

    def book(self, wanted: dt.date, *, fast: bool, rng: Any) -> tuple[HearingRoom, dt.datetime, dt.datetime]:
        """Reserve a session; the caller books it through the service (or records it as held)."""
        choices = [(r, FAST_SESSIONS) for r in self.fast] if fast else []
        ordinary = self.ordinary[:]
        rng.shuffle(ordinary)
        choices += [(r, ORDINARY_SESSIONS) for r in ordinary]
        day = wanted
        while True:
            if calendar.is_working_day(day):
                for room, sessions in choices:
                    for start, end in sessions:
                        starts = timezone.make_aware(dt.datetime.combine(day, start))
                        ends = timezone.make_aware(dt.datetime.combine(day, end))
                        if self._free(room, starts, ends):
                            self._take(room.pk, starts, ends)
                            return room, starts, ends
            day += calendar.ONE_DAY


def _users() -> dict[str, Any]:
    return {
        "clerk": User.objects.filter(role=Role.ARBITRATION_CLERK).order_by("id").first(),
        "arbitrators": list(User.objects.filter(role=Role.ARBITRATOR, is_active=True).order_by("id")),
        "head": User.objects.filter(role=Role.DEPT_HEAD, org_unit__code="arbitration").first(),
    }


def seed(ctx: DemoContext) -> None:
    rooms = [
        HearingRoom.objects.get_or_create(name=n, defaults={"name_en": en, "location": loc})[0]
        for n, en, loc, _fast in ROOMS
    ]
    fast_rooms = {room.pk for room, (_n, _en, _l, fast) in zip(rooms, ROOMS, strict=True) if fast}
    ctx.count("appointment slots", slots_open(days=10))
    users = _users()
    if users["clerk"] is None or len(users["arbitrators"]) < 3 or users["head"] is None:
        ctx.log("arbitration: no clerk, three arbitrators and an institute head; skipped")
        return
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.people.models import Person

    enterprises = list(Enterprise.objects.order_by("id")[:600])
    people = list(Person.objects.order_by("id")[:3000])
    if not enterprises or not people:
        ctx.log("arbitration: no enterprises or people to be parties; skipped")
        return
    citizen = User.objects.filter(role=Role.INDIVIDUAL, person__isnull=False).first()
    company = User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False).first()
    today = timezone.localdate()
    diary = HearingDiary(rooms, fast_rooms)

    def make(number: int) -> None:
        rng = ctx.case_rng("arbitration", number)
        age = rng.randint(0, 240)
        filed = today - dt.timedelta(days=age)
        worker = rng.choice(people)
        employer = rng.choice(enterprises)
        # Now and then the demo citizen and the demo enterprise are parties, so their portals show cases.
        if citizen is not None and citizen.person is not None and number % 150 == 0:
            worker = citizen.person
        if company is not None and company.enterprise is not None and number % 170 == 1:
            employer = company.enterprise
        channel = rng.choices([Channel.ONLINE, Channel.COUNTER, Channel.TRANSFER], [55, 40, 5])[0]
        if channel != Channel.ONLINE:
            # The counter takes applications in on working days only (online ones come any day).
            filed = _working_day_until(filed, today)
        collective = rng.random() < 0.03
        applicants = [
            services.PartyInput(
                PartyRole.APPLICANT,
                PartyKind.PERSON,
                worker.name,
                worker.id_number,
                worker.phone or "13800138000",
                address=worker.residence_address,
                e_service_consent=rng.random() < 0.7,
            )
        ]
        if collective:
            for i, other in enumerate(rng.sample(people, 11)):
                if other.pk != worker.pk:
                    applicants.append(
                        services.PartyInput(
                            PartyRole.APPLICANT,
                            PartyKind.PERSON,
                            other.name,
                            other.id_number,
                            other.phone,
                            address=other.residence_address,
                            representative=i < 2,
                        )
                    )
            applicants[0].representative = True
        told = demotext.story(
            rng, filed=filed, employer=employer, collective=collective, workers=len(applicants)
        )
        try:
            dispute = services.dispute_file(
                actor=users["clerk"],
                channel=channel,
                facts=told.facts,
                parties=[
                    *applicants,
                    services.PartyInput(
                        PartyRole.RESPONDENT,
                        PartyKind.ENTERPRISE,
                        employer.name,
                        employer.uscc,
                        f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                        address=employer.registered_address,
                        e_service_consent=rng.random() < 0.5,
                    ),
                ],
                claims=[services.ClaimInput(kind, text, amount) for kind, text, amount in told.claims],
                documents=DOCUMENTS[told.kind],
                filed_on=filed,
                infringement_known_on=filed - dt.timedelta(days=rng.randint(5, 300)),
                facts_clear=rng.random() < 0.3,
                migrant_wages=told.wages_first and rng.random() < 0.5,
                both_agree=rng.random() < 0.1,
            )
        except ValidationError as error:  # a person of the registry without a phone, say
            ctx.log("arbitration: skipped a demo filing: %s", "; ".join(error.messages))
            return
        _advance(dispute, rng=rng, filed=filed, today=today, users=users, diary=diary)

    loop = ctx.cases("arbitration", ctx.disputes, what="disputes", started=Dispute.objects.exists).run(make)
    ctx.count("disputes", loop.made)


def _working_day_until(day: dt.date, today: dt.date) -> dt.date:
    """``day`` or the next working day, or the last working day before it when that is after today."""
    moved = calendar.next_working_day(day)
    while moved > today:
        day -= calendar.ONE_DAY
        moved = day if calendar.is_working_day(day) else moved
    return moved


def _advance(
    dispute: Dispute, *, rng: Any, filed: dt.date, today: dt.date, users: dict[str, Any], diary: HearingDiary
) -> None:
    """Take a dispute as far as its age allows: older cases have gone further, fast-track ones faster.
    The institute acts on working days; hearings go to free sessions in office hours."""
    clerk = users["clerk"]
    arbitrators = users["arbitrators"]

    def day(after: dt.date, low: int, high: int) -> dt.date | None:
        d = calendar.next_working_day(after + dt.timedelta(days=rng.randint(low, high)))
        return d if d <= today else None

    try:
        received = filed
        if rng.random() < 0.15:
            asked = day(filed, 0, 2)
            if asked is None:
                return
            services.dispute_request_supplement(
                actor=clerk, dispute=dispute, items=["劳动合同复印件", "工资支付凭证"], on=asked
            )
            complete = day(asked, 2, 12)
            if complete is None:
                return
            services.dispute_supplement_complete(
                actor=clerk, dispute=dispute, documents=["劳动合同复印件", "工资支付凭证"], on=complete
            )
            received = complete
        decided = day(received, 0, 5)  # now and then late: acceptance overdue
        if decided is None:
            return
        if rng.random() < 0.05:
            services.dispute_refuse(
                actor=clerk, dispute=dispute, reason="申请事项不属于劳动人事争议处理范围。", on=decided
            )
            return
        services.dispute_accept(actor=clerk, dispute=dispute, on=decided)
        simplified = dispute.triage_proposal == Procedure.SIMPLIFIED and rng.random() < 0.6
        services.dispute_confirm_procedure(
            actor=arbitrators[0],
            dispute=dispute,
            procedure=Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY,
            on=decided,
        )
        company = dispute.parties.filter(role=PartyRole.RESPONDENT).first()
        copied = day(decided, 1, 4)
        if copied is None or company is None:
            return
        services.service_record(
            actor=clerk,
            dispute=dispute,
            party=company,
            document=DocumentKind.APPLICATION_COPY,
            method=ServiceMethod.ELECTRONIC if company.accepts_electronic_service else ServiceMethod.POST,
            on=copied,
            signed_on=None if company.accepts_electronic_service else copied,
        )
        formed = day(decided, 2, 5)
        if formed is None:
            return
        chosen = rng.sample(arbitrators, 1 if simplified else 3)
        services.dispute_form_tribunal(
            actor=clerk, dispute=dispute, arbitrator=chosen[0], panel=chosen[1:], on=formed
        )
        if rng.random() < 0.06:
            withdrawn = day(formed, 1, 10)
            if withdrawn is not None:
                services.dispute_withdraw(
                    actor=clerk, dispute=dispute, reason="双方自行和解，申请人撤回申请。", on=withdrawn
                )
            return
        _hear_and_close(
            dispute, rng=rng, decided=decided, formed=formed, today=today, users=users, diary=diary,
            simplified=simplified, chosen=chosen, day=day,
        )  # fmt: skip
    except (TransitionError, ValidationError):
        return


def _hear_and_close(
    dispute: Dispute,
    *,
    rng: Any,
    decided: dt.date,
    formed: dt.date,
    today: dt.date,
    users: dict[str, Any],
    diary: HearingDiary,
    simplified: bool,
    chosen: list[Any],
    day: Any,
) -> None:
    """The hearing and what follows it. Ordinary cases are heard about 30 days after acceptance,
    fast-track ones about 20; both close a week or so later, so the fast track comes out about a third
    shorter."""
    clerk, head = users["clerk"], users["head"]
    wanted = decided + dt.timedelta(days=rng.randint(16, 22) if simplified else rng.randint(25, 34))
    if wanted > today:
        # Not heard yet: booked now when the notice can still reach the parties in time.
        if wanted >= rules.earliest_hearing_day(today):
            room, starts, ends = diary.book(wanted, fast=simplified, rng=rng)
            services.hearing_book(actor=clerk, dispute=dispute, room=room, starts_at=starts, ends_at=ends)
        return
    room, starts, ends = diary.book(wanted, fast=simplified, rng=rng)
    hearing_day = timezone.localtime(starts).date()
    if hearing_day > today:
        diary.release(room, starts, ends)
        return  # the rooms were full until after today: left at "tribunal formed"
    # A hearing already held: booked as the clerk did at the time, then held through the service.
    hearing = Hearing.objects.create(
        dispute=dispute, room=room, starts_at=starts, ends_at=ends, booked_by=clerk
    )
    transition(
        dispute,
        "schedule_hearing",
        actor=clerk,
        data={"on": formed, "room": room.name, "starts_at": starts.isoformat(), "hearing": hearing.pk},
    )
    services.dispute_hold_hearing(actor=chosen[0], dispute=dispute, on=hearing_day)
    if not simplified and rng.random() < 0.08:
        services.dispute_extend(
            actor=head, dispute=dispute, days=15, reason="案情复杂，经院长批准延期。", on=hearing_day
        )
    closing = day(hearing_day, 4, 9) if simplified else day(hearing_day, 7, 13)
    if closing is None:
        return
    if rng.random() < 0.35:
        _mediate(dispute, closing=closing, clerk=clerk, arbitrator=chosen[0])
        return
    awarded = {
        c.pk: (
            None
            if c.amount_claimed is None
            else (c.amount_claimed * Decimal(rng.choice(["0", "0.6", "0.8", "1"]))).quantize(Decimal("0.01"))
        )
        for c in dispute.claims.all()
    }
    services.dispute_award(actor=chosen[0], dispute=dispute, awarded=awarded, on=closing)


def _settled(claimed: Decimal | None) -> Decimal | None:
    """What a mediated item settles at in the demo: about four fifths of the claim."""
    return None if claimed is None else (claimed * Decimal("0.8")).quantize(Decimal("0.01"))


def _mediate(dispute: Dispute, *, closing: dt.date, clerk: Any, arbitrator: Any) -> None:
    """Mediation statements served in person and signed for by both sides, then the case closed."""
    services.mediation_agree(
        actor=arbitrator,
        dispute=dispute,
        terms="被申请人向申请人支付款项，双方就本案再无其他争议。",
        agreed={c.pk: _settled(c.amount_claimed) for c in dispute.claims.all()},
        payment_due=closing + dt.timedelta(days=15),
        on=closing,
    )
    signers = services.mediation_signers(dispute)
    for party in signers:
        services.service_record(
            actor=clerk,
            dispute=dispute,
            party=party,
            document=DocumentKind.MEDIATION_STATEMENT,
            method=ServiceMethod.IN_PERSON,
            on=closing,
            signed_on=closing,
        )
    services.dispute_mediate(actor=arbitrator, dispute=dispute, on=closing)
