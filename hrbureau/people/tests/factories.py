from __future__ import annotations

import datetime as dt
import random

import factory

from hrbureau.core.identifiers import birth_date_from_id, gender_from_id, generate_resident_id
from hrbureau.people.models import Person

_rng = random.Random(11)


def _new_id() -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=_rng.randint(0, 365 * 35))
    return generate_resident_id(_rng, address="440306", birth_date=birth, male=_rng.random() < 0.5)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    id_number = factory.LazyFunction(_new_id)
    name = factory.Sequence(lambda n: f"测试{n}")
    gender = factory.LazyAttribute(lambda o: gender_from_id(o.id_number))
    birth_date = factory.LazyAttribute(lambda o: birth_date_from_id(o.id_number))
    phone = factory.Sequence(lambda n: f"138{n:08d}")
