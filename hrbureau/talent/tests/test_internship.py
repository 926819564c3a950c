"""The internship subsidy (就业见习, DOMAIN.md §5): who may be an intern, what a month pays with the
minimum wage of that month, the base's claims and their approval into instalments, scoping, the import."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hrbureau.core.identifiers import generate_resident_id
from hrbureau.people.choices import EmploymentStatus
from hrbureau.people.tests.factories import PersonFactory
from hrbureau.talent import internship as service
from hrbureau.talent.choices import AmountRule, ApplicationState, Channel, InstalmentState, Payee
from hrbureau.talent.internship_choices import BaseState, InternGround, InternshipState, MonthState
from hrbureau.talent.models import Instalment, Internship, InternshipBase, InternshipMonth

_rng = random.Random(18)


@pytest.fixture(autouse=True)
def _in_english():
    """The reasons are written in the language of the request that registers; these tests read English."""
    with translation.override("en"):
        yield


def person(*, born: dt.date, status: str = EmploymentStatus.OTHER, name: str = "") -> Any:
    id_number = generate_resident_id(_rng, address="440304", birth_date=born, male=True)
    extra = {"name": name} if name else {}
    return PersonFactory(id_number=id_number, employment_status=status, **extra)


def base_of(world: Any, key: str = "a1") -> InternshipBase:
    enterprise = world.enterprises[key]
    return InternshipBase.objects.create(
        enterprise=enterprise,
        street_id=enterprise.street_id,
        approved_on=dt.date(2024, 1, 1),
        posts="文员\n助理",
    )


def register(world: Any, base: InternshipBase, who: Any, **kwargs: Any) -> Internship:
    values = {"post": "文员", "starts_on": dt.date(2025, 1, 1), "ends_on": dt.date(2025, 12, 31)}
    values.update(kwargs)
    return service.internship_register(actor=world.user("dept_staff"), person=who, base=base, **values)


def approved(world: Any, base: InternshipBase, **kwargs: Any) -> Internship:
    who = kwargs.pop("who", None) or person(born=dt.date(2002, 5, 1))
    internship = register(world, base, who, graduated_on=dt.date(2024, 6, 30), **kwargs)
    return service.internship_approve(actor=world.user("dept_staff"), internship=internship)


# --- the month's subsidy -------------------------------------------------------------------------------


def test_paid_exactly_80_percent_qualifies_and_79_99_does_not():
    wage = Decimal("2520.00")
    assert service.month_subsidy(Decimal("2016.00"), wage) == Decimal("2016.00")  # 80 %
    assert service.month_zero_reason(Decimal("2016.00"), wage) == ""
    assert service.month_subsidy(Decimal("2015.75"), wage) == Decimal("0.00")  # 79.99 %
    assert "80" in service.month_zero_reason(Decimal("2015.75"), wage)


def test_paid_above_the_minimum_wage_gives_the_minimum_wage_and_below_it_the_amount_paid():
    wage = Decimal("2360.00")
    assert service.month_subsidy(Decimal("3500.00"), wage) == Decimal("2360.00")
    assert service.month_subsidy(Decimal("2360.00"), wage) == Decimal("2360.00")
    assert service.month_subsidy(Decimal("2100.55"), wage) == Decimal("2100.55")


def test_months_on_either_side_of_a_minimum_wage_change_give_different_subsidies(world):
    # 深圳市: 2,360 until 2025-02-28, 2,520 from 2025-03-01 (arbitration's table, through core.references).
    internship = approved(world, base_of(world))
    february = service.month_record(
        actor=world.user("dept_staff"), internship=internship, month=dt.date(2025, 2, 1), paid=Decimal("2500")
    )
    march = service.month_record(
        actor=world.user("dept_staff"), internship=internship, month=dt.date(2025, 3, 1), paid=Decimal("2500")
    )
    assert (february.minimum_wage, february.subsidy) == (Decimal("2360.00"), Decimal("2360.00"))
    assert (march.minimum_wage, march.subsidy) == (Decimal("2520.00"), Decimal("2500.00"))
    # 1,900 is 80.5 % of 2,360 but 75.4 % of 2,520.
    feb_low = service.month_record(
        actor=world.user("dept_staff"), internship=internship, month=dt.date(2025, 2, 1), paid=Decimal("1900")
    )
    mar_low = service.month_record(
        actor=world.user("dept_staff"), internship=internship, month=dt.date(2025, 3, 1), paid=Decimal("1900")
    )
    assert feb_low.subsidy == Decimal("1900.00")
    assert feb_low.zero_reason == ""
    assert mar_low.subsidy == Decimal("0.00")
    assert mar_low.zero_reason


# --- eligibility ---------------------------------------------------------------------------------------


def test_a_graduate_qualifies_for_2_years_and_is_refused_a_day_later(world):
    base = base_of(world)
    graduated = dt.date(2023, 6, 30)
    ok = register(
        world,
        base,
        person(born=dt.date(1995, 1, 1)),
        starts_on=dt.date(2025, 6, 30),
        ends_on=dt.date(2025, 12, 31),
        graduated_on=graduated,
    )
    assert (ok.state, ok.ground) == (InternshipState.REGISTERED, InternGround.GRADUATE)
    late = register(
        world,
        base,
        person(born=dt.date(1995, 1, 1)),
        starts_on=dt.date(2025, 7, 1),
        ends_on=dt.date(2025, 12, 31),
        graduated_on=graduated,
    )
    late.refresh_from_db()
    assert late.state == InternshipState.REFUSED
    assert "2 years" in late.refusal_reason


@pytest.mark.parametrize(
    ("born", "eligible"),
    [
        (dt.date(2000, 1, 2), True),  # 24 on 2025-01-01 (25 the next day)
        (dt.date(2000, 1, 1), False),  # 25 on the start day
        (dt.date(2008, 12, 31), True),  # 16 on the start day
        (dt.date(2009, 1, 2), False),  # 15 on the start day
    ],
)
def test_a_registered_unemployed_person_qualifies_aged_16_to_24_on_the_start_day(world, born, eligible):
    internship = register(world, base_of(world), person(born=born, status=EmploymentStatus.UNEMPLOYED))
    internship.refresh_from_db()
    if eligible:
        assert (internship.state, internship.ground) == (
            InternshipState.REGISTERED,
            InternGround.UNEMPLOYED_YOUTH,
        )
    else:
        assert internship.state == InternshipState.REFUSED
        assert "aged" in internship.refusal_reason


def test_a_young_person_not_registered_unemployed_nor_a_graduate_is_refused(world):
    internship = register(world, base_of(world), person(born=dt.date(2003, 1, 1)))
    internship.refresh_from_db()
    assert internship.state == InternshipState.REFUSED
    assert "not registered unemployed" in internship.refusal_reason


def test_an_internship_longer_than_the_schemes_months_or_at_a_suspended_base_is_not_registered(world):
    base = base_of(world)
    who = person(born=dt.date(2002, 1, 1))
    with pytest.raises(ValidationError) as error:
        register(world, base, who, graduated_on=dt.date(2024, 6, 30), ends_on=dt.date(2026, 1, 1))
    assert "ends_on" in error.value.message_dict
    base.state = BaseState.SUSPENDED
    base.save()
    with pytest.raises(ValidationError):
        register(world, base, who, graduated_on=dt.date(2024, 6, 30))
    assert not Internship.objects.exists()


def test_a_second_internship_of_the_same_person_is_refused(world):
    who = person(born=dt.date(2002, 1, 1))
    approved(world, base_of(world), who=who)
    second = register(world, base_of(world, "b1"), who, graduated_on=dt.date(2024, 6, 30))
    second.refresh_from_db()
    assert second.state == InternshipState.REFUSED
    assert "already has internship" in second.refusal_reason


# --- claims and payment --------------------------------------------------------------------------------


def test_an_approved_month_is_a_due_instalment_of_the_internships_application_paid_to_the_employer(world):
    internship = approved(world, base_of(world))
    application = internship.application
    assert application.scheme.amount_rule == AmountRule.INTERNSHIP
    assert application.scheme.payee == Payee.EMPLOYER
    assert (application.channel, application.state) == (Channel.COUNTER, ApplicationState.APPROVED)
    assert application.employer == world.enterprises["a1"]
    staff = world.user("dept_staff")
    for month, paid in ((dt.date(2025, 3, 1), "2600"), (dt.date(2025, 4, 1), "2200")):
        row = service.month_record(actor=staff, internship=internship, month=month, paid=Decimal(paid))
        service.month_approve(actor=staff, month=row)
    instalments = list(Instalment.objects.filter(application=application).order_by("number"))
    assert [(i.number, i.period, i.amount, i.state) for i in instalments] == [
        (1, "2025-03", Decimal("2520.00"), InstalmentState.DUE),
        (2, "2025-04", Decimal("2200.00"), InstalmentState.DUE),
    ]
    application.refresh_from_db()
    assert (application.months, application.amount) == (2, Decimal("4720.00"))
    # An approved month is never changed or approved twice.
    with pytest.raises(ValidationError):
        service.month_record(actor=staff, internship=internship, month=dt.date(2025, 3, 1), paid=Decimal("1"))
    with pytest.raises(ValidationError):
        service.month_approve(actor=staff, month=InternshipMonth.objects.get(month=dt.date(2025, 3, 1)))
    assert Instalment.objects.count() == 2


def test_a_month_paid_below_80_percent_is_recorded_with_its_reason_and_never_payable(world):
    internship = approved(world, base_of(world))
    staff = world.user("dept_staff")
    row = service.month_record(
        actor=staff, internship=internship, month=dt.date(2025, 5, 1), paid=Decimal("1500")
    )
    assert row.subsidy == Decimal("0.00")
    assert "80" in row.zero_reason
    with pytest.raises(ValidationError):
        service.month_approve(actor=staff, month=row)
    assert not Instalment.objects.exists()
    # Corrected while only recorded: the same month, one row.
    service.month_record(actor=staff, internship=internship, month=dt.date(2025, 5, 1), paid=Decimal("2100"))
    assert InternshipMonth.objects.get().subsidy == Decimal("2100.00")


def test_months_outside_the_internship_or_of_an_unapproved_one_are_refused(world):
    base = base_of(world)
    internship = approved(world, base, starts_on=dt.date(2025, 3, 10), ends_on=dt.date(2025, 8, 31))
    staff = world.user("dept_staff")
    with pytest.raises(ValidationError):
        service.month_record(
            actor=staff, internship=internship, month=dt.date(2025, 2, 1), paid=Decimal("2500")
        )
    service.month_record(actor=staff, internship=internship, month=dt.date(2025, 3, 1), paid=Decimal("2500"))
    pending = register(world, base, person(born=dt.date(2002, 1, 1)), graduated_on=dt.date(2024, 6, 30))
    with pytest.raises(ValidationError):
        service.month_record(actor=staff, internship=pending, month=dt.date(2025, 3, 1), paid=Decimal("2500"))


def test_a_base_records_months_of_its_own_interns_only(world):
    own = approved(world, base_of(world, "a1"))
    other = approved(world, base_of(world, "b1"))
    enterprise = world.user("enterprise")  # bound to a1
    row = service.month_record(
        actor=enterprise, internship=own, month=dt.date(2025, 3, 1), paid=Decimal("2520")
    )
    assert row.state == MonthState.RECORDED
    assert row.recorded_by == enterprise
    with pytest.raises(PermissionDenied):
        service.month_record(
            actor=enterprise, internship=other, month=dt.date(2025, 3, 1), paid=Decimal("2520")
        )
    with pytest.raises(PermissionDenied):
        service.month_approve(actor=enterprise, month=row)  # the department approves


def test_the_portal_page_shows_the_base_its_own_interns_and_records_a_month(world, client_for):
    own = approved(world, base_of(world, "a1"))
    other = approved(world, base_of(world, "b1"))
    client = client_for("enterprise")
    page = client.get("/talent/my/internships/")
    assert page.status_code == 200
    assert own.number in page.text
    assert other.number not in page.text
    posted = client.post(
        "/talent/my/internships/", {"internship": own.pk, "month": "2025-04", "paid": "2400"}
    )
    assert posted.status_code == 302
    assert InternshipMonth.objects.get(internship=own).subsidy == Decimal("2400.00")
    refused = client.post(
        "/talent/my/internships/", {"internship": other.pk, "month": "2025-04", "paid": "2400"}
    )
    assert refused.status_code == 200  # not a choice of this base
    assert not InternshipMonth.objects.filter(internship=other).exists()


def test_the_case_page_shows_the_months_and_staff_approve_one(world, client_for):
    internship = approved(world, base_of(world))
    staff = world.user("dept_staff")
    row = service.month_record(
        actor=staff, internship=internship, month=dt.date(2025, 3, 1), paid=Decimal("1000")
    )
    client = client_for("dept_staff")
    page = client.get(f"/talent/internships/{internship.pk}/")
    assert page.status_code == 200
    assert "2025-03" in page.text
    client.post(f"/talent/internships/{internship.pk}/months/", {"month": "2025-04", "paid": "2520"})
    april = InternshipMonth.objects.get(month=dt.date(2025, 4, 1))
    client.post(f"/talent/internships/months/{april.pk}/approve/")
    april.refresh_from_db()
    row.refresh_from_db()
    assert april.state == MonthState.APPROVED
    assert april.instalment.amount == Decimal("2520.00")
    assert row.state == MonthState.RECORDED


def test_registering_at_the_counter_page_finds_the_person_by_id_number(world, client_for):
    base = base_of(world)
    who = person(born=dt.date(2001, 3, 3), status=EmploymentStatus.UNEMPLOYED)
    response = client_for("dept_staff").post(
        "/talent/internships/new/",
        {
            "id_number": who.id_number.lower(),
            "base": base.pk,
            "post": "文员",
            "starts_on": "2025-01-01",
            "ends_on": "2025-06-30",
        },
    )
    internship = Internship.objects.get(person=who)
    assert response.status_code == 302
    assert internship.ground == InternGround.UNEMPLOYED_YOUTH


# --- the payroll import --------------------------------------------------------------------------------


def _payroll(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某某公司2025年3月见习人员生活补助发放表"])  # a title row above the header
    sheet.append(["序号", "姓名", "身份证号码", "发放月份", "实发金额"])
    for n, row in enumerate(rows, start=1):
        sheet.append([n, *row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_months_payroll_imports_as_claims_numbers_as_text_and_rejects_strangers(world):
    from hrbureau.core.imports.tests.test_imports import commit, upload

    base = base_of(world)
    first = approved(world, base, who=person(born=dt.date(2002, 2, 2), name="张见习"))
    second = approved(world, base, who=person(born=dt.date(2002, 3, 3), name="李见习"))
    outsider = approved(world, base_of(world, "b1"), who=person(born=dt.date(2002, 4, 4), name="王见习"))
    content = _payroll(
        [
            ["张见习", first.person.id_number, "2025-03", "2,600.00"],  # a number as text
            ["李见习", second.person.id_number, "2025年3月", 1800],  # below 80 % of 2,520
            ["王见习", outsider.person.id_number, "2025-03", "2520"],  # another base's intern
            ["错名字", second.person.id_number, "2025-04", "2520"],  # the name does not match
        ]
    )
    # The base imports its own payroll (the service the upload calls; the enterprise is user a1).
    job = commit(world, upload(world, "internship-months", content, user="enterprise"), user="enterprise")
    job.refresh_from_db()
    assert (job.created_count, job.rejected_count) == (2, 2)
    months = {m.internship_id: m for m in InternshipMonth.objects.all()}
    assert months[first.pk].subsidy == Decimal("2520.00")
    assert months[second.pk].subsidy == Decimal("0.00")
    assert months[second.pk].zero_reason
    assert outsider.pk not in months


def test_the_base_uploads_its_payroll_on_the_portal_and_is_told_what_was_rejected(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    base = base_of(world)
    own = approved(world, base, who=person(born=dt.date(2002, 2, 2), name="张见习"))
    other = approved(world, base_of(world, "b1"), who=person(born=dt.date(2002, 4, 4), name="王见习"))
    content = _payroll(
        [
            ["张见习", own.person.id_number, "2025-03", "2520"],
            ["王见习", other.person.id_number, "2025-03", "2520"],
        ]
    )
    client = client_for("enterprise")
    response = client.post(
        "/talent/my/internships/import/", {"file": SimpleUploadedFile("payroll.xlsx", content)}, follow=True
    )
    assert response.status_code == 200
    assert InternshipMonth.objects.get(internship=own).subsidy == Decimal("2520.00")
    assert not InternshipMonth.objects.filter(internship=other).exists()
    from django.contrib import messages

    shown = [(m.level, str(m)) for m in response.context["messages"]]
    assert [level for level, _text in shown] == [messages.SUCCESS, messages.WARNING]  # the rejected row told
    assert other.person.id_number not in shown[1][1]  # the reason, never the ID number in full
