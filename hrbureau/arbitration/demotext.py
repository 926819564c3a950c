"""What the demo's disputes say: the facts and reasons of an application and its claims, drawn together
so that they agree — the wage a worker earned, the months unpaid, the years served, the hours worked —
and the amounts claimed follow from them the way a worker's lawyer would count them (a month's wage
per year served for economic compensation, twice that for unlawful dismissal, 150 % for overtime)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hrbureau.arbitration.choices import ClaimKind
from hrbureau.core import demotext as t

PRETEXTS = ["业务调整", "试用期考核不合格", "连续旷工三日", "严重违反公司规章制度", "经营困难", "岗位撤销"]
INJURIES = [
    ("操作冲床时右手食指被压伤", "十级"),
    ("搬运货物时从货车上摔下导致腰椎骨折", "九级"),
    ("在脚手架上作业时跌落致左腿骨折", "八级"),
    ("切割板材时左手被划伤，肌腱断裂", "十级"),
    ("下班途中发生非本人主要责任的交通事故", "十级"),
]
KINDS = ["wages", "dismissal", "overtime", "social_insurance", "injury"]
KIND_WEIGHTS = [35, 27, 16, 12, 10]


@dataclass
class Story:
    """An application's facts and its claims ``(kind, request, amount or None)``."""

    kind: str
    facts: str
    claims: list[tuple[str, str, Decimal | None]] = field(default_factory=list)

    @property
    def wages_first(self) -> bool:
        return bool(self.claims) and self.claims[0][0] == ClaimKind.WAGES


def _claim(kind: str, text: str, amount: int | None) -> tuple[str, str, Decimal | None]:
    return kind, text, None if amount is None else Decimal(amount)


def story(rng: random.Random, *, filed: dt.date, employer: Any, collective: bool, workers: int = 1) -> Story:
    """The facts and claims of one application against ``employer``, filed on ``filed``."""
    section = t.section_of(employer)
    job = t.job(rng, section)
    pay = t.wage(rng, section)
    years = rng.choice([1, 1, 2, 2, 3, 4, 5, 6, 8, 10])
    joined = filed - dt.timedelta(days=365 * years + rng.randint(20, 300))
    if collective:
        opening = (
            f"申请人等{workers}人先后于{joined.year}年至{filed.year - 1}年入职被申请人处，从事{job}等工作，"
            f"月工资{pay - 1000}元至{pay + 1500}元不等"
        )
    else:
        opening = f"申请人于{t.date_name(joined)}入职被申请人处，担任{job}，月工资{pay}元"
    # A collective case is about pay, overtime, insurance or a mass lay-off, not one worker's injury.
    kind = rng.choices(
        KINDS[:-1] if collective else KINDS, KIND_WEIGHTS[:-1] if collective else KIND_WEIGHTS
    )[0]
    claims: list[tuple[str, str, Decimal | None]] = []
    if kind == "wages":
        months = rng.randint(1, 6)
        until = t.month_back(filed, rng.randint(1, 2))
        since = t.month_back(until, months - 1)
        span = t.month_name(since) if months == 1 else f"{t.month_name(since)}至{t.month_name(until)}"
        owed = pay * months * workers
        facts = [
            opening,
            f"被申请人以{rng.choice(['资金紧张', '货款未回', '工程款未结算'])}为由拖欠{span}的工资"
            + (f"，共{months}个月" if months > 1 else "")
            + f"，合计{t.yuan(owed)}",
            rng.choice(
                [
                    f"申请人多次催讨未果，于{t.date_name(filed - dt.timedelta(days=rng.randint(3, 30)))}以被申请人未及时足额支付劳动报酬为由解除劳动合同",
                    f"{t.date_name(filed - dt.timedelta(days=rng.randint(5, 40)))}申请人到公司讨要，负责人称“{rng.choice(['等有钱再发', '下个月一起结', '找项目部要', '公司没钱'])}”，至今未付{t.yuan(owed)}",
                ]
            ),
        ]
        claims.append(_claim(ClaimKind.WAGES, f"支付{span}拖欠工资{t.yuan(owed)}", owed))
        if rng.random() < 0.5:
            amount = pay * years * workers
            claims.append(
                _claim(
                    ClaimKind.ECONOMIC_COMPENSATION, f"支付被迫解除劳动合同经济补偿{t.yuan(amount)}", amount
                )
            )
    elif kind == "dismissal":
        pretext = rng.choice(PRETEXTS)
        left = filed - dt.timedelta(days=rng.randint(10, 90))
        facts = [
            opening,
            f"{t.date_name(left)}，被申请人以“{pretext}”为由单方解除劳动合同，"
            + rng.choice(["未提前三十日书面通知", "未出具书面解除通知", "未通知工会", "未说明具体违纪事实"]),
            rng.choice(
                [
                    f"申请人在职{years}年间未受过任何处分，被申请人所称“{pretext}”没有事实依据，属违法解除",
                    f"被申请人未提供{pretext}的证据，其解除劳动合同缺乏法律依据，应依法支付在职{years}年的补偿",
                    f"申请人于{t.date_name(left + dt.timedelta(days=rng.randint(1, 5)))}要求恢复工作被拒，认为被申请人属违法解除",
                ]
            ),
        ]
        if rng.random() < 0.6:
            amount = pay * years * 2 * workers
            claims.append(_claim(ClaimKind.DAMAGES, f"支付违法解除劳动合同赔偿金{t.yuan(amount)}", amount))
        else:
            amount = pay * years * workers
            claims.append(
                _claim(ClaimKind.ECONOMIC_COMPENSATION, f"支付解除劳动合同经济补偿{t.yuan(amount)}", amount)
            )
        if rng.random() < 0.4:
            days = rng.randint(5, 25)
            amount = pay * days * workers // 22
            claims.append(
                _claim(ClaimKind.WAGES, f"支付{t.month_name(left)}工作{days}天的工资{t.yuan(amount)}", amount)
            )
    elif kind == "overtime":
        hours = rng.randint(40, 110)
        months = rng.randint(3, 18)
        amount = pay * 3 * hours * months * workers // (2 * 174)
        facts = [
            opening,
            f"申请人在职期间每周工作六天，每天工作{rng.choice([10, 11, 12])}小时，"
            f"近{months}个月平均每月延时加班约{hours}小时，被申请人未依法支付加班工资",
            rng.choice(
                [
                    f"申请人提供了{months}个月的考勤打卡记录及工资条，工资条显示加班费一栏为{rng.choice(['零', '空白', '固定100元'])}",
                    f"被申请人的排班表显示申请人所在{job}岗位每月排班{rng.randint(26, 30)}天",
                    f"同事{rng.randint(2, 6)}人可证明申请人长期在{rng.choice(['晚上', '周末', '节假日'])}加班",
                ]
            ),
        ]
        claims.append(_claim(ClaimKind.OVERTIME, f"支付{months}个月延时加班工资{t.yuan(amount)}", amount))
        if rng.random() < 0.3:
            leave = pay * 5 * workers // 22
            claims.append(_claim(ClaimKind.HOURS_REST, f"支付未休年休假工资{t.yuan(leave)}", leave))
    elif kind == "social_insurance":
        months = rng.randint(6, 48)
        since = t.month_back(filed, months)
        facts = [
            opening,
            f"被申请人自{t.month_name(since)}起未为申请人缴纳社会保险费，申请人多次要求未果",
            f"申请人查询个人参保记录，{months}个月均无缴费记录",
        ]
        claims.append(
            _claim(ClaimKind.SOCIAL_INSURANCE, f"为申请人补缴{t.month_name(since)}至今的社会保险费", None)
        )
        if rng.random() < 0.5:
            amount = pay * years * workers
            claims.append(
                _claim(
                    ClaimKind.ECONOMIC_COMPENSATION,
                    f"支付因未缴社保被迫解除劳动合同的经济补偿{t.yuan(amount)}",
                    amount,
                )
            )
    else:
        injury, grade = rng.choice(INJURIES)
        hurt = filed - dt.timedelta(days=rng.randint(120, 400))
        medical = rng.randint(20, 400) * 100
        facts = [
            opening,
            f"{t.date_name(hurt)}，申请人{injury}，经人力资源和社会保障部门认定为工伤，劳动能力鉴定为伤残{grade}",
            f"被申请人未为申请人缴纳工伤保险，申请人自行垫付医疗费{t.yuan(medical)}",
        ]
        claims.append(_claim(ClaimKind.INJURY_MEDICAL, f"支付工伤医疗费{t.yuan(medical)}", medical))
    return Story(kind=kind, facts="。".join(facts) + "。", claims=claims)
