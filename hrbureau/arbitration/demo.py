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
from hrbureau.arbitration import services
from hrbureau.arbitration.appointments import slots_open
from hrbureau.arbitration.choices import (
    Channel,
    ClaimKind,
    DocumentKind,
    HearingState,
    PartyKind,
    PartyRole,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.models import Dispute, Hearing, HearingRoom
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import TransitionError, transition

ROOMS = [
    ("第一仲裁庭", "Hearing room 1", "区劳动人事争议仲裁院三楼"),
    ("第二仲裁庭", "Hearing room 2", "区劳动人事争议仲裁院三楼"),
    ("速裁庭", "Fast-track hearing room", "区劳动人事争议仲裁院二楼"),
]
FACTS = [
    "申请人于{start}入职被申请人处，双方签订劳动合同。被申请人自{month}起拖欠工资，经多次催讨未果。",
    "被申请人以经营困难为由单方解除劳动合同，未支付经济补偿。",
    "申请人在职期间长期延时加班，被申请人未依法支付加班费。",
    "被申请人未为申请人依法缴纳社会保险费。",
    "申请人在工作中受伤并经认定为工伤，被申请人未支付工伤医疗费用。",
]
CLAIMS = [
    (ClaimKind.WAGES, "支付拖欠工资", (3000, 60000)),
    (ClaimKind.OVERTIME, "支付延时加班工资", (2000, 30000)),
    (ClaimKind.ECONOMIC_COMPENSATION, "支付解除劳动合同经济补偿", (5000, 80000)),
    (ClaimKind.DAMAGES, "支付违法解除劳动合同赔偿金", (10000, 150000)),
    (ClaimKind.INJURY_MEDICAL, "支付工伤医疗费", (2000, 40000)),
    (ClaimKind.SOCIAL_INSURANCE, "补缴社会保险费", None),
]


def _users() -> dict[str, Any]:
    return {
        "clerk": User.objects.filter(role=Role.ARBITRATION_CLERK).order_by("id").first(),
        "arbitrators": list(User.objects.filter(role=Role.ARBITRATOR, is_active=True).order_by("id")),
        "head": User.objects.filter(role=Role.DEPT_HEAD, org_unit__code="arbitration").first(),
    }


def seed(ctx: DemoContext) -> None:
    rooms = [
        HearingRoom.objects.get_or_create(name=n, defaults={"name_en": en, "location": loc})[0]
        for n, en, loc in ROOMS
    ]
    ctx.count("appointment slots", slots_open(days=10))
    if Dispute.objects.exists() or ctx.disputes <= 0:
        return
    users = _users()
    if users["clerk"] is None or len(users["arbitrators"]) < 3 or users["head"] is None:
        ctx.log("arbitration: no clerk, three arbitrators and an institute head; skipped")
        return
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.people.models import Person

    rng, fake = ctx.rng("arbitration"), ctx.faker("arbitration")
    enterprises = list(Enterprise.objects.order_by("id")[:600])
    people = list(Person.objects.order_by("id")[:3000])
    if not enterprises or not people:
        ctx.log("arbitration: no enterprises or people to be parties; skipped")
        return
    citizen = User.objects.filter(role=Role.INDIVIDUAL, person__isnull=False).first()
    company = User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False).first()
    today = timezone.localdate()
    made = 0
    for number in range(ctx.disputes):
        age = rng.randint(0, 240)
        filed = today - dt.timedelta(days=age)
        worker = rng.choice(people)
        employer = rng.choice(enterprises)
        # Now and then the demo citizen and the demo enterprise are parties, so their portals show cases.
        if citizen is not None and citizen.person is not None and number % 150 == 0:
            worker = citizen.person
        if company is not None and company.enterprise is not None and number % 170 == 1:
            employer = company.enterprise
        collective = rng.random() < 0.03
        applicants = [
            services.PartyInput(
                PartyRole.APPLICANT,
                PartyKind.PERSON,
                worker.name,
                worker.id_number,
                worker.phone or "13800138000",
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
                            representative=i < 2,
                        )
                    )
            applicants[0].representative = True
        kinds = rng.sample(CLAIMS, rng.randint(1, 3))
        claims = [
            services.ClaimInput(kind, text, Decimal(rng.randint(*span)) if span else None)
            for kind, text, span in kinds
        ]
        try:
            dispute = services.dispute_file(
                actor=users["clerk"],
                channel=rng.choices([Channel.ONLINE, Channel.COUNTER, Channel.TRANSFER], [55, 40, 5])[0],
                facts=rng.choice(FACTS).format(
                    start=fake.date_between(start_date="-6y", end_date="-1y").isoformat(), month="今年三月"
                ),
                parties=[
                    *applicants,
                    services.PartyInput(
                        PartyRole.RESPONDENT,
                        PartyKind.ENTERPRISE,
                        employer.name,
                        employer.uscc,
                        f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                        e_service_consent=rng.random() < 0.5,
                    ),
                ],
                claims=claims,
                documents=["仲裁申请书", "身份证复印件", "劳动合同或工资流水"],
                filed_on=filed,
                infringement_known_on=filed - dt.timedelta(days=rng.randint(5, 300)),
                facts_clear=rng.random() < 0.3,
                migrant_wages=kinds[0][0] == ClaimKind.WAGES and rng.random() < 0.5,
                both_agree=rng.random() < 0.1,
            )
        except ValidationError as error:  # a person of the registry without a phone, say
            ctx.log("arbitration: skipped a demo filing: %s", "; ".join(error.messages))
            continue
        made += 1
        _advance(dispute, rng=rng, filed=filed, today=today, users=users, rooms=rooms)
    ctx.count("disputes", made)


def _advance(
    dispute: Dispute, *, rng: Any, filed: dt.date, today: dt.date, users: dict[str, Any], rooms: list[Any]
) -> None:
    """Take a dispute as far as its age allows: older cases have gone further, fast-track ones faster."""
    clerk, head = users["clerk"], users["head"]
    arbitrators = users["arbitrators"]

    def day(after: dt.date, low: int, high: int) -> dt.date | None:
        d = after + dt.timedelta(days=rng.randint(low, high))
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
        decided = day(received, 0, 6)  # now and then a day late: acceptance overdue
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
        # Hearings: ordinary cases about 30 days after acceptance, fast-track ones about 20; both close a
        # week or so later, so the fast track comes out about a third shorter.
        hearing_day = decided + dt.timedelta(days=rng.randint(16, 24) if simplified else rng.randint(25, 36))
        starts = timezone.make_aware(dt.datetime.combine(hearing_day, dt.time(rng.choice([9, 10, 14, 15]))))
        if hearing_day >= today + dt.timedelta(days=5):
            services.hearing_book(
                actor=clerk,
                dispute=dispute,
                room=rng.choice(rooms),
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
            )
            return
        if hearing_day > today:
            return  # booked, in the demo's past, for a day that has not come: left at "tribunal formed"
        # A hearing already held: recorded as the clerk's booking was at the time.
        hearing = Hearing.objects.create(
            dispute=dispute,
            room=rng.choice(rooms),
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            booked_by=clerk,
            state=HearingState.HELD,
        )
        transition(dispute, "schedule_hearing", actor=clerk, data={"on": formed, "hearing": hearing.pk})
        transition(dispute, "hold_hearing", actor=chosen[0], data={"on": hearing_day, "hearing": hearing.pk})
        if not simplified and rng.random() < 0.08:
            services.dispute_extend(
                actor=head, dispute=dispute, days=15, reason="案情复杂，经院长批准延期。", on=hearing_day
            )
        closing = hearing_day + dt.timedelta(days=rng.randint(4, 10) if simplified else rng.randint(7, 14))
        if closing > today:
            return
        if rng.random() < 0.35:
            _mediate(dispute, closing=closing, clerk=clerk, arbitrator=chosen[0])
            return
        awarded = {
            c.pk: (
                None
                if c.amount_claimed is None
                else (c.amount_claimed * Decimal(rng.choice(["0", "0.6", "0.8", "1"]))).quantize(
                    Decimal("0.01")
                )
            )
            for c in dispute.claims.all()
        }
        services.dispute_award(actor=chosen[0], dispute=dispute, awarded=awarded, on=closing)
    except (TransitionError, ValidationError):
        return


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
