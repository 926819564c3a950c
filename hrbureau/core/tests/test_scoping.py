"""for_user: each role sees exactly its scope; a missing binding sees nothing, never everything."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person


def _names(queryset: Any) -> set[str]:
    return set(queryset.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("user", "enterprises"),
    [
        ("sysadmin", {"A1", "A2", "B1", "B2"}),
        ("leader", {"A1", "A2", "B1", "B2"}),
        ("dept_staff", {"A1", "A2", "B1", "B2"}),
        ("integration", {"A1", "A2", "B1", "B2"}),
        ("street_staff", {"A1", "A2"}),
        ("grid_worker", {"A1"}),
        ("enterprise", {"A1"}),
        ("individual", set()),  # a person has no enterprise view
    ],
)
def test_enterprises_for_each_role(user: str, enterprises: set[str], world: Any) -> None:
    seen = _names(Enterprise.objects.for_user(world.users[user]))
    assert seen == {f"企业{key}科技有限公司" for key in enterprises}


@pytest.mark.parametrize(
    ("user", "people"),
    [
        ("dept_head", {"A1", "A2", "B1", "B2"}),
        ("street_staff", {"A1", "A2"}),
        ("grid_worker", {"A1"}),
        ("individual", {"A1"}),
        ("enterprise", set()),
        ("integration", set()),
    ],
)
def test_people_for_each_role(user: str, people: set[str], world: Any) -> None:
    assert _names(Person.objects.for_user(world.users[user])) == {f"居民{key}" for key in people}


def test_a_street_worker_without_a_street_sees_nothing(world: Any) -> None:
    orphan = User.objects.create_user(username="orphan", password="x", role=Role.STREET_STAFF)
    assert orphan.scope.kind == "nothing"
    assert not Enterprise.objects.for_user(orphan).exists()


def test_a_street_worker_bound_to_a_grid_is_not_given_the_grid(world: Any) -> None:
    # Street staff must be bound to a street; bound to anything else they see nothing.
    odd = User.objects.create_user(
        username="odd", password="x", role=Role.STREET_STAFF, org_unit=world.units["grid-a1"]
    )
    assert not Enterprise.objects.for_user(odd).exists()


def test_an_enterprise_user_without_an_enterprise_sees_nothing(world: Any) -> None:
    unbound = User.objects.create_user(username="unbound", password="x", role=Role.ENTERPRISE)
    assert not Enterprise.objects.for_user(unbound).exists()


def test_inactive_and_anonymous_users_see_nothing(world: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    leader = world.users["leader"]
    leader.is_active = False
    leader.save()
    assert not Enterprise.objects.for_user(leader).exists()
    assert not Enterprise.objects.for_user(AnonymousUser()).exists()


def test_get_for_user_distinguishes_outside_scope_from_missing(world: Any) -> None:
    street_staff = world.users["street_staff"]
    inside = world.enterprises["a2"]
    outside = world.enterprises["b1"]
    assert get_for_user_or_404(Enterprise.objects.all(), street_staff, pk=inside.pk) == inside
    with pytest.raises(PermissionDenied):
        get_for_user_or_404(Enterprise.objects.all(), street_staff, pk=outside.pk)
    with pytest.raises(Http404):
        get_for_user_or_404(Enterprise.objects.all(), street_staff, pk=10**9)


def test_a_register_names_the_permission_that_lets_one_see_it(world: Any) -> None:
    """``ScopePaths(permission=...)``: records whose view permission is named for the register (an
    HR-service agency: ``hrmarket.view_agency``, not ``hrmarket.view_hragency``) are seen by its holders,
    by no one else, and ``may_see`` agrees with the list."""
    import datetime as dt

    from hrbureau.core.scoping import may_see, scope_queryset, view_permission
    from hrbureau.hrmarket.models import HRAgency

    assert view_permission(HRAgency) == "hrmarket.view_agency"
    agency = HRAgency.objects.create(
        enterprise=world.enterprises["a1"],
        licence_no="HR-SCOPE",
        licence_kind="hr_service",
        licensed_on=dt.date(2024, 1, 1),
    )
    for key, sees in (("dept_staff", True), ("leader", True), ("street_staff", False), ("enterprise", False)):
        user = world.users[key]
        assert user.has_perm("hrmarket.view_agency") is sees, key
        assert scope_queryset(HRAgency.objects.all(), user).filter(pk=agency.pk).exists() is sees, key
        assert may_see(user, agency) is sees, key
