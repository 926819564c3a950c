"""Exam scores imported from the spreadsheet the exam office sends (``core.imports``): one row per
candidate — the exam ticket number or the ID number (with the plan's number when the person registered
for several plans), the written score and/or the interview score. A score may be written as text; 缺考
(absent) records the absence: an absent candidate has no total and is not ranked. A row always writes
the scores it gives (a corrected file imported again replaces them); an empty cell leaves a score as it
was. After the import every plan touched is ranked again, and the importer is recorded: the scores are
published by someone else."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.identifiers import mask_id_number, normalize_resident_id, to_half_width
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec, register
from hrbureau.personnel import recruitment
from hrbureau.personnel.recruitment_choices import RegistrationState
from hrbureau.personnel.recruitment_models import RecruitmentPlan, Registration

ABSENT_WORDS = {"缺考", "缺席", "未参加", "放弃", "absent", "缺"}
MAX_SCORE = Decimal("1000")


def parse_score(value: Any, where: str, errors: dict[str, list[str]]) -> tuple[Decimal | None, bool]:
    """(score, absent) from a cell: empty → (None, False); 缺考 → (None, True); a number, also written
    as text or with full-width digits → the score to the hundredth."""
    if value is None:
        return None, False
    text = "".join(to_half_width(str(value)).split())
    if not text:
        return None, False
    if text.lower() in ABSENT_WORDS:
        return None, True
    try:
        score = Decimal(text.removesuffix("分"))
    except InvalidOperation:
        errors[where] = [_("a score (a number) or 缺考 is needed")]
        return None, False
    if not score.is_finite() or score < 0 or score > MAX_SCORE or score != score.quantize(Decimal("0.01")):
        errors[where] = [_("a score between 0 and 1000 with at most two decimals is needed")]
        return None, False
    return score, False


def _context(actor: Any) -> dict[str, Any]:
    return {"plans": {}}


def _find(values: dict[str, Any], context: dict[str, Any], errors: dict[str, list[str]]) -> Any:
    ticket = "".join(to_half_width(str(values.get("ticket") or "")).split()).upper()
    raw_id = str(values.get("id_number") or "").strip()
    plan_number = str(values.get("plan") or "").strip()
    found = Registration.objects.filter(state=RegistrationState.QUALIFIED)
    if plan_number:
        plans = context["plans"]
        if plan_number not in plans:
            plans[plan_number] = RecruitmentPlan.objects.filter(number=plan_number).first()
        if plans[plan_number] is None:
            errors["plan"] = [_("no recruitment plan with this number")]
            return None
        found = found.filter(plan=plans[plan_number])
    if ticket:
        matches = list(found.filter(ticket_number=ticket).values_list("pk", "plan_id")[:2])
        where = "ticket"
    elif raw_id:
        try:
            id_number = normalize_resident_id(raw_id)
        except ValidationError as error:
            errors["id_number"] = error.messages
            return None
        matches = list(found.filter(person__id_number=id_number).values_list("pk", "plan_id")[:2])
        where = "id_number"
    else:
        errors["ticket"] = [_("an exam ticket number or an ID number is needed")]
        return None
    if not matches:
        errors[where] = [_("no qualified registration with this number")]
        return None
    if len(matches) > 1:
        errors[where] = [_("several registrations: give the plan's number or the exam ticket number")]
        return None
    return matches[0]


def _clean(values: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    found = _find(values, context, errors)
    written, written_absent = parse_score(values.get("written"), "written", errors)
    interview, interview_absent = parse_score(values.get("interview"), "interview", errors)
    if not errors and written is None and interview is None and not (written_absent or interview_absent):
        errors["written"] = [_("no score in this row")]
    if errors:
        raise ValidationError(errors)
    return {
        "registration_id": found[0],
        "plan_id": found[1],
        "ticket": str(values.get("ticket") or ""),
        "written": written,
        "written_absent": written_absent or None,
        "interview": interview,
        "interview_absent": interview_absent or None,
    }


def _key(cleaned: dict[str, Any]) -> str:
    return str(cleaned["registration_id"])


def _existing(keys: Sequence[str]) -> dict[str, int]:
    # A score row is written whatever scores the registration held (see the module's docstring).
    return {}


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    rows = creates + [row for _pk, row in updates]
    registrations = Registration.objects.select_related("plan").in_bulk(
        [row["registration_id"] for row in rows]
    )
    plans: set[int] = set()
    for row in rows:
        recruitment.registration_set_scores(
            registration=registrations[row["registration_id"]],
            written=row["written"],
            written_absent=row["written_absent"],
            interview=row["interview"],
            interview_absent=row["interview_absent"],
        )
        plans.add(row["plan_id"])
    for plan in RecruitmentPlan.objects.filter(pk__in=plans):
        RecruitmentPlan.objects.filter(pk=plan.pk).update(scores_imported_by=actor)
        recruitment.plan_rank(plan=plan)
    return BatchResult(created=len(rows))


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    return mask_id_number(str(value)) if key == "id_number" else str(value)


SCORE_IMPORT = ImportSpec(
    key="recruitment-scores",
    title=gettext_lazy("Recruitment exam scores"),
    permission="personnel.review_registration",
    columns=(
        Column("ticket", gettext_lazy("Exam ticket number"), ("准考证号", "准考证号码", "考号", "准考证")),
        Column(
            "id_number",
            gettext_lazy("ID number"),
            ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
            kind="code",
        ),
        Column("plan", gettext_lazy("Plan number"), ("招聘计划编号", "计划编号", "招聘编号")),
        Column(
            "written",
            gettext_lazy("Written exam score"),
            ("笔试成绩", "笔试分数", "笔试", "笔试得分"),
        ),
        Column(
            "interview",
            gettext_lazy("Interview score"),
            ("面试成绩", "面试分数", "面试", "面试得分"),
        ),
    ),
    key_column="ticket",
    clean=_clean,
    context=_context,
    existing=_existing,
    write=_write,
    list_url_name="personnel:recruitment_registrations",
    row_key=_key,
    display=_display,
)
register(SCORE_IMPORT)
