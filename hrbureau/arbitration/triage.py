"""Fast-track triage through the shared rules mechanism (DESIGN.md mechanism 4; DOMAIN.md §2.5).

The rule ``arbitration-fast-track`` (admin-editable, dated) says when the simplified procedure is
proposed; the exclusions of the law are checked here as well, whatever the rule says, so no edit of
the rule can put an excluded case on the fast track. A person confirms the proposal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.arbitration.choices import Procedure
from hrbureau.arbitration.models import Dispute
from hrbureau.core import rules
from hrbureau.core.punctuation import join_clauses

SUBJECT = "arbitration.dispute"
RULE_CODE = "arbitration-fast-track"

rules.register_subject(
    rules.RuleSubject(
        key=SUBJECT,
        label=gettext_lazy("Labour dispute (fast-track triage)"),
        model=Dispute,
        fields={
            "total_claimed": rules.RuleField(gettext_lazy("amount claimed"), rules.NUMBER, "total_claimed"),
            "facts_clear": rules.RuleField(
                gettext_lazy("facts and rights clear, little dispute"), rules.BOOL, "facts_clear"
            ),
            "both_agree": rules.RuleField(
                gettext_lazy("both parties agree to the simplified procedure"), rules.BOOL, "both_agree"
            ),
            "migrant_wages": rules.RuleField(
                gettext_lazy("migrant-worker wages"), rules.BOOL, "migrant_wages"
            ),
            "collective": rules.RuleField(gettext_lazy("collective case"), rules.BOOL, "collective"),
            "public_interest": rules.RuleField(
                gettext_lazy("involves state or public interest"), rules.BOOL, "public_interest"
            ),
            "major_impact": rules.RuleField(gettext_lazy("major social impact"), rules.BOOL, "major_impact"),
            "respondent_unlocatable": rules.RuleField(
                gettext_lazy("respondent cannot be found"), rules.BOOL, "respondent_unlocatable"
            ),
            "unsuitable": rules.RuleField(
                gettext_lazy("judged unsuitable for the simplified procedure"), rules.BOOL, "unsuitable"
            ),
            "channel": rules.RuleField(gettext_lazy("channel"), rules.TEXT, "channel"),
        },
    )
)

# The exclusions of rules Art.57: never the simplified procedure, whatever the configured rule says.
EXCLUSIONS = ("public_interest", "major_impact", "respondent_unlocatable", "unsuitable")


def exclusions_of(dispute: Dispute) -> list[str]:
    """The names of the exclusions that hold for ``dispute`` (empty when none does)."""
    return [name for name in EXCLUSIONS if getattr(dispute, name)]


def _labels(names: list[str]) -> list[str]:
    fields = rules.subject(SUBJECT).fields
    return [str(fields[name].label) if name in fields else name for name in names]


def propose(dispute: Dispute, *, on: dt.date) -> dict[str, Any]:
    """The proposed procedure and why, language-neutral, to be stored with the dispute.

    The rule in force on ``on``, its :func:`hrbureau.core.rules.trace` over the dispute, and the
    exclusions that held; :func:`reading` words it in the language of whoever reads it later.
    """
    rule = rules.rule_in_force(RULE_CODE, on)
    found = rules.trace(SUBJECT, rule.condition, dispute)
    excluded = exclusions_of(dispute)
    simplified = found["met"] and not excluded
    return {
        "procedure": Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY,
        "rule": rule.name,
        "rule_code": rule.code,
        "rule_from": rule.valid_from.isoformat(),
        "trace": found,
        "excluded": excluded,
    }


def reading(stored: dict[str, Any]) -> dict[str, Any] | None:
    """A stored proposal as lines in the active language, or None when there is none."""
    if not stored.get("trace"):
        return None
    return {
        "rule": stored.get("rule", ""),
        "rule_from": stored.get("rule_from", ""),
        "lines": rules.lines(SUBJECT, stored["trace"]),
        "excluded": _labels(stored.get("excluded", [])),
    }


def simplified_refusal(dispute: Dispute) -> str | None:
    """Why ``dispute`` may not go on the fast track, or None."""
    excluded = _labels(exclusions_of(dispute))
    if excluded:
        return _("The simplified procedure is excluded: %(reasons)s.") % {"reasons": join_clauses(excluded)}
    return None
