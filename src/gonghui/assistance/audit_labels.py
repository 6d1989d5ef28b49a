"""Chinese names of the audit actions written by the assistance services."""

from gonghui.assistance.choices import StepKind
from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        **{
            f"assistance.file.{value}": f"困难职工档案：{label}"
            for value, label in StepKind.choices
        },
        "assistance.file.revealed": "查看困难职工档案完整银行卡号或诊断",
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
        "assistance.centre.created": "新建帮扶中心（站点）",
        "assistance.centre.updated": "修改帮扶中心（站点）",
        "assistance.centre.closed": "撤销帮扶中心（站点）",
        "assistance.pair.created": "建立帮扶对子",
        "assistance.pair.updated": "修改帮扶对子",
        "assistance.pair.ended": "结束帮扶对子",
        "assistance.visit.logged": "登记结对走访",
        "assistance.visit.followed_up": "登记走访跟进完成",
        "assistance.seeker.registered": "求职实名登记",
        "assistance.seeker.updated": "修改求职登记",
        "assistance.seeker.left": "求职人员退出",
        "assistance.training.created": "新建就业培训",
        "assistance.training.updated": "修改就业培训",
        "assistance.enrolment.added": "登记培训报名",
        "assistance.enrolment.completed": "登记培训结业",
        "assistance.fair.created": "新建招聘会",
        "assistance.fair.updated": "修改招聘会",
        "assistance.fair.attended": "登记招聘会参会人员",
        "assistance.placement.recorded": "登记就业安置",
        "assistance.placement.updated": "修改就业安置",
    }
)
