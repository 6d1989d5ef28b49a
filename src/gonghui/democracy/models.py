"""职代会 (workers' congress) systems, their sessions, 厂务公开 and 职工董事/监事.

A ``Congress`` belongs to the union that runs it (``org_unit``) and covers one enterprise or,
for a 区域性/行业性联合职代会, several. Its composition is kept as counts (how cadres report
it) and, where the roster is entered, as ``Representative`` rows from which the services
recompute the counts. Derived facts (term end, quorum, passed, report due) are stored by the
services so that lists, filters and metrics read them in the database.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from gonghui.core.constraints import at_most, check, not_before
from gonghui.core.fields import detail_url, link
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.democracy.choices import (
    Channel,
    CongressForm,
    CongressScope,
    CongressStatus,
    Frequency,
    RepCategory,
    SeatKind,
)
from gonghui.members.models import Person
from gonghui.orgs.models import Enterprise, OrgUnit

TERM_MIN, TERM_MAX = 3, 5


class Congress(OwnedRecord):
    name = models.CharField("名称", max_length=200)
    org_unit = link(OrgUnit, "组织工会", related_name="congresses")
    scope = models.CharField(
        "覆盖范围", max_length=16, choices=CongressScope.choices, default=CongressScope.SINGLE
    )
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="覆盖单位", related_name="congresses"
    )
    form = models.CharField("形式", max_length=16, choices=CongressForm.choices)
    established_on = models.DateField("建立日期")
    term_started_on = models.DateField("本届开始日期")
    term_years = models.PositiveSmallIntegerField("每届年限", default=3)
    term_ends_on = models.DateField("本届届满日期")
    representatives_total = models.PositiveIntegerField("代表总数", default=0)
    frontline_count = models.PositiveIntegerField("一线职工代表数", default=0)
    managers_count = models.PositiveIntegerField("管理人员及领导人员代表数", default=0)
    women_count = models.PositiveIntegerField("女代表数", default=0)
    status = models.CharField(
        "状态", max_length=16, choices=CongressStatus.choices, default=CongressStatus.ACTIVE
    )

    owner_unit = "org_unit"
    also_visible_to = ("enterprises__region",)

    class Meta:
        verbose_name = "职代会"
        constraints = [
            check(
                Q(term_years__gte=TERM_MIN) & Q(term_years__lte=TERM_MAX),
                "congress_term_3_to_5_years",
                "职代会每届任期应为3至5年",
            ),
            check(
                Q(frontline_count__lte=F("representatives_total"))
                & Q(managers_count__lte=F("representatives_total"))
                & Q(women_count__lte=F("representatives_total")),
                "congress_composition_within_total",
                "一线职工、管理人员、女代表人数均不能超过代表总数",
            ),
            not_before(
                "term_started_on",
                "established_on",
                "congress_term_after_establishment",
                "本届开始日期不能早于建立日期",
                optional=False,
            ),
        ]
        indexes = [models.Index(fields=["status", "term_ends_on"])]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = detail_url("democracy:congress_detail")


class Representative(models.Model):
    congress = link(Congress, "职代会", on_delete=models.CASCADE, related_name="representatives")
    person = link(
        Person, "职工档案", optional=True, on_delete=models.SET_NULL, related_name="congress_seats"
    )
    name = models.CharField("姓名", max_length=50)
    category = models.CharField("代表类别", max_length=16, choices=RepCategory.choices)
    is_woman = models.BooleanField("女代表", default=False)
    department = models.CharField("所在单位/部门", max_length=100, blank=True)
    active = models.BooleanField("在任", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("congress__org_unit", "congress__enterprises__region"))

    class Meta:
        verbose_name = "职工代表"

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    congress = link(Congress, "职代会", related_name="sessions")
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("召开日期")
    representatives_total = models.PositiveIntegerField("应到代表数")
    present = models.PositiveIntegerField("实到代表数")
    quorum_met = models.BooleanField("达到法定人数", default=False)
    agenda = models.TextField("议程", blank=True)
    report_due = models.DateField("报告上级期限")
    # The limit report_due was counted with (working days, the rule in force on held_on).
    report_limit_days = models.PositiveSmallIntegerField(
        "报告上级时限（工作日）", null=True, editable=False
    )
    after_term = models.BooleanField("届满后召开", default=False, editable=False)
    reported_on = models.DateField("报告上级日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("congress__org_unit", "congress__enterprises__region"))

    class Meta:
        verbose_name = "职代会会议"
        constraints = [
            at_most(
                "present",
                "representatives_total",
                "session_present_within_total",
                "实到代表数不能超过应到代表数",
            ),
            check(Q(representatives_total__gt=0), "session_total_positive", "应到代表数应大于0"),
        ]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return self.title

    get_absolute_url = detail_url("democracy:session_detail")


class Resolution(models.Model):
    session = link(Session, "会议", on_delete=models.CASCADE, related_name="resolutions")
    title = models.CharField("决议事项", max_length=200)
    votes_for = models.PositiveIntegerField("赞成", default=0)
    votes_against = models.PositiveIntegerField("反对", default=0)
    votes_abstain = models.PositiveIntegerField("弃权", default=0)
    passed = models.BooleanField("通过", default=False)

    scope_rule = ScopeRule(
        units=("session__congress__org_unit", "session__congress__enterprises__region")
    )

    class Meta:
        verbose_name = "会议决议"

    def __str__(self) -> str:
        return self.title


class CadreEvaluation(models.Model):
    """民主评议干部: how many representatives rated a cadre 满意 / 基本满意 / 不满意."""

    session = link(Session, "会议", on_delete=models.CASCADE, related_name="evaluations")
    cadre_name = models.CharField("被评议干部", max_length=50)
    position = models.CharField("职务", max_length=100, blank=True)
    satisfied = models.PositiveIntegerField("满意", default=0)
    basically = models.PositiveIntegerField("基本满意", default=0)
    unsatisfied = models.PositiveIntegerField("不满意", default=0)

    scope_rule = ScopeRule(
        units=("session__congress__org_unit", "session__congress__enterprises__region")
    )

    class Meta:
        verbose_name = "民主评议干部"

    def __str__(self) -> str:
        return self.cadre_name

    @property
    def approval_rate(self):
        """满意 + 基本满意 as a share of the votes cast (percent, one place), or None."""
        total = self.satisfied + self.basically + self.unsatisfied
        if not total:
            return None
        return round((self.satisfied + self.basically) * 100 / total, 1)


class Disclosure(OwnedRecord):
    """厂务公开 at one enterprise: when it was established and what is disclosed how often."""

    enterprise = link(Enterprise, "用人单位", one=True, related_name="disclosure")
    established_on = models.DateField("建立日期")
    active = models.BooleanField("运行中", default=True)

    owner_unit = "enterprise__region"
    also_visible_to = ("enterprise__union",)

    class Meta:
        verbose_name = "厂务公开"

    def __str__(self) -> str:
        return f"{self.enterprise.name}厂务公开"


class DisclosureItem(models.Model):
    disclosure = link(Disclosure, "厂务公开", on_delete=models.CASCADE, related_name="items")
    content = models.CharField("公开内容", max_length=200)
    frequency = models.CharField("公开频次", max_length=16, choices=Frequency.choices)
    channel = models.CharField("公开形式", max_length=16, choices=Channel.choices)

    scope_rule = ScopeRule(
        units=("disclosure__enterprise__region", "disclosure__enterprise__union")
    )

    class Meta:
        verbose_name = "厂务公开事项"

    def __str__(self) -> str:
        return self.content


class Board(models.Model):
    """The size of a company's 董事会 and 监事会 (公司法 2023 arts. 68, 76): the 职工董事 and
    职工监事 in office (``BoardSeat``) are checked against them. 0 = the company has none."""

    enterprise = link(Enterprise, "用人单位", one=True, related_name="board_record")
    board_size = models.PositiveSmallIntegerField("董事会成员数", default=0)
    supervisory_size = models.PositiveSmallIntegerField("监事会成员数", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("enterprise__region", "enterprise__union"))

    class Meta:
        verbose_name = "董事会、监事会"

    def __str__(self) -> str:
        return f"{self.enterprise.name}董事会、监事会"

    get_absolute_url = detail_url("democracy:board_detail")


class BoardSeat(models.Model):
    """A 职工董事 or 职工监事 seat at a company with a board (董事会/监事会)."""

    enterprise = link(Enterprise, "用人单位", related_name="board_seats")
    kind = models.CharField("类别", max_length=16, choices=SeatKind.choices)
    person = link(
        Person, "职工档案", optional=True, on_delete=models.SET_NULL, related_name="board_seats"
    )
    name = models.CharField("姓名", max_length=50)
    since = models.DateField("任职日期")
    until = models.DateField("离任日期", null=True, blank=True)

    scope_rule = ScopeRule(units=("enterprise__region", "enterprise__union"))

    class Meta:
        verbose_name = "职工董事/监事"
        constraints = [
            not_before("until", "since", "boardseat_until_after_since", "离任日期不能早于任职日期")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"
