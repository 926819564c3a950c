from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.exports import xlsx_response
from hrbureau.core.forms import apply_errors as _apply_errors
from hrbureau.core.history import history_of
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.tables import Column, body_rows, header_cells, html_of
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.enterprises import selectors, services
from hrbureau.enterprises.forms import EnterpriseFilterForm, EnterpriseForm
from hrbureau.enterprises.models import EnterpriseTag

EXPORT_COLUMNS = [
    gettext_lazy("Unified social credit code"),
    gettext_lazy("Name"),
    gettext_lazy("Legal representative"),
    gettext_lazy("Registered address"),
    gettext_lazy("Street"),
    gettext_lazy("Industry section"),
    gettext_lazy("Industry division"),
    gettext_lazy("Industry"),
    gettext_lazy("Size class"),
    gettext_lazy("Employees"),
    gettext_lazy("Registration date"),
    gettext_lazy("Status"),
    gettext_lazy("Tags"),
]


TABLE_COLUMNS = [
    Column(gettext_lazy("Name")),
    Column(gettext_lazy("Unified social credit code"), "text-code"),
    Column(gettext_lazy("Street")),
    Column(gettext_lazy("Industry")),
    Column(gettext_lazy("Size")),
    Column(gettext_lazy("Status")),
    Column(gettext_lazy("Tags")),
]


def _list_rows(enterprises: Any, *, detail_prefix: str) -> SafeString:
    """The list's rows (``core.tables``): the name links to the enterprise, the status and tags are badges.
    Every value is escaped here (``html_of``); ``format_html`` per cell would cost as much as the rest of
    the rows."""
    rows = []
    for row in selectors.enterprise_list_rows(enterprises):
        status = "bg-green-lt" if row["active"] else "bg-orange-lt"
        tags = "".join(f'<span class="badge bg-blue-lt me-1">{html_of(tag)}</span>' for tag in row["tags"])
        rows.append(
            (
                mark_safe(f'<a href="{detail_prefix}{row["pk"]}/">{html_of(row["name"])}</a>'),  # noqa: S308
                row["uscc"],
                row["street"] or "—",
                mark_safe(  # noqa: S308 - escaped
                    f'<span title="{html_of(row["industry_code"])}">{html_of(row["industry"])}</span>'
                )
                if row["industry"]
                else "—",
                row["size"] or "—",
                mark_safe(f'<span class="badge {status}">{html_of(row["status"])}</span>'),  # noqa: S308
                mark_safe(tags),  # noqa: S308 - each tag escaped
            )
        )
    return body_rows(TABLE_COLUMNS, rows, empty=_("No enterprises match."))


@permission_required("enterprises.view_enterprise")
def enterprise_list(request: HttpRequest) -> HttpResponseBase:
    form = EnterpriseFilterForm(request.GET or None)
    filters = form.filters()
    invalid = filters is None
    enterprises = selectors.enterprise_list(
        user=request.user, filters=filters or selectors.EnterpriseFilters()
    )
    if invalid:
        # A filter value that is not valid (a unit that no longer exists…) shows its error and no rows,
        # never the unfiltered list.
        enterprises = enterprises.none()
    if request.GET.get("export") == "xlsx" and not invalid:
        return _export(request, enterprises)
    ordering = (filters or selectors.EnterpriseFilters()).ordering
    rows = selectors.enterprise_page_rows(enterprises)
    page = keyset_page_or_first(rows, ordering=ordering, cursor=request.GET.get("cursor"), per_page=20)
    selectors.attach_tags(page.items)
    # Row links are the list's address plus the id: one reverse() per page rather than one per row.
    context = {
        "form": form,
        "page": page,
        "columns": header_cells(TABLE_COLUMNS),
        "rows": _list_rows(page.items, detail_prefix=reverse("enterprises:list")),
        "query_string": request.GET.urlencode(),
    }
    template = (
        "enterprises/_enterprise_rows.html"
        if request.headers.get("HX-Request")
        else "enterprises/enterprise_list.html"
    )
    return render(request, template, context)


def _export(request: HttpRequest, enterprises: Any) -> HttpResponseBase:
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm("enterprises.export_enterprise"):
        raise PermissionDenied("enterprises.export_enterprise")
    rows = (
        (
            e.uscc,
            e.name,
            e.legal_representative,
            e.registered_address,
            e.street.name if e.street else "",
            e.get_industry_section_display(),
            e.industry_division,
            e.industry_name,
            e.get_size_class_display(),
            e.employees,
            e.registration_date,
            e.get_status_display(),
            "、".join(t.name for t in e.tags.all()),
        )
        for e in enterprises.prefetch_related(
            Prefetch("tags", queryset=EnterpriseTag.objects.order_by("code").only("id", "name"))
        )
        .order_by("id")
        .iterator(chunk_size=2000)
    )
    return xlsx_response(
        request=request,
        permission="enterprises.export_enterprise",
        filename="enterprises",
        columns=[str(c) for c in EXPORT_COLUMNS],
        rows=rows,
        text_columns={0, 6},
    )


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
