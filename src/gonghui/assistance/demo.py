"""Demo data of the assistance work line for the demo district (discovered by core.discovery).

``load`` runs each part of ``PARTS`` in turn; a part writes its records only when the
district has none of them yet, so a part added later (mutual aid, centres and pairs, job
seekers …: a function with the same keyword arguments, appended to ``PARTS``) also loads
into a demo loaded before it. Parts share what they made through ``Made``.

- ``dibao``: the 低保标准 for the district (a parameter: nothing is assessed without it);
- ``hardship``: files of the district's members in every state and category (demo_files);
- ``money``: funds, this year's 送温暖 and 金秋助学 with paid and failed payments, and the
  everyday aid, the ledger consistent with every fund's balance (demo_money);
- ``care``: the district's 帮扶中心, 帮扶站点 below it, cadres paired with filed households
  and their visits, some follow-ups pending (demo_care);
- ``mutual``: the district's 医疗互助 scheme, the groups of three unions (two paid, one
  pending) and claims in every state, one with its 二次救助 (demo_mutual);
- ``jobs``: job seekers, trainings with enrolments and completions, a job fair with its
  attendance, and placements (demo_jobs).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model

from gonghui.assistance.demo_care import care
from gonghui.assistance.demo_files import DemoFile, write_files
from gonghui.assistance.demo_jobs import jobs
from gonghui.assistance.demo_money import MoneyWriter
from gonghui.assistance.demo_mutual import mutual
from gonghui.assistance.models import Fund, HardshipFile
from gonghui.core import parameter_services
from gonghui.core.access import Access, access_for
from gonghui.core.models import Parameter
from gonghui.members.models import Person

DIBAO = "hardship_dibao_monthly"
# Files per member of the district (the small demo gets at least the minimum).
FILES_PER_MEMBER = Decimal("0.0065")
MIN_FILES, MAX_FILES = 40, 320


@dataclass
class Made:
    """What the parts made, for the parts after them."""

    files: list[DemoFile] = field(default_factory=list)


Part = Callable[..., None]


def dibao(*, district, today: dt.date, rng: random.Random, actor: Access, made: Made) -> None:
    """The 低保标准 of the district over the last years, set by the demo's 系统管理员 (only a
    system administrator sets parameters)."""
    if Parameter.objects.filter(key=DIBAO, org_unit=district).exists():
        return
    admin = access_for(get_user_model().objects.get(username="sysadmin"))
    for year, value in ((today.year - 3, 960), (today.year, 1010)):
        parameter_services.parameter_create(
            actor=admin,
            key=DIBAO,
            org_unit=district,
            valid_from=dt.date(year, 1, 1),
            valid_to=dt.date(today.year, 1, 1) if year < today.year else None,
            value=Decimal(value),
            note="演示数据：本市城市居民最低生活保障标准（元/月）",
        )


def hardship(*, district, today: dt.date, rng: random.Random, actor: Access, made: Made) -> None:
    if HardshipFile.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    members = Person.objects.filter(current_union__path__startswith=district.path).count()
    count = max(MIN_FILES, min(MAX_FILES, int(members * FILES_PER_MEMBER)))
    worker = Person.objects.filter(user__username="worker_a").first()
    made.files = write_files(
        district=district, today=today, rng=rng, user=actor.user, count=count, first=worker
    )


def money(*, district, today: dt.date, rng: random.Random, actor: Access, made: Made) -> None:
    if not made.files or Fund.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    approver = get_user_model().objects.filter(username="reviewer").first()
    writer = MoneyWriter(district=district, today=today, rng=rng, actor=actor, approver=approver)
    funds = writer.funds()
    writer.warmth(funds, made.files)
    on_file = {r.file.person_id for r in made.files}
    others = Person.objects.filter(current_union__path__startswith=district.path)
    outsiders = [p for p in others.exclude(pk__in=on_file).order_by("pk")[:200:20]]
    writer.autumn(funds, made.files, outsiders)
    writer.everyday(funds, made.files)
    writer.write(funds)


PARTS: list[Part] = [dibao, hardship, money, care, mutual, jobs]


def load(*, district, today: dt.date, rng: random.Random, actor: Access) -> None:
    made = Made()
    for part in PARTS:
        part(district=district, today=today, rng=rng, actor=actor, made=made)
