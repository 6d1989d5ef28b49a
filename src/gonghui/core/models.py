"""Audit trail (操作日志): append-only, written by services through log_action."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from gonghui.core.attachments import OwnerScope, attachment_kind, private_storage, stored_path
from gonghui.core.constraints import not_before, unique
from gonghui.core.fields import link, user_link
from gonghui.core.parameters import ParameterKind
from gonghui.core.scoping import ScopeRule


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):  # a log cannot be edited from the app, not even in bulk
        raise PermissionError(f"{self.model._meta.verbose_name}不可修改")

    def delete(self):
        raise PermissionError(f"{self.model._meta.verbose_name}不可删除")


class AppendOnly(models.Model):
    """A log (操作日志, 登录日志): each row is written once, then never changed nor deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(f"{self._meta.verbose_name}不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.verbose_name}不可删除")


class AuditEntry(AppendOnly):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = user_link("操作人")
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    org_unit = link("orgs.OrgUnit", "所属组织", optional=True, on_delete=models.SET_NULL)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)

    scope_rule = ScopeRule(units=("org_unit",), unplaced_at_root=True)

    class Meta:
        verbose_name = "操作日志"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"


class Parameter(models.Model):
    """One value of a parameter key for a unit (and everything below it) over a period.

    ``org_unit`` NULL is a national value overriding the shipped default. The period is
    half-open: in force from ``valid_from`` up to the day before ``valid_to`` (NULL: open).
    Rows of the same key and unit never overlap (core.parameter_services checks it).
    """

    key = models.CharField("参数", max_length=64, db_index=True)
    org_unit = link(
        "orgs.OrgUnit", "适用组织", optional=True, help_text="本组织及其下级适用；留空为全国通用"
    )
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField(
        "失效日期", null=True, blank=True, help_text="自该日起不再适用；留空为长期有效"
    )
    kind = models.CharField("类型", max_length=16, choices=ParameterKind.choices)
    value = models.DecimalField("取值", max_digits=18, decimal_places=4)
    unit_label = models.CharField("单位", max_length=16, blank=True)
    note = models.CharField("依据", max_length=300, help_text="文件名称及文号")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = user_link("创建人")
    updated_by = user_link("更新人")

    scope_rule = ScopeRule(units=("org_unit",))

    class Meta:
        verbose_name = "参数"
        ordering = ["key", "org_unit_id", "-valid_from"]
        constraints = [
            not_before(
                "valid_to",
                "valid_from",
                "parameter_valid_to_after_from",
                "失效日期应晚于生效日期",
                strict=True,
            ),
            unique(
                ["key", "org_unit", "valid_from"],
                "parameter_unique_unit_start",
                "该组织的此参数已有同一生效日期的取值",
                condition=Q(org_unit__isnull=False),
            ),
            unique(
                ["key", "valid_from"],
                "parameter_unique_national_start",
                "全国通用的此参数已有同一生效日期的取值",
                condition=Q(org_unit__isnull=True),
            ),
        ]
        indexes = [models.Index(fields=["key", "valid_from"], name="parameter_key_from")]

    def __str__(self) -> str:
        return f"{self.key} {self.valid_from:%Y-%m-%d}"


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """A background job (e.g. a large export): state, progress, heartbeat and its result file."""

    kind = models.CharField("类型", max_length=50)
    title = models.CharField("名称", max_length=200)
    owner = link(settings.AUTH_USER_MODEL, "发起人", on_delete=models.CASCADE)
    org_unit = link("orgs.OrgUnit", "所属组织", optional=True, on_delete=models.SET_NULL)
    state = models.CharField(
        "状态", max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("说明", max_length=300, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    result = models.FileField("结果文件", upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField("结果文件名", max_length=200, blank=True)
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    scope_rule = ScopeRule(units=("org_unit",), owner="owner")

    class Meta:
        verbose_name = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        return min(100, int(self.done * 100 / self.total)) if self.total else 0

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)


class Counter(models.Model):
    """The last value handed out by one numbering sequence (工单编号 of one day, …).

    ``core.counters.next_value`` increments it under a row lock, so parallel requests queue on
    this one row and never receive the same number; a number read back from the records they
    numbered (``max + 1``) would be given to every request that read it before the first
    committed. Not org-owned: it holds no data of any unit, only how far a sequence has got.
    """

    name = models.CharField("编号序列", max_length=64)
    period = models.CharField("周期", max_length=32, blank=True)
    value = models.PositiveBigIntegerField("已发至", default=0)

    class Meta:
        verbose_name = "编号计数器"
        constraints = [unique(["name", "period"], "counter_unique_name_period", "该编号序列已存在")]

    def __str__(self) -> str:
        return f"{self.name} {self.period}".strip()


class HolidayYearStatus(models.TextChoices):
    ANNOUNCED = "announced", "已公布"
    PROVISIONAL = "provisional", "暂定"


class HolidayYear(models.Model):
    """One year of the national holiday calendar (core.holidays): announced (the State
    Council's notice, from chinese-calendar or entered by a 系统管理员) or provisional (the
    statutory holidays of 全国年节及纪念日放假办法 computed before the notice exists). National
    data: it holds no unit's records and every deadline of every unit is counted on it."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    status = models.CharField("状态", max_length=16, choices=HolidayYearStatus.choices)
    source = models.CharField("依据", max_length=200)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = user_link("更新人")

    class Meta:
        verbose_name = "节假日年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"

    @property
    def provisional(self) -> bool:
        return self.status == HolidayYearStatus.PROVISIONAL


class CalendarDay(models.Model):
    """A day that is not what its weekday says: a holiday (放假) on a weekday or weekend, or a
    调休 make-up working day on a weekend. Every other day is a working day Monday–Friday."""

    year = models.ForeignKey(
        HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度"
    )
    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("调休上班", default=False)
    name = models.CharField("名称", max_length=30, blank=True)

    class Meta:
        verbose_name = "节假日"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_workday else '放假'} {self.name}".strip()


class Attachment(models.Model):
    """A file attached to a record (证明材料 of a hardship file, 申领材料 of a claim …), kept in
    private storage; its scope is its owner record's scope (core.attachments.OwnerScope)."""

    owner_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="所属记录类型",
    )
    owner_id = models.PositiveBigIntegerField("所属记录")
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField("材料类别", max_length=32)
    file = models.FileField("文件", upload_to=stored_path, storage=private_storage, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField("文件类型", max_length=100)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = user_link("上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    scope_rule = OwnerScope()

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind_label(self) -> str:
        # The content type from its per-process cache: a list of attachments reads no row each.
        model = ContentType.objects.get_for_id(self.owner_type_id).model_class()
        return attachment_kind(model).kind_label(self.kind)
