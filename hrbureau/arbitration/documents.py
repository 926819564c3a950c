"""The commission's documents as .docx, from the case's data (DOMAIN.md §2): acceptance and refusal
notices, the notice to supplement, the hearing notice, the mediation statement and the award — one award,
or separate final and non-final awards when the items are mixed, each with the remedies that apply to it.

Official documents are written in Chinese whatever the reader's interface language. A PDF is made
beside the .docx where the machine has LibreOffice (``to_pdf``); otherwise the .docx is the document.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from hrbureau.arbitration.choices import DocumentKind
from hrbureau.arbitration.models import Claim, Dispute, MediationAgreement
from hrbureau.arbitration.services import next_hearing

TITLES = {
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

# The remedies of an award [law Arts.47–50].
REMEDIES_FINAL = (
    "本裁决为终局裁决，自作出之日起发生法律效力。劳动者对本裁决不服的，可以自收到裁决书之日起十五日内"
    "向人民法院提起诉讼。用人单位有证据证明本裁决有《中华人民共和国劳动争议调解仲裁法》第四十九条规定"
    "情形之一的，可以自收到裁决书之日起三十日内向仲裁委员会所在地的中级人民法院申请撤销裁决。"
)
REMEDIES_NONFINAL = (
    "当事人对本裁决不服的，可以自收到裁决书之日起十五日内向人民法院提起诉讼；期满不起诉的，"
    "裁决书发生法律效力。"
)


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
    return f"{dispute.case_no or dispute.number}-{kind}.docx".replace("/", "-")


def render(dispute: Dispute, kind: str) -> GeneratedDocument:
    """One document of ``kind`` for ``dispute`` (an award of mixed items: use ``award_documents``).

    Always in Chinese, the language of the commission's documents, whatever the page's language."""
    with translation.override("zh-hans"):
        return _render(dispute, kind)


def _render(dispute: Dispute, kind: str) -> GeneratedDocument:
    if kind not in GENERATED:
        raise ValueError(f"no template for {kind}")
    doc = _start(dispute, TITLES[DocumentKind(kind)])
    _parties(doc, dispute)
    claims = list(dispute.claims.all())
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        doc.add_paragraph(
            f"你（单位）于{dispute.received_on or dispute.filed_on:%Y年%m月%d日}提出的仲裁申请，经审查符合受理条件，"
            f"本委于{dispute.accepted_on:%Y年%m月%d日}决定立案受理，案号为{dispute.case_no}。"
            if dispute.accepted_on
            else "本案尚未受理。"
        )
        _claims_table(doc, claims)
    elif kind == DocumentKind.REFUSAL_NOTICE:
        from hrbureau.core.workflow import case_events

        reason = next((e.reason for e in case_events(dispute).filter(name="refuse")), "")
        doc.add_paragraph(f"你（单位）提出的仲裁申请，经审查，本委决定不予受理。理由：{reason}")
        doc.add_paragraph("对不予受理决定不服的，可以就该劳动争议事项向人民法院提起诉讼。")
    elif kind == DocumentKind.SUPPLEMENT_NOTICE:
        doc.add_paragraph("你（单位）提交的仲裁申请材料不齐备，请一次性补正以下材料：")
        for item in dispute.supplement_items:
            doc.add_paragraph(item, style="List Bullet")
        doc.add_paragraph("补正材料齐全之日为收到仲裁申请之日。")
    elif kind == DocumentKind.HEARING_NOTICE:
        hearing = next_hearing(dispute)
        when = (
            f"{timezone.localtime(hearing.starts_at):%Y年%m月%d日 %H:%M}在{hearing.room.name}"
            f"（{hearing.room.location}）"
            if hearing
            else "（待定）"
        )
        doc.add_paragraph(f"本委定于{when}开庭审理本案，请准时到庭。")
        doc.add_paragraph(
            "申请人无正当理由拒不到庭的，可以按撤回仲裁申请处理；被申请人无正当理由拒不到庭的，可以缺席裁决。"
        )
        doc.add_paragraph("当事人有正当理由的，可以在开庭三日前请求延期开庭。")
    elif kind == DocumentKind.MEDIATION_STATEMENT:
        agreement = MediationAgreement.objects.filter(dispute=dispute).first()
        if agreement is None:
            raise ValueError("a mediation statement is made from a recorded mediation agreement")
        doc.add_paragraph(
            f"本案经本委主持调解，双方当事人于{agreement.reached_on:%Y年%m月%d日}自愿达成如下协议："
        )
        for line in agreement.terms.splitlines():
            if line.strip():
                doc.add_paragraph(line.strip(), style="List Number")
        _claims_table(doc, claims, agreed=True)
        doc.add_paragraph(f"以上合计人民币{_money(agreement.total_agreed)}。")
        if agreement.payment_due:
            doc.add_paragraph(f"被申请人应于{agreement.payment_due:%Y年%m月%d日}前履行完毕。")
        doc.add_paragraph("本调解书经双方当事人签收后，即具有法律效力。")
    else:
        final = None if kind == DocumentKind.AWARD else kind == DocumentKind.AWARD_FINAL
        items = [c for c in claims if final is None or bool(c.final) == final]
        doc.add_paragraph("本委受理后依法组成仲裁庭，经开庭审理，现已审理终结。裁决如下：")
        _claims_table(doc, items, awarded=True)
        if final is None:
            remedies = REMEDIES_FINAL if all(c.final for c in items) else REMEDIES_NONFINAL
        else:
            remedies = REMEDIES_FINAL if final else REMEDIES_NONFINAL
        doc.add_paragraph(remedies)
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
