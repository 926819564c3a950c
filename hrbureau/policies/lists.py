"""The policy line's declared lists (``core.lists``). Each helper's lists are kept in a block of their
own below."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.filters import Choice, Search, Where
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, html_of, labelled, link
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies.choices import Beneficiary, DeliveryKind, ItemState
from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyPackage

# --- the policy library: items, documents, packages, near misses (library) ---------------------------


def _package_choices() -> list[tuple[str, str]]:
    return [("", str(gettext_lazy("All packages")))] + [
        (str(p.pk), str(p)) for p in PolicyPackage.objects.order_by("code")
    ]


def _item(i: PolicyItem) -> Any:
    return mark_safe(  # noqa: S308 - escaped
        f'{link("policies:item", i.pk, i.title)}<div class="small text-secondary">{html_of(i.number)}</div>'
    )


ITEMS = ListSpec(
    name="policyitem",
    title=gettext_lazy("Policy library"),
    permission="policies.view_item",
    rows=lambda user: PolicyItem.objects.for_user(user),
    ordering=("number", "id"),
    search=Search(gettext_lazy("Number, title or benefit"), index=PolicyItem.text_index),
    filters=(
        Choice("state", gettext_lazy("State"), ItemState, empty=gettext_lazy("All states")),
        Choice(
            "package",
            gettext_lazy("Package"),
            source=_package_choices,
            coerce=int,
            lookup="package_id",
            api=int,
        ),
        Choice("kind", gettext_lazy("Delivery"), DeliveryKind, empty=gettext_lazy("All")),
        Choice("beneficiary", gettext_lazy("For"), Beneficiary, empty=gettext_lazy("All")),
        unit_filter(
            "department",
            kind=OrgUnitKind.DEPARTMENT,
            label=gettext_lazy("Department"),
            empty=gettext_lazy("All departments"),
        ),
    ),
    columns=(
        Column(gettext_lazy("Number"), "text-code", value=lambda i: i.number, page=False, text=True),
        Column(gettext_lazy("Item"), key="title", value=lambda i: i.title, html=_item),
        Column(gettext_lazy("Package"), value=lambda i: str(i.package) if i.package else ""),
        Column(gettext_lazy("Delivery"), value=labelled(DeliveryKind, "kind")),
        Column(
            gettext_lazy("For"),
            value=labelled(Beneficiary, "beneficiary"),
            page=False,
        ),
        Column(
            gettext_lazy("Department"), value=lambda i: str(i.department) if i.department else "", page=False
        ),
        Column(
            gettext_lazy("Amount (yuan)"),
            "text-end",
            value=lambda i: i.amount if i.amount is not None else "",
        ),
        Column(gettext_lazy("Valid until"), value=lambda i: i.valid_to or "", page=False),
        Column(gettext_lazy("State"), key="state", value=labelled(ItemState)),
    ),
    page_related=("package", "department"),
    export=Export("policies.export_item", filename="policy-items", related=("package", "department")),
    empty=gettext_lazy("No policy items match."),
    actions=(
        Action(
            gettext_lazy("Packages"),
            "policies:packages",
            "policies.view_item",
            icon="stack-2",
            testid="packages",
        ),
        Action(
            gettext_lazy("Documents"),
            "policies:documents",
            "policies.view_item",
            icon="file-text",
            testid="documents",
        ),
        Action(
            gettext_lazy("Write an item"),
            "policies:item_create",
            "policies.manage_item",
            primary=True,
            testid="write-item",
        ),
    ),
)

DOCUMENTS = ListSpec(
    name="policydocument",
    title=gettext_lazy("Policy documents"),
    permission="policies.view_item",
    rows=lambda user: PolicyDocument.objects.for_user(user),
    ordering=("-id",),
    columns=(
        Column(
            gettext_lazy("Title"),
            value=lambda d: d.title,
            html=lambda d: link("policies:document", d.pk, d.title),
        ),
        Column(gettext_lazy("Document number"), value=lambda d: d.doc_number, text=True),
        Column(gettext_lazy("Issued by"), value=lambda d: d.issuer),
        Column(gettext_lazy("Issued on"), value=lambda d: d.issued_on or ""),
    ),
    export=Export("policies.export_item", filename="policy-documents"),
    empty=gettext_lazy("No policy documents yet."),
    actions=(
        Action(
            gettext_lazy("Add a document"),
            "policies:document_create",
            "policies.manage_item",
            primary=True,
            testid="add-document",
        ),
    ),
)

PACKAGES = ListSpec(
    name="policypackage",
    title=gettext_lazy("Policy packages"),
    permission="policies.view_item",
    rows=lambda user: PolicyPackage.objects.for_user(user),
    ordering=("code",),
    columns=(
        Column(gettext_lazy("Code"), "text-code", value=lambda p: p.code, text=True),
        Column(
            gettext_lazy("Name"),
            value=lambda p: str(p),
            html=lambda p: link("policies:package", p.pk, str(p)),
        ),
        Column(gettext_lazy("Items announced"), "text-end", value=lambda p: p.announced_items),
    ),
    export=Export("policies.export_item", filename="policy-packages"),
    empty=gettext_lazy("No policy packages yet."),
    actions=(
        Action(
            gettext_lazy("Add a package"),
            "policies:package_create",
            "policies.manage_item",
            primary=True,
            testid="add-package",
        ),
    ),
)


def _near_miss_filter(value: Any) -> Q:
    """``<item id>.<condition index>``: the enterprises failing only that condition (the page fixes it)."""
    from hrbureau.policies import nearmiss

    try:
        item_id, index = (int(part) for part in str(value).split(".", 1))
    except ValueError:
        return Q(pk__in=[])
    item = PolicyItem.objects.filter(pk=item_id).first()
    if item is None or not nearmiss.lists_near_misses(item):
        return Q(pk__in=[])
    return nearmiss.condition_rows(item, index)


def _add_hints(rows: Any) -> None:
    from hrbureau.policies import nearmiss

    nearmiss.add_hints(rows)


NEAR_MISSES = ListSpec(
    name="nearmiss",
    title=gettext_lazy("Near misses"),
    permission="policies.view_item",
    rows=lambda user: Enterprise.objects.for_user(user).select_related("street"),
    ordering=("id",),
    filters=(
        Where(
            "miss",
            lambda: forms.CharField(required=False, widget=forms.HiddenInput),
            _near_miss_filter,
            hidden=True,
        ),
    ),
    columns=(
        Column(
            gettext_lazy("Enterprise"),
            value=lambda e: e.name,
            html=lambda e: link("enterprises:detail", e.pk, e.name),
        ),
        Column(gettext_lazy("USCC"), "text-code", value=lambda e: e.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda e: e.street.name if e.street else ""),
        Column(gettext_lazy("What is missing"), value=lambda e: getattr(e, "near_miss_hint", "")),
    ),
    prepare=_add_hints,
    export=Export("policies.export_item", filename="policy-near-misses", related=("street",)),
    empty=gettext_lazy("No enterprise fails only this condition."),
    template="policies/item_near_misses.html",
)
