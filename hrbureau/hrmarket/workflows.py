"""An HR-service agency's licence status as a workflow: licensed → suspended (责令停业) → licensed again or
revoked (吊销许可证). Every change, and every inspection or sanction recorded, is a version-checked
transition with its event on the agency's timeline."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from hrbureau.core.workflow import declare_workflow
from hrbureau.hrmarket import forms as F
from hrbureau.hrmarket.choices import AgencyStatus as S
from hrbureau.hrmarket.choices import ReportState as R
from hrbureau.hrmarket.models import REPORTING_TAG, HRAgency, IndustryReport

WORKFLOW = declare_workflow(
    HRAgency,
    states=S,
    initial=S.LICENSED,
    final_states={S.REVOKED},
    slug="hr-agencies",
)

PERMISSION = "hrmarket.manage_agency"

add = WORKFLOW.add
add(
    "enforce",
    gettext_lazy("Record an inspection or sanction"),
    source={S.LICENSED, S.SUSPENDED, S.REVOKED},
    target=None,
    permission=PERMISSION,
    form=F.EnforcementForm,
)
add(
    "suspend",
    gettext_lazy("Suspend the business"),
    source={S.LICENSED},
    target=S.SUSPENDED,
    permission=PERMISSION,
    button="outline-danger",
    form=F.SanctionForm,
)
add(
    "revoke",
    gettext_lazy("Revoke the licence"),
    source={S.LICENSED, S.SUSPENDED},
    target=S.REVOKED,
    permission=PERMISSION,
    button="outline-danger",
    form=F.SanctionForm,
)
add(
    "reinstate",
    gettext_lazy("Lift the suspension"),
    source={S.SUSPENDED},
    target=S.LICENSED,
    permission=PERMISSION,
    requires_reason=True,
    button="outline-primary",
)
WORKFLOW.performs_plainly("reinstate")


# --- the HR-service industry's reports (纳统企业的统计报表) --------------------------------------------------
# draft → submitted (the enterprise, on the portal) → accepted, or returned for correction → submitted again.


def _reporting_enterprise(report: IndustryReport, actor: Any, data: dict[str, Any]) -> str | None:
    """Only an enterprise carrying the reporting tag reports (the tag is the list of who reports)."""
    if not report.enterprise.tags.filter(code=REPORTING_TAG).exists():
        return gettext("This enterprise is not one of the HR-service industry's reporting enterprises.")
    return None


REPORTS = declare_workflow(
    IndustryReport,
    states=R,
    initial=R.DRAFT,
    final_states={R.ACCEPTED},
    slug="industry-reports",
)
REVIEW = "hrmarket.review_industryreport"
SUBMIT = "hrmarket.submit_industryreport"
REPORTS.add(
    "submit",
    gettext_lazy("Submit the figures"),
    source={R.DRAFT, R.RETURNED},
    target=R.SUBMITTED,
    permission=SUBMIT,
    guard=_reporting_enterprise,
    area="portal",
    form=F.FiguresForm,
)
REPORTS.add(
    "save",
    gettext_lazy("Save without submitting"),
    source={R.DRAFT, R.RETURNED},
    target=None,
    permission=SUBMIT,
    guard=_reporting_enterprise,
    area="portal",
    button="outline-secondary",
    form=F.FiguresForm,
)
# The department enters figures an enterprise gave on paper (the xlsx import does the same for many).
REPORTS.add(
    "record",
    gettext_lazy("Record figures given on paper"),
    source={R.DRAFT, R.RETURNED},
    target=R.SUBMITTED,
    permission=REVIEW,
    guard=_reporting_enterprise,
    button="outline-primary",
    form=F.RecordFiguresForm,
)
REPORTS.add("accept", gettext_lazy("Accept"), source={R.SUBMITTED}, target=R.ACCEPTED, permission=REVIEW)
REPORTS.add(
    "return_report",
    gettext_lazy("Return for correction"),
    source={R.SUBMITTED},
    target=R.RETURNED,
    permission=REVIEW,
    requires_reason=True,
    button="outline-danger",
)
REPORTS.performs_plainly("accept", "return_report")
REPORTS.for_parties(
    states={
        R.DRAFT: gettext_lazy("Not submitted"),
        R.SUBMITTED: gettext_lazy("Submitted, being checked"),
        R.ACCEPTED: gettext_lazy("Accepted"),
        R.RETURNED: gettext_lazy("Returned for correction"),
    },
    told={
        "submit": None,
        "record": None,
        "accept": None,
        "return_report": gettext_lazy("Returned for correction"),
    },
    clocks=(),
)
