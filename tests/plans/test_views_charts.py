"""The dashboard's SVG charts: labels, proportional bars, missing values, all-zero data,
escaping, and scaling with viewBox."""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from gonghui.plans.charts import fmt_number, hbar_chart, monthly_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> dict[str, float]:
    root = ElementTree.fromstring(svg)  # well-formed XML
    return {
        rect.get("data-value") or rect.get("data-month"): float(rect.get("width"))
        for rect in root.iter(f"{SVG}rect")
    }


def test_it_draws_bars_proportional_to_the_values_with_their_labels():
    svg = str(hbar_chart([("东街道", Decimal(40)), ("西街道", 20), ("南街道", 10)], unit="家"))
    assert "东街道" in svg and "西街道" in svg and "40家" in svg and "10家" in svg
    widths = _bars(svg)
    assert widths["40"] == 2 * widths["20"] == 4 * widths["10"] > 0
    assert 'viewBox="0 0 360 ' in svg and 'width="100%"' in svg


def test_it_marks_missing_values_and_survives_all_zero_data():
    svg = str(hbar_chart([("甲", None), ("乙", 0), ("丙", 0)], unit="%"))
    assert "暂无数据" in svg
    rects = list(ElementTree.fromstring(svg).iter(f"{SVG}rect"))
    assert [float(r.get("width")) for r in rects] == [0.0, 0.0]  # none for None, 0 for 0
    assert "0%" in svg
    empty = str(hbar_chart([]))
    assert "暂无下级单位" in empty


def test_it_draws_a_goal_line_within_scale():
    svg = str(hbar_chart([("甲", 40), ("乙", 90)], unit="%", goal=Decimal(80)))
    assert "目标 80%" in svg
    root = ElementTree.fromstring(svg)
    goal = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "goal")
    bars = {r.get("data-value"): r for r in root.iter(f"{SVG}rect")}
    left = float(bars["90"].get("x"))
    expected = float(bars["90"].get("width")) * 80 / 90
    assert float(goal.get("x1")) - left == pytest.approx(expected, abs=0.2)


def test_it_escapes_labels():
    svg = str(hbar_chart([('<script>"x"</script>', 1)], unit="<b>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<b>" not in svg
    ElementTree.fromstring(svg)


def test_it_truncates_long_labels():
    name = "某某区某某街道某某社区联合工会委员会第一分会"
    svg = str(hbar_chart([(name, 3)]))
    assert "…" in svg and name in svg  # shortened on screen, full in the tooltip


def test_it_draws_months_with_a_goal_line_and_gaps():
    svg = str(monthly_chart([(1, 10), (2, None), (3, Decimal("25.5"))], unit="人", goal=100))
    assert all(f"{m}月" in svg for m in range(1, 13))
    heights = {
        r.get("data-month"): float(r.get("height"))
        for r in ElementTree.fromstring(svg).iter(f"{SVG}rect")
    }
    assert set(heights) == {"1", "3"}
    assert abs(heights["3"] / heights["1"] - 2.55) < 0.01
    assert "目标 100人" in svg and "25.5" in svg


def test_it_draws_an_empty_month_chart_without_dividing_by_zero():
    svg = str(monthly_chart([(1, 0), (2, 0)]))
    assert re.search(r'data-month="1" data-value="0"', svg)
    svg = str(monthly_chart([]))
    assert "暂无数据" in svg


def test_it_formats_numbers_and_rounds_axes():
    assert [fmt_number(v) for v in (Decimal("100.00"), Decimal("12.50"), 3, None)] == [
        "100",
        "12.5",
        "3",
        "—",
    ]
    assert [nice_ceiling(v) for v in (0, 7, 18, 240, 1001)] == [1, 10, 20, 250, 2000]
