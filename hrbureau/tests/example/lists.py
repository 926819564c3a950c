from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, Search
from hrbureau.core.lists import Export, ListSpec
from hrbureau.core.tables import Column, link
from hrbureau.tests.example.models import Demand, DemandState

DEMANDS = ListSpec(
    name="demand",
    title="Demands",
    permission="example.view_demand",
    rows=lambda user: Demand.objects.for_user(user),
    ordering=("-id",),
    search=Search("Number or title", index=Demand.text_index),
    filters=(Choice("state", "State", DemandState),),
    columns=(
        Column(
            "Number",
            "text-code",
            value=lambda d: d.number,
            html=lambda d: link("example:demand", d.pk, d.number),
            text=True,
        ),
        Column("Title", value=lambda d: d.title),
        Column("State", value=lambda d: DemandState(d.state).label),
    ),
    export=Export("example.export_demand", filename="demands"),
)

DEMAND_PAGE = CasePage(
    kind="Demand",
    permission="example.view_demand",
    model=Demand,
    heading=lambda d: d.title,
    fields=(Column("Closed on", value=lambda d: d.closed_on),),
)
