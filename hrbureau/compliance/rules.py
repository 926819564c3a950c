"""The rules of employer compliance as functions of the data (DOMAIN.md §5).

Grades follow the MOHRSS 2016 rating on one year's record: **C** if any of — penalised 3 or more times,
a mass or extreme incident, child or forced labour, ignoring an order or a penalty, obstructing
inspectors, criminal liability; else **B** if penalised at all; else **A**. The district's list is
drawn from grade A with its extra criteria, an admin-editable rule of the shared rules mechanism
(subject ``compliance.employer``), published after a public notice of at least the configured period.
The criteria speak of the enterprise's own fields and of what the other lines know of it — open labour
risks, social-insurance arrears, the risk score — through the facts they declare (``core.facts``:
``labour.open_risks``…), never through their models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.compliance.choices import GRADE_C_KINDS, PENALTIES_FOR_C, Grade, RecordKind
from hrbureau.compliance.models import TimeLimit
from hrbureau.core import rules
from hrbureau.core.dated import in_force
from hrbureau.enterprises.choices import EnterpriseStatus, SizeClass
from hrbureau.enterprises.models import Enterprise

SUBJECT = "compliance.employer"
CRITERIA_RULE = "compliance-honest-employer"
THREE_PENALTIES = "penalties_3"
GRADED_STATUSES = (EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL)


rules.register_subject(
    rules.RuleSubject(
        key=SUBJECT,
        label=gettext_lazy("Enterprise (honest employer criteria)"),
        model=Enterprise,
        # Besides these, every fact declared about an enterprise (core.facts), by its name.
        fields={
            "status": rules.RuleField(
                gettext_lazy("registration status"),
                rules.TEXT,
                "status",
                choices=tuple(EnterpriseStatus.choices),
            ),
            "size_class": rules.RuleField(
                gettext_lazy("size class"), rules.TEXT, "size_class", choices=tuple(SizeClass.choices)
            ),
            "employees": rules.RuleField(gettext_lazy("employees"), rules.NUMBER, "employees"),
        },
    )
)


def limit_in_force(key: str, on: dt.date) -> TimeLimit:
    return in_force(TimeLimit.objects.filter(key=key), on, what=f"compliance time limit {key!r}")


def grade_of(penalties: int, kinds: Iterable[str]) -> tuple[str, list[str]]:
    """The grade for a year with ``penalties`` penalties and records of ``kinds``, and the grade-C
    findings that decided it (empty unless C)."""
    findings = sorted({k for k in kinds if k in GRADE_C_KINDS})
    if penalties >= PENALTIES_FOR_C:
        findings.append(THREE_PENALTIES)
    if findings:
        return Grade.C, findings
    return (Grade.B if penalties else Grade.A), []


def finding_label(code: str) -> str:
    if code == THREE_PENALTIES:
        return _("penalised %(n)d or more times") % {"n": PENALTIES_FOR_C}
    return str(RecordKind(code).label) if code in RecordKind.values else code


def criteria_lines(enterprise: Enterprise, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Why an enterprise does or does not meet the district's criteria, worded for the page."""
    rule = rules.rule_in_force(CRITERIA_RULE, on or timezone.localdate())
    loaded = rules.subject(SUBJECT).queryset(condition=rule.condition).get(pk=enterprise.pk)
    return rules.lines(SUBJECT, rules.trace(SUBJECT, rule.condition, loaded))
