"""What the enterprise registry adds to the shared registries: navigation, quick search, timeline."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures, navigation, search, timeline
from hrbureau.core.history import edit_timeline
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import Column, ImportSpec, choice, spellings
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

# The dashboard's count of the register, in the reader's scope and by street (core.figures).
figures.register(
    figures.Figure(
        "enterprises.registered",
        _("Enterprises"),
        count=lambda user: Enterprise.objects.for_user(user).count(),
        by_street=lambda user: dict(
            Enterprise.objects.for_user(user).values_list("street_id").annotate(n=Count("id")).order_by()
        ),
    )
)


def _display(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "tags":
        return "、".join(str(t) for t in value)
    if key in {"street", "community", "grid"}:
        return str(getattr(value, "name", value))
    return str(value)


# The words registers and forms write for each choice (value words), besides its labels and code.
SIZE_WORDS = {
    **dict.fromkeys(("大型企业", "大", "大型"), "large"),
    **dict.fromkeys(("中型企业", "中", "中型"), "medium"),
    **dict.fromkeys(("小型企业", "小", "小型"), "small"),
    **dict.fromkeys(("微型企业", "微", "微型", "微小"), "micro"),
}
# What the market regulator's exports and the statistics forms say.
STATUS_WORDS = {
    **dict.fromkeys(
        (
            "在营",
            "开业",
            "在册",
            "在业",
            "存续",
            "存续（在营、开业、在册）",
            "正常",
            "营业",
            "在营(开业)企业",
            "确立",
        ),
        "active",
    ),
    **dict.fromkeys(("注销", "已注销", "注销企业", "注销登记"), "deregistered"),
    **dict.fromkeys(("吊销", "已吊销", "吊销未注销", "吊销,未注销", "吊销企业"), "revoked"),
    **dict.fromkeys(("经营异常", "异常", "异常经营", "列入经营异常名录", "经营异常名录"), "abnormal"),
}
# The standard tags as yes/no columns (是否重点企业: 是/否, √/×): yes adds the tag, no removes it, an
# empty cell leaves it as it is.
TAG_FLAGS = (
    ("key-enterprise", _("Key enterprise"), ("重点企业", "是否重点企业", "重点服务企业")),
    (
        "little-giant",
        _("Specialised 'little giant'"),
        ("专精特新", "是否专精特新", "专精特新小巨人", "是否专精特新“小巨人”", "专精特新“小巨人”"),
    ),
    (
        "postdoc-station",
        _("Postdoc workstation"),
        ("博士后工作站", "是否设立博士后工作站", "博士后工作站设站单位"),
    ),
    (
        "hr-service-reporting",
        _("HR-service industry reporting enterprise"),
        ("纳统企业", "是否纳统", "人力资源服务业纳统企业", "是否纳统企业"),
    ),
    (
        "high-tech",
        _("National high-tech enterprise"),
        ("高新技术企业", "是否高新技术企业", "国家高新技术企业", "国高企业", "是否国高"),
    ),
)


FLAG_KEYS = frozenset(f"flag:{code}" for code, _label, _synonyms in TAG_FLAGS)


def _clean(values: dict[str, Any], context: services.ImportContext) -> dict[str, Any]:
    """The registry's row check, with the yes/no tag columns turned into tags set or cleared."""
    if FLAG_KEYS.isdisjoint(values):  # most files have none: no cost per row
        return services.enterprise_import_clean(values, context)
    values = dict(values)
    flags = {key[len("flag:") :]: values.pop(key) for key in FLAG_KEYS if key in values}
    cleaned = services.enterprise_import_clean(values, context)
    given = {code: on for code, on in flags.items() if on is not None}
    if given:
        unknown = [code for code in given if code not in context.tags]
        if unknown:
            raise ValidationError(
                {
                    f"flag:{code}": [gettext("This tag is not set up; ask an administrator to add it.")]
                    for code in unknown
                }
            )
        cleaned["tag_flags"] = {context.tags[code]: on for code, on in given.items()}
        cleaned.update({f"flag:{code}": on for code, on in given.items()})  # shown in the preview
    return cleaned


def _enterprise_spec() -> ImportSpec:
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
                (
                    "统一社会信用代码",
                    "社会信用代码",
                    "信用代码",
                    "统一代码",
                    "社会统一信用代码",
                    "统一社会信用代码/注册号",
                    "纳税人识别号",
                    "单位代码",
                    "企业代码",
                    "USCC",
                    "credit code",
                ),
                required=True,
                kind="code",
            ),
            Column(
                "name",
                _("Name"),
                (
                    "企业名称",
                    "单位名称",
                    "名称",
                    "企业（单位）名称",
                    "用人单位名称",
                    "用人单位",
                    "公司名称",
                    "市场主体名称",
                    "主体名称",
                    "纳税人名称",
                    "单位全称",
                    "企业全称",
                    "enterprise name",
                    "company",
                ),
                required=True,
            ),
            Column("former_names", _("Former names"), ("曾用名", "原名称", "企业曾用名", "原企业名称")),
            Column(
                "legal_representative",
                _("Legal representative"),
                (
                    "法定代表人",
                    "法人代表",
                    "法人",
                    "负责人",
                    "法定代表人/负责人",
                    "经营者",
                    "投资人",
                    "法定代表人姓名",
                ),
            ),
            Column(
                "registered_address",
                _("Registered address"),
                (
                    "注册地址",
                    "住所",
                    "地址",
                    "经营地址",
                    "注册地",
                    "单位地址",
                    "企业地址",
                    "经营场所",
                    "住所(经营场所)",
                    "详细地址",
                    "通讯地址",
                    "address",
                ),
            ),
            Column(
                "street",
                _("Street"),
                ("街道", "所属街道", "所在街道", "镇街", "所属镇街", "街道(镇)", "街镇"),
            ),
            Column(
                "community", _("Community"), ("社区", "所属社区", "所在社区", "社区(村)", "村(社区)", "村居")
            ),
            Column("grid", _("Grid"), ("网格", "所属网格", "网格名称")),
            Column(
                "industry_section",
                _("Industry section"),
                ("行业门类", "门类", "所属行业", "行业", "国民经济行业门类", "行业类别"),
                kind="choice",
                choices=sections,
                options=tuple(IndustrySection.choices),
            ),
            Column(
                "industry_division",
                _("Industry division"),
                ("行业大类", "行业代码", "大类", "行业分类代码", "国民经济行业代码", "国标行业代码"),
            ),
            choice(
                "size_class",
                _("Size class"),
                ("企业规模", "规模", "企业类型", "规模类型", "企业规模类型", "规模划分"),
                SizeClass.choices,
                SIZE_WORDS,
            ),
            Column(
                "employees",
                _("Employees"),
                (
                    "从业人数",
                    "从业人员数",
                    "从业人员",
                    "从业人员人数",
                    "从业人员期末人数",
                    "期末从业人数",
                    "员工人数",
                    "员工数",
                    "职工人数",
                    "职工数",
                    "在职人数",
                    "在职职工人数",
                    "用工人数",
                    "人数",
                    "参保人数",
                ),
                kind="int",
            ),
            Column(
                "registration_date",
                _("Registration date"),
                (
                    "成立日期",
                    "注册日期",
                    "登记日期",
                    "成立时间",
                    "核准日期",
                    "设立日期",
                    "注册时间",
                    "开业日期",
                    "发照日期",
                ),
                kind="date",
            ),
            choice(
                "status",
                _("Status"),
                ("登记状态", "经营状态", "企业状态", "状态", "企业登记状态", "存续状态"),
                EnterpriseStatus.choices,
                STATUS_WORDS,
            ),
            Column("tags", _("Tags"), ("标签", "企业标签")),
            *(Column(f"flag:{code}", label, synonyms, kind="flag") for code, label, synonyms in TAG_FLAGS),
        ),
        key_column="uscc",
        clean=_clean,
        context=services.ImportContext,
        existing=services.enterprise_existing,
        write=services.enterprise_import_write,
        list_url_name="enterprises:list",
        display=_display,
        bulk=lambda: bulk_insert_indexing(Enterprise.text_index),
    )


imports.register(_enterprise_spec())
