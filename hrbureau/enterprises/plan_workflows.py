"""The steps of a service-plan item and of a labour demand (``core.workflow``), with the input each
asks for (``core.actions.ActionForm``). Diagrams: docs/workflows/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.workflow import declare_workflow
from hrbureau.enterprises.models import LabourDemand, ServicePlanItem
from hrbureau.enterprises.plan_choices import DemandState, ItemState

PLAN_EDIT = "enterprises.change_serviceplan"
DEMAND_EDIT = "enterprises.change_labourdemand"


class ProgressForm(ActionForm):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def setup(self) -> None:
        self.fields["progress"].initial = self.case.progress


class CompleteForm(ActionForm):
    on = ActDayField(label=_("Done on"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class HiresForm(ActionForm):
    hires = forms.IntegerField(label=_("People hired"), min_value=1)
    note = forms.CharField(label=_("How (posting, job fair, referral…)"), required=False, max_length=200)

    def setup(self) -> None:
        if self.case.open_headcount:
            self.fields["hires"].validators.append(_at_most(self.case.open_headcount))


def _at_most(limit: int) -> Any:
    from django.core.validators import MaxValueValidator

    return MaxValueValidator(limit, message=_("At most %(limit_value)s people are still needed."))


ITEM_WORKFLOW = declare_workflow(
    ServicePlanItem,
    states=ItemState,
    initial=ItemState.PLANNED,
    todo_states={ItemState.PLANNED, ItemState.IN_PROGRESS},
    final_states={ItemState.DONE, ItemState.DROPPED},
    slug="plan-items",
)
OPEN = {ItemState.PLANNED, ItemState.IN_PROGRESS}
ITEM_WORKFLOW.add(
    "start", _("Start"), source={ItemState.PLANNED}, target=ItemState.IN_PROGRESS, permission=PLAN_EDIT
)
ITEM_WORKFLOW.add(
    "record_progress",
    _("Record progress"),
    source={ItemState.IN_PROGRESS},
    target=None,
    permission=PLAN_EDIT,
    form=ProgressForm,
    button="outline-primary",
)
ITEM_WORKFLOW.add(
    "complete", _("Complete"), source=OPEN, target=ItemState.DONE, permission=PLAN_EDIT, form=CompleteForm
)
ITEM_WORKFLOW.add(
    "drop",
    _("Drop"),
    source=OPEN,
    target=ItemState.DROPPED,
    permission=PLAN_EDIT,
    requires_reason=True,
    button="outline-danger",
)

DEMAND_WORKFLOW = declare_workflow(
    LabourDemand,
    states=DemandState,
    initial=DemandState.OPEN,
    final_states={DemandState.FILLED, DemandState.WITHDRAWN},
    slug="labour-demands",
)
DEMAND_OPEN = {DemandState.OPEN, DemandState.PARTLY_FILLED}
DEMAND_WORKFLOW.add(
    "record_hires", _("Record hires"), source=DEMAND_OPEN, target=None, permission=DEMAND_EDIT, form=HiresForm
)
# Taken by "record hires" as the count reaches part or all of the headcount, never offered on their own.
DEMAND_WORKFLOW.add(
    "partly_fill",
    _("Partly filled"),
    source={DemandState.OPEN},
    target=DemandState.PARTLY_FILLED,
    permission=DEMAND_EDIT,
    offered=False,
)
DEMAND_WORKFLOW.add(
    "fill", _("Filled"), source=DEMAND_OPEN, target=DemandState.FILLED, permission=DEMAND_EDIT, offered=False
)
DEMAND_WORKFLOW.add(
    "withdraw",
    _("Withdraw"),
    source=DEMAND_OPEN,
    target=DemandState.WITHDRAWN,
    permission=DEMAND_EDIT,
    requires_reason=True,
    button="outline-danger",
)
