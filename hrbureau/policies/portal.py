"""Policy delivery's pages: "policies for you" on the portal (the enterprise's or person's own matches,
why each fits, its claim guide and the way to apply), the public policy calculator for an enterprise not
registered yet, and the staff's figures of matches by item."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core import facts, rules
from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import PUBLIC_LOOKUP_BY_ADDRESS, address_key, client_address, hit_or_refuse
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.policies import matching
from hrbureau.policies.choices import Beneficiary, ItemState, MatchState
from hrbureau.policies.models import PolicyItem, PolicyMatch
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, tag_field_name

OPEN = (MatchState.PUSHED, MatchState.READ)
log = logging.getLogger(__name__)


def apply_url(match: PolicyMatch) -> str:
    """Where "apply" leads: the application form of the item (the applications' page), or — while that
    page does not exist — the claim guide on the match's own page."""
    try:
        return reverse("policies:apply", args=[match.item_id])
    except NoReverseMatch:
        return reverse("policies:portal_match", args=[match.pk]) + "#guide"


def _guide(item: PolicyItem) -> list[tuple[str, str]]:
    return [
        (str(label), text)
        for label, text in (
            (_("Materials"), item.guide_materials),
            (_("Steps"), item.guide_steps),
            (_("Where and when"), item.guide_where),
            (_("Contact"), item.guide_contact),
        )
        if text
    ]


def _card(match: PolicyMatch, why: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    item = match.item
    may_apply = item.state == ItemState.PUBLISHED and item.kind == "apply" and match.state in OPEN
    return {
        "match": match,
        "item": item,
        "why": matching.why(match) if why is None else why,
        "guide": _guide(item),
        "apply_url": apply_url(match) if may_apply else "",
        "state_label": MatchState(match.state).label,
    }


@permission_required("policies.view_policymatch", area="portal")
def portal_list(request: HttpRequest) -> HttpResponseBase:
    """The signed-in enterprise's (or person's) own matches, newest first, each with why it fits."""
    mine = PolicyMatch.objects.for_user(request.user).select_related("item")
    page = keyset_page_or_first(
        mine, ordering=("-matched_on", "-id"), cursor=request.GET.get("cursor"), per_page=20
    )
    reasons = matching.why_many(list(page.items))
    cards = [_card(m, reasons.get(m.pk, [])) for m in page.items]
    return render(request, "policies/portal_list.html", {"page": page, "cards": cards})


@permission_required("policies.view_policymatch", area="portal")
def portal_match(request: HttpRequest, pk: int) -> HttpResponseBase:
    """One of one's own matches: opening it marks it read."""
    match = get_for_user_or_404(PolicyMatch.objects.select_related("item"), request.user, pk=pk)
    matching.match_mark_read(match)
    return render(request, "policies/portal_match.html", _card(match))


@permission_required("policies.view_policymatch")
def match_counts(request: HttpRequest) -> HttpResponseBase:
    """How each item fared in the reader's area: pushed, read, applied, granted, refused, flagged."""
    matches = PolicyMatch.objects.for_user(request.user)
    return render(
        request,
        "policies/match_counts.html",
        {"rows": matching.counts_by_item(matches), "totals": matching.counts(matches)},
    )


# --- the policy calculator ----------------------------------------------------------------------------

# What the calculator's questions can answer: the enterprise's own fields and its tags. Everything else
# a condition may name (its industry division, the facts other lines know) is unknown to it.
ANSWERED = ("size_class", "employees", "industry_section", "registration_date")
NOT_SURE = _("Not sure")


class CalculatorForm(StyledFormMixin, forms.Form):
    size_class = forms.ChoiceField(
        label=_("Size class"), choices=[("", NOT_SURE), *SizeClass.choices], required=False
    )
    employees = forms.IntegerField(label=_("Employees"), min_value=0, max_value=10_000_000, required=False)
    industry_section = forms.ChoiceField(
        label=_("Industry"), choices=[("", NOT_SURE), *IndustrySection.choices], required=False
    )
    registration_date = forms.DateField(
        label=_("Registered (or to be registered) on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    street = forms.ChoiceField(label=_("Street"), required=False)
    tags = forms.MultipleChoiceField(
        label=_("The enterprise is"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the tags some policy in force asks about: the others (a watch list) are not the public's.
        asked = tags_asked_about()
        tags: Any = self.fields["tags"]
        tags.choices = [(t.code, str(t)) for t in EnterpriseTag.objects.order_by("code") if t.code in asked]
        streets = OrgUnit.objects.filter(kind=OrgUnitKind.STREET, is_active=True).order_by("path")
        street: Any = self.fields["street"]
        street.choices = [("", NOT_SURE), *((u.code, u.display_name) for u in streets)]

    @property
    def asked(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in (*ANSWERED, "street", "tags"))


def _names(condition: Any) -> set[str]:
    if not isinstance(condition, dict):
        return set()
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition.get("any") or []
        return {n for c in parts for n in _names(c)}
    return {condition["field"]} if isinstance(condition.get("field"), str) else set()


def tags_asked_about() -> set[str]:
    """The codes of the tags that the eligibility of a published enterprise item names."""
    prefix = tag_field_name("")
    conditions = matching.published_items(Beneficiary.ENTERPRISE).values_list("eligibility", flat=True)
    return {name[len(prefix) :] for c in conditions for name in _names(c) if name.startswith(prefix)}


@dataclass
class Estimate:
    item: PolicyItem
    unknown: list[str] = field(default_factory=list)  # labels of the conditions the answers cannot tell


def _visitor(data: dict[str, Any]) -> tuple[Enterprise, set[str]]:
    """An unsaved enterprise from the answers, and the rule fields the answers tell."""
    enterprise = Enterprise(
        status=EnterpriseStatus.ACTIVE,
        size_class=data.get("size_class") or "",
        employees=data.get("employees"),
        industry_section=data.get("industry_section") or "",
        registration_date=data.get("registration_date"),
    )
    known = {"status"} | {name for name in ANSWERED if data.get(name) not in (None, "")}
    fields = rules.subject(ENTERPRISE_SUBJECT).all_fields()
    chosen = set(data.get("tags") or [])
    for tag in EnterpriseTag.objects.all():
        name = tag_field_name(tag.code)
        if name in fields:
            setattr(enterprise, fields[name].path, tag.code in chosen)
            known.add(name)
    for fact_name in facts.about(facts.ENTERPRISE):
        setattr(enterprise, facts.alias(fact_name), None)  # unknown, never read from the database
    if data.get("street"):
        enterprise.street = OrgUnit.objects.filter(kind=OrgUnitKind.STREET, code=data["street"]).first()
        if enterprise.street is not None:
            known.add("street")
    return enterprise, known


def _three_valued(node: dict[str, Any], known: set[str], unknown: list[str], labels: dict[str, str]) -> Any:
    """A traced condition read with the unanswerable leaves as unknown: True, False or None."""
    if "all" in node or "any" in node:
        parts = node.get("all") or node.get("any") or []
        values = [_three_valued(c, known, unknown, labels) for c in parts]
        if "all" in node:
            return False if False in values else (None if None in values else True)
        return True if True in values else (None if None in values else False)
    if node["field"] not in known:
        label = labels.get(node["field"], node["field"])
        if label not in unknown:
            unknown.append(label)
        return None
    return bool(node["met"])


def estimate(data: dict[str, Any], *, today: dt.date | None = None) -> tuple[list[Estimate], list[Estimate]]:
    """The published enterprise items the answers qualify for, and those they may qualify for (a
    condition the answers cannot tell): evaluated in Python on an unsaved enterprise."""
    enterprise, known = _visitor(data)
    labels = {name: str(f.label) for name, f in rules.subject(ENTERPRISE_SUBJECT).all_fields().items()}
    qualifies: list[Estimate] = []
    maybe: list[Estimate] = []
    for item in matching.published_items(Beneficiary.ENTERPRISE, today=today).order_by("number"):
        try:
            condition = matching.condition_of(item)
        except ValidationError:  # an item whose condition no longer validates (a tag removed) is left out
            log.warning("policy item %s: its eligibility does not validate", item.pk)
            continue
        unknown: list[str] = []
        verdict = _three_valued(
            rules.trace(ENTERPRISE_SUBJECT, condition, enterprise), known, unknown, labels
        )
        if verdict is True:
            qualifies.append(Estimate(item))
        elif verdict is None:
            maybe.append(Estimate(item, unknown))
    return qualifies, maybe


def calculator(request: HttpRequest) -> HttpResponseBase:
    """Public, no sign-in: answer a few questions, see the policies that would fit. Each calculation
    counts against the public look-up limit of the client's address (429 when used up)."""
    form = CalculatorForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "asked": False}
    if form.asked and form.is_valid():
        hit_or_refuse((PUBLIC_LOOKUP_BY_ADDRESS, address_key(client_address(request))))
        qualifies, maybe = estimate(form.cleaned_data)
        context.update({"asked": True, "qualifies": qualifies, "maybe": maybe})
    return render(request, "policies/portal_calculator.html", context)
