"""The rules of labour-risk early warning as functions of the data: the time limit in force for each
severity, and which risks go to the department head at once — an admin-editable rule of the shared
rules mechanism (DESIGN.md mechanism 4), so the district decides what "severe" means."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy

from hrbureau.core import rules
from hrbureau.core.dated import in_force
from hrbureau.labour.choices import RESOLVE_LIMIT, RiskType, Severity
from hrbureau.labour.models import Risk, TimeLimit

CLOCK_RESOLVE = "resolve"  # resolve the risk: days by severity, from the day it was found
CLOCK_VERIFY = "verify"  # verify the resolution, from the day it was reported resolved

SUBJECT = "labour.risk"
ESCALATION_RULE = "labour-risk-escalation"

rules.register_subject(
    rules.RuleSubject(
        key=SUBJECT,
        label=gettext_lazy("Labour risk (escalation to the department head)"),
        model=Risk,
        fields={
            "risk_type": rules.RuleField(
                gettext_lazy("type"), rules.TEXT, "risk_type", choices=tuple(RiskType.choices)
            ),
            "severity": rules.RuleField(
                gettext_lazy("severity"), rules.TEXT, "severity", choices=tuple(Severity.choices)
            ),
            "workers_affected": rules.RuleField(
                gettext_lazy("workers affected"), rules.NUMBER, "workers_affected"
            ),
            "arrears_amount": rules.RuleField(
                gettext_lazy("amount in arrears"), rules.NUMBER, "arrears_amount"
            ),
        },
    )
)


def limit_in_force(key: str, on: dt.date) -> TimeLimit:
    return in_force(TimeLimit.objects.filter(key=key), on, what=f"labour time limit {key!r}")


def resolve_limit(severity: str, on: dt.date) -> TimeLimit:
    """How long a risk of ``severity`` found on ``on`` may take to resolve."""
    return limit_in_force(RESOLVE_LIMIT[Severity(severity)], on)


def escalation(risk: Risk, *, on: dt.date) -> dict[str, Any]:
    """Whether ``risk`` goes to the department head at once, and why (stored language-neutral)."""
    rule = rules.rule_in_force(ESCALATION_RULE, on)
    found = rules.trace(SUBJECT, rule.condition, risk)
    return {
        "escalate": found["met"],
        "rule": rule.name,
        "rule_from": rule.valid_from.isoformat(),
        "trace": found,
    }


def escalation_lines(stored: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored escalation decision worded in the active language."""
    return rules.lines(SUBJECT, stored["trace"]) if stored.get("trace") else []
