"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("首页", "core:home", None, "概览", 0),
    MenuItem("参数设置", "core:parameter_list", Perm.MANAGE_PARAMETERS, "系统管理", 92),
    MenuItem("节假日安排", "core:holiday_list", Perm.MANAGE_PARAMETERS, "系统管理", 93),
    MenuItem("后台任务", "core:job_list", Perm.EXPORT, "概览", 1),
)
