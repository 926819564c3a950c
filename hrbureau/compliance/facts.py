"""What employer compliance knows about an enterprise, for every line that needs it (``core.facts``):
policy eligibility may say "never rated C in the last two years" or "on the honest employer list",
without naming compliance's models."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.compliance.choices import EvaluationState, Grade
from hrbureau.compliance.models import EmployerGrade
from hrbureau.core.facts import ENTERPRISE, Fact, declare

# A rating is of a year's record and published the next year: "the last two rating years" are the two
# record years before this one.
RECENT_YEARS = 2


def _published_recent() -> object:
    since = timezone.localdate().year - RECENT_YEARS
    return EmployerGrade.objects.filter(
        evaluation__state=EvaluationState.PUBLISHED, evaluation__year__gte=since
    )


GRADE_C_RECENT = declare(
    Fact(
        "compliance.grade_c_2y",
        ENTERPRISE,
        _("rated C in the last two rating years (published)"),
        rows=lambda: _published_recent().filter(grade=Grade.C),  # type: ignore[attr-defined]
        via="enterprise",
    )
)
HONEST_LISTED = declare(
    Fact(
        "compliance.honest_employer_2y",
        ENTERPRISE,
        _("on the published honest employer list in the last two rating years"),
        rows=lambda: _published_recent().filter(candidate=True, withdrawn=False),  # type: ignore[attr-defined]
        via="enterprise",
    )
)
