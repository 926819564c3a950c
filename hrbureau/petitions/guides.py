"""The service guides (办事指南) of filing a petition or a 12345 complaint and of following it: from the
Regulations on Letters and Visits (信访工作条例 2022) and the Guangdong 12345 rules (DOMAIN.md §3). The
periods are read from the dated ``TimeLimit`` table in force on the day the guide is read."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.guides import Guide
from hrbureau.petitions.choices import TimeLimitKey as K


def _days(key: str) -> int:
    from hrbureau.petitions.rules import limit_in_force

    return limit_in_force(key, timezone.localdate()).days


def _hotline() -> str:
    # Guangdong 12345 rules [local, configurable]: 2 / 10 / 15 working days from receipt.
    return _(
        "Online matters follow the 12345 time limits, in working days from receipt: an enquiry %(enquiry)d, "
        "a request for help or a suggestion %(help)d, a complaint or a report %(complaint)d."
    ) % {"enquiry": _days(K.ENQUIRY), "help": _days(K.HELP), "complaint": _days(K.COMPLAINT)}


def _petition() -> str:
    # 信访工作条例: 15 days to register and tell, 60 to handle, one extension of at most 30.
    return _(
        "A petition by letter or visit: you are told within %(accept)d days whether it is accepted; it is "
        "handled within %(handle)d days of acceptance, and an extension of at most %(extend)d days is told "
        "to you with its reason."
    ) % {
        "accept": _days(K.PETITION_ACCEPTANCE),
        "handle": _days(K.PETITION_HANDLING),
        "extend": _days(K.PETITION_EXTENSION),
    }


def _review() -> str:
    return _(
        "Not satisfied with the answer to a petition? Ask for a review within %(days)d days of receiving "
        "the written reply."
    ) % {"days": _days(K.REVIEW_REQUEST)}


FILE = Guide(
    who=(
        gettext_lazy(
            "Anyone — a citizen or an enterprise — with a complaint, a report, a request for help, an "
            "enquiry or a suggestion about employment, pay, social insurance, talent services or the HR "
            "market in the district."
        ),
        gettext_lazy(
            "A dispute between you and your employer over pay, dismissal or compensation that you want "
            "decided belongs to labour-dispute arbitration; you are told if your matter does."
        ),
    ),
    materials=(
        gettext_lazy("Your name and a mobile phone where you can be reached."),
        gettext_lazy(
            "What happened: when and where, who is involved (the enterprise's full name if you know it), "
            "and what you ask for."
        ),
        gettext_lazy("Evidence if you have any (pay records, contracts, photos); it may be asked for later."),
    ),
    time_limits=(_hotline, _petition, _review),
    where=(
        gettext_lazy("Online on this portal, at any time."),
        gettext_lazy("By phone: the 12345 government service hotline, day and night."),
        gettext_lazy("By letter or visit: the petitions office of the district HR bureau, on working days."),
    ),
    basis=(
        gettext_lazy(
            "Regulations on Letters and Visits (信访工作条例, 2022); Guangdong rules on the 12345 hotline "
            "(2022). Your identity and what you report are never passed to those you complain about."
        ),
    ),
)

TRACK = Guide(
    who=(gettext_lazy("Whoever raised the matter, by phone, letter, visit or online."),),
    materials=(gettext_lazy("The order number you were given and the phone number you gave."),),
    time_limits=(gettext_lazy("At any time; each step and its time limit is shown as it is now."),),
    where=(gettext_lazy("Online on this portal, without signing in; signed in, under “My matters”."),),
)
