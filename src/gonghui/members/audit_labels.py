"""Chinese names of the audit actions written by members."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "members.person.created": "登记职工",
        "members.person.updated": "修改职工信息",
        "members.person.id_revealed": "查看完整身份证号",
        "members.person.exported_unmasked": "导出会员名册（含完整身份证号）",
        "members.membership.joined": "会员入会",
        "members.membership.updated": "修改会籍",
        "members.membership.transferred": "会员关系接转",
        "members.membership.left": "会员退会",
        "members.roster.imported": "导入会员名册",
    }
)
