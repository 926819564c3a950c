"""Spreadsheets as offices keep them, written as real files and read back through the real reader: a
merged title row, a date or note row and a blank row above the header, the header names and the value
words each office uses, total rows and notes below the table, and rows with several problems."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from typing import Any

import pytest
import xlsxwriter
from django.test import Client
from openpyxl import load_workbook

from hrbureau.core.identifiers import generate_resident_id
from hrbureau.core.imports import engine, services
from hrbureau.core.imports.tests.test_imports import VALID, commit, upload
from hrbureau.core.models import EditRecord, ImportJob
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.people.models import Person


def office_sheet(
    title: str, note: str, header: list[str], rows: list[list[Any]], footer: list[list[Any]]
) -> bytes:
    """A sheet as a district office keeps one: the title merged across the table, a note row (who fills
    it in, the date), a blank row, the header, the rows, then the lines below the table."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Sheet1")
    bold = workbook.add_format({"bold": True, "align": "center", "font_size": 16})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    last = len(header) - 1
    sheet.merge_range(0, 0, 0, last, title, bold)
    sheet.merge_range(1, 0, 1, last, note)
    # row 3 is left blank
    sheet.write_row(3, 0, header)
    line = 4
    for row in [*rows, *footer]:
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(line, column, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, int | float):
                sheet.write_number(line, column, value)
            elif value is not None:
                sheet.write_string(line, column, value)
        line += 1
    workbook.close()
    return buffer.getvalue()


ENTERPRISE_FORM = [
    "序号",
    "单位名称",
    "社会统一信用代码",
    "所属街道",
    "从业人员数（人）",
    "成立时间",
    "企业规模",
    "经营状态",
    "是否重点企业",
]


def enterprise_register() -> bytes:
    rows = [
        [1, "甲科技有限公司", VALID[0], "东湖街道", 12, dt.date(2020, 5, 6), "小型企业", "在业", "√"],
        [2, "乙贸易有限公司", VALID[1], "东湖街道", "300", "2021/7/1", "中", "存续", "×"],
        # Three problems: no name, a wrong check character, a date that does not exist.
        [3, "", "91440306FWX9WYUNG8", "东湖街道", 8, "2021-02-30", "微型", "在业", ""],
    ]
    footer = [
        ["合计", "", "", "", 320, "", "", "", ""],
        ["注：从业人员数为期末人数；企业规模按统计上大中小微型企业划分办法填写。"],
        ["填表人：张三", "", "", "审核人：李四", "", "", "联系电话：0755-12345678"],
    ]
    return office_sheet(
        "2024年东湖街道辖区企业基本情况统计表",
        "填报单位：东湖街道办事处（盖章）　　　　填报日期：2024年7月1日",
        ENTERPRISE_FORM,
        rows,
        footer,
    )


def test_an_office_register_with_title_notes_totals_and_words_is_understood(
    world: Any, client_for: Any
) -> None:
    from hrbureau.enterprises.models import EnterpriseTag

    key = EnterpriseTag.objects.get(code="key-enterprise")
    job = upload(world, "enterprises", enterprise_register())
    # The header is row 4, under the merged title, the note and a blank row — not "missing columns".
    assert job.status == ImportJob.Status.UPLOADED, job.message
    assert job.header_row == 4
    assert job.total_rows == 6  # the rows below the header: three records, a total, two notes
    assert sorted(job.header_map.values()) == sorted(
        [
            "name",
            "uscc",
            "street",
            "employees",
            "registration_date",
            "size_class",
            "status",
            "flag:key-enterprise",
        ]
    )
    assert job.ignored_columns == ["序号"]
    # The page shows the chosen header row among the first rows, and what happens to each row.
    page = client_for("dept_staff").get(f"/imports/jobs/{job.pk}/").content.decode()
    assert 'data-header-row="4" class="table-active" data-chosen="true"' in page
    assert 'data-preview-row="5" data-action="create"' in page
    assert 'data-preview-row="7" data-action="reject"' in page
    assert 'data-preview-row="8" data-action="skip"' in page
    assert 'data-preview-row="10" data-action="skip"' in page
    assert "小型" in page  # a choice shown by its label

    job = commit(world, job)
    assert job.status == ImportJob.Status.DONE, job.message
    counts = (job.total_rows, job.created_count, job.updated_count, job.rejected_count, job.skipped_count)
    assert counts == (6, 2, 0, 1, 3)
    assert job.total_rows == job.created_count + job.updated_count + job.rejected_count + job.skipped_count
    first, second = Enterprise.objects.get(uscc=VALID[0]), Enterprise.objects.get(uscc=VALID[1])
    assert (first.name, first.employees, first.size_class, first.status) == (
        "甲科技有限公司",
        12,
        "small",
        "active",
    )
    assert first.registration_date == dt.date(2020, 5, 6)
    assert (second.employees, second.size_class, second.status) == (300, "medium", "active")
    assert list(first.tags.all()) == [key]  # √
    assert not second.tags.exists()  # ×
    assert not Enterprise.objects.filter(name="合计").exists()

    book = load_workbook(engine.error_path(job))
    lines = list(book.worksheets[0].iter_rows(values_only=True))
    assert lines[0][1:-1] == tuple(ENTERPRISE_FORM)  # the header row, not the title
    reasons = {line[0]: line[-1] for line in lines[1:]}
    assert set(reasons) == {7, 8, 9, 10}
    # Every problem of the rejected row, not only the first found.
    problems = reasons[7].split("\n")
    assert len(problems) == 3, reasons[7]
    assert any(p.startswith("名称:") for p in problems)
    assert any(p.startswith("统一社会信用代码:") and "校验码" in p for p in problems)
    assert any(p.startswith("成立日期:") and "2021-02-30" in p for p in problems)
    assert reasons[8] == "已跳过：合计行。"
    assert reasons[9] == reasons[10] == "已跳过：表格下方的说明。"
    summary = dict(book.worksheets[1].iter_rows(values_only=True, max_row=6))
    assert (summary["行数"], summary["新建"], summary["更新"], summary["拒绝"], summary["跳过"]) == (
        6,
        2,
        0,
        1,
        3,
    )


def test_the_summary_adds_up_in_the_page_and_the_api(world: Any, client_for: Any) -> None:
    job = commit(world, upload(world, "enterprises", enterprise_register()))
    client = client_for("dept_staff")
    client.cookies["hrbureau_language"] = "en"
    page = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "6 rows: 2 created, 0 updated, 1 rejected, 3 skipped" in page
    body = client.get(f"/api/v1/imports/jobs/{job.pk}").json()
    assert (body["total_rows"], body["created_count"], body["rejected_count"], body["skipped_count"]) == (
        6,
        2,
        1,
        3,
    )
    assert body["header_row"] == 4


def test_the_office_register_updates_tags_by_its_yes_no_column(world: Any) -> None:
    from hrbureau.enterprises.models import EnterpriseTag

    key, high_tech = (
        EnterpriseTag.objects.get(code="key-enterprise"),
        EnterpriseTag.objects.get(code="high-tech"),
    )
    existing = EnterpriseFactory(uscc=VALID[1], name="乙贸易有限公司")
    existing.tags.set([key, high_tech])
    job = commit(world, upload(world, "enterprises", enterprise_register(), mode="update"))
    assert (job.created_count, job.updated_count) == (1, 1)
    # "×" removes the key-enterprise tag and leaves the others.
    assert list(existing.tags.all()) == [high_tech]
    change = EditRecord.objects.get(object_id=str(existing.pk), source="import")
    assert change.changes["tags"] == ["国家高新技术企业、重点企业", "国家高新技术企业"]


PEOPLE_FORM = ["序号", "姓名", "性别", "公民身份号码", "文化程度", "就业状况", "联系电话"]


def _id(seed: int, *, male: bool, year: int = 1990) -> str:
    return generate_resident_id(
        random.Random(seed), address="440306", birth_date=dt.date(year, 3, 8), male=male
    )


def test_value_words_of_people_registers(world: Any) -> None:
    rows = [
        [1, "张硕", "男", _id(1, male=True), "硕士", "在职", "13800000001"],
        [2, "李研", "女", _id(2, male=False), "研究生", "灵活就业", ""],
        [3, "王博", "男", _id(3, male=True), "博士", "待业", ""],
        [4, "赵专", "女", _id(4, male=False), "中专", "在校", ""],
        [5, "钱技", "男", _id(5, male=True), "技校", "退休", ""],
        [6, "孙高", "女", _id(6, male=False), "高中", "", ""],
        [7, "周错", "女", _id(7, male=True), "大学", "", ""],  # gender against the ID; an unknown word
    ]
    content = office_sheet(
        "2024年就业困难人员花名册", "填报日期：2024年7月1日", PEOPLE_FORM, rows, [["合计：6人"]]
    )
    job = commit(world, upload(world, "people", content))
    assert (job.header_row, job.created_count, job.rejected_count, job.skipped_count) == (4, 6, 1, 1)
    people = {p.name: p for p in Person.objects.filter(name__in=[r[1] for r in rows])}
    assert (people["张硕"].education, people["张硕"].employment_status) == ("master", "employed")
    assert (people["李研"].education, people["李研"].employment_status) == ("master", "self_employed")
    assert (people["王博"].education, people["王博"].employment_status) == ("doctor", "unemployed")
    assert (people["赵专"].education, people["赵专"].employment_status) == ("senior", "student")
    assert (people["钱技"].education, people["钱技"].employment_status) == ("senior", "retired")
    assert people["孙高"].education == "senior"
    assert people["李研"].gender == "female"

    lines = list(load_workbook(engine.error_path(job)).worksheets[0].iter_rows(values_only=True))
    reasons = {line[2]: line[-1] for line in lines[1:]}
    problems = reasons["周错"].split("\n")
    assert len(problems) == 2, problems
    gender = next(p for p in problems if p.startswith("性别:"))
    assert "与身份证号码不符" in gender
    assert "男" in gender
    education = next(p for p in problems if p.startswith("学历:"))
    # The error lists the accepted words.
    assert "“大学”" in education
    assert "硕士研究生（硕士、研究生" in education
    assert "高中/中专/技校（高中" in education


def test_the_template_and_the_upload_page_list_the_accepted_words(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    response = client.get("/imports/people/template.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert next(book.worksheets[0].iter_rows(values_only=True))[0] == "身份证号码*"
    notes = {line[0]: line for line in book.worksheets[1].iter_rows(values_only=True) if line[0]}
    assert "硕士研究生（硕士、研究生" in notes["学历"][3]
    assert "文化程度" in notes["学历"][2]
    assert "男（男性" in notes["性别"][3]
    # On the page the words are literals (each in its span, shown as typed): read as text.
    page = re.sub(r"<[^>]+>", "", client.get("/imports/people/").content.decode())
    assert "硕士研究生（硕士、研究生" in page
    enterprises = re.sub(r"<[^>]+>", "", client.get("/imports/enterprises/").content.decode())
    assert "是（√、有、Y）；否（×、无、N）" in enterprises


def test_a_gbk_csv_with_a_title_row(world: Any) -> None:
    text = (
        "东湖街道企业名录（2024年7月）,,\r\n"
        "统一社会信用代码,企业名称,成立日期\r\n"
        f"{VALID[0]},逗号分隔有限公司,2019年3月8日\r\n"
        ",合计：1家,\r\n"
    )
    job = upload(world, "enterprises", text.encode("gbk"), name="名录.csv")
    assert (job.status, job.header_row, job.total_rows) == (ImportJob.Status.UPLOADED, 2, 2)
    job = commit(world, job)
    assert (job.created_count, job.rejected_count, job.skipped_count) == (1, 0, 1)
    assert Enterprise.objects.get(uscc=VALID[0]).registration_date == dt.date(2019, 3, 8)


def test_the_uploader_chooses_another_header_row(world: Any, client_for: Any) -> None:
    """Column names no registry knows in the real header, a row of known words above it: the guess is
    wrong, the file is refused as missing columns, and the uploader picks the right row."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["企业名称", "说明"])  # a note that happens to use a column name
    sheet.write_row(1, 0, ["统一社会信用代码", "企业名称"])
    sheet.write_row(2, 0, [VALID[0], "选表头有限公司"])
    workbook.close()
    # The guess takes row 2 (it names two columns); the uploader says row 1 instead: missing columns.
    job = upload(world, "enterprises", buffer.getvalue(), header_row=1)
    assert (job.status, job.header_row) == (ImportJob.Status.INVALID, 1)
    assert "统一社会信用代码" in job.message
    client = client_for("dept_staff")
    page = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert 'data-testid="header-rows"' in page
    response = client.post(f"/imports/jobs/{job.pk}/header/", {"row": 2})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.header_row, job.total_rows) == (ImportJob.Status.UPLOADED, 2, 1)
    # Another user may not re-read it; a row not listed is refused.
    assert client_for("dept_head").post(f"/imports/jobs/{job.pk}/header/", {"row": 1}).status_code == 403
    with pytest.raises(Exception, match="请选择所列的行之一"):
        services.import_job_set_header(actor=world.users["dept_staff"], job=job, header_row=99)
    # The same through the API.
    client = client_for("dept_staff")
    api = client.post(
        f"/api/v1/imports/jobs/{job.pk}/header", {"header_row": 1}, content_type="application/json"
    )
    assert api.status_code == 200, api.content
    assert (api.json()["status"], api.json()["header_row"]) == ("invalid", 1)
    assert [c["row"] for c in api.json()["header_candidates"]] == [1, 2, 3]


def test_header_candidates_mask_long_numbers(world: Any) -> None:
    rows = [["身份证号码", "姓名"], ["11010519491231002X", "张三"]]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for line, row in enumerate(rows):
        sheet.write_row(line, 0, row)
    workbook.close()
    job = upload(world, "people", buffer.getvalue())
    cells = [cell for _row, cells, _score in job.preview["headers"] for cell in cells]
    assert "11010519491231002X" not in cells
    assert "110*************2X" in cells


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (["合计", None, 3], "已跳过：合计行。"),
        (["总 计："], "已跳过：合计行。"),
        ([None, "小计", 5], "已跳过：合计行。"),
        (["注：本表由街道填报。"], "已跳过：表格下方的说明。"),
        (["填报人：王五", None, "审核人：赵六"], "已跳过：表格下方的说明。"),
        (["以下空白"], "已跳过：表格下方的说明。"),
        (["统一社会信用代码", "企业名称"], "已跳过：表头重复。"),
    ],
)
def test_rows_that_are_no_records(cell: list[Any], reason: str) -> None:
    from django.utils import translation

    from hrbureau.core.imports.spec import skip_reason

    with translation.override("zh-hans"):
        assert skip_reason(cell, ["统一社会信用代码", "企业名称", "从业人数"], 0) == reason


@pytest.mark.parametrize(
    "cell",
    [
        ["91350100M000100Y43", "合计有限公司"],  # a record whose name has the word
        ["注册资金：100万"],  # not a note word
        [None, "某公司", 3],  # a record without its code: rejected, not skipped
    ],
)
def test_rows_that_are_records_are_not_skipped(cell: list[Any]) -> None:
    from hrbureau.core.imports.spec import skip_reason

    assert skip_reason(cell, ["统一社会信用代码", "企业名称", "从业人数"], 0) is None


def test_an_api_upload_names_its_header_row(world: Any) -> None:
    from hrbureau.accounts.services import api_token_create

    token = api_token_create(user=world.users["integration"])
    response = Client().post(
        "/api/v1/imports/enterprises",
        {
            "file": _named(enterprise_register(), "register.xlsx"),
            "header_row": "4",
            "commit": "true",
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["header_row"], body["created_count"], body["skipped_count"]) == (
        "done",
        4,
        2,
        3,
    )


def _named(content: bytes, name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
