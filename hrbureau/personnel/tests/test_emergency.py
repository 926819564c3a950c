"""Emergency duty: posts, the roster (overlapping assignments of one person refused) and the figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core.attachments import attachments_of
from hrbureau.personnel import emergency
from hrbureau.personnel.records_models import Deployment
from hrbureau.personnel.tests.records_helpers import staff_member

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def plan(world):
    upload = SimpleUploadedFile("通知.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    return emergency.plan_create(
        actor=world.users["dept_staff"],
        title="关于选派党员下沉一线的通知",
        number="区人社〔2026〕1号",
        issued_on=D(2026, 1, 20),
        file=upload,
    )


@pytest.fixture
def posts(world, plan):
    return {
        "street": emergency.post_add(
            actor=None, plan=plan, kind="street", street=world.units["street-a"], duty="卡口值守"
        ),
        "airport": emergency.post_add(actor=None, plan=plan, kind="airport", name="宝安国际机场"),
        "hotel": emergency.post_add(actor=None, plan=plan, kind="hotel", name="某隔离酒店"),
    }


def test_the_plan_keeps_its_file(plan):
    assert [a.original_name for a in attachments_of(plan)] == ["通知.pdf"]


def test_a_street_post_needs_its_street_and_a_site_its_name(world, plan):
    with pytest.raises(ValidationError):
        emergency.post_add(actor=None, plan=plan, kind="street")
    with pytest.raises(ValidationError):
        emergency.post_add(actor=None, plan=plan, kind="hotel", name=" ")


@pytest.mark.parametrize(
    ("starts", "ends", "refused"),
    [
        (D(2026, 2, 10), D(2026, 2, 12), True),  # the last day of the first assignment
        (D(2026, 2, 11), D(2026, 2, 20), False),  # the day after
        (D(2026, 1, 25), D(2026, 2, 1), True),  # the first day
        (D(2026, 1, 20), D(2026, 1, 31), False),  # the day before
        (D(2026, 1, 20), None, True),  # open-ended from before
    ],
)
def test_overlapping_assignments_of_one_person_are_refused(world, posts, starts, ends, refused):
    person = staff_member()
    emergency.deployment_add(
        actor=None, post=posts["street"], staff=person, starts_on=D(2026, 2, 1), ends_on=D(2026, 2, 10)
    )
    if refused:
        with pytest.raises(ValidationError):
            emergency.deployment_add(
                actor=None, post=posts["airport"], staff=person, starts_on=starts, ends_on=ends
            )
    else:
        emergency.deployment_add(
            actor=None, post=posts["airport"], staff=person, starts_on=starts, ends_on=ends
        )
    assert Deployment.objects.filter(staff=person).count() == (1 if refused else 2)


def test_an_open_assignment_blocks_later_ones(world, posts):
    person = staff_member()
    emergency.deployment_add(actor=None, post=posts["hotel"], staff=person, starts_on=D(2026, 2, 1))
    with pytest.raises(ValidationError):
        emergency.deployment_add(
            actor=None, post=posts["airport"], staff=person, starts_on=D(2026, 5, 1), ends_on=D(2026, 5, 2)
        )


def test_the_end_is_not_before_the_start(world, posts):
    with pytest.raises(ValidationError):
        emergency.deployment_add(
            actor=None,
            post=posts["hotel"],
            staff=staff_member(),
            starts_on=D(2026, 2, 2),
            ends_on=D(2026, 2, 1),
        )


def test_figures_of_a_period(world, posts):
    a, b, c = staff_member(name="甲"), staff_member(name="乙"), staff_member(name="丙")
    emergency.deployment_add(
        actor=None, post=posts["street"], staff=a, starts_on=D(2026, 2, 1), ends_on=D(2026, 2, 10)
    )
    emergency.deployment_add(
        actor=None, post=posts["airport"], staff=a, starts_on=D(2026, 2, 11), ends_on=D(2026, 2, 20)
    )
    emergency.deployment_add(actor=None, post=posts["hotel"], staff=b, starts_on=D(2026, 2, 5))  # still there
    emergency.deployment_add(
        actor=None, post=posts["hotel"], staff=c, starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 5)
    )
    figures = emergency.deployment_figures(
        rows=Deployment.objects.all(), first=D(2026, 2, 6), last=D(2026, 2, 15)
    )
    # a: 6–10 street (5 days) + 11–15 airport (5 days); b: 6–15 hotel (10 days); c: not in the period
    assert figures.people == 2
    assert figures.person_days == 20
    by_place = {f.place: (f.people, f.person_days) for f in figures.by_place}
    assert by_place == {"东湖街道": (1, 5), "宝安国际机场": (1, 5), "某隔离酒店": (1, 10)}


def test_a_period_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError):
        emergency.deployment_figures(rows=Deployment.objects.all(), first=D(2026, 2, 2), last=D(2026, 2, 1))


def test_street_staff_see_their_streets_people_on_the_roster(world, posts):
    own = emergency.deployment_add(
        actor=None,
        post=posts["airport"],
        staff=staff_member(name="甲", street=world.units["street-a"]),
        starts_on=D(2026, 2, 1),
    )
    emergency.deployment_add(
        actor=None,
        post=posts["airport"],
        staff=staff_member(name="乙", street=world.units["street-b"]),
        starts_on=D(2026, 2, 1),
    )
    assert list(Deployment.objects.for_user(world.users["street_staff"])) == [own]
    assert Deployment.objects.for_user(world.users["leader"]).count() == 2
    assert not Deployment.objects.for_user(world.users["enterprise"]).exists()
