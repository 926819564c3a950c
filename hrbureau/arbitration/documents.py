"""The commission's documents as .docx, from the case's data (DOMAIN.md §2): acceptance and refusal
notices, the notice to supplement, the hearing notice, the mediation statement and the award — one award,
or separate final and non-final awards when the items are mixed, each with the remedies that apply to it.

Official documents are written in Chinese whatever the reader's interface language. A PDF is made
beside the .docx where the machine has LibreOffice (``to_pdf``); otherwise the .docx is the document.
"""

from __future__ import annotations

import datetime as dt
import shutil
import string
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from hrbureau.arbitration.choices import DocumentKind, WordingKey
from hrbureau.arbitration.models import Claim, Dispute, MediationAgreement
from hrbureau.arbitration.services import next_hearing
from hrbureau.arbitration.wording import DEFAULT_WORDING

TITLES = {
    DocumentKind.APPLICATION_COPY: "仲裁申请书（副本）",
    DocumentKind.ACCEPTANCE_NOTICE: "受理通知书",
    DocumentKind.REFUSAL_NOTICE: "不予受理通知书",
    DocumentKind.SUPPLEMENT_NOTICE: "补正通知书",
    DocumentKind.HEARING_NOTICE: "开庭通知书",
    DocumentKind.MEDIATION_STATEMENT: "调解书",
    DocumentKind.AWARD: "裁决书",
    DocumentKind.AWARD_FINAL: "裁决书（终局裁决）",
    DocumentKind.AWARD_NONFINAL: "裁决书（非终局裁决）",
}
GENERATED = frozenset(TITLES)

REMEDIES_FINAL = DEFAULT_WORDING[WordingKey.REMEDIES_FINAL]
REMEDIES_NONFINAL = DEFAULT_WORDING[WordingKey.REMEDIES_NONFINAL]

# What each wording may use. A line whose placeholders are all empty (no payment day) is left out.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    WordingKey.ACCEPTANCE_NOTICE: frozenset({"received", "accepted", "case_no", "claims"}),
    WordingKey.REFUSAL_NOTICE: frozenset({"reason"}),
    WordingKey.SUPPLEMENT_NOTICE: frozenset({"items"}),
    WordingKey.HEARING_NOTICE: frozenset({"hearing", "postpone_days"}),
    WordingKey.MEDIATION_STATEMENT: frozenset({"agreed_on", "terms", "claims", "total", "payment_due"}),
    WordingKey.AWARD: frozenset({"claims", "remedies"}),
    WordingKey.REMEDIES_FINAL: frozenset(),
    WordingKey.REMEDIES_NONFINAL: frozenset(),
}
BLOCKS = frozenset({"claims", "items", "terms"})


def placeholders_in(text: str) -> set[str]:
    """The ``{names}`` a wording uses (a malformed brace is a ValueError)."""
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def check_wording(key: str, text: str) -> str | None:
    """Why ``text`` cannot be the wording of ``key``, or None."""
    try:
        used = placeholders_in(text)
    except ValueError:
        return _("A brace is not closed: write placeholders as {name}.")
    unknown = sorted(used - PLACEHOLDERS.get(key, frozenset()))
    if unknown:
        return _("Unknown placeholders: %(names)s. This document knows: %(known)s.") % {
            "names": ", ".join(f"{{{n}}}" for n in unknown),
            "known": ", ".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS.get(key, ()))) or "—",
        }
    return None


def wording(key: str, on: dt.date) -> str:
    from hrbureau.arbitration.models import DocumentWording
    from hrbureau.core.dated import in_force

    return in_force(DocumentWording.objects.filter(key=key), on, what=f"document wording {key!r}").text


@dataclass(frozen=True)
class GeneratedDocument:
    kind: str
    filename: str
    content: bytes
    content_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def commission_name() -> str:
    return str(settings.ARBITRATION_COMMISSION_NAME)


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount:,.2f} 元"


def _start(dispute: Dispute, title: str) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    for text, size in ((commission_name(), 16), (title, 18)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    number = doc.add_paragraph(dispute.case_no or dispute.number or "")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return doc


def _parties(doc: DocxDocument, dispute: Dispute) -> None:
    for party in dispute.parties.order_by("role", "sort_order", "id"):
        role = party.get_role_display()
        with_agent = "，".join(f"委托代理人：{a.name}" for a in party.agents.all())
        doc.add_paragraph(f"{role}：{party.name}" + (f"（{with_agent}）" if with_agent else ""))


def _end(doc: DocxDocument, dispute: Dispute) -> bytes:
    doc.add_paragraph("")
    signature = doc.add_paragraph(f"{commission_name()}\n{timezone.localdate():%Y年%m月%d日}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _claims_table(
    doc: DocxDocument, claims: list[Claim], *, awarded: bool = False, agreed: bool = False
) -> None:
    headings = ["请求事项", "请求内容", "请求金额"]
    headings += ["裁决金额", "终局"] if awarded else ["调解金额"] if agreed else []
    table = doc.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    for claim in claims:
        values = [claim.get_kind_display(), claim.description, _money(claim.amount_claimed)]
        if awarded:
            values += [_money(claim.amount_awarded), "是" if claim.final else "否"]
        elif agreed:
            values += [_money(claim.amount_agreed)]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def _filename(dispute: Dispute, kind: str) -> str:
    # Named as the party reads it in their account: the case and the document's title.
    title = TITLES.get(DocumentKind(kind), kind)
    return f"{dispute.case_no or dispute.number}-{title}.docx".replace("/", "-")


def render(dispute: Dispute, kind: str) -> GeneratedDocument:
    """One document of ``kind`` for ``dispute`` (an award of mixed items: use ``award_documents``).

    Always in Chinese, the language of the commission's documents, whatever the page's language."""
    with translation.override("zh-hans"):
        return _render(dispute, kind)


def _day(value: dt.date | None) -> str:
    return f"{value:%Y年%m月%d日}" if value else ""


def _write(
    doc: DocxDocument, text: str, values: dict[str, str], blocks: dict[str, Callable[[], object]]
) -> None:
    """The wording into the document: a line per paragraph, a block placeholder alone on its line as its
    table or list, a line whose placeholders are all empty left out."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("{") and stripped.endswith("}") and stripped[1:-1] in BLOCKS:
            blocks.get(stripped[1:-1], lambda: None)()
            continue
        used = placeholders_in(stripped)
        if used and all(not values.get(name) for name in used):
            continue
        doc.add_paragraph(stripped.format_map({name: values.get(name, "") for name in used}))


def _application_copy(dispute: Dispute) -> GeneratedDocument:
    """The application as filed (仲裁申请书副本), served on the respondent so that it can answer: the
    parties (a person's ID number masked — the copy goes to the other side), the claims, the facts and
    reasons, the materials handed in, and the period for the defence [law Art.30]."""
    from hrbureau.arbitration.choices import PartyKind, TimeLimitKey
    from hrbureau.arbitration.rules import limit_in_force
    from hrbureau.core.identifiers import mask_id_number

    kind = DocumentKind.APPLICATION_COPY
    doc = _start(dispute, TITLES[kind])
    for party in dispute.parties.order_by("role", "sort_order", "id"):
        details = [party.name]
        if party.identifier and party.kind == PartyKind.PERSON:
            details.append(f"身份证号码：{mask_id_number(party.identifier)}")
        elif party.identifier:
            details.append(f"统一社会信用代码：{party.identifier}")
        if party.address:
            details.append(f"地址：{party.address}")
        doc.add_paragraph(f"{party.get_role_display()}：" + "，".join(details))
    doc.add_paragraph("仲裁请求：")
    _claims_table(doc, list(dispute.claims.all()))
    doc.add_paragraph("事实与理由：")
    for line in dispute.facts.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    materials = [item for receipt in dispute.receipts.all() for item in receipt.items]
    if materials:
        doc.add_paragraph("提交的材料：")
        for item in materials:
            doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph(f"申请日期：{_day(dispute.filed_on)}")
    defence = limit_in_force(TimeLimitKey.DEFENCE, timezone.localdate()).days
    doc.add_paragraph(
        f"被申请人应当自收到本申请书副本之日起{defence}日内向本委提交答辩书；未提交答辩书的，不影响仲裁程序的进行。"
    )
    return GeneratedDocument(kind=kind, filename=_filename(dispute, kind), content=_end(doc, dispute))


def _render(dispute: Dispute, kind: str) -> GeneratedDocument:
    if kind not in GENERATED:
        raise ValueError(f"no template for {kind}")
    if kind == DocumentKind.APPLICATION_COPY:
        return _application_copy(dispute)
    today = timezone.localdate()
    doc = _start(dispute, TITLES[DocumentKind(kind)])
    _parties(doc, dispute)
    claims = list(dispute.claims.all())
    values: dict[str, str] = {"case_no": dispute.case_no or ""}
    blocks: dict[str, Callable[[], object]] = {"claims": lambda: _claims_table(doc, claims)}
    key = kind
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        if not dispute.accepted_on:
            doc.add_paragraph("本案尚未受理。")
            return GeneratedDocument(kind=kind, filename=_filename(dispute, kind), content=_end(doc, dispute))
        values.update(
            received=_day(dispute.received_on or dispute.filed_on), accepted=_day(dispute.accepted_on)
        )
    elif kind == DocumentKind.REFUSAL_NOTICE:
        from hrbureau.core.workflow import case_events

        values["reason"] = next((e.reason for e in case_events(dispute).filter(name="refuse")), "")
    elif kind == DocumentKind.SUPPLEMENT_NOTICE:
        blocks["items"] = lambda: [
            doc.add_paragraph(item, style="List Bullet") for item in dispute.supplement_items
        ]
    elif kind == DocumentKind.HEARING_NOTICE:
        from hrbureau.arbitration.choices import TimeLimitKey
        from hrbureau.arbitration.rules import limit_in_force

        hearing = next_hearing(dispute)
        values["hearing"] = (
            f"{timezone.localtime(hearing.starts_at):%Y年%m月%d日 %H:%M}在{hearing.room.name}（{hearing.room.location}）"
            if hearing
            else "（待定）"
        )
        day = timezone.localtime(hearing.starts_at).date() if hearing else today
        values["postpone_days"] = str(limit_in_force(TimeLimitKey.POSTPONE_REQUEST, day).days)
    elif kind == DocumentKind.MEDIATION_STATEMENT:
        agreement = MediationAgreement.objects.filter(dispute=dispute).first()
        if agreement is None:
            raise ValueError("a mediation statement is made from a recorded mediation agreement")
        values.update(
            agreed_on=_day(agreement.reached_on),
            total=_money(agreement.total_agreed),
            payment_due=_day(agreement.payment_due),
        )
        blocks["terms"] = lambda: [
            doc.add_paragraph(line.strip(), style="List Number")
            for line in agreement.terms.splitlines()
            if line.strip()
        ]
        blocks["claims"] = lambda: _claims_table(doc, claims, agreed=True)
    else:
        key = WordingKey.AWARD
        final = None if kind == DocumentKind.AWARD else kind == DocumentKind.AWARD_FINAL
        items = [c for c in claims if final is None or bool(c.final) == final]
        blocks["claims"] = lambda: _claims_table(doc, items, awarded=True)
        all_final = all(c.final for c in items) if final is None else final
        values["remedies"] = wording(
            WordingKey.REMEDIES_FINAL if all_final else WordingKey.REMEDIES_NONFINAL, today
        )
    _write(doc, wording(key, today), values, blocks)
    return GeneratedDocument(kind=kind, filename=_filename(dispute, kind), content=_end(doc, dispute))


def award_documents(dispute: Dispute) -> list[GeneratedDocument]:
    """The award as one document, or as separate final and non-final awards when the items are mixed."""
    finals = {bool(c.final) for c in dispute.claims.all()}
    if len(finals) > 1:
        return [render(dispute, DocumentKind.AWARD_FINAL), render(dispute, DocumentKind.AWARD_NONFINAL)]
    return [render(dispute, DocumentKind.AWARD)]


def pdf_available() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def to_pdf(document: GeneratedDocument) -> GeneratedDocument | None:
    """The document as PDF through LibreOffice, or None where the machine has no LibreOffice."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "document.docx"
        source.write_bytes(document.content)
        subprocess.run(  # noqa: S603 (a fixed program on a file we wrote)
            [binary, "--headless", "--convert-to", "pdf", "--outdir", work, str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pdf = (Path(work) / "document.pdf").read_bytes()
    return GeneratedDocument(
        kind=document.kind,
        filename=document.filename.removesuffix(".docx") + ".pdf",
        content=pdf,
        content_type="application/pdf",
    )


def read(content: bytes) -> list[tuple[str, Any, str]]:
    """What a .docx says, in order, to read a served document on the page: ("p", text, alignment) for
    each paragraph with text ("center", "right" or ""), ("table", rows of cell texts, "") for each table."""
    from docx.table import Table

    aligned: dict[object, str] = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right"}
    blocks: list[tuple[str, Any, str]] = []
    for item in Document(BytesIO(content)).iter_inner_content():
        if isinstance(item, Table):
            blocks.append(("table", [[cell.text for cell in row.cells] for row in item.rows], ""))
        elif item.text.strip():
            blocks.append(("p", item.text, aligned.get(item.alignment, "")))
    return blocks
