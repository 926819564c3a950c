from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.arbitration import selectors, services, triage
from hrbureau.arbitration.choices import DocumentKind
from hrbureau.arbitration.forms import StatisticsForm
from hrbureau.arbitration.models import Dispute, HearingRoom, MediationAgreement
from hrbureau.core.casepage import case_panel, record_actions
from hrbureau.core.exports import xlsx_response
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import error_message


def _documents(dispute: Dispute) -> list[tuple[str, str]]:
    """The documents the case's data can make now, for the download links."""
    from hrbureau.arbitration.choices import DisputeState as S

    kinds: list[str] = []
    if dispute.supplement_items:
        kinds.append(DocumentKind.SUPPLEMENT_NOTICE)
    if dispute.state == S.REFUSED:
        kinds.append(DocumentKind.REFUSAL_NOTICE)
    if dispute.accepted_on:
        kinds.append(DocumentKind.ACCEPTANCE_NOTICE)
    if services.next_hearing(dispute) is not None:
        kinds.append(DocumentKind.HEARING_NOTICE)
    if MediationAgreement.objects.filter(dispute=dispute).exists():
        kinds.append(DocumentKind.MEDIATION_STATEMENT)
    if dispute.state == S.AWARDED:
        finals = {bool(c.final) for c in dispute.claims.all()}
        kinds += (
            [DocumentKind.AWARD_FINAL, DocumentKind.AWARD_NONFINAL]
            if len(finals) > 1
            else [DocumentKind.AWARD]
        )
    return [(kind, str(DocumentKind(kind).label)) for kind in kinds]


@permission_required("arbitration.view_dispute")
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=dispute, label=str(dispute), url=request.path)
    parties = list(dispute.parties.prefetch_related("agents"))
    context = {
        "dispute": dispute,
        "parties": parties,
        "claims": list(dispute.claims.all()),
        "services": list(dispute.services.select_related("party")),
        # Each hearing with the actions the reader may take on it (postpone, cancel) and its last step.
        "hearings": record_actions(dispute.hearings.select_related("room"), request.user, steps=True),
        "receipts": list(dispute.receipts.all()),
        "panel_members": list(dispute.panel.all()),
        "made_documents": _documents(dispute),
        "triage": triage.reading(dispute.triage_reasons),
        "agreement": MediationAgreement.objects.filter(dispute=dispute).select_related("mediator").first(),
        "today": timezone.localdate(),
        **case_panel(case=dispute, user=request.user),
        "can_serve": request.user.has_perm("arbitration.serve_document"),
    }
    return render(request, "arbitration/dispute_detail.html", context)


@require_POST
@permission_required("arbitration.serve_document")
def service_confirm(request: HttpRequest, pk: int, service_pk: int) -> HttpResponseBase:
    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    service = dispute.services.filter(pk=service_pk).first()
    if service is None:
        raise Http404
    try:
        services.service_confirm(actor=request.user, service=service)
    except ValidationError as error:
        messages.error(request, error_message(error))
    return redirect(reverse("arbitration:detail", args=[pk]))


@permission_required("arbitration.view_dispute")
def proof_of_service(request: HttpRequest, pk: int, service_pk: int) -> HttpResponseBase:
    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    service = dispute.services.select_related("party").filter(pk=service_pk).first()
    if service is None:
        raise Http404
    return render(
        request,
        "arbitration/proof_of_service.html",
        {"dispute": dispute, "proof": services.proof_of_service(service)},
    )


@permission_required("arbitration.view_statistics")
def statistics(request: HttpRequest) -> HttpResponseBase:
    form = StatisticsForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    period_from = data.get("filed_from") or (None if request.GET else today.replace(month=1, day=1))
    period_to = data.get("filed_to")
    result = selectors.dispute_statistics(user=request.user, period_from=period_from, period_to=period_to)
    if request.GET.get("export") == "xlsx":
        columns = [
            _("Procedure"),
            _("Accepted"),
            _("Closed by award or mediation"),
            _("Average days to close"),
            _("Closed on time"),
            _("On-time rate (%)"),
            _("Mediated"),
            _("Mediation rate (%)"),
        ]
        rows = [
            (
                r.label or _("All"),
                r.accepted,
                r.closed,
                r.average_days,
                r.on_time,
                r.on_time_rate,
                r.mediated,
                r.mediation_rate,
            )
            for r in [*result.rows, result.total]
        ]
        return xlsx_response(
            request=request,
            permission="arbitration.export_dispute",
            filename="arbitration-statistics",
            columns=[str(c) for c in columns],
            rows=rows,
        )
    period = {
        "filed_from": period_from.isoformat() if period_from else "",
        "filed_to": period_to.isoformat() if period_to else "",
    }
    return render(
        request,
        "arbitration/statistics.html",
        {"form": form, "stats": result, "period": urlencode(period), "query_string": request.GET.urlencode()},
    )


@permission_required("arbitration.view_dispute")
def document(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    """A document of the case made from its data now (.docx, or PDF where LibreOffice is installed)."""
    from django.http import HttpResponse

    from hrbureau.arbitration import documents

    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    if kind not in documents.GENERATED or kind not in dict(_documents(dispute)):
        raise Http404  # not a document, or not one this case's data can make (yet)
    made = documents.render(dispute, kind)
    if request.GET.get("format") == "pdf":
        pdf = documents.to_pdf(made)
        if pdf is None:
            raise Http404
        made = pdf
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(made.filename)}"
    return response


@permission_required("arbitration.add_dispute")
def dispute_create(request: HttpRequest) -> HttpResponseBase:
    """An application taken in at the counter: the receipt lists the materials handed in."""
    from hrbureau.arbitration.choices import Channel, PartyRole
    from hrbureau.arbitration.forms import CounterFileForm
    from hrbureau.arbitration.portal import submit_application

    form = CounterFileForm(request.POST or None, initial={"filed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        applicant = services.PartyInput(
            PartyRole.APPLICANT,
            data["applicant_kind"],
            data["applicant_name"],
            data["applicant_identifier"],
            data["phone"],
            e_service_consent=data["e_service"],
        )
        dispute = submit_application(
            request,
            form,
            channel=Channel.COUNTER,
            applicant=applicant,
            filed_on=data.get("filed_on"),
            facts_clear=data["facts_clear"],
            both_agree=data["both_agree"],
            migrant_wages=data["migrant_wages"],
        )
        if dispute is not None:
            receipt = dispute.receipts.order_by("-id").first()
            messages.success(
                request,
                _("Registered as %(number)s; receipt %(receipt)s.")
                % {"number": dispute.number, "receipt": receipt.number if receipt else "—"},
            )
            return redirect("arbitration:detail", pk=dispute.pk)
    return render(request, "arbitration/portal_file.html", {"form": form, "counter": True})


@permission_required("arbitration.schedule_dispute")
def room_schedule(request: HttpRequest) -> HttpResponseBase:
    """The hearing rooms' bookings for a week (Monday to Sunday): where there is still room."""
    from hrbureau.arbitration.choices import HearingState
    from hrbureau.arbitration.models import Hearing

    try:
        picked = (
            dt.date.fromisoformat(request.GET["week"]) if request.GET.get("week") else timezone.localdate()
        )
    except ValueError:
        picked = timezone.localdate()
    monday = picked - dt.timedelta(days=picked.weekday())
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time.min))
    hearings = (
        Hearing.objects.for_user(request.user)
        .filter(state=HearingState.BOOKED, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=7))
        .select_related("dispute", "room")
        .order_by("starts_at")
    )
    cells: dict[tuple[int, dt.date], list[Any]] = {}
    for hearing in hearings:
        cells.setdefault((hearing.room_id, timezone.localtime(hearing.starts_at).date()), []).append(hearing)
    rooms = [
        (room, [(day, cells.get((room.pk, day), [])) for day in days])
        for room in HearingRoom.objects.filter(active=True)
    ]
    return render(
        request,
        "arbitration/room_schedule.html",
        {
            "days": days,
            "rooms": rooms,
            "previous": (monday - dt.timedelta(days=7)).isoformat(),
            "next": (monday + dt.timedelta(days=7)).isoformat(),
        },
    )
