"""Policy direct delivery's background tasks (run by the worker that ``manage.py serve`` starts)."""

from __future__ import annotations

from django_tasks import task


@task()
def match_item_task(item_id: int) -> dict[str, int]:
    """Match a just-published item over the district and push the new matches."""
    from hrbureau.policies.matching import match_item
    from hrbureau.policies.models import PolicyItem

    item = PolicyItem.objects.filter(pk=item_id).first()
    if item is None:
        return {"new": 0, "flagged": 0, "unflagged": 0}
    result = match_item(item=item)
    return {"new": result.new, "flagged": result.flagged, "unflagged": result.unflagged}


@task()
def rematch_enterprise_task(enterprise_id: int) -> dict[str, int]:
    """Re-evaluate the published enterprise items for one enterprise whose record changed."""
    from hrbureau.policies.matching import rematch_enterprise

    result = rematch_enterprise(enterprise_id)
    return {"new": result.new, "flagged": result.flagged, "unflagged": result.unflagged}


@task()
def rematch_person_task(person_id: int) -> dict[str, int]:
    """Re-evaluate the published person items for one person whose record changed."""
    from hrbureau.policies.matching import rematch_person

    result = rematch_person(person_id)
    return {"new": result.new, "flagged": result.flagged, "unflagged": result.unflagged}
