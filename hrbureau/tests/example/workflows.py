from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.workflow import declare_workflow
from hrbureau.tests.example.models import Demand, DemandState


class CloseForm(ActionForm):
    on = ActDayField(label="Closed on")


WORKFLOW = declare_workflow(
    Demand, states=DemandState, initial="open", todo_states={"open"}, final_states={"closed"}, slug="demands"
)
WORKFLOW.add(
    "close", "Close", source={"open"}, target="closed", permission="example.close_demand", form=CloseForm
)
