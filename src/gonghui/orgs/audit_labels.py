"""Chinese names of the audit actions written by orgs."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "orgs.orgunit.created": "新建工会组织",
        "orgs.orgunit.updated": "修改工会组织",
        "orgs.orgunit.deactivated": "撤销工会组织",
        "orgs.enterprise.created": "登记用人单位",
        "orgs.enterprise.updated": "修改用人单位",
        "orgs.enterprise.deactivated": "停用用人单位",
    }
)
