"""The demo's applications and grants: applications in every state, last year's no-application list
confirmed and announced with its grants, this year's waiting; a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.policies.choices import ApplicationState, GrantChannel, GrantListState
from hrbureau.policies.models import Grant, GrantList, PolicyApplication

ARGS = ("--enterprises", "300", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_applications_in_every_state_and_announced_grants(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    states = set(PolicyApplication.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)
    assert Grant.objects.filter(channel=GrantChannel.APPLICATION).exists()
    lists = dict(GrantList.objects.values_list("state", "period"))
    assert GrantListState.ANNOUNCED in lists
    assert GrantListState.GENERATED in lists
    assert Grant.objects.filter(channel=GrantChannel.EXEMPT_LIST).exists()
    before = (PolicyApplication.objects.count(), Grant.objects.count(), GrantList.objects.count())
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert (PolicyApplication.objects.count(), Grant.objects.count(), GrantList.objects.count()) == before
