"""The organisation's units, declared as a list (``core.lists``): by kind, with its export and API list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from hrbureau.accounts import selectors
from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.core.filters import Choice
from hrbureau.core.lists import Export, ListSpec
from hrbureau.core.tables import Column, labelled

ORGUNITS = ListSpec(
    name="orgunit",
    title=gettext_lazy("Organisation"),
    permission="accounts.view_orgunit",
    rows=lambda user: selectors.orgunit_list(user=user),
    ordering=("path", "id"),  # the tree's order: each unit under its parent
    filters=(Choice("kind", gettext_lazy("Kind"), OrgUnitKind, empty=gettext_lazy("All kinds")),),
    columns=(
        Column(gettext_lazy("Name"), key="name", value=lambda u: u.name, html=lambda u: u.display_name),
        Column(gettext_lazy("Kind"), key="kind", value=labelled(OrgUnitKind, "kind")),
        Column(gettext_lazy("Code"), "text-code", key="code", value=lambda u: u.code, text=True),
        Column(gettext_lazy("English name"), key="name_en", value=lambda u: u.name_en, page=False),
        Column(
            gettext_lazy("Parent unit"),
            value=lambda u: u.parent.name if u.parent else "",
            html=lambda u: u.parent.display_name if u.parent else "—",
        ),
    ),
    export=Export("accounts.export_orgunit", filename="orgunits", first=("code", "kind", "name", "name_en")),
    empty=gettext_lazy("No units."),
    per_page=50,
)
