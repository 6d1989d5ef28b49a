"""Numeral parsing: Arabic, full-width, Chinese, 万/亿, 百分之…, OCR noise, ranges."""

from decimal import Decimal

import pytest

from gonghui.plans.extract.numbers import find_quantities, parse_chinese, parse_number
from gonghui.plans.extract.text import normalize


def quantities(text: str) -> list[tuple[Decimal, Decimal | None, str]]:
    return [(q.value, q.value_max, q.unit) for q in find_quantities(normalize(text))]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("一年不少于两次", 2, "次"),
        ("举办一期工会干部培训班", 1, "期"),
        ("覆盖率达到百分之九十", 90, "%"),
        ("覆盖率达到百分之百", 100, "%"),
        ("组织3.7万会员参加医疗互助", 37000, "人"),
        ("筹集温暖资金80万元", 800000, "元"),
        ("确保省总三年五万技术工人培训任务的完成", 50000, "人"),
        ("走访慰问各类职工100o人以上", 1000, "人"),
        ("签订率达９５％以上", 95, "%"),
        ("投入资金1.2亿元", 120000000, "元"),
        ("培训职工1,200人", 1200, "人"),
        ("发放资金1000余万元", 10000000, "元"),
    ],
)
def test_single_quantity(text, value, unit):
    found = quantities(text)
    assert (Decimal(value), None, unit) in found


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("每年建成3到5个驿站", 3, 5, "个"),
        ("新建2-3个示范点", 2, 3, "个"),
        ("建成服务站点20个至30个", 20, 30, "个"),
        ("覆盖3～5万人", 30000, 50000, "人"),
    ],
)
def test_ranges(text, value, value_max, unit):
    assert (Decimal(value), Decimal(value_max), unit) in quantities(text)


def test_parse_helpers():
    assert parse_chinese("两") == 2
    assert parse_chinese("二〇二四") == 2024
    assert parse_chinese("百") == 100
    assert parse_chinese("规模") is None
    assert parse_number("3.7万") == 37000
    assert parse_number("1,000") == 1000
    assert str(parse_number("2.50")) == "2.5"


def test_normalize_keeps_length_and_fixes_digits():
    raw = "走访慰问职工100o人，达９５％，l0人，Hello"
    norm = normalize(raw)
    assert len(norm) == len(raw)
    assert "1000人" in norm and "95%" in norm
    assert "Hello" in norm  # letters outside digit runs are left alone


def test_years_and_dates_are_not_quantities():
    assert quantities("2024年3月5日召开会议") == []
    assert quantities("《2024-2026年工会教育培训规划》") == []
