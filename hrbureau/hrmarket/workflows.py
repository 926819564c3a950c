"""An HR-service agency's licence status as a workflow: licensed → suspended (责令停业) → licensed again or
revoked (吊销许可证). Every change, and every inspection or sanction recorded, is a version-checked
transition with its event on the agency's timeline."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from hrbureau.core.workflow import declare_workflow
from hrbureau.hrmarket import forms as F
from hrbureau.hrmarket.choices import AgencyStatus as S
from hrbureau.hrmarket.models import HRAgency

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
