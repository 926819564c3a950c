"""Test helpers of the personnel records: staff members with valid ID numbers, a second head."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.identifiers import generate_resident_id
from hrbureau.personnel.records import staff_save
from hrbureau.personnel.records_models import StaffMember

_rng = random.Random(18)


def staff_member(
    *, name: str = "张三", street: Any = None, birth: dt.date = dt.date(1985, 3, 4), **kw: Any
) -> StaffMember:
    id_number = generate_resident_id(_rng, address="440305", birth_date=birth, male=True)
    while StaffMember.objects.filter(id_number=id_number).exists():  # a new person each time
        id_number = generate_resident_id(_rng, address="440305", birth_date=birth, male=True)
    return staff_save(
        actor=None,
        name=name,
        id_number=id_number,
        unit_name=kw.pop("unit_name", "区税务局"),
        street=street,
        **kw,
    )


def second_head(world: Any) -> User:
    user = User.objects.filter(username="dept_head2").first()
    if user is None:
        user = User.objects.create_user(
            username="dept_head2",
            password="Secret#2026",
            role=Role.DEPT_HEAD,
            org_unit=world.units["office"],
            full_name="第二科长",
        )
    return user
