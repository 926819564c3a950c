"""The words of the fictional demo district: its roads, estates and industrial parks, enterprises' trade
names by industry, home villages of migrant workers, jobs, and the small helpers that put them together.

Every text the demo writes is assembled from these with figures drawn at random (amounts, months,
headcounts, house numbers), so a page of 20 rows reads like a real district's records rather than one
sentence repeated. Everything takes the step's own ``random.Random``, so the demo stays reproducible.
Nothing here imports a business app.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

PROVINCE_CITY = "广东省深圳市"
DISTRICT = "示范区"

# Roads shared by the whole district; each street also has roads named after itself and a handful of
# these (``street_roads``), so one street's addresses keep to its own roads.
ROAD_POOL = [
    "翠竹路", "桂园路", "红棉路", "松柏路", "兴业路", "创业路", "科技路", "文化路", "育才路", "春风路",
    "青年路", "建设路", "工业大道", "环城南路", "环城北路", "新安路", "宝兴路", "华丰路", "民康路",
    "和平路", "富民路", "金沙路", "银湖路", "龙华路", "梅林路", "荔枝路", "香樟路", "紫荆路", "木棉路",
    "福华路", "振兴路", "同乐路", "长兴路", "大成路", "安乐路", "丰泽路", "南环路", "北环路", "光明路",
    "宏发路", "白石路", "沙河路", "石岩路", "新村路", "东风路", "西环路", "高新路", "东滨路",
]  # fmt: skip
ESTATE_HEADS = [
    "翠竹", "桂园", "锦绣", "阳光", "碧海", "金域", "书香", "丽景", "怡景", "华庭", "海悦", "君悦",
    "东方", "星河", "天悦", "雅居", "康乐", "幸福", "和谐", "富华", "绿景", "荔景", "半岛", "城市",
]  # fmt: skip
ESTATE_TAILS = ["花园", "小区", "家园", "名苑", "雅苑", "新村", "公寓", "华府", "豪庭", "嘉园", "苑"]
VILLAGE_HEADS = [
    "上围", "下围", "新围", "老围", "田心", "水围", "岗头", "塘尾", "石龙", "黄田", "沙井", "坑梓",
]  # fmt: skip
PARK_HEADS = [
    "恒丰", "宝龙", "金达", "华兴", "宏发", "联创", "南方", "明辉", "富源", "嘉达", "新城", "科兴",
]  # fmt: skip
PARK_TAILS = ["工业园", "工业区", "科技园", "产业园", "创意园", "智造园"]
TOWER_TAILS = ["大厦", "商务中心", "广场", "国际中心", "科技大厦"]
CN_DIGITS = "零一二三四五六七八九十"

# Trade names (字号): two characters drawn from these, never a famous brand by design.
TRADE_FIRST = (
    "华恒鸿宏金瑞信永德嘉润盛泰兴源联通创新腾鑫佳振凯丰荣顺海天中正启明博智卓优美安富和益越远星宇辉晟锦"
    "浩弘铭睿祥伟峰亿万聚汇骏川"
)
TRADE_SECOND = "达泰丰盛源创兴成业辉昌隆利通信发华宇海威科迅捷力拓展恒润祥瑞邦德诚益川峰林阳光讯鼎捷航"

# Industry words by GB/T 4754 section, each with its two-digit division (what the enterprise does).
INDUSTRIES: dict[str, list[tuple[str, int]]] = {
    "C": [
        ("电子科技", 39), ("精密模具", 35), ("五金制品", 33), ("塑胶制品", 29), ("电路科技", 39),
        ("新材料科技", 26), ("智能装备", 34), ("光电科技", 39), ("电池科技", 38), ("服饰", 18),
        ("家具", 21), ("包装制品", 22), ("印刷", 23), ("食品", 14), ("医疗器械", 35), ("电器", 38),
    ],
    "E": [("建筑工程", 47), ("装饰工程", 50), ("市政工程", 48), ("机电安装工程", 49), ("建筑劳务", 47)],
    "F": [("贸易", 51), ("商贸", 51), ("进出口", 51), ("百货", 52), ("超市", 52), ("医药连锁", 52)],
    "G": [("物流", 54), ("运输", 54), ("仓储服务", 59), ("货运代理", 58), ("快递服务", 60)],
    "H": [("餐饮管理", 62), ("酒店管理", 61), ("饮食", 62)],
    "I": [("软件", 65), ("信息技术", 65), ("网络科技", 64), ("数据科技", 65)],
    "K": [("物业管理", 70), ("房地产开发", 70)],
    "L": [("人力资源", 72), ("劳务派遣", 72), ("企业管理咨询", 72), ("设备租赁", 71), ("保安服务", 72)],
    "M": [("检测技术", 74), ("工程设计", 74), ("技术研究", 73)],
    "N": [("环保科技", 77), ("园林绿化", 78)],
    "O": [("家政服务", 80), ("家电维修", 81), ("保洁服务", 80)],
    "P": [("职业培训", 83), ("教育科技", 83)],
    "Q": [("医疗管理", 84), ("健康管理", 84)],
    "R": [("文化传播", 88), ("影视传媒", 87)],
}  # fmt: skip

# What people do there, by section (for complaint texts and dispute facts).
JOBS: dict[str, list[str]] = {
    "C": ["普工", "操作工", "质检员", "仓管员", "机修工", "组长", "注塑工", "贴片操作员", "包装工"],
    "E": ["钢筋工", "木工", "泥水工", "电工", "架子工", "施工员", "油漆工"],
    "F": ["导购员", "收银员", "理货员", "销售代表", "采购员"],
    "G": ["货车司机", "分拣员", "快递员", "装卸工", "调度员"],
    "H": ["厨师", "服务员", "帮厨", "洗碗工", "前台接待", "传菜员"],
    "I": ["软件工程师", "算法工程师", "运维工程师", "产品经理", "客服专员"],
    "K": ["保安员", "保洁员", "物业管理员", "维修工"],
    "L": ["派遣员工", "招聘专员", "保安员", "行政文员"],
    "M": ["检测员", "设计师", "实验员", "技术员"],
    "N": ["绿化工", "环卫工", "司机"],
    "O": ["家政服务员", "维修师傅", "保洁员", "月嫂"],
    "P": ["培训讲师", "课程顾问", "行政文员"],
    "Q": ["护士", "药剂员", "导诊员", "收费员"],
    "R": ["摄像师", "编导", "活动策划"],
}
BOSSES = ["老板", "公司负责人", "厂长", "项目经理", "人事主管", "财务", "包工头", "店长"]

# Home villages of the district's workers: the county's towns and villages are made up from these.
TOWN_HEADS = ["石门", "桃洪", "花门", "城关", "大桥", "金竹", "长乐", "白马", "清水", "新田", "龙潭", "罗坪"]
VILLAGE_NAMES = ["上坪", "下湾", "竹山", "枫树", "黄泥", "石桥", "杨柳", "新塘", "高岭", "田坝", "茶园"]


def street_roads(street_name: str) -> list[str]:
    """The roads of a street: two named after it and eight of the district's pool, the same every run."""
    stem = street_name.removesuffix("街道")
    picked = random.Random(f"roads:{stem}").sample(ROAD_POOL, 8)
    return [f"{stem}路", f"{stem}大道", *picked]


def cn_number(n: int) -> str:
    """A small number (1–99) in Chinese characters, as street names and lane numbers write it."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{CN_DIGITS[tens] if tens > 1 else ''}十{CN_DIGITS[ones] if ones else ''}"


def workplace_address(rng: random.Random, street_name: str) -> str:
    """An enterprise's registered address: street, road and number, then the park or tower and floor."""
    road = rng.choice(street_roads(street_name))
    base = f"{PROVINCE_CITY}{DISTRICT}{street_name}{road}{rng.randint(1, 399)}号"
    form = rng.random()
    if form < 0.45:
        park = f"{rng.choice(PARK_HEADS)}{rng.choice(PARK_TAILS)}"
        return f"{base}{park}{rng.choice('ABCDEFG')}栋{rng.randint(1, 8)}楼"
    if form < 0.8:
        floor = rng.randint(2, 32)
        return f"{base}{rng.choice(ESTATE_HEADS)}{rng.choice(TOWER_TAILS)}{floor}{rng.randint(1, 20):02d}室"
    if form < 0.9:
        return f"{base}{rng.randint(1, 3)}楼{rng.choice(['铺', '商铺'])}"
    return base


def home_address(rng: random.Random, street_name: str) -> str:
    """Where someone lives in the district: a flat in an estate, or a house in an urban village."""
    road = rng.choice(street_roads(street_name))
    base = f"{PROVINCE_CITY}{DISTRICT}{street_name}{road}{rng.randint(1, 399)}号"
    if rng.random() < 0.7:
        estate = f"{rng.choice(ESTATE_HEADS)}{rng.choice(ESTATE_TAILS)}"
        return f"{base}{estate}{rng.randint(1, 24)}栋{rng.randint(2, 33)}{rng.randint(1, 8):02d}房"
    village = rng.choice(VILLAGE_HEADS)
    return f"{PROVINCE_CITY}{DISTRICT}{street_name}{village}村{cn_number(rng.randint(1, 18))}巷{rng.randint(1, 60)}号"


def rural_address(rng: random.Random, county: str) -> str:
    """A household-registration address in a home county: town, village, group and house number."""
    town = f"{rng.choice(TOWN_HEADS)}{rng.choice(['镇', '镇', '乡'])}"
    return f"{county}{town}{rng.choice(VILLAGE_NAMES)}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"


def trade_name(rng: random.Random) -> str:
    return rng.choice(TRADE_FIRST) + rng.choice(TRADE_SECOND)


def enterprise_name(rng: random.Random, section: str, *, large: bool = False) -> tuple[str, int]:
    """A registered name in the usual form (城市 + 字号 + 行业 + 组织形式) and its GB/T 4754 division."""
    word, division = rng.choice(INDUSTRIES[section])
    name = trade_name(rng)
    form = rng.random()
    if large and form < 0.4:
        return f"深圳市{name}{word}股份有限公司", division
    if form < 0.75:
        return f"深圳市{name}{word}有限公司", division
    if form < 0.92:
        return f"深圳{name}{word}有限公司", division
    return f"{name}{word}（深圳）有限公司", division


def short_name(enterprise_name: str) -> str:
    """What people call an enterprise: its name without the city and the legal form."""
    short = enterprise_name
    for prefix in ("深圳市", "深圳"):
        short = short.removeprefix(prefix)
    for suffix in ("股份有限公司", "（深圳）有限公司", "有限公司"):
        short = short.removesuffix(suffix)
    return short or enterprise_name


def section_of(enterprise: object) -> str:
    section = str(getattr(enterprise, "industry_section", "") or "C")
    return section if section in JOBS else "C"


def job(rng: random.Random, section: str) -> str:
    return rng.choice(JOBS.get(section) or JOBS["C"])


def month_name(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def month_back(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def date_name(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def yuan(amount: int | Decimal) -> str:
    """An amount as a Chinese text writes it: 8,600 元 → "8600元", 126,000 → "12.6万元"."""
    value = Decimal(amount)
    if value >= 100000 and value % 1000 == 0:
        return f"{(value / 10000).normalize():f}万元"
    return f"{value.quantize(Decimal('1')):f}元"


def wage(rng: random.Random, section: str) -> int:
    """A monthly wage fitting the job's industry, in hundreds of yuan."""
    low, high = {"I": (90, 260), "M": (70, 180), "Q": (60, 150), "E": (65, 140)}.get(section, (45, 95))
    return rng.randint(low, high) * 100
