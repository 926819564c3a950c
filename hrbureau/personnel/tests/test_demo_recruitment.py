"""The recruitment demo: the seed's four plans across every review state, a shortlist published, a tie at
the cut-off with both tied shortlisted, an absent candidate not ranked; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.demo import DemoContext
from hrbureau.people.tests.factories import PersonFactory
from hrbureau.personnel import demo_recruitment
from hrbureau.personnel.recruitment_choices import PlanKind, RegistrationState
from hrbureau.personnel.recruitment_models import PlanPublication, RecruitmentPlan, Registration


def test_the_demo_covers_every_state_and_seeding_twice_adds_nothing(world: Any) -> None:
    # Given the talent department's staff and head, a citizen and people of working age
    for username, role in (("talent_staff", Role.DEPT_STAFF), ("talent_head", Role.DEPT_HEAD)):
        User.objects.create_user(username=username, password="x", role=role, org_unit=world.units["talent"])
    today = timezone.localdate()
    people = [PersonFactory(birth_date=today - dt.timedelta(days=365 * 28 + i)) for i in range(40)]
    citizen = User.objects.create_user(username="citizen", password="x", role=Role.INDIVIDUAL)
    citizen.person = people[-1]
    citizen.save()
    ctx = DemoContext(out=io.StringIO())
    # When the demo runs twice
    demo_recruitment.seed(ctx)
    counts = (RecruitmentPlan.objects.count(), Registration.objects.count(), PlanPublication.objects.count())
    demo_recruitment.seed(ctx)
    # Then the second run added nothing
    assert counts == (
        RecruitmentPlan.objects.count(),
        Registration.objects.count(),
        PlanPublication.objects.count(),
    )
    assert set(RecruitmentPlan.objects.values_list("kind", flat=True)) >= {
        PlanKind.HEALTH,
        PlanKind.TEACHERS_OUTSIDE,
        PlanKind.JUCAI_8543,
        PlanKind.EXCELLENT_500,
    }
    assert set(Registration.objects.values_list("state", flat=True)) >= {
        RegistrationState.SUBMITTED,
        RegistrationState.SUPPLEMENT,
        RegistrationState.QUALIFIED,
        RegistrationState.FAILED,
    }
    health = RecruitmentPlan.objects.get(kind=PlanKind.HEALTH)
    assert health.publications.count() == 3
    assert health.registrations.filter(shortlisted=True).count() == 4  # 2 posts × 2 places × 1:1
    assert health.registrations.filter(written_absent=True, rank__isnull=True).exists()
    excellent = RecruitmentPlan.objects.get(kind=PlanKind.EXCELLENT_500)
    ranks = list(
        excellent.registrations.filter(rank__isnull=False).order_by("rank").values_list("rank", "shortlisted")
    )
    assert ranks[:4] == [(1, True), (2, True), (2, True), (4, False)]  # the tie at the cut-off: both in
    assert Registration.objects.filter(person=citizen.person).exists()
