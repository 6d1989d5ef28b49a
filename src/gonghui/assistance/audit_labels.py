"""Chinese names of the audit actions written by the assistance services."""

from gonghui.assistance.choices import StepKind
from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        **{
            f"assistance.file.{value}": f"困难职工档案：{label}"
            for value, label in StepKind.choices
        },
        "assistance.objection.recorded": "登记公示异议",
        "assistance.objection.resolved": "处理公示异议",
        "assistance.fund.created": "新建帮扶资金",
        "assistance.fund.income": "登记帮扶资金收入",
        "assistance.fund.reversed": "冲正帮扶资金记录",
        "assistance.campaign.created": "新建帮扶活动",
        "assistance.payment.created": "登记帮扶发放",
        "assistance.payment.approved": "审核帮扶发放",
        "assistance.payment.paid": "登记发放到账",
        "assistance.payment.failed": "登记发放失败",
        "assistance.payment.cancelled": "取消帮扶发放",
    }
)
