"""Sidebar entries of this app; each part of the line registers its own."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

GROUP = "困难职工帮扶"
JOBS = "就业服务"

register_menu(
    MenuItem("我的帮扶", "assistance:my_assistance", Perm.SELF_SERVICE, "个人中心", 7),
    MenuItem("困难职工档案", "assistance:file_list", Perm.VIEW_WORK, GROUP, 70),
    MenuItem("帮扶资金", "assistance:fund_list", Perm.VIEW_WORK, GROUP, 71),
    MenuItem("帮扶发放", "assistance:payment_list", Perm.VIEW_WORK, GROUP, 72),
    MenuItem("帮扶活动", "assistance:campaign_list", Perm.VIEW_WORK, GROUP, 73),
    MenuItem("医疗互助方案", "assistance:scheme_list", Perm.VIEW_WORK, GROUP, 74),
    MenuItem("团体参保", "assistance:group_list", Perm.VIEW_WORK, GROUP, 74),
    MenuItem("医疗互助申领", "assistance:claim_list", Perm.VIEW_WORK, GROUP, 74),
    MenuItem("帮扶中心（站点）", "assistance:centre_list", Perm.VIEW_WORK, GROUP, 75),
    MenuItem("帮扶对子", "assistance:pair_list", Perm.VIEW_WORK, GROUP, 76),
    MenuItem("结对走访", "assistance:visit_list", Perm.VIEW_WORK, GROUP, 77),
    MenuItem("帮扶年报", "assistance:year_end_report", Perm.VIEW_WORK, GROUP, 79),
    MenuItem("求职登记", "assistance:seeker_list", Perm.VIEW_WORK, JOBS, 80),
    MenuItem("就业培训", "assistance:training_list", Perm.VIEW_WORK, JOBS, 81),
    MenuItem("招聘会", "assistance:fair_list", Perm.VIEW_WORK, JOBS, 82),
    MenuItem("就业安置", "assistance:placement_list", Perm.VIEW_WORK, JOBS, 83),
)
