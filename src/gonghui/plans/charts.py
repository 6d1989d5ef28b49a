"""Server-rendered SVG charts for the plan dashboard: our own small functions, no JS library.

The SVG is inlined in the page, so the page's CSS (the system CJK font) renders its Chinese
labels; it scales with ``viewBox`` and ``width="100%"``. Every text is escaped here and the
result is marked safe for templates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = Decimal | int | float

FONT = 13  # px in viewBox units
SMALL = 11
BAR_COLOR = "#c0262d"
GOAL_COLOR = "#16794c"
AXIS_COLOR = "#d0d5dd"
INK = "#1f2328"
MUTED = "#667085"


def fmt_number(value: Number | None) -> str:
    """100.00 → "100", 12.50 → "12.5", 1234567 → "1234567"; None → "—"."""
    if value is None:
        return "—"
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def text_width(text: str, size: int = FONT) -> float:
    """Rough rendered width: CJK and full-width characters one em, others 0.6 em."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def _fit(text: str, max_width: float, size: int = FONT) -> str:
    if text_width(text, size) <= max_width:
        return text
    out = ""
    for c in text:
        if text_width(out + c + "…", size) > max_width:
            break
        out += c
    return out + "…"


def _svg(width: float, height: float, body: list[str], label: str) -> SafeString:
    # Every text interpolated into ``body`` was escaped by the caller.
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} '
        f'{height:g}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def nice_ceiling(value: float) -> float:
    """The next "round" number ≥ value (1, 2, 2.5, 5 × 10^n) for an axis maximum."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp + 1e-9:
            return step * exp
    return 10 * exp


def hbar_chart(
    rows: Sequence[tuple[str, Number | None]],
    *,
    unit: str = "",
    goal: Number | None = None,
    label: str = "",
    width: int = 360,
) -> SafeString:
    """Horizontal bars, one per row (label, value); ``None`` reads 暂无数据. An optional
    ``goal`` draws a dashed line (for rates, where every unit has the same goal)."""
    if not rows:
        body = [f'<text x="8" y="22" fill="{MUTED}" font-size="{FONT}">暂无下级单位</text>']
        return _svg(width, 34, body, label)
    row_h, bar_h, top = 26, 16, 6
    values = [float(v) for _, v in rows if v is not None]
    value_texts = [f"{fmt_number(v)}{unit}" if v is not None else "暂无数据" for _, v in rows]
    label_w = min(max(text_width(name) for name, _ in rows) + 12, width * 0.38)
    value_w = max(text_width(t, SMALL) for t in value_texts) + 10
    area = width - label_w - value_w - 4
    top_value = max([*values, float(goal) if goal is not None else 0.0], default=0.0)
    scale = area / top_value if top_value > 0 else 0.0
    goal_band = 18 if goal is not None else 0
    height = top + len(rows) * row_h + goal_band + 4
    body = [
        f'<line x1="{label_w:.1f}" y1="{top}" x2="{label_w:.1f}" y2="{top + len(rows) * row_h}" '
        f'stroke="{AXIS_COLOR}"/>'
    ]
    for i, ((name, value), value_text) in enumerate(zip(rows, value_texts, strict=True)):
        y = top + i * row_h
        text_y = y + row_h / 2 + FONT * 0.35
        body.append(
            f'<g class="row"><title>{escape(name)}：{escape(value_text)}</title>'
            f'<text x="{label_w - 6:.1f}" y="{text_y:.1f}" text-anchor="end" fill="{INK}" '
            f'font-size="{FONT}">{escape(_fit(name, label_w - 10))}</text>'
        )
        if value is None:
            body.append(
                f'<text x="{label_w + 6:.1f}" y="{text_y:.1f}" fill="{MUTED}" '
                f'font-size="{SMALL}" class="na">暂无数据</text></g>'
            )
            continue
        bar_w = max(float(value), 0.0) * scale
        body.append(
            f'<rect class="bar" x="{label_w:.1f}" y="{y + (row_h - bar_h) / 2:.1f}" '
            f'width="{bar_w:.1f}" height="{bar_h}" rx="2" fill="{BAR_COLOR}" '
            f'data-value="{escape(fmt_number(value))}"/>'
            f'<text x="{label_w + bar_w + 5:.1f}" y="{text_y:.1f}" fill="{INK}" '
            f'font-size="{SMALL}" class="value">{escape(value_text)}</text></g>'
        )
    if goal is not None:
        gx = label_w + float(goal) * scale
        bottom = top + len(rows) * row_h
        body.append(
            f'<line class="goal" x1="{gx:.1f}" y1="{top}" x2="{gx:.1f}" y2="{bottom}" '
            f'stroke="{GOAL_COLOR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{gx:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{GOAL_COLOR}" '
            f'font-size="{SMALL}">目标 {escape(fmt_number(goal))}{escape(unit)}</text>'
        )
    return _svg(width, height, body, label)


def monthly_chart(
    series: Sequence[tuple[int, Number | None]],
    *,
    unit: str = "",
    goal: Number | None = None,
    label: str = "",
    width: int = 360,
    height: int = 200,
) -> SafeString:
    """Columns for the months of a year (1–12) with a dashed goal line; months missing from
    ``series`` (not yet reached) or ``None`` (no data) stay empty. The latest value is
    labelled; every column has a tooltip."""
    left, right, top, bottom = 40, 8, 16, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    by_month = {int(m): v for m, v in series}
    values = [float(v) for v in by_month.values() if v is not None]
    top_value = nice_ceiling(max([*values, float(goal) if goal is not None else 0.0], default=0))
    col_w = plot_w / 12
    latest = max((m for m, v in by_month.items() if v is not None), default=None)
    body: list[str] = []
    for step in range(5):  # horizontal grid with axis labels
        v = top_value * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{AXIS_COLOR}" stroke-width="{1 if step == 0 else 0.5}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" '
            f'font-size="{SMALL - 1}">{escape(fmt_number(round(v, 2)))}</text>'
        )
    for month in range(1, 13):
        cx = left + col_w * (month - 0.5)
        body.append(
            f'<text x="{cx:.1f}" y="{height - 8}" text-anchor="middle" fill="{MUTED}" '
            f'font-size="{SMALL - 1}">{month}月</text>'
        )
        value = by_month.get(month)
        if value is None:
            continue
        bar_h = plot_h * max(float(value), 0.0) / top_value
        y = top + plot_h - bar_h
        body.append(
            f'<g class="month"><title>{month}月：{escape(fmt_number(value))}{escape(unit)}</title>'
            f'<rect class="bar" x="{cx - col_w * 0.3:.1f}" y="{y:.1f}" width="{col_w * 0.6:.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR_COLOR}" data-month="{month}" '
            f'data-value="{escape(fmt_number(value))}"/>'
        )
        if month == latest:
            body.append(
                f'<text x="{cx:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="{INK}" '
                f'font-size="{SMALL}" class="value">{escape(fmt_number(value))}</text>'
            )
        body.append("</g>")
    if goal is not None:
        gy = top + plot_h - plot_h * float(goal) / top_value
        body.append(
            f'<line class="goal" x1="{left}" y1="{gy:.1f}" x2="{width - right}" y2="{gy:.1f}" '
            f'stroke="{GOAL_COLOR}" stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{width - right}" y="{gy - 4:.1f}" text-anchor="end" fill="{GOAL_COLOR}" '
            f'font-size="{SMALL}">目标 {escape(fmt_number(goal))}{escape(unit)}</text>'
        )
    if not values:
        body.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
            f'fill="{MUTED}" font-size="{FONT}" class="na">暂无数据</text>'
        )
    return _svg(width, height, body, label)
