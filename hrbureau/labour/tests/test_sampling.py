"""Survey samples: proportional allocation by largest remainder, the same seed the same sample, the
draw repeated from the kept frame after the registry changed, and bad input refused."""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.labour import sampling
from hrbureau.labour.choices import SurveyState
from hrbureau.labour.models import Sample, SampleMember


def test_allocation_is_proportional_by_largest_remainder() -> None:
    # 10 from 50 / 30 / 20: shares 5, 3, 2 exactly.
    assert sampling.allocate({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    # 7 from 5 / 3 / 2 → shares 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left to the largest fraction.
    assert sampling.allocate({"a": 5, "b": 3, "c": 2}, 7) == {"a": 4, "b": 2, "c": 1}
    # Equal fractions: the tie goes by stratum name.
    assert sampling.allocate({"x": 1, "y": 1}, 1) == {"x": 1, "y": 0}


@given(
    sizes=st.dictionaries(
        st.text(alphabet="abcdef", min_size=1, max_size=3), st.integers(1, 400), min_size=1, max_size=12
    ),
    fraction=st.floats(0, 1),
)
@settings(max_examples=200, deadline=None)
def test_allocation_sums_to_n_and_stays_within_one_of_the_share(
    sizes: dict[str, int], fraction: float
) -> None:
    total = sum(sizes.values())
    n = int(total * fraction)
    allocation = sampling.allocate(sizes, n)
    assert sum(allocation.values()) == n
    for stratum, size in sizes.items():
        share = n * size / total
        assert int(share) <= allocation[stratum] <= int(share) + 1
        assert allocation[stratum] <= size


def _frame(n: int, strata: int, seed: int = 0) -> list[tuple[int, str]]:
    rng = random.Random(seed)
    return [(i, f"s{rng.randrange(strata)}") for i in range(1, n + 1)]


def test_the_same_seed_draws_the_same_sample_whatever_the_order_of_the_frame() -> None:
    frame = _frame(500, 4)
    first = sampling.draw(frame, 60, 20261129)
    shuffled = list(frame)
    random.Random(1).shuffle(shuffled)
    again = sampling.draw(shuffled, 60, 20261129)
    assert first.members == again.members
    assert first.members_digest == again.members_digest
    assert first.frame_digest == again.frame_digest
    other = sampling.draw(frame, 60, 20261130)
    assert set(first.members) != set(other.members)


def test_within_a_stratum_the_smallest_hashes_are_drawn() -> None:
    frame = _frame(200, 3)
    result = sampling.draw(frame, 30, 7)
    counts = Counter(s for _i, s in frame)
    assert result.allocation == sampling.allocate(dict(counts), 30)
    for stratum, k in result.allocation.items():
        ids = [i for i, s in frame if s == stratum]
        expected = sorted(sorted(ids, key=lambda i: hashlib.sha256(f"7:{i}".encode()).digest())[:k])
        assert [i for i, s in result.members if s == stratum] == expected


def test_stratum_proportions_follow_the_population(world: Any, lab: dict[str, Any]) -> None:
    streets = [world.units["street-a"], world.units["street-b"]]
    for i in range(96):
        EnterpriseFactory(street=streets[i % 3 == 0], size_class="small" if i % 2 else "micro")
    population = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
    n = population.count() // 4
    sample = sampling.sample_draw(
        actor=lab["staff"], name="2026年企业用工调查", size=n, seed=42, strata=["street", "size_class"]
    )
    assert sample.members.count() == n == sample.size
    assert sum(sample.allocation.values()) == n
    by_stratum = Counter(sample.members.values_list("stratum", flat=True))
    sizes = Counter(
        sampling.stratum_of({"street": s, "size_class": c}, ["street", "size_class"])
        for s, c in population.values_list("street_id", "size_class")
    )
    for stratum, drawn in by_stratum.items():
        share = n * sizes[stratum] / sum(sizes.values())
        assert int(share) <= drawn <= int(share) + 1
    # Survey tasks land in the grids of the enterprises drawn.
    member = sample.members.select_related("enterprise").first()
    assert member is not None
    assert member.grid_id == member.enterprise.grid_id
    assert member.state == SurveyState.PENDING


def test_the_draw_is_made_again_from_the_kept_frame_after_the_registry_changed(
    world: Any, lab: dict[str, Any]
) -> None:
    for _ in range(40):
        EnterpriseFactory(street=world.units["street-a"])
    sample = sampling.sample_draw(actor=lab["staff"], name="抽样", size=10, seed=99, strata=["street"])
    kept = set(sample.members.values_list("enterprise_id", flat=True))
    # The registry moves on: new enterprises, one deregistered.
    for _ in range(5):
        EnterpriseFactory(street=world.units["street-b"])
    Enterprise.objects.filter(pk=next(iter(kept))).update(status=EnterpriseStatus.DEREGISTERED)
    check = sampling.redraw(sample)
    assert check.reproduced
    assert check.frame_intact
    assert check.changed_since == 6
    # A tampered frame or member list is found out.
    SampleMember.objects.filter(sample=sample).order_by("id").first().delete()  # type: ignore[union-attr]
    assert not sampling.redraw(Sample.objects.get(pk=sample.pk)).reproduced


def test_a_bad_draw_is_refused_and_writes_nothing(world: Any, lab: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        sampling.sample_draw(actor=lab["staff"], name=" ", size="0", seed="-1", strata=["colour"])
    assert set(refused.value.message_dict) == {"name", "size", "seed", "strata"}
    active = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).count()
    with pytest.raises(ValidationError, match=f"larger than the {active} active"):
        sampling.sample_draw(actor=lab["staff"], name="x", size=active + 1, seed=1, strata=[])
    with pytest.raises(PermissionDenied):
        sampling.sample_draw(actor=lab["grid"], name="x", size=1, seed=1, strata=[])
    assert not Sample.objects.exists()


def test_survey_visits_are_recorded_in_ones_own_grid(world: Any, lab: dict[str, Any]) -> None:
    sample = sampling.sample_draw(actor=lab["staff"], name="全区", size=4, seed=3, strata=[])
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    other = sample.members.get(enterprise=world.enterprises["b1"])
    with pytest.raises(ValidationError, match="why"):
        sampling.survey_record(actor=lab["grid"], member=mine, state=SurveyState.UNREACHABLE)
    sampling.survey_record(actor=lab["grid"], member=mine, state=SurveyState.DONE, note="已填问卷")
    mine.refresh_from_db()
    assert (mine.state, mine.surveyed_by) == (SurveyState.DONE, lab["grid"])
    with pytest.raises(PermissionDenied):
        sampling.survey_record(actor=lab["grid"], member=other, state=SurveyState.DONE)


def test_the_sample_pages_explain_the_check_in_plain_words(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    """Staff are shown a short verification code and how anyone can check the draw — no hash name, no
    64-character digest."""
    sample = sampling.sample_draw(actor=lab["staff"], name="全区抽样", size=3, seed=7, strata=[])
    client.force_login(lab["staff"])
    for language in ("zh-hans", "en"):
        client.cookies["hrbureau_language"] = language
        for url in (
            "/labour/samples/",
            f"/labour/samples/{sample.pk}/",
            f"/labour/samples/{sample.pk}/?verify=1",
        ):
            page = client.get(url).content.decode()
            assert not re.search(r"sha-?256|fingerprint|哈希|指纹", page, re.I), (language, url)
            assert sample.members_digest not in page
            assert sample.population_digest not in page
    page = client.get(f"/labour/samples/{sample.pk}/").content.decode()
    code = sample.verification_code
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    assert f'data-testid="verification-code">{code}<' in page
    assert "How anyone can check that the draw was fair" in page
    again = client.get(f"/labour/samples/{sample.pk}/?verify=1").content.decode()
    assert f"exactly the same enterprises, verification code {code}." in again
    # The code changes with the members drawn
    assert sampling.redraw(sample).code == code
    SampleMember.objects.filter(sample=sample).order_by("id").first().delete()  # type: ignore[union-attr]
    assert sampling.redraw(Sample.objects.get(pk=sample.pk)).code != code
