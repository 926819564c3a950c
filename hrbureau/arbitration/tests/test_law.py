"""Every number and rule of DOMAIN.md §2, on the services the pages and the API use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from hrbureau.arbitration import documents, rules, services, triage
from hrbureau.arbitration.choices import (
    ClaimKind,
    DisputeState,
    DocumentKind,
    PartyRole,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.models import Dispute, MediationAgreement, MinimumWage, Party, Receipt
from hrbureau.arbitration.tests.conftest import accepted, applicant, docx_text, file, respondent
from hrbureau.core import clocks
from hrbureau.core import rules as core_rules
from hrbureau.core.models import CaseEvent, Clock
from hrbureau.core.workflow import TransitionError
from hrbureau.people.models import Person

D = dt.date


def due(dispute: Dispute, name: str) -> dt.date | None:
    clock = clocks.clock_of(dispute, name)
    assert clock is not None, name
    return clock.due_on


# --- 2.1 filing and acceptance ------------------------------------------------------------------------


def test_acceptance_is_due_five_days_after_receipt_moved_off_rest_days(
    world: Any, arb: dict[str, Any]
) -> None:
    # Filed Wednesday 30 September 2026: +5 = Monday 5 October, inside the National Day holiday → 8 Oct.
    dispute = file(world, arb, day=D(2026, 9, 30))
    assert dispute.state == DisputeState.FILED
    assert due(dispute, rules.CLOCK_ACCEPTANCE) == D(2026, 10, 8)
    # Filed Monday 2 March: +5 = Saturday 7 March → Monday 9 March.
    assert due(file(world, arb, day=D(2026, 3, 2)), rules.CLOCK_ACCEPTANCE) == D(2026, 3, 9)


def test_a_supplement_moves_the_receipt_to_the_day_it_is_complete(world: Any, arb: dict[str, Any]) -> None:
    dispute = file(world, arb, day=D(2026, 3, 2))
    with pytest.raises(ValidationError):
        services.dispute_request_supplement(
            actor=arb["clerk"], dispute=dispute, items=["  "], on=D(2026, 3, 4)
        )
    services.dispute_request_supplement(
        actor=arb["clerk"], dispute=dispute, items=["劳动合同复印件", "工资流水"], on=D(2026, 3, 4)
    )
    assert dispute.state == DisputeState.SUPPLEMENT
    assert dispute.supplement_items == ["劳动合同复印件", "工资流水"]
    waiting = clocks.clock_of(dispute, rules.CLOCK_ACCEPTANCE)
    assert waiting.paused_since == D(2026, 3, 4)
    assert waiting.due_on is None  # never overdue meanwhile
    services.dispute_supplement_complete(
        actor=arb["clerk"], dispute=dispute, documents=["劳动合同复印件", "工资流水"], on=D(2026, 3, 10)
    )
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.FILED
    assert dispute.received_on == D(2026, 3, 10)
    # 5 days from 10 March = Sunday 15 March → Monday 16 March (not 9 March from the filing day).
    assert due(dispute, rules.CLOCK_ACCEPTANCE) == D(2026, 3, 16)
    # A receipt for the application and one for the supplement.
    assert list(Receipt.objects.filter(dispute=dispute).values_list("items", flat=True)) == [
        ["仲裁申请书", "身份证复印件"],
        ["劳动合同复印件", "工资流水"],
    ]
    with pytest.raises(ValidationError):
        services.dispute_accept(actor=arb["clerk"], dispute=dispute, on=D(2026, 3, 9))


def test_acceptance_not_decided_in_time_shows_overdue(world: Any, arb: dict[str, Any]) -> None:
    from hrbureau.core.clocks import sweep_deadlines

    dispute = file(world, arb, day=D(2026, 3, 2))
    sweep_deadlines(today=D(2026, 3, 10))
    assert clocks.clock_of(dispute, rules.CLOCK_ACCEPTANCE).overdue


def test_refusal_needs_a_reason_and_ends_every_clock(world: Any, arb: dict[str, Any]) -> None:
    dispute = file(world, arb)
    with pytest.raises(TransitionError):
        services.dispute_refuse(actor=arb["clerk"], dispute=dispute, reason=" ", on=D(2026, 3, 4))
    services.dispute_refuse(actor=arb["clerk"], dispute=dispute, reason="不属于劳动争议", on=D(2026, 3, 4))
    assert dispute.state == DisputeState.REFUSED
    assert dispute.closed_on == D(2026, 3, 4)
    assert not Clock.objects.filter(
        case_id=dispute.pk, case_type="arbitration.dispute", stopped_on__isnull=True
    ).exists()


def test_acceptance_starts_the_award_tribunal_and_copy_periods(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, day=D(2026, 9, 18))
    assert dispute.case_no == "劳人仲案〔2026〕1号"
    assert clocks.clock_of(dispute, rules.CLOCK_ACCEPTANCE).stopped_on == D(2026, 9, 18)
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 11, 2)  # DOMAIN.md §1: 2026-09-18 + 45
    assert due(dispute, rules.CLOCK_TRIBUNAL) == D(2026, 9, 23)
    assert due(dispute, rules.CLOCK_COPY) == D(2026, 9, 23)
    assert accepted(world, arb, day=D(2026, 9, 18)).case_no == "劳人仲案〔2026〕2号"


def test_a_day_in_the_future_is_refused(world: Any, arb: dict[str, Any]) -> None:
    dispute = file(world, arb)
    with pytest.raises(ValidationError):
        services.dispute_accept(
            actor=arb["clerk"], dispute=dispute, on=timezone.localdate() + dt.timedelta(days=1)
        )
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.FILED


# --- limitation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("known", "ended", "kinds", "filed", "warns"),
    [
        # One year from Saturday 1 March 2025 ends on Sunday 1 March 2026 → Monday 2 March.
        (D(2025, 3, 1), None, [ClaimKind.DAMAGES], D(2026, 3, 2), False),
        (D(2025, 3, 1), None, [ClaimKind.DAMAGES], D(2026, 3, 3), True),
        # Unpaid wages while the job lasts are not time-barred.
        (D(2020, 1, 1), None, [ClaimKind.WAGES], D(2026, 3, 3), False),
        # … but within one year after it ends.
        (None, D(2025, 1, 10), [ClaimKind.WAGES], D(2026, 1, 12), False),
        (None, D(2025, 1, 10), [ClaimKind.WAGES], D(2026, 1, 13), True),
        # 29 February: the period ends on the last day of February.
        (D(2024, 2, 29), None, [ClaimKind.OTHER], D(2025, 2, 28), False),
        (D(2024, 2, 29), None, [ClaimKind.OTHER], D(2025, 3, 1), True),
    ],
)
def test_limitation_warning(
    db: Any, known: Any, ended: Any, kinds: list[str], filed: dt.date, warns: bool
) -> None:
    warning = rules.limitation_warning(
        filed_on=filed, known_on=known, employment_ended_on=ended, claim_kinds=kinds
    )
    assert bool(warning) == warns, warning


def test_an_expired_limitation_warns_but_never_refuses(world: Any, arb: dict[str, Any]) -> None:
    dispute = file(
        world,
        arb,
        day=D(2026, 3, 3),
        infringement_known_on=D(2024, 1, 5),
        claims=[services.ClaimInput(ClaimKind.DAMAGES, "违法解除赔偿金", "50000")],
    )
    assert "2025-01-06" in dispute.limitation_warning  # Sunday 5 January 2025 → Monday 6 January
    services.dispute_accept(actor=arb["clerk"], dispute=dispute, on=D(2026, 3, 4))
    assert dispute.state == DisputeState.ACCEPTED


# --- bad input leaves nothing ----------------------------------------------------------------------


def test_bad_filing_is_refused_whole_and_writes_nothing(world: Any, arb: dict[str, Any]) -> None:
    people = Person.objects.count()
    with pytest.raises(ValidationError) as raised:
        file(
            world,
            arb,
            parties=[
                applicant(name="王五", identifier="44030619900101123X"),  # wrong check character
                respondent(world.enterprises["a2"]),
            ],
            claims=[services.ClaimInput(ClaimKind.WAGES, "工资", "1.2e3x")],
        )
    assert "parties[0]" in raised.value.message_dict
    assert "claims[0]" in raised.value.message_dict
    assert Dispute.objects.count() == 0
    assert Person.objects.count() == people
    assert not CaseEvent.objects.filter(case_type="arbitration.dispute").exists()


def test_an_individual_files_only_as_an_applicant(world: Any, arb: dict[str, Any]) -> None:
    citizen = world.users["individual"]
    with pytest.raises(ValidationError, match="only as one of the applicants"):
        file(world, arb, actor=citizen, parties=[applicant(), respondent(world.enterprises["a2"])])
    dispute = file(world, arb, actor=citizen)
    assert dispute.parties.get(role=PartyRole.APPLICANT).person == world.people["a1"]
    with pytest.raises(PermissionDenied):
        file(world, arb, actor=world.users["street_staff"])


def test_a_new_applicant_is_registered_in_the_people_registry(world: Any, arb: dict[str, Any]) -> None:
    new = applicant(name="新工人")
    dispute = file(world, arb, parties=[new, respondent(world.enterprises["a2"])])
    party = dispute.parties.get(role=PartyRole.APPLICANT)
    assert party.person is not None
    assert party.person.id_number == new.identifier
    assert party.person.name == "新工人"


# --- collective cases ----------------------------------------------------------------------------


def test_ten_workers_with_a_common_claim_make_a_collective_case(world: Any, arb: dict[str, Any]) -> None:
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    dispute = file(world, arb, parties=[*workers, respondent(world.enterprises["a2"])])
    assert dispute.collective
    nine = [applicant(name=f"工人{i}") for i in range(9)]
    assert not file(world, arb, parties=[*nine, respondent(world.enterprises["a2"])]).collective
    with pytest.raises(ValidationError, match="3 to 5 representatives"):
        file(
            world,
            arb,
            parties=[
                *[applicant(name=f"乙{i}", representative=i < 2) for i in range(10)],
                respondent(world.enterprises["a2"]),
            ],
        )
    with pytest.raises(ValidationError, match="10 or more workers"):
        file(
            world,
            arb,
            parties=[
                *[applicant(name=f"丙{i}", representative=i < 3) for i in range(9)],
                respondent(world.enterprises["a2"]),
            ],
        )


# --- 2.3 the award deadline ---------------------------------------------------------------------------


def test_one_extension_of_at_most_fifteen_days_by_the_head(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, day=D(2026, 9, 18))
    with pytest.raises(PermissionDenied):
        services.dispute_extend(actor=arb["arbitrator"], dispute=dispute, days=15, reason="案情复杂")
    with pytest.raises(ValidationError):
        services.dispute_extend(actor=arb["head"], dispute=dispute, days=16, reason="案情复杂")
    with pytest.raises(TransitionError):
        services.dispute_extend(actor=arb["head"], dispute=dispute, days=15, reason="")
    services.dispute_extend(
        actor=arb["head"], dispute=dispute, days=15, reason="案情复杂", on=D(2026, 10, 20)
    )
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 11, 17)
    with pytest.raises(TransitionError, match="only once"):
        services.dispute_extend(actor=arb["head"], dispute=dispute, days=1, reason="再延")


@pytest.mark.parametrize(
    "kind", ["party_added", "supplement_complete", "claims_changed", "counterclaim", "transfer_received"]
)
def test_the_45_days_restart_on_each_restart_event(world: Any, arb: dict[str, Any], kind: str) -> None:
    dispute = accepted(world, arb, day=D(2026, 3, 2))
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 4, 16)
    services.dispute_amend(actor=arb["clerk"], dispute=dispute, kind=kind, reason="依申请", on=D(2026, 3, 20))
    # 20 March + 45 = Monday 4 May, inside the Labour Day holiday → Wednesday 6 May.
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 5, 6)


def test_suspension_pauses_the_award_period(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, day=D(2026, 3, 2))
    services.dispute_suspend(
        actor=arb["arbitrator"], dispute=dispute, reason="等待工伤认定结论", on=D(2026, 3, 10)
    )
    award = clocks.clock_of(dispute, rules.CLOCK_AWARD)
    assert award.due_on is None
    assert not award.overdue
    with pytest.raises(TransitionError, match="suspended"):
        services.dispute_form_tribunal(
            actor=arb["clerk"],
            dispute=dispute,
            arbitrator=arb["arbitrator"],
            panel=[arb["arbitrator2"], arb["arbitrator3"]],
        )
    with pytest.raises(ValidationError):
        services.dispute_amend(
            actor=arb["clerk"], dispute=dispute, kind="party_added", reason="追加", on=D(2026, 3, 12)
        )
    services.dispute_resume(actor=arb["arbitrator"], dispute=dispute, on=D(2026, 3, 20))
    # 2 March + 45 + 10 days suspended = Sunday 26 April → Monday 27 April.
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 4, 27)
    assert not dispute.suspended


def test_switching_back_to_ordinary_keeps_the_acceptance_date(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, day=D(2026, 3, 2), migrant_wages=True)
    assert dispute.triage_proposal == Procedure.SIMPLIFIED
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=dispute, procedure=Procedure.SIMPLIFIED
    )
    before = due(dispute, rules.CLOCK_AWARD)
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=dispute, procedure=Procedure.ORDINARY, reason="案情复杂转普通程序"
    )
    assert dispute.procedure == Procedure.ORDINARY
    assert due(dispute, rules.CLOCK_AWARD) == before == D(2026, 4, 16)
    assert clocks.clock_of(dispute, rules.CLOCK_AWARD).started_on == D(2026, 3, 2)


# --- 2.4 final awards ---------------------------------------------------------------------------------


def test_the_threshold_follows_the_minimum_wage_in_force_on_the_award_day(db: Any) -> None:
    from hrbureau.arbitration.tests.conftest import reinstall_defaults

    reinstall_defaults()
    assert rules.final_threshold(D(2026, 6, 1)) == Decimal("30240")  # 12 × 2,520
    assert rules.final_threshold(D(2025, 2, 28)) == Decimal("28320")  # 12 × 2,360
    assert rules.final_threshold(D(2025, 3, 1)) == Decimal("30240")
    MinimumWage.objects.create(region="深圳市", valid_from=D(2026, 7, 1), monthly_amount=Decimal("2700"))
    assert rules.final_threshold(D(2026, 7, 1)) == Decimal("32400")


@pytest.mark.parametrize(
    ("kind", "awarded", "day", "final"),
    [
        (ClaimKind.WAGES, "30240.00", D(2026, 6, 1), True),
        (ClaimKind.WAGES, "30240.01", D(2026, 6, 1), False),
        (ClaimKind.ECONOMIC_COMPENSATION, "29000", D(2025, 2, 28), False),  # 28,320 then
        (ClaimKind.ECONOMIC_COMPENSATION, "29000", D(2025, 3, 1), True),
        (ClaimKind.INJURY_MEDICAL, "0", D(2026, 6, 1), True),
        (ClaimKind.DAMAGES, "45000", D(2026, 6, 1), False),
        (ClaimKind.SOCIAL_INSURANCE, "500000", D(2026, 6, 1), True),  # final whatever the amount
        (ClaimKind.HOURS_REST, None, D(2026, 6, 1), True),
        (ClaimKind.OTHER, "100", D(2026, 6, 1), False),
    ],
)
def test_final_or_not_per_item(db: Any, kind: str, awarded: Any, day: dt.date, final: bool) -> None:
    from hrbureau.arbitration.tests.conftest import reinstall_defaults

    reinstall_defaults()
    assert rules.claim_is_final(kind, None if awarded is None else Decimal(awarded), day) is final


def _to_heard(world: Any, arb: dict[str, Any], dispute: Dispute) -> None:
    services.dispute_form_tribunal(
        actor=arb["clerk"],
        dispute=dispute,
        arbitrator=arb["arbitrator"],
        panel=[arb["arbitrator2"], arb["arbitrator3"]],
    )
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=10), dt.time(9)))
    services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room"],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    services.dispute_hold_hearing(actor=arb["arbitrator"], dispute=dispute)


def test_the_award_tests_each_item_on_the_amount_awarded_and_splits_mixed_awards(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(
        world,
        arb,
        claims=[
            services.ClaimInput(ClaimKind.WAGES, "拖欠工资", "40000"),  # claimed above, awarded below
            services.ClaimInput(ClaimKind.DAMAGES, "违法解除赔偿金", "80000"),
            services.ClaimInput(ClaimKind.SOCIAL_INSURANCE, "补缴社保", None),
        ],
    )
    _to_heard(world, arb, dispute)
    wages, damages, insurance = dispute.claims.order_by("sort_order")
    with pytest.raises(ValidationError, match="Decide every claim"):
        services.dispute_award(
            actor=arb["arbitrator"], dispute=dispute, awarded={wages.pk: "30000"}, on=D(2026, 6, 1)
        )
    result = services.dispute_award(
        actor=arb["arbitrator"],
        dispute=dispute,
        awarded={wages.pk: "30000", damages.pk: "60000", insurance.pk: None},
        on=D(2026, 6, 1),
    )
    assert result.threshold == Decimal("30240")
    assert [c.kind for c in result.final] == [ClaimKind.WAGES, ClaimKind.SOCIAL_INSURANCE]
    assert [c.kind for c in result.non_final] == [ClaimKind.DAMAGES]
    assert result.documents == [DocumentKind.AWARD_FINAL, DocumentKind.AWARD_NONFINAL]
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.AWARDED
    assert dispute.total_awarded == Decimal("90000.00")
    assert dispute.claims.get(pk=wages.pk).final is True
    assert not Clock.objects.filter(
        case_id=dispute.pk, case_type="arbitration.dispute", stopped_on__isnull=True
    ).exists()


def test_an_award_with_only_final_items_is_one_document(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    _to_heard(world, arb, dispute)
    claim = dispute.claims.get()
    result = services.dispute_award(
        actor=arb["arbitrator"], dispute=dispute, awarded={claim.pk: "12000"}, on=D(2026, 6, 1)
    )
    assert result.documents == [DocumentKind.AWARD]


# --- 2.5 simplified procedure and triage ------------------------------------------------------------


def test_triage_proposes_the_fast_track_and_never_for_an_exclusion(world: Any, arb: dict[str, Any]) -> None:
    small = accepted(world, arb, migrant_wages=True)
    assert small.triage_proposal == Procedure.SIMPLIFIED
    assert small.procedure == Procedure.ORDINARY  # a person confirms
    big = accepted(world, arb, claims=[services.ClaimInput(ClaimKind.DAMAGES, "赔偿金", "500000")])
    assert big.triage_proposal == Procedure.ORDINARY
    agreed = accepted(
        world, arb, both_agree=True, claims=[services.ClaimInput(ClaimKind.DAMAGES, "赔偿金", "500000")]
    )
    assert agreed.triage_proposal == Procedure.SIMPLIFIED
    shown = triage.reading(agreed.triage_reasons)
    assert shown is not None
    assert any("both parties agree" in line["text"] and line["met"] for line in shown["lines"])
    # Stored language-neutral: the same proposal reads in Chinese on a Chinese page.
    with translation.override("zh-hans"):
        in_chinese = triage.reading(agreed.triage_reasons)
    assert in_chinese is not None
    assert any("双方" in line["text"] and line["met"] for line in in_chinese["lines"])
    assert not any("both parties" in line["text"] for line in in_chinese["lines"])
    # Even if an administrator's rule forgot the exclusions, an excluded case is not fast-tracked.
    from hrbureau.core.models import Rule

    Rule.objects.filter(code=triage.RULE_CODE).update(
        condition={"field": "migrant_wages", "op": "eq", "value": True}
    )
    excluded = file(world, arb, migrant_wages=True)
    Dispute.objects.filter(pk=excluded.pk).update(public_interest=True)
    excluded.refresh_from_db()
    services.dispute_accept(actor=arb["clerk"], dispute=excluded, on=D(2026, 3, 3))
    assert excluded.triage_proposal == Procedure.ORDINARY
    assert excluded.triage_reasons["excluded"] == ["public_interest"]
    assert (triage.reading(excluded.triage_reasons) or {})["excluded"] == [
        "involves state or public interest"
    ]
    with pytest.raises(TransitionError, match="excluded"):
        services.dispute_confirm_procedure(
            actor=arb["arbitrator"], dispute=excluded, procedure=Procedure.SIMPLIFIED
        )


def test_triage_on_one_case_agrees_with_the_rule_over_the_table(world: Any, arb: dict[str, Any]) -> None:
    for amount, migrant, clear in [
        ("1000", False, False),
        ("500000", True, False),
        ("500000", False, True),
        ("500000", False, False),
        ("120000", False, False),
        ("120000.01", False, False),
    ]:
        file(
            world,
            arb,
            migrant_wages=migrant,
            facts_clear=clear,
            claims=[services.ClaimInput(ClaimKind.WAGES, "工资", amount)],
        )
    rule = core_rules.rule_in_force(triage.RULE_CODE, D(2026, 3, 2))
    one_by_one = {
        d.pk
        for d in Dispute.objects.all()
        if triage.propose(d, on=D(2026, 3, 2))["procedure"] == Procedure.SIMPLIFIED
    }
    as_a_query = set(core_rules.matching(triage.SUBJECT, rule.condition).values_list("pk", flat=True))
    assert one_by_one == as_a_query
    assert len(one_by_one) == 4


def test_one_arbitrator_sits_alone_in_a_simplified_case_three_otherwise(
    world: Any, arb: dict[str, Any]
) -> None:
    ordinary = accepted(world, arb)
    with pytest.raises(ValidationError, match="three arbitrators"):
        services.dispute_form_tribunal(actor=arb["clerk"], dispute=ordinary, arbitrator=arb["arbitrator"])
    with pytest.raises(ValidationError, match="Only arbitrators"):
        services.dispute_form_tribunal(
            actor=arb["clerk"],
            dispute=ordinary,
            arbitrator=arb["clerk"],
            panel=[arb["arbitrator2"], arb["arbitrator3"]],
        )
    with pytest.raises(ValidationError, match="only once"):
        services.dispute_form_tribunal(
            actor=arb["clerk"],
            dispute=ordinary,
            arbitrator=arb["arbitrator"],
            panel=[arb["arbitrator"], arb["arbitrator3"]],
        )
    services.dispute_form_tribunal(
        actor=arb["clerk"],
        dispute=ordinary,
        arbitrator=arb["arbitrator"],
        panel=[arb["arbitrator2"], arb["arbitrator3"]],
        on=D(2026, 3, 5),
    )
    assert clocks.clock_of(ordinary, rules.CLOCK_TRIBUNAL).stopped_on == D(2026, 3, 5)
    simple = accepted(world, arb, migrant_wages=True)
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=simple, procedure=Procedure.SIMPLIFIED
    )
    with pytest.raises(ValidationError, match="sitting alone"):
        services.dispute_form_tribunal(
            actor=arb["clerk"], dispute=simple, arbitrator=arb["arbitrator"], panel=[arb["arbitrator2"]]
        )
    services.dispute_form_tribunal(actor=arb["clerk"], dispute=simple, arbitrator=arb["arbitrator"])
    assert simple.state == DisputeState.TRIBUNAL


# --- 2.6 service of documents -------------------------------------------------------------------------


def _party(dispute: Dispute, role: str) -> Party:
    return dispute.parties.filter(role=role).first()


def test_simple_channels_only_in_the_simplified_procedure_and_never_for_awards(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb, migrant_wages=True)
    worker = _party(dispute, PartyRole.APPLICANT)
    with pytest.raises(ValidationError, match="only in the simplified procedure"):
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=worker,
            document=DocumentKind.HEARING_NOTICE,
            method=ServiceMethod.SMS,
        )
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=dispute, procedure=Procedure.SIMPLIFIED
    )
    notice = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=worker,
        document=DocumentKind.HEARING_NOTICE,
        method=ServiceMethod.SMS,
    )
    assert notice.served_on is None  # served only once confirmed
    for document in (DocumentKind.AWARD, DocumentKind.AWARD_FINAL, DocumentKind.MEDIATION_STATEMENT):
        with pytest.raises(ValidationError, match="never served by SMS"):
            services.service_record(
                actor=arb["clerk"],
                dispute=dispute,
                party=worker,
                document=document,
                method=ServiceMethod.EMAIL,
            )


def test_electronic_service_needs_consent_and_is_served_the_day_it_arrives(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(
        world,
        arb,
        parties=[
            applicant(world.people["a1"], e_service_consent=False),
            respondent(world.enterprises["a2"], e_service_consent=True),
        ],
    )
    worker, company = _party(dispute, PartyRole.APPLICANT), _party(dispute, PartyRole.RESPONDENT)
    with pytest.raises(ValidationError, match="not consented"):
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=worker,
            document=DocumentKind.ACCEPTANCE_NOTICE,
            method=ServiceMethod.ELECTRONIC,
        )
    copy = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=company,
        document=DocumentKind.APPLICATION_COPY,
        method=ServiceMethod.ELECTRONIC,
        on=D(2026, 3, 4),
    )
    assert copy.served_on == D(2026, 3, 4)
    assert copy.delivered_at is not None
    assert not copy.deemed
    # The copy served starts the respondent's 10 days of defence and meets the copy period.
    assert clocks.clock_of(dispute, rules.CLOCK_COPY).stopped_on == D(2026, 3, 4)
    assert due(dispute, rules.CLOCK_DEFENCE) == D(2026, 3, 16)  # 14 March is a Saturday
    # Withdrawn consent ends electronic service.
    Party.objects.filter(pk=company.pk).update(e_service_withdrawn_at=timezone.now())
    company.refresh_from_db()
    with pytest.raises(ValidationError, match="not consented"):
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=company,
            document=DocumentKind.HEARING_NOTICE,
            method=ServiceMethod.ELECTRONIC,
        )


def test_the_party_opens_and_signs_and_the_proof_records_each_moment(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    worker = _party(dispute, PartyRole.APPLICANT)
    service = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=worker,
        document=DocumentKind.ACCEPTANCE_NOTICE,
        method=ServiceMethod.ELECTRONIC,
    )
    with pytest.raises(PermissionDenied):
        services.service_sign(user=world.users["enterprise"], service=service)
    services.service_open(user=world.users["individual"], service=service)
    services.service_sign(user=world.users["individual"], service=service)
    proof = services.proof_of_service(service)
    assert proof["proof_no"].startswith("SD")
    assert proof["delivered_at"] <= proof["opened_at"] <= proof["signed_at"]
    assert (
        CaseEvent.objects.filter(
            case_id=dispute.pk, case_type="arbitration.dispute", name="sign_document"
        ).count()
        == 1
    )


def test_left_at_premises_and_public_notice_have_deemed_service_dates(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb, day=D(2026, 3, 2))
    company = _party(dispute, PartyRole.RESPONDENT)
    left = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=company,
        document=DocumentKind.HEARING_NOTICE,
        method=ServiceMethod.LEFT_AT_PREMISES,
        on=D(2026, 3, 5),
    )
    assert (left.published_on, left.served_on, left.deemed) == (D(2026, 3, 5), D(2026, 3, 8), True)
    published = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=company,
        document=DocumentKind.APPLICATION_COPY,
        method=ServiceMethod.PUBLIC_NOTICE,
        on=D(2026, 3, 6),
    )
    assert published.served_on == D(2026, 4, 5)
    # The award period stands still for the 30 days of the notice: 16 April + 30 = 16 May (Saturday)
    # → Monday 18 May.
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 5, 18)


def test_no_default_award_on_an_unconfirmed_or_late_hearing_notice(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, migrant_wages=True)
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=dispute, procedure=Procedure.SIMPLIFIED
    )
    services.dispute_form_tribunal(actor=arb["clerk"], dispute=dispute, arbitrator=arb["arbitrator"])
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=6), dt.time(9)))
    services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room"],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    company = _party(dispute, PartyRole.RESPONDENT)
    sms = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=company,
        document=DocumentKind.HEARING_NOTICE,
        method=ServiceMethod.SMS,
    )
    with pytest.raises(ValidationError, match="no default award"):
        services.dispute_hold_hearing(actor=arb["arbitrator"], dispute=dispute, respondent_absent=True)
    services.service_confirm(actor=arb["clerk"], service=sms)  # confirmed today: 6 days before
    services.dispute_hold_hearing(actor=arb["arbitrator"], dispute=dispute, respondent_absent=True)
    assert dispute.state == DisputeState.HEARD


def test_postponement_must_be_asked_three_days_before(db: Any) -> None:
    from hrbureau.arbitration.tests.conftest import reinstall_defaults

    reinstall_defaults()
    assert rules.latest_postponement_request(D(2026, 3, 20)) == D(2026, 3, 17)
    assert rules.earliest_hearing_day(D(2026, 3, 2)) == D(2026, 3, 7)


# --- hearings -------------------------------------------------------------------------------------------


def test_a_room_is_never_booked_twice_and_the_notice_needs_five_days(world: Any, arb: dict[str, Any]) -> None:
    first, second = accepted(world, arb), accepted(world, arb)
    for dispute in (first, second):
        services.dispute_form_tribunal(
            actor=arb["clerk"],
            dispute=dispute,
            arbitrator=arb["arbitrator"],
            panel=[arb["arbitrator2"], arb["arbitrator3"]],
        )
    day = timezone.localdate() + dt.timedelta(days=8)
    at = lambda h, m=0: timezone.make_aware(dt.datetime.combine(day, dt.time(h, m)))  # noqa: E731
    services.hearing_book(
        actor=arb["clerk"], dispute=first, room=arb["room"], starts_at=at(9), ends_at=at(11)
    )
    with pytest.raises(ValidationError, match="is booked from"):
        services.hearing_book(
            actor=arb["clerk"], dispute=second, room=arb["room"], starts_at=at(10, 30), ends_at=at(12)
        )
    assert second.state == DisputeState.TRIBUNAL
    services.hearing_book(
        actor=arb["clerk"], dispute=second, room=arb["room"], starts_at=at(11), ends_at=at(12)
    )  # back to back
    services.hearing_book(
        actor=arb["clerk"], dispute=first, room=arb["room2"], starts_at=at(10, 30), ends_at=at(12)
    )
    soon = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=4), dt.time(9)))
    with pytest.raises(ValidationError, match="at least 5 days"):
        services.hearing_book(
            actor=arb["clerk"],
            dispute=first,
            room=arb["room2"],
            starts_at=soon,
            ends_at=soon + dt.timedelta(hours=1),
        )
    # Rebooking postponed the first booking: its room is free again.
    assert first.hearings.filter(state="booked").get().room == arb["room2"]


# --- mediation ------------------------------------------------------------------------------------------


def _agree(arb: dict[str, Any], dispute: Dispute, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "terms": "被申请人于十五日内支付工资\n双方再无其他争议",
        "agreed": {c.pk: "6000" for c in dispute.claims.all()},
        "payment_due": timezone.localdate() + dt.timedelta(days=15),
    }
    values.update(overrides)
    return services.mediation_agree(actor=arb["arbitrator"], dispute=dispute, **values)


def test_the_mediation_statement_is_made_from_a_recorded_agreement_that_then_stands(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb)
    worker = _party(dispute, PartyRole.APPLICANT)
    serve = {
        "actor": arb["clerk"],
        "dispute": dispute,
        "party": worker,
        "document": DocumentKind.MEDIATION_STATEMENT,
        "method": ServiceMethod.IN_PERSON,
    }
    with pytest.raises(ValidationError, match="Record the mediation agreement"):
        services.service_record(**serve)
    with pytest.raises(ValidationError, match="Record the mediation agreement"):
        services.dispute_mediate(actor=arb["arbitrator"], dispute=dispute)
    # Every claim needs its amount; a bad amount, empty terms or a payment day before the agreement
    # are refused and nothing is written.
    with pytest.raises(ValidationError) as refused:
        _agree(arb, dispute, terms=" ", agreed={}, payment_due=timezone.localdate() - dt.timedelta(days=1))
    assert set(refused.value.message_dict) == {"terms", "agreed", "payment_due"}
    with pytest.raises(ValidationError, match="is not an amount"):
        _agree(arb, dispute, agreed={c.pk: "-5" for c in dispute.claims.all()})
    assert not MediationAgreement.objects.filter(dispute=dispute).exists()
    assert not dispute.claims.filter(amount_agreed__isnull=False).exists()
    agreement = _agree(arb, dispute)
    claims = list(dispute.claims.all())
    assert agreement.total_agreed == Decimal("6000") * len(claims)
    assert all(c.amount_agreed == Decimal("6000.00") for c in claims)
    # Changed before the statement is served: the agreement is replaced, not duplicated.
    _agree(arb, dispute, agreed={c.pk: "5500" for c in claims})
    assert MediationAgreement.objects.get(dispute=dispute).total_agreed == Decimal("5500") * len(claims)
    events = CaseEvent.objects.filter(case_type="arbitration.dispute", case_id=dispute.pk)
    assert events.filter(name="agree_mediation").count() == 2
    services.service_record(**serve)
    text = docx_text(documents.render(dispute, DocumentKind.MEDIATION_STATEMENT).content)
    assert "被申请人于十五日内支付工资" in text
    assert "5,500.00 元" in text
    assert "调解金额" in text
    # The commission's documents are in Chinese even when made from an English page.
    assert "劳动报酬（工资）" in text
    assert "Applicant" not in text
    with pytest.raises(ValidationError, match="can no longer change"):
        _agree(arb, dispute, agreed={c.pk: "1" for c in claims})
    assert MediationAgreement.objects.get(dispute=dispute).total_agreed == Decimal("5500") * len(claims)


def test_mediation_closes_only_when_both_sides_have_signed_the_statement(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb)
    worker, company = _party(dispute, PartyRole.APPLICANT), _party(dispute, PartyRole.RESPONDENT)
    _agree(arb, dispute)
    statements = [
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=p,
            document=DocumentKind.MEDIATION_STATEMENT,
            method=ServiceMethod.ELECTRONIC,
        )
        for p in (worker, company)
    ]
    services.service_sign(user=world.users["individual"], service=statements[0])
    with pytest.raises(ValidationError, match=company.name):
        services.dispute_mediate(actor=arb["arbitrator"], dispute=dispute)
    from hrbureau.accounts.models import User

    boss = User.objects.create_user(
        username="boss_a2", password="Secret#2026", role="enterprise", enterprise=world.enterprises["a2"]
    )
    services.service_sign(user=boss, service=statements[1])
    services.dispute_mediate(actor=arb["arbitrator"], dispute=dispute)
    assert dispute.state == DisputeState.MEDIATED


def test_consent_to_electronic_service_is_withdrawable_by_the_party_only(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb)
    worker = _party(dispute, PartyRole.APPLICANT)
    with pytest.raises(PermissionDenied):
        services.party_e_service(user=world.users["enterprise"], party=worker, consent=False)
    services.party_e_service(user=world.users["individual"], party=worker, consent=False)
    worker.refresh_from_db()
    assert not worker.accepts_electronic_service
    with pytest.raises(ValidationError, match="not consented"):
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=worker,
            document=DocumentKind.HEARING_NOTICE,
            method=ServiceMethod.ELECTRONIC,
        )
    services.party_e_service(user=world.users["individual"], party=worker, consent=True)
    worker.refresh_from_db()
    assert worker.accepts_electronic_service
    assert (
        CaseEvent.objects.filter(
            case_id=dispute.pk, case_type="arbitration.dispute", name="e_service"
        ).count()
        == 2
    )


def test_the_extension_limit_follows_the_dated_table(world: Any, arb: dict[str, Any]) -> None:
    from hrbureau.arbitration.models import TimeLimit

    dispute = accepted(world, arb, day=D(2026, 3, 2))
    # A local rule from 1 March 2026 allows at most 10 days: 15 is refused, 10 is granted.
    TimeLimit.objects.create(key="award_extension", days=10, day_kind="calendar", valid_from=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="at most 10 days"):
        services.dispute_extend(
            actor=arb["head"], dispute=dispute, days=15, reason="案情复杂", on=D(2026, 4, 1)
        )
    services.dispute_extend(actor=arb["head"], dispute=dispute, days=10, reason="案情复杂", on=D(2026, 4, 1))
    assert due(dispute, rules.CLOCK_AWARD) == D(2026, 4, 27)  # 16 April + 10 = Sunday 26 → Monday 27
