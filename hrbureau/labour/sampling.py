"""Stratified random samples of enterprises for surveys (抽样调查), reproducible and auditable.

The frame is every active enterprise, each in the stratum its street, industry section and size class
put it in (the strata chosen). The sample size is allocated to the strata in proportion to their size
(largest remainder: every stratum gets the whole part of its share, the rest go one by one to the
largest fractions, ties by stratum). Within a stratum the enterprises drawn are those whose
``SHA-256(seed:id)`` is smallest — a rule anyone can re-check with the seed and a spreadsheet, that
does not depend on the order of the frame or on a programming language's random generator.

The frame is kept with the sample (compressed), so the same draw can be made again later, whatever has
changed in the registry since, and ``redraw`` proves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.models import CaseEvent
from hrbureau.core.scoping import may_see
from hrbureau.core.workflow import transition
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import StratumField, SurveyState
from hrbureau.labour.models import Sample, SampleMember
from hrbureau.labour.workflows import SURVEYS

MAX_SEED = 2**62
Frame = list[tuple[int, str]]  # (enterprise id, stratum), by id


@dataclass(frozen=True)
class Draw:
    members: list[tuple[int, str]]
    allocation: dict[str, int]
    frame_digest: str
    members_digest: str


def stratum_of(values: dict[str, Any], strata: Sequence[str]) -> str:
    return "|".join(f"{name}={values.get(name) if values.get(name) is not None else ''}" for name in strata)


def frame(strata: Sequence[str]) -> Frame:
    """Every active enterprise with its stratum, by id: one query."""
    columns = [f"{name}_id" if name == StratumField.STREET else name for name in strata]
    rows = (
        Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).order_by("id").values_list("id", *columns)
    )
    return [(row[0], stratum_of(dict(zip(strata, row[1:], strict=True)), strata)) for row in rows]


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation by largest remainder; sums to exactly ``n`` (≤ the population)."""
    total = sum(sizes.values())
    shares = {s: n * size / total for s, size in sizes.items()} if total else {}
    allocation = {s: int(share) for s, share in shares.items()}
    left = n - sum(allocation.values())
    for s in sorted(shares, key=lambda s: (-(shares[s] - allocation[s]), s))[:left]:
        allocation[s] += 1
    return allocation


def _rank(seed: int, enterprise_id: int) -> bytes:
    return hashlib.sha256(f"{seed}:{enterprise_id}".encode()).digest()


def _digest(ids: Sequence[Any]) -> str:
    return hashlib.sha256("\n".join(map(str, ids)).encode()).hexdigest()


def draw(population: Frame, n: int, seed: int) -> Draw:
    """The sample of ``n`` from ``population`` for ``seed`` (see the module docstring)."""
    by_stratum: dict[str, list[int]] = defaultdict(list)
    for enterprise_id, stratum in population:
        by_stratum[stratum].append(enterprise_id)
    allocation = allocate({s: len(ids) for s, ids in by_stratum.items()}, n)
    members: list[tuple[int, str]] = []
    for stratum in sorted(by_stratum):
        chosen = sorted(by_stratum[stratum], key=lambda i: _rank(seed, i))[: allocation[stratum]]
        members.extend((i, stratum) for i in sorted(chosen))
    return Draw(
        members=members,
        allocation={s: k for s, k in sorted(allocation.items()) if k},
        frame_digest=_digest([f"{i}:{s}" for i, s in sorted(population)]),
        members_digest=_digest(sorted(i for i, _s in members)),
    )


def _pack(population: Frame) -> bytes:
    return zlib.compress("\n".join(f"{i}\t{s}" for i, s in population).encode(), 9)


def _unpack(blob: bytes) -> Frame:
    text = zlib.decompress(blob).decode()
    return [(int(i), s) for i, s in (line.split("\t", 1) for line in text.splitlines())] if text else []


@transaction.atomic
def sample_draw(*, actor: Any, name: str, size: Any, seed: Any, strata: Sequence[str]) -> Sample:
    """Draw and keep a sample: its members become survey tasks for the grids they lie in."""
    if actor is None or not actor.has_perm("labour.plan_inspection"):
        raise PermissionDenied("labour.plan_inspection")
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the sample a name.")]
    chosen = list(dict.fromkeys(strata))
    if any(s not in StratumField.values for s in chosen):
        errors["strata"] = [_("Stratify by street, industry section or size class.")]
    n = _whole(size, "size", errors, _("The sample size must be a whole number of at least 1."))
    seed_value = _whole(seed, "seed", errors, _("The seed must be a whole number."), minimum=0)
    if seed_value >= MAX_SEED:
        errors["seed"] = [_("The seed must be a whole number.")]
    if errors:
        raise ValidationError(errors)
    population = frame(chosen)
    if n > len(population):
        raise ValidationError(
            {
                "size": [
                    _("The sample cannot be larger than the %(n)d active enterprises.")
                    % {"n": len(population)}
                ]
            }
        )
    result = draw(population, n, seed_value)
    sample = Sample.objects.create(
        name=name[:200],
        size=n,
        seed=seed_value,
        strata=chosen,
        population=len(population),
        population_digest=result.frame_digest,
        members_digest=result.members_digest,
        allocation=result.allocation,
        frame=_pack(population),
        created_by=actor,
    )
    places = {
        row[0]: row[1:]
        for row in Enterprise.objects.filter(pk__in=[i for i, _s in result.members]).values_list(
            "id", "street_id", "grid_id"
        )
    }
    members = SampleMember.objects.bulk_create(
        SampleMember(
            sample=sample,
            enterprise_id=i,
            stratum=stratum,
            street_id=places[i][0],
            grid_id=places[i][1],
            state=SurveyState.PENDING,
            # The grid it lies in visits it (the street, where no grid is recorded).
            assigned_unit_id=places[i][1] or places[i][0],
        )
        for i, stratum in result.members
    )
    if any(m.pk is None for m in members):  # a database that does not return the new ids
        members = list(SampleMember.objects.filter(sample=sample).only("id"))
    # Each task's first event, as ``create_case`` writes for one case: drawn, with the sample.
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_type=SURVEYS.label,
            case_id=m.pk,
            name="create",
            from_state="",
            to_state=SurveyState.PENDING,
            actor=actor,
            actor_name=actor.get_full_name()[:150],
            data={"sample": sample.pk},
        )
        for m in members
    )
    return sample


def _whole(value: Any, field: str, errors: dict[str, list[str]], message: str, *, minimum: int = 1) -> int:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or len(text) > 19 or int(text) < minimum:
        errors[field] = [message]
        return 0
    return int(text)


@dataclass(frozen=True)
class Redraw:
    reproduced: bool  # the kept frame and seed give exactly the members kept
    frame_intact: bool  # the kept frame still has the fingerprint recorded at the draw
    changed_since: int  # enterprises that entered, left or changed stratum in the registry since
    code: str  # the verification code of the draw made again


def verification_code(population_digest: str, members_digest: str) -> str:
    """The sample's verification code, short enough to read out and print ("3F2A-91C0-7B5E"): a digest of
    the frame and of the enterprises drawn. A draw made again from the same frame and seed gives the same
    code; any change to the frame or to the members gives another."""
    both = hashlib.sha256(f"{population_digest}:{members_digest}".encode()).hexdigest()[:12].upper()
    return "-".join(both[i : i + 4] for i in range(0, 12, 4))


def redraw(sample: Sample) -> Redraw:
    """Make the draw again from the kept frame and seed, and compare with what was kept."""
    population = _unpack(bytes(sample.frame))
    result = draw(population, sample.size, sample.seed)
    kept = sorted(sample.members.values_list("enterprise_id", flat=True))
    now = set(frame(sample.strata))
    return Redraw(
        reproduced=result.members_digest == sample.members_digest == _digest(kept),
        frame_intact=result.frame_digest == sample.population_digest,
        changed_since=len(now.symmetric_difference(population)),
        code=verification_code(result.frame_digest, _digest(kept)),
    )


@SURVEYS.performs("survey", case="member", state=SurveyState.DONE)
@SURVEYS.performs("unreachable", case="member", state=SurveyState.UNREACHABLE)
def survey_record(
    *, actor: Any, member: SampleMember, state: str, note: str = "", on: Any = None
) -> SampleMember:
    """Record the survey visit of one sampled enterprise (done, or could not be surveyed, with why):
    a transition of its task, version-checked and written as an event."""
    if actor is None or not actor.has_perm("labour.survey_sample") or not may_see(actor, member):
        raise PermissionDenied("labour.survey_sample")
    errors: dict[str, list[str]] = {}
    if state not in (SurveyState.DONE, SurveyState.UNREACHABLE):
        errors["state"] = [_("Say whether the enterprise was surveyed.")]
    note = (note or "").strip()[:500]
    if state == SurveyState.UNREACHABLE and not note:
        errors["note"] = [_("Say why the enterprise could not be surveyed.")]
    day = on if isinstance(on, dt.date) else timezone.localdate()
    if day > timezone.localdate():
        errors["on"] = [_("The day cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    transition(
        member,
        "survey" if state == SurveyState.DONE else "unreachable",
        actor=actor,
        reason=note if state == SurveyState.UNREACHABLE else "",
        data={"on": day, "note": note},
        fields={"note": note, "surveyed_on": day, "surveyed_by": actor},
    )
    return member


@SURVEYS.performs("reopen", case="member")
def survey_reopen(*, actor: Any, member: SampleMember, reason: str) -> SampleMember:
    """A survey recorded by mistake goes back to the grid's tasks (the planner's correction)."""
    transition(
        member,
        "reopen",
        actor=actor,
        reason=reason,
        fields={"note": "", "surveyed_on": None, "surveyed_by": None},
    )
    return member
