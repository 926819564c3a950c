"""What a certification category's criteria may speak of: the rules subject ``talent.candidate`` of the
shared rules mechanism (``core.rules``) over a certification application — the candidate's own fields and
age when filing, the figures they state (annual salary, tax paid), their employer's fields, and one
yes/no field per kind of evidence ("holds evidence of kind X", an EXISTS on the evidence table, never a
join that repeats rows). So a category can say "a doctorate, under 45, with a patent", and the same
condition is evaluated on one application in Python and on the whole table as one query."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from hrbureau.core import rules
from hrbureau.enterprises.choices import IndustrySection, SizeClass
from hrbureau.people.choices import Education, Gender
from hrbureau.talent.certification_choices import EvidenceKind
from hrbureau.talent.certification_models import Certification, CertificationEvidence

CANDIDATE_SUBJECT = "talent.candidate"


def evidence_field_name(kind: str) -> str:
    return f"evidence.{kind}"


def _holds(kind: str) -> Any:
    return lambda: Exists(CertificationEvidence.objects.filter(certification_id=OuterRef("pk"), kind=kind))


def _evidence_fields() -> dict[str, rules.RuleField]:
    return {
        evidence_field_name(kind): rules.RuleField(
            _("holds evidence: %(kind)s") % {"kind": label},
            rules.BOOL,
            f"holds_{kind}",
            annotation=_holds(kind),
            nullable=False,
        )
        for kind, label in EvidenceKind.choices
    }


rules.register_subject(
    rules.RuleSubject(
        key=CANDIDATE_SUBJECT,
        label=_("Talent certification candidate"),
        model=Certification,
        fields={
            "age": rules.RuleField(_("age when filed"), rules.NUMBER, "age"),
            "education": rules.RuleField(
                _("education"), rules.TEXT, "person__education", choices=tuple(Education.choices)
            ),
            "gender": rules.RuleField(
                _("gender"), rules.TEXT, "person__gender", choices=tuple(Gender.choices)
            ),
            "annual_salary": rules.RuleField(_("annual salary (yuan)"), rules.NUMBER, "annual_salary"),
            "annual_tax": rules.RuleField(_("income tax paid last year (yuan)"), rules.NUMBER, "annual_tax"),
            "employer.employees": rules.RuleField(
                _("employer's employees"), rules.NUMBER, "employer__employees"
            ),
            "employer.size_class": rules.RuleField(
                _("employer's size class"),
                rules.TEXT,
                "employer__size_class",
                choices=tuple(SizeClass.choices),
            ),
            "employer.industry_section": rules.RuleField(
                _("employer's industry section"),
                rules.TEXT,
                "employer__industry_section",
                choices=tuple(IndustrySection.choices),
            ),
            "employer.street": rules.RuleField(
                _("employer's street (code)"), rules.TEXT, "employer__street__code"
            ),
            "renewal": rules.RuleField(
                _("is a renewal"),
                rules.BOOL,
                "is_renewal",
                getter=lambda c: c.renewal_of_id is not None,
                annotation=lambda: Exists(Certification.objects.filter(pk=OuterRef("renewal_of_id"))),
                nullable=False,
            ),
        },
        more_fields=_evidence_fields,
    )
)
