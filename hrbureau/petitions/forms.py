from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import UnitChoiceField, units_of_kind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import FixedChoiceField, StyledFormMixin
from hrbureau.petitions.choices import Channel, RedirectTarget, Satisfaction
from hrbureau.petitions.models import Category


def dispatch_units() -> Any:
    return OrgUnit.objects.filter(
        kind__in=[OrgUnitKind.DEPARTMENT, OrgUnitKind.STREET], is_active=True
    ).select_related("parent")


class WorkOrderForm(StyledFormMixin, forms.Form):
    """Registration by the petitions office (letters, visits, calls taken at the counter)."""

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(active=True))
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)
    petitioner_name = forms.CharField(label=_("Name of the person raising it"), max_length=100)
    petitioner_phone = forms.CharField(label=_("Phone"), max_length=20)
    street = UnitChoiceField(label=_("Street"), queryset=units_of_kind(OrgUnitKind.STREET), required=False)
    external_no = forms.CharField(label=_("External order number"), max_length=64, required=False)
    received_at = forms.DateTimeField(
        label=_("Received"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["received_at"] = data.get("received_at") or timezone.now()
        return data


class PortalFileForm(StyledFormMixin, forms.Form):
    """What a citizen or an enterprise files on the portal."""

    category = forms.ModelChoiceField(
        label=_("What is it about"), queryset=Category.objects.filter(active=True)
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(
        label=_("Describe the matter"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    petitioner_name = forms.CharField(label=_("Your name"), max_length=100)
    petitioner_phone = forms.CharField(label=_("Your mobile phone"), max_length=20)


class TrackForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=30)
    phone = forms.CharField(label=_("The phone you gave"), max_length=20)


CATEGORY_CHOICES = "petitions-categories"  # the cached list's name, renewed when a category changes


def category_choices(*, empty: str) -> list[tuple[Any, str]]:
    """("", ``empty``) and (id, name) of every category, for filter selects; cached until a category is
    saved or deleted (see apps.py)."""
    from hrbureau.core.choicecache import cached_choices

    def build() -> list[tuple[Any, str]]:
        return [("", empty), *((c.pk, c.display_name) for c in Category.objects.all())]

    return cached_choices(CATEGORY_CHOICES, build, variant=empty)


def dispatch_unit_choices(*, empty: str) -> list[tuple[Any, str]]:
    """("", ``empty``) and (id, name) of the units work orders are dispatched to, cached with the unit tree."""
    from hrbureau.core.choicecache import cached_choices

    def build() -> list[tuple[Any, str]]:
        return [("", empty), *((u.pk, str(u)) for u in dispatch_units())]

    return cached_choices("orgunits", build, variant=f"dispatch|{empty}")


class BoardForm(forms.Form):
    by = forms.ChoiceField(
        label=_("By"),
        choices=[
            ("unit", _("Handling unit")),
            ("street", _("Street")),
            ("channel", _("Channel")),
            ("category", _("Category")),
        ],
        required=False,
    )
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    received_to = forms.DateField(
        label=_("Received until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )


SATISFACTION_CHOICES = Satisfaction.choices
REDIRECT_CHOICES = RedirectTarget.choices


# --- the input of each action on a work order (declared on its transition in workflows.py) -------------


class DispatchForm(ActionForm):
    """Dispatch (or, after returns, rule on) the responsible unit: the suggested unit chosen already."""

    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    reason = forms.CharField(
        label=_("Note to the unit"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )

    def setup(self) -> None:
        from hrbureau.petitions import rules

        field = self.fields["unit"]
        field.queryset = dispatch_units()  # type: ignore[attr-defined]
        suggested = rules.suggest_unit(self.case)
        if suggested is not None:
            field.initial = suggested.pk
            field.help_text = _("Suggested: %(unit)s") % {"unit": suggested.display_name}
        if self.transition.requires_reason:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Reason for the ruling")


class ReceiptForm(ActionForm):
    on = ActDayField(label=_("Received on (the date on the proof of service)"), help_text="")


class ReplyForm(ActionForm):
    reply = forms.CharField(
        label=_("Reply to the citizen"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    attachment = forms.FileField(label=_("Attach a file"), required=False)


class ExtendForm(ActionForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=366, initial=30)


class VisitForm(ActionForm):
    """The return visit (staff) or the citizen's rating: satisfied or basically satisfied closes the
    order; dissatisfied is its own action (rework)."""

    satisfaction = FixedChoiceField(
        label=_("Satisfaction"),
        choices=[c for c in Satisfaction.choices if c[0] != Satisfaction.DISSATISFIED],
    )
    reason = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )

    def setup(self) -> None:
        if self.transition.area == "portal":
            self.fields["satisfaction"].label = _("How satisfied are you with the handling?")
            self.fields["reason"].label = _("Anything to add?")


class ReworkForm(ActionForm):
    reason_label = _("What is still not resolved?")


class MergeForm(ActionForm):
    into = forms.CharField(label=_("Number of the order to merge into"), max_length=40)

    def setup(self) -> None:
        from hrbureau.petitions import rules
        from hrbureau.petitions.models import WorkOrder

        self.duplicates = list(
            rules.possible_duplicates(self.case, window_days=30).filter(
                pk__in=WorkOrder.objects.for_user(self.user).values("pk")
            )[:10]
        )
        if self.duplicates:
            self.fields["into"].help_text = _("Possible duplicates: %(numbers)s") % {
                "numbers": "、".join(d.number for d in self.duplicates)
            }
            self.fields["into"].initial = self.duplicates[0].number

    def clean_into(self) -> Any:
        from hrbureau.petitions.models import WorkOrder

        number = self.cleaned_data["into"].strip()
        into = WorkOrder.objects.for_user(self.user).filter(number=number).first()
        if into is None:
            raise forms.ValidationError(_("No order with that number."))
        return into


class RedirectForm(ActionForm):
    target = FixedChoiceField(label=_("Belongs to"), choices=RedirectTarget.choices)
    reason_label = _("Explanation to the citizen")

    def setup(self) -> None:
        hint = getattr(self.case.category, "redirect_hint", "")
        if hint:
            self.fields["target"].initial = hint


class RepeatDeclineForm(ActionForm):
    def setup(self) -> None:
        from hrbureau.petitions import rules

        if self.case.repeat_of is not None:
            self.fields["reason"].initial = rules.not_accepted_again_reason(self.case.repeat_of)
            self.fields["reason"].widget.attrs["rows"] = 5


class AnswerReviewForm(ActionForm):
    reason_field = "answer"
    answer = forms.CharField(
        label=_("Review opinion"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
