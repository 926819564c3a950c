"""The input of each step of the honest employer list (``compliance.workflows``): the notice period, an
objection to a name on the list, and the decision on an objection. Their field names are the services'
keywords (``core.actions``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.compliance.choices import EventKind, ObjectionDecision, RecordKind
from hrbureau.compliance.models import ComplianceEvent, EmployerGrade, Evaluation, LegalExpert, Objection
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import FixedChoiceField, RecordsChoiceField, StyledFormMixin
from hrbureau.enterprises.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoticeForm(ActionForm):
    """The first and the last day of the public notice (at least the configured period)."""

    notice_from = forms.DateField(label=_("Notice from"), widget=DATE, initial=timezone.localdate)
    notice_to = forms.DateField(
        label=_("Notice until"),
        widget=DATE,
        help_text=_("The notice lasts at least the period configured for it (5 working days by default)."),
    )


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.enterprise.name}（{obj.enterprise.uscc}）"


class ObjectionForm(ActionForm):
    """An objection to one name on the list during its notice (公示异议)."""

    grade = GradeChoiceField(label=_("Enterprise on the list"), queryset=EmployerGrade.objects.none())
    raised_by = forms.CharField(label=_("Raised by"), max_length=100)
    contact = forms.CharField(label=_("Contact"), max_length=100, required=False)
    content = forms.CharField(
        label=_("Objection"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )
    received_on = ActDayField(label=_("Received on"))

    def setup(self) -> None:
        self.fields["grade"].queryset = (  # type: ignore[attr-defined]
            EmployerGrade.objects.filter(evaluation=self.case, candidate=True, withdrawn=False)
            .select_related("enterprise")
            .order_by("enterprise__name", "id")
        )


class ObjectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.grade.enterprise.name} · {obj.raised_by} · {obj.received_on:%Y-%m-%d}"


class DecideForm(ActionForm):
    """The decision on a pending objection, with the reply; upheld takes the name off the list."""

    objection = ObjectionChoiceField(label=_("Objection"), queryset=Objection.objects.none())
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ObjectionDecision.UPHELD, ObjectionDecision.UPHELD.label),
            (ObjectionDecision.REJECTED, ObjectionDecision.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    def setup(self) -> None:
        self.fields["objection"].queryset = (  # type: ignore[attr-defined]
            Objection.objects.filter(grade__evaluation=self.case, decision=ObjectionDecision.PENDING)
            .select_related("grade__enterprise")
            .order_by("received_on", "id")
        )

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["upheld"] = arguments.pop("decision") == ObjectionDecision.UPHELD
        return arguments


# --- the pages that add a record, grade a year, record an event ----------------------------------------


class RecordForm(StyledFormMixin, forms.Form):
    """A penalty or an incident for the register the grades are evaluated from. What is missing is left to
    the service, which names each missing field in one answer (``services.record_add``)."""

    uscc = forms.CharField(label=_("USCC of the enterprise"), max_length=30, required=False)
    kind = FixedChoiceField(label=_("Kind"), choices=RecordKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    decision_no = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, required=False
    )


class GradeYearForm(StyledFormMixin, forms.Form):
    """The year whose record is graded (a past year; a draft of it is graded again)."""

    year = forms.CharField(
        label=_("Record year"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "A: no penalty. C: penalised 3 or more times, a mass or extreme incident, child or forced labour, "
            "an order or penalty ignored, inspectors obstructed, or criminal liability. B: penalised but not "
            "C. The list is drawn from grade A with the district's criteria (an admin rule)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1


class EventForm(StyledFormMixin, forms.Form):
    """A compliance training (any number of enterprises) or an expert consultation (one enterprise)."""

    kind = FixedChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"), queryset=LegalExpert.objects.filter(active=True), required=False
    )
    enterprises = forms.CharField(
        label=_("Enterprises invited: USCC, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AttendanceForm(StyledFormMixin, forms.Form):
    """Who came to an event: ticked among the enterprises invited to it."""

    attended = RecordsChoiceField(
        label=_("Attended"),
        queryset=Enterprise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Only invited enterprises can have attended."),
            "invalid_pk_value": _("Only invited enterprises can have attended."),
        },
    )

    def __init__(self, *args: Any, event: ComplianceEvent | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if event is not None:
            self.fields["attended"].queryset = Enterprise.objects.filter(  # type: ignore[attr-defined]
                pk__in=event.attendance.values("enterprise_id")
            )


class PublicListForm(StyledFormMixin, forms.Form):
    """Which public list the honest employer page shows (the newest when none or an unknown one is asked)."""

    year = forms.ModelChoiceField(label=_("Year"), queryset=Evaluation.objects.none(), required=False)

    def __init__(self, *args: Any, shown: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if shown is not None:
            self.fields["year"].queryset = shown  # type: ignore[attr-defined]

    def chosen(self) -> Evaluation | None:
        """The list asked for, else the newest shown."""
        asked = self.cleaned_data.get("year") if self.is_valid() else None
        shown = self.fields["year"].queryset  # type: ignore[attr-defined]
        return asked or shown.first()
