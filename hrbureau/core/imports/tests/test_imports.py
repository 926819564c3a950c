"""The generic import on real xlsx and csv files written by the tests, with every kind of dirty cell."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from hrbureau.core.imports import engine, services
from hrbureau.core.imports.spec import date_cell, get_spec
from hrbureau.core.models import EditRecord, ImportJob
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.people.models import Person

VALID = ["91350100M000100Y43", "914403068B6JGEKR8R", "91440306FWX9WYUNG7", "91440306M1R1Q864E8"]


def xlsx_bytes(header: list[Any], rows: list[list[Any]]) -> bytes:
    """A spreadsheet as an office clerk makes one: numbers as numbers, dates as date cells."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("导出数据")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            elif value is not None:
                sheet.write_string(r, c, value)
    workbook.close()
    return buffer.getvalue()


def upload(
    world: Any,
    spec_key: str,
    content: bytes,
    *,
    name: str = "data.xlsx",
    mode: str = "reject",
    user: str = "dept_staff",
    header_row: int | None = None,
) -> ImportJob:
    spec = get_spec(spec_key)
    assert spec is not None
    return services.import_job_create(
        actor=world.users[user],
        spec=spec,
        upload=SimpleUploadedFile(name, content),
        mode=mode,
        header_row=header_row,
    )


def commit(world: Any, job: ImportJob, user: str = "dept_staff") -> ImportJob:
    return services.import_job_commit(actor=world.users[user], job=job)


@contextlib.contextmanager
def write_failing_on_call(spec: Any, failing_call: int, error: Exception) -> Iterator[dict[str, int]]:
    """The spec's batch writer raises ``error`` on its ``failing_call``-th call; the calls are counted."""
    calls = {"n": 0}
    original = spec.write

    def failing_write(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise error
        return original(*args)

    object.__setattr__(spec, "write", failing_write)  # the spec is a frozen dataclass
    try:
        yield calls
    finally:
        object.__setattr__(spec, "write", original)


ENTERPRISE_HEADER = [
    "* 社会信用代码",
    "企业名称（必填）",
    "所属街道",
    "成立日期",
    "从业人数",
    "登记状态",
    "行业门类",
    "企业规模",
]


def test_a_clean_file_with_chinese_synonym_headers(world: Any) -> None:
    rows = [
        [VALID[0], "甲科技有限公司", "东湖街道", dt.date(2020, 5, 6), 12.0, "在营", "制造业", "小型"],
        [VALID[1], "乙贸易有限公司", "西岭街道", "2021/7/1", "300", "存续", "F", "中型"],
    ]
    job = upload(world, "enterprises", xlsx_bytes(ENTERPRISE_HEADER, rows))
    assert job.status == ImportJob.Status.UPLOADED
    assert job.total_rows == 2
    assert sorted(job.header_map.values()) == sorted(
        [
            "uscc",
            "name",
            "street",
            "registration_date",
            "employees",
            "status",
            "industry_section",
            "size_class",
        ]
    )
    job = commit(world, job)
    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (2, 2, 0, 0)
    first = Enterprise.objects.get(uscc=VALID[0])
    assert first.name == "甲科技有限公司"
    assert first.street == world.units["street-a"]
    assert first.registration_date == dt.date(2020, 5, 6)
    assert first.employees == 12
    assert (first.status, first.industry_section, first.size_class) == ("active", "C", "small")
    assert Enterprise.objects.get(uscc=VALID[1]).registration_date == dt.date(2021, 7, 1)
    record = EditRecord.objects.get(object_id=str(first.pk))
    assert (record.source, record.created, record.reference) == ("import", True, f"import:{job.pk}")


def test_dirty_cells_are_cleaned_or_rejected_with_reasons(world: Any) -> None:
    EnterpriseFactory(uscc=VALID[3], name="已存在的企业")
    rows = [
        [
            "９１３５０１００ｍ０００１００ｙ４３",
            "  全角 代码\u3000公司  ",
            "东湖街道",
            44927,
            8,
            "",
            "",
            "",
        ],  # full width, spaces, serial date
        [VALID[1], "", "东湖街道", None, None, "", "", ""],  # name missing
        ["91440306FWX9WYUNG8", "校验位错误公司", "", None, None, "", "", ""],  # wrong check character
        [9.14403e17, "科学计数法公司", "", None, None, "", "", ""],  # the code became a number
        [VALID[2], "街道不存在公司", "火星街道", None, None, "", "", ""],  # unknown street
        [VALID[2], "成立日期错误公司", "", "2021-02-30", "十二", "", "", ""],  # bad date, bad number
        ["91350100M000100Y43", "重复行公司", "", None, None, "", "", ""],  # duplicate of row 2
        [VALID[3], "库中已有公司", "", None, None, "", "", ""],  # already in the registry
        [None, None, None, None, None, None, None, None],  # a blank row is not a row
    ]
    job = commit(world, upload(world, "enterprises", xlsx_bytes(ENTERPRISE_HEADER, rows)))
    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (8, 1, 0, 7)
    created = Enterprise.objects.get(uscc=VALID[0])
    assert created.name == "全角 代码 公司"
    assert created.registration_date == dt.date(2023, 1, 1)  # Excel serial 44927
    assert not Enterprise.objects.filter(name__in=["科学计数法公司", "重复行公司", "库中已有公司"]).exists()
    assert Enterprise.objects.get(uscc=VALID[3]).name == "已存在的企业"

    sheet = load_workbook(engine.error_path(job)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][0] == "行号"
    assert lines[0][1:-1] == tuple(ENTERPRISE_HEADER)
    assert lines[0][-1] == "原因"
    reasons = {line[0]: line[-1] for line in lines[1:]}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
    assert reasons[3] == "名称: 名称为必填项。"
    assert "校验码应为" in reasons[4]
    assert "数字" in reasons[5]
    assert "15" in reasons[5]
    assert "火星街道" in reasons[6]
    assert "2021-02-30" in reasons[7]
    assert "十二" in reasons[7]
    assert reasons[8] == "与本文件第 2 行重复。"
    assert reasons[9] == "已登记；本次导入设置为拒绝已有记录。"
    # The original cells come back as sent, as text.
    assert lines[2][1:3] == ("91440306FWX9WYUNG8", "校验位错误公司")
    assert lines[3][2] == "科学计数法公司"


def test_update_mode_updates_existing_records_and_records_the_change(world: Any) -> None:
    existing = EnterpriseFactory(uscc=VALID[0], name="旧名称有限公司", employees=5)
    header = ["统一社会信用代码", "企业名称", "从业人数"]
    rows = [
        [VALID[0], "新名称有限公司", 50],
        [VALID[1], "新企业有限公司", 3],
        [VALID[1], "新企业（更名）有限公司", 4],
    ]
    job = commit(world, upload(world, "enterprises", xlsx_bytes(header, rows), mode="update"))
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (3, 1, 2, 0)
    existing.refresh_from_db()
    assert (existing.name, existing.employees) == ("新名称有限公司", 50)
    # The later row of a code updates the record its earlier row created.
    assert Enterprise.objects.get(uscc=VALID[1]).name == "新企业（更名）有限公司"
    change = EditRecord.objects.get(object_id=str(existing.pk), source="import")
    assert change.changes["name"] == ["旧名称有限公司", "新名称有限公司"]
    assert change.changes["employees"] == ["5", "50"]
    # Columns absent from the file are left alone.
    assert existing.industry_section == "C"


def test_missing_required_columns_make_the_file_invalid(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["企业名称", "地址"], [["某公司", "某路"]]))
    assert job.status == ImportJob.Status.INVALID
    assert "统一社会信用代码" in job.message
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="该导入已经开始，或无法导入。"):
        commit(world, job)
    assert not Enterprise.objects.filter(uscc__in=VALID).exists()


def test_a_file_of_another_kind_is_refused(world: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"请上传 \.xlsx"):
        upload(world, "enterprises", b"hello", name="data.txt")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("data.xlsx", b"this is not a spreadsheet", "无法作为电子表格读取"), ("data.csv", b"", "文件是空的。")],
)
def test_unreadable_files_are_kept_as_invalid_jobs_with_the_reason(
    world: Any, name: str, content: bytes, message: str
) -> None:
    job = upload(world, "enterprises", content, name=name)
    assert job.status == ImportJob.Status.INVALID
    assert message in job.message


def test_people_import_rejects_ids_mangled_into_scientific_notation(world: Any) -> None:
    header = ["姓名", "身份证号码", "手机号码", "学历", "就业状态"]
    rows = [
        ["张三", "11010519491231002x", "138 1234 5678", "本科", "就业"],
        ["李四", 4.40301199001011e17, "13912345678", "", ""],
        ["王五", "4.40301E+17", "", "", ""],
        ["赵六", "110105194912310021", "", "", ""],
        ["钱七", "44030619900101123X", "12345", "", ""],
    ]
    job = commit(world, upload(world, "people", xlsx_bytes(header, rows)))
    assert (job.total_rows, job.created_count, job.rejected_count) == (5, 1, 4)
    person = Person.objects.get(name="张三")
    assert person.id_number == "11010519491231002X"
    assert (person.gender, person.birth_date, person.phone, person.education) == (
        "female",
        dt.date(1949, 12, 31),
        "13812345678",
        "bachelor",
    )
    assert not Person.objects.filter(name__in=["李四", "王五"]).exists()
    lines = list(load_workbook(engine.error_path(job)).active.iter_rows(values_only=True))
    reasons = {line[1]: line[-1] for line in lines[1:]}
    assert "科学计数法" in reasons["王五"]
    assert "15 位有效数字" in reasons["李四"]
    assert "校验码" in reasons["赵六"]


def test_csv_in_gb18030_as_excel_on_chinese_windows_writes_it(world: Any) -> None:
    text = f"统一社会信用代码,企业名称,成立日期\r\n{VALID[0]},逗号分隔有限公司,2019年3月8日\r\n"
    job = commit(world, upload(world, "enterprises", text.encode("gb18030"), name="导出.csv"))
    assert job.created_count == 1
    assert Enterprise.objects.get(uscc=VALID[0]).registration_date == dt.date(2019, 3, 8)


def test_an_error_while_writing_leaves_nothing_behind(world: Any, monkeypatch: Any) -> None:
    spec = get_spec("enterprises")
    assert spec is not None
    rows = [[VALID[i], f"企业{i}有限公司"] for i in range(3)]
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], rows))
    monkeypatch.setattr(engine, "WRITE_CHUNK", 1)
    with write_failing_on_call(spec, 2, OSError("disk full")):
        job = commit(world, job)
    assert job.status == ImportJob.Status.FAILED
    assert "disk full" in job.message
    assert not Enterprise.objects.filter(uscc__in=VALID).exists()
    assert not EditRecord.objects.exists()


def test_preview_classifies_rows_without_writing(world: Any, client_for: Any) -> None:
    EnterpriseFactory(uscc=VALID[1])
    rows = [[VALID[0], "预览有限公司"], [VALID[1], "已存在有限公司"], ["坏代码", "坏代码公司"]]
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], rows))
    page = client_for("dept_staff").get(f"/imports/jobs/{job.pk}/")
    body = page.content.decode()
    assert 'data-preview-row="2" data-action="create"' in body
    assert 'data-preview-row="3" data-action="reject"' in body
    assert 'data-preview-row="4" data-action="reject"' in body
    assert list(Enterprise.objects.filter(uscc__in=VALID).values_list("uscc", flat=True)) == [VALID[1]]


def test_a_large_file_runs_in_the_background_with_progress(
    world: Any, settings: Any, monkeypatch: Any
) -> None:
    import random

    from hrbureau.core.identifiers import generate_uscc

    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 5)
    rng = random.Random(99)
    rows = [[generate_uscc(rng), f"后台导入{i}有限公司"] for i in range(40)]
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], rows))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
        job = commit(world, job)
    assert job.status == ImportJob.Status.QUEUED
    assert engine.get_progress(job.pk)["phase"] == "queued"
    assert not Enterprise.objects.filter(name__startswith="后台导入").exists()
    # The job waits in the task queue for the worker (the real worker is driven in test_worker_kill).
    from django_tasks_db.models import DBTaskResult

    from hrbureau.core.imports.tasks import run_import

    queued = DBTaskResult.objects.get(task_path="hrbureau.core.imports.tasks.run_import")
    assert queued.args_kwargs == {"args": [job.pk], "kwargs": {}}
    run_import.call(job.pk)  # what the worker runs
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 40
    progress = engine.get_progress(job.pk)
    assert progress is not None
    assert (progress["phase"], progress["done"], progress["total"]) == ("done", 40, 40)


def test_only_the_uploader_starts_an_import(world: Any) -> None:
    from django.core.exceptions import PermissionDenied

    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [[VALID[0], "某公司"]]))
    with pytest.raises(PermissionDenied):
        services.import_job_commit(actor=world.users["dept_head"], job=job)


def test_the_same_import_through_the_api(world: Any) -> None:
    from hrbureau.accounts.services import api_token_create

    token = api_token_create(user=world.users["integration"])
    content = xlsx_bytes(
        ["统一社会信用代码", "企业名称"], [[VALID[0], "接口导入有限公司"], ["bad", "坏公司"]]
    )
    client = Client()
    response = client.post(
        "/api/v1/imports/enterprises",
        {"file": SimpleUploadedFile("firms.xlsx", content), "mode": "reject", "commit": "true"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["total_rows"], body["created_count"], body["rejected_count"]) == (
        "done",
        2,
        1,
        1,
    )
    assert body["has_error_file"] is True
    errors = client.get(
        f"/api/v1/imports/jobs/{body['id']}/errors", headers={"Authorization": f"Bearer {token}"}
    )
    assert errors.status_code == 200
    lines = list(
        load_workbook(io.BytesIO(b"".join(errors.streaming_content))).active.iter_rows(values_only=True)
    )
    assert lines[1][1] == "bad"
    assert Enterprise.objects.get(uscc=VALID[0]).name == "接口导入有限公司"


def test_the_template_has_the_columns(world: Any, client_for: Any) -> None:
    response = client_for("dept_staff").get("/imports/people/template.xlsx")
    header = next(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert header[0] == "身份证号码*"
    assert "姓名*" in header


def test_files_live_outside_the_web_root(world: Any, settings: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [[VALID[0], "某公司"]]))
    stored = engine.job_path(job)
    assert stored.exists()
    assert Path(settings.PRIVATE_FILES_ROOT) in stored.parents
    assert not str(stored).startswith(str(settings.STATIC_ROOT))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2022-07-01", dt.date(2022, 7, 1)),
        ("２０２２-０７-０１", dt.date(2022, 7, 1)),
        (" 2022-07-01 ", dt.date(2022, 7, 1)),
        ("2022/7/1", dt.date(2022, 7, 1)),
        ("2022年7月1日", dt.date(2022, 7, 1)),
        ("20220701", dt.date(2022, 7, 1)),
        (44743, dt.date(2022, 7, 1)),
        ("2022-07-01 08:30:00", dt.date(2022, 7, 1)),
    ],
)
def test_date_cells_in_the_ways_spreadsheets_write_them(cell: Any, expected: dt.date) -> None:
    assert date_cell(cell) == expected


@pytest.mark.parametrize("cell", ["2022-13-01", "2021-02-29", "2022-W01-1", "2022-07", "七月一日"])
def test_date_cells_that_are_not_dates_are_refused(cell: str) -> None:
    with pytest.raises(ValidationError):
        date_cell(cell)
