from hrbureau.core.workflow import transition
from hrbureau.tests.example.workflows import WORKFLOW


@WORKFLOW.performs("close", case="demand")
def demand_close(*, actor, demand, on):
    return transition(demand, "close", actor=actor, data={"on": on}, fields={"closed_on": on})
