"""The parties' side of the E-platform: file online, follow one's cases, open and sign for the documents
served on oneself, read the proof of service; and the case query by number plus ID number or USCC."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hrbureau.accounts.choices import Role
from hrbureau.arbitration import respondents, selectors, services
from hrbureau.arbitration.appointments import appointment_book, free_slots
from hrbureau.arbitration.choices import Channel, PartyKind, PartyRole
from hrbureau.arbitration.forms import CLAIM_ROWS, AppointmentForm, PortalFileForm, QueryForm
from hrbureau.arbitration.models import Appointment, Dispute, Party, Service
from hrbureau.arbitration.respondents import LOOKUP_MIN_CHARS
from hrbureau.core.casepage import case_panel, record_actions
from hrbureau.core.forms import apply_errors
from hrbureau.core.identifiers import mask_id_number
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import RateLimited, public_lookup
from hrbureau.core.views import permission_required

# What the receipt of an online application lists: the form itself is the application (仲裁申请书).
ONLINE_APPLICATION = "仲裁申请书（网上提交）"


@permission_required("arbitration.view_dispute", area="portal")
def portal_list(request: HttpRequest) -> HttpResponseBase:
    # The respondent as named in the application (an enterprise outside the register has no record).
    respondent = Party.objects.filter(dispute=OuterRef("pk"), role=PartyRole.RESPONDENT).order_by(
        "sort_order", "id"
    )
    disputes = selectors.dispute_list(user=request.user).annotate(
        respondent_name=Subquery(respondent.values("name")[:1])
    )
    page = keyset_page_or_first(
        disputes, ordering=("-filed_on", "-id"), cursor=request.GET.get("cursor"), per_page=20
    )
    return render(request, "arbitration/portal_list.html", {"page": page})


def _own_party(user: Any, form: PortalFileForm) -> services.PartyInput:
    data = form.cleaned_data
    if user.role == Role.ENTERPRISE:
        enterprise = user.enterprise
        return services.PartyInput(
            PartyRole.APPLICANT,
            PartyKind.ENTERPRISE,
            enterprise.name,
            enterprise.uscc,
            data["phone"],
            e_service_consent=data["e_service"],
        )
    person = user.person
    return services.PartyInput(
        PartyRole.APPLICANT,
        PartyKind.PERSON,
        person.name,
        person.id_number,
        data["phone"],
        e_service_consent=data["e_service"],
    )


def submit_application(
    request: HttpRequest, form: PortalFileForm, *, channel: str, applicant: services.PartyInput, **extra: Any
) -> Dispute | None:
    """File what a valid form says; the service's errors go back onto the form's fields."""
    data = form.cleaned_data
    claims = [
        services.ClaimInput(data[f"claim_kind_{i}"], data[f"claim_text_{i}"], data[f"claim_amount_{i}"])
        for i in range(1, CLAIM_ROWS + 1)
        if data.get(f"claim_kind_{i}")
    ]
    respondent = services.PartyInput(
        PartyRole.RESPONDENT,
        data["respondent_kind"],
        data["respondent_name"],
        data["respondent_identifier"],
        data["respondent_phone"],
        data["respondent_address"],
    )
    # Online, the form itself is the application; at the counter the clerk lists the papers taken in.
    documents = data["documents"].splitlines() if "documents" in data else [ONLINE_APPLICATION]
    try:
        return services.dispute_file(
            actor=request.user,
            channel=channel,
            facts=data["facts"],
            parties=[applicant, respondent],
            claims=claims,
            documents=documents,
            evidence=data.get("evidence") or [],
            infringement_known_on=data.get("infringement_known_on"),
            employment_ended_on=data.get("employment_ended_on"),
            **extra,
        )
    except ValidationError as error:
        fields = {
            "parties[0]": "applicant_identifier",
            "parties[1]": "respondent_identifier",
            **{f"claims[{i - 1}]": f"claim_amount_{i}" for i in range(1, CLAIM_ROWS + 1)},
        }
        for field, errors in error.message_dict.items():
            target = fields.get(field, field)
            for message in errors:
                form.add_error(target if target in form.fields else None, message)
        return None


def _filing_as(user: Any) -> dict[str, str]:
    """Who the signed-in user files as: their person record or their enterprise (shown on the form)."""
    if user.role == Role.ENTERPRISE:
        return {"name": user.enterprise.name, "identifier": user.enterprise.uscc, "kind": "enterprise"}
    return {"name": user.person.name, "identifier": mask_id_number(user.person.id_number), "kind": "person"}


def _own_phone(user: Any) -> str:
    """The phone of the person record (a citizen's real contact), else the account's."""
    person = user.person if user.role == Role.INDIVIDUAL and user.person_id else None
    return (person.phone if person else "") or user.phone


@permission_required("arbitration.file_dispute", area="portal")
def portal_file(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    if (user.role == Role.INDIVIDUAL and user.person_id is None) or (
        user.role == Role.ENTERPRISE and user.enterprise_id is None
    ):
        raise PermissionDenied("account not bound to a person or an enterprise")
    form = PortalFileForm(request.POST or None, request.FILES or None, initial={"phone": _own_phone(user)})
    form.fields["respondent_name"].widget.attrs.update(
        {"data-lookup": reverse("arbitration:respondent_lookup"), "data-lookup-min": str(LOOKUP_MIN_CHARS)}
    )
    if request.method == "POST" and form.is_valid():
        dispute = submit_application(request, form, channel=Channel.ONLINE, applicant=_own_party(user, form))
        if dispute is not None:
            messages.success(
                request,
                _("Your application %(number)s was received. The commission decides on it within 5 days.")
                % {"number": dispute.number},
            )
            return redirect("arbitration:portal_detail", pk=dispute.pk)
    return render(request, "arbitration/portal_file.html", {"form": form, "filing_as": _filing_as(user)})


@require_GET
@permission_required("arbitration.file_dispute", area="portal")
def respondent_lookup(request: HttpRequest) -> HttpResponseBase:
    """Registered enterprises by name, for the online application's respondent: only what the public
    may know (name, masked USCC, street), a few at a time, and a limited number of searches per user."""
    try:
        respondents.lookup_count(request.user)
    except RateLimited as refused:
        response = JsonResponse({"detail": str(refused.message), "results": []}, status=429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    return JsonResponse(respondents.lookup(request.GET.get("q", "")))


def _my_services(dispute: Dispute, user: Any) -> list[Service]:
    return [s for s in dispute.services.select_related("party") if services.party_is_user(user, s.party)]


@permission_required("arbitration.view_dispute", area="portal")
def portal_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    parties = list(dispute.parties.all())
    mine = [p for p in parties if services.party_is_user(request.user, p)]
    context = {
        "dispute": dispute,
        # Each side reads who the others are and what is claimed: a respondent must know what to answer.
        "parties": [(p, p in mine) for p in parties],
        "claims": list(dispute.claims.all()),
        "my_services": _my_services(dispute, request.user),
        "my_parties": mine,
        "respondent": any(p.role == PartyRole.RESPONDENT for p in mine),
        **case_panel(case=dispute, user=request.user, area="portal", internal=False),
    }
    return render(request, "arbitration/portal_detail.html", context)


def _my_service(request: HttpRequest, pk: int, service_pk: int) -> Service:
    dispute = selectors.dispute_detail(user=request.user, pk=pk)
    service = dispute.services.select_related("party", "dispute").filter(pk=service_pk).first()
    if service is None:
        raise Http404
    if not services.party_is_user(request.user, service.party):
        raise PermissionDenied("not the party served")
    return service


def _document_text(service: Service) -> list[tuple[str, Any, str]]:
    """What the served document says, to read it on the page (a phone opens no .docx): its kept file,
    or — served before the commission made this kind of document — the document made from the case."""
    from hrbureau.arbitration import documents
    from hrbureau.core.attachments import attachment_path

    attachment = service.attachment
    if attachment is not None:
        path = attachment_path(attachment)
        if not attachment.original_name.endswith(".docx") or not path.exists():
            return []
        return documents.read(path.read_bytes())
    if service.document in documents.GENERATED:
        return documents.read(documents.render(service.dispute, service.document).content)
    return []


@permission_required("arbitration.view_dispute", area="portal")
def portal_document(request: HttpRequest, pk: int, service_pk: int) -> HttpResponseBase:
    """The document served on the party, to read (and download) before signing for it: opening it here
    is recorded as its opening."""
    service = services.service_open(user=request.user, service=_my_service(request, pk, service_pk))
    context = {
        "dispute": service.dispute,
        "service": service,
        "proof": services.proof_of_service(service),
        "document_text": _document_text(service),
    }
    return render(request, "arbitration/portal_document.html", context)


def query(request: HttpRequest) -> HttpResponseBase:
    """Anyone who knows a case's number and the ID number or USCC of one of its parties may follow it."""
    form = QueryForm(request.GET or None)
    dispute = None
    not_found = False
    if form.is_bound and form.is_valid():
        public_lookup(request, identifier=form.cleaned_data["identifier"])  # 429 when used up
        dispute = selectors.dispute_query(
            number=form.cleaned_data["number"], identifier=form.cleaned_data["identifier"]
        )
        not_found = dispute is None
    panel = case_panel(case=dispute, user=request.user, area="portal", internal=False) if dispute else {}
    return render(
        request,
        "arbitration/query.html",
        {"form": form, "dispute": dispute, "not_found": not_found, **panel},
    )


@permission_required("arbitration.book_appointment", area="portal")
def appointments(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    # A citizen books under their real name (the person record), not the account's display name.
    name = (user.person.name if user.role == Role.INDIVIDUAL and user.person_id else "") or user.full_name
    form = AppointmentForm(request.POST or None, initial={"name": name, "phone": _own_phone(user)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = appointment_book(
                user=user,
                slot_id=data["slot"].pk,
                service=data["service"],
                name=data["name"],
                phone=data["phone"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Booked: %(number)s, %(slot)s. Please bring your ID card.")
                % {"number": made.number, "slot": made.slot},
            )
            return redirect("arbitration:appointments")
    # Each with what its booker may do on it (cancel, before it starts).
    mine = record_actions(
        Appointment.objects.filter(user=user)
        .select_related("slot")
        .order_by("-slot__day", "-slot__starts")[:20],
        user,
        area="portal",
    )
    return render(
        request,
        "arbitration/appointments.html",
        {
            "slots": list(free_slots()),
            "mine": mine,
            "form": form,
            "name": name,  # what the form offers before anything is typed
            "phone": form["phone"].initial,
            "now": timezone.localtime(),
        },
        status=422 if form.errors else 200,
    )
