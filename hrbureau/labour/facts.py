"""What labour-risk early warning knows about an enterprise, for every line that needs it (``core.facts``):
the honest-employer criteria read the open risks, the open social-insurance arrears and the risk score;
the risk score itself is computed from these and from the other lines' facts."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from hrbureau.core.facts import DATE, ENTERPRISE, Fact, declare
from hrbureau.labour.choices import OPEN_RISK_STATES, RiskType
from hrbureau.labour.models import ArrearsFlag, EnterpriseRiskScore, Inspection, Risk

ARREARS_TYPES = (RiskType.WAGE_ARREARS, RiskType.ABSCONDING)

OPEN_RISKS = declare(
    Fact(
        "labour.open_risks",
        ENTERPRISE,
        _("open labour risks"),
        rows=lambda: Risk.objects.filter(state__in=OPEN_RISK_STATES),
        via="enterprise",
    )
)
WAGE_ARREARS_RISKS = declare(
    Fact(
        "labour.wage_arrears_risks",
        ENTERPRISE,
        _("wage-arrears risks found in the last year"),
        rows=lambda: Risk.objects.filter(risk_type__in=ARREARS_TYPES),
        via="enterprise",
        window_days=365,
        since_field="found_on",
    )
)
SI_ARREARS = declare(
    Fact(
        "labour.si_arrears",
        ENTERPRISE,
        _("open social-insurance arrears flags"),
        rows=lambda: ArrearsFlag.objects.filter(cleared_on__isnull=True),
        via="enterprise",
    )
)
LAST_INSPECTION = declare(
    Fact(
        "labour.last_inspection",
        ENTERPRISE,
        _("last inspected on"),
        rows=lambda: Inspection.objects.all(),
        via="enterprise",
        aggregate=lambda: Max("visited_on"),
        kind=DATE,
        default=None,
    )
)
RISK_SCORE = declare(
    Fact(
        "labour.risk_score",
        ENTERPRISE,
        _("risk score"),
        rows=lambda: EnterpriseRiskScore.objects.all(),
        via="enterprise",
        aggregate=lambda: Max("total"),
        default=None,  # not scored (deregistered, or never computed): no value, which no rule accepts
    )
)
