"""The 帮扶中心 network and 帮扶对子: service centres at county level and above, 帮扶站点 below
them; a cadre paired with a household whose file is in force, and the visits of the pair.
The rules (which unit may hold which kind, a file in force, one open pair) live in
assistance.services.centres."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gonghui.core.constraints import check, not_before, unique
from gonghui.core.fields import detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule


class CentreKind(models.TextChoices):
    CENTRE = "centre", "帮扶中心"
    STATION = "station", "帮扶站点"


class CentreStatus(models.TextChoices):
    OPEN = "open", "运行中"
    CLOSED = "closed", "已撤销"


class ServiceCentre(OwnedRecord):
    """One 帮扶中心 (a federation at county level or above) or 帮扶站点 (a unit below one)."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "所属工会")
    kind = models.CharField("类型", max_length=16, choices=CentreKind.choices)
    name = models.CharField("名称", max_length=100)
    address = models.CharField("地址", max_length=200)
    phone = models.CharField("服务电话", max_length=30)
    head = models.CharField("负责人", max_length=50, blank=True)
    staff_count = models.PositiveSmallIntegerField("工作人员数", default=0)
    staff = models.TextField("工作人员", blank=True)
    opening_hours = models.CharField("开放时间", max_length=200)
    status = models.CharField(
        "状态", max_length=16, choices=CentreStatus.choices, default=CentreStatus.OPEN
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "帮扶中心（站点）"
        ordering = ["org_unit__path", "pk"]
        constraints = [
            unique(
                ["org_unit"],
                "centre_one_open_per_unit",
                "该工会已有运行中的帮扶中心（站点）",
                condition=Q(status=CentreStatus.OPEN),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    get_absolute_url = detail_url("assistance:centre_detail")


class AssistancePair(OwnedRecord):
    """帮扶对子: a cadre who looks after one household on file, from ``started_on`` until the
    pair is ended for a reason."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "所属工会")
    cadre = link(settings.AUTH_USER_MODEL, "结对干部", related_name="assistance_pairs")
    cadre_name = models.CharField("结对干部姓名", max_length=150, editable=False)
    file = link("assistance.HardshipFile", "困难职工档案", related_name="pairs")
    started_on = models.DateField("结对日期")
    goal = models.TextField("帮扶计划", blank=True)
    ended_on = stored_date("结束日期")
    end_reason = models.TextField("结束原因", blank=True, editable=False)

    class Meta:
        verbose_name = "帮扶对子"
        ordering = ["-started_on", "-pk"]
        constraints = [
            unique(
                ["cadre", "file"],
                "pair_one_open_per_cadre_and_file",
                "该干部与该困难职工已有进行中的帮扶对子",
                condition=Q(ended_on__isnull=True),
            ),
            not_before(
                "ended_on", "started_on", "pair_ends_after_start", "结束日期不能早于结对日期"
            ),
            check(
                Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                "pair_end_reason_iff_ended",
                "结束帮扶对子须填写结束原因",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cadre_name} — {self.file.person.name}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    get_absolute_url = detail_url("assistance:pair_detail")


class PairVisit(models.Model):
    """One visit of a pair to its household: who went, what they found, the follow-up."""

    pair = models.ForeignKey(AssistancePair, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("走访日期")
    visitors = models.CharField("走访人员", max_length=200)
    found = models.TextField("走访情况")
    follow_up = models.TextField("后续措施", blank=True)
    follow_up_needed = models.BooleanField("需要跟进", default=False)
    follow_up_done_on = stored_date("跟进完成日期")
    follow_up_result = models.TextField("跟进结果", blank=True, editable=False)
    created_by = user_link("登记人")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_rule = ScopeRule(units=("pair__org_unit",))

    class Meta:
        verbose_name = "走访记录"
        ordering = ["-visited_on", "-pk"]
        constraints = [
            check(
                Q(follow_up_done_on__isnull=True) | Q(follow_up_needed=True),
                "visit_done_only_when_needed",
                "无需跟进的走访不能登记跟进完成",
            ),
            check(
                Q(follow_up_needed=False) | ~Q(follow_up=""),
                "visit_follow_up_described",
                "需要跟进时请填写后续措施",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.visited_on:%Y-%m-%d} 走访"
