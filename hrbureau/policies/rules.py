"""What policy eligibility may speak of (DOMAIN.md §5): the rules subjects ``policies.enterprise`` and
``policies.person`` of the shared rules mechanism (``core.rules``).

An enterprise's own fields, one yes/no field per tag an administrator keeps (``tag.key-enterprise``:
"carries the tag"), and every fact the other lines declare about enterprises (open labour risks, social
-insurance arrears, disputes lost…, ``core.facts``) — so a policy can say "a key enterprise with at least
10 employees and no open labour risk", and the whole district is matched by one query.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from hrbureau.core import rules
from hrbureau.core.choicecache import cached_choices
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.selectors import TAG_CHOICES
from hrbureau.people.choices import Education, EmploymentStatus, Gender
from hrbureau.people.models import Person

ENTERPRISE_SUBJECT = "policies.enterprise"
PERSON_SUBJECT = "policies.person"


def tag_field_name(code: str) -> str:
    return f"tag.{code}"


def _tag_exists(code: str) -> Any:
    through = Enterprise.tags.through
    return lambda: Exists(through.objects.filter(enterprise_id=OuterRef("pk"), enterprisetag__code=code))


def _tag_fields() -> dict[str, rules.RuleField]:
    """One field per tag: whether the enterprise carries it (an EXISTS, never a join that repeats rows).
    The tags are read from the per-process choice cache, renewed when a tag changes, so evaluating a
    thousand enterprises does not read the tag table a thousand times."""
    tags = cached_choices(
        TAG_CHOICES,
        lambda: [(tag.code, str(tag)) for tag in EnterpriseTag.objects.order_by("code")],
        variant="policies-rule-fields",
    )
    return {
        tag_field_name(code): rules.RuleField(
            _("tagged “%(tag)s”") % {"tag": name},
            rules.BOOL,
            "tag_" + code.replace("-", "_"),
            annotation=_tag_exists(code),
            nullable=False,
        )
        for code, name in tags
    }


rules.register_subject(
    rules.RuleSubject(
        key=ENTERPRISE_SUBJECT,
        label=_("Enterprise (policy eligibility)"),
        model=Enterprise,
        fields={
            "status": rules.RuleField(
                _("registration status"), rules.TEXT, "status", choices=tuple(EnterpriseStatus.choices)
            ),
            "size_class": rules.RuleField(
                _("size class"), rules.TEXT, "size_class", choices=tuple(SizeClass.choices)
            ),
            "employees": rules.RuleField(_("employees"), rules.NUMBER, "employees"),
            "industry_section": rules.RuleField(
                _("industry section"), rules.TEXT, "industry_section", choices=tuple(IndustrySection.choices)
            ),
            "industry_division": rules.RuleField(_("industry division"), rules.TEXT, "industry_division"),
            "registration_date": rules.RuleField(_("registration date"), rules.DATE, "registration_date"),
            "street": rules.RuleField(_("street (code)"), rules.TEXT, "street__code"),
        },
        more_fields=_tag_fields,
    )
)

rules.register_subject(
    rules.RuleSubject(
        key=PERSON_SUBJECT,
        label=_("Person (policy eligibility)"),
        model=Person,
        fields={
            "education": rules.RuleField(
                _("education"), rules.TEXT, "education", choices=tuple(Education.choices)
            ),
            "employment_status": rules.RuleField(
                _("employment status"),
                rules.TEXT,
                "employment_status",
                choices=tuple(EmploymentStatus.choices),
            ),
            "gender": rules.RuleField(_("gender"), rules.TEXT, "gender", choices=tuple(Gender.choices)),
            "birth_date": rules.RuleField(_("birth date"), rules.DATE, "birth_date"),
            "street": rules.RuleField(_("street (code)"), rules.TEXT, "street__code"),
        },
    )
)
