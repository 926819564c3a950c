"""Pages of the policy library: the item's page (its summary, claim guide, the authoring preview, the
near-miss groups, the workflow's actions and timeline), the draft's form with its preview, the near-miss
list of one condition, documents and packages, and the public library (no sign-in: published items and
their claim guides). Reads through ``policies.library`` and ``policies.nearmiss``; writes through the
services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hrbureau.core import rules
from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.textsearch import substring_filter
from hrbureau.core.views import permission_required
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies import library, matching, nearmiss
from hrbureau.policies.choices import Beneficiary, ItemState, MatchState
from hrbureau.policies.item_forms import DocumentForm, ItemForm, PackageForm
from hrbureau.policies.lists import NEAR_MISSES
from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyMatch, PolicyPackage
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, PERSON_SUBJECT


def _fields_help() -> dict[str, list[tuple[str, str, str]]]:
    """The fields each subject's conditions may name (for the row editor and the list beside it)."""
    return {
        Beneficiary.ENTERPRISE: list(rules.describe_fields(ENTERPRISE_SUBJECT)),
        Beneficiary.PERSON: list(rules.describe_fields(PERSON_SUBJECT)),
    }


def _operators() -> list[tuple[str, str]]:
    return [(op, str(label)) for op, label in rules.OPERATORS.items()]


def _item_of(request: HttpRequest, pk: int) -> PolicyItem:
    rows = PolicyItem.objects.select_related("package", "document", "department", "edited_by")
    return get_for_user_or_404(rows, request.user, pk=pk)


@permission_required("policies.view_item")
def item_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = _item_of(request, pk)
    recent_visit_record(user=request.user, target=item, label=str(item), url=request.path)
    context: dict[str, Any] = {
        "item": item,
        "preview": library.preview(item, user=request.user),
        "near_miss_groups": (
            nearmiss.groups(item, Enterprise.objects.for_user(request.user))
            if nearmiss.lists_near_misses(item)
            else None
        ),
        "may_edit": item.state == ItemState.DRAFTED and request.user.has_perm("policies.manage_item"),
        "delivery": _delivery(request, item),
        **case_panel(case=item, user=request.user),
    }
    return render(request, "policies/item_detail.html", context)


def _delivery(request: HttpRequest, item: PolicyItem) -> list[dict[str, Any]] | None:
    """What became of the item for those it was pushed to (read → applied → granted / refused, and the
    flagged), over the matches the reader may see, each count a link to the matches it counts."""
    if not request.user.has_perm("policies.view_policymatch"):
        return None
    found = matching.counts(PolicyMatch.objects.for_user(request.user).filter(item=item))
    base = f"{reverse('policies:matches')}?item={item.pk}"
    rows = [{"label": _("Matched"), "count": found["total"], "url": base, "key": "total"}]
    labels = dict(MatchState.choices)
    rows += [
        {"label": labels[state], "count": found[state], "url": f"{base}&state={state}", "key": state}
        for state in matching.COUNTED
    ]
    rows.append(
        {
            "label": _("No longer qualifies"),
            "count": found["flagged"],
            "url": f"{base}&flagged=yes",
            "key": "flagged",
        }
    )
    return rows


def _item_form_page(request: HttpRequest, item: PolicyItem | None) -> HttpResponseBase:
    form = ItemForm(request.POST or None, instance=item)
    preview = None
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in library.EDITABLE}
        if "preview" in request.POST:
            draft = PolicyItem(beneficiary=values["beneficiary"])
            preview = library.preview(
                draft, condition=values["eligibility"] or {"all": []}, user=request.user
            )
        else:
            try:
                if item is None:
                    saved = library.item_create(actor=request.user, **values)
                    messages.success(request, _("Draft saved."))
                else:
                    saved = library.item_update(actor=request.user, item=item, **values)
                    messages.success(request, _("Draft saved."))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("policies:item", saved.pk)
    elif item is not None and request.method != "POST":
        preview = library.preview(item, user=request.user)
    context = {
        "form": form,
        "item": item,
        "preview": preview,
        "subject_fields": _fields_help(),
        "operators_map": dict(_operators()),
    }
    return render(request, "policies/item_form.html", context)


@permission_required("policies.manage_item")
def item_create(request: HttpRequest) -> HttpResponseBase:
    return _item_form_page(request, None)


@permission_required("policies.manage_item")
def item_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = _item_of(request, pk)
    if item.state != ItemState.DRAFTED:
        messages.error(request, _("Only a draft can be edited; send it back to the drafter first."))
        return redirect("policies:item", item.pk)
    return _item_form_page(request, item)


@permission_required("policies.view_item")
def item_near_misses(request: HttpRequest, pk: int, index: int) -> HttpResponseBase:
    """The enterprises failing only the condition ``index`` of the item: paged, exportable, with what
    each is missing."""
    item = _item_of(request, pk)
    if not nearmiss.lists_near_misses(item):
        raise Http404
    groups = nearmiss.groups(item, Enterprise.objects.for_user(request.user))
    group = next((g for g in groups if g.index == index), None)
    if group is None:
        raise Http404
    token = nearmiss.SHOWN.set((item, index))
    try:
        response = NEAR_MISSES.respond(
            request,
            template="policies/item_near_misses.html",
            context={"item": item, "group": group, "groups": groups},
            fixed={"miss": f"{item.pk}.{index}"},
        )
        return response
    finally:
        nearmiss.SHOWN.reset(token)


# --- documents and packages ----------------------------------------------------------------------------


@permission_required("policies.view_item")
def document_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = get_for_user_or_404(PolicyDocument.objects.all(), request.user, pk=pk)
    items = PolicyItem.objects.for_user(request.user).filter(document=document).order_by("number")
    packages = PolicyPackage.objects.filter(document=document).order_by("code")
    return render(
        request,
        "policies/item_document.html",
        {"document": document, "items": list(items), "packages": list(packages)},
    )


@permission_required("policies.manage_item")
def document_create(request: HttpRequest) -> HttpResponseBase:
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = library.document_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document added."))
            return redirect("policies:document", document.pk)
    return render(
        request, "policies/item_simple_form.html", {"form": form, "title": _("Add a policy document")}
    )


@permission_required("policies.view_item")
def package_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    package = get_for_user_or_404(PolicyPackage.objects.select_related("document"), request.user, pk=pk)
    items = PolicyItem.objects.for_user(request.user).filter(package=package).order_by("number")
    return render(request, "policies/item_package.html", {"package": package, "items": list(items)})


@permission_required("policies.manage_item")
def package_create(request: HttpRequest) -> HttpResponseBase:
    form = PackageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            package = library.package_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Package added."))
            return redirect("policies:package", package.pk)
    return render(
        request, "policies/item_simple_form.html", {"form": form, "title": _("Add a policy package")}
    )


# --- the public library ------------------------------------------------------------------------------


def public_library(request: HttpRequest) -> HttpResponseBase:
    """Published items with their claim guides, by package; open to anyone (phone first)."""
    rows = library.published_items()
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        rows = substring_filter(rows, PolicyItem.text_index, query)
    page = keyset_page_or_first(
        rows, ordering=("number", "id"), cursor=request.GET.get("cursor"), per_page=50
    )
    return render(request, "policies/item_public_list.html", {"page": page, "query": query})


def public_item(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = get_object_or_404(library.published_items(), pk=pk)
    return render(request, "policies/item_public.html", {"item": item})
