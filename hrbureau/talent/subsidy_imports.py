"""Subsidy applications collected outside the platform (a street's or an employer's sheet), imported
through the platform's import (``core.imports``): one row per application — the scheme's code, the ID
number and name, the degree and graduation day, the employer's USCC, the bank and account, the amount
(by the scheme's rate for the degree where left empty). Each becomes an application filed through the
import channel, submitted, to be reviewed like any other.

One subsidy per person per scheme across the portal, the counter and imports (the ID number is the key):
a row whose person already holds a live application of the scheme is rejected "already applied", and so
is a second row of the same person and scheme in the file. The check is one query per chunk of rows
(``existing``), whatever the size of the register; the database constraint stands behind it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.forms import clean_amount
from hrbureau.core.identifiers import (
    birth_date_from_id,
    gender_from_id,
    mask_id_number,
    normalize_resident_id,
    normalize_uscc,
    to_half_width,
)
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec, choice, register
from hrbureau.core.models import CaseEvent
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent.choices import ApplicationState, Channel, Degree
from hrbureau.talent.models import LIVE_APPLICATION, SchemeRate, SubsidyApplication, SubsidyScheme

DEGREE_WORDS = {
    "专科": Degree.COLLEGE,
    "大专": Degree.COLLEGE,
    "高职": Degree.COLLEGE,
    "本科": Degree.BACHELOR,
    "学士": Degree.BACHELOR,
    "大学本科": Degree.BACHELOR,
    "硕士": Degree.MASTER,
    "硕士研究生": Degree.MASTER,
    "研究生": Degree.MASTER,
    "博士": Degree.PHD,
    "博士研究生": Degree.PHD,
}


def _context(actor: Any) -> dict[str, Any]:
    return {"schemes": {}, "employers": {}, "rates": {}}


def _scheme(code: str, context: dict[str, Any]) -> SubsidyScheme | None:
    schemes = context["schemes"]
    if code not in schemes:
        schemes[code] = SubsidyScheme.objects.filter(code=code).first()
    return schemes[code]


def _rate(scheme: SubsidyScheme, degree: str, context: dict[str, Any]) -> Any:
    rates = context["rates"]
    if scheme.pk not in rates:
        rates[scheme.pk] = dict(SchemeRate.objects.filter(scheme=scheme).values_list("degree", "amount"))
    return rates[scheme.pk].get(degree) or scheme.fixed_amount


def _clean(values: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    code = to_half_width(str(values.get("scheme") or "")).strip()
    scheme = _scheme(code, context)
    if scheme is None:
        errors["scheme"] = [_("no subsidy scheme with this code")]
    try:
        id_number = normalize_resident_id(values.get("id_number"))
    except ValidationError as error:
        errors["id_number"] = error.messages
        id_number = ""
    employer = None
    uscc_given = str(values.get("uscc") or "").strip()
    if uscc_given:
        try:
            uscc = normalize_uscc(uscc_given)
        except ValidationError as error:
            errors["uscc"] = error.messages
        else:
            employers = context["employers"]
            if uscc not in employers:
                employers[uscc] = Enterprise.objects.filter(uscc=uscc).values_list("pk", "street_id").first()
            employer = employers[uscc]
            if employer is None:
                errors["uscc"] = [_("no enterprise with this USCC")]
    amount = clean_amount(values.get("amount"), "amount", errors)
    degree = values.get("degree") or ""
    account = to_half_width(str(values.get("account") or "")).replace(" ", "")
    if account and not account.isdigit():
        errors["account"] = [_("An account number is digits only.")]
    if errors:
        raise ValidationError(errors)
    assert scheme is not None
    if amount is None:
        amount = _rate(scheme, degree, context)
        if amount is None:
            raise ValidationError(
                {"amount": [_("The scheme has no amount for this degree: give the amount.")]}
            )
    return {
        "scheme": code,
        "scheme_id": scheme.pk,
        "id_number": id_number,
        "name": str(values.get("name") or "").strip(),
        "degree": degree,
        "graduated_on": values.get("graduated_on"),
        "employer_id": employer[0] if employer else None,
        "employer_street_id": employer[1] if employer else None,
        "bank_name": str(values.get("bank") or "").strip()[:100],
        "account_number": account[:40],
        "amount": amount,
    }


def _key(cleaned: dict[str, Any]) -> str:
    return f"{cleaned['scheme_id']}|{cleaned['id_number']}"


def _existing(keys: Sequence[str]) -> dict[str, int]:
    """The live applications of these (scheme, ID number) pairs: one query for the whole chunk."""
    by_scheme: dict[int, list[str]] = {}
    for key in keys:
        scheme_code, id_number = key.split("|", 1)
        by_scheme.setdefault(int(scheme_code), []).append(id_number)
    # From the people (their unique ID numbers) to their applications (the person-and-scheme index):
    # the rows read are the chunk's, never the scheme's whole register.
    condition = Q(pk__in=[])
    for scheme_id, numbers in by_scheme.items():
        people = Person.objects.filter(id_number__in=numbers).values("pk")
        condition |= Q(person_id__in=people, scheme_id=scheme_id)
    return {
        f"{scheme_id}|{id_number}": pk
        for pk, scheme_id, id_number in SubsidyApplication.objects.filter(LIVE_APPLICATION)
        .filter(condition)
        .order_by()
        .values_list("pk", "scheme_id", "person__id_number")
    }


def _people(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int | None]]:
    """{ID number: (person, street)} for the rows' people, those not yet registered added (by name)."""
    numbers = {row["id_number"] for row in rows}
    found: dict[str, tuple[int, int | None]] = {
        n: (pk, street)
        for pk, n, street in Person.objects.filter(id_number__in=numbers).values_list(
            "pk", "id_number", "street_id"
        )
    }
    missing = {row["id_number"]: row["name"] for row in rows if row["id_number"] not in found}
    if missing:
        Person.objects.bulk_create(
            [
                Person(
                    id_number=n,
                    name=name or n[-4:],
                    gender=gender_from_id(n),
                    birth_date=birth_date_from_id(n),
                )
                for n, name in missing.items()
            ],
            batch_size=2000,
        )
        found.update(
            {
                n: (pk, None)
                for pk, n in Person.objects.filter(id_number__in=list(missing)).values_list("pk", "id_number")
            }
        )
    return found


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    if updates:
        raise ValidationError(
            _(
                "An application is never overwritten by an import: the person has already applied for the scheme."
            )
        )
    if not creates:
        return BatchResult()
    people = _people(creates)
    stamp = timezone.now()
    prefix = f"TS{stamp:%y%m%d}I{reference.rpartition(':')[2]}"
    first = SubsidyApplication.objects.filter(number__startswith=f"{prefix}-").count()
    applications = []
    for index, row in enumerate(creates, start=first + 1):
        person, street = people[row["id_number"]]
        applications.append(
            SubsidyApplication(
                number=f"{prefix}-{index:06d}",
                scheme_id=row["scheme_id"],
                person_id=person,
                employer_id=row["employer_id"],
                street_id=street or row["employer_street_id"],
                channel=Channel.IMPORT,
                degree=row["degree"],
                graduated_on=row["graduated_on"],
                amount=row["amount"],
                bank_name=row["bank_name"],
                account_name=row["name"],
                account_number=row["account_number"],
                state=ApplicationState.SUBMITTED,
                filed_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    SubsidyApplication.objects.bulk_create(applications, batch_size=2000)
    numbers = [a.number for a in applications]
    created = SubsidyApplication.objects.filter(number__in=numbers).values_list("pk", flat=True)
    # The creation recorded as each application's first event, as the workflow's creation does.
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_type=SubsidyApplication._meta.label_lower,
                case_id=pk,
                name="create",
                from_state="",
                to_state=ApplicationState.SUBMITTED,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                actor_name=(actor.get_full_name() if getattr(actor, "is_authenticated", False) else "")[:150],
                reason="",
                data={"channel": Channel.IMPORT, "import": reference},
            )
            for pk in created
        ],
        batch_size=2000,
    )
    return BatchResult(created=len(applications))


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    return mask_id_number(str(value)) if key == "id_number" else str(value)


SUBSIDY_IMPORT = ImportSpec(
    key="talent-subsidy-applications",
    title=gettext_lazy("Subsidy applications"),
    permission="talent.review_subsidy",
    columns=(
        Column(
            "scheme",
            gettext_lazy("Scheme code"),
            ("项目代码", "补贴项目代码", "补贴代码", "项目编码"),
            required=True,
        ),
        Column(
            "id_number",
            gettext_lazy("ID number"),
            ("身份证号", "身份证号码", "公民身份号码", "证件号码"),
            required=True,
            kind="code",
        ),
        Column("name", gettext_lazy("Name"), ("姓名", "申请人", "申请人姓名"), required=True),
        choice(
            "degree",
            gettext_lazy("Degree"),
            ("学历", "学位", "最高学历", "学历学位"),
            Degree.choices,
            DEGREE_WORDS,
        ),
        Column(
            "graduated_on", gettext_lazy("Graduated on"), ("毕业时间", "毕业日期", "毕业年月"), kind="date"
        ),
        Column(
            "uscc",
            gettext_lazy("Employer's USCC"),
            ("用人单位统一社会信用代码", "统一社会信用代码", "单位信用代码"),
            kind="code",
        ),
        Column("bank", gettext_lazy("Bank"), ("开户行", "开户银行", "银行")),
        Column(
            "account",
            gettext_lazy("Account number"),
            ("银行账号", "收款账号", "账号", "银行卡号"),
            kind="code",
        ),
        Column("amount", gettext_lazy("Amount (yuan)"), ("金额", "补贴金额", "申请金额", "金额（元）")),
    ),
    key_column="id_number",
    clean=_clean,
    context=_context,
    existing=_existing,
    write=_write,
    list_url_name="talent:applications",
    row_key=_key,
    display=_display,
    existing_message=gettext_lazy("Already applied: this person holds an application of this scheme."),
)
register(SUBSIDY_IMPORT)
