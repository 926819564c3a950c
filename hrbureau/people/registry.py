from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.places import UnitIndex
from hrbureau.core import navigation, search, timeline
from hrbureau.core.history import edit_timeline
from hrbureau.core.identifiers import mask_id_number, mask_phone
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import Column, ImportSpec, spellings
from hrbureau.core.textsearch import bulk_insert_indexing
from hrbureau.people import services
from hrbureau.people.choices import Education, EmploymentStatus
from hrbureau.people.models import Person
from hrbureau.people.selectors import person_search_hits

navigation.register(
    navigation.NavItem("people", _("People"), "people:list", "users", "people.view_person", order=20)
)
search.register(
    search.SearchSection(
        key="people",
        title=_("People"),
        permission="people.view_person",
        find=person_search_hits,
        more_url=lambda q: reverse("people:list") + "?" + urlencode({"q": q}),
    )
)
timeline.register("people.Person", edit_timeline)


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "id_number":
        return mask_id_number(str(value))
    if key == "phone":
        return mask_phone(str(value))
    if key in {"street", "community", "grid"}:
        return str(getattr(value, "name", value))
    return str(value)


imports.register(
    ImportSpec(
        key="people",
        title=_("People"),
        permission="people.import_person",
        columns=(
            Column(
                "id_number",
                _("ID number"),
                ("身份证号码", "公民身份号码", "身份证号", "证件号码", "身份证", "id number"),
                required=True,
                kind="code",
            ),
            Column("name", _("Full name"), ("姓名", "名字", "name"), required=True),
            Column(
                "phone",
                _("Mobile phone"),
                ("手机号码", "联系电话", "手机", "电话", "手机号", "phone"),
                kind="code",
            ),
            Column(
                "hukou_address",
                _("Household registration address"),
                ("户籍地址", "户籍所在地", "户口所在地", "户籍地"),
            ),
            Column(
                "residence_address",
                _("Residence address"),
                ("居住地址", "现居住地址", "常住地址", "住址", "现住址"),
            ),
            Column("street", _("Street"), ("街道", "所属街道", "居住街道")),
            Column("community", _("Community"), ("社区", "所属社区", "居住社区")),
            Column("grid", _("Grid"), ("网格", "所属网格")),
            Column(
                "education",
                _("Education"),
                ("学历", "文化程度", "最高学历"),
                kind="choice",
                choices=spellings(Education.choices),
            ),
            Column(
                "employment_status",
                _("Employment status"),
                ("就业状态", "就业情况", "就业失业状态"),
                kind="choice",
                choices=spellings(EmploymentStatus.choices),
            ),
        ),
        key_column="id_number",
        clean=services.person_import_clean,
        context=UnitIndex,
        existing=services.person_existing,
        write=services.person_import_write,
        list_url_name="people:list",
        display=_display,
        bulk=lambda: bulk_insert_indexing(Person.text_index),
    )
)
