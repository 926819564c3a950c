"""The internship subsidy's pages: adding a base, registering an intern, recording and approving a
month's pay on the case page, and the base's own page on the portal. Lists and the case page are
declared (``talent.internship_lists``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.forms import apply_errors
from hrbureau.core.identifiers import normalize_resident_id, to_half_width
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent import internship as service
from hrbureau.talent.internship_choices import InternshipState
from hrbureau.talent.internship_forms import (
    BaseForm,
    MonthForm,
    PayrollUploadForm,
    PortalMonthForm,
    RegisterForm,
)
from hrbureau.talent.internship_lists import INTERNSHIP_PAGE
from hrbureau.talent.models import Internship, InternshipBase, InternshipMonth


@permission_required("talent.manage_internship")
def base_create(request: HttpRequest) -> HttpResponseBase:
    form = BaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        uscc = to_half_width(form.cleaned_data["uscc"]).strip().upper()
        enterprise = Enterprise.objects.for_user(request.user).filter(uscc=uscc).first()
        if enterprise is None:
            form.add_error("uscc", _("No enterprise with this USCC."))
        elif InternshipBase.objects.filter(enterprise=enterprise).exists():
            form.add_error("uscc", _("This enterprise is already an internship base."))
        else:
            base = form.save(commit=False)
            base.enterprise = enterprise
            try:
                service.base_save(actor=request.user, base=base)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("talent:internship_bases")
    return render(
        request, "talent/internship/form.html", {"form": form, "title": _("Add an internship base")}
    )


@permission_required("talent.manage_internship")
def register(request: HttpRequest) -> HttpResponseBase:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        try:
            id_number = normalize_resident_id(to_half_width(data["id_number"]).strip().upper())
            person = Person.objects.for_user(request.user).filter(id_number=id_number).first()
        except ValidationError as error:
            form.add_error("id_number", error)
        if person is None and not form.has_error("id_number"):
            form.add_error("id_number", _("No person with this ID number; register the person first."))
        if person is not None:
            try:
                internship = service.internship_register(
                    actor=request.user,
                    person=person,
                    base=data["base"],
                    post=data["post"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    graduated_on=data["graduated_on"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if internship.state == InternshipState.REFUSED:
                    messages.warning(request, internship.refusal_reason)
                else:
                    messages.success(request, _("Registered: %(number)s.") % {"number": internship.number})
                return redirect("talent:internship", pk=internship.pk)
    return render(request, "talent/internship/form.html", {"form": form, "title": _("Register an intern")})


def internship_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    if user.is_authenticated and user.has_perm("core.use_portal") and not user.has_perm("core.use_workbench"):
        return redirect("talent:internship_portal")
    return INTERNSHIP_PAGE.view(request, pk)


@require_POST
@permission_required("talent.record_internship_month")
def month_record(request: HttpRequest, pk: int) -> HttpResponseBase:
    internship = get_for_user_or_404(Internship.objects.all(), request.user, pk=pk)
    form = MonthForm(request.POST)
    _record(request, form, internship if form.is_valid() else None)
    return redirect("talent:internship", pk=pk)


def _record(request: HttpRequest, form: Any, internship: Internship | None) -> bool:
    if internship is None or not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return False
    try:
        row = service.month_record(
            actor=request.user,
            internship=internship,
            month=form.cleaned_data["month"],
            paid=form.cleaned_data["paid"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    if row.zero_reason:
        messages.warning(request, row.zero_reason)
    else:
        messages.success(
            request,
            _("Recorded %(month)s: subsidy %(amount)s yuan.") % {"month": row.period, "amount": row.subsidy},
        )
    return True


@require_POST
@permission_required("talent.manage_internship")
def month_approve(request: HttpRequest, pk: int) -> HttpResponseBase:
    month = get_for_user_or_404(InternshipMonth.objects.select_related("internship"), request.user, pk=pk)
    try:
        service.month_approve(actor=request.user, month=month)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved: the subsidy is due for payment."))
    return redirect("talent:internship", pk=month.internship_id)


@permission_required("talent.record_internship_month", area="portal")
def portal(request: HttpRequest) -> HttpResponseBase:
    """The base's own page: its interns, their months, and the form to record a month's pay."""
    rows = (
        Internship.objects.for_user(request.user)
        .select_related("person")
        .prefetch_related("months")
        .order_by("-starts_on", "-id")
    )
    claimable = rows.filter(state__in=[InternshipState.APPROVED, InternshipState.ENDED])
    form = PortalMonthForm(request.POST or None, internships=claimable)
    if request.method == "POST":
        valid = form.is_valid()
        if _record(request, form, form.cleaned_data.get("internship") if valid else None):
            return redirect("talent:internship_portal")
    context = {"internships": list(rows[:200]), "form": form, "upload_form": PayrollUploadForm()}
    return render(request, "talent/internship/portal.html", context)


@require_POST
@permission_required("talent.record_internship_month", area="portal")
def portal_import(request: HttpRequest) -> HttpResponseBase:
    """A month's payroll uploaded by the base on the portal, through the platform's import (the same
    spec and checks as the workbench's import page): rows imported, rows rejected with their reasons.
    A month already recorded and not yet approved is corrected; an approved one refuses the file."""
    from hrbureau.core.imports import services as imports
    from hrbureau.core.models import ImportJob
    from hrbureau.talent.internship_imports import PAYROLL_IMPORT

    form = PayrollUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the spreadsheet to upload."))
        return redirect("talent:internship_portal")
    try:
        job = imports.import_job_create(
            actor=request.user,
            spec=PAYROLL_IMPORT,
            upload=form.cleaned_data["file"],
            mode=ImportJob.Mode.UPDATE,
        )
        if job.status == ImportJob.Status.UPLOADED:
            job = imports.import_job_commit(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("talent:internship_portal")
    job.refresh_from_db()
    if job.status == ImportJob.Status.DONE:
        messages.success(
            request,
            _("Imported: %(created)d months recorded, %(updated)d corrected, %(rejected)d rows rejected.")
            % {"created": job.created_count, "updated": job.updated_count, "rejected": job.rejected_count},
        )
        for line in _rejections(job):
            messages.warning(request, line)
    else:
        messages.error(request, job.message or _("The file could not be imported."))
    return redirect("talent:internship_portal")


def _rejections(job: Any) -> list[str]:
    """The first rejected rows and why, from the job's preview (the error file is a workbench download)."""
    rows = (job.preview or {}).get("rows") or []
    return [
        _("Row %(row)s: %(reasons)s") % {"row": row[0], "reasons": "；".join(str(r) for r in row[3])}
        for row in rows
        if row[1] == "reject"
    ][:10]
