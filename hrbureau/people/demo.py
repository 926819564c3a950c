"""Demo people with valid resident ID numbers (generated, not real), resident in the demo streets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hrbureau.accounts.selectors import grid_places
from hrbureau.core import demotext
from hrbureau.core.bulk import bulk_insert
from hrbureau.core.demo import DemoContext
from hrbureau.core.identifiers import birth_date_from_id, gender_from_id, generate_resident_id
from hrbureau.core.textsearch import bulk_insert_indexing
from hrbureau.people.choices import Education, EmploymentStatus
from hrbureau.people.models import Person

# Household-registration areas: the district itself and the provinces its workers come from
# (including the east–west cooperation counties in Guangxi).
HUKOU = [
    ("440306", "广东省深圳市示范区", 30),
    ("441581", "广东省汕尾市陆丰市", 8),
    ("452723", "广西壮族自治区河池市都安县", 6),
    ("452726", "广西壮族自治区河池市大化县", 5),
    ("452729", "广西壮族自治区河池市环江县", 4),
    ("430524", "湖南省邵阳市隆回县", 8),
    ("360731", "江西省赣州市于都县", 6),
    ("421182", "湖北省黄冈市武穴市", 6),
    ("511621", "四川省广安市岳池县", 6),
    ("411526", "河南省信阳市潢川县", 6),
    ("445221", "广东省揭阳市揭东区", 5),
    ("350583", "福建省泉州市南安市", 4),
]
COLUMNS = [
    "id_number", "name", "gender", "birth_date", "phone", "hukou_address", "residence_address", "street_id",
    "community_id", "grid_id", "education", "employment_status", "created_at", "updated_at",
]  # fmt: skip
EDUCATION_WEIGHTS = {
    Education.JUNIOR: 22,
    Education.SENIOR: 28,
    Education.COLLEGE: 20,
    Education.BACHELOR: 22,
    Education.MASTER: 6,
    Education.DOCTOR: 1,
    Education.PRIMARY: 1,
}
STATUS_WEIGHTS = {
    EmploymentStatus.EMPLOYED: 70,
    EmploymentStatus.SELF_EMPLOYED: 10,
    EmploymentStatus.UNEMPLOYED: 8,
    EmploymentStatus.STUDENT: 6,
    EmploymentStatus.RETIRED: 4,
    EmploymentStatus.OTHER: 2,
}


def seed(ctx: DemoContext) -> None:
    # Identifiers from a generator of their own (see enterprises.demo): how names and addresses are
    # written may change without changing who exists.
    ids, rng = ctx.rng("people:id"), ctx.rng("people")
    fake = ctx.faker("people")
    places = grid_places()
    if Person.objects.exists():
        # The demo fills an empty registry; one that has rows (an earlier demo, an import) is left as it is.
        return
    existing: set[str] = set()
    rows: list[list[object]] = []
    now = timezone.now()
    areas = [h[:2] for h in HUKOU]
    weights = [h[2] for h in HUKOU]
    for _ in range(ctx.people):
        code, place = ids.choices(areas, weights)[0]
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=ids.randint(0, 365 * 46))
        male = ids.random() < 0.54
        id_number = generate_resident_id(ids, address=code, birth_date=birth, male=male)
        grid, community, street = rng.choice(places)
        name = fake.name_male() if male else fake.name_female()
        phone = f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"
        hukou = (
            demotext.rural_address(rng, place)
            if code != "440306"
            else demotext.home_address(rng, street.name)
        )
        residence = demotext.home_address(rng, street.name)
        education = rng.choices(list(EDUCATION_WEIGHTS), list(EDUCATION_WEIGHTS.values()))[0]
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        # Everything random is drawn before this check, so a rerun walks the same sequence.
        if id_number in existing:
            continue
        existing.add(id_number)
        rows.append(
            [
                id_number, name, gender_from_id(id_number), birth_date_from_id(id_number), phone, hukou,
                residence, street.pk, community.pk, grid.pk, education, status, now, now,
            ]
        )  # fmt: skip
    # Written the way an import writes a registry (core.bulk, the search index filled in one statement).
    with bulk_insert_indexing(Person.text_index):
        bulk_insert(Person, COLUMNS, rows)
    ctx.count("people", len(rows))


def bind_demo_users(ctx: DemoContext) -> None:
    """The demo's citizen login speaks for the first person of the register with no account. (``accounts.demo`` made the login
    unbound: accounts lies below the registries and names neither.)"""
    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.demo import DEMO_USERS
    from hrbureau.accounts.models import User

    usernames = [username for username, role, _unit, _name in DEMO_USERS if role == Role.INDIVIDUAL]
    for user in User.objects.filter(username__in=usernames).select_related("person"):
        if user.person is None:
            user.person = Person.objects.filter(user__isnull=True).order_by("id").first()
            if user.person is None:
                continue
            user.save(update_fields=["person"])
        record = user.person
        ctx.login_at(user.username, record.name)
