"""Helpers of the certification tests: a category, experts, and a certification carried to a state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.people.models import Person
from hrbureau.talent import certification as services
from hrbureau.talent.certification_models import Certification, TalentCategory

DOCTOR_WITH_PATENT = {
    "all": [
        {"field": "education", "op": "eq", "value": "doctor"},
        {"field": "age", "op": "lt", "value": 45},
        {"field": "evidence.patent", "op": "eq", "value": True},
    ]
}


def category(**fields: Any) -> TalentCategory:
    defaults: dict[str, Any] = {
        "code": "b-doctor",
        "name": "B类：青年博士",
        "name_en": "B: young doctors",
        "level": "B",
        "criteria": DOCTOR_WITH_PATENT,
        "experts_required": 3,
        "pass_mark": Decimal("75.00"),
        "validity_years": 3,
        "renewal_window_days": 90,
    }
    defaults.update(fields)
    return TalentCategory.objects.create(**defaults)


def experts(n: int = 3) -> list[User]:
    return [
        User.objects.create_user(
            username=f"expert{i}", password="Secret#2026", role=Role.DEPT_STAFF, full_name=f"专家{i}"
        )
        for i in range(1, n + 1)
    ]


def doctor(person: Person, *, born: dt.date = dt.date(1990, 5, 1)) -> Person:
    Person.objects.filter(pk=person.pk).update(education="doctor", birth_date=born)
    person.refresh_from_db()
    return person


def pdf(name: str = "patent.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def filed(
    world: Any,
    cat: TalentCategory,
    *,
    on: dt.date,
    kinds: tuple[str, ...] = ("patent",),
    person: Any = None,
    **kwargs: Any,
) -> Certification:
    person = person or doctor(world.people["a1"])
    return services.certification_submit(
        actor=world.users["individual"],
        person=person,
        category=cat,
        evidence=[(kind, "", pdf()) for kind in kinds],
        on=on,
        **kwargs,
    )


def scored(world: Any, certification: Certification, panel: list[User], scores: list[int]) -> Certification:
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    for expert, score in zip(panel, scores, strict=True):
        certification.refresh_from_db()
        services.certification_score(actor=expert, certification=certification, score=score, opinion="意见")
    certification.refresh_from_db()
    return certification


def certified(
    world: Any, cat: TalentCategory, panel: list[User], *, on: dt.date, **kwargs: Any
) -> Certification:
    certification = scored(world, filed(world, cat, on=on, **kwargs), panel, [80, 85, 90])
    services.certification_certify(actor=world.users["dept_head"], certification=certification, on=on)
    certification.refresh_from_db()
    return certification
