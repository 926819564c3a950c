"""The internship demo: every state, a month below 80 %, approved months due; seeding twice adds nothing."""

from __future__ import annotations

import datetime as dt
import io
import random

from hrbureau.core.demo import DemoContext
from hrbureau.core.identifiers import generate_resident_id
from hrbureau.people.tests.factories import PersonFactory
from hrbureau.talent import demo_internship
from hrbureau.talent.internship_choices import InternshipState, MonthState
from hrbureau.talent.models import Instalment, Internship, InternshipBase, InternshipMonth


def test_the_demo_covers_every_state_and_is_idempotent(world):
    rng = random.Random(5)
    for n in range(8):
        born = dt.date(2004, 1, 1) + dt.timedelta(days=40 * n)
        PersonFactory(id_number=generate_resident_id(rng, address="440304", birth_date=born, male=True))
    ctx = DemoContext(out=io.StringIO())
    demo_internship.seed(ctx)
    assert set(Internship.objects.values_list("state", flat=True)) == set(InternshipState.values)
    assert InternshipMonth.objects.filter(subsidy=0).exclude(zero_reason="").exists()
    assert (
        InternshipMonth.objects.filter(state=MonthState.APPROVED).count() == Instalment.objects.count() == 3
    )
    # The demo enterprise login (the world's enterprise user, A1) has the first base.
    assert InternshipBase.objects.filter(enterprise=world.enterprises["a1"]).exists()
    counts = (InternshipBase.objects.count(), Internship.objects.count(), InternshipMonth.objects.count())
    demo_internship.seed(DemoContext(out=io.StringIO()))
    assert (
        InternshipBase.objects.count(),
        Internship.objects.count(),
        InternshipMonth.objects.count(),
    ) == counts
