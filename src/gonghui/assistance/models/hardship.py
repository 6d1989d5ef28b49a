"""困难职工档案: one household's file, its family, the steps it went through and the
objections raised during 公示. The workflow (申请 → 初审 → 入户调查 → 审核 → 公示 → 建档,
退回 at each step; yearly review; 解困脱困 / 退档) lives in assistance.services.hardship."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from gonghui.assistance.choices import (
    EXITED_STATUSES,
    OPEN_FILE_STATUSES,
    Category,
    Cause,
    ExitKind,
    FileStatus,
    Relation,
    StepKind,
    StudentLevel,
)
from gonghui.core.constraints import check, filled_exactly_when, not_before, unique
from gonghui.core.encrypted import EncryptedField
from gonghui.core.fields import MoneyField, detail_url, link, stored_date, user_link
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.core.validators import mask_id_number


def mask_card(number: str) -> str:
    """6222 **** **** 1234: a bank card keeps its issuer prefix and last four digits."""
    digits = number.replace(" ", "")
    if len(digits) < 10:
        return "*" * len(digits)
    return f"{digits[:4]} **** **** {digits[-4:]}"


def mask_filled(value: str) -> str:
    return "（已填写，需授权查看）"


class HardshipFile(OwnedRecord):
    owner_unit = "org_unit"
    owner_user = "person__user"

    number = models.CharField("档案编号", max_length=20, unique=True, editable=False)
    org_unit = link("orgs.OrgUnit", "所属工会")
    person = link("members.Person", "困难职工", related_name="hardship_files")
    status = models.CharField(
        "状态", max_length=16, choices=FileStatus.choices, default=FileStatus.SUBMITTED
    )
    applied_on = models.DateField("申请日期")
    main_cause = models.CharField("主要致困原因", max_length=16, choices=Cause.choices)
    other_causes = models.JSONField("次要致困原因", default=list, blank=True)
    cause_note = models.TextField("致困情况说明", blank=True)
    is_migrant_worker = models.BooleanField("农民工", default=False)
    outdoor_work = models.BooleanField("从事户外或高温作业", default=False)
    employment_months = models.PositiveSmallIntegerField("本地实际用工月数", null=True, blank=True)
    annual_income = MoneyField("家庭年度可支配收入（元）")
    rigid_expenses = MoneyField("刚性支出（元）", default=0)
    accident_costs = MoneyField("当年意外或突发疾病支出、损失（元）", default=0)
    household_size = models.PositiveSmallIntegerField("家庭共同生活人口", editable=False)
    # The assessment as counted when the application was last submitted or reviewed: the
    # 低保标准 and multiplier in force for the unit on that day are kept with the result.
    monthly_per_capita = MoneyField("人均月收入（元）", editable=False)
    dibao_monthly = MoneyField("低保标准（元/月）", editable=False)
    relative_multiplier = models.DecimalField(
        "相对困难倍数", max_digits=6, decimal_places=4, editable=False
    )
    proposed_category = models.CharField(
        "测算类别", max_length=16, choices=Category.choices, blank=True, editable=False
    )
    category = models.CharField("困难类别", max_length=16, choices=Category.choices, blank=True)
    bank_card = EncryptedField("银行卡号", mask=mask_card, mask_length=24)
    bank_name = models.CharField("开户银行", max_length=50)
    bank_branch = models.CharField("支行名称", max_length=100, blank=True)
    diagnosis = EncryptedField("诊断情况", blank=True, mask=mask_filled, mask_length=24)
    publicity_starts_on = stored_date("公示开始日期")
    publicity_ends_on = stored_date("公示结束日期")
    publicity_place = models.CharField("公示地点或渠道", max_length=200, blank=True)
    filed_on = stored_date("建档日期")
    review_due_on = stored_date("复核到期日")
    last_reviewed_on = stored_date("最近复核日期")
    exited_on = stored_date("退档日期")
    exit_kind = models.CharField(
        "退档原因类别", max_length=16, choices=ExitKind.choices, blank=True, editable=False
    )
    exit_reason = models.TextField("退档说明", blank=True, editable=False)
    return_reason = models.TextField("退回原因", blank=True, editable=False)
    previous = link("self", "上一份档案", optional=True, related_name="+")

    class Meta:
        verbose_name = "困难职工档案"
        ordering = ["-applied_on", "-pk"]
        indexes = [models.Index(fields=["status", "review_due_on"])]
        constraints = [
            unique(
                ["person"],
                "hardship_one_open_file_per_person",
                "该职工已有一份正在办理或在档的困难职工档案",
                condition=Q(status__in=OPEN_FILE_STATUSES),
            ),
            check(Q(household_size__gte=1), "hardship_household_at_least_one", "家庭人口至少1人"),
            filled_exactly_when(
                "exited_on",
                {"status__in": EXITED_STATUSES},
                "hardship_exit_date_iff_exited",
                "解困脱困或退档须填写退档日期",
            ),
            check(
                ~Q(status=FileStatus.FILED) | Q(filed_on__isnull=False, category__gt=""),
                "hardship_filed_with_date_and_category",
                "建档须有建档日期和困难类别",
            ),
            not_before(
                "publicity_ends_on",
                "publicity_starts_on",
                "hardship_publicity_ends_after_start",
                "公示结束日期不能早于开始日期",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.person.name}"

    get_absolute_url = detail_url("assistance:file_detail")


class FamilyMember(models.Model):
    """A household member living together with the worker (the worker included, 本人)."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="family")
    name = models.CharField("姓名", max_length=50)
    relation = models.CharField("与职工关系", max_length=16, choices=Relation.choices)
    id_number = EncryptedField(
        "身份证号", prefix="id", blank=True, mask=mask_id_number, mask_length=18
    )
    annual_income = MoneyField("年收入（元）", default=0)
    health = models.CharField("健康状况", max_length=100, blank=True)
    school_or_employer = models.CharField("单位或学校", max_length=200, blank=True)
    student_level = models.CharField(
        "在读学段", max_length=16, choices=StudentLevel.choices, blank=True
    )

    scope_rule = ScopeRule(units=("file__org_unit",), owner="file__person__user")

    class Meta:
        verbose_name = "家庭成员"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_relation_display()}）"


class FileStep(models.Model):
    """One step of a file's history, as it was taken (who, when, from which state to which,
    what was found): the 审核记录 of the national system."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("环节", max_length=16, choices=StepKind.choices)
    from_status = models.CharField("原状态", max_length=16, choices=FileStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=16, choices=FileStatus.choices)
    on = models.DateField("日期")
    actor = user_link("经办人")
    actor_name = models.CharField("经办人姓名", max_length=150)
    note = models.TextField("意见或说明", blank=True)
    visitors = models.JSONField("调查人员", default=list, blank=True)
    answers = models.JSONField("排除性条件核查", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_rule = ScopeRule(units=("file__org_unit",), owner="file__person__user")

    class Meta:
        verbose_name = "档案办理记录"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.file.number} {self.get_kind_display()}"


class FileObjection(models.Model):
    """An objection received during 公示, and how it was resolved (upheld: the file goes back)."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField("收到日期")
    content = models.TextField("异议内容")
    resolved_on = models.DateField("处理日期", null=True, blank=True)
    upheld = models.BooleanField("异议成立", null=True, blank=True)
    resolution = models.TextField("处理意见", blank=True)
    created_by = user_link("登记人")

    scope_rule = ScopeRule(units=("file__org_unit",))

    class Meta:
        verbose_name = "公示异议"
        ordering = ["pk"]
        constraints = [
            check(
                Q(resolved_on__isnull=True, upheld__isnull=True)
                | Q(resolved_on__isnull=False, upheld__isnull=False),
                "objection_resolved_with_decision",
                "处理异议须同时填写处理日期和是否成立",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file.number} 异议 {self.received_on:%Y-%m-%d}"


class ExclusionItem(OwnedRecord):
    """One 排除性条件 of the checklist a union sets for its subtree (e.g. 有两套以上住房):
    at 初审 the cadre answers each item in force for the file's union; any 是 refuses it."""

    owner_unit = "org_unit"

    org_unit = link("orgs.OrgUnit", "设定单位")
    text = models.CharField("排除性条件", max_length=200)
    active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "排除性条件"
        ordering = ["order", "pk"]
        constraints = [
            unique(["org_unit", "text"], "exclusion_item_unique", "本单位已有该排除性条件"),
        ]

    def __str__(self) -> str:
        return self.text
