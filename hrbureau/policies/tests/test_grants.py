"""Grants: one per enterprise per item per period across every channel (application, grant list, import),
refused with nothing half-written; 免申即享 lists generated from the data set-based, reviewed (struck
out), confirmed by another department head, announced — then each enterprise sees its own grant only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.workflow import TransitionError
from hrbureau.policies import applications, grants
from hrbureau.policies.choices import DeliveryKind, GrantChannel, GrantListState
from hrbureau.policies.models import Grant, GrantList, GrantListEntry, PolicyApplication
from hrbureau.policies.tests.conftest import published_item

pytestmark = pytest.mark.django_db


def _exempt(**fields: Any) -> Any:
    defaults = {"amount_rule": "per_employee", "amount": Decimal("333.333"), "amount_cap": Decimal("20000")}
    defaults.update(fields)
    return published_item(kind=DeliveryKind.EXEMPT, **defaults)


def _generate(world: Any, item: Any, year: int = 2026) -> GrantList:
    return grants.grantlist_generate(
        actor=world.user("dept_staff"), item=item, year=year, on=dt.date(2026, 5, 1)
    )


def _head2(world: Any) -> User:
    return User.objects.create_user(
        username="head2",
        password="Secret#2026",
        role=Role.DEPT_HEAD,
        org_unit=world.units["labour_relations"],
    )


def _paid_application(world: Any, item: Any, key: str = "a1") -> PolicyApplication:
    application = applications.application_submit(
        actor=world.user("enterprise"), item=item, enterprise=world.enterprises[key], on=dt.date(2026, 3, 2)
    )
    applications.application_start_review(actor=world.user("dept_staff"), application=application)
    applications.application_approve(actor=world.user("dept_head"), application=application, final=True)
    applications.application_pay(
        actor=world.user("dept_staff"),
        application=application,
        amount="5000",
        reference="R1",
        paid_on=dt.date(2026, 4, 1),
    )
    return application


def test_the_database_itself_refuses_a_second_grant(world, item):
    row = {
        "item": item,
        "enterprise": world.enterprises["a1"],
        "period": "2026",
        "granted_on": dt.date(2026, 1, 9),
    }
    Grant.objects.create(channel=GrantChannel.IMPORT, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(channel=GrantChannel.EXEMPT_LIST, **row)
    # Another period is another grant.
    Grant.objects.create(channel=GrantChannel.IMPORT, **{**row, "period": "2027"})


def test_after_an_application_a_list_and_an_import_are_refused(world):
    item = published_item(kind=DeliveryKind.APPLY)
    _paid_application(world, item)
    assert Grant.objects.count() == 1
    # The import of the same enterprise, item and period: refused, nothing written (not even the good row).
    rows = [
        {
            "item": item.number,
            "uscc": world.enterprises["b1"].uscc,
            "amount": "100",
            "granted_on": "2026-06-01",
        },
        {
            "item": item.number,
            "uscc": world.enterprises["a1"].uscc,
            "amount": "100",
            "granted_on": "2026-06-01",
        },
    ]
    with pytest.raises(ValidationError) as error:
        grants.grant_import(actor=world.user("dept_staff"), rows=rows)
    assert "already" in " ".join(error.value.messages) or "已" in " ".join(error.value.messages)
    assert Grant.objects.count() == 1
    # Directly through the one grant service too.
    with pytest.raises(ValidationError):
        grants.grant_record(
            item=item,
            enterprise=world.enterprises["a1"],
            period="2026",
            amount=Decimal(1),
            granted_on=dt.date(2026, 6, 1),
            channel=GrantChannel.IMPORT,
        )
    assert Grant.objects.count() == 1


def test_after_a_list_an_application_and_an_import_are_refused(world):
    item = _exempt()
    grant_list = _generate(world, item)
    grants.grantlist_confirm(actor=world.user("dept_head"), grant_list=grant_list, on=dt.date(2026, 5, 2))
    granted = Grant.objects.filter(grant_list=grant_list).count()
    assert granted == 4
    # An import of an enterprise already on the list: refused, nothing written.
    with pytest.raises(ValidationError):
        grants.grant_import(
            actor=world.user("dept_staff"),
            rows=[
                {"item": item.number, "uscc": world.enterprises["a2"].uscc, "amount": "1", "period": "2026"}
            ],
        )
    assert Grant.objects.count() == granted
    # A second list of the same period finds nobody left.
    assert _generate(world, item).entries.count() == 0


def test_after_an_import_an_application_and_a_list_skip_or_refuse(world):
    item = published_item(kind=DeliveryKind.APPLY)
    assert (
        grants.grant_import(
            actor=world.user("dept_staff"),
            rows=[
                {
                    "item": item.number,
                    "uscc": world.enterprises["a1"].uscc,
                    "amount": "800",
                    "granted_on": "2026-02-01",
                }
            ],
        )
        == 1
    )
    grant = Grant.objects.get()
    assert (grant.channel, grant.period, grant.amount) == (GrantChannel.IMPORT, "2026", Decimal("800.00"))
    with pytest.raises(ValidationError):
        applications.application_submit(
            actor=world.user("enterprise"),
            item=item,
            enterprise=world.enterprises["a1"],
            on=dt.date(2026, 3, 1),
        )
    assert not PolicyApplication.objects.exists()


def test_a_payout_after_a_grant_by_another_channel_is_refused_and_nothing_changes(world):
    item = published_item(kind=DeliveryKind.APPLY)
    application = applications.application_submit(
        actor=world.user("enterprise"), item=item, enterprise=world.enterprises["a1"], on=dt.date(2026, 3, 2)
    )
    applications.application_start_review(actor=world.user("dept_staff"), application=application)
    applications.application_approve(actor=world.user("dept_head"), application=application, final=True)
    # Meanwhile the same grant arrives by an import.
    grants.grant_import(
        actor=world.user("dept_staff"),
        rows=[{"item": item.number, "uscc": world.enterprises["a1"].uscc, "amount": "1", "period": "2026"}],
    )
    with pytest.raises(ValidationError):
        applications.application_pay(
            actor=world.user("dept_staff"), application=application, amount="5000", reference="R"
        )
    application.refresh_from_db()
    assert application.state == "approved"
    assert application.paid_on is None
    assert Grant.objects.count() == 1


def test_an_import_with_a_bad_row_writes_nothing(world, item):
    rows = [
        {"item": item.number, "uscc": world.enterprises["a1"].uscc, "amount": "100"},
        {"item": "NO-SUCH", "uscc": world.enterprises["b1"].uscc, "amount": "x"},
        {"item": item.number, "uscc": world.enterprises["a1"].uscc, "amount": "100"},
    ]
    with pytest.raises(ValidationError) as error:
        grants.grant_import(actor=world.user("dept_staff"), rows=rows)
    assert any("2" in m for m in error.value.messages)
    assert not Grant.objects.exists()


def test_a_list_is_generated_from_the_data_with_amounts_to_the_fen(world):
    world.enterprises["a1"].employees = 3
    world.enterprises["a1"].save()
    world.enterprises["b2"].employees = 1000  # 333,333 yuan: capped at 20,000
    world.enterprises["b2"].save()
    world.enterprises["b1"].employees = 4
    world.enterprises["b1"].save()
    item = _exempt(eligibility={"field": "employees", "op": "lte", "value": 1000})
    # a2 was granted by an import this period: left off.
    grants.grant_import(
        actor=world.user("dept_staff"),
        rows=[{"item": item.number, "uscc": world.enterprises["a2"].uscc, "amount": "1", "period": "2026"}],
    )
    grant_list = _generate(world, item)
    amounts = {e.enterprise_id: e.amount for e in grant_list.entries.all()}
    assert amounts == {
        world.enterprises["a1"].pk: Decimal("1000.00"),  # 3 × 333.333 = 999.999 → 1,000.00
        world.enterprises["b1"].pk: Decimal("1333.33"),  # 4 × 333.333 = 1,333.332
        world.enterprises["b2"].pk: Decimal("20000.00"),
    }
    grant_list.refresh_from_db()
    assert grant_list.total_amount == Decimal("22333.33")
    assert grant_list.state == GrantListState.GENERATED
    assert grant_list.period == "2026"
    # A second list while this one waits: refused.
    with pytest.raises(ValidationError):
        _generate(world, item)


def test_review_strike_confirm_by_another_head_and_announce(world, client_for):
    item = _exempt(amount_rule="fixed", amount=Decimal("2000"))
    grant_list = grants.grantlist_generate(
        actor=world.user("dept_head"), item=item, year=2026, on=dt.date(2026, 5, 1)
    )
    entry_b1 = grant_list.entries.get(enterprise=world.enterprises["b1"])
    grants.grantlist_strike(
        actor=world.user("dept_staff"), grant_list=grant_list, entry=entry_b1, reason="已注销"
    )
    entry_b1.refresh_from_db()
    assert entry_b1.excluded
    assert entry_b1.exclude_reason == "已注销"
    assert grant_list.total_amount == Decimal("6000.00")
    # The head who generated it may not confirm it; staff may not at all.
    with pytest.raises(TransitionError):
        grants.grantlist_confirm(actor=world.user("dept_head"), grant_list=grant_list)
    head2 = _head2(world)
    grants.grantlist_confirm(actor=head2, grant_list=grant_list, on=dt.date(2026, 5, 3))
    created = Grant.objects.filter(grant_list=grant_list)
    assert created.count() == 3
    assert not created.filter(enterprise=world.enterprises["b1"]).exists()
    assert set(created.values_list("channel", flat=True)) == {GrantChannel.EXEMPT_LIST}
    assert all(g.amount == Decimal("2000.00") and g.street_id == g.enterprise.street_id for g in created)
    # Before the announcement the enterprise does not see its grant; after it, only its own.
    enterprise = world.user("enterprise")
    assert not grants.visible_grants(enterprise).exists()
    grants.grantlist_announce(actor=head2, grant_list=grant_list, on=dt.date(2026, 5, 10))
    grant_list.refresh_from_db()
    assert grant_list.state == GrantListState.ANNOUNCED
    assert grant_list.announced_on == dt.date(2026, 5, 10)
    assert list(grants.visible_grants(enterprise).values_list("enterprise_id", flat=True)) == [
        world.enterprises["a1"].pk
    ]
    page = client_for("enterprise").get("/policies/my/grants/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2000.00" in text
    assert item.title in text
    # The list's page is the department's: the enterprise is refused.
    assert client_for("enterprise").get(f"/policies/grant-lists/{grant_list.pk}/").status_code == 403
    assert client_for("dept_staff").get(f"/policies/grant-lists/{grant_list.pk}/").status_code == 200


def test_confirm_is_refused_whole_when_one_entry_was_granted_meanwhile(world):
    item = _exempt()
    grant_list = _generate(world, item)
    grants.grant_import(
        actor=world.user("dept_staff"),
        rows=[{"item": item.number, "uscc": world.enterprises["b2"].uscc, "amount": "1", "period": "2026"}],
    )
    with pytest.raises(ValidationError):
        grants.grantlist_confirm(actor=world.user("dept_head"), grant_list=grant_list)
    grant_list.refresh_from_db()
    assert grant_list.state == GrantListState.GENERATED
    assert Grant.objects.filter(grant_list=grant_list).count() == 0
    # Struck out, the list is confirmed.
    entry = grant_list.entries.get(enterprise=world.enterprises["b2"])
    grants.grantlist_strike(
        actor=world.user("dept_staff"), grant_list=grant_list, entry=entry, reason="已由导入发放"
    )
    grants.grantlist_confirm(actor=world.user("dept_head"), grant_list=grant_list)
    assert Grant.objects.filter(grant_list=grant_list).count() == 3


def test_the_generate_page_and_the_lists(world, client_for):
    item = _exempt()
    client = client_for("dept_staff")
    response = client.post("/policies/grant-lists/new/", {"item": item.pk, "year": 2026})
    grant_list = GrantList.objects.get()
    assert response.status_code == 302
    assert response.url == f"/policies/grant-lists/{grant_list.pk}/"
    assert GrantListEntry.objects.filter(grant_list=grant_list).count() == 4
    for url in ("/policies/grant-lists/", "/policies/grants/", "/policies/applications/"):
        assert client.get(url).status_code == 200, url
    assert client_for("enterprise").get("/policies/grant-lists/").status_code == 403


def test_two_writers_at_once_the_constraint_refuses_the_second_as_a_message(world, item, monkeypatch):
    """When the check before writing passes for both (they ran at the same moment), the database's
    constraint refuses the second, and the refusal is the same translated message, not a crash."""
    row = {
        "item": item,
        "enterprise": world.enterprises["a1"],
        "period": "2026",
        "granted_on": dt.date(2026, 2, 1),
    }
    grants.grant_record(channel=GrantChannel.IMPORT, amount=None, **row)
    monkeypatch.setattr(grants, "already_granted", lambda **kwargs: False)
    with pytest.raises(ValidationError):
        grants.grant_record(channel=GrantChannel.APPLICATION, amount=None, **row)
    with pytest.raises(ValidationError):
        grants.grants_write([Grant(channel=GrantChannel.EXEMPT_LIST, **row)], checked=True)
    assert Grant.objects.count() == 1


def test_an_xlsx_import_writes_grants_and_rejects_one_already_held(world, item):
    from hrbureau.core.imports.tests.test_imports import commit, upload, xlsx_bytes

    _paid_application(world, item)  # a1 holds the item for 2026 by its application
    header = ["政策编号", "统一社会信用代码", "兑现年度", "金额（元）", "兑现日期"]
    rows = [
        [item.number, world.enterprises["b1"].uscc, "2026", "1,500.5", dt.date(2026, 6, 1)],
        [item.number, world.enterprises["a1"].uscc, "2026", "800", dt.date(2026, 6, 1)],
        [item.number, world.enterprises["b1"].uscc, "2026", "900", dt.date(2026, 6, 2)],  # twice in the file
    ]
    job = commit(world, upload(world, "policy-grants", xlsx_bytes(header, rows)))
    job.refresh_from_db()
    assert job.created_count == 1
    imported = Grant.objects.get(channel=GrantChannel.IMPORT)
    assert (imported.enterprise, imported.amount, imported.period) == (
        world.enterprises["b1"],
        Decimal("1500.50"),
        "2026",
    )
    assert Grant.objects.filter(enterprise=world.enterprises["a1"]).count() == 1  # the application's only
    # In the "update" mode a held grant refuses the whole import: nothing written.
    again = [[item.number, world.enterprises["b2"].uscc, "2026", "10", None], rows[1]]
    refused = commit(world, upload(world, "policy-grants", xlsx_bytes(header, again), mode="update"))
    refused.refresh_from_db()
    assert refused.status == "failed"  # "Failed, nothing imported"
    assert not Grant.objects.filter(enterprise=world.enterprises["b2"]).exists()
