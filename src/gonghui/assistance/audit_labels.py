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
        "assistance.campaign.batch_built": "生成帮扶活动发放名单",
        "assistance.campaign.publicized": "公示帮扶活动发放名单",
        "assistance.campaign.entry_removed": "移出帮扶活动名单",
        "assistance.campaign.payments_created": "生成帮扶活动发放记录",
        "assistance.campaign.payments_approved": "批量审核帮扶活动发放",
        "assistance.campaign.bank_file": "导出银行代发文件（含完整银行卡号）",
        "assistance.campaign.bank_return": "导入银行回盘",
        "assistance.campaign.in_kind": "登记实物发放",
        "assistance.payment.created": "登记帮扶发放",
        "assistance.payment.approved": "审核帮扶发放",
        "assistance.payment.paid": "登记发放到账",
        "assistance.payment.failed": "登记发放失败",
        "assistance.payment.cancelled": "取消帮扶发放",
    }
)
