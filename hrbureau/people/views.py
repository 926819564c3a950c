from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.exports import xlsx_response
from hrbureau.core.forms import apply_errors as _apply_errors
from hrbureau.core.history import history_of
from hrbureau.core.identifiers import mask_id_number, mask_phone
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.tables import Column, body_rows, header_cells, html_of
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.people import selectors, services
from hrbureau.people.forms import PersonFilterForm, PersonForm, RevealForm

EXPORT_COLUMNS = [
    gettext_lazy("ID number (masked)"),
    gettext_lazy("Name"),
    gettext_lazy("Gender"),
    gettext_lazy("Birth date"),
    gettext_lazy("Mobile phone (masked)"),
    gettext_lazy("Street"),
    gettext_lazy("Residence address"),
    gettext_lazy("Education"),
    gettext_lazy("Employment status"),
]

TABLE_COLUMNS = [
    Column(gettext_lazy("Name")),
    Column(gettext_lazy("ID number"), "text-code"),
    Column(gettext_lazy("Gender")),
    Column(gettext_lazy("Birth date")),
    Column(gettext_lazy("Mobile phone"), "text-code"),
    Column(gettext_lazy("Street")),
    Column(gettext_lazy("Employment status")),
]


def _list_rows(people: Any, *, detail_prefix: str) -> SafeString:
    """The list's rows (``core.tables``): numbers masked, the name linking to the person."""
    return body_rows(
        TABLE_COLUMNS,
        (
            (
                mark_safe(f'<a href="{detail_prefix}{p.pk}/">{html_of(p.name)}</a>'),  # noqa: S308 - escaped
                mask_id_number(p.id_number) if p.id_number else "",
                p.get_gender_display(),
                p.birth_date.strftime("%Y-%m") if p.birth_date else "",
                mask_phone(p.phone) if p.phone else "—",
                p.street.display_name if p.street else "—",
                p.get_employment_status_display() or "—",
            )
            for p in people
        ),
        empty=_("No people match."),
    )


@permission_required("people.view_person")
def person_list(request: HttpRequest) -> HttpResponseBase:
    form = PersonFilterForm(request.GET or None)
    filters = form.filters()
    invalid = filters is None
    people = selectors.person_list(user=request.user, filters=filters or selectors.PersonFilters())
    if invalid:
        # A filter value that is not valid (a unit that no longer exists…) shows its error and no rows,
        # never the unfiltered list.
        people = people.none()
    if request.GET.get("export") == "xlsx" and not invalid:
        if not request.user.has_perm("people.export_person"):
            raise PermissionDenied("people.export_person")
        rows = (
            (
                mask_id_number(p.id_number),
                p.name,
                p.get_gender_display(),
                p.birth_date,
                mask_phone(p.phone),
                p.street.name if p.street else "",
                p.residence_address,
                p.get_education_display(),
                p.get_employment_status_display(),
            )
            for p in people.order_by("id").iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="people.export_person",
            filename="people",
            columns=[str(c) for c in EXPORT_COLUMNS],
            rows=rows,
            text_columns={0, 4},
        )
    ordering = (filters or selectors.PersonFilters()).ordering
    page = keyset_page_or_first(people, ordering=ordering, cursor=request.GET.get("cursor"), per_page=20)
    # Row links are the list's address plus the id: one reverse() per page rather than one per row.
    context = {
        "form": form,
        "page": page,
        "query_string": request.GET.urlencode(),
        "columns": header_cells(TABLE_COLUMNS),
        "rows": _list_rows(page.items, detail_prefix=reverse("people:list")),
    }
    template = "people/_person_rows.html" if request.headers.get("HX-Request") else "people/person_list.html"
    return render(request, template, context)


@permission_required("people.view_person")
def person_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = selectors.person_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=person, label=person.name, url=request.path)
    return render(
        request,
        "people/person_detail.html",
        _detail_context(request, person, revealed=None, form=RevealForm()),
    )


def _detail_context(
    request: HttpRequest, person: Any, *, revealed: dict[str, str] | None, form: Any
) -> dict[str, Any]:
    return {
        "person": person,
        "revealed": revealed,
        "reveal_form": form,
        "timeline": timeline_for(user=request.user, record=person),
        "history": history_of(person)[:30],
        "can_edit": request.user.has_perm("people.change_person"),
        "can_reveal": request.user.has_perm("people.reveal_person"),
    }


@permission_required("people.reveal_person")
def person_reveal(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = selectors.person_detail(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect("people:detail", pk=pk)
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        try:
            revealed = services.person_reveal(
                actor=request.user, person=person, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            _apply_errors(form, error)
    response = render(
        request, "people/person_detail.html", _detail_context(request, person, revealed=revealed, form=form)
    )
    return response


@permission_required("people.add_person")
def person_create(request: HttpRequest) -> HttpResponseBase:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s registered.") % {"name": person.name})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@permission_required("people.change_person")
def person_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    person = selectors.person_detail(user=request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.service_data())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})
