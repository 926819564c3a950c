from __future__ import annotations

import random

import factory

from hrbureau.core.identifiers import generate_uscc
from hrbureau.enterprises.models import Enterprise

_rng = random.Random(7)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.LazyFunction(lambda: generate_uscc(_rng))
    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    legal_representative = "张三"
    registered_address = factory.Sequence(lambda n: f"示范区测试路{n}号")
    industry_section = "C"
    industry_division = "39"
    size_class = "small"
    employees = 50
