from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hrbureau.core.forms import apply_errors as _apply_errors
from hrbureau.core.history import history_of
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.people import selectors, services
from hrbureau.people.forms import PersonForm, RevealForm


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
