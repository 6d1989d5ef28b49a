"""The Chinese summary `gonghui demo` prints: what was loaded and how to sign in."""

from __future__ import annotations

import unicodedata

from django.conf import settings

from gonghui.demo.build import DemoResult


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]  # fmt: skip


def render(result: DemoResult) -> str:
    c = result.counts
    lines = []
    if result.created:
        lines.append(f"演示数据已加载（{result.size.label}）：{result.root.name}")
    elif result.size is not result.requested:
        lines.append(
            f"已存在“{result.size.label}”演示数据（{result.root.name}），"
            f"与本次要求的“{result.requested.label}”不同；保留现有数据，未重复加载。"
        )
    else:
        lines.append(f"演示数据已存在（{result.size.label}）：{result.root.name}，未重复加载。")
    federations = f"乡镇街道总工会 {c['streets']} 个，局工委 {c['industry_committees']} 个"
    if c["districts"] > 1:
        federations = f"区县总工会 {c['districts']} 个，" + federations
    lines += [
        f"  工会组织 {c['org_units']} 个（{federations}，"
        f"基层工会委员会 {c['grassroots_unions']} 个，联合基层工会 {c['joint_unions']} 个）",
        f"  用人单位 {c['enterprises']} 家（未建会 {c['enterprises_without_union']} 家，"
        f"规模以上 {c['enterprises_above_scale']} 家，职工 {c['employees']} 人）",
        f"  在册会员 {c['members']} 人（女职工 {c['women_members']}，"
        f"农民工 {c['migrant_members']}，"
        f"新就业形态 {c['new_form_members']}）",
        f"  职工档案 {c['persons']} 人，会籍记录 {c['memberships']} 条"
        f"（已转出 {c['transferred_memberships']}，已退会 {c['left_memberships']}）",
        "",
    ]
    if result.password_reset:
        note = "首次登录须修改密码" if settings.GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE else ""
        lines.append(f"演示账号（密码均为 {result.password}{'，' + note if note else ''}）：")
    else:
        lines.append(
            f"演示账号（账号已存在，密码未重置：初始密码 {result.password}，"
            "如已修改请用新密码；用 --password 可统一重设）："
        )
    rows = [["账号", "角色", "所在组织", "姓名"]]
    rows += [
        [a["username"], a["role_label"], a["org_unit_name"], a["full_name"]]
        for a in result.accounts
    ]
    lines += table(rows)
    return "\n".join(lines)
