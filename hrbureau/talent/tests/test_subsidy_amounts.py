"""Amount rules and instalments (DOMAIN.md §5): the living subsidy by degree with its age limits at the
boundary, the monthly cap, equal yearly instalments adding up to the fen, the schedule written at
approval, the re-verification that makes a later instalment due or stops it and every later one, and
the sweep that makes instalments of schemes without re-verification due on their day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hrbureau.talent import amounts
from hrbureau.talent.choices import AmountRule, InstalmentState
from hrbureau.talent.models import SubsidyApplication
from hrbureau.talent.tests.subsidy_helpers import living_scheme, make_scheme, person_born

pytestmark = pytest.mark.django_db
IS = InstalmentState
ON = dt.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("degree", "amount", "limit"),
    [("bachelor", "15000.00", 30), ("master", "25000.00", 35), ("phd", "30000.00", 40)],
)
def test_living_subsidy_by_degree_and_its_age_limit_at_the_boundary(degree, amount, limit):
    scheme = living_scheme()
    # The day before the limit's birthday: still younger than the limit.
    born_just_under = dt.date(ON.year - limit, ON.month, ON.day + 1)
    assert amounts.amount_for(scheme, degree=degree, birth_date=born_just_under, on=ON) == Decimal(amount)
    # The birthday itself: the applicant has reached the limit and is refused.
    born_on_the_day = dt.date(ON.year - limit, ON.month, ON.day)
    with pytest.raises(ValidationError, match=str(limit)):
        amounts.amount_for(scheme, degree=degree, birth_date=born_on_the_day, on=ON)


def test_a_degree_without_a_rate_is_refused():
    with pytest.raises(ValidationError):
        amounts.amount_for(living_scheme(), degree="college", birth_date=dt.date(2000, 1, 1), on=ON)


def test_fixed_amount():
    scheme = make_scheme(fixed_amount=Decimal("8000"))
    assert amounts.amount_for(scheme, on=ON) == Decimal("8000.00")


def test_monthly_amount_is_capped_at_the_months_allowed():
    scheme = make_scheme(amount_rule=AmountRule.MONTHLY, monthly_amount=Decimal("3000.50"), max_months=6)
    assert amounts.amount_for(scheme, on=ON, months=4) == Decimal("12002.00")
    assert amounts.amount_for(scheme, on=ON, months=6) == Decimal("18003.00")
    assert amounts.amount_for(scheme, on=ON, months=9) == Decimal("18003.00")
    with pytest.raises(ValidationError):
        amounts.amount_for(scheme, on=ON, months=None)


@pytest.mark.parametrize(
    ("total", "parts"),
    [("100000.01", 3), ("100000.01", 5), ("100000.00", 5), ("0.04", 5), ("99999.99", 7)],
)
def test_instalments_are_equal_to_the_fen_and_add_up_exactly(total, parts):
    shares = amounts.split(Decimal(total), parts)
    assert len(shares) == parts
    assert sum(shares) == Decimal(total)
    assert all(s == s.quantize(Decimal("0.01")) for s in shares)
    assert len(set(shares[:-1])) <= 1
    assert Decimal("0") <= shares[-1] - shares[0] < Decimal("0.01") * parts


def test_split_puts_the_remainder_fen_on_the_last_instalment():
    assert amounts.split(Decimal("100000.01"), 3) == [
        Decimal("33333.33"),
        Decimal("33333.33"),
        Decimal("33333.35"),
    ]


def _approved(world, scheme, amount="100000.01"):
    person = person_born(dt.date(1995, 1, 1), world)
    application = SubsidyApplication.objects.create(
        number=f"T{person.pk}", scheme=scheme, person=person, amount=Decimal(amount), state="approved"
    )
    return application


def test_schedule_writes_the_first_instalment_due_and_the_rest_waiting_a_year_apart(world):
    scheme = make_scheme(instalments=5, reverify=True)
    application = _approved(world, scheme)
    rows = amounts.schedule(application, ON)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert [r.state for r in rows] == [IS.DUE, IS.WAITING, IS.WAITING, IS.WAITING, IS.WAITING]
    assert [r.due_on for r in rows] == [dt.date(2026 + k, 6, 15) for k in range(5)]
    assert sum(r.amount for r in rows) == Decimal("100000.01")
    assert [r.amount for r in rows][:4] == [Decimal("20000.00")] * 4
    assert rows[-1].amount == Decimal("20000.01")
    # Scheduling twice writes nothing more.
    amounts.schedule(application, ON)
    assert application.instalments.count() == 5


def test_reverification_makes_the_instalment_due(world):
    scheme = make_scheme(instalments=3, reverify=True)
    application = _approved(world, scheme, "90000")
    amounts.schedule(application, ON)
    second = application.instalments.get(number=2)
    with pytest.raises(ValidationError):  # not before its day
        amounts.instalment_reverify(
            actor=world.user("dept_staff"), instalment=second, still_works=True, on=ON
        )
    done = amounts.instalment_reverify(
        actor=world.user("dept_staff"), instalment=second, still_works=True, on=dt.date(2027, 6, 20)
    )
    assert done.state == IS.DUE
    assert done.verified_on == dt.date(2027, 6, 20)
    assert done.verified_by == world.user("dept_staff")
    assert application.instalments.get(number=3).state == IS.WAITING


def test_a_failed_reverification_stops_that_and_every_later_instalment(world):
    scheme = make_scheme(instalments=5, reverify=True)
    application = _approved(world, scheme)
    amounts.schedule(application, ON)
    second = application.instalments.get(number=2)
    with pytest.raises(ValidationError):  # the reason is needed
        amounts.instalment_reverify(actor=world.user("dept_staff"), instalment=second, still_works=False)
    amounts.instalment_reverify(
        actor=world.user("dept_staff"), instalment=second, still_works=False, reason="已离职，调往外区"
    )
    states = dict(application.instalments.values_list("number", "state"))
    assert states == {1: IS.DUE, 2: IS.STOPPED, 3: IS.STOPPED, 4: IS.STOPPED, 5: IS.STOPPED}
    assert set(application.instalments.filter(number__gte=2).values_list("stop_reason", flat=True)) == {
        "已离职，调往外区"
    }
    # The sweep never makes a stopped instalment due.
    amounts.make_due(dt.date(2035, 1, 1))
    assert application.instalments.filter(state=IS.STOPPED).count() == 4


def test_the_sweep_makes_waiting_instalments_due_only_without_reverification(world):
    plain = _approved(world, make_scheme(instalments=2, reverify=False), "1000")
    verified = _approved(world, make_scheme(instalments=2, reverify=True), "1000")
    amounts.schedule(plain, ON)
    amounts.schedule(verified, ON)
    assert amounts.make_due(dt.date(2027, 6, 14)) is None
    assert amounts.make_due(dt.date(2027, 6, 15)) == "1 instalments due"
    assert plain.instalments.get(number=2).state == IS.DUE
    assert verified.instalments.get(number=2).state == IS.WAITING


def test_staff_of_another_line_cannot_reverify(world):
    scheme = make_scheme(instalments=2, reverify=True)
    application = _approved(world, scheme, "1000")
    amounts.schedule(application, ON)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        amounts.instalment_reverify(
            actor=world.user("street_staff"),
            instalment=application.instalments.get(number=2),
            still_works=True,
            on=dt.date(2027, 7, 1),
        )
