from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hrbureau.core import recent, search, todo
from hrbureau.core.pagination import keyset_page_or_first

ViewFunc = Callable[..., HttpResponseBase]


AREA_PERMISSIONS = {
    "workbench": ("core.use_workbench",),
    "portal": ("core.use_portal",),
    "any": ("core.use_workbench", "core.use_portal"),
}


def permission_required(permission: str | None, *, area: str = "workbench") -> Callable[[ViewFunc], ViewFunc]:
    """Anonymous visitors go to the login page; signed-in users without ``permission`` get a 403.

    A page also belongs to an area — the staff workbench or the public portal — and only roles that
    use that area may open it: an integration account holding a read permission for the API still
    gets no web page.
    """
    area_permissions = AREA_PERMISSIONS[area]

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_perm(p) for p in area_permissions):
                raise PermissionDenied(area)
            if permission is not None and not request.user.has_perm(permission):
                raise PermissionDenied(permission)
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator


def home(request: HttpRequest) -> HttpResponse:
    """The address everyone starts from: the login page, the workbench or the portal by role."""
    user = request.user
    if not user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if user.has_perm("core.use_workbench"):
        return redirect("workbench")
    if user.has_perm("core.use_portal"):
        return redirect("portal")
    raise PermissionDenied("no web area for this role")


@permission_required("core.use_workbench")
def workbench(request: HttpRequest) -> HttpResponse:
    groups = todo.todo_groups(user=request.user)
    return render(
        request,
        "core/workbench.html",
        {
            "todo_groups": groups,
            "todo_total": sum(g.count for g in groups),
            "recent_items": recent.recent_visits(user=request.user),
            "today": timezone.localdate(),
        },
    )


@permission_required("core.use_portal", area="portal")
def portal(request: HttpRequest) -> HttpResponse:
    from hrbureau.core import guides

    context = {
        "todo_items": todo.todo_items(user=request.user),
        "services": guides.services_for(request.user),
    }
    return render(request, "core/portal.html", context)


@permission_required("core.use_workbench")
def quick_search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    results = search.quick_search(user=request.user, query=query)
    template = "core/_search_results.html" if request.headers.get("HX-Request") else "core/search.html"
    return render(request, template, {"query": query, "results": results})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    response = render(request, "403_csrf.html", status=403)
    response.audit_reason = f"CSRF: {reason}"  # type: ignore[attr-defined]
    return response


# --- To-do, inbox and the shared parts of every case page ------------------------------------------


@permission_required("core.use_workbench")
def todo_list(request: HttpRequest) -> HttpResponse:
    """My to-do, paged: the groups one after the other with their counts; the total is the badge's."""
    kind = request.GET.get("kind") or ""
    overdue_only = request.GET.get("overdue") == "1"
    kinds = todo.kinds()
    if kind and kind not in dict(kinds):
        kind = ""
    number = request.GET.get("page", "")
    page = todo.todo_page(
        user=request.user,
        kind=kind or None,
        overdue_only=overdue_only,
        page=int(number) if number.isdigit() and len(number) < 7 else 1,
    )
    base = urlencode({k: v for k, v in (("kind", kind), ("overdue", "1" if overdue_only else "")) if v})
    return render(
        request,
        "core/todo_list.html",
        {
            "page": page,
            "items": page.items,
            "kinds": kinds,
            "kind": kind,
            "overdue_only": overdue_only,
            "page_query": f"{base}&" if base else "",
        },
    )


@permission_required(None, area="any")
def inbox(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.core import notifications

    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("id") if v.isdigit() and len(v) < 19]
        # "Mark all as read" marks what the page showed, up to its newest notice: one that arrived since
        # stays unread.
        up_to = request.POST.get("up_to", "")
        notifications.notification_mark_read(
            user=request.user,
            ids=ids or None,
            up_to=int(up_to) if up_to.isdigit() and len(up_to) < 19 else None,
        )
        return redirect("core:inbox")
    unread_only = request.GET.get("unread") == "1"
    notices = notifications.inbox_for(request.user)
    unread = notices.filter(is_read=False).count()  # type: ignore[misc]
    newest_id = notices.values_list("pk", flat=True).first()
    if unread_only:
        notices = notices.filter(is_read=False)  # type: ignore[misc]
    page = keyset_page_or_first(
        notices, ordering=("-created_at", "-id"), cursor=request.GET.get("cursor"), per_page=30
    )
    return render(
        request,
        "core/inbox.html",
        {"page": page, "unread_only": unread_only, "unread": unread, "newest_id": newest_id or 0},
    )


@permission_required("core.view_supervision")
def supervision(request: HttpRequest) -> HttpResponseBase:
    """The cases under supervision (督办): those still at a leadership rung, or (``?day=``) those that went
    under supervision on one day — the list a day's leadership digest links to."""
    from hrbureau.core import clocks

    day = None
    try:
        day = dt.date.fromisoformat(request.GET.get("day", "")[:10]) if request.GET.get("day") else None
    except ValueError:
        day = None
    rows = clocks.supervision_list(user=request.user, day=day)
    page = keyset_page_or_first(
        rows, ordering=("supervised_on", "id"), cursor=request.GET.get("cursor"), per_page=50
    )
    for clock in page.items:
        clock.label_shown = clocks.display_label(clock)  # type: ignore[attr-defined]
    return render(request, "core/supervision.html", {"page": page, "day": day, "today": timezone.localdate()})


def _case_for(request: HttpRequest, case_type: str, pk: int, *, holders: bool = False) -> Any:
    """The case (or, with ``holders``, a registered holder of files such as an inspection) the user may
    see; 404 or an audited 403 otherwise."""
    from hrbureau.core.attachments import holder_model
    from hrbureau.core.scoping import get_for_user_or_404
    from hrbureau.core.workflow import workflows

    models_by_label: dict[str, Any] = {w.label: w.model for w in workflows()}
    model = models_by_label.get(case_type) or (holder_model(case_type) if holders else None)
    if model is None:
        raise Http404
    return get_for_user_or_404(model.objects.all(), request.user, pk=pk)


@require_POST
@permission_required("core.comment_case")
def case_comment(request: HttpRequest, case_type: str, pk: int) -> HttpResponseBase:
    from hrbureau.core.models import CaseComment

    case = _case_for(request, case_type, pk)
    body = (request.POST.get("body") or "").strip()
    if not body:
        messages.error(request, _("A comment cannot be empty."))
    elif len(body) > 5000:
        messages.error(request, _("A comment can be at most 5,000 characters long."))
    else:
        CaseComment.objects.create(case_type=case_type, case_id=case.pk, author=request.user, body=body)  # type: ignore[misc]
        messages.success(request, _("Comment added."))
    return redirect(case.get_absolute_url())


@require_POST
@permission_required("core.attach_case")
def case_attach(request: HttpRequest, case_type: str, pk: int) -> HttpResponseBase:
    from django.core.exceptions import ValidationError

    from hrbureau.core.attachments import attachment_add

    case = _case_for(request, case_type, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            attachment_add(case=case, upload=upload, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File attached."))
    return redirect(case.get_absolute_url())


@permission_required(None, area="any")
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    from hrbureau.core.attachments import attachment_path
    from hrbureau.core.models import CaseAttachment

    attachment = CaseAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    # Whoever may see the case may read its files; everyone else is refused (and audited). A party on
    # the portal reads only the files meant for them, not the other side's papers or the staff's.
    case = _case_for(request, attachment.case_type, attachment.case_id, holders=True)
    if not request.user.has_perm("core.use_workbench"):
        from hrbureau.core.attachments import party_may_open

        if not party_may_open(request.user, case, attachment):
            raise PermissionDenied("not a file of this party")
    path = attachment_path(attachment)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@permission_required(None, area="any")
def notice_open(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Open a notice of one's inbox: mark it read and go to the page of its case meant for the reader
    (``core.links``) — a party's portal page, a staff member's case page."""
    from hrbureau.core import links, notifications

    notice = notifications.inbox_for(request.user).filter(pk=pk).first()
    if notice is None:
        raise Http404  # not a notice addressed to this reader
    notifications.notification_mark_read(user=request.user, ids=[notice.pk])
    target = links.notice_page_for(request.user, notice)
    if target is None:
        messages.info(request, _("The page of this message is not open to you (any more)."))
        return redirect("core:inbox")
    return redirect(target)


def guide_list(request: HttpRequest) -> HttpResponse:
    """Every service's guide (办事指南), open to anyone: what one can do on the portal and how."""
    from hrbureau.core import guides

    services = [s for s in guides.all_services() if s.guide is not None]
    return render(request, "core/guide_list.html", {"services": services})


def guide_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One service's guide: who may apply, what to bring, the time limits, where and when."""
    from hrbureau.core import guides

    service = guides.get(key)
    if service is None or service.guide is None:
        raise Http404
    context = {
        "service": service,
        "sections": service.guide.sections(),
        "may_start": service.may_start(request.user),
    }
    return render(request, "core/guide.html", context)


@permission_required(None, area="any")
def case_action(request: HttpRequest, case_type: str, pk: int, name: str) -> HttpResponseBase:
    """One action on a case, for every case type (DESIGN.md mechanism 10): GET shows its form (the
    dialog's content when HTMX asks, else a page of its own), POST takes it. Errors are shown inside
    the form; done, the reader goes back to the case page meant for them."""
    from django.core.exceptions import ValidationError

    from hrbureau.core.actions import form_for, perform, refusal
    from hrbureau.core.forms import apply_errors
    from hrbureau.core.links import case_page_for
    from hrbureau.core.workflow import TransitionError, workflow_for

    case = _case_for(request, case_type, pk)
    workflow = workflow_for(case)
    t = workflow.transitions.get(name)
    if t is None or not t.offered:
        raise Http404
    if t.permission is None or not request.user.has_perm(t.permission):
        raise PermissionDenied(t.permission or name)
    back = case_page_for(request.user, case) or "/"
    # A page of this site the action was taken from (a served document's page), else the case page.
    asked = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(asked, allowed_hosts={request.get_host()}, require_https=False):
        asked = ""
    back = asked or back
    in_dialog = request.headers.get("HX-Request") == "true"
    if request.method == "POST":
        form = form_for(case, name, request.user, request.POST, request.FILES)
        if form.is_valid():
            try:
                result = perform(case, name, request.user, form)
            except TransitionError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                case.refresh_from_db()
                messages.success(
                    request,
                    _("Done: “%(action)s”. Now “%(state)s”.")
                    % {"action": t.label, "state": workflow.states(case.state).label},
                )
                more = form.done_message(result)
                if more:
                    messages.info(request, more)
                if in_dialog:
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = back
                    return response
                return redirect(back)
    elif request.method == "GET":
        form = form_for(case, name, request.user)
    else:
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    context = {
        "case": case,
        "case_type": workflow.label,
        "transition": t,
        "form": form,
        "back": back,
        "next": asked,
        "refusal": refusal(case, name, request.user),
    }
    return render(request, "core/_action_form.html" if in_dialog else "core/action_page.html", context)
