"""The person register's list, declared (``core.lists``): search by name or address through the text
index (a complete ID number finds its person; fragments of ID numbers are not searchable), filters,
columns (page, export and phone card: numbers masked everywhere), export; core gives the page, the
export and the API list."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.filters import Choice, Search
from hrbureau.core.identifiers import clean_text, is_valid_resident_id, mask_id_number, mask_phone
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, labelled, link
from hrbureau.people import selectors
from hrbureau.people.choices import Education, EmploymentStatus, Gender
from hrbureau.people.models import Person


def full_id_number(query: str) -> Q | None:
    """A complete, valid ID number finds its person, and nothing else does: the search box cannot be
    used to guess identifiers digit by digit."""
    try:
        candidate = clean_text(query)
    except Exception:
        return None
    if len(candidate) == 18 and is_valid_resident_id(candidate):
        return Q(id_number=candidate)
    return None


PEOPLE = ListSpec(
    name="person",
    title=gettext_lazy("People"),
    permission="people.view_person",
    rows=lambda user: selectors.people_for(user=user),
    orderings={
        "-id": (gettext_lazy("Newest first"), ("-id",)),
        "id": (gettext_lazy("Oldest first"), ("id",)),
        "name": (gettext_lazy("Name"), ("name", "id")),
    },
    api_ordering=("id",),
    search=Search(
        gettext_lazy("Name, address or full ID number"), index=Person.text_index, exact=full_id_number
    ),
    filters=(
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
        Choice(
            "employment_status",
            gettext_lazy("Employment status"),
            EmploymentStatus,
            empty=gettext_lazy("All statuses"),
        ),
        Choice("education", gettext_lazy("Education"), Education, empty=gettext_lazy("All levels")),
        unit_filter(
            "grid", kind=OrgUnitKind.GRID, label=gettext_lazy("Grid"), empty=gettext_lazy("All grids")
        ),
    ),
    columns=(
        Column(
            gettext_lazy("Name"),
            key="name",
            value=lambda p: p.name,
            html=lambda p: link("people:detail", p.pk, p.name),
        ),
        Column(
            gettext_lazy("ID number"),
            "text-code",
            key="id_number",
            value=lambda p: mask_id_number(p.id_number) if p.id_number else "",
            export_label=gettext_lazy("ID number (masked)"),
            text=True,
        ),
        Column(gettext_lazy("Gender"), value=labelled(Gender, "gender"), card=False),
        Column(
            gettext_lazy("Birth date"),
            value=lambda p: p.birth_date,
            html=lambda p: p.birth_date.strftime("%Y-%m") if p.birth_date else "",
            card=False,
        ),
        Column(
            gettext_lazy("Mobile phone"),
            "text-code",
            value=lambda p: mask_phone(p.phone) if p.phone else "",
            html=lambda p: mask_phone(p.phone) if p.phone else "—",
            export_label=gettext_lazy("Mobile phone (masked)"),
            text=True,
        ),
        Column(
            gettext_lazy("Street"),
            value=lambda p: p.street.name if p.street else "",
            html=lambda p: p.street.display_name if p.street else "—",
        ),
        Column(gettext_lazy("Residence address"), value=lambda p: p.residence_address, page=False),
        Column(
            gettext_lazy("Education"),
            value=lambda p: choice_labels(Education).get(p.education, ""),
            page=False,
        ),
        Column(
            gettext_lazy("Employment status"),
            value=lambda p: choice_labels(EmploymentStatus).get(p.employment_status, ""),
            html=lambda p: choice_labels(EmploymentStatus).get(p.employment_status, "") or "—",
        ),
    ),
    page_related=("street",),
    export=Export(
        "people.export_person", filename="people", ordering=("id",), related=("street",), first=("id_number",)
    ),
    empty=gettext_lazy("No people match."),
    intro=gettext_lazy(
        "ID numbers and phone numbers are masked. A full number can be revealed on a person's page, with a reason; every reveal is recorded."
    ),
    intro_icon="lock",
    actions=(
        Action(
            gettext_lazy("Import"),
            "imports:upload",
            "people.import_person",
            args=("people",),
            icon="upload",
            testid="import",
        ),
        Action(gettext_lazy("Register"), "people:create", "people.add_person", primary=True),
    ),
)
