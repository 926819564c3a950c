"""The import of a talent contest's entrants and their results (参赛项目及成绩) through the generic import
(``core.imports``): one row per project and round, as contest organisers send them — a title row above
the header, the header in their words, ranks written as numbers or as text (1, "1", 第1名), a total row
at the foot. The contest is named as the register names it (its name, and its year when two years share
a name); the round must be one of the contest's registered rounds. A row adds the entrant if it is new
(or updates its team leader and field) and records its result in the round (replacing an earlier one)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec
from hrbureau.talent import registers
from hrbureau.talent.registers_models import ContestEntrant, ContestRound, RoundResult, TalentContest

SEP = "\x1f"
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def _normal(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def rank_of(value: Any) -> int | None:
    """A rank as written: 1, "1", "第1名", "第一名", "1st"; None when blank; ValidationError otherwise."""
    text = _normal(value)
    if not text:
        return None
    text = re.sub(r"^第|名$|st$|nd$|rd$|th$", "", text)
    if text.isdigit():
        return int(text) or None
    if len(text) == 1 and text in CHINESE_DIGITS and CHINESE_DIGITS[text]:
        return CHINESE_DIGITS[text]
    raise ValidationError(_("%(value)s is not a rank.") % {"value": value})


class EntrantImportContext:
    """The contests by name (and name with year) and their rounds by name, read once per import."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.contests: dict[str, list[TalentContest]] = {}
        for contest in TalentContest.objects.order_by("-year", "-id"):
            self.contests.setdefault(_normal(contest.name), []).append(contest)
        self.rounds = {(r.contest_id, _normal(r.name)): r.pk for r in ContestRound.objects.all()} | {
            (r.contest_id, _normal(r.city)): r.pk for r in ContestRound.objects.all()
        }


def _clean(values: dict[str, Any], context: EntrantImportContext) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    found = context.contests.get(_normal(values.get("contest")), [])
    year = values.get("year")
    if year is not None:
        found = [c for c in found if c.year == year]
    contest = found[0] if found else None
    if contest is None:
        errors["contest"] = [
            _("No contest %(name)s in the register.") % {"name": values.get("contest") or "—"}
        ]
    round_id = None
    if contest is not None:
        round_id = context.rounds.get((contest.pk, _normal(values.get("round"))))
        if round_id is None:
            errors["round"] = [
                _("%(contest)s has no round %(round)s; add the round on the contest's page first.")
                % {"contest": contest, "round": values.get("round") or "—"}
            ]
    rank = None
    try:
        rank = rank_of(values.get("rank"))
    except ValidationError as error:
        errors["rank"] = error.messages
    project = str(values.get("project") or "").strip()
    if not project:
        errors["project"] = [_("Give the project's name.")]
    if errors:
        raise ValidationError(errors)
    assert contest is not None
    assert round_id is not None
    return {
        "contest": contest.pk,
        "round": round_id,
        "project": project[:200],
        "leader": str(values.get("leader") or "").strip()[:100],
        "field": str(values.get("field") or "").strip()[:100],
        "rank": rank,
        "award": str(values.get("award") or "").strip()[:100],
    }


def _key(cleaned: dict[str, Any]) -> str:
    return SEP.join((str(cleaned["contest"]), str(cleaned["round"]), _normal(cleaned["project"])))


def _existing(keys: Sequence[str]) -> dict[str, int]:
    """The results already recorded for these (contest, round, project)s: a row for one updates it."""
    rounds = {int(key.split(SEP)[1]) for key in keys}
    found = {}
    for result in RoundResult.objects.filter(round_id__in=rounds).select_related("entrant"):
        found[
            SEP.join((str(result.entrant.contest_id), str(result.round_id), _normal(result.entrant.project)))
        ] = result.pk
    wanted = set(keys)
    return {key: pk for key, pk in found.items() if key in wanted}


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    rows = creates + [row for _pk, row in updates]
    rounds = ContestRound.objects.in_bulk({row["round"] for row in rows})
    for row in rows:
        entrant = ContestEntrant.objects.filter(contest_id=row["contest"], project=row["project"]).first()
        values = {k: row[k] for k in ("project", "leader", "field") if row[k] or entrant is None}
        if entrant is None:
            entrant = ContestEntrant(contest_id=row["contest"])
        if entrant.pk is None or any(getattr(entrant, k) != v for k, v in values.items()):
            registers.register_save(
                actor=actor,
                record=entrant,
                values=values,
                source="import",
                reference=reference or "",
            )
        registers.result_record(
            actor=actor, round=rounds[row["round"]], entrant=entrant, rank=row["rank"], award=row["award"]
        )
    return BatchResult(created=len(creates), updated=len(updates))


imports.register(
    ImportSpec(
        key="contest-entrants",
        title=gettext_lazy("Contest entrants and results"),
        permission="talent.manage_register",
        columns=(
            Column(
                "contest",
                gettext_lazy("Contest"),
                ("大赛名称", "赛事名称", "大赛", "赛事", "比赛名称"),
                required=True,
            ),
            Column("year", gettext_lazy("Year"), ("年度", "届别年份", "年份"), kind="int"),
            Column(
                "round",
                gettext_lazy("Round"),
                ("分赛场", "赛区", "赛场", "场次", "轮次", "分站赛"),
                required=True,
            ),
            Column(
                "project",
                gettext_lazy("Project"),
                ("项目名称", "参赛项目", "项目", "参赛项目名称"),
                required=True,
            ),
            Column(
                "leader",
                gettext_lazy("Team leader"),
                ("团队负责人", "负责人", "项目负责人", "领队", "队长"),
                required=True,
            ),
            Column("field", gettext_lazy("Field"), ("领域", "所属领域", "行业领域", "技术领域", "组别")),
            Column("rank", gettext_lazy("Rank"), ("名次", "排名", "成绩排名")),
            Column("award", gettext_lazy("Award"), ("奖项", "获奖等级", "获奖情况", "奖励")),
        ),
        key_column="project",
        row_key=_key,
        clean=_clean,
        context=EntrantImportContext,
        existing=_existing,
        write=_write,
        list_url_name="talent:entrants",
    )
)
