"""What the HR-service market adds to the shared registries: its menu entries, the reporting
enterprises' service on the portal home (with its guide), where a notice about a report opens for the
enterprise, the dashboard's figures of the industry's reports, and the enterprise's reports still to
submit on its portal to-do."""

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures
from hrbureau.core.guides import Guide, PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.core.todo import TodoItem
from hrbureau.core.todo import register as todo_register

register(
    NavItem(
        "hr_agencies",
        _("HR-service agencies"),
        "hrmarket:agencies",
        "briefcase",
        "hrmarket.view_agency",
        order=48,
    )
)
register(
    NavItem(
        "hr_industry",
        _("HR-service industry figures"),
        "hrmarket:industry",
        "chart-line",
        "hrmarket.view_industry",
        order=49,
    )
)
register(
    NavItem(
        "portal_industry_figures",
        _("Industry figures"),
        "hrmarket:portal_reports",
        "chart-line",
        "hrmarket.submit_industryreport",
        order=20,
        area="portal",
    )
)

# A notice about a report (a reminder, a return) opens, for the enterprise, its page in the portal.
register_portal_page(
    "hrmarket.industryreport", lambda report: reverse("hrmarket:portal_report", args=[report.pk])
)


def _due() -> str:
    from hrbureau.hrmarket.reporting import setting_on

    setting = setting_on(timezone.localdate())
    if setting is None:
        return gettext("The department announces each period's due date.")
    return gettext(
        "%(frequency)s figures, due %(days)d working days after the period ends; an enterprise that has "
        "not reported by then is reminded by SMS and in its inbox."
    ) % {"frequency": setting.get_frequency_display(), "days": setting.due_working_days}


REPORTING = Guide(
    who=(
        _(
            "HR-service enterprises listed as the district's HR-service industry reporting enterprises "
            "(人力资源服务业纳统企业), through their enterprise account."
        ),
    ),
    materials=(
        _(
            "The period's operating revenue in yuan, staff at the end of the period, people placed in jobs, "
            "people served, and dispatched or outsourced workers (0 if none)."
        ),
    ),
    time_limits=(_due,),
    where=(
        _("Online on this portal, at any time; a report returned for correction is corrected here too."),
        _("Questions: the HR-market supervision department of the bureau."),
    ),
    basis=(_("The HR-service industry statistical reporting system (人力资源服务业统计报表制度)."),),
)
guides_register(
    PortalService(
        "hrmarket_industry_figures",
        _("Report HR-service industry figures"),
        _("Reporting enterprises submit their revenue, staff, placements and people served each period."),
        "chart-line",
        "hrmarket:portal_reports",
        "hrmarket.submit_industryreport",
        guide=REPORTING,
        order=60,
    )
)


# --- figures (core.figures) ------------------------------------------------------------------------------


def _reporting(user: Any) -> Any:
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.hrmarket.models import REPORTING_TAG

    return Enterprise.objects.for_user(user).filter(tags__code=REPORTING_TAG)


def _latest(user: Any) -> Any:
    from hrbureau.hrmarket import selectors

    period = selectors.latest_closed_period()
    rows = selectors.report_list(user=user)
    return rows.filter(period=period) if period is not None else rows.none()


def _rate(rows: Any) -> int:
    reports = rows.count()
    return round(100 * rows.filter(submitted_at__isnull=False).count() / reports) if reports else 0


def _rate_by_street(user: Any) -> dict[Any, int]:
    from hrbureau.hrmarket.selectors import SUBMITTED

    grouped = (
        _latest(user)
        .values_list("enterprise__street_id")
        .annotate(n=Count("id"), s=Count("id", filter=SUBMITTED))
        .order_by()
    )
    return {street: round(100 * s / n) for street, n, s in grouped if n}


def _sum(name: str) -> Any:
    from django.db.models import Sum

    from hrbureau.hrmarket.selectors import COUNTED

    def count(user: Any) -> int:
        return int(_latest(user).filter(COUNTED).aggregate(v=Sum(name))["v"] or 0)

    def by_street(user: Any) -> dict[Any, int]:
        rows = (
            _latest(user)
            .filter(COUNTED)
            .values_list("enterprise__street_id")
            .annotate(v=Sum(name))
            .order_by()
        )
        return {street: int(v or 0) for street, v in rows}

    return count, by_street


figures.register(
    figures.Figure(
        "hrmarket.reporting_enterprises",
        _("HR-service industry reporting enterprises"),
        count=lambda user: _reporting(user).count(),
        by_street=lambda user: dict(
            _reporting(user).values_list("street_id").annotate(n=Count("id")).order_by()
        ),
    )
)
figures.register(
    figures.Figure(
        "hrmarket.report_submission_rate",
        _("Submission rate of the latest closed period (%)"),
        count=lambda user: _rate(_latest(user)),
        by_street=_rate_by_street,
    )
)
_revenue = _sum("revenue")
figures.register(
    figures.Figure(
        "hrmarket.report_revenue",
        _("HR-service industry revenue of the latest closed period (yuan)"),
        count=_revenue[0],
        by_street=_revenue[1],
    )
)
_placements = _sum("placements")
figures.register(
    figures.Figure(
        "hrmarket.report_placements",
        _("People placed in jobs by the HR-service industry in the latest closed period"),
        count=_placements[0],
        by_street=_placements[1],
    )
)


# --- the enterprise's to-do in the portal ------------------------------------------------------------------


def _to_report(user: Any) -> list[TodoItem]:
    """A reporting enterprise's reports still to submit: not yet sent, or returned for correction."""
    from hrbureau.core.workflow import workflow_for
    from hrbureau.hrmarket import selectors
    from hrbureau.hrmarket.reporting import NOT_IN

    if not getattr(user, "is_portal_role", False) or not user.has_perm("hrmarket.submit_industryreport"):
        return []
    today = timezone.localdate()
    reports = (
        selectors.report_list(user=user)
        .filter(state__in=NOT_IN)
        .select_related("period")
        .order_by("period__due_on", "id")[:20]
    )
    return [
        TodoItem(
            title=gettext("HR-service industry figures for %(period)s") % {"period": report.period},
            url=reverse("hrmarket:portal_report", args=[report.pk]),
            kind=gettext("Industry figures to report"),
            due=report.period.due_on,
            overdue=report.period.due_on < today,
            state=workflow_for(report).party_state_label(report.state),
        )
        for report in reports
    ]


todo_register("hrmarket industry figures", _to_report, label=_("Industry figures to report"), portal=True)
