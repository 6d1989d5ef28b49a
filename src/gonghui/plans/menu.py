"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("工作要点", "plans:plan_list", Perm.VIEW_PLANS, "目标管理", 30),
    MenuItem("我的分解目标", "plans:my_shares", Perm.VIEW_PLANS, "目标管理", 31),
    MenuItem("目标考核", "plans:scheme_list", Perm.VIEW_PLANS, "目标管理", 32),
)
