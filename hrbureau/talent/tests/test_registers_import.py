"""The import of contest entrants and results from a sheet as organisers send it (a title row and a note
above the header, the header in their words, ranks as numbers and as text, a total row): each row adds or
updates the entrant and records its result in the round; a row for an unknown contest or round, or with a
rank that is no rank, is rejected with its reason; rows in = imported + rejected + skipped; importing the
same sheet again updates and adds nothing."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from hrbureau.core.imports import services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.models import ImportJob
from hrbureau.talent import registers
from hrbureau.talent.registers_imports import rank_of
from hrbureau.talent.registers_models import ContestEntrant, ContestRound, RoundResult, TalentContest

HEADER = ["序号", "大赛名称", "分赛场", "参赛项目名称", "团队负责人", "所属领域", "名次", "获奖等级"]


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _sheet(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年国际人才创新创业大赛海外赛区成绩汇总表"])
    sheet.append(["填报单位：大赛组委会办公室"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append(["合计", "", "", "", "", "", "", ""])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import(user: Any, rows: list[list[Any]], mode: str = "reject") -> ImportJob:
    spec = get_spec("contest-entrants")
    assert spec is not None
    job = services.import_job_create(
        actor=user, spec=spec, upload=SimpleUploadedFile("entrants.xlsx", _sheet(rows)), mode=mode
    )
    return services.import_job_commit(actor=user, job=job)


def _contest(world: Any) -> TalentContest:
    staff = world.users["dept_staff"]
    contest = registers.register_save(
        actor=staff, record=TalentContest(), values={"name": "国际人才创新创业大赛", "year": 2026}
    )
    for name, city in (("伦敦赛区", "伦敦"), ("硅谷赛区", "旧金山")):
        registers.register_save(
            actor=staff,
            record=ContestRound(contest=contest),
            values={"name": name, "city": city, "overseas": True, "held_on": dt.date(2026, 3, 1)},
        )
    return contest


def test_entrants_and_their_results_are_imported(world: Any) -> None:
    contest = _contest(world)
    staff = world.users["dept_staff"]
    rows = [
        [1, "国际人才创新创业大赛", "伦敦赛区", "柔性电子皮肤", "高远", "新材料", 1, "一等奖"],
        [2, "国际人才创新创业大赛", "伦敦赛区", "固态电池", "罗晓", "新能源", "2", "二等奖"],  # rank as text
        [
            3,
            "国际人才创新创业大赛",
            "旧金山",
            "柔性电子皮肤",
            "高远",
            "新材料",
            "第一名",
            "优胜奖",
        ],  # the city names the round
        [4, "国际人才创新创业大赛", "东京赛区", "海洋碳汇", "谢宁", "环保", 3, ""],  # no such round
        [5, "不存在的大赛", "伦敦赛区", "某项目", "某人", "", 1, ""],  # no such contest
        [6, "国际人才创新创业大赛", "硅谷赛区", "工业视觉", "邓超", "", "前三", ""],  # not a rank
    ]
    job = _import(staff, rows)
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.created_count, job.rejected_count, job.skipped_count) == (3, 3, 1)  # the total row skipped
    entrants = {e.project: e for e in ContestEntrant.objects.filter(contest=contest)}
    assert set(entrants) == {"柔性电子皮肤", "固态电池"}
    assert entrants["柔性电子皮肤"].results.count() == 2
    london = ContestRound.objects.get(name="伦敦赛区")
    assert RoundResult.objects.get(round=london, entrant=entrants["固态电池"]).rank == 2
    # The same sheet again, with a corrected award: updated, nothing added.
    rows[0][7] = "特等奖"
    again = _import(staff, rows[:3], mode="update")
    assert (again.created_count, again.updated_count, again.rejected_count) == (0, 3, 0)
    assert ContestEntrant.objects.count() == 2
    assert RoundResult.objects.count() == 3
    assert RoundResult.objects.get(round=london, entrant=entrants["柔性电子皮肤"]).award == "特等奖"


def test_ranks_as_offices_write_them() -> None:
    assert [rank_of(v) for v in (1, "1", " 2 ", "第3名", "第一名", "1st", "", None)] == [
        1,
        1,
        2,
        3,
        1,
        1,
        None,
        None,
    ]
    with pytest.raises(ValidationError):
        rank_of("前三")
