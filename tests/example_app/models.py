"""职工书屋 (worker library): one registry owned by a union."""

from __future__ import annotations

from django.db import models

from gonghui.core.constraints import unique
from gonghui.core.fields import MoneyField, detail_url, link
from gonghui.core.owned import OwnedRecord


class Level(models.TextChoices):
    NATIONAL = "national", "全国示范"
    PROVINCIAL = "provincial", "省级示范"
    CITY = "city", "市级示范"
    BASIC = "basic", "基层书屋"


class Library(OwnedRecord):
    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "所属工会")
    name = models.CharField("书屋名称", max_length=100)
    level = models.CharField("示范等级", max_length=20, choices=Level.choices, default=Level.BASIC)
    established_on = models.DateField("建立日期")
    books = models.PositiveIntegerField("藏书（册）", default=0)
    funding = MoneyField("年度经费", default=0)
    active = models.BooleanField("正常开放", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "职工书屋"
        constraints = [
            unique(("org_unit", "name"), "example_library_name", "本工会已有同名职工书屋")
        ]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = detail_url("example:library_detail")
