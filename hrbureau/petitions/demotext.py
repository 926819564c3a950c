"""What the demo's work orders say: a title, the matter as the hotline operator wrote it down, and the
handling unit's reply, by category — wage arrears, unsigned contracts, dismissal, overtime, social
insurance, and the enquiries, requests for help, reports and suggestions — each with its own figures
(amounts, months, headcounts, dates) and the enterprise, road and people it is about."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from hrbureau.core import demotext as t

EXCUSES = [
    "甲方工程款还没到账", "等年底统一结算", "公司账户被冻结", "老板在外地出差", "订单减少资金紧张",
    "要先扣押一个月工资", "财务正在走流程", "货款收不回来",
]  # fmt: skip
HARDSHIPS = [
    "老人住院急需交押金", "孩子下个月开学要交学费", "房租已经拖欠两个月", "妻子即将生产",
    "准备回老家过年", "每月要还房贷",
]  # fmt: skip
PRETEXTS = ["业务调整", "试用期考核不合格", "旷工", "严重违反规章制度", "经营困难", "岗位撤销", "拒绝调岗"]
DEGREES = [("本科", "15000"), ("硕士", "25000"), ("博士", "30000")]
COURSES = ["母婴护理", "养老护理", "家居保洁", "收纳整理", "育婴员"]
SERVICES = ["社保自助服务终端", "就业服务站", "劳动争议调解室", "人才服务窗口", "零工市场"]


@dataclass
class Matter:
    """One work order's words, and the facts its reply refers back to."""

    title: str
    content: str
    reply: str


@dataclass
class Facts:
    """What a matter is about: drawn once, used in the title, the content and the reply alike."""

    rng: random.Random
    day: dt.date  # the day the matter came in
    today: dt.date
    person: str
    enterprise: Any  # an Enterprise or None
    street: str

    @property
    def name(self) -> str:
        return (
            self.enterprise.name
            if self.enterprise is not None
            else f"深圳市{t.trade_name(self.rng)}实业有限公司"
        )

    @property
    def short(self) -> str:
        return t.short_name(self.name)

    @property
    def section(self) -> str:
        return t.section_of(self.enterprise)

    def when(self, low: int, high: int) -> str:
        """A day ``low``–``high`` days before the matter came in (negative: after it, never after today)."""
        return t.date_name(min(self.today, self.day - dt.timedelta(days=self.rng.randint(low, high))))


def _join(*sentences: str) -> str:
    return "".join(s if s.endswith(("。", "？")) else f"{s}。" for s in sentences if s)


def wage_arrears(f: Facts) -> Matter:
    rng = f.rng
    months = rng.choice([1, 1, 2, 2, 3, 4, 5])
    since = t.month_back(f.day, months)
    pay = t.wage(rng, f.section)
    owed = pay * months
    workers = rng.choice([1, 1, 3, 5, 8, 12, 16, 23, 30, 46])
    job = t.job(rng, f.section)
    intro = rng.choice(
        [
            f"来电人{f.person}反映：其于{f.when(200, 1500)}入职{f.name}，从事{job}工作，月工资约{pay}元",
            f"{f.person}来电称，本人在{f.name}任{job}已{rng.randint(1, 8)}年，月工资{pay}元左右",
            f"诉求人{f.person}反映，其所在的{f.name}位于{f.street}，现有员工约{max(workers, 10)}人",
        ]
    )
    problem = rng.choice(
        [
            f"公司自{t.month_name(since)}起以资金周转困难为由停发工资，至今已拖欠{months}个月，本人被欠{t.yuan(owed)}",
            f"该公司{t.month_name(since)}至今的工资一直未发放，涉及员工{workers}人，合计约{t.yuan(owed * workers)}",
            f"其于{f.when(10, 60)}离职，公司承诺月底前结清最后{months}个月工资{t.yuan(owed)}，到期未兑现",
        ]
    )
    effort = rng.choice(
        [
            f"多次找{rng.choice(t.BOSSES)}协商，对方以“{rng.choice(EXCUSES)}”为由推脱",
            f"{f.when(3, 20)}曾到{f.street}劳动保障所反映，至今没有结果",
            f"工友们{f.when(2, 15)}一起到公司讨要，只领到{rng.choice([300, 500, 800, 1000])}元生活费",
            f"公司现已{rng.choice(['停工', '搬离原厂房', '只留几名管理人员'])}，{rng.choice(t.BOSSES)}电话无人接听",
        ]
    )
    request = rng.choice(
        [
            f"请求督促{f.short}{rng.choice(['本月底前', '春节前', f'于{f.when(-20, -5)}前'])}足额支付所欠工资",
            f"要求尽快帮助追回被拖欠的{t.yuan(owed)}工资",
            f"诉求人称{rng.choice(HARDSHIPS)}，急需这{t.yuan(owed)}工资，希望尽快处理",
            f"希望相关部门上门核查，督促企业发放{workers}名员工的工资",
        ]
    )
    title = rng.choice(
        [
            f"{f.short}拖欠{workers}名员工{months}个月工资",
            f"反映{f.short}拖欠工资{t.yuan(owed)}",
            f"{f.short}{t.month_name(since)}起未发工资",
            f"离职后{f.short}未结清{months}个月工资",
        ]
    )
    reply = rng.choice(
        [
            f"经{f.street}劳动保障所核查，{f.short}确有欠薪，已责令其限期支付，企业已于{f.when(-10, -1)}补发{workers}名员工工资共计{t.yuan(owed * workers)}，诉求人确认收到",
            f"已约谈{f.short}负责人，企业承认拖欠{months}个月工资并签署还款承诺，首期{t.yuan(owed // 2)}已支付，余款由街道跟踪督促",
            f"经核查，{f.short}与诉求人对{t.month_name(since)}以来的工资数额存在争议，已告知诉求人可向区劳动人事争议仲裁院申请仲裁，并提供{rng.choice(['法律援助', '维权指引'])}",
        ]
    )
    return Matter(title, _join(intro, problem, effort, request), reply)


def labour_contract(f: Facts) -> Matter:
    rng = f.rng
    months = rng.randint(2, 11)
    pay = t.wage(rng, f.section)
    job = t.job(rng, f.section)
    problem, title, ask = rng.choice(
        [
            (
                f"入职已{months}个月，公司一直未与其签订书面劳动合同，也不发工资条",
                f"{f.short}入职{months}个月未签劳动合同",
                f"要求公司补签劳动合同，并支付未签合同期间的二倍工资差额约{t.yuan(pay * min(months - 1, 11))}",
            ),
            (
                f"公司于{f.when(5, 40)}口头通知将其从{job}调到{rng.choice(['后勤', '仓库', '夜班', '外地项目'])}岗位，月工资由{pay}元降为{pay - rng.randint(8, 20) * 100}元，未经本人同意",
                f"{f.short}擅自调岗降薪",
                f"要求恢复{job}岗位和每月{pay}元的原工资",
            ),
            (
                f"入职时公司要求{rng.randint(3, 30)}名新员工签空白合同，合同至今未交给员工本人",
                f"{f.short}让员工签空白劳动合同",
                f"请求核查{f.short}的劳动合同签订情况",
            ),
        ]
    )
    intro = f"{f.person}反映，其于{f.when(60, 900)}入职{f.name}，岗位为{job}"
    reply = f"经{f.street}劳动保障所{f.when(-8, -1)}上门核查，已责令{f.short}与{rng.randint(1, 30)}名员工补签劳动合同，企业已整改"
    return Matter(title, _join(intro, problem, ask), reply)


def dismissal(f: Facts) -> Matter:
    rng = f.rng
    years = rng.randint(1, 12)
    pay = t.wage(rng, f.section)
    pretext = rng.choice(PRETEXTS)
    if rng.random() < 0.3:
        laid_off = rng.randint(6, 80)
        title = f"{f.short}一次辞退{laid_off}名员工未给补偿"
        problem = f"公司{f.when(3, 30)}以{pretext}为由一次辞退{laid_off}名员工，只同意补偿半个月工资"
    else:
        title = rng.choice(
            [f"被{f.short}以{pretext}为由辞退", f"要求{f.short}支付经济补偿{t.yuan(pay * years)}"]
        )
        problem = (
            f"{f.when(3, 30)}公司人事以“{pretext}”为由通知其次日不用上班，未提前通知也未出具书面解除通知"
        )
    intro = f"{f.person}反映，其于{f.when(365 * years, 365 * years + 200)}入职{f.name}，在职{years}年，月工资约{pay}元"
    ask = rng.choice(
        [
            f"按规定应获经济补偿约{t.yuan(pay * years)}，要求公司依法支付",
            f"认为公司属违法解除，要求支付赔偿金{t.yuan(pay * years * 2)}",
        ]
    )
    reply = f"已向诉求人解释解除劳动合同的相关规定，双方对补偿数额分歧较大，已引导其于{f.when(-15, -3)}前向区劳动人事争议仲裁院申请仲裁"
    return Matter(title, _join(intro, problem, ask), reply)


def overtime(f: Facts) -> Matter:
    rng = f.rng
    hours = rng.choice([10, 11, 12])
    rest = rng.choice([1, 2, 2, 3, 4])
    monthly = rng.randint(60, 130)
    pay = t.wage(rng, f.section)
    title = rng.choice(
        [
            f"{f.short}每天上班{hours}小时不付加班费",
            f"{f.short}员工每月只休息{rest}天",
            f"{f.short}强制员工周末加班",
        ]
    )
    intro = f"{f.person}反映，其在{f.name}做{t.job(rng, f.section)}，月基本工资{pay}元"
    problem = rng.choice(
        [
            f"车间实行两班倒，每班{hours}小时，每月只休{rest}天，上月加班约{monthly}小时",
            f"{t.month_name(t.month_back(f.day, 1))}加班{monthly}小时，公司只按每小时{rng.choice([12, 15, 18])}元计发，低于法定标准",
            f"公司要求员工签“自愿加班承诺书”，不签的扣{rng.randint(2, 10) * 100}元绩效",
        ]
    )
    ask = f"请求核查{f.short}的考勤记录，督促依法支付加班工资约{t.yuan(monthly * pay * 3 // (2 * 174))}"
    reply = f"经调取{f.short}近{rng.randint(2, 6)}个月考勤记录，企业存在超时加班，已责令调整排班并补发加班工资，{f.street}劳动保障所将跟踪复查"
    return Matter(title, _join(intro, problem, ask), reply)


def social_insurance_arrears(f: Facts) -> Matter:
    rng = f.rng
    months = rng.randint(2, 14)
    pay = t.wage(rng, f.section)
    since = t.month_back(f.day, months)
    title, problem = rng.choice(
        [
            (
                f"{f.short}未给{rng.randint(5, 60)}名员工缴纳社保",
                f"入职{months}个月来公司未为其缴纳社会保险，入职时被要求签“自愿放弃社保”声明",
            ),
            (
                f"{f.short}{t.month_name(since)}起停缴社保",
                f"查询个人参保记录发现，公司自{t.month_name(since)}起停缴，已断缴{months}个月",
            ),
            (f"{f.short}按最低基数缴纳社保", f"公司按最低基数缴纳社会保险，而其实际月工资约{pay}元"),
        ]
    )
    intro = f"{f.person}反映，其于{f.when(120, 1200)}入职{f.name}"
    ask = rng.choice([f"要求公司补缴{months}个月社会保险费", f"要求{f.short}按实际工资足额缴纳社会保险"])
    reply = f"已将情况转区社保征缴部门，{f.short}已于{f.when(-12, -2)}补缴诉求人{months}个月社会保险费，参保记录已恢复"
    return Matter(title, _join(intro, problem, ask), reply)


def social_insurance_enquiry(f: Facts) -> Matter:
    rng = f.rng
    age = rng.randint(35, 58)
    years = rng.randint(3, 18)
    title, ask = rng.choice(
        [
            (
                f"社保断缴{rng.randint(2, 9)}个月如何补缴",
                f"离职后社保已断缴，想了解能否以灵活就业人员身份续缴，已累计缴费{years}年",
            ),
            (
                f"{age}岁灵活就业人员参加养老保险咨询",
                f"现年{age}岁，在{f.street}开小店，想了解灵活就业参保的缴费基数和档次",
            ),
            (
                f"失业保险金申领条件咨询（缴费{years}年）",
                f"原单位{f.when(10, 50)}解除劳动合同，失业保险已缴{years}年，咨询可领取几个月失业保险金",
            ),
            (
                f"外省养老保险关系转入咨询（{years}年）",
                f"在老家缴纳养老保险{years}年，现在本区就业，咨询转移接续需要的材料",
            ),
            (
                f"医保断缴{rng.randint(2, 6)}个月后能否补缴",
                f"换工作期间医保断缴，{f.when(20, 90)}入职新单位，咨询断缴期间的医疗费能否报销",
            ),
            (
                f"生育津贴申领咨询（{t.month_name(t.month_back(f.day, rng.randint(0, 3)))}生产）",
                f"单位已为其缴纳生育保险{years}年，咨询生育津贴的计发标准和申领时限",
            ),
            (
                f"养老金测算咨询（缴费{years}年，{age}岁）",
                f"还有{60 - min(age, 59)}年到退休年龄，想了解按现在的缴费基数退休后每月大约能领多少养老金",
            ),
        ]
    )
    intro = f"来电人{f.person}咨询"
    reply = f"已于{f.when(-3, 0)}电话答复{f.person}，告知办理条件、所需材料和线上办理渠道，来电人表示清楚"
    return Matter(title, _join(f"{intro}：{ask}"), reply)


def talent_subsidy(f: Facts) -> Matter:
    rng = f.rng
    degree, amount = rng.choice(DEGREES)
    year = f.day.year - rng.randint(0, 2)
    waited = rng.randint(2, 8)
    title, ask = rng.choice(
        [
            (
                f"{year}届{degree}毕业生生活补贴申请条件",
                f"{year}年{degree}毕业，{f.when(30, 300)}入职{f.name}，想了解能否申请{amount}元新引进人才生活补贴",
            ),
            (
                f"{degree}人才生活补贴提交{waited}个月未到账",
                f"{f.when(30 * waited, 30 * waited + 20)}通过系统提交了{degree}人才生活补贴申请，状态一直显示审核中",
            ),
            (
                f"{f.short}博士后{rng.choice(['在站', '出站'])}补贴发放进度",
                f"在{f.name}博士后工作站{rng.choice(['在站', '出站'])}，询问{f.day.year}年度补贴的发放时间",
            ),
        ]
    )
    reply = f"已答复：经查询{f.person}的申请于{f.when(-5, 0)}完成复核，补贴将在公示期满后发放，并告知查询进度的途径"
    return Matter(title, _join(f"{f.person}来电：{ask}"), reply)


def employment_help(f: Facts) -> Matter:
    rng = f.rng
    age = rng.randint(24, 55)
    shop = rng.choice(["早餐店", "便利店", "家政服务店", "小型加工厂", "快餐店", "打印店"])
    trade = rng.choice(["木工", "电工", "水电", "保洁", "搬运", "油漆"])
    title, ask = rng.choice(
        [
            (
                f"{age}岁失业人员请求就业帮扶",
                f"{f.when(30, 200)}从{f.name}离职后一直未找到工作，家住{f.street}，希望推荐{t.job(rng, 'C')}或{t.job(rng, 'K')}岗位",
            ),
            (
                f"开{shop}申请{rng.choice([10, 20, 30, 50])}万元创业担保贷款",
                f"准备在{f.street}开一家{shop}，咨询创业担保贷款的申请条件和贴息政策",
            ),
            (
                f"{age}岁{trade}师傅零工市场求职登记",
                f"本人{age}岁，做{trade}有{rng.randint(3, 20)}年，想在零工市场登记，就近找活干",
            ),
        ]
    )
    reply = f"已转{f.street}就业服务站，工作人员于{f.when(-6, -1)}联系{f.person}，推荐岗位{rng.randint(2, 6)}个并做好跟踪服务"
    return Matter(title, _join(f"{f.person}来电：{ask}"), reply)


def training(f: Facts) -> Matter:
    rng = f.rng
    month = t.month_name(t.month_back(f.day, -1))
    title, ask = rng.choice(
        [
            (
                f"粤菜师傅{month}培训班报名咨询",
                f"想报名{month}开班的粤菜师傅培训，询问报名条件、培训时长和能否领取补贴",
            ),
            (
                f"南粤家政{rng.choice(COURSES)}培训补贴咨询",
                f"已完成{rng.choice(COURSES)}培训并取得证书，询问{rng.choice([800, 1000, 1500])}元培训补贴如何申领",
            ),
            (
                f"{t.job(rng, 'C')}职业技能等级认定报名",
                f"在{f.name}工作{rng.randint(1, 10)}年，想报考中级工，咨询认定时间和费用",
            ),
            (
                f"{rng.choice(['电工', '焊工', '叉车司机'])}证{rng.choice(['复审', '考证'])}培训咨询",
                f"所在的{f.name}要求{t.month_name(t.month_back(f.day, -2))}前持证上岗，咨询最近的培训班次",
            ),
            (
                f"技工院校{rng.choice(['数控', '汽修', '电子商务', '烹饪'])}专业招生咨询",
                f"孩子今年{rng.randint(15, 18)}岁初中毕业，咨询技工院校的招生条件和学费减免政策",
            ),
        ]
    )
    reply = f"已答复{f.person}培训报名方式、开班时间（{month}）和补贴申领条件，并发送报名指引短信"
    return Matter(title, _join(f"{f.person}咨询：{ask}"), reply)


def hr_agency(f: Facts) -> Matter:
    rng = f.rng
    agency = f"{t.trade_name(rng)}人力资源"
    fee = rng.choice([300, 500, 800, 1200, 2000])
    title, story = rng.choice(
        [
            (
                f"{agency}收取求职押金{fee}元",
                f"{f.when(5, 40)}在{agency}登记求职，被收取押金{fee}元，介绍的工作与承诺不符，要求退款被拒",
            ),
            (
                f"{agency}发布虚假招聘信息",
                f"{agency}在网上发布月薪{rng.randint(8, 15)}000元的{t.job(rng, 'C')}招聘，到场后被要求先交{fee}元体检费和服装费",
            ),
            (
                f"{agency}无证从事劳务派遣",
                f"{agency}在{f.street}租用门面招工，将{rng.randint(10, 60)}名工人派到工厂，未见公示劳务派遣许可证",
            ),
        ]
    )
    reply = (
        f"区人力资源市场监管科于{f.when(-10, -2)}对{agency}开展检查，已责令退还收取的费用{fee}元并立案调查"
    )
    return Matter(title, _join(f"{f.person}举报：{story}"), reply)


def suggestion(f: Facts) -> Matter:
    rng = f.rng
    service = rng.choice(SERVICES)
    title, text = rng.choice(
        [
            (
                f"建议在{f.street}增设{service}",
                f"{f.street}外来务工人员多，办理业务要跑{rng.randint(4, 12)}公里到区里，建议就近增设{service}",
            ),
            (
                f"建议{f.day.month}月招聘会增加{rng.choice(['技工', '家政', '物流', '餐饮'])}岗位",
                f"最近{rng.randint(3, 6)}场招聘会以文员岗位为主，{t.job(rng, 'C')}等用工量大的岗位只有{rng.randint(5, 30)}个",
            ),
            (
                f"建议{rng.choice(['社保', '就业', '人才', '仲裁'])}窗口周六上午{rng.choice(['9', '10'])}点开放",
                f"在{f.street}上班的工作日难以请假，建议每月安排{rng.randint(1, 4)}个周末轮值窗口",
            ),
        ]
    )
    reply = f"感谢{f.person}的建议，已转{rng.choice(['就业促进科', '办公室', '人才服务科'])}研究，将在{f.day.year + 1}年{f.street}的服务安排中统筹考虑"
    return Matter(title, _join(f"{f.person}建议：{text}"), reply)


WRITERS = {
    "wage-arrears": wage_arrears,
    "labour-contract": labour_contract,
    "dismissal": dismissal,
    "overtime": overtime,
    "social-insurance-arrears": social_insurance_arrears,
    "social-insurance": social_insurance_enquiry,
    "talent-subsidy": talent_subsidy,
    "employment-help": employment_help,
    "training": training,
    "hr-agency": hr_agency,
    "suggestion": suggestion,
}


def matter(code: str, facts: Facts) -> Matter:
    return WRITERS[code](facts)
