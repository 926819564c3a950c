from __future__ import annotations

import datetime as dt
import importlib
import random
from io import BytesIO
from typing import Any

import pytest
from django.apps import apps
from docx import Document

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.arbitration import services
from hrbureau.arbitration.choices import Channel, ClaimKind, PartyKind, PartyRole
from hrbureau.arbitration.models import Dispute, HearingRoom
from hrbureau.core.identifiers import generate_resident_id


def reinstall_defaults() -> None:
    """The rows the data migration installs (a transactional test empties every table afterwards)."""
    importlib.import_module("hrbureau.arbitration.migrations.0002_defaults").create(apps, None)
    importlib.import_module("hrbureau.arbitration.migrations.0008_default_wording").create(apps, None)


@pytest.fixture
def arb(world: Any) -> dict[str, Any]:
    """The arbitration institute's people, a hearing room and the default periods."""
    reinstall_defaults()
    unit = world.units["arbitration"]

    def user(username: str, role: str, name: str) -> User:
        return User.objects.create_user(
            username=username, password="Secret#2026", role=role, org_unit=unit, full_name=name
        )

    return {
        "clerk": world.users["arbitration_clerk"],
        "arbitrator": world.users["arbitrator"],
        "arbitrator2": user("zc_arb2", Role.ARBITRATOR, "仲裁员乙"),
        "arbitrator3": user("zc_arb3", Role.ARBITRATOR, "仲裁员丙"),
        "head": user("zc_head", Role.DEPT_HEAD, "仲裁院院长"),
        "staff": user("zc_staff", Role.DEPT_STAFF, "立案庭科员"),
        "room": HearingRoom.objects.create(name="第一仲裁庭", location="三楼"),
        "room2": HearingRoom.objects.create(name="第二仲裁庭", location="三楼"),
    }


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


_rng = random.Random(5)


def new_resident_id() -> str:
    birth = dt.date(1980, 1, 1) + dt.timedelta(days=_rng.randint(0, 365 * 20))
    return generate_resident_id(_rng, address="440306", birth_date=birth, male=_rng.random() < 0.5)


def applicant(person: Any = None, **kw: Any) -> services.PartyInput:
    return services.PartyInput(
        role=PartyRole.APPLICANT,
        kind=PartyKind.PERSON,
        name=kw.pop("name", person.name if person else "申请人"),
        identifier=kw.pop("identifier", person.id_number if person else new_resident_id()),
        phone=kw.pop("phone", "13800138000"),
        **kw,
    )


def respondent(enterprise: Any, **kw: Any) -> services.PartyInput:
    return services.PartyInput(
        role=PartyRole.RESPONDENT,
        kind=PartyKind.ENTERPRISE,
        name=enterprise.name,
        identifier=enterprise.uscc,
        phone=kw.pop("phone", "13900139000"),
        **kw,
    )


def file(
    world: Any,
    arb: dict[str, Any],
    *,
    day: dt.date = dt.date(2026, 3, 2),
    parties: list[services.PartyInput] | None = None,
    claims: list[services.ClaimInput] | None = None,
    **kw: Any,
) -> Dispute:
    return services.dispute_file(
        actor=kw.pop("actor", arb["clerk"]),
        channel=kw.pop("channel", Channel.COUNTER),
        facts="公司拖欠2026年1月至2月工资，经催讨未果。",
        parties=parties
        or [
            applicant(world.people["a1"], e_service_consent=True),
            respondent(world.enterprises["a2"], e_service_consent=True),
        ],
        claims=claims or [services.ClaimInput(ClaimKind.WAGES, "支付拖欠工资", "12000")],
        documents=kw.pop("documents", ["仲裁申请书", "身份证复印件"]),
        filed_on=day,
        **kw,
    )


def accepted(world: Any, arb: dict[str, Any], *, day: dt.date = dt.date(2026, 3, 2), **kw: Any) -> Dispute:
    dispute = file(world, arb, day=day, **kw)
    services.dispute_accept(actor=arb["clerk"], dispute=dispute, on=day)
    return dispute


def docx_text(content: bytes) -> str:
    """The paragraphs and table cells of a .docx, for asserting what a document says."""
    doc = Document(BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)
