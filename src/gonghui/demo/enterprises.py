"""Employer profiles for the demo: ownership shares, industries, sizes and names.

The shares are rough but realistic for an urban district: private firms are the majority,
schools and hospitals are 事业单位, 个体工商户 are small shops, most staff of 制造业 and 建筑业
are 农民工, and 女职工 dominate education and health care.
"""

from __future__ import annotations

import math
import random

from gonghui.core.names import CITY_NAME, street_short, words
from gonghui.orgs.choices import Industry, Ownership

I = Industry  # noqa: E741 — short alias for the tables below
O = Ownership  # noqa: E741

OWNERSHIP_WEIGHTS: dict[str, float] = {
    O.PRIVATE: 58,
    O.INDIVIDUAL: 9,
    O.FOREIGN: 4,
    O.HMT: 3,
    O.STATE: 4,
    O.STATE_HOLDING: 3,
    O.COLLECTIVE: 3,
    O.INSTITUTION: 8,
    O.GOVERNMENT: 5,
    O.SOCIAL: 3,
}

INDUSTRY_WEIGHTS: dict[str, dict[str, float]] = {
    O.PRIVATE: {
        I.C: 30,
        I.E: 8,
        I.F: 18,
        I.G: 7,
        I.H: 9,
        I.I: 7,
        I.K: 3,
        I.L: 6,
        I.M: 4,
        I.N: 2,
        I.O: 4,
        I.A: 1,
        I.R: 1,
    },
    O.INDIVIDUAL: {I.F: 45, I.H: 35, I.O: 20},
    O.FOREIGN: {I.C: 65, I.F: 10, I.I: 10, I.L: 8, I.M: 7},
    O.HMT: {I.C: 55, I.F: 15, I.H: 10, I.K: 10, I.L: 10},
    O.STATE: {I.D: 20, I.G: 20, I.J: 15, I.K: 10, I.N: 15, I.C: 10, I.E: 10},
    O.STATE_HOLDING: {I.C: 30, I.D: 15, I.E: 20, I.J: 15, I.G: 20},
    O.COLLECTIVE: {I.A: 35, I.C: 25, I.F: 15, I.O: 15, I.E: 10},
    O.INSTITUTION: {I.P: 50, I.Q: 30, I.M: 8, I.R: 7, I.N: 5},
    O.GOVERNMENT: {I.S: 100},
    O.SOCIAL: {I.S: 40, I.O: 20, I.P: 15, I.Q: 15, I.R: 10},
}

# Log-normal headcount: (median, sigma, maximum).
SIZE_PROFILE: dict[str, tuple[float, float, int]] = {
    O.PRIVATE: (65, 1.1, 3000),
    O.INDIVIDUAL: (10, 0.5, 30),
    O.FOREIGN: (150, 1.0, 3000),
    O.HMT: (120, 1.0, 3000),
    O.STATE: (250, 1.0, 3000),
    O.STATE_HOLDING: (300, 1.0, 3000),
    O.COLLECTIVE: (40, 0.8, 600),
    O.INSTITUTION: (80, 0.8, 1500),
    O.GOVERNMENT: (60, 0.6, 300),
    O.SOCIAL: (12, 0.6, 80),
}
MIN_SIZE = 5

MIGRANT_SHARE: dict[str, float] = {
    I.A: 0.5, I.B: 0.5, I.C: 0.45, I.D: 0.1, I.E: 0.7, I.F: 0.3, I.G: 0.4, I.H: 0.45,
    I.I: 0.05, I.J: 0.02, I.K: 0.15, I.L: 0.2, I.M: 0.08, I.N: 0.35, I.O: 0.4, I.P: 0.03,
    I.Q: 0.05, I.R: 0.1, I.S: 0.02,
}  # fmt: skip
WOMEN_SHARE: dict[str, float] = {
    I.A: 0.35, I.B: 0.1, I.C: 0.38, I.D: 0.2, I.E: 0.12, I.F: 0.52, I.G: 0.22, I.H: 0.55,
    I.I: 0.32, I.J: 0.55, I.K: 0.4, I.L: 0.45, I.M: 0.38, I.N: 0.3, I.O: 0.5, I.P: 0.68,
    I.Q: 0.72, I.R: 0.45, I.S: 0.42,
}  # fmt: skip
PUBLIC_OWNERSHIPS = (O.STATE, O.STATE_HOLDING, O.INSTITUTION, O.GOVERNMENT)
ENTERPRISE_OWNERSHIPS = (
    O.PRIVATE, O.INDIVIDUAL, O.FOREIGN, O.HMT, O.STATE, O.STATE_HOLDING, O.COLLECTIVE,
)  # fmt: skip

BRANDS = words(
    "恒远 华兴 鑫达 瑞丰 金源 宏图 新锐 博润 天成 永安 盛泰 星海 汇通 东昇 精诚 联创 宝丰 "
    "和信 嘉禾 聚能 远航 安达 海纳 德盛 荣昌 锦程 佳誉 捷迅 凯旋 明德 立信 同创 兴业 裕隆 "
    "昌盛 富源 广和 润泽 优品 启航 泓达 弘毅 卓越 悦来 顺达 万和 协力 智远 云帆 绿源 清源 "
    "蓝海 天润 中恒 正阳 信达 和顺 华茂 金桥 长兴"
)
FOREIGN_BRANDS = words("凯瑞斯 艾森特 利博尔 迈德森 柯林斯 诺威 汉诺 罗德 贝卡 维斯顿 奥斯丁")
TRADES: dict[str, tuple[str, ...]] = {
    I.A: ("生态农业", "农业科技", "花卉园艺", "畜牧养殖"),
    I.B: ("矿业", "石材"),
    I.C: (
        "精密机械", "电子科技", "服装", "食品", "塑料制品", "汽车零部件", "新材料", "医疗器械",
        "包装印刷", "家具", "五金制品", "纺织", "化工", "智能装备", "光电",
    ),
    I.D: ("热力", "燃气", "供水", "新能源"),
    I.E: ("建筑工程", "建设", "装饰工程", "市政工程", "安装工程"),
    I.F: ("商贸", "超市", "医药连锁", "建材", "汽车销售服务", "电器", "供应链"),
    I.G: ("物流", "运输", "仓储", "公共交通", "冷链物流"),
    I.H: ("餐饮管理", "酒店", "餐饮", "快餐"),
    I.I: ("信息技术", "软件", "网络科技", "数据服务"),
    I.J: ("小额贷款", "融资担保", "保险代理"),
    I.K: ("房地产开发", "物业管理", "置业"),
    I.L: ("人力资源", "商务咨询", "广告", "会展服务", "企业管理"),
    I.M: ("检测技术", "工程设计", "生物科技", "环境科技"),
    I.N: ("环保工程", "园林绿化", "环境卫生服务"),
    I.O: ("家政服务", "汽车维修", "美容美发", "洗涤服务"),
    I.P: ("教育科技", "培训"),
    I.Q: ("医疗管理", "养老服务", "康复"),
    I.R: ("文化传媒", "体育发展", "影视"),
    I.S: ("咨询服务",),
}  # fmt: skip
SHOPS: dict[str, tuple[str, ...]] = {
    I.F: ("便利店", "五金店", "水果店", "服装店", "超市", "粮油店"),
    I.H: ("面馆", "小吃店", "早餐店", "烧烤店", "饺子馆", "快餐店"),
    I.O: ("汽车修理部", "理发店", "干洗店", "家电维修部", "摄影部"),
}
GOVERNMENT_OFFICES = words(
    "财政局 人力资源和社会保障局 市场监督管理局 住房和城乡建设局 民政局 司法局 应急管理局 "
    "城市管理局 审计局 统计局 商务局 发展和改革局 教育局 卫生健康局 交通运输局 农业农村局 "
    "生态环境分局 自然资源和规划分局 退役军人事务局 文化和旅游体育局 科学技术局 医疗保障局"
)
INSTITUTIONS: dict[str, tuple[str, ...]] = {
    I.P: ("第{n}小学", "第{n}中学", "实验小学", "实验中学", "第{n}幼儿园", "职业技术学校"),
    I.Q: ("人民医院", "中医医院", "妇幼保健院", "疾病预防控制中心", "第{n}人民医院"),
    I.M: ("农业技术推广中心", "产品质量检验所", "科技创新服务中心"),
    I.R: ("图书馆", "文化馆", "体育中心", "融媒体中心"),
    I.N: ("水利工程管理所", "园林绿化管理所", "环境卫生管理所"),
}
SOCIAL_ORGS: dict[str, tuple[str, ...]] = {
    I.S: ("个体劳动者协会", "物流行业协会", "餐饮行业协会", "建筑业协会", "工商业联合商会"),
    I.O: ("{brand}社会工作服务中心", "{brand}家庭服务中心"),
    I.P: ("{brand}职业技能培训学校",),
    I.Q: ("{brand}养老服务中心", "{brand}康复服务中心"),
    I.R: ("{brand}文化艺术交流中心",),
}
CHINESE_DIGITS = "一二三四五六七八九十"


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def headcount(rng: random.Random, ownership: str) -> int:
    median, sigma, maximum = SIZE_PROFILE[ownership]
    return max(MIN_SIZE, min(maximum, int(rng.lognormvariate(math.log(median), sigma))))


def is_above_scale(rng: random.Random, ownership: str, industry: str, total: int) -> bool:
    """规模以上: the revenue test is approximated by headcount per kind of business."""
    if ownership not in ENTERPRISE_OWNERSHIPS or ownership == O.INDIVIDUAL:
        return False
    if industry in (I.B, I.C, I.D, I.E):
        return total >= 80 or (total >= 40 and rng.random() < 0.3)
    if industry in (I.F, I.H):
        return total >= 60 or (total >= 30 and rng.random() < 0.2)
    return total >= 150


class Namer:
    """Unique employer names in the style of 营业执照."""

    def __init__(self, rng: random.Random, district: str) -> None:
        self.rng = rng
        self.district = district
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def _unique(self, make) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        base = make()
        n = 2
        while f"{base}（{n}）" in self.used:
            n += 1
        self.used.add(f"{base}（{n}）")
        return f"{base}（{n}）"

    def _numbered(self, pattern: str) -> str:
        key = pattern
        self.counters[key] = self.counters.get(key, 0) + 1
        n = self.counters[key]
        return pattern.format(n=CHINESE_DIGITS[n - 1] if n <= 10 else str(n))

    def enterprise(self, ownership: str, industry: str, street: str) -> str:
        rng, d = self.rng, self.district
        city = CITY_NAME[:-1]
        if ownership == O.INDIVIDUAL:
            shops = SHOPS[industry]
            return self._unique(
                lambda: f"{d}{rng.choice('王李张刘陈杨黄赵吴周徐孙')}记{rng.choice(shops)}"
            )
        if ownership == O.GOVERNMENT:
            if street and rng.random() < 0.4 and f"{street}办事处" not in self.used:
                self.used.add(f"{street}办事处")
                return f"{street}办事处"
            return self._unique(lambda: f"{d}{rng.choice(GOVERNMENT_OFFICES)}")
        if ownership == O.INSTITUTION:
            return self._unique(lambda: d + self._numbered(rng.choice(INSTITUTIONS[industry])))
        if ownership == O.SOCIAL:
            return self._unique(
                lambda: d + rng.choice(SOCIAL_ORGS[industry]).format(brand=rng.choice(BRANDS))
            )
        if ownership == O.STATE:
            return self._unique(
                lambda: (
                    f"{d}{rng.choice(TRADES[industry])}集团有限公司"
                    if rng.random() < 0.5
                    else f"{city}{rng.choice(BRANDS)}{rng.choice(TRADES[industry])}有限公司"
                )
            )
        if ownership == O.STATE_HOLDING:
            return self._unique(
                lambda: f"{city}{rng.choice(BRANDS)}{rng.choice(TRADES[industry])}股份有限公司"
            )
        if ownership == O.COLLECTIVE:
            if industry == I.A:
                return self._unique(
                    lambda: f"{street_short(street)}{rng.choice('东西南北')}村股份经济合作社"
                )
            return self._unique(
                lambda: f"{city}{street_short(street)}{rng.choice(TRADES[industry])}厂"
            )
        if ownership == O.FOREIGN:
            return self._unique(
                lambda: (
                    f"{rng.choice(FOREIGN_BRANDS)}{rng.choice(TRADES[industry])}（{city}）有限公司"
                )
            )
        if ownership == O.HMT:
            return self._unique(
                lambda: f"{city}{rng.choice(BRANDS)}{rng.choice(TRADES[industry])}有限公司"
            )
        return self._unique(
            lambda: (
                f"{city}{rng.choice(BRANDS)}{rng.choice(TRADES[industry])}"
                f"{rng.choice(('有限公司', '有限公司', '有限公司', '股份有限公司'))}"
            )
        )

    def station(self, kind: str, street: str) -> str:
        label = {"express": "快递", "delivery": "外卖配送", "ride": "网约车"}[kind]
        suffix = {"express": "营业部", "delivery": "配送站", "ride": "服务站"}[kind]
        place = street_short(street)
        return self._unique(
            lambda: f"{CITY_NAME[:-1]}{self.rng.choice(BRANDS)}{label}{place}{suffix}"
        )
