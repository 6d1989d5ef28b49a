"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

GROUP = "维权服务"

register_menu(
    MenuItem("我的诉求", "rights:my_orders", Perm.SELF_SERVICE, "个人中心", 6),
    MenuItem("12351热线工单", "rights:order_list", Perm.VIEW_WORK, GROUP, 60),
    MenuItem("劳动争议案件", "rights:dispute_list", Perm.VIEW_WORK, GROUP, 61),
    MenuItem("调解委员会", "rights:committee_list", Perm.VIEW_WORK, GROUP, 62),
    MenuItem("法律援助", "rights:legal_aid_list", Perm.VIEW_WORK, GROUP, 63),
    MenuItem("信访记录", "rights:petition_list", Perm.VIEW_WORK, GROUP, 64),
    MenuItem("劳动法律监督", "rights:inspection_list", Perm.VIEW_WORK, GROUP, 65),
    MenuItem("安康杯竞赛", "rights:ankang_list", Perm.VIEW_WORK, GROUP, 66),
    MenuItem("隐患报告", "rights:hazard_list", Perm.VIEW_WORK, GROUP, 67),
)
