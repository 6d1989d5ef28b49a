"""Demo 帮扶中心, 帮扶站点 and 结对帮扶 of the demo district (a part of assistance.demo).

The district federation runs a 帮扶中心, the street federation and 工会 A each a 帮扶站点;
demo cadres are paired with filed households, each pair visited a few times over the last
year, some visits with a follow-up still pending. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import HardshipFile, ServiceCentre
from gonghui.assistance.models.centres import CentreKind
from gonghui.assistance.services import (
    centre_create,
    pair_create,
    visit_follow_up_done,
    visit_log,
)
from gonghui.core.access import Access
from gonghui.core.errors import DomainError

PAIRS = 12
CADRES = ("district_admin", "street_admin", "union_admin_a", "union_admin_b")
FOUND = (
    "家中老人身体状况稳定，子女学业正常，生活基本有保障。",
    "本人仍在治疗中，医药费负担较重，希望继续申请医疗救助。",
    "家属已找到临时工作，家庭收入有所改善。",
    "房屋漏雨尚未修缮，冬季取暖存在困难。",
)
FOLLOW_UP = (
    "协调社区落实临时救助，下次走访核实到位情况。",
    "联系帮扶站点推荐就业岗位。",
)


def _station_units(district) -> list:
    """The units of the street and 工会 A admins (where the demo puts its 帮扶站点)."""
    units = []
    for username in ("street_admin", "union_admin_a"):
        user = get_user_model().objects.filter(username=username).first()
        assignment = user and user.assignments.filter(active=True).first()
        if assignment and assignment.org_unit.path.startswith(district.path):
            units.append(assignment.org_unit)
    return units


def centres(*, district, today: dt.date, actor: Access) -> None:
    centre_create(
        actor=actor,
        org_unit=district,
        kind=CentreKind.CENTRE,
        name=f"{district.name}职工服务（帮扶）中心",
        address="人民路 88 号职工服务大厅一楼",
        phone="12351",
        opening_hours="周一至周五 9:00-17:00",
        head="周建国",
        staff_count=6,
        note="演示数据",
    )
    for number, unit in enumerate(_station_units(district), start=1):
        centre_create(
            actor=actor,
            org_unit=unit,
            kind=CentreKind.STATION,
            name=f"{unit.name}帮扶站点",
            address=f"{unit.name}工会活动室",
            phone=f"0755-8860{number:04d}",
            opening_hours="周二、周四 14:00-17:00",
            staff_count=2,
            note="演示数据",
        )


def _pair(*, file: HardshipFile, started_on: dt.date, actor: Access):
    users = get_user_model().objects.filter(username__in=CADRES)
    by_name = {u.username: u for u in users}
    for username in reversed(CADRES):  # the nearest cadre first
        if username not in by_name:
            continue
        try:
            return pair_create(
                actor=actor,
                file=file,
                cadre=by_name[username],
                started_on=started_on,
                goal="每季度走访一次，协助申请救助、推荐就业。",
            )
        except DomainError:
            continue
    return None


def pairs(*, district, today: dt.date, rng: random.Random, actor: Access) -> int:
    filed = HardshipFile.objects.filter(
        org_unit__path__startswith=district.path, status=FileStatus.FILED
    ).order_by("pk")
    made = 0
    for file in filed[: PAIRS * 2]:
        if made >= PAIRS:
            break
        earliest = max(file.filed_on or today, today - dt.timedelta(days=330))
        if earliest > today - dt.timedelta(days=30):
            continue
        span = (today - dt.timedelta(days=30) - earliest).days
        started = earliest + dt.timedelta(days=rng.randint(0, max(span, 0)))
        pair = _pair(file=file, started_on=started, actor=actor)
        if pair is None:
            continue
        _visits(
            pair=pair, started=started, today=today, rng=rng, actor=actor, pending=made % 3 == 0
        )
        made += 1
    return made


def _visits(*, pair, started: dt.date, today: dt.date, rng, actor: Access, pending: bool) -> None:
    days = (today - started).days
    count = min(3, max(1, days // 60))
    for step in range(count):
        visited = started + dt.timedelta(days=7 + days * step // (count + 1))
        visited = min(visited, today)
        needed = step == count - 1 or rng.random() < 0.3
        visit = visit_log(
            actor=actor,
            pair=pair,
            visited_on=visited,
            visitors=f"{pair.cadre_name}、社区网格员",
            found=rng.choice(FOUND),
            follow_up=rng.choice(FOLLOW_UP) if needed else "",
            follow_up_needed=needed,
        )
        if needed and not (pending and step == count - 1):
            done = min(visited + dt.timedelta(days=14), today)
            visit_follow_up_done(
                actor=actor, visit=visit, done_on=done, result="已落实，户主表示满意。"
            )


def care(*, district, today: dt.date, rng: random.Random, actor: Access, made) -> None:
    """The part: centres, then pairs and visits, when the district has no centre yet."""
    if ServiceCentre.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    centres(district=district, today=today, actor=actor)
    pairs(district=district, today=today, rng=rng, actor=actor)
