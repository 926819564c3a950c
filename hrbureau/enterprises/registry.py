"""What the enterprise registry adds to the shared registries: navigation, quick search, timeline."""

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hrbureau.core import navigation, search, timeline
from hrbureau.core.history import edit_timeline
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import Column, ImportSpec, spellings
from hrbureau.core.textsearch import bulk_insert_indexing
from hrbureau.enterprises import services
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.selectors import enterprise_search_hits

navigation.register(
    navigation.NavItem(
        "enterprises",
        _("Enterprises"),
        "enterprises:list",
        "building",
        "enterprises.view_enterprise",
        order=10,
    )
)
navigation.register(
    navigation.NavItem(
        "imports", _("Imports"), "imports:list", "upload", "enterprises.import_enterprise", order=70
    )
)
search.register(
    search.SearchSection(
        key="enterprises",
        title=_("Enterprises"),
        permission="enterprises.view_enterprise",
        find=enterprise_search_hits,
        more_url=lambda q: reverse("enterprises:list") + "?" + urlencode({"q": q}),
    )
)
timeline.register("enterprises.Enterprise", edit_timeline)


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "tags":
        return "、".join(str(t) for t in value)
    if key in {"street", "community", "grid"}:
        return str(getattr(value, "name", value))
    return str(value)


def _enterprise_spec() -> ImportSpec:
    status = spellings(EnterpriseStatus.choices)
    # What the market regulator's exports say.
    status.update(
        {
            "在营": "active",
            "开业": "active",
            "在册": "active",
            "存续（在营、开业、在册）": "active",
            "吊销未注销": "revoked",
        }
    )
    sections = spellings(IndustrySection.choices)
    with translation.override("zh-hans"):
        # "C 制造业" is also written as just "制造业".
        sections.update(
            {str(label).split(" ", 1)[-1]: str(value) for value, label in IndustrySection.choices}
        )
    return ImportSpec(
        key="enterprises",
        title=_("Enterprises"),
        permission="enterprises.import_enterprise",
        columns=(
            Column(
                "uscc",
                _("Unified social credit code"),
                ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "USCC", "credit code"),
                required=True,
                kind="code",
            ),
            Column(
                "name",
                _("Name"),
                ("企业名称", "单位名称", "名称", "企业（单位）名称", "enterprise name", "company"),
                required=True,
            ),
            Column("former_names", _("Former names"), ("曾用名", "原名称")),
            Column(
                "legal_representative",
                _("Legal representative"),
                ("法定代表人", "法人代表", "法人", "负责人"),
            ),
            Column(
                "registered_address",
                _("Registered address"),
                ("注册地址", "住所", "地址", "经营地址", "注册地", "address"),
            ),
            Column("street", _("Street"), ("街道", "所属街道", "所在街道")),
            Column("community", _("Community"), ("社区", "所属社区", "所在社区")),
            Column("grid", _("Grid"), ("网格", "所属网格")),
            Column(
                "industry_section",
                _("Industry section"),
                ("行业门类", "门类", "所属行业"),
                kind="choice",
                choices=sections,
            ),
            Column(
                "industry_division", _("Industry division"), ("行业大类", "行业代码", "大类", "行业分类代码")
            ),
            Column(
                "size_class",
                _("Size class"),
                ("企业规模", "规模", "企业类型"),
                kind="choice",
                choices=spellings(SizeClass.choices),
            ),
            Column(
                "employees",
                _("Employees"),
                ("从业人数", "员工人数", "职工人数", "人数", "参保人数"),
                kind="int",
            ),
            Column(
                "registration_date",
                _("Registration date"),
                ("成立日期", "注册日期", "登记日期", "成立时间", "核准日期"),
                kind="date",
            ),
            Column(
                "status",
                _("Status"),
                ("登记状态", "经营状态", "企业状态", "状态"),
                kind="choice",
                choices=status,
            ),
            Column("tags", _("Tags"), ("标签", "企业标签")),
        ),
        key_column="uscc",
        clean=services.enterprise_import_clean,
        context=services.ImportContext,
        existing=services.enterprise_existing,
        write=services.enterprise_import_write,
        list_url_name="enterprises:list",
        display=_display,
        bulk=lambda: bulk_insert_indexing(Enterprise.text_index),
    )


imports.register(_enterprise_spec())
