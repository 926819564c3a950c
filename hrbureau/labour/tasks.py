"""Background tasks of labour-risk early warning (run by the worker that ``manage.py serve`` starts)."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_scores_task() -> dict[str, float]:
    from hrbureau.labour.scoring import compute_scores

    run = compute_scores()
    return {"enterprises": run.enterprises, "seconds": round(run.seconds, 2)}
