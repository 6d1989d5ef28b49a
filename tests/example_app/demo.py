"""Demo 职工书屋: one for about a third of the district's grassroots unions (idempotent)."""

from __future__ import annotations

import datetime as dt

from gonghui.core.access import Access
from gonghui.orgs.choices import UNION_KINDS, OrgStatus
from gonghui.orgs.models import OrgUnit
from tests.example_app import services
from tests.example_app.models import Level, Library

LEVELS = (Level.BASIC,) * 6 + (Level.CITY, Level.CITY, Level.PROVINCIAL, Level.NATIONAL)


def load(*, district, today, rng, actor: Access) -> None:
    if Library.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    unions = OrgUnit.objects.filter(
        path__startswith=district.path, kind__in=UNION_KINDS, status=OrgStatus.ACTIVE
    ).order_by("path")
    for unit in unions:
        if rng.random() < 0.35:
            services.library_create(
                actor=actor,
                org_unit=unit,
                name=f"{unit.name}职工书屋",
                level=rng.choice(LEVELS),
                established_on=today - dt.timedelta(days=rng.randint(0, 2000)),
                books=rng.randint(300, 8000),
                funding=rng.randint(10, 200) * 100,
                active=rng.random() < 0.9,
            )
