"""Legal aid, 信访, labour-law supervision, 安康杯 and worker-reported hazards."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils import timezone

from gonghui.core.constraints import not_before, unique
from gonghui.core.fields import link, stored_date, stored_days
from gonghui.core.owned import OwnedRecord
from gonghui.core.validators import at_least_one
from gonghui.rights.choices import AidOutcome, AnkangResult, HazardStatus


class RegistryRecord(OwnedRecord):
    """A record of one simple registry (core.records.RecordPages): owned by its ``org_unit``
    and opened at its registry's edit page, named after the ``registry``."""

    owner_unit = "org_unit"
    registry: ClassVar[str]

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(f"rights:{self.registry}_edit", args=[self.pk])


class LegalAidCase(RegistryRecord):
    org_unit = link("orgs.OrgUnit", "承办单位")
    applicant = link("members.Person", "申请职工", optional=True, related_name="legal_aid_cases")
    applicant_name = models.CharField("申请人", max_length=50)
    matter = models.TextField("援助事项")
    lawyer = models.CharField("承办律师", max_length=100, blank=True)
    accepted_on = models.DateField("受理日期")
    outcome = models.CharField("结果", max_length=16, choices=AidOutcome.choices, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)

    registry = "legal_aid"
    owner_user = "applicant__user"

    class Meta:
        verbose_name = "法律援助案件"
        constraints = [
            not_before(
                "closed_on",
                "accepted_on",
                "legalaid_closed_after_acceptance",
                "结案日期不能早于受理日期",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name}法律援助"


class PetitionRecord(RegistryRecord):
    """信访 (letters and visits) record, with the limits of 信访工作条例 (2022): the written
    notice on acceptance within ``petition_accept_days`` of receipt (art. 24), handling
    within ``petition_handle_days`` of acceptance (art. 33), extended with approval by up
    to ``petition_extension_max_days``. Calendar days as 民法典 arts. 201/203 count them;
    the days used are stored with the dates (rights.deadlines)."""

    org_unit = link("orgs.OrgUnit", "接待单位")
    visitor = models.CharField("来访（信）人", max_length=100)
    visitor_count = models.PositiveIntegerField(
        "人数", default=1, validators=[at_least_one("人数")]
    )
    matter = models.TextField("反映事项")
    received_on = models.DateField("接待日期")
    accept_due = stored_date("受理告知期限")
    accept_limit_days = stored_days("受理告知期限（日）")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    due_on = stored_date("办理期限")
    handle_limit_days = stored_days("办理期限（日）")
    extension_days = models.PositiveSmallIntegerField("延期天数", null=True, blank=True)
    extended_on = models.DateField("延期批准日期", null=True, blank=True)
    handling = models.TextField("处理情况", blank=True)
    result = models.CharField("办理结果", max_length=200, blank=True)
    closed = models.BooleanField("已办结", default=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    registry = "petition"

    class Meta:
        verbose_name = "信访记录"

    def __str__(self) -> str:
        return f"{self.visitor}（{self.received_on:%Y-%m-%d}）"

    def accept_overdue(self, today: dt.date | None = None) -> bool:
        """art. 24: not accepted by the notice limit (still open), or accepted after it."""
        if self.accept_due is None:
            return False
        if self.accepted_on is not None:
            return self.accepted_on > self.accept_due
        return not self.closed and (today or timezone.localdate()) > self.accept_due

    def handle_overdue(self, today: dt.date | None = None) -> bool:
        """art. 33: not handled by the (extended) limit, or closed after it."""
        if self.due_on is None:
            return False
        if self.closed_on is not None:
            return self.closed_on > self.due_on
        return not self.closed and (today or timezone.localdate()) > self.due_on

    @property
    def state_label(self) -> str:
        if self.handle_overdue():
            return "办理超期"
        if self.accept_overdue() and self.accepted_on is None:
            return "超期未受理"
        if self.closed:
            return "已办结"
        return "办理中" if self.accepted_on else "待受理"


class Inspection(RegistryRecord):
    """劳动法律监督检查 of one enterprise."""

    org_unit = link("orgs.OrgUnit", "检查单位")
    enterprise = link("orgs.Enterprise", "企业", related_name="labor_inspections")
    inspected_on = models.DateField("检查日期")
    findings = models.TextField("发现问题", blank=True)
    rectification = models.TextField("整改要求", blank=True)
    rectified = models.BooleanField("已整改", default=False)

    registry = "inspection"

    class Meta:
        verbose_name = "劳动法律监督检查"

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.inspected_on:%Y-%m-%d}）"


class AnkangParticipation(RegistryRecord):
    """An enterprise's entry in one year's 安康杯 competition."""

    org_unit = link("orgs.OrgUnit", "组织单位")
    enterprise = link("orgs.Enterprise", "企业", related_name="ankang_entries")
    year = models.PositiveIntegerField("年度")
    team_count = models.PositiveIntegerField(
        "参赛班组数", default=1, validators=[at_least_one("参赛班组数")]
    )
    result = models.CharField(
        "结果", max_length=16, choices=AnkangResult.choices, default=AnkangResult.PARTICIPATED
    )

    registry = "ankang"

    class Meta:
        verbose_name = "安康杯参赛"
        constraints = [
            unique(["enterprise", "year"], "one_ankang_entry_per_year", "该企业本年度已登记参赛")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.year}年）"


class HazardReport(RegistryRecord):
    """A safety hazard a worker reports; rectified by a deadline (overdue is computed)."""

    org_unit = link("orgs.OrgUnit", "受理工会")
    reporter = link("members.Person", "报告职工", optional=True, related_name="hazard_reports")
    enterprise = link("orgs.Enterprise", "企业", optional=True, related_name="hazard_reports")
    description = models.TextField("隐患描述")
    reported_on = models.DateField("报告日期")
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=HazardStatus.choices, default=HazardStatus.PENDING
    )
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    note = models.TextField("整改情况", blank=True)

    registry = "hazard"
    owner_user = "reporter__user"

    class Meta:
        verbose_name = "隐患报告"
        constraints = [
            not_before(
                "rectify_by",
                "reported_on",
                "hazard_deadline_after_report",
                "整改期限不能早于报告日期",
            )
        ]

    def __str__(self) -> str:
        return f"隐患报告 {self.reported_on:%Y-%m-%d}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return (
            self.status != HazardStatus.DONE
            and self.rectify_by is not None
            and (today or timezone.localdate()) > self.rectify_by
        )

    @property
    def status_label(self) -> str:
        return "逾期" if self.is_overdue() else self.get_status_display()
