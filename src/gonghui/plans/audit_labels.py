"""Chinese names of the audit actions written by plans."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "plans.plan.imported": "导入工作要点",
        "plans.plan.activated": "发布工作要点",
        "plans.plan.updated": "修改工作要点名称",
        "plans.plan.closed": "工作要点年终结转",
        "plans.target.added": "新增目标",
        "plans.target.updated": "修改目标",
        "plans.target.confirmed": "确认目标",
        "plans.target.deleted": "删除目标",
        "plans.target.bound": "绑定统计指标",
        "plans.milestone.added": "新增节点任务",
        "plans.milestone.updated": "修改节点任务",
        "plans.milestone.confirmed": "确认节点任务",
        "plans.milestone.deleted": "删除节点任务",
        "plans.milestone.completed": "节点任务完成",
        "plans.progress.added": "填报目标进度",
        "plans.share.set": "分解目标",
        "plans.scheme.saved": "保存考核方案",
        "plans.adjustment.added": "考核加减分",
        "plans.assessment.run": "运行目标考核",
        "plans.assessment.frozen": "封存考核结果",
        "plans.assessment.deleted": "删除考核试算结果",
    }
)
