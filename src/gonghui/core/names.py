"""Chinese personal and place names drawn from a seeded ``random.Random`` (demo data of every app).

Surname weights follow the published frequency ranking (per cent of the population, rounded);
given-name characters are split by the gender they are usually read as.
"""

from __future__ import annotations

import random
from itertools import accumulate


def words(text: str) -> tuple[str, ...]:
    """A tuple from a blank-separated list (compact for long Chinese word lists)."""
    return tuple(text.split())


# (surname, share in per cent) — the 100 most frequent plus a few compound surnames.
_SURNAMES = words(
    """
王 7.12 李 7.19 张 6.76 刘 5.38 陈 4.53 杨 3.08 黄 2.23 赵 2.23 吴 2.05 周 1.95
徐 1.67 孙 1.54 马 1.44 朱 1.26 胡 1.22 郭 1.18 何 1.13 林 1.12 高 1.09 罗 0.86
郑 0.82 梁 0.80 谢 0.72 宋 0.70 唐 0.68 许 0.65 韩 0.63 冯 0.61 邓 0.60 曹 0.59
彭 0.56 曾 0.56 肖 0.55 田 0.52 董 0.52 袁 0.50 潘 0.48 于 0.47 蒋 0.46 蔡 0.46
余 0.46 杜 0.45 叶 0.43 程 0.42 苏 0.41 魏 0.40 吕 0.40 丁 0.39 任 0.38 沈 0.37
姚 0.36 卢 0.36 姜 0.35 崔 0.35 钟 0.34 谭 0.33 陆 0.33 汪 0.32 范 0.32 金 0.31
石 0.31 廖 0.30 贾 0.29 夏 0.28 韦 0.28 付 0.27 方 0.27 白 0.26 邹 0.26 孟 0.25
熊 0.25 秦 0.24 邱 0.24 江 0.24 尹 0.23 薛 0.23 闫 0.22 段 0.22 雷 0.22 侯 0.21
龙 0.21 史 0.21 陶 0.20 黎 0.20 贺 0.20 顾 0.20 毛 0.19 郝 0.19 龚 0.19 邵 0.18
万 0.18 钱 0.18 严 0.17 覃 0.17 武 0.17 戴 0.17 莫 0.16 孔 0.16 向 0.16 汤 0.15
欧阳 0.05 司马 0.01 上官 0.01 诸葛 0.005
"""
)
SURNAMES: tuple[str, ...] = tuple(_SURNAMES[0::2])
SURNAME_WEIGHTS: tuple[float, ...] = tuple(float(w) for w in _SURNAMES[1::2])
_SURNAME_CUM = tuple(accumulate(SURNAME_WEIGHTS))

MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志新海东文博"
    "晨昊天轩然宏德福春振永立卫兵庆荣毅松柏彬锋坤豪睿哲铭翔威诚凡铁胜"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲桂英燕萍红梅琳雪慧婷倩颖洁佳琪欣怡悦璐蕾晶瑶丹云莉琴兰凤美月雯"
    "茜露彤妍梦思雨淑珍薇菲岚媛婉蓉"
)
# Characters that open two-character given names of either gender.
NEUTRAL_CHARS = "晓小春海文建金玉永子嘉一宇家明志少秋冬晨安"


def person_name(rng: random.Random, *, female: bool) -> str:
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    pool = FEMALE_CHARS if female else MALE_CHARS
    if rng.random() < 0.18:  # single-character given names
        return surname + rng.choice(pool)
    first = rng.choice(NEUTRAL_CHARS) if rng.random() < 0.35 else rng.choice(pool)
    second = rng.choice(pool)
    if second == first:
        second = rng.choice(pool)
    return surname + first + second


CITY_NAME = "示范市"
DISTRICT_NAMES = (
    "示范区",
    "东城区",
    "西城区",
    "南湖区",
    "北山区",
    "新城区",
    "高新区",
    "滨江区",
    "临港区",
    "经开区",
    "老城区",
    "云溪区",
)
STREET_NAMES = words(
    "东湖街道 西湖街道 城关镇 南苑街道 北门街道 新华街道 人民路街道 解放路街道 和平街道 "
    "长安街道 青山镇 白沙镇 桥头镇 花园街道 文昌街道 龙泉街道 金山街道 银河街道 太平镇 "
    "永宁镇 清河街道 翠屏街道 滨湖街道 江北街道 望江街道 朝阳街道 光明街道 幸福街道 "
    "建设街道 丰收镇 石桥镇 柳林镇 梅园街道 桃源镇 云溪镇 马坊镇 三里桥街道 五里墩街道 "
    "七星街道 九龙街道"
)
ROADS = words(
    "人民路 解放路 建设路 中山路 文化路 工业大道 科技园路 滨河路 长江路 黄河路 "
    "新华路 学院路 东风路 胜利路 环城北路 环城南路 创业大道 开发路 湖滨路 兴业街"
)


def street_short(street: str) -> str:
    """东湖街道 → 东湖; 城关镇 → 城关."""
    for suffix in ("街道", "镇", "乡"):
        if street.endswith(suffix):
            return street[: -len(suffix)]
    return street


def address(rng: random.Random, street: str) -> str:
    return f"{CITY_NAME}{street}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
