from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hrbureau.core import profile
from hrbureau.core.forms import apply_errors as _apply_errors
from hrbureau.core.history import history_of
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.enterprises import selectors, services
from hrbureau.enterprises.forms import EnterpriseForm


@permission_required("enterprises.view_enterprise")
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    enterprise = selectors.enterprise_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=enterprise, label=enterprise.name, url=request.path)
    return render(
        request,
        "enterprises/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "timeline": timeline_for(user=request.user, record=enterprise),
            # What every line the reader may see knows of it, counted and linked (core.profile).
            "profile_sections": profile.sections_for(user=request.user, record=enterprise),
            "history": history_of(enterprise)[:30],
            "can_edit": request.user.has_perm("enterprises.change_enterprise"),
        },
    )


@permission_required("enterprises.add_enterprise")
def enterprise_create(request: HttpRequest) -> HttpResponseBase:
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(
                actor=request.user, data=form.service_data(), tags=list(form.cleaned_data["tags"])
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Enterprise %(name)s registered.") % {"name": enterprise.name})
            return redirect("enterprises:detail", pk=enterprise.pk)
    return render(request, "enterprises/enterprise_form.html", {"form": form, "enterprise": None})


@permission_required("enterprises.change_enterprise")
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    enterprise = selectors.enterprise_detail(user=request.user, pk=pk)
    # The form gets its own copy: a ModelForm writes its cleaned values into its instance while
    # validating, and the service must see the record as it was to record what changed.
    form = EnterpriseForm(
        request.POST or None, instance=selectors.enterprise_detail(user=request.user, pk=pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(
                actor=request.user,
                enterprise=enterprise,
                data=form.service_data(),
                tags=list(form.cleaned_data["tags"]),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(reverse("enterprises:detail", args=[enterprise.pk]))
    return render(request, "enterprises/enterprise_form.html", {"form": form, "enterprise": enterprise})
