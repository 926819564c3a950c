"""Background tasks of the core mechanisms (run by the worker that ``manage.py serve`` starts)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_outbox_task(ids: list[int]) -> dict[str, int]:
    from hrbureau.core.notifications import deliver_outbox

    return deliver_outbox(ids=ids)


@task()
def sweep_deadlines_task() -> dict[str, int]:
    from hrbureau.core.clocks import sweep_deadlines

    result = sweep_deadlines()
    return {"marked_overdue": result.marked_overdue, **result.steps}


@task(priority=-10)
def demo_load_task(options: dict[str, int]) -> bool:
    """A slice of the demo's background load (``seed_demo --rest-in-background``); queues the next slice
    until every line is loaded. Below the default priority, so real work goes first."""
    from hrbureau.core.demo import continue_in_background

    return continue_in_background(options)
