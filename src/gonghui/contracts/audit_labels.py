"""Chinese names of the audit actions written by contracts."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "contracts.contract.created": "登记集体合同",
        "contracts.contract.updated": "修改集体合同",
        "contracts.contract.filed": "集体合同报送审查",
        "contracts.contract.objected": "登记集体合同审查意见",
        "contracts.contract.resigned": "审查意见后重新签订集体合同",
        "contracts.contract.adopted": "登记集体合同草案审议表决结果",
        "contracts.contract.terminated": "终止集体合同",
        "contracts.contract.imported": "导入集体合同",
        "contracts.clause.created": "新增合同条款",
        "contracts.clause.updated": "修改合同条款",
        "contracts.check.recorded": "登记履约检查",
        "contracts.bargaining.created": "登记工资集体协商",
        "contracts.bargaining.updated": "修改工资集体协商",
    }
)
