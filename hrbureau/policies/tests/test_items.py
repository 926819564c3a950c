"""The policy library: drafts written and edited by the department, reviewed and published by another
person (maker ≠ checker) only with their claim guide, withdrawn with a reason, expired by the sweep; the
pages (library list, item page with the preview, the draft's form, documents, packages, the public
library)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hrbureau.core import periodic
from hrbureau.core.actions import offers
from hrbureau.core.models import CaseEvent
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.policies import library
from hrbureau.policies.choices import ItemState
from hrbureau.policies.models import PolicyItem, PolicyPackage
from hrbureau.policies.tests.items import make_item, published_item

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_draft_is_reviewed_and_published_by_another_person(world: Any) -> None:
    staff, head = world.users["dept_staff"], world.users["dept_head"]
    item = make_item(staff, eligibility={"field": "employees", "op": "gte", "value": 10})
    assert item.state == ItemState.DRAFTED
    assert item.edited_by == staff
    assert item.eligibility == {"field": "employees", "op": "gte", "value": "10"}  # normalised
    library.item_review(actor=head, item=item)
    library.item_publish(actor=head, item=item, on=dt.date(2026, 3, 2))
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    assert item.published_on == dt.date(2026, 3, 2)
    steps = list(
        CaseEvent.objects.filter(case_type="policies.policyitem", case_id=item.pk).values_list(
            "name", flat=True
        )
    )
    assert steps == ["create", "review", "publish"]


def test_the_drafter_may_not_review_or_publish_their_own_draft(world: Any) -> None:
    head = world.users["dept_head"]
    item = make_item(head)
    assert [o.name for o in offers(item, head)] == []
    with translation.override("en"), pytest.raises(TransitionError, match="another person"):
        library.item_review(actor=head, item=item)
    # A draft another wrote, then edited by the head: the head is now its maker.
    other = make_item(world.users["dept_staff"], "T-2")
    library.item_update(actor=head, item=other, **_values(other, title="改过的标题"))
    other.refresh_from_db()
    with translation.override("en"), pytest.raises(TransitionError, match="another person"):
        library.item_review(actor=head, item=other)


def _values(item: PolicyItem, **changes: Any) -> dict[str, Any]:
    values = {name: getattr(item, name) for name in library.EDITABLE}
    values.update(changes)
    return values


def test_no_review_without_the_claim_guide(world: Any) -> None:
    item = make_item(world.users["dept_staff"], guide_where="")
    with translation.override("en"), pytest.raises(TransitionError, match="claim guide"):
        library.item_review(actor=world.users["dept_head"], item=item)


def test_send_back_and_withdraw_need_a_reason_and_only_a_draft_is_edited(world: Any) -> None:
    head, staff = world.users["dept_head"], world.users["dept_staff"]
    item = make_item(staff)
    library.item_review(actor=head, item=item)
    with pytest.raises(ValidationError):
        library.item_update(actor=staff, item=item, **_values(item))
    with pytest.raises(TransitionError):
        library.item_send_back(actor=head, item=item, reason="")
    library.item_send_back(actor=head, item=item, reason="补充材料清单")
    assert item.state == ItemState.DRAFTED
    library.item_review(actor=head, item=item)
    library.item_publish(actor=head, item=item)
    with pytest.raises(TransitionError):
        library.item_withdraw(actor=head, item=item, reason=" ")
    library.item_withdraw(actor=head, item=item, reason="政策调整")
    assert item.state == ItemState.WITHDRAWN


def test_eligibility_is_validated_with_a_translated_message(world: Any) -> None:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        make_item(world.users["dept_staff"], eligibility={"field": "colour", "op": "eq", "value": 1})
    assert "未知字段" in raised.value.message_dict["eligibility"][0]


def test_the_sweep_expires_published_items_past_their_validity(world: Any) -> None:
    today = timezone.localdate()
    ended = published_item(world, "T-E", valid_to=today - dt.timedelta(days=1))
    running = published_item(world, "T-R", valid_to=today)
    draft = make_item(world.users["dept_staff"], "T-D", valid_to=today - dt.timedelta(days=5))
    done = periodic.run_due(today)
    assert any("policies: expired items" in line for line in done)
    states = dict(PolicyItem.objects.values_list("number", "state"))
    assert states == {"T-E": ItemState.EXPIRED, "T-R": ItemState.PUBLISHED, "T-D": ItemState.DRAFTED}
    assert (
        CaseEvent.objects.filter(case_id=ended.pk, case_type="policies.policyitem", name="expire").count()
        == 1
    )
    assert library.expire_due(today) is None  # nothing left to do
    assert running
    assert draft


def test_the_preview_counts_samples_and_says_each_condition(world: Any) -> None:
    for n in (5, 12, 30):
        EnterpriseFactory(employees=n)
    EnterpriseFactory(employees=None)
    item = make_item(world.users["dept_staff"], eligibility={"field": "employees", "op": "gte", "value": 10})
    expected = Enterprise.objects.filter(employees__gte=10).count()
    with translation.override("en"):
        shown = library.preview(item)
    assert shown.count == expected
    assert len(shown.sample) == min(expected, 20)
    assert shown.lines == [{"text": "employees is at least 10", "depth": 0}]


# --- pages ----------------------------------------------------------------------------------------


def test_the_library_pages_for_staff(world: Any) -> None:
    staff = _client(world.users["dept_staff"])
    item = make_item(
        world.users["dept_staff"], eligibility={"all": [{"field": "employees", "op": "gte", "value": 10}]}
    )
    page = staff.get(reverse("policies:items"))
    assert page.status_code == 200
    assert item.title in page.content.decode()
    detail = staff.get(reverse("policies:item", args=[item.pk]))
    body = detail.content.decode()
    assert 'data-testid="item-preview"' in body
    assert 'data-testid="claim-guide"' in body
    assert 'data-testid="near-miss-groups"' in body
    export = staff.get(reverse("policies:items") + "?export=xlsx")
    assert export.status_code == 200


def test_a_draft_is_written_and_previewed_through_its_form(world: Any) -> None:
    staff = _client(world.users["dept_staff"])
    EnterpriseFactory(employees=50)
    data = {
        "number": "F-1",
        "title": "稳岗补贴",
        "beneficiary": "enterprise",
        "kind": "apply",
        "amount_rule": "fixed",
        "amount": "5000",
        "grant_period": "year",
        "approval_levels": "1",
        "eligibility": '{"all": [{"field": "employees", "op": "gte", "value": 10}]}',
        "guide_materials": "材料",
        "guide_steps": "步骤",
        "guide_where": "窗口",
        "guide_contact": "电话",
    }
    preview = staff.post(reverse("policies:item_create"), {**data, "preview": "1"})
    assert preview.status_code == 200
    assert 'data-testid="preview-count"' in preview.content.decode()
    assert not PolicyItem.objects.filter(number="F-1").exists()
    with translation.override("zh-hans"):
        bad = staff.post(
            reverse("policies:item_create"), {**data, "eligibility": '{"field": "x", "op": "eq"}'}
        )
    assert bad.status_code == 200
    assert 'data-field-error="eligibility"' in bad.content.decode()
    saved = staff.post(reverse("policies:item_create"), data)
    item = PolicyItem.objects.get(number="F-1")
    assert saved.status_code == 302
    assert item.edited_by == world.users["dept_staff"]
    edit = staff.post(reverse("policies:item_edit", args=[item.pk]), {**data, "title": "稳岗返还"})
    assert edit.status_code == 302
    item.refresh_from_db()
    assert item.title == "稳岗返还"


def test_documents_and_packages(world: Any) -> None:
    staff = _client(world.users["dept_staff"])
    made = staff.post(
        reverse("policies:document_create"),
        {"title": "关于印发惠企政策的通知", "doc_number": "区人社〔2026〕1号"},
    )
    assert made.status_code == 302
    made = staff.post(
        reverse("policies:package_create"),
        {"code": "hui-11", "name": "助企纾困“惠十一条”", "announced_items": "11"},
    )
    assert made.status_code == 302
    package = PolicyPackage.objects.get(code="hui-11")
    assert staff.get(reverse("policies:package", args=[package.pk])).status_code == 200
    assert staff.get(reverse("policies:packages")).status_code == 200
    assert staff.get(reverse("policies:documents")).status_code == 200
    # The leader reads, but does not write.
    assert _client(world.users["leader"]).get(reverse("policies:package_create")).status_code == 403


def test_the_public_library_shows_published_items_only_without_sign_in(world: Any) -> None:
    shown = published_item(world, "P-1", title="公开的政策")
    hidden = make_item(world.users["dept_staff"], "P-2", title="草稿政策")
    page = Client().get(reverse("policies:public_library"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "公开的政策" in body
    assert "草稿政策" not in body
    one = Client().get(reverse("policies:public_item", args=[shown.pk]))
    assert one.status_code == 200
    assert "0571-12345678" in one.content.decode()
    assert Client().get(reverse("policies:public_item", args=[hidden.pk])).status_code == 404
    assert Client().get(reverse("policies:public_library") + "?q=公开").status_code == 200


def test_street_staff_see_the_preview_and_near_misses_of_their_street_only(world: Any) -> None:
    ours = EnterpriseFactory(employees=50, street=world.units["street-a"], name="本街道企业")
    theirs = EnterpriseFactory(employees=50, street=world.units["street-b"], name="外街道企业")
    item = make_item(world.users["dept_staff"], eligibility={"field": "employees", "op": "gte", "value": 10})
    street = library.preview(item, user=world.users["street_staff"])
    district = library.preview(item, user=world.users["dept_staff"])
    sampled = {e.pk for e in street.sample}
    assert ours.pk in sampled
    assert theirs.pk not in sampled
    assert street.count < district.count
    body = _client(world.users["street_staff"]).get(reverse("policies:item", args=[item.pk])).content.decode()
    assert "本街道企业" in body
    assert "外街道企业" not in body
