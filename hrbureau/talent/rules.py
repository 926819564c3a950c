"""What a subsidy scheme's eligibility may speak of: the rules subject ``talent.applicant`` of the
shared rules mechanism (``core.rules``), over the application — the person's fields (education,
employment status, gender, birth date, age on the day of the application, street), their employer's
(status, industry, size, whether it is in the district) and the application's own (degree, graduated
on). A scheme's ``eligibility`` is a condition in that language (JSON), checked when an application is
submitted; a failing condition refuses it with the conditions not met, in plain words."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncDate
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import rules
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.people.choices import Education, EmploymentStatus, Gender
from hrbureau.talent.choices import Degree
from hrbureau.talent.models import SubsidyApplication

APPLICANT = "talent.applicant"


def age_on(birth_date: dt.date | None, on: dt.date) -> int | None:
    """Whole years completed on ``on`` (a birthday on ``on`` counts)."""
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def _applied_on(application: Any) -> dt.date:
    created = application.created_at
    return timezone.localdate(created) if created is not None else timezone.localdate()


def _age_expression() -> Any:
    # The same arithmetic as ``age_on``, in SQL, on the application's day in the active time zone.
    created_md = ExtractMonth("created_at") * 100 + ExtractDay("created_at")
    born_md = ExtractMonth("person__birth_date") * 100 + ExtractDay("person__birth_date")
    return ExpressionWrapper(
        ExtractYear("created_at")
        - ExtractYear("person__birth_date")
        - Case(When(GreaterThan(born_md, created_md), then=Value(1)), default=Value(0)),
        output_field=IntegerField(),
    )


def _valid_certificates(on: Any) -> Any:
    """The certificates in force on ``on`` (a date, or the SQL expression of one): certified, their
    validity begun and not ended."""
    from hrbureau.talent.certification_choices import CertificationState
    from hrbureau.talent.models import Certification

    return Certification.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        state=CertificationState.CERTIFIED,
    )


def _certified(person_id: int | None, on: dt.date) -> bool:
    """Whether the person holds a certificate (认定证书) in force on ``on``: certified, its validity
    begun and not ended (the nightly sweep expires it a day late at worst; the dates decide)."""
    return person_id is not None and _valid_certificates(on).filter(person_id=person_id).exists()


def _certified_expression() -> Any:
    # The same test as ``_certified``, in SQL, on the application's day in the active time zone.
    day = TruncDate(ExpressionWrapper(OuterRef("created_at"), output_field=DateTimeField()))
    return Exists(_valid_certificates(day).filter(person_id=OuterRef("person_id")))


rules.register_subject(
    rules.RuleSubject(
        key=APPLICANT,
        label=gettext_lazy("Subsidy applicant (scheme eligibility)"),
        model=SubsidyApplication,
        fields={
            "education": rules.RuleField(
                gettext_lazy("education"), rules.TEXT, "person__education", choices=tuple(Education.choices)
            ),
            "employment_status": rules.RuleField(
                gettext_lazy("employment status"),
                rules.TEXT,
                "person__employment_status",
                choices=tuple(EmploymentStatus.choices),
            ),
            "gender": rules.RuleField(
                gettext_lazy("gender"), rules.TEXT, "person__gender", choices=tuple(Gender.choices)
            ),
            "birth_date": rules.RuleField(gettext_lazy("birth date"), rules.DATE, "person__birth_date"),
            "age": rules.RuleField(
                gettext_lazy("age on the day of the application"),
                rules.NUMBER,
                "applicant_age",
                getter=lambda a: age_on(a.person.birth_date, _applied_on(a)),
                annotation=_age_expression,
            ),
            "street": rules.RuleField(gettext_lazy("street (code)"), rules.TEXT, "person__street__code"),
            "employer_status": rules.RuleField(
                gettext_lazy("employer's registration status"),
                rules.TEXT,
                "employer__status",
                choices=tuple(EnterpriseStatus.choices),
            ),
            "employer_industry": rules.RuleField(
                gettext_lazy("employer's industry section"),
                rules.TEXT,
                "employer__industry_section",
                choices=tuple(IndustrySection.choices),
            ),
            "employer_size": rules.RuleField(
                gettext_lazy("employer's size class"),
                rules.TEXT,
                "employer__size_class",
                choices=tuple(SizeClass.choices),
            ),
            "employer_in_district": rules.RuleField(
                gettext_lazy("employer is in the district"),
                rules.BOOL,
                "employer_in_district",
                getter=lambda a: a.employer is not None and a.employer.street_id is not None,
                annotation=lambda: ExpressionWrapper(
                    Q(employer__street__isnull=False), output_field=BooleanField()
                ),
                nullable=False,
            ),
            "degree": rules.RuleField(
                gettext_lazy("degree"), rules.TEXT, "degree", choices=tuple(Degree.choices)
            ),
            "graduated_on": rules.RuleField(gettext_lazy("graduated on"), rules.DATE, "graduated_on"),
            "certified_talent": rules.RuleField(
                gettext_lazy("holds a high-level talent certificate valid on the day of the application"),
                rules.BOOL,
                "certified_talent",
                getter=lambda a: _certified(a.person_id, _applied_on(a)),
                annotation=_certified_expression,
                nullable=False,
            ),
        },
    )
)


def condition_of(text: str) -> dict[str, Any] | None:
    """The scheme's eligibility as a validated condition, or None when anyone may apply."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        raise ValidationError(
            {"eligibility": [_("Who may apply must be a condition in the rules language (JSON).")]}
        ) from None
    if not parsed:
        return None
    try:
        return rules.validate(APPLICANT, parsed)
    except ValidationError as error:
        raise ValidationError({"eligibility": error.messages}) from None


def describe(text: str) -> list[dict[str, Any]]:
    """The scheme's eligibility in plain words (an empty list: anyone may apply)."""
    condition = condition_of(text)
    return rules.describe(APPLICANT, condition) if condition else []


def refusal(application: SubsidyApplication) -> str | None:
    """Why the (saved) application's applicant does not meet the scheme's conditions, or None. Read
    through the subject's query, so the person and employer are as the database holds them."""
    condition = condition_of(application.scheme.eligibility)
    if condition is None:
        return None
    subject = rules.subject(APPLICANT)
    loaded = (
        subject.queryset(condition=condition)
        .select_related("person", "employer")
        .filter(pk=application.pk)
        .first()
    )
    if loaded is not None and rules.evaluate(APPLICANT, condition, loaded):
        return None
    failed: list[str] = []
    if loaded is not None:
        failed = [
            line["text"]
            for line in rules.lines(APPLICANT, rules.trace(APPLICANT, condition, loaded))
            if not line["met"] and line["depth"] > 0
        ]
    message = _("The applicant does not meet the conditions of this scheme.")
    if failed:
        message += " " + _("Not met: %(conditions)s") % {"conditions": "；".join(failed)}
    return message
