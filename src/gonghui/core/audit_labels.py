"""Chinese names of the audit actions written by core."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "core.export": "导出Excel",
        "core.parameter.created": "新增参数取值",
        "core.parameter.revised": "调整参数（新版本）",
        "core.parameter.closed": "参数取值停止适用",
        "core.holiday_year.set": "录入节假日安排",
        "core.deadline.recomputed": "按节假日安排重新计算期限",
        "core.attachment.added": "上传附件",
        "core.attachment.deleted": "删除附件",
        "core.attachment.downloaded": "下载附件",
    }
)
