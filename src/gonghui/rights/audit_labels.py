"""Chinese names of the audit actions written by the rights services."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "rights.workorder.registered": "登记热线工单",
        "rights.workorder.submitted": "职工网上提交诉求",
        "rights.workorder.accepted": "受理热线工单",
        "rights.workorder.assigned": "交办热线工单",
        "rights.workorder.reassigned": "改派热线工单",
        "rights.workorder.replied": "答复热线工单",
        "rights.workorder.resolved": "办结热线工单",
        "rights.workorder.called_back": "回访热线工单",
        "rights.workorder.rated": "职工评价热线工单",
        "rights.committee.created": "新建劳动争议调解委员会",
        "rights.committee.updated": "修改劳动争议调解委员会",
        "rights.dispute.created": "受理劳动争议案件",
        "rights.dispute.updated": "修改劳动争议案件",
        "rights.dispute.advanced": "劳动争议案件转入下一阶段",
        "rights.dispute.closed": "劳动争议案件结案",
        "rights.dispute.mediation_extended": "双方协议延长调解期限",
        "rights.dispute.arbitration_accepted": "登记仲裁委员会受理",
        "rights.dispute.arbitration_extended": "延长仲裁期限",
        "rights.dispute.award": "登记仲裁裁决",
        "rights.legal_aid.created": "登记法律援助案件",
        "rights.legal_aid.updated": "修改法律援助案件",
        "rights.petition.created": "登记信访记录",
        "rights.petition.updated": "修改信访记录",
        "rights.inspection.created": "登记劳动法律监督检查",
        "rights.inspection.updated": "修改劳动法律监督检查",
        "rights.ankang.created": "登记安康杯参赛企业",
        "rights.ankang.updated": "修改安康杯参赛记录",
        "rights.hazard.created": "登记隐患报告",
        "rights.hazard.reported": "职工报告隐患",
        "rights.hazard.updated": "更新隐患整改情况",
    }
)
