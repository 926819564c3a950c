"""A month's payroll of interns imported by the base (or the department) through the platform's import
(``core.imports``): one row per intern — ID number, name, month, amount paid. Each row becomes the
month's claim (``internship.month_record``), with the minimum wage of that month; a month already
approved is never changed (the whole "update" import is refused)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.forms import clean_amount
from hrbureau.core.identifiers import mask_id_number, normalize_resident_id, to_half_width
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec, register
from hrbureau.talent import internship as service
from hrbureau.talent.internship_choices import InternshipState
from hrbureau.talent.models import Internship, InternshipMonth


def _context(actor: Any) -> dict[str, Any]:
    return {"actor": actor, "internships": {}}


def _internships_of(context: dict[str, Any], id_number: str) -> list[Internship]:
    cache = context["internships"]
    if id_number not in cache:
        cache[id_number] = list(
            Internship.objects.for_user(context["actor"])
            .filter(person__id_number=id_number, state__in=[InternshipState.APPROVED, InternshipState.ENDED])
            .select_related("person")
        )
    return cache[id_number]


def _clean(values: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    id_number = ""
    try:
        id_number = normalize_resident_id(to_half_width(str(values.get("id_number") or "")).strip().upper())
    except ValidationError as error:
        errors["id_number"] = list(error.messages)
    month = service.parse_month(values.get("month"))
    if month is None:
        errors["month"] = [_("not a month (write 2026-03)")]
    paid = clean_amount(values.get("paid"), "paid", errors)
    if paid is None and "paid" not in errors:
        errors["paid"] = [_("the amount paid is missing")]
    found: Internship | None = None
    if id_number and month is not None:
        for candidate in _internships_of(context, id_number):
            if (
                service.first_of_month(candidate.starts_on)
                <= month
                <= service.first_of_month(candidate.ends_on)
            ):
                found = candidate
        if found is None:
            errors["id_number"] = [_("no approved internship of this person at your base in that month")]
        elif str(values.get("name") or "").strip() and str(values.get("name")).strip() != found.person.name:
            errors["name"] = [_("the name does not match the ID number")]
    if month is not None and "month" not in errors:
        try:
            service.minimum_wage_of(month)
        except ImproperlyConfigured:
            errors["month"] = [_("no minimum wage is in force in that month")]
    if errors:
        raise ValidationError(errors)
    assert found is not None
    assert month is not None
    assert paid is not None
    return {
        "id_number": id_number,
        "internship_id": found.pk,
        "month": month,
        "paid": paid,
    }


def _key(cleaned: dict[str, Any]) -> str:
    return f"{cleaned['internship_id']}|{cleaned['month'].isoformat()}"


def _existing(keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(keys), 300):
        condition = Q(pk__in=[])
        for key in keys[start : start + 300]:
            wanted, period = key.split("|", 1)
            condition |= Q(internship_id=int(wanted), month=period)
        for pk, internship_id, month in InternshipMonth.objects.filter(condition).values_list(
            "pk", "internship_id", "month"
        ):
            found[f"{internship_id}|{month.isoformat()}"] = pk
    return found


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    rows = creates + [row for _pk, row in updates]
    internships = Internship.objects.in_bulk({row["internship_id"] for row in rows})
    for row in rows:
        service.month_record(
            actor=actor, internship=internships[row["internship_id"]], month=row["month"], paid=row["paid"]
        )
    return BatchResult(created=len(creates), updated=len(updates))


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    return mask_id_number(str(value)) if key == "id_number" else str(value)


PAYROLL_IMPORT = ImportSpec(
    key="internship-months",
    title=gettext_lazy("Interns' monthly pay"),
    permission="talent.record_internship_month",
    columns=(
        Column(
            "id_number",
            gettext_lazy("Resident ID number"),
            ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"),
            required=True,
            kind="code",
        ),
        Column("name", gettext_lazy("Name"), ("姓名", "见习人员", "见习人员姓名", "学员姓名")),
        Column(
            "month",
            gettext_lazy("Month"),
            ("月份", "见习月份", "发放月份", "所属月份", "年月"),
            required=True,
        ),
        Column(
            "paid",
            gettext_lazy("Amount paid (yuan)"),
            ("实发金额", "发放金额", "实发工资", "见习生活费", "生活补助", "金额", "金额（元）", "应发金额"),
            required=True,
        ),
    ),
    key_column="id_number",
    clean=_clean,
    context=_context,
    existing=_existing,
    write=_write,
    list_url_name="talent:internships",
    row_key=_key,
    display=_display,
)
register(PAYROLL_IMPORT)
