from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.places import UnitIndex
from hrbureau.core import figures, navigation, search, timeline
from hrbureau.core.history import edit_timeline
from hrbureau.core.identifiers import mask_id_number, mask_phone
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import Column, ImportSpec, choice
from hrbureau.core.textsearch import bulk_insert_indexing
from hrbureau.people import services
from hrbureau.people.choices import Education, EmploymentStatus, Gender
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

# The dashboard's count of the register, in the reader's scope and by street (core.figures).
figures.register(
    figures.Figure(
        "people.registered",
        _("People"),
        count=lambda user: Person.objects.for_user(user).count(),
        by_street=lambda user: dict(
            Person.objects.for_user(user).values_list("street_id").annotate(n=Count("id")).order_by()
        ),
    )
)


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


# The words registers and forms write for each choice (value words), besides its labels and code.
EDUCATION_WORDS = {
    **dict.fromkeys(
        ("小学", "小学及以下", "小学以下", "文盲", "半文盲", "文盲或半文盲", "未上过学"), "primary"
    ),
    **dict.fromkeys(("初中", "初级中学", "初中及以下"), "junior"),
    **dict.fromkeys(
        (
            "高中",
            "普通高中",
            "普高",
            "中专",
            "中职",
            "职高",
            "职业高中",
            "技校",
            "技工学校",
            "中技",
            "中等专科",
            "中专/技校",
            "高中/中专",
            "高中及同等学历",
            "中等职业教育",
        ),
        "senior",
    ),
    **dict.fromkeys(("大专", "专科", "大学专科", "高职", "高职高专", "大专及同等学历"), "college"),
    **dict.fromkeys(("本科", "大学本科", "大本", "学士", "本科及同等学历"), "bachelor"),
    **dict.fromkeys(("硕士", "研究生", "硕士研究生", "硕士生", "研究生（硕士）", "硕士学位"), "master"),
    **dict.fromkeys(("博士", "博士研究生", "博士生", "博士学位", "研究生（博士）"), "doctor"),
}
EMPLOYMENT_WORDS = {
    **dict.fromkeys(("就业", "已就业", "在职", "在岗", "单位就业", "就业登记"), "employed"),
    **dict.fromkeys(
        ("灵活就业", "自主创业", "创业", "个体", "个体经营", "自由职业", "自雇"), "self_employed"
    ),
    **dict.fromkeys(("失业", "登记失业", "失业登记", "待业", "失业人员"), "unemployed"),
    **dict.fromkeys(("在校", "学生", "在校生", "在读", "在校学生"), "student"),
    **dict.fromkeys(("退休", "离退休", "已退休", "离休"), "retired"),
    **dict.fromkeys(("其他", "其它"), "other"),
}
GENDER_WORDS = {
    **dict.fromkeys(("男", "男性", "男士", "m", "male"), "male"),
    **dict.fromkeys(("女", "女性", "女士", "f", "female"), "female"),
}


def _clean(values: dict[str, Any], context: UnitIndex) -> dict[str, Any]:
    """The registry's row check, and the gender a form states checked against the ID number (the record's
    gender is always the ID's: GB 11643, the sequence digit)."""
    if "gender" not in values:
        return services.person_import_clean(values, context)
    values = dict(values)
    stated = values.pop("gender", None)
    cleaned = services.person_import_clean(values, context)
    if stated and cleaned.get("gender") and stated != cleaned["gender"]:
        raise ValidationError(
            {
                "gender": [
                    gettext("The gender %(stated)s does not match the ID number, which says %(derived)s.")
                    % {"stated": Gender(stated).label, "derived": Gender(cleaned["gender"]).label}
                ]
            }
        )
    return cleaned


imports.register(
    ImportSpec(
        key="people",
        title=_("People"),
        permission="people.import_person",
        columns=(
            Column(
                "id_number",
                _("ID number"),
                (
                    "身份证号码",
                    "公民身份号码",
                    "身份证号",
                    "证件号码",
                    "身份证",
                    "身份证件号码",
                    "居民身份证号码",
                    "身份号码",
                    "证件号",
                    "社会保障号码",
                    "id number",
                ),
                required=True,
                kind="code",
            ),
            Column(
                "name",
                _("Full name"),
                ("姓名", "名字", "人员姓名", "职工姓名", "员工姓名", "劳动者姓名", "申请人姓名", "name"),
                required=True,
            ),
            choice("gender", _("Gender"), ("性别", "sex", "gender"), Gender.choices, GENDER_WORDS),
            Column(
                "phone",
                _("Mobile phone"),
                (
                    "手机号码",
                    "联系电话",
                    "手机",
                    "电话",
                    "手机号",
                    "联系方式",
                    "移动电话",
                    "电话号码",
                    "本人电话",
                    "phone",
                ),
                kind="code",
            ),
            Column(
                "hukou_address",
                _("Household registration address"),
                ("户籍地址", "户籍所在地", "户口所在地", "户籍地", "户籍", "户口地址", "户籍详细地址"),
            ),
            Column(
                "residence_address",
                _("Residence address"),
                (
                    "居住地址",
                    "现居住地址",
                    "常住地址",
                    "住址",
                    "现住址",
                    "家庭住址",
                    "现居住地",
                    "居住地",
                    "家庭地址",
                ),
            ),
            Column("street", _("Street"), ("街道", "所属街道", "居住街道", "所在街道", "镇街", "街道(镇)")),
            Column("community", _("Community"), ("社区", "所属社区", "居住社区", "所在社区", "村(社区)")),
            Column("grid", _("Grid"), ("网格", "所属网格", "网格名称")),
            choice(
                "education",
                _("Education"),
                ("学历", "文化程度", "最高学历", "学历层次", "受教育程度", "文化水平"),
                Education.choices,
                EDUCATION_WORDS,
            ),
            choice(
                "employment_status",
                _("Employment status"),
                ("就业状态", "就业情况", "就业失业状态", "就业状况", "人员状态", "劳动力状态"),
                EmploymentStatus.choices,
                EMPLOYMENT_WORDS,
            ),
        ),
        key_column="id_number",
        clean=_clean,
        context=UnitIndex,
        existing=services.person_existing,
        write=services.person_import_write,
        list_url_name="people:list",
        display=_display,
        bulk=lambda: bulk_insert_indexing(Person.text_index),
    )
)
