"""Policy direct delivery's routes for the permission matrix (filled as its pages land)."""

from __future__ import annotations

ROUTES: list = []

# --- Matching and delivery: policies for you, the calculator, the staff's matches ------------------
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route  # noqa: E402

MATCH_READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER, Role.STREET_STAFF}
MATCH_EXPORTERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}


def _matches(world: Any) -> dict[str, Any]:
    """An enterprise item matched to A1 and B1 (A1's user is the world's enterprise user) and a person
    item matched to resident A1 (the world's individual)."""
    if "policy_matches" not in world.people:
        from hrbureau.enterprises.models import Enterprise
        from hrbureau.people.models import Person
        from hrbureau.policies import matching
        from hrbureau.policies.models import PolicyItem, PolicyMatch

        Enterprise.objects.filter(pk__in=[world.enterprises[k].pk for k in ("a1", "b1")]).update(
            employees=150
        )
        Person.objects.filter(pk=world.people["a1"].pk).update(employment_status="unemployed")
        guide = {
            "guide_materials": "材料",
            "guide_steps": "步骤",
            "guide_where": "地点",
            "guide_contact": "12333",
            "state": "published",
        }
        item = PolicyItem.objects.create(
            number="PM-1",
            title="稳岗补贴",
            eligibility={"field": "employees", "op": "gte", "value": 100},
            **guide,
        )
        person_item = PolicyItem.objects.create(
            number="PM-2",
            title="创业补贴",
            beneficiary="person",
            eligibility={"field": "employment_status", "op": "eq", "value": "unemployed"},
            **guide,
        )
        matching.match_item(item=item)
        matching.match_item(item=person_item)
        world.people["policy_matches"] = {
            "a1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["a1"]),
            "b1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["b1"]),
            "person": PolicyMatch.objects.get(item=person_item),
        }
    return world.people["policy_matches"]  # type: ignore[no-any-return]


def _path(template: str) -> Any:
    def url(world: Any) -> str:
        found = _matches(world)
        return template.format(**{key: match.pk for key, match in found.items()})

    return url


def _own_cards(world: Any) -> dict[str, set[str]]:
    found = _matches(world)
    return {
        f'data-testid="match-{found["a1"].pk}"': {Role.ENTERPRISE},
        f'data-testid="match-{found["b1"].pk}"': set(),
        f'data-testid="match-{found["person"].pk}"': {Role.INDIVIDUAL},
    }


def _staff_rows(world: Any) -> dict[str, set[str]]:
    _matches(world)
    return {
        world.enterprises["a1"].name: MATCH_READERS,
        world.enterprises["b1"].name: MATCH_EXPORTERS,
        world.enterprises["a2"].name: set(),
    }


ROUTES += [
    Route(
        "policies:portal",
        _path("/policies/mine/"),
        allowed={Role.ENTERPRISE, Role.INDIVIDUAL},
        rows=_own_cards,
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{a1}/"), allowed={Role.ENTERPRISE}, label="enterprise"
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{person}/"), allowed={Role.INDIVIDUAL}, label="person"
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{b1}/"), allowed=set(), label="another enterprise's"
    ),
    Route("policies:calculator", "/policies/calculator/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route("policies:matches", _path("/policies/matches/"), allowed=MATCH_READERS, rows=_staff_rows),
    Route(
        "policies:matches",
        _path("/policies/matches/?export=xlsx"),
        allowed=MATCH_EXPORTERS,
        label="export",
        export="policies.export_policymatch",
    ),
    Route("policies:match_counts", _path("/policies/matches/by-item/"), allowed=MATCH_READERS),
]
