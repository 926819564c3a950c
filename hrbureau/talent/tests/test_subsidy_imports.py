"""The import of subsidy applications (core.imports): real xlsx files with a title row and header
variants, ID numbers and amounts stored as text, a GBK CSV; one subsidy per person per scheme across the
portal and imports (an existing live application and a second row of the same person are rejected), the
check one query per chunk whatever the size of the register."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from hrbureau.core.imports import services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.models import CaseEvent, ImportJob
from hrbureau.talent.choices import ApplicationState, Channel, Degree
from hrbureau.talent.models import SchemeRate, SubsidyApplication
from hrbureau.talent.subsidy_imports import SUBSIDY_IMPORT, _existing
from hrbureau.talent.tests.payment_factories import approved, scheme

HEADER = [
    "项目代码",
    "身份证号码",
    "姓名",
    "学历",
    "毕业时间",
    "统一社会信用代码",
    "开户银行",
    "银行卡号",
    "补贴金额",
]


def _xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年新引进人才生活补贴申请汇总表（街道报送）"])
    sheet.append(["填报单位：东湖街道"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("subsidies.xlsx", buffer.getvalue())


def _import(user: Any, upload: SimpleUploadedFile) -> ImportJob:
    spec = get_spec("talent-subsidy-applications")
    assert spec is not None
    job = services.import_job_create(actor=user, spec=spec, upload=upload, mode="reject")
    return services.import_job_commit(actor=user, job=job)


def _rejections(job: ImportJob) -> list[str]:
    """The error file's rows, each as one line of text (the reasons in its last column)."""
    from openpyxl import load_workbook

    from hrbureau.core.imports.storage import error_path

    sheet = load_workbook(error_path(job)).active
    return [" ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]


def test_rows_become_submitted_applications_through_the_import_channel(world: Any) -> None:
    living = scheme()
    SchemeRate.objects.create(scheme=living, degree=Degree.MASTER, amount=Decimal("25000.00"), age_below=35)
    known = world.people["a1"]
    employer = world.enterprises["b1"]
    job = _import(
        world.users["dept_staff"],
        _xlsx(
            [
                [
                    "living",
                    known.id_number,
                    known.name,
                    "硕士研究生",
                    "2025-06-30",
                    employer.uscc,
                    "工商银行",
                    "6222020000000001",
                    "",
                ],
                [
                    "living",
                    "110105199003071234"[:17] + _check("11010519900307123"),
                    "新人甲",
                    "本科",
                    "2025/7/1",
                    "",
                    "建设银行",
                    "6227000000000002",
                    "15000",
                ],
            ]
        ),
    )
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.created_count, job.rejected_count) == (2, 0)
    first = SubsidyApplication.objects.get(person=known)
    assert first.channel == Channel.IMPORT
    assert first.state == ApplicationState.SUBMITTED
    assert first.amount == Decimal("25000.00")  # by the scheme's rate for a master
    assert first.degree == Degree.MASTER
    assert first.employer == employer
    assert first.street_id == known.street_id
    assert first.account_number == "6222020000000001"
    second = SubsidyApplication.objects.exclude(person=known).get()
    assert second.person.name == "新人甲"
    assert second.amount == Decimal("15000.00")
    assert second.graduated_on.isoformat() == "2025-07-01"
    assert CaseEvent.objects.filter(case_type="talent.subsidyapplication", name="create").count() == 2


def _check(first17: str) -> str:
    from hrbureau.core.identifiers import id_check_character

    return id_check_character(first17)


def test_one_subsidy_per_person_per_scheme_across_the_portal_and_the_file(world: Any) -> None:
    living = scheme()
    approved(person=world.people["a1"], of=living)  # applied on the portal (and approved)
    other = scheme("award", name="人才奖励")
    a1, a2 = world.people["a1"], world.people["a2"]
    job = _import(
        world.users["dept_staff"],
        _xlsx(
            [
                ["living", a1.id_number, a1.name, "本科", "", "", "", "", "15000"],  # already applied
                ["living", a2.id_number, a2.name, "本科", "", "", "", "", "15000"],
                ["living", a2.id_number, a2.name, "本科", "", "", "", "", "15000"],  # twice in the file
                ["award", a1.id_number, a1.name, "本科", "", "", "", "", "8000"],  # another scheme: fine
            ]
        ),
    )
    assert (job.created_count, job.rejected_count) == (2, 2)
    rows = _rejections(job)
    from django.utils import translation

    with translation.override("zh-hans"):  # the error file speaks the uploader's language
        already = str(SUBSIDY_IMPORT.existing_message)
    assert rows[1].startswith("4 "), rows
    assert a1.id_number in rows[1], rows
    assert already in rows[1], rows
    assert rows[2].startswith("6 "), rows
    assert " 5 " in rows[2], rows  # a duplicate of row 5
    assert len(rows) == 3
    assert SubsidyApplication.objects.filter(person=a2, scheme=living).count() == 1
    assert SubsidyApplication.objects.filter(person=a1, scheme=other).count() == 1


def test_a_refused_or_withdrawn_application_frees_the_person(world: Any) -> None:
    living = scheme()
    old = approved(person=world.people["a1"], of=living)
    SubsidyApplication.objects.filter(pk=old.pk).update(state=ApplicationState.REFUSED)
    assert _existing([f"{living.pk}|{world.people['a1'].id_number}"]) == {}


def test_header_variants_and_numbers_stored_as_text(world: Any) -> None:
    scheme()
    a2 = world.people["a2"]
    job = _import(
        world.users["dept_staff"],
        _xlsx(
            [
                [
                    "living",
                    a2.id_number,
                    a2.name,
                    "学士",
                    "20250701",
                    "",
                    "中国银行",
                    "6216 6100 0000 0003",
                    "１５０００",
                ]
            ],
            header=[
                "补贴项目代码",
                "公民身份号码",
                "申请人姓名",
                "最高学历",
                "毕业日期",
                "单位信用代码",
                "开户行",
                "收款账号",
                "金额（元）",
            ],
        ),
    )
    assert job.created_count == 1, job.message
    made = SubsidyApplication.objects.get()
    assert made.account_number == "6216610000000003"
    assert made.degree == Degree.BACHELOR


def test_a_gbk_csv(world: Any) -> None:
    scheme()
    b1 = world.people["b1"]
    text = (
        "项目代码,身份证号,姓名,学历,开户行,账号,金额\r\n"
        + f"living,{b1.id_number},{b1.name},博士,农业银行,6228480000000004,30000\r\n"
    )
    job = _import(world.users["dept_staff"], SimpleUploadedFile("subsidies.csv", text.encode("gbk")))
    assert job.created_count == 1, job.message
    assert SubsidyApplication.objects.get().degree == Degree.PHD


def test_bad_rows_are_rejected_with_their_reasons(world: Any) -> None:
    scheme()
    job = _import(
        world.users["dept_staff"],
        _xlsx(
            [
                ["nosuch", world.people["a1"].id_number, "甲", "本科", "", "", "", "", "100"],
                ["living", "123", "乙", "本科", "", "", "", "", "100"],
                [
                    "living",
                    world.people["a2"].id_number,
                    "丙",
                    "本科",
                    "",
                    "91000000000000000X",
                    "",
                    "",
                    "100",
                ],
            ]
        ),
    )
    assert (job.created_count, job.rejected_count) == (0, 3)
    assert not SubsidyApplication.objects.exists()


def test_the_duplicate_check_is_one_query_per_chunk_whatever_the_register(world: Any) -> None:
    living = scheme()
    for key in ("a1", "a2", "b1"):
        approved(person=world.people[key], of=living)
    keys = [f"{living.pk}|{world.people[k].id_number}" for k in ("a1", "a2", "b1", "b2")] + [
        f"{living.pk}|11010519900101{n:04d}" for n in range(500)
    ]
    with CaptureQueriesContext(connection) as queries:
        found = _existing(keys)
    assert len(queries) == 1
    assert set(found) == set(keys[:3])
    assert SUBSIDY_IMPORT.key_of({"scheme_id": living.pk, "id_number": "X"}) == f"{living.pk}|X"
