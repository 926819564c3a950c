"""What the demo's inspectors write: the risk found on a visit (what, how many workers, how much, since
when) and how the street resolved it, each matching the kind of risk, with its own figures."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hrbureau.core import demotext as t
from hrbureau.labour.choices import RiskType

WORKSHOPS = ["注塑车间", "装配车间", "仓库", "包装车间", "喷涂车间", "冲压车间", "电镀车间", "宿舍楼"]


def finding(rng: random.Random, risk_type: str, *, workers: int, amount: int | None, day: dt.date) -> str:
    """What the inspector noted for a risk of ``risk_type`` on ``day``."""
    months = rng.randint(1, 4)
    since = t.month_name(t.month_back(day, months))
    if risk_type == RiskType.WAGE_ARREARS:
        return rng.choice(
            [
                f"企业自{since}起拖欠{workers}名员工工资，约{t.yuan(amount or 0)}，负责人称货款未回",
                f"员工反映{since}以来工资迟发，现场核实{workers}人被欠{months}个月工资共约{t.yuan(amount or 0)}",
                f"工资表显示{since}起仅发放生活费，{workers}名员工欠薪约{t.yuan(amount or 0)}",
            ]
        )
    if risk_type == RiskType.ABSCONDING:
        return rng.choice(
            [
                f"法定代表人{t.date_name(day - dt.timedelta(days=rng.randint(1, 6)))}起失联，{workers}名员工工资约{t.yuan(amount or 0)}未付",
                f"工厂停工，老板电话关机，{workers}名员工聚集讨薪，涉及约{t.yuan(amount or 0)}",
            ]
        )
    if risk_type == RiskType.SOCIAL_INSURANCE:
        return rng.choice(
            [
                f"{workers}名员工未参加社会保险，最早入职的已满{rng.randint(3, 18)}个月",
                f"企业自{since}起停缴社保，涉及{workers}人",
                f"{workers}名一线员工按最低基数参保，与实发工资不符",
            ]
        )
    if risk_type == RiskType.NO_CONTRACT:
        return rng.choice(
            [
                f"{workers}名员工未签订书面劳动合同，最长的入职已{rng.randint(2, 14)}个月",
                f"抽查{workers + rng.randint(3, 20)}份员工档案，{workers}人无劳动合同",
            ]
        )
    if risk_type == RiskType.WORKING_HOURS:
        return rng.choice(
            [
                f"{rng.choice(WORKSHOPS)}旺季两班倒，{workers}名员工{since}加班约{rng.randint(60, 120)}小时",
                f"考勤显示{workers}名员工连续{rng.randint(14, 30)}天未休息",
            ]
        )
    if risk_type == RiskType.CLOSURE:
        return rng.choice(
            [
                f"设备外运，疑似准备搬迁，涉及{workers}名员工，尚未公布安置方案",
                f"企业拟于{t.month_name(t.month_back(day, -1))}关停{rng.choice(WORKSHOPS)}，{workers}名员工待安置",
            ]
        )
    if risk_type == RiskType.SAFETY:
        return rng.choice(
            [
                f"{rng.choice(WORKSHOPS)}安全出口堆放杂物，疏散通道宽度不足",
                f"{rng.choice(WORKSHOPS)}灭火器{rng.randint(2, 9)}具过期未更换",
                f"{rng.choice(WORKSHOPS)}电线私拉乱接，配电箱未上锁",
            ]
        )
    return "其他劳动用工隐患"


def resolution(rng: random.Random, risk: Any, *, on: dt.date) -> str:
    """How the street resolved ``risk`` by ``on``."""
    workers = risk.workers_affected or rng.randint(2, 12)
    when = t.date_name(on)
    if risk.risk_type in (RiskType.WAGE_ARREARS, RiskType.ABSCONDING):
        paid = t.yuan(risk.arrears_amount or workers * 5000)
        return rng.choice(
            [
                f"约谈企业负责人，企业于{when}补发{workers}名员工工资{paid}，已核对发放凭证",
                f"移交劳动保障监察立案，{when}由欠薪应急周转金先行垫付{paid}",
                f"经街道调解，企业与{workers}名员工达成分期支付协议，首期于{when}支付",
            ]
        )
    if risk.risk_type == RiskType.SOCIAL_INSURANCE:
        return f"企业已于{when}为{workers}名员工补缴社会保险费，社保系统显示参保正常"
    if risk.risk_type == RiskType.NO_CONTRACT:
        return f"督促企业与{workers}名员工补签劳动合同，{when}复查合同文本齐全"
    if risk.risk_type == RiskType.WORKING_HOURS:
        return f"企业调整为三班倒并增招{rng.randint(3, 20)}人，{when}复查加班时长已符合规定"
    if risk.risk_type == RiskType.CLOSURE:
        return f"指导企业制定职工安置方案，{when}前依法支付{workers}名员工经济补偿"
    if risk.risk_type == RiskType.SAFETY:
        return f"{when}复查，杂物已清理，消防设施已更换，整改到位"
    return f"{when}复查已整改"
