"""What a post's requirements may speak of: the rules subject ``personnel.registrant`` of the shared rules
mechanism (``core.rules``), over a registration — the person's own fields, the age on the registration
window's closing day, and what the person entered when registering (education, degree, major,
professional title, years of experience). Levels in order (education, degree, title) let a post ask for
"at least a bachelor" as one comparison."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import rules
from hrbureau.people.choices import Education, Gender
from hrbureau.personnel.recruitment_choices import (
    DEGREE_RANK,
    EDUCATION_RANK,
    TITLE_RANK,
    Degree,
    ProfessionalTitle,
)
from hrbureau.personnel.recruitment_models import Registration

REGISTRANT_SUBJECT = "personnel.registrant"


def _ranked(choices: Any, ranks: dict[str, int]) -> tuple[tuple[int, Any], ...]:
    """A level's numbers with the labels of what they rank (5: bachelor), lowest first: a requirement
    "education level at least 5" reads "at least bachelor"."""
    return tuple(
        sorted(((ranks[value], label) for value, label in choices if value in ranks), key=lambda c: c[0])
    )


rules.register_subject(
    rules.RuleSubject(
        key=REGISTRANT_SUBJECT,
        label=_("Registrant (recruitment post requirements)"),
        model=Registration,
        fields={
            "age": rules.RuleField(_("age on the closing day"), rules.NUMBER, "age_at_close"),
            "gender": rules.RuleField(
                _("gender"), rules.TEXT, "person__gender", choices=tuple(Gender.choices)
            ),
            "education": rules.RuleField(
                _("education"), rules.TEXT, "education", choices=tuple(Education.choices)
            ),
            "education_level": rules.RuleField(
                _("education level"),
                rules.NUMBER,
                "education_level",
                choices=_ranked(Education.choices, EDUCATION_RANK),
            ),
            "degree": rules.RuleField(_("degree"), rules.TEXT, "degree", choices=tuple(Degree.choices)),
            "degree_level": rules.RuleField(
                _("degree level"), rules.NUMBER, "degree_level", choices=_ranked(Degree.choices, DEGREE_RANK)
            ),
            "major": rules.RuleField(_("major"), rules.TEXT, "major"),
            "professional_title": rules.RuleField(
                _("professional title"),
                rules.TEXT,
                "professional_title",
                choices=tuple(ProfessionalTitle.choices),
            ),
            "title_level": rules.RuleField(
                _("title level"),
                rules.NUMBER,
                "title_level",
                choices=_ranked(ProfessionalTitle.choices, TITLE_RANK),
            ),
            "years_experience": rules.RuleField(_("years of experience"), rules.NUMBER, "years_experience"),
            "street": rules.RuleField(_("street of residence (code)"), rules.TEXT, "person__street__code"),
        },
    )
)


def check(condition: dict[str, Any], registration: Registration) -> tuple[bool | None, dict[str, Any]]:
    """Whether the registration meets the post's requirements, and the trace stored with it (None when
    the post states none)."""
    if not condition:
        return None, {}
    return rules.evaluate(REGISTRANT_SUBJECT, condition, registration), rules.trace(
        REGISTRANT_SUBJECT, condition, registration
    )


def unmet_words(condition: dict[str, Any], registration: Registration) -> list[str]:
    """What the registration misses, in plain words ("age on the closing day 36, needs at most 35")."""
    if not condition:
        return []
    return [
        rules.hint(REGISTRANT_SUBJECT, top, registration)
        for top in rules.top_conditions(condition)
        if not rules.evaluate(REGISTRANT_SUBJECT, top, registration)
    ]
