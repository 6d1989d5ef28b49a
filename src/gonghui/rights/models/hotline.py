"""12351 hotline work orders (工单) and their history."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gonghui.core.constraints import check, not_before
from gonghui.core.encrypted import EncryptedField
from gonghui.core.fields import detail_url, link, stored_date, stored_days
from gonghui.core.owned import OwnedRecord
from gonghui.core.scoping import ScopeRule
from gonghui.core.validators import mask_phone, normalize_mobile
from gonghui.rights.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Channel,
    EventKind,
    OrderClass,
    OrderStatus,
    OrderType,
    Satisfaction,
)


class WorkOrder(OwnedRecord):
    """An appeal to the 12351 hotline. ``org_unit`` is the unit handling it now (scoping);
    the assignment trail is in ``events``. ``due_on`` counts working days from acceptance."""

    number = models.CharField("工单编号", max_length=20, unique=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    order_type = models.CharField("诉求类型", max_length=16, choices=OrderType.choices)
    order_class = models.CharField(
        "工单类别", max_length=16, choices=OrderClass.choices, default=OrderClass.GENERAL
    )
    submitter = link("members.Person", "诉求职工", optional=True, related_name="work_orders")
    caller_name = models.CharField("来电（访）人", max_length=50, blank=True)
    # Personal data: caller_phone_cipher / _index (exact search) / _masked (core.encrypted).
    caller_phone = EncryptedField(
        "联系电话",
        index=True,
        mask=mask_phone,
        mask_length=30,
        blank=True,
        normalize=normalize_mobile,
    )
    employer = link("orgs.Enterprise", "涉及单位", optional=True, related_name="work_orders")
    content = models.TextField("诉求内容")
    org_unit = link("orgs.OrgUnit", "承办单位")
    received_unit = link("orgs.OrgUnit", "受理单位")
    status = models.CharField(
        "状态", max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    received_on = models.DateField("登记日期", default=timezone.localdate)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    # The limits used are stored with their deadlines (rights.deadlines; a record shows them).
    accept_due_on = stored_date("受理时限")
    accept_limit_days = stored_days("受理时限（工作日）")
    due_on = models.DateField("办理时限", null=True, blank=True)
    limit_days = stored_days("办理时限（工作日）")
    remind_on = models.DateField("提醒日期", null=True, blank=True)
    resolved_on = models.DateField("办结日期", null=True, blank=True)
    resolution = models.TextField("办理结果", blank=True)
    callback_due_on = stored_date("回访时限")
    callback_limit_days = stored_days("回访时限（工作日）")
    called_back_on = models.DateField("回访日期", null=True, blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=16, choices=Satisfaction.choices, blank=True
    )
    feedback = models.TextField("评价意见", blank=True)

    owner_unit = "org_unit"
    owner_user = "submitter__user"

    class Meta:
        verbose_name = "12351热线工单"
        constraints = [
            check(
                Q(submitter__isnull=False) | ~Q(caller_name=""),
                "workorder_has_submitter",
                "请填写诉求职工或来电（访）人姓名",
            ),
            not_before(
                "due_on",
                "accepted_on",
                "workorder_due_after_acceptance",
                "办理时限不能早于受理日期",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["resolved_on"]),
            models.Index(fields=["received_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    get_absolute_url = detail_url("rights:order_detail")

    @property
    def who(self) -> str:
        return self.submitter.name if self.submitter_id else self.caller_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Open past its limit, or closed after it."""
        if self.due_on is None:
            return False
        if self.resolved_on is not None:
            return self.resolved_on > self.due_on
        return (today or timezone.localdate()) > self.due_on

    def is_due_soon(self, today: dt.date | None = None) -> bool:
        """Open, within the reminder window before the limit (not yet overdue)."""
        today = today or timezone.localdate()
        if not self.is_open or self.remind_on is None or self.due_on is None:
            return False
        return self.remind_on <= today <= self.due_on

    def accept_overdue(self, today: dt.date | None = None) -> bool:
        """超期未受理: an online submission still pending after its acceptance limit."""
        if self.accept_due_on is None or self.status != OrderStatus.PENDING:
            return False
        return (today or timezone.localdate()) > self.accept_due_on

    @property
    def accepted_late(self) -> bool:
        """Accepted after the acceptance limit (超期受理)."""
        if self.accept_due_on is None or self.accepted_on is None:
            return False
        return self.accepted_on > self.accept_due_on

    def callback_overdue(self, today: dt.date | None = None) -> bool:
        """回访超期: resolved and not called back after the call-back limit, or called back
        after it."""
        if self.callback_due_on is None:
            return False
        if self.called_back_on is not None:
            return self.called_back_on > self.callback_due_on
        if self.status != OrderStatus.RESOLVED:
            return False
        return (today or timezone.localdate()) > self.callback_due_on

    @property
    def on_time(self) -> bool | None:
        if self.resolved_on is None or self.due_on is None:
            return None
        return self.resolved_on <= self.due_on


class WorkOrderEvent(models.Model):
    """One step of an order: submitted, accepted, assigned, replied, resolved, called back."""

    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("环节", max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = link("orgs.OrgUnit", "单位", optional=True)
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    scope_rule = ScopeRule(units=("order__org_unit",), owner="order__submitter__user")

    class Meta:
        verbose_name = "工单办理记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.get_kind_display()}"
