"""List pages of hardship files, funds and payments (core.tables machinery): the same columns
make the .xlsx, so an export is exactly the filtered list."""

from __future__ import annotations

import django_filters

from gonghui.assistance.choices import (
    AssistanceType,
    CampaignKind,
    Category,
    FileStatus,
    FundKind,
    PaymentStatus,
)
from gonghui.assistance.models import Campaign, Fund
from gonghui.core.tables import (
    Column,
    Table,
    UnitFilter,
    badge,
    choice_filter,
    date_column,
    number_column,
    unit_column,
)

FILE_STATUS_CLASS = {
    FileStatus.FILED: "ok",
    FileStatus.PUBLICIZING: "warn",
    FileStatus.RETURNED: "bad",
    FileStatus.WITHDRAWN: "",
    FileStatus.RECOVERED: "",
    FileStatus.REMOVED: "",
}
PAYMENT_STATUS_CLASS = {
    PaymentStatus.PENDING: "warn",
    PaymentStatus.APPROVED: "",
    PaymentStatus.PAID: "ok",
    PaymentStatus.FAILED: "bad",
    PaymentStatus.CANCELLED: "",
}


def file_badge(file):
    return badge(file.get_status_display(), FILE_STATUS_CLASS.get(file.status, ""))


def payment_badge(payment):
    return badge(payment.get_status_display(), PAYMENT_STATUS_CLASS.get(payment.status, ""))


class ListedFilter(django_filters.ModelChoiceFilter):
    """A drop-down of the rows the listed (already scoped) rows name at ``field_name``."""

    def __init__(self, label: str, target, **kwargs):
        self.target = target
        super().__init__(label=label, queryset=None, empty_label="全部", **kwargs)

    def get_queryset(self, request):
        listed = self.parent.queryset.values(self.field_name)
        return self.target.objects.filter(pk__in=listed)


class CampaignTable(Table):
    title = "帮扶活动"
    columns = [
        Column("title", "活动名称", sort="title", link=True),
        Column("kind", "活动类型", value=lambda o: o.get_kind_display(), sort="kind"),
        unit_column("组织单位"),
        date_column("starts_on", "开始日期"),
        date_column("ends_on", "结束日期"),
        date_column("publicity_ends_on", "名单公示至"),
    ]
    filters = {"kind": choice_filter("活动类型", CampaignKind.choices)}
    search_fields = ["title", "org_unit__name"]
    search_placeholder = "活动或单位名称"
    default_sort = "-starts_on"
    empty_text = "暂无帮扶活动"


class FileTable(Table):
    title = "困难职工档案"
    columns = [
        Column("number", "档案编号", sort="number", link=True),
        Column("person.name", "姓名", sort="person__name"),
        unit_column(),
        Column("main_cause", "主要致困原因"),
        number_column("monthly_per_capita", "人均月收入（元）"),
        Column("proposed_category", "测算类别"),
        Column("category", "困难类别", sort="category"),
        Column("status", "状态", sort="status", render=file_badge),
        date_column("applied_on", "申请日期"),
        date_column("review_due_on", "复核到期日"),
    ]
    filters = {
        "status": choice_filter("状态", FileStatus.choices),
        "category": choice_filter("困难类别", Category.choices),
        "org_unit": UnitFilter("所属工会"),
    }
    search_fields = ["person__name", "number"]
    search_placeholder = "姓名或档案编号"
    default_sort = "-applied_on"
    empty_text = "暂无困难职工档案"


class FundTable(Table):
    title = "帮扶资金"
    columns = [
        Column("name", "资金名称", sort="name", link=True),
        unit_column(),
        Column("kind", "资金来源", sort="kind"),
        number_column("balance", "账面余额（元）"),
        number_column("reserved", "已审核待发放（元）"),
        Column("available", "可用余额（元）", numeric=True),
    ]
    filters = {
        "kind": choice_filter("资金来源", FundKind.choices),
        "org_unit": UnitFilter("所属工会"),
    }
    search_fields = ["name"]
    search_placeholder = "资金名称"
    default_sort = "name"
    empty_text = "暂无帮扶资金，请先新增资金并登记收入"


class PaymentTable(Table):
    title = "帮扶发放"
    columns = [
        Column("number", "发放编号", sort="number", link=True),
        Column("payee_name", "收款人", sort="payee_name"),
        Column("file.number", "档案编号"),
        Column("type", "帮扶类型", sort="type"),
        Column("fund.name", "资金"),
        Column("campaign.title", "帮扶活动"),
        number_column("amount", "金额（元）"),
        Column("status", "状态", sort="status", render=payment_badge),
        date_column("paid_on", "发放日期"),
    ]
    filters = {
        "status": choice_filter("状态", PaymentStatus.choices),
        "type": choice_filter("帮扶类型", AssistanceType.choices),
        "fund": ListedFilter("资金", target=Fund),
        "campaign": ListedFilter("帮扶活动", target=Campaign),
    }
    search_fields = ["payee_name", "number"]
    search_placeholder = "收款人或发放编号"
    default_sort = "-pk"
    empty_text = "暂无帮扶发放记录"
