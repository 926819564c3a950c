"""The service guides (办事指南) of the arbitration services on the portal: applying for arbitration,
booking a counter appointment, querying a case. From the Labour Dispute Mediation and Arbitration Law
(劳动争议调解仲裁法) and the MOHRSS case rules (DOMAIN.md §2); the periods are read from the dated
``TimeLimit`` table in force on the day the guide is read."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.arbitration.choices import TimeLimitKey as K
from hrbureau.core.guides import Guide


def _days(key: str) -> int:
    from hrbureau.arbitration.rules import limit_in_force

    return limit_in_force(key, timezone.localdate()).days


def _acceptance() -> str:
    # 调解仲裁法 Art.29: acceptance decided within 5 days of receiving the application.
    return _(
        "The commission decides whether to accept your application within %(days)d days of receiving it. "
        "If materials are missing you are told everything to add at once, and the application counts as "
        "received on the day they are complete."
    ) % {"days": _days(K.ACCEPTANCE)}


def _award() -> str:
    # 调解仲裁法 Art.43: award within 45 days of acceptance, one extension of at most 15 days.
    return _(
        "The award is made within %(award)d days of acceptance; a complex case may be extended once, by at "
        "most %(extension)d days, with the parties told in writing."
    ) % {"award": _days(K.AWARD), "extension": _days(K.AWARD_EXTENSION)}


def _hearing() -> str:
    return _(
        "You are told of the hearing at least %(notice)d days before it, and may ask to postpone it at "
        "least %(postpone)d days before."
    ) % {"notice": _days(K.HEARING_NOTICE), "postpone": _days(K.POSTPONE_REQUEST)}


def _counter() -> str:
    return _(
        "At the case-filing counter (立案窗口) of %(commission)s, on working days, in the hours shown "
        "when you book: %(hours)s."
    ) % {"commission": settings.ARBITRATION_COMMISSION_NAME, "hours": counter_hours()}


def counter_hours() -> str:
    from hrbureau.arbitration.appointments import DEFAULT_TIMES

    return ", ".join(f"{starts:%H:%M}–{ends:%H:%M}" for starts, ends in DEFAULT_TIMES)


APPLY = Guide(
    who=(
        gettext_lazy(
            "A worker or an employer in a labour dispute: over confirming the employment relationship; "
            "making, performing, changing or ending a labour contract; dismissal or resignation; working "
            "hours, rest and leave, social insurance, welfare, training and labour protection; pay, "
            "work-injury medical costs, economic compensation or damages."
        ),
        gettext_lazy(
            "This commission hears disputes where the work is done or the employer is located in the "
            "district. You apply yourself; a worker who cannot act alone applies through a guardian, and "
            "anyone may appoint an agent with a signed power of attorney."
        ),
    ),
    materials=(
        gettext_lazy(
            "The arbitration application (仲裁申请书), with one copy for each respondent: who you are; "
            "the respondent's name and address; your claims, with amounts; the facts and reasons; your "
            "evidence and witnesses. Online, the form is your application and the commission makes the "
            "copies."
        ),
        gettext_lazy(
            "Your resident ID card; an enterprise brings its business licence and its legal "
            "representative's certificate and ID."
        ),
        gettext_lazy(
            "Evidence of the employment relationship: the labour contract, pay slips or bank records, a "
            "work badge, attendance records, social-insurance records."
        ),
        gettext_lazy(
            "Evidence for each claim (pay owed, a dismissal notice, overtime records…). Online: PDF or "
            "image files, up to 10 MB each."
        ),
        gettext_lazy("An agent: the power of attorney and the agent's ID."),
    ),
    time_limits=(
        gettext_lazy(
            "Apply within 1 year of the day you knew or should have known your rights were infringed. Pay "
            "owed while the job lasts may be claimed during the employment, and within 1 year after it ends."
        ),
        _acceptance,
        _hearing,
        _award,
        gettext_lazy("Arbitration is free of charge."),
    ),
    where=(
        gettext_lazy("Online on this portal, at any time."),
        _counter,
    ),
    basis=(
        gettext_lazy(
            "Labour Dispute Mediation and Arbitration Law of the PRC (劳动争议调解仲裁法), Arts.2, 21, 27–29, "
            "43 and 53; Rules for Handling Labour and Personnel Dispute Arbitration Cases (MOHRSS order 33)."
        ),
    ),
)

APPOINTMENT = Guide(
    who=(
        gettext_lazy(
            "Anyone who will file an application at the counter, hand in or supplement materials, or ask "
            "about their case."
        ),
    ),
    materials=(
        gettext_lazy("Your resident ID card (an agent: also the power of attorney)."),
        gettext_lazy("The appointment number shown after booking, and the materials for what you come for."),
    ),
    time_limits=(
        gettext_lazy(
            "Times are open on working days for the next two weeks, each with a few places. If you cannot "
            "come, cancel on the portal before the time starts."
        ),
    ),
    where=(_counter,),
)

QUERY = Guide(
    who=(gettext_lazy("A party to the case, or anyone the party gives the case's number and ID to."),),
    materials=(
        gettext_lazy(
            "The application number (SQ…) or the case number (…号), and the resident ID number or the "
            "unified social credit code of one of the parties."
        ),
    ),
    time_limits=(gettext_lazy("At any time; the state and the time limits are shown as they are now."),),
    where=(gettext_lazy("Online on this portal, without signing in."),),
)
